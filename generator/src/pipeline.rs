//! The whole pipeline in memory: sources → pages → IR → checks → files, with every diagnostic.

use crate::check::{check, Verdicts};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::emit::{emit, EmitOptions, GeneratedFile};
use crate::ir::Ir;
use crate::lower::lower;
use crate::parse::{parse_page, Page};
use crate::source::SourceSet;

/// Everything one run produces; the caller decides what to write and print.
#[derive(Debug)]
pub struct Generation {
    pub pages: Vec<Page>,
    pub ir: Ir,
    pub verdicts: Verdicts,
    pub files: Vec<GeneratedFile>,
    /// Sorted by file and position.
    pub diagnostics: Vec<Diagnostic>,
}

/// Runs every stage. Never fails: problems in the docs are diagnostics, and the output is
/// generated from whatever could be understood.
pub fn generate(sources: &SourceSet, options: &EmitOptions) -> Generation {
    let mut diags = Diagnostics::default();
    let pages: Vec<Page> = sources
        .iter()
        .map(|(id, file)| parse_page(id, file, &mut diags))
        .collect();
    let ir = lower(sources, &pages, &mut diags);
    let verdicts = check(&ir, &mut diags);
    let files = emit(sources, &ir, &verdicts, options);
    Generation {
        pages,
        ir,
        verdicts,
        files,
        diagnostics: diags.into_sorted(),
    }
}
