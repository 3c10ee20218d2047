//! Front matter: the `---` block of flat `key: "value"` lines at the top of a Graph page.
//!
//! Graph pages only ever use flat string scalars here, and diagnostics need the span of each
//! value (to point at a `**TODO**` author, say), which YAML crates do not expose on their value
//! APIs; so this reads the flat subset directly and reports anything else.

use super::inline::is_placeholder;
use super::{FrontMatterEntry, Inline};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::source::Span;

/// Parses the metadata block text; `span` is the span of `text` in the page.
pub fn parse_front_matter(
    text: &str,
    span: Span,
    diags: &mut Diagnostics,
) -> Vec<FrontMatterEntry> {
    let mut entries = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let line_start = offset;
        offset += line.len();
        let content = line.trim_end();
        if content.trim().is_empty() || content.trim_start().starts_with('#') {
            continue;
        }
        let Some(colon) = content.find(':').filter(|_| !content.starts_with(' ')) else {
            diags.push(
                Diagnostic::new(
                    Code::FrontMatterMalformed,
                    span.subspan(line_start..line_start + content.len()),
                    "front matter line is not `key: value`",
                )
                .help("Graph front matter is a flat list of `key: \"value\"` lines; this line is ignored"),
            );
            continue;
        };
        let key = content[..colon].trim().to_owned();
        let raw = &content[colon + 1..];
        let value_start = line_start + colon + 1 + (raw.len() - raw.trim_start().len());
        let raw = raw.trim();
        let quoted = raw
            .strip_prefix('"')
            .and_then(|r| r.strip_suffix('"'))
            .or_else(|| raw.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')));
        let (value, value_range) = match quoted {
            Some(inner) => (inner, value_start + 1..value_start + 1 + inner.len()),
            None => (raw, value_start..value_start + raw.len()),
        };
        let value_span = span.subspan(value_range);
        let mut placeholders = Vec::new();
        let text = if is_placeholder(value.trim_start_matches('*')) {
            placeholders.push(value_span);
            String::new()
        } else {
            value.to_owned()
        };
        entries.push(FrontMatterEntry {
            key,
            value: Inline {
                markdown: text.clone(),
                text,
                links: Vec::new(),
                placeholders,
                span: value_span,
            },
        });
    }
    entries
}
