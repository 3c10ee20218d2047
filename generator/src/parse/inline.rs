//! Collects the inline events of one heading, paragraph or table cell into an [`Inline`].

use super::{Inline, Link};
use crate::source::Span;
use pulldown_cmark::{Event, Tag, TagEnd};
use std::ops::Range;

/// Accumulates inline events; `finish` yields the [`Inline`].
pub struct InlineBuilder {
    base: Span,
    text: String,
    links: Vec<Link>,
    placeholders: Vec<Span>,
    /// Open links: (target, text length when the link started, source start).
    open_links: Vec<(String, usize, usize)>,
    /// Open strong/emphasis runs: (text length when it started, source start).
    open_strong: Vec<(usize, usize)>,
}

impl InlineBuilder {
    /// `base` is the span of the whole block; ranges from pulldown-cmark are absolute offsets.
    pub fn new(base: Span) -> Self {
        InlineBuilder {
            base,
            text: String::new(),
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
            Event::Text(t) => self.text.push_str(t),
            Event::Code(c) => {
                self.text.push('`');
                self.text.push_str(c);
                self.text.push('`');
            }
            Event::SoftBreak | Event::HardBreak => self.text.push(' '),
            Event::InlineHtml(html) => {
                // `<br>` separates lines inside table cells; other inline HTML carries no text.
                if html.to_ascii_lowercase().starts_with("<br") {
                    self.text.push(' ');
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                self.open_links
                    .push((dest_url.to_string(), self.text.len(), range.start));
            }
            Event::End(TagEnd::Link) => {
                if let Some((target, at, start)) = self.open_links.pop() {
                    self.links.push(Link {
                        text: self.text[at..].to_owned(),
                        target,
                        span: self.span(start..range.end),
                    });
                }
            }
            Event::Start(Tag::Strong | Tag::Emphasis) => {
                self.open_strong.push((self.text.len(), range.start));
            }
            Event::End(TagEnd::Strong | TagEnd::Emphasis) => {
                if let Some((at, start)) = self.open_strong.pop() {
                    // Graph's templates leave `**TODO: ...**` where content belongs; it is not
                    // content, so it is cut out of the text and remembered as a placeholder.
                    if is_placeholder(&self.text[at..]) {
                        self.text.truncate(at);
                        self.placeholders.push(self.span(start..range.end));
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
        while let Some(start) = self.text.find("**TODO") {
            let end = self.text[start + 2..]
                .find("**")
                .map_or(self.text.len(), |i| start + 2 + i + 2);
            let literal = self.text[start..end].to_owned();
            let placeholder = match source[range.clone()].find(&literal) {
                Some(at) => self.span(range.start + at..range.start + at + literal.len()),
                None => span,
            };
            self.placeholders.push(placeholder);
            self.text.replace_range(start..end, "");
        }
        self.placeholders.sort();
        Inline {
            text: self.text.split_whitespace().collect::<Vec<_>>().join(" "),
            links: self.links,
            placeholders: self.placeholders,
            span,
        }
    }
}

/// Whether text is a template placeholder such as `TODO: Add Description`.
pub fn is_placeholder(text: &str) -> bool {
    let t = text.trim_start();
    t.len() >= 4
        && t[..4].eq_ignore_ascii_case("todo")
        && !t[4..].starts_with(char::is_alphanumeric)
}
