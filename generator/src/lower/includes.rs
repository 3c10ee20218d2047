//! Include directives (`[!INCLUDE [name](../includes/x.md)]`, or the bare `[!INCLUDE name]`):
//! the text of an included file that is in the docs is spliced into the paragraph or table
//! cell that includes it; one that is not is reported, once per page, and leaves nothing.

use super::resolve::resolve_link;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::parse::{Block, Inline, Page};
use crate::prose::{collapse_whitespace, include_directives, written_target};
use crate::source::{FileId, SourceSet, Span};
use rayon::prelude::*;
use std::collections::BTreeMap;

/// Splices every include whose file is a page of the docs into the markdown of the paragraph
/// or cell that holds it, and reports the pages whose includes name no file of the docs.
pub fn splice_includes(sources: &SourceSet, pages: &mut [Page], diags: &mut Diagnostics) {
    // An included file's text: its paragraphs, without includes of its own (one level, so
    // that no chain of includes can loop).
    let page_of: BTreeMap<FileId, usize> =
        pages.iter().enumerate().map(|(i, p)| (p.file, i)).collect();
    // Graph's pages include SDK snippets by the dozen: finding and resolving them is done per
    // page in parallel (on one thread it was a visible share of a one-page edit's
    // regeneration).
    let targets: Vec<FileId> = pages
        .par_iter()
        .flat_map_iter(|page| {
            inlines(page)
                .flat_map(|inline| include_directives(&inline.markdown))
                .filter_map(|directive| {
                    resolve_link(sources, page.file, directive.target?.as_str())
                })
                .collect::<Vec<_>>()
        })
        .collect();
    let mut included: BTreeMap<FileId, String> = BTreeMap::new();
    for file in targets {
        included.entry(file).or_insert_with(|| {
            page_of
                .get(&file)
                .map(|&i| text_of(&pages[i]))
                .unwrap_or_default()
        });
    }
    // Pages are spliced in parallel, and reported in page order.
    let missing: Vec<Vec<(Span, String)>> = pages
        .par_iter_mut()
        .map(|page| splice_page(sources, &included, page))
        .collect();
    for page_missing in missing {
        report(page_missing, diags);
    }
}

/// Splices `page`'s includes; returns those that name no file of the docs.
fn splice_page(
    sources: &SourceSet,
    included: &BTreeMap<FileId, String>,
    page: &mut Page,
) -> Vec<(Span, String)> {
    let file = page.file;
    let mut missing: Vec<(Span, String)> = Vec::new();
    for inline in inlines_mut(page) {
        let directives = include_directives(&inline.markdown);
        if directives.is_empty() {
            continue;
        }
        let mut spliced = String::with_capacity(inline.markdown.len());
        let mut last = 0;
        for directive in directives {
            spliced.push_str(&inline.markdown[last..directive.range.start]);
            last = directive.range.end;
            let resolved = directive
                .target
                .as_deref()
                .and_then(|t| resolve_link(sources, file, t));
            match resolved {
                Some(file) => {
                    spliced.push(' ');
                    spliced.push_str(&included[&file]);
                    spliced.push(' ');
                }
                None => missing.push(where_missing(
                    inline,
                    &directive.target,
                    &inline.markdown[directive.range],
                )),
            }
        }
        spliced.push_str(&inline.markdown[last..]);
        inline.markdown = collapse_whitespace(&spliced);
    }
    missing
}

/// Where a missing include is, and what it names: its link, or the cell or paragraph that
/// holds a bare one.
fn where_missing(inline: &Inline, target: &Option<String>, written: &str) -> (Span, String) {
    match target {
        Some(target) => {
            let link = inline
                .links
                .iter()
                .find(|l| written_target(&l.target) == *target);
            let path = target.split(['#', '?']).next().unwrap_or("").to_owned();
            (
                link.map_or(inline.span, |l| l.span),
                format!("`{path}`, which is not in the docs"),
            )
        }
        None => {
            let name = written
                .trim_start_matches("\\[!INCLUDE")
                .trim_end_matches("\\]")
                .trim()
                .replace('\\', "");
            (inline.span, format!("`{name}`, which names no file"))
        }
    }
}

/// One diagnostic per page: Graph's pages include generated SDK snippets by the dozen, and a
/// page that lost them all is one problem.
fn report(missing: Vec<(Span, String)>, diags: &mut Diagnostics) {
    let Some((span, what)) = missing.first() else {
        return;
    };
    let label = match missing.len() {
        1 => "no such file".to_owned(),
        n => format!("no such file, nor are {} more this page includes", n - 1),
    };
    diags.push(
        Diagnostic::new(Code::IncludeMissing, *span, format!("`[!INCLUDE]` of {what}"))
            .label(label)
            .help("add the file under the docs root, or remove the include; its text is missing from the page until then"),
    );
}

/// The text an included page contributes: its paragraphs' markdown, its own includes left out.
fn text_of(page: &Page) -> String {
    let paragraphs = page
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Paragraph(p) => Some(p.markdown.as_str()),
            _ => None,
        });
    let mut text = String::new();
    for paragraph in paragraphs {
        let mut last = 0;
        for directive in include_directives(paragraph) {
            text.push_str(&paragraph[last..directive.range.start]);
            last = directive.range.end;
        }
        text.push_str(&paragraph[last..]);
        text.push(' ');
    }
    collapse_whitespace(&text)
}

/// The paragraphs and table cells of a page: where descriptions come from.
fn inlines(page: &Page) -> impl Iterator<Item = &Inline> {
    page.sections.iter().flat_map(|s| &s.blocks).flat_map(
        |b| -> Box<dyn Iterator<Item = &Inline>> {
            match b {
                Block::Paragraph(p) => Box::new(std::iter::once(p)),
                Block::Table(t) => Box::new(t.rows.iter().flat_map(|r| &r.cells)),
                Block::Code(_) | Block::Annotation(_) => Box::new(std::iter::empty()),
            }
        },
    )
}

fn inlines_mut(page: &mut Page) -> impl Iterator<Item = &mut Inline> {
    page.sections
        .iter_mut()
        .flat_map(|s| &mut s.blocks)
        .flat_map(|b| -> Box<dyn Iterator<Item = &mut Inline>> {
            match b {
                Block::Paragraph(p) => Box::new(std::iter::once(p)),
                Block::Table(t) => Box::new(t.rows.iter_mut().flat_map(|r| &mut r.cells)),
                Block::Code(_) | Block::Annotation(_) => Box::new(std::iter::empty()),
            }
        })
}
