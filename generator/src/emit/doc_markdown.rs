//! Descriptions rendered for rustdoc. A description is the docs' inline markdown
//! (`crate::prose`); it is parsed back and written again so that what rustdoc shows is what the
//! docs meant: emphasis and code kept, a link to a documented type an intra-doc link to its
//! model, a web link kept, any other link reduced to its text (a page of the docs means nothing
//! to a crate's user), a GitHub note marker (`[!NOTE]`) named in words, and all other text
//! escaped as literal (`doc_escape::literal`), so that no description can open a code block (a
//! doctest), an HTML element or a broken link.

use super::doc_escape::{code_span, literal};
use super::Context;
use crate::ir::QualifiedName;
use crate::source::FileId;
use pulldown_cmark::{BrokenLink, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use std::collections::BTreeMap;

/// What a note marker at the start of a quote (`> [!NOTE]`) is written as.
const NOTE_MARKERS: &[(&str, &str)] = &[
    ("[!NOTE]", "**Note:**"),
    ("[!TIP]", "**Tip:**"),
    ("[!IMPORTANT]", "**Important:**"),
    ("[!WARNING]", "**Warning:**"),
    ("[!CAUTION]", "**Caution:**"),
];

/// The page that declares each type first (its resource page), which is what a link to the
/// type's page names.
pub fn types_by_page(ir: &crate::ir::Ir) -> BTreeMap<FileId, QualifiedName> {
    let mut by_page = BTreeMap::new();
    for def in ir.types.values() {
        if let Some(span) = def.declared_at.first() {
            by_page.entry(span.file).or_insert_with(|| def.name.clone());
        }
    }
    by_page
}

impl Context<'_> {
    /// `markdown`, written on page `from`, as doc-comment markdown.
    pub fn description(&self, from: FileId, markdown: &str) -> String {
        render(markdown, &mut |target| self.link_to(from, target))
    }

    /// A type's description, read from the page that declares it first.
    pub fn type_description(&self, def: &crate::ir::TypeDef) -> String {
        match (&def.description, def.declared_at.first()) {
            (Some(d), Some(at)) => self.description(at.file, d),
            _ => String::new(),
        }
    }

    /// Where a link of page `from` goes in the crate: the model of the type whose page it
    /// names, or the address of a web page; `None` for anything else.
    fn link_to(&self, from: FileId, target: &str) -> Option<String> {
        if target.starts_with("https://") || target.starts_with("http://") {
            let plain = !target.contains(|c: char| c.is_whitespace() || matches!(c, '(' | ')'));
            return plain.then(|| target.to_owned());
        }
        let page = self.resolve_link(from, target)?;
        let ty = self.type_of_page(page)?;
        // A model of a disabled area is still a type alias, so the link resolves whatever
        // features are on.
        self.type_name(ty)
            .map(|name| format!("crate::models::{name}"))
    }
}

/// Renders `markdown`, asking `link_to` where each link goes.
pub fn render(markdown: &str, link_to: &mut dyn FnMut(&str) -> Option<String>) -> String {
    // `[text][]` and `[text][ref]` with no definition (front matter cannot hold one) are links
    // to nowhere: their text is kept and their brackets dropped. A bare `[text]` stays text.
    let mut undefined_reference = |link: BrokenLink<'_>| {
        matches!(link.link_type, LinkType::Collapsed | LinkType::Reference)
            .then(|| (CowStr::from(""), CowStr::from("")))
    };
    let parser = Parser::new_with_broken_link_callback(
        markdown,
        Options::empty(),
        Some(&mut undefined_reference),
    );
    let mut out = String::with_capacity(markdown.len() + 16);
    // Where each open link or emphasis began in `out`, with what closes it.
    let mut open: Vec<(usize, Open)> = Vec::new();
    for event in pulldown_cmark::TextMergeStream::new(parser) {
        match event {
            Event::Text(text) => push_text(&mut out, &text),
            Event::Code(code) => out.push_str(&code_span(&code)),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            Event::InlineHtml(html) | Event::Html(html)
                if html.to_ascii_lowercase().starts_with("<br") =>
            {
                out.push(' ');
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                open.push((out.len(), Open::Link(dest_url.to_string())));
            }
            Event::Start(Tag::Strong) => open.push((out.len(), Open::Strong)),
            Event::Start(Tag::Emphasis) => open.push((out.len(), Open::Emphasis)),
            Event::End(TagEnd::Link | TagEnd::Strong | TagEnd::Emphasis) => {
                if let Some((start, what)) = open.pop() {
                    let inner = out.split_off(start);
                    out.push_str(&close(&inner, what, link_to));
                }
            }
            Event::Start(Tag::Item) => out.push_str("- "),
            Event::End(TagEnd::Item) => out.push('\n'),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::List(_),
            ) => {
                out.push_str("\n\n");
            }
            _ => {}
        }
    }
    // Blank lines only between blocks, and none at the ends.
    let mut text = String::with_capacity(out.len());
    for block in out.split("\n\n").map(str::trim).filter(|b| !b.is_empty()) {
        if !text.is_empty() {
            text.push_str("\n\n");
        }
        text.push_str(block);
    }
    text
}

enum Open {
    Link(String),
    Strong,
    Emphasis,
}

/// A closed link or emphasis around its rendered `inner` text.
fn close(inner: &str, what: Open, link_to: &mut dyn FnMut(&str) -> Option<String>) -> String {
    let trimmed = inner.trim();
    if trimmed.is_empty() {
        return inner.to_owned();
    }
    let (lead, trail) = (
        &inner[..inner.len() - inner.trim_start().len()],
        &inner[inner.trim_end().len()..],
    );
    let wrapped = match what {
        Open::Link(target) => match link_to(&target) {
            // A link inside a link is not one: rustdoc would warn, and the outer one wins.
            Some(dest) if !trimmed.contains("](") => format!("[{trimmed}]({dest})"),
            _ => trimmed.to_owned(),
        },
        Open::Strong => emphasis(trimmed, "**", "strong"),
        Open::Emphasis => emphasis(trimmed, "*", "em"),
    };
    format!("{lead}{wrapped}{trail}")
}

/// `**text**` where markdown reads it so wherever it stands (it starts and ends with a letter
/// or digit); otherwise the HTML element, which does not depend on what surrounds it.
fn emphasis(text: &str, marker: &str, element: &str) -> String {
    let word_edges =
        text.starts_with(char::is_alphanumeric) && text.ends_with(char::is_alphanumeric);
    if word_edges {
        format!("{marker}{text}{marker}")
    } else {
        format!("<{element}>{text}</{element}>")
    }
}

/// Literal text, with note markers named.
fn push_text(out: &mut String, text: &str) {
    let mut rest = text;
    while let Some((at, marker, words)) = NOTE_MARKERS
        .iter()
        .filter_map(|(marker, words)| {
            find_ignore_case(rest, marker).map(|at| (at, *marker, *words))
        })
        .min_by_key(|(at, _, _)| *at)
    {
        out.push_str(&literal(&rest[..at], at_line_start(out)));
        out.push_str(words);
        rest = &rest[at + marker.len()..];
    }
    out.push_str(&literal(rest, at_line_start(out)));
}

fn at_line_start(out: &str) -> bool {
    out.is_empty() || out.ends_with('\n')
}

fn find_ignore_case(text: &str, needle: &str) -> Option<usize> {
    text.as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::render;

    fn plain(markdown: &str) -> String {
        render(markdown, &mut |target| {
            (target == "../resources/user.md").then(|| "crate::models::User".to_owned())
        })
    }

    #[test]
    fn emphasis_and_code_are_kept() {
        assert_eq!(
            plain("Update a **plannerTask** `id` *now*."),
            "Update a **plannerTask** `id` *now*."
        );
        // Strong in the docs, but `**` would not be beside a letter: the element is.
        assert_eq!(plain("a **(x)**, b"), "a <strong>(x)</strong>, b");
        assert_eq!(plain("**(x)**y"), "\\*\\*(x)\\*\\*y");
    }

    #[test]
    fn links_to_types_become_intra_doc_links_and_others_their_text() {
        assert_eq!(
            plain("A [user](<../resources/user.md>) or [group](<../resources/group.md>)."),
            "A [user](crate::models::User) or group."
        );
        // A reference with no definition is its text; a bare bracket stays literal.
        assert_eq!(
            plain("the **[listItem][]** of PCR[0]"),
            "the **listItem** of PCR\\[0\\]"
        );
    }

    #[test]
    fn note_markers_are_named_and_text_stays_literal() {
        assert_eq!(
            plain("\\[!NOTE\\] Use \\<b\\> and a\\_b."),
            "**Note:** Use &lt;b&gt; and a\\_b."
        );
        assert_eq!(
            plain("See https://example.com."),
            "See <https://example.com>."
        );
    }

    #[test]
    fn nothing_opens_a_block() {
        assert_eq!(plain("    indented"), "indented");
        assert_eq!(plain("```\ncode\n```"), "code");
    }
}
