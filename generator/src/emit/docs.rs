//! Doc comments for generated items: text from the docs, made safe for rustdoc, and a pointer
//! back to the page and line it came from.

use super::Context;
use crate::source::Span;
use proc_macro2::TokenStream;
use quote::quote;

pub use super::doc_escape::escape;

impl Context<'_> {
    /// `` `api/user-update.md` line 45 ``: the page relative to the docs root, which is how a
    /// reader of the docs finds it (a repository path would mean nothing to a crate's user).
    pub fn source_ref(&self, span: Span) -> String {
        let (path, line) = self.path_line(span);
        format!("`{path}` line {line}")
    }
}

/// `#[doc = …]` attributes, one per line, with a leading space as `///` would have.
pub fn doc_attrs(lines: &[String]) -> TokenStream {
    let lines = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    quote! { #( #[doc = #lines] )* }
}

/// Paragraphs joined by empty doc lines; empty paragraphs are skipped.
pub fn paragraphs(parts: impl IntoIterator<Item = String>) -> Vec<String> {
    let mut lines = Vec::new();
    for part in parts.into_iter().filter(|p| !p.trim().is_empty()) {
        if !lines.is_empty() {
            lines.push(String::new());
        }
        lines.extend(part.lines().map(str::to_owned));
    }
    lines
}
