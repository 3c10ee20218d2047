//! What a run prints: the shown diagnostics in the chosen message format, then the counts of
//! the rest (or the JSON summary), the step summary on GitHub, and one line of what the run
//! read and wrote.

use super::clock::Clock;
use super::plan::Plan;
use super::{CodegenArgs, MessageFormat, Outcome};
use crate::render::{
    counts, render_github, render_human_at, render_json_at, render_sarif_with, summary_json,
    summary_table, DisplayRoot, SarifProvenance,
};
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};
use std::time::Instant;

/// Prints the plan's shown diagnostics in `args.message_format`: the human format on stderr,
/// the others on stdout.
pub fn diagnostics(args: &CodegenArgs, plan: &Plan, root: &DisplayRoot) {
    let (sources, shown, triage) = (&plan.sources, &plan.shown, &plan.triage);
    match args.message_format {
        MessageFormat::Human => {
            // termcolor's `Auto` does not look at whether stderr is a terminal; do it here so that
            // logs and pipes get plain text.
            use std::io::IsTerminal;
            let color = if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none()
            {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            };
            // Buffered: codespan writes each diagnostic in hundreds of small pieces, and stderr
            // is unbuffered (one system call each, hundreds of thousands on a large corpus).
            let mut stderr = BufferedStandardStream::stderr(color);
            render_human_at(sources, root, shown, &mut stderr);
            let _ = std::io::Write::flush(&mut stderr);
        }
        MessageFormat::Json => print!("{}", render_json_at(sources, root, shown)),
        MessageFormat::Github => print!("{}", render_github(sources, root, shown)),
        MessageFormat::Sarif => {
            let provenance: Vec<SarifProvenance> = plan
                .shown_indices
                .iter()
                .map(|&i| SarifProvenance {
                    fingerprint: triage.fingerprints[i].clone(),
                    state: triage.state(i),
                })
                .collect();
            let absent = triage.comparison.as_ref().map_or(Vec::new(), |c| {
                c.fixed.iter().chain(&c.gone).cloned().collect()
            });
            print!(
                "{}",
                render_sarif_with(sources, root, shown, &provenance, &absent)
            );
        }
    }
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
        write_step_summary(&triage.step_summary(diagnostics));
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

/// Appends `markdown` to the file `GITHUB_STEP_SUMMARY` names, when it is set (GitHub Actions
/// shows it on the run's page).
fn write_step_summary(markdown: &str) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY") else {
        return;
    };
    let written = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut file| std::io::Write::write_all(&mut file, markdown.as_bytes()));
    if let Err(e) = written {
        eprintln!("note: the step summary was not written: {e}");
    }
}
