//! The whole pipeline in memory: sources → pages → IR → checks → files, with every diagnostic.

use crate::check::{check, Verdicts};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::emit::{emit, EmitOptions, GeneratedFile};
use crate::ir::Ir;
use crate::lower::lower;
use crate::parse::{parse_page, Page};
use crate::source::{FileId, SourceFile, SourceSet};
use rayon::prelude::*;
use std::time::{Duration, Instant};

/// Everything one run produces; the caller decides what to write and print.
#[derive(Debug)]
pub struct Generation {
    pub pages: Vec<Page>,
    pub ir: Ir,
    pub verdicts: Verdicts,
    pub files: Vec<GeneratedFile>,
    /// Sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// How long each stage took (wall clock), for `cargo xtask bench`.
    pub timings: Timings,
}

/// Wall-clock time of each stage of one [`generate`] run. Emit includes formatting.
#[derive(Clone, Copy, Debug, Default)]
pub struct Timings {
    pub parse: Duration,
    pub lower: Duration,
    pub check: Duration,
    pub emit: Duration,
}

/// Runs every stage. Never fails: problems in the docs are diagnostics, and the output is
/// generated from whatever could be understood.
pub fn generate(sources: &SourceSet, options: &EmitOptions) -> Generation {
    let mut timings = Timings::default();
    let mut clock = Instant::now();
    let mut lap = |slot: &mut Duration| {
        let now = Instant::now();
        *slot = now - clock;
        clock = now;
    };
    let mut diags = Diagnostics::default();
    // Pages are the `.md` sources; `codegen.toml` is read by `policy`.
    let pages = parse_pages(sources, &mut diags);
    lap(&mut timings.parse);
    let ir = lower(sources, &pages, &mut diags);
    lap(&mut timings.lower);
    let verdicts = check(&ir, &mut diags);
    lap(&mut timings.check);
    let files = emit(sources, &ir, &verdicts, options);
    lap(&mut timings.emit);
    // Suppressions and severity overrides apply to what every stage reported.
    let diagnostics = crate::policy::apply(sources, &pages, diags.into_sorted());
    Generation {
        pages,
        ir,
        verdicts,
        files,
        diagnostics,
        timings,
    }
}

/// Parses every page (the `.md` sources), in parallel. Each page gets its own diagnostics,
/// merged in page order, so the result is the same as parsing one page after another.
fn parse_pages(sources: &SourceSet, diags: &mut Diagnostics) -> Vec<Page> {
    let files: Vec<(FileId, &SourceFile)> = sources
        .iter()
        .filter(|(_, file)| file.path.ends_with(".md"))
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
