//! The whole pipeline in memory: [`analyze`] then [`emit`], timed.

use crate::analysis::{analyze, Analysis};
use crate::emit::{emit, EmitOptions, GeneratedFile};
use crate::source::SourceSet;
use std::time::Instant;

pub use crate::analysis::Timings;

/// Everything one run produces; the caller decides what to write and print.
#[derive(Debug)]
pub struct Generation {
    pub analysis: Analysis,
    pub files: Vec<GeneratedFile>,
}

impl Generation {
    pub fn timings(&self) -> Timings {
        self.analysis.timings
    }
}

/// Runs every stage. Never fails: problems in the docs are diagnostics, and the output is
/// generated from whatever could be understood.
pub fn generate(sources: &SourceSet, options: &EmitOptions) -> Generation {
    let mut analysis = analyze(sources);
    let started = Instant::now();
    let files = emit(&analysis, options);
    analysis.timings.emit = started.elapsed();
    Generation { analysis, files }
}
