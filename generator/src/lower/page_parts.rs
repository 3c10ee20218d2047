//! Where things are on a parsed page: the blocks, tables and code blocks of some sections, and
//! the flags of a code block's annotation; read by the passes that lower one page.

use crate::parse::{Annotation, Block, CodeBlock, Page, Section, Table};

/// Headings of the section that holds an API page's request lines.
pub(super) const REQUEST_HEADINGS: &[&str] = &["HTTP request", "HTTP requests"];

pub(super) fn blocks<'a>(
    sections: impl Iterator<Item = &'a Section>,
) -> impl Iterator<Item = &'a Block> {
    sections.flat_map(|s| &s.blocks)
}

pub(super) fn tables<'a>(
    sections: impl Iterator<Item = &'a Section>,
) -> impl Iterator<Item = &'a Table> {
    blocks(sections).filter_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    })
}

pub(super) fn code_blocks(page: &Page) -> impl Iterator<Item = &CodeBlock> {
    blocks(page.sections.iter()).filter_map(|b| match b {
        Block::Code(c) => Some(c),
        _ => None,
    })
}

/// A boolean annotation member, written as `true` or `"true"`.
pub(super) fn annotation_flag(annotation: &Annotation, key: &str) -> bool {
    match annotation.value.as_ref().and_then(|v| v.get(key)) {
        Some(serde_json::Value::Bool(b)) => *b,
        Some(serde_json::Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}
