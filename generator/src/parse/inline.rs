//! Collects the inline events of one heading, paragraph or table cell into an [`Inline`].

use super::{Inline, Link};
use crate::prose::{code_span, collapse_whitespace_owned, escape_literal, written_target};
use crate::source::Span;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// Accumulates inline events; `finish` yields the [`Inline`].
pub struct InlineBuilder {
    base: Span,
    text: String,
    /// The same content in the normal form of `crate::prose`.
    markdown: String,
    links: Vec<Link>,
    placeholders: Vec<Span>,
    /// Open links: (target, text length when the link started, source start).
    open_links: Vec<(String, usize, usize)>,
    /// Open strong/emphasis runs: (text length and markdown length when it started, source
    /// start).
    open_strong: Vec<(usize, usize, usize)>,
}

impl InlineBuilder {
    /// `base` is the span of the whole block; ranges from pulldown-cmark are absolute offsets.
    pub fn new(base: Span) -> Self {
        InlineBuilder {
            base,
            text: String::new(),
            markdown: String::new(),
            links: Vec::new(),
            placeholders: Vec::new(),
            open_links: Vec::new(),
            open_strong: Vec::new(),
        }
    }

    fn span(&self, range: Range<usize>) -> Span {
        Span::new(self.base.file, range)
    }

    /// Feeds one event; returns false for events that are not inline content.
    pub fn event(&mut self, event: &Event, range: Range<usize>) -> bool {
        match event {
            Event::Text(t) => {
                self.text.push_str(t);
                self.markdown.push_str(&escape_literal(t));
            }
            Event::Code(c) => {
                self.text.push('`');
                self.text.push_str(c);
                self.text.push('`');
                self.markdown.push_str(&code_span(c));
            }
            Event::SoftBreak | Event::HardBreak => {
                self.text.push(' ');
                self.markdown.push(' ');
            }
            Event::InlineHtml(html) => {
                // `<br>` separates lines inside table cells; other inline HTML carries no text.
                if html.to_ascii_lowercase().starts_with("<br") {
                    self.text.push(' ');
                    self.markdown.push(' ');
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.open_links
                    .push((dest_url.to_string(), self.text.len(), range.start));
                self.markdown.push('[');
            }
            Event::End(TagEnd::Link) => {
                if let Some((target, at, start)) = self.open_links.pop() {
                    self.markdown.push_str("](<");
                    self.markdown.push_str(&written_target(&target));
                    self.markdown.push_str(">)");
                    self.links.push(Link {
                        text: self.text[at..].to_owned(),
                        target,
                        span: self.span(start..range.end),
                    });
                }
            }
            Event::Start(tag @ (Tag::Strong | Tag::Emphasis)) => {
                self.open_strong
                    .push((self.text.len(), self.markdown.len(), range.start));
                self.markdown
                    .push_str(emphasis_marker(matches!(tag, Tag::Strong)));
            }
            Event::End(end @ (TagEnd::Strong | TagEnd::Emphasis)) => {
                if let Some((at, markdown_at, start)) = self.open_strong.pop() {
                    // Graph's templates leave `**TODO: ...**` where content belongs; it is not
                    // content, so it is cut out of the text and remembered as a placeholder.
                    if is_placeholder(&self.text[at..]) {
                        self.text.truncate(at);
                        self.markdown.truncate(markdown_at);
                        self.placeholders.push(self.span(start..range.end));
                    } else {
                        let marker = emphasis_marker(matches!(end, TagEnd::Strong));
                        self.markdown.push_str(marker);
                    }
                }
            }
            Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => {}
            _ => return false,
        }
        true
    }

    /// Ends the inline; `source` is the page text, used to locate placeholders that markdown
    /// left as literal text (`**TODO: x **` is not emphasis: the closing `**` follows a space).
    pub fn finish(mut self, range: Range<usize>, source: &str) -> Inline {
        let span = self.span(range.clone());
        if self.text.contains("**TODO") {
            // One pass, so that a line of many placeholders takes linear time: each is cut from
            // the text and located in the source after the one before it.
            let text = std::mem::take(&mut self.text);
            let region = source.get(range.clone()).unwrap_or("");
            let mut cursor = 0;
            let mut searchable = true;
            let mut rest = text.as_str();
            while let Some(start) = rest.find("**TODO") {
                self.text.push_str(&rest[..start]);
                let after = &rest[start..];
                let end = after[2..].find("**").map_or(after.len(), |i| 2 + i + 2);
                let literal = &after[..end];
                // Once a placeholder is not found as written (entities, escapes), the rest are
                // not searched for either: each search would scan to the end of the block.
                let found = searchable
                    .then(|| region[cursor..].find(literal))
                    .flatten()
                    .map(|at| cursor + at);
                let placeholder = match found {
                    Some(at) => {
                        cursor = at + literal.len();
                        self.span(range.start + at..range.start + cursor)
                    }
                    None => {
                        searchable = false;
                        span
                    }
                };
                self.placeholders.push(placeholder);
                rest = &after[end..];
            }
            self.text.push_str(rest);
            // Placeholders written as literal text are cut from the text only; the markdown
            // is the text's then (it loses emphasis and links, on a page with a TODO left in).
            self.markdown = escape_literal(&self.text);
        }
        self.placeholders.sort();
        Inline {
            text: collapse_whitespace_owned(self.text),
            markdown: collapse_whitespace_owned(self.markdown),
            links: self.links,
            placeholders: self.placeholders,
            span,
        }
    }
}

fn emphasis_marker(strong: bool) -> &'static str {
    if strong {
        "**"
    } else {
        "*"
    }
}

/// Whether text is a template placeholder such as `TODO: Add Description`.
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim_start();
    // `get` because the fifth byte may be inside a character (`ünï`).
    t.get(..4).is_some_and(|w| w.eq_ignore_ascii_case("todo"))
        && !t[4..].starts_with(char::is_alphanumeric)
}
