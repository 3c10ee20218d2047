//! Doc comments for generated items: text from the docs, made safe for rustdoc, and a pointer
//! back to the page and line it came from.

use super::Context;
use crate::source::Span;
use proc_macro2::TokenStream;
use quote::quote;

/// Escapes text so rustdoc reads it as the plain prose it is: square brackets would become
/// intra-doc links, angle brackets HTML, and `*`/`_` emphasis. Code spans are left alone.
pub fn escape(text: &str) -> String {
    // Backticks pair up in order; a last unpaired one is escaped rather than opening a code
    // span that would swallow the rest of the text (and its brackets) unescaped.
    let ticks = text.matches('`').count();
    let mut paired_left = ticks - ticks % 2;
    let mut out = String::with_capacity(text.len());
    let mut in_code = false;
    for c in text.chars() {
        if c == '`' {
            if paired_left == 0 {
                out.push_str("\\`");
                continue;
            }
            paired_left -= 1;
            in_code = !in_code;
            out.push(c);
            continue;
        }
        if in_code {
            out.push(c);
            continue;
        }
        match c {
            // Bidirectional controls could make the comment read differently from the code
            // (rustc denies them in comments); they carry no meaning in a description.
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => {}
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '*' => out.push_str("\\*"),
            '_' => out.push_str("\\_"),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
    }
    out
}

impl Context<'_> {
    /// `` `docs/api/user-update.md` line 45 ``
    pub fn source_ref(&self, span: Span) -> String {
        let (path, line) = self.sources.path_line(span);
        format!("`{}/{path}` line {line}", self.options.docs_label)
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

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn prose_is_escaped_and_code_is_not() {
        assert_eq!(escape("a [b] `x[0]` c"), "a \\[b\\] `x[0]` c");
        assert_eq!(
            escape("an unclosed `span and [t][u]"),
            "an unclosed \\`span and \\[t\\]\\[u\\]"
        );
        assert_eq!(escape("<br> *x* a_b"), "&lt;br&gt; \\*x\\* a\\_b");
    }
}
