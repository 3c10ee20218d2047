//! The generator's first door: [`analyze`] runs parse, lower, analyze, check and the request
//! surface, and applies the diagnostics policy; emit, the second door, reads only what the
//! [`Analysis`] it returns holds. Tools that need only the facts (check-metadata) stop here.

use crate::analyze::graph::TypeGraph;
use crate::check::{check, Verdicts};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::ir::Ir;
use crate::lower::lower;
use crate::parse::{parse_page, Page};
use crate::source::{FileId, SourceFile, SourceSet};
use rayon::prelude::*;
use std::time::{Duration, Instant};

/// Everything known about the docs, before any code is written.
#[derive(Debug)]
pub struct Analysis {
    /// The docs it was made from (a cheap shared clone of the caller's set).
    pub sources: SourceSet,
    pub pages: Vec<Page>,
    /// Types, operations (with resolved addresses, responses and bodies) and examples.
    pub ir: Ir,
    pub graph: TypeGraph,
    /// What becomes of each example.
    pub verdicts: Verdicts,
    /// The request surface: every documented path as navigation, the names of its steps,
    /// calls and action bodies, and the docs' request examples on it.
    pub surface: crate::surface::Surface,
    /// Sorted by file and position, with suppressions and severity overrides applied.
    pub diagnostics: Vec<Diagnostic>,
    /// What the crate is (`[crate]`, `[service]` of `codegen.toml`).
    pub config: crate::config::Config,
    pub timings: Timings,
}

/// Wall-clock time of each stage of one run. Emit includes formatting.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    pub parse: Duration,
    pub lower: Duration,
    /// The type graph and the address graph.
    pub analyze: Duration,
    /// The checks, with the navigation tree built beside them.
    pub check: Duration,
    /// The snippets on the request surface (its navigation tree is built during `check`).
    pub surface: Duration,
    pub emit: Duration,
}

/// Parses, lowers, analyzes and checks. Never fails: problems in the docs are diagnostics.
pub fn analyze(sources: &SourceSet) -> Analysis {
    let mut timings = Timings::default();
    let mut clock = Instant::now();
    let mut lap = |slot: &mut Duration| {
        let now = Instant::now();
        *slot = now - clock;
        clock = now;
    };
    let mut diags = Diagnostics::default();
    // Pages are the `.md` sources; `codegen.toml` is read by `policy`.
    let mut pages = parse_pages(sources, &mut diags);
    lap(&mut timings.parse);
    crate::lower::splice_includes(sources, &mut pages, &mut diags);
    let mut ir = lower(sources, &pages, &mut diags);
    let config = crate::config::read(sources, &mut diags);
    // Example URLs are read under the configured root from here on.
    ir.service_base.clone_from(&config.service.base_url);
    lap(&mut timings.lower);
    let graph = crate::analyze::decide(&mut ir, sources, &mut diags);
    lap(&mut timings.analyze);
    // The navigation tree does not read the checks' verdicts; only the snippets on it do.
    let (verdicts, nav) = rayon::join(
        || check(&ir, &mut diags),
        || crate::surface::navigation(&ir, sources, &config.service.root),
    );
    lap(&mut timings.check);
    let base_url = config.service.base_url.as_deref();
    let surface = crate::surface::with_snippets(nav, &ir, &verdicts, base_url);
    lap(&mut timings.surface);
    // Suppressions and severity overrides apply to what every stage reported.
    let diagnostics = crate::policy::apply(sources, &pages, diags.into_sorted());
    Analysis {
        sources: sources.clone(),
        pages,
        ir,
        graph,
        verdicts,
        surface,
        diagnostics,
        config,
        timings,
    }
}

/// Parses every page (the `.md` sources), in parallel. Each page gets its own diagnostics,
/// merged in page order, so the result is the same as parsing one page after another.
fn parse_pages(sources: &SourceSet, diags: &mut Diagnostics) -> Vec<Page> {
    let files: Vec<(FileId, &SourceFile)> = sources
        .iter()
        .filter(|(_, file)| file.readable && file.path.ends_with(".md"))
        .collect();
    let parsed: Vec<(Page, Diagnostics)> = files
        .into_par_iter()
        .map(|(id, file)| {
            let mut page_diags = Diagnostics::default();
            let page = parse_page(id, file, &mut page_diags);
            (page, page_diags)
        })
        .collect();
    parsed
        .into_iter()
        .map(|(page, page_diags)| {
            diags.extend(page_diags);
            page
        })
        .collect()
}
