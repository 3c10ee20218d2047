//! Relative links between pages: every `[text](../resources/x.md)` must name a page of the docs,
//! and every include directive (`[!INCLUDE [name](../includes/x.md)]`) a file of the docs.
//! Links to the web site (`/graph/...`, `https://...`) are not checked.

use super::resolve::resolve_link;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::parse::{Block, Inline, Page};
use crate::source::SourceSet;

pub(super) fn report_broken_links(sources: &SourceSet, page: &Page, diags: &mut Diagnostics) {
    let inlines = page
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .flat_map(|b| -> Vec<&Inline> {
            match b {
                // `[!INCLUDE [name](path)]` is an include directive: `report_missing_includes`.
                Block::Paragraph(p) if p.text.starts_with("[!INCLUDE") => Vec::new(),
                Block::Paragraph(p) => vec![p],
                Block::Table(t) => t
                    .header
                    .iter()
                    .chain(t.rows.iter().flat_map(|r| &r.cells))
                    .collect(),
                Block::Code(_) | Block::Annotation(_) => Vec::new(),
            }
        });
    for inline in inlines {
        for link in &inline.links {
            let path = link.target.split(['#', '?']).next().unwrap_or("");
            let relative_page =
                path.ends_with(".md") && !path.starts_with('/') && !path.contains("://");
            if relative_page && resolve_link(sources, page.file, &link.target).is_none() {
                diags.push(
                    Diagnostic::new(
                        Code::LinkBroken,
                        link.span,
                        format!("link to `{path}`, which is not in the docs"),
                    )
                    .label("no such page")
                    .help("fix the target, or add the page"),
                );
            }
        }
    }
}

/// Include directives whose file is not in the docs, one diagnostic per page: Graph's pages
/// include generated SDK snippets by the dozen, and a page that lost them all is one problem.
pub(super) fn report_missing_includes(sources: &SourceSet, page: &Page, diags: &mut Diagnostics) {
    let missing: Vec<_> = page
        .sections
        .iter()
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            Block::Paragraph(p) if p.text.starts_with("[!INCLUDE") => Some(&p.links),
            _ => None,
        })
        .flatten()
        .filter(|link| resolve_link(sources, page.file, &link.target).is_none())
        .collect();
    let Some(first) = missing.first() else {
        return;
    };
    let path = first.target.split(['#', '?']).next().unwrap_or("");
    let label = match missing.len() {
        1 => "no such file".to_owned(),
        n => format!("no such file, nor are {} more this page includes", n - 1),
    };
    diags.push(
        Diagnostic::new(
            Code::IncludeMissing,
            first.span,
            format!("`[!INCLUDE]` of `{path}`, which is not in the docs"),
        )
        .label(label)
        .help("add the file under the docs root, or remove the include; its text is missing from the page until then"),
    );
}
