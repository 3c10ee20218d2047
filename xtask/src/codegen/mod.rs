//! `cargo xtask codegen [--check]`: load the docs, run the generator, print its diagnostics, then
//! write the generated files (only those whose bytes changed, removing stale ones) or, in check
//! mode, report every file that differs and the command that fixes it, or dump the IR.
//!
//! [`run`] reads as the order of a run: the format cache (`cache`), what the run will print and
//! write (`plan`), the diagnostics printed while the files are written (`report`, `write`), the
//! other modes (`check`, `dump`), then the closing summary; `clock` times the stages and `free`
//! drops what the run no longer reads.

mod args;
mod cache;
mod check;
mod clock;
mod dump;
mod free;
mod plan;
mod report;
mod write;

pub use args::{CodegenArgs, DiagnosticFilter, MessageFormat};
pub use check::{drift_causes, Drift};
pub use free::wait_for_freeing;
pub use plan::generate_from;

use crate::render::DisplayRoot;
use cache::RunCache;
use clock::Clock;
use free::free_later;
use plan::Plan;
use std::time::Instant;

#[derive(Debug)]
pub struct Outcome {
    pub errors: usize,
    /// Under `--deny new`: the change's warnings and errors.
    pub new_problems: usize,
    /// `N new, M known, K fixed` against the baseline, when one was given.
    pub baseline_summary: Option<String>,
    /// In check mode: every difference. In write mode: always empty.
    pub drift: Vec<Drift>,
    /// In write mode: the files written or removed.
    pub changed: Vec<String>,
    /// Files whose formatted text came from the format cache.
    pub formatted_earlier: usize,
    /// Of those, the files whose inputs had not changed, so that their tokens were not even
    /// built.
    pub reused: usize,
}

impl Outcome {
    pub fn exit_code(&self) -> u8 {
        u8::from(self.errors > 0 || self.new_problems > 0 || !self.drift.is_empty())
    }
}

pub fn run(args: &CodegenArgs) -> Result<Outcome, String> {
    let started = Instant::now();
    let mut clock = Clock::new();
    let cache = RunCache::open(args);
    clock.lap("cache read");
    let (sources, mut generation, diagnostics) =
        plan::generate_timed(args, cache.shared(), &mut clock)?;
    clock.stages(generation.timings());
    // Nothing below reads the parsed pages. Freeing their many small allocations is a visible
    // part of a run on a large corpus, so it is done on another thread while the report prints.
    free_later(std::mem::take(&mut generation.analysis.pages));
    let (formatted_earlier, reused) = cache.hits();
    let cache_in_use = cache.in_use();
    let saving = cache.save_in_background();
    let plan = Plan::new(args, sources, generation, diagnostics)?;
    let root = DisplayRoot::new(&args.docs);
    let expected = plan.expected();
    // The files are written while the report prints: neither reads what the other does.
    let written = std::thread::scope(|scope| {
        let writer = args
            .writes()
            .then(|| scope.spawn(|| write::write(args, &plan.generation, &expected)));
        report::diagnostics(args, &plan, &root);
        writer.map(|w| {
            w.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    });
    clock.lap(if args.writes() {
        "report and write"
    } else {
        "report"
    });
    let mut outcome = Outcome {
        errors: plan.triage.errors(&plan.diagnostics),
        new_problems: if args.deny_new {
            plan.triage.new_problems(&plan.diagnostics)
        } else {
            0
        },
        baseline_summary: plan.triage.comparison.as_ref().map(|c| c.summary()),
        drift: Vec::new(),
        changed: Vec::new(),
        formatted_earlier,
        reused,
    };
    if let Some(path) = &args.dump_ir {
        dump::dump_ir(path, &plan.generation.analysis)?;
        outcome.changed.push(path.display().to_string());
        clock.lap("IR dump");
    } else if args.check {
        outcome.drift = check::check(args, &plan.generation, &expected)?;
        clock.lap("compare");
    } else if let Some(written) = written {
        outcome.changed = written?;
    }
    saving.wait();
    clock.lap("cache write (waited for)");
    report::closing(args, &plan, &outcome, cache_in_use, started, &clock);
    // Likewise the IR and the files: the caller has what it needs, and a process that exits
    // does not wait for the thread.
    drop(expected);
    free_later(plan);
    Ok(outcome)
}
