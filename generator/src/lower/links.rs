//! Relative links between pages: every `[text](../resources/x.md)` must name a page of the docs
//! (include directives are `includes`'s).
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
                // `[!INCLUDE [name](path)]` is an include directive: `includes`.
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
