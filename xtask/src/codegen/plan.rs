//! What a run will print and write, before it prints or writes anything: the generator's
//! output for the docs, the diagnostics (warnings made errors under `--deny warnings`), which of
//! them are the change's and shown, and the files the output should hold.

use super::clock::Clock;
use super::CodegenArgs;
use crate::load::load_docs;
use crate::triage::Triage;
use generator::emit::FormatCache;
use generator::{generate, Diagnostic, EmitOptions, Generation, SourceSet};
use std::collections::BTreeMap;
use std::sync::Arc;

/// The options the generator gets for a docs root. Generated docs name the root by its path
/// inside the workspace, or by its directory name when it lies outside, so that output never
/// depends on where a machine keeps its checkout.
fn emit_options(args: &CodegenArgs, format_cache: Option<Arc<FormatCache>>) -> EmitOptions {
    let root = crate::project_root();
    let label = match args.docs.strip_prefix(&root) {
        Ok(inside) => inside.to_string_lossy().replace('\\', "/"),
        Err(_) => args
            .docs
            .file_name()
            .map_or_else(|| "docs".to_owned(), |n| n.to_string_lossy().into_owned()),
    };
    EmitOptions {
        docs_label: label,
        command: "cargo xtask codegen".to_owned(),
        default_namespace: generator::lower::DEFAULT_NAMESPACE.to_owned(),
        format_cache,
    }
}

/// Runs the generator on `args.docs` and returns everything it produced. Every file is
/// formatted: `args.format_cache` is `run`'s to use.
pub fn generate_from(
    args: &CodegenArgs,
) -> Result<(SourceSet, Generation, Vec<Diagnostic>), String> {
    generate_timed(args, None, &mut Clock::new())
}

/// [`generate_from`] through `cache`, timing the load and the generator's stages.
pub(super) fn generate_timed(
    args: &CodegenArgs,
    cache: Option<Arc<FormatCache>>,
    clock: &mut Clock,
) -> Result<(SourceSet, Generation, Vec<Diagnostic>), String> {
    let loaded = load_docs(&args.docs)?;
    clock.lap("load");
    let generation = generate(&loaded.sources, &emit_options(args, cache));
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(generation.analysis.diagnostics.iter().cloned());
    Ok((loaded.sources, generation, diagnostics))
}

pub struct Plan {
    pub sources: SourceSet,
    pub generation: Generation,
    /// Every diagnostic of the run, the loader's first.
    pub diagnostics: Vec<Diagnostic>,
    pub triage: Triage,
    /// The shown diagnostics' places among all the run's, which the triage (fingerprints,
    /// baseline states) is indexed by.
    pub shown_indices: Vec<usize>,
    pub shown: Vec<Diagnostic>,
}

impl Plan {
    pub fn new(
        args: &CodegenArgs,
        sources: SourceSet,
        generation: Generation,
        mut diagnostics: Vec<Diagnostic>,
    ) -> Result<Plan, String> {
        if args.deny_warnings {
            for d in diagnostics
                .iter_mut()
                .filter(|d| d.severity == generator::Severity::Warning)
            {
                d.severity = generator::Severity::Error;
            }
        }
        let triage = Triage::new(&args.triage, &sources, &diagnostics, &args.docs)?;
        // With a baseline or a revision, only the change's diagnostics are shown in full.
        let shown_indices: Vec<usize> = (0..diagnostics.len())
            .filter(|&i| args.filter.shows(&diagnostics[i]) && triage.is_the_changes(i))
            .collect();
        let shown = shown_indices
            .iter()
            .map(|&i| diagnostics[i].clone())
            .collect();
        Ok(Plan {
            sources,
            generation,
            diagnostics,
            triage,
            shown_indices,
            shown,
        })
    }

    /// The generated files by path, as the output should hold them.
    pub fn expected(&self) -> BTreeMap<String, &str> {
        self.generation
            .files
            .iter()
            .map(|f| (f.path.clone(), &*f.contents))
            .collect()
    }
}
