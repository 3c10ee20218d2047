//! The event loop over pulldown-cmark's offset iterator that turns one page into a [`Page`].

use super::annotation::annotations_in_html;
use super::front_matter::parse_front_matter;
use super::inline::InlineBuilder;
use super::{Annotation, Block, CodeBlock, Inline, Page, Row, Section, Spanned, Table};
use crate::diagnostic::Diagnostics;
use crate::source::{FileId, SourceFile, Span};
use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// What the loop is in the middle of.
enum State {
    Idle,
    Heading {
        level: u8,
        inline: InlineBuilder,
        start: usize,
    },
    Paragraph {
        inline: InlineBuilder,
        start: usize,
    },
    Table(TableState),
    Code {
        info: String,
        content: String,
        range: Option<Range<usize>>,
    },
    Html {
        text: String,
        range: Range<usize>,
    },
}

struct TableState {
    start: usize,
    header: Vec<Inline>,
    rows: Vec<Row>,
    in_header: bool,
    row: Vec<Inline>,
    row_range: Range<usize>,
    cell: Option<(InlineBuilder, usize)>,
}

/// Parses one page. Never fails: whatever cannot be read becomes a diagnostic.
pub fn parse_page(file: FileId, source: &SourceFile, diags: &mut Diagnostics) -> Page {
    let text = source.text.as_str();
    let span = |range: Range<usize>| Span::new(file, range);
    let mut page = Page {
        file,
        front_matter: Vec::new(),
        title: None,
        namespace: None,
        sections: vec![Section {
            level: 0,
            heading: None,
            blocks: Vec::new(),
        }],
    };
    // An annotation waits here until we see whether a code block follows it directly.
    let mut pending: Vec<Annotation> = Vec::new();
    let mut state = State::Idle;
    // Front matter is split off by hand: pulldown-cmark's metadata-block option also takes a
    // `---` … `---` pair in the middle of a page for metadata, swallowing the headings between.
    let body_start = match split_front_matter(text) {
        Some((fm, body_start)) => {
            page.front_matter = parse_front_matter(&text[fm.clone()], span(fm), diags);
            body_start
        }
        None => 0,
    };
    let options = Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH;

    let body = tabs_out_of_delimiter_rows(&text[body_start..]);
    for (event, range) in Parser::new_ext(&body, options).into_offset_iter() {
        let range = range.start + body_start..range.end + body_start;
        state = match (state, event) {
            (State::Idle, Event::Start(Tag::Heading { level, .. })) => State::Heading {
                level: level as u8,
                inline: InlineBuilder::new(span(range.clone())),
                start: range.start,
            },
            (
                State::Heading {
                    level,
                    inline,
                    start,
                },
                Event::End(TagEnd::Heading(_)),
            ) => {
                flush_pending(&mut pending, &mut page);
                let heading = inline.finish(trimmed(text, start..range.end), text);
                if level == 1 && page.title.is_none() {
                    page.title = Some(heading.clone());
                }
                page.sections.push(Section {
                    level,
                    heading: Some(heading),
                    blocks: Vec::new(),
                });
                State::Idle
            }
            (State::Idle, Event::Start(Tag::Paragraph)) => State::Paragraph {
                inline: InlineBuilder::new(span(range.clone())),
                start: range.start,
            },
            (State::Paragraph { inline, start }, Event::End(TagEnd::Paragraph)) => {
                flush_pending(&mut pending, &mut page);
                let paragraph = inline.finish(trimmed(text, start..range.end), text);
                if page.namespace.is_none() {
                    page.namespace = namespace_line(&paragraph, text);
                }
                push_block(&mut page, Block::Paragraph(paragraph));
                State::Idle
            }
            (State::Idle, Event::Start(Tag::Table(_))) => State::Table(TableState {
                start: range.start,
                header: Vec::new(),
                rows: Vec::new(),
                in_header: false,
                row: Vec::new(),
                row_range: range.clone(),
                cell: None,
            }),
            (State::Table(t), Event::End(TagEnd::Table)) => {
                flush_pending(&mut pending, &mut page);
                push_block(
                    &mut page,
                    Block::Table(Table {
                        header: t.header,
                        rows: t.rows,
                        span: span(t.start..range.end),
                    }),
                );
                State::Idle
            }
            (State::Table(mut t), Event::Start(Tag::TableHead)) => {
                t.in_header = true;
                t.row_range = range;
                State::Table(t)
            }
            (State::Table(mut t), Event::End(TagEnd::TableHead)) => {
                t.header = std::mem::take(&mut t.row);
                t.in_header = false;
                State::Table(t)
            }
            (State::Table(mut t), Event::Start(Tag::TableRow)) => {
                t.row_range = range;
                State::Table(t)
            }
            (State::Table(mut t), Event::End(TagEnd::TableRow)) => {
                let row_text = &text[t.row_range.clone()];
                t.rows.push(Row {
                    cells: std::mem::take(&mut t.row),
                    source_cells: count_source_cells(row_text),
                    span: span(trimmed(text, t.row_range.clone())),
                });
                State::Table(t)
            }
            (State::Table(mut t), Event::Start(Tag::TableCell)) => {
                t.cell = Some((InlineBuilder::new(span(range.clone())), range.start));
                State::Table(t)
            }
            (State::Table(mut t), Event::End(TagEnd::TableCell)) => {
                if let Some((inline, start)) = t.cell.take() {
                    t.row
                        .push(inline.finish(trimmed(text, start..range.end), text));
                }
                State::Table(t)
            }
            (State::Table(mut t), event) => {
                if let Some((inline, _)) = t.cell.as_mut() {
                    inline.event(&event, range);
                }
                State::Table(t)
            }
            (State::Idle, Event::Start(Tag::CodeBlock(kind))) => State::Code {
                info: match kind {
                    CodeBlockKind::Fenced(info) => info.trim().to_owned(),
                    CodeBlockKind::Indented => String::new(),
                },
                content: String::new(),
                range: None,
            },
            (
                State::Code {
                    info,
                    mut content,
                    range: r,
                },
                Event::Text(t),
            ) => {
                content.push_str(&t);
                let r = r.map_or(range.clone(), |r| r.start..range.end);
                State::Code {
                    info,
                    content,
                    range: Some(r),
                }
            }
            (
                State::Code {
                    info,
                    content,
                    range: r,
                },
                Event::End(TagEnd::CodeBlock),
            ) => {
                // An empty block has no text event; point at the fence instead.
                let content_span = span(r.unwrap_or(range));
                let annotation = pending.pop();
                flush_pending(&mut pending, &mut page);
                push_block(
                    &mut page,
                    Block::Code(CodeBlock {
                        info,
                        content,
                        content_span,
                        annotation,
                    }),
                );
                State::Idle
            }
            (State::Idle, Event::Start(Tag::HtmlBlock)) => State::Html {
                text: String::new(),
                range,
            },
            (State::Html { mut text, range: r }, Event::Html(h)) => {
                text.push_str(&h);
                State::Html { text, range: r }
            }
            (
                State::Html {
                    text: html,
                    range: r,
                },
                Event::End(TagEnd::HtmlBlock),
            ) => {
                let found = annotations_in_html(&html, span(r.start..r.start + html.len()), diags);
                if !found.is_empty() {
                    flush_pending(&mut pending, &mut page);
                    pending.extend(found);
                }
                State::Idle
            }
            (
                State::Heading {
                    level,
                    mut inline,
                    start,
                },
                event,
            ) => {
                inline.event(&event, range);
                State::Heading {
                    level,
                    inline,
                    start,
                }
            }
            (State::Paragraph { mut inline, start }, event) => {
                inline.event(&event, range);
                State::Paragraph { inline, start }
            }
            (state, _) => state,
        };
    }
    flush_pending(&mut pending, &mut page);
    page
}

/// Finds a front matter block: `---` on the first line up to the next line that is `---` or
/// `...`. Returns the range of its content and where the markdown body starts.
fn split_front_matter(text: &str) -> Option<(Range<usize>, usize)> {
    let first = text.lines().next()?;
    if first.trim_end() != "---" {
        return None;
    }
    let content_start = text.find('\n')? + 1;
    let mut offset = content_start;
    for line in text[content_start..].split_inclusive('\n') {
        if matches!(line.trim_end(), "---" | "...") {
            return Some((content_start..offset, offset + line.len()));
        }
        offset += line.len();
    }
    None
}

/// GitHub tables do not allow tabs in the `|---|---|` row, but writers put them there; a tab
/// becomes a space (one byte for one, so every offset stays true) in such rows only.
fn tabs_out_of_delimiter_rows(text: &str) -> std::borrow::Cow<'_, str> {
    let is_delimiter_row = |line: &str| {
        line.contains('|')
            && line.contains('-')
            && line.contains('\t')
            && line
                .chars()
                .all(|c| matches!(c, '|' | '-' | ':' | ' ' | '\t' | '\r' | '\n'))
    };
    if !text.split_inclusive('\n').any(is_delimiter_row) {
        return std::borrow::Cow::Borrowed(text);
    }
    std::borrow::Cow::Owned(
        text.split_inclusive('\n')
            .map(|line| {
                if is_delimiter_row(line) {
                    line.replace('\t', " ")
                } else {
                    line.to_owned()
                }
            })
            .collect(),
    )
}

/// Annotations not followed directly by a code block stand on their own.
fn flush_pending(pending: &mut Vec<Annotation>, page: &mut Page) {
    for annotation in pending.drain(..) {
        push_block(page, Block::Annotation(annotation));
    }
}

fn push_block(page: &mut Page, block: Block) {
    page.sections
        .last_mut()
        .expect("there is always a first section")
        .blocks
        .push(block);
}

/// Recognises `Namespace: microsoft.graph` and returns the namespace with its span.
fn namespace_line(paragraph: &Inline, text: &str) -> Option<Spanned<String>> {
    let rest = paragraph.text.strip_prefix("Namespace:")?.trim();
    let name = rest.split_whitespace().next()?;
    let source = &text[paragraph.span.range()];
    let at = source.find(name)?;
    Some(Spanned {
        value: name.to_owned(),
        span: paragraph.span.subspan(at..at + name.len()),
    })
}

/// The range without surrounding whitespace (pulldown-cmark's row ranges include the newline).
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.start + slice.trim_end().len();
    start..end.max(start)
}

/// Counts the cells a table row has in the source: pipes outside code spans and not escaped
/// separate cells, and a leading or trailing pipe does not start an extra one.
fn count_source_cells(row: &str) -> usize {
    let row = row.trim();
    let mut cells = 1;
    let mut in_code = false;
    let mut escaped = false;
    for c in row.chars() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '`' => in_code = !in_code,
            '|' if !in_code => cells += 1,
            _ => {}
        }
    }
    if row.starts_with('|') {
        cells -= 1;
    }
    if row.len() > 1 && row.ends_with('|') && !row.ends_with("\\|") {
        cells -= 1;
    }
    cells
}

#[cfg(test)]
mod tests {
    use super::count_source_cells;

    #[test]
    fn source_cells_ignore_outer_pipes_and_code() {
        assert_eq!(count_source_cells("|a|b|c|"), 3);
        assert_eq!(count_source_cells("a|b|c"), 3);
        assert_eq!(count_source_cells("|a|`x|y`|c|"), 3);
        assert_eq!(count_source_cells("|a|b\\|c|"), 2);
        assert_eq!(count_source_cells("|a||"), 2);
    }
}
