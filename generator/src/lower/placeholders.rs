//! Reports template placeholders (`**TODO: …**`) left where content belongs: in front matter,
//! paragraphs and tables. One diagnostic per front matter key, paragraph or table, so that a
//! table of fifty TODO descriptions is one finding, not fifty.

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::parse::{Block, Inline, Page};
use crate::source::Span;

/// Secondary labels shown per diagnostic; the rest are counted in the message.
const MAX_LABELS: usize = 3;

pub fn report(page: &Page, diags: &mut Diagnostics) {
    for entry in &page.front_matter {
        if let Some(&span) = entry.value.placeholders.first() {
            diags.push(
                Diagnostic::new(
                    Code::PlaceholderText,
                    span,
                    format!("front matter `{}` is a placeholder", entry.key),
                )
                .label("placeholder"),
            );
        }
    }
    for section in &page.sections {
        for block in &section.blocks {
            match block {
                Block::Paragraph(p) => report_spans(&p.placeholders, "paragraph", diags),
                Block::Table(t) => {
                    let cells = t.header.iter().chain(t.rows.iter().flat_map(|r| &r.cells));
                    let spans: Vec<Span> = cells
                        .flat_map(|c: &Inline| c.placeholders.iter().copied())
                        .collect();
                    report_spans(&spans, "table", diags);
                }
                Block::Code(_) | Block::Annotation(_) => {}
            }
        }
    }
}

fn report_spans(spans: &[Span], what: &str, diags: &mut Diagnostics) {
    let Some((&first, rest)) = spans.split_first() else {
        return;
    };
    let message = if rest.is_empty() {
        format!("placeholder text in this {what}")
    } else {
        format!("{} placeholders in this {what}", spans.len())
    };
    let mut diagnostic = Diagnostic::new(Code::PlaceholderText, first, message)
        .label("placeholder")
        .help("write the content, or leave the cell empty; placeholders are left out of the generated docs");
    for &span in rest.iter().take(MAX_LABELS) {
        diagnostic = diagnostic.secondary(span, "placeholder");
    }
    if rest.len() > MAX_LABELS {
        diagnostic.message += &format!(" ({} more not shown)", rest.len() - MAX_LABELS);
    }
    diags.push(diagnostic);
}
