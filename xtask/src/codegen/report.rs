//! What a run prints: the shown diagnostics in the chosen message format, then the counts of
//! the rest (or the JSON summary), the step summary on GitHub, and one line of what the run
//! read and wrote.

use super::clock::Clock;
use super::plan::Plan;
use super::{CodegenArgs, MessageFormat, Outcome};
use crate::print::{HumanTo, Shown};
use crate::render::{counts, summary_json, summary_table, DisplayRoot, SarifTool};
use std::time::Instant;

/// Prints the plan's shown diagnostics in `args.message_format`: the human format on stderr,
/// the others on stdout.
pub fn diagnostics(args: &CodegenArgs, plan: &Plan, root: &DisplayRoot) {
    let codes = crate::codes::codegen();
    let shown = Shown {
        sources: &plan.sources,
        root,
        diagnostics: &plan.shown,
        indices: &plan.shown_indices,
        triage: &plan.triage,
        tool: SarifTool {
            name: "cargo xtask codegen",
            codes: &codes,
        },
    };
    crate::print::diagnostics(args.message_format, &shown, HumanTo::Stderr);
}

/// Prints what follows the diagnostics: the JSON summary, or the counts of what was not shown
/// (by code, or against the baseline), then what `--deny new` found and the run's summary line
/// (and `--timings`) on stderr. `cache_in_use`: the run read and saved a format cache file.
pub fn closing(
    args: &CodegenArgs,
    plan: &Plan,
    outcome: &Outcome,
    cache_in_use: bool,
    started: Instant,
    clock: &Clock,
) {
    let (diagnostics, triage) = (&plan.diagnostics, &plan.triage);
    let analysis = &plan.generation.analysis;
    let examples = analysis.ir.examples.len();
    // The outcomes emit wrote: each example's fate is decided once, by the check stage.
    let tested = analysis
        .verdicts
        .count(|o| *o == generator::check::ExampleOutcome::RoundTrip);
    if args.message_format == MessageFormat::Json {
        let mut summary = summary_json(diagnostics, plan.shown.len());
        if triage.limits() {
            summary["summary"]["changes"] = triage.summary_json(diagnostics);
        }
        println!("{summary}");
    } else if triage.limits() {
        eprint!("{}", triage.report(diagnostics));
    } else if !diagnostics.is_empty() {
        eprint!("{}", summary_table(diagnostics));
    }
    if args.message_format == MessageFormat::Github && triage.limits() {
        crate::print::write_step_summary(&triage.step_summary(diagnostics));
    }
    if outcome.new_problems > 0 {
        eprintln!(
            "error: {} new warning(s) or error(s) (--deny new)",
            outcome.new_problems
        );
    }
    if plan.shown.len() < diagnostics.len() && !triage.limits() {
        eprintln!(
            "{} of {} diagnostics shown (--code / --severity)",
            plan.shown.len(),
            diagnostics.len()
        );
    }
    let reused = if cache_in_use {
        format!(
            " ({} with unchanged inputs, {} more from the format cache)",
            outcome.reused,
            outcome.formatted_earlier - outcome.reused
        )
    } else {
        String::new()
    };
    let (_, warnings, notes) = counts(diagnostics);
    eprintln!(
        "{} pages, {} types, {} operations, {examples} examples ({tested} round-trip tests): {} errors, {warnings} warnings, {notes} notes; {} files{reused} {} in {:.2}s",
        plan.sources.len(),
        analysis.ir.types.len(),
        analysis.ir.operations.len(),
        outcome.errors,
        plan.generation.files.len(),
        if args.dump_ir.is_some() {
            "not written (IR dumped)".to_owned()
        } else if args.check {
            format!("checked, {} differ", outcome.drift.len())
        } else {
            format!("generated, {} written or removed", outcome.changed.len())
        },
        started.elapsed().as_secs_f64()
    );
    if args.timings {
        eprintln!("timings: {}", clock.summary());
    }
}
