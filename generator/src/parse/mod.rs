//! The parse stage: one markdown page in, its syntax out (front matter, headings, paragraphs,
//! tables, annotated code blocks), every piece with its span. No meaning is assigned here.

mod annotation;
mod front_matter;
mod inline;
mod markdown;

pub use markdown::parse_page;

use crate::source::{FileId, Span};
use serde::Serialize;

/// The syntax of one page.
#[derive(Debug, Serialize)]
pub struct Page {
    pub file: FileId,
    pub front_matter: Vec<FrontMatterEntry>,
    /// The first level-1 heading.
    pub title: Option<Inline>,
    /// The `Namespace: x.y` line, if the page has one.
    pub namespace: Option<Spanned<String>>,
    /// Blocks grouped under the heading that precedes them; the first section has no heading.
    pub sections: Vec<Section>,
}

/// A value with the span it was read from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct FrontMatterEntry {
    pub key: String,
    pub value: Inline,
}

/// A heading and the blocks up to the next heading of any level.
#[derive(Debug, Serialize)]
pub struct Section {
    pub level: u8,
    pub heading: Option<Inline>,
    pub blocks: Vec<Block>,
}

#[derive(Debug, Serialize)]
pub enum Block {
    Paragraph(Inline),
    Table(Table),
    Code(CodeBlock),
    /// An annotation comment not directly followed by a code block (e.g. the page annotation).
    Annotation(Annotation),
}

/// Inline content reduced to what lowering needs: plain text, links and placeholders.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Inline {
    /// Plain text: links become their text, code spans keep their backticks, emphasis markers and
    /// HTML are dropped, placeholders are left out.
    pub text: String,
    /// The same content as inline markdown, in the normal form of `crate::prose` (front matter
    /// values: as written, which is markdown too).
    pub markdown: String,
    pub links: Vec<Link>,
    /// Spans of placeholder text such as `**TODO: Add Description**`.
    pub placeholders: Vec<Span>,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Link {
    pub text: String,
    pub target: String,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct Table {
    pub header: Vec<Inline>,
    pub rows: Vec<Row>,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct Row {
    pub cells: Vec<Inline>,
    /// Cells the source line really has; GitHub tables pad or cut rows to the header's width,
    /// so this is counted from the source to let lowering report malformed rows.
    pub source_cells: usize,
    pub span: Span,
}

#[derive(Debug, Serialize)]
pub struct CodeBlock {
    /// The fence's info string, e.g. `http` or `json`.
    pub info: String,
    pub content: String,
    pub content_span: Span,
    /// The annotation comment directly before the fence.
    pub annotation: Option<Annotation>,
}

/// A `<!-- { ... } -->` comment; `value` is `None` when its JSON could not be recovered.
#[derive(Debug, Serialize)]
pub struct Annotation {
    pub value: Option<serde_json::Value>,
    pub span: Span,
}

impl Annotation {
    /// A string member of the annotation, such as `blockType`.
    pub fn get_str(&self, key: &str) -> Option<&str> {
        self.value.as_ref()?.get(key)?.as_str()
    }
}

impl Page {
    /// The sections whose heading text matches one of `names`, ignoring ASCII case.
    pub fn sections_named<'a>(
        &'a self,
        names: &'a [&'a str],
    ) -> impl Iterator<Item = &'a Section> + 'a {
        // A tab heading (`# [HTTP](#tab/http)`) opens a section of its own in markdown, but in
        // the docs it belongs to the section it sits in: a match carries on through them.
        let mut in_match = false;
        self.sections.iter().filter(move |s| {
            let Some(heading) = s.heading.as_ref() else {
                return false;
            };
            if heading.links.iter().any(|l| l.target.starts_with("#tab/")) {
                return in_match;
            }
            in_match = names
                .iter()
                .any(|n| heading.text.trim().eq_ignore_ascii_case(n));
            in_match
        })
    }

    /// Like [`Page::sections_named`], with the subsections of each match (`### Get the photo`
    /// under `## HTTP request`).
    pub fn sections_with_children<'a>(
        &'a self,
        names: &'a [&'a str],
    ) -> impl Iterator<Item = &'a Section> + 'a {
        let mut matched_level: Option<u8> = None;
        self.sections.iter().filter(move |s| {
            let Some(heading) = s.heading.as_ref() else {
                return false;
            };
            if heading.links.iter().any(|l| l.target.starts_with("#tab/")) {
                return matched_level.is_some();
            }
            if names
                .iter()
                .any(|n| heading.text.trim().eq_ignore_ascii_case(n))
            {
                matched_level = Some(s.level);
            } else if matched_level.is_some_and(|level| s.level <= level) {
                matched_level = None;
            }
            matched_level.is_some()
        })
    }

    /// The value of a front matter key.
    pub fn front_matter(&self, key: &str) -> Option<&Inline> {
        self.front_matter
            .iter()
            .find(|e| e.key == key)
            .map(|e| &e.value)
    }
}
