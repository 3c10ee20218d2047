//! `cargo xtask codegen [--check]`: load the docs, run the generator, print its diagnostics, then
//! write the generated files (only those whose bytes changed, removing stale ones) or, in check
//! mode, report every file that differs and the command that fixes it.

use crate::load::load_docs;
use crate::render::{
    counts, render_github, render_human_at, render_json_at, render_sarif_with, summary_json,
    summary_table, DisplayRoot, SarifProvenance,
};
use crate::triage::Triage;
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};
use generator::emit::FormatCache;
use generator::emit::OWNED_DIRS;
use generator::{generate, EmitOptions, Generation, SourceSet};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    Human,
    Json,
    /// GitHub Actions workflow commands (`::warning file=…::…`), shown as pull-request
    /// annotations.
    Github,
    /// One SARIF 2.1.0 log, for code-scanning uploads.
    Sarif,
}

/// Which diagnostics are printed. The exit code and the summary's counts always cover all of
/// them: a filter changes what is read, not whether the run passes.
#[derive(Clone, Debug, Default)]
pub struct DiagnosticFilter {
    /// Only these codes (all when empty).
    pub codes: Vec<generator::Code>,
    /// Only this severity and worse.
    pub min_severity: Option<generator::Severity>,
}

impl DiagnosticFilter {
    pub fn shows(&self, d: &generator::Diagnostic) -> bool {
        (self.codes.is_empty() || self.codes.contains(&d.code))
            && self.min_severity.is_none_or(|min| d.severity >= min)
    }
}

#[derive(Clone, Debug)]
pub struct CodegenArgs {
    pub docs: PathBuf,
    pub out: PathBuf,
    pub check: bool,
    /// Write the IR as JSON here instead of generating the crate.
    pub dump_ir: Option<PathBuf>,
    pub message_format: MessageFormat,
    /// `--deny warnings`: report warnings as errors (and fail the run on them).
    pub deny_warnings: bool,
    /// The format cache file to read and then rewrite (`format_cache_file::path_for(out)` from
    /// the command line), or `None` to format every file.
    pub format_cache: Option<PathBuf>,
    /// Which diagnostics are printed.
    pub filter: DiagnosticFilter,
    /// Print how long each stage took.
    pub timings: bool,
    /// A baseline to compare with or write, and `--changed-since`.
    pub triage: crate::triage::TriageArgs,
    /// `--deny new`: fail the run on a warning or error that is the change's (new against the
    /// baseline, on a page changed since the revision).
    pub deny_new: bool,
}

/// How a file of the output differs from what the generator produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drift {
    Stale(String),
    Missing(String),
    /// A file in a generated directory that the generator no longer produces.
    Extra(String),
}

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

/// The command that regenerates `args.out` from `args.docs`, for messages.
fn regenerate_command(args: &CodegenArgs) -> String {
    let root = crate::project_root();
    if args.docs == root.join("docs") && args.out == root.join("generated") {
        "cargo xtask codegen".to_owned()
    } else {
        format!(
            "cargo xtask codegen --docs {} --out {}",
            args.docs.display(),
            args.out.display()
        )
    }
}

/// Runs the generator on `args.docs` and returns everything it produced. Every file is
/// formatted: `args.format_cache` is `run`'s to use.
pub fn generate_from(
    args: &CodegenArgs,
) -> Result<(SourceSet, Generation, Vec<generator::Diagnostic>), String> {
    generate_with(args, None)
}

fn generate_with(
    args: &CodegenArgs,
    cache: Option<Arc<FormatCache>>,
) -> Result<(SourceSet, Generation, Vec<generator::Diagnostic>), String> {
    generate_timed(args, cache, &mut Clock::new())
}

fn generate_timed(
    args: &CodegenArgs,
    cache: Option<Arc<FormatCache>>,
    clock: &mut Clock,
) -> Result<(SourceSet, Generation, Vec<generator::Diagnostic>), String> {
    let loaded = load_docs(&args.docs)?;
    clock.lap("load");
    let generation = generate(&loaded.sources, &emit_options(args, cache));
    let mut diagnostics = loaded.diagnostics;
    diagnostics.extend(generation.analysis.diagnostics.iter().cloned());
    Ok((loaded.sources, generation, diagnostics))
}

pub fn run(args: &CodegenArgs) -> Result<Outcome, String> {
    let started = Instant::now();
    let mut clock = Clock::new();
    // `--check` is the drift gate CI trusts: it formats every file.
    let cache_file = args.format_cache.as_deref().filter(|_| !args.check);
    let cache =
        cache_file.map(|path| Arc::new(FormatCache::new(crate::format_cache_file::load(path))));
    clock.lap("cache read");
    let (sources, mut generation, mut diagnostics) =
        generate_timed(args, cache.clone(), &mut clock)?;
    clock.stages(generation.timings());
    // Nothing below reads the parsed pages. Freeing their many small allocations is a visible
    // part of a run on a large corpus, so it is done on another thread while the report prints.
    let pages = std::mem::take(&mut generation.analysis.pages);
    free_later(pages);
    let formatted_earlier = cache.as_ref().map_or(0, |c| c.hits());
    let reused = cache.as_ref().map_or(0, |c| c.reused());
    // The cache is saved while the diagnostics are printed and the files written (on a large
    // corpus it holds the text of every generated file); the run waits for it at the end.
    let saving = match (cache_file, cache.filter(|c| !c.is_unchanged())) {
        (Some(path), Some(cache)) => {
            let (path, entries) = (path.to_path_buf(), cache.take_used());
            Some(std::thread::spawn(move || {
                crate::format_cache_file::save(&path, &entries)
            }))
        }
        _ => None,
    };
    if args.deny_warnings {
        for d in diagnostics
            .iter_mut()
            .filter(|d| d.severity == generator::Severity::Warning)
        {
            d.severity = generator::Severity::Error;
        }
    }
    let root = DisplayRoot::new(&args.docs);
    let triage = Triage::new(&args.triage, &sources, &diagnostics, &args.docs)?;
    // With a baseline or a revision, only the change's diagnostics are shown in full.
    let shown_indices: Vec<usize> = (0..diagnostics.len())
        .filter(|&i| args.filter.shows(&diagnostics[i]) && triage.is_the_changes(i))
        .collect();
    let shown: Vec<generator::Diagnostic> = shown_indices
        .iter()
        .map(|&i| diagnostics[i].clone())
        .collect();
    let expected: BTreeMap<String, &str> = generation
        .files
        .iter()
        .map(|f| (f.path.clone(), &*f.contents))
        .collect();
    // The files are written while the report prints: neither reads what the other does.
    let writes = args.dump_ir.is_none() && !args.check;
    let written = std::thread::scope(|scope| {
        let writer = writes.then(|| {
            scope.spawn(|| -> Result<Vec<String>, String> {
                let mut changed = crate::scaffold::scaffold(
                    &crate::project_root().join("generated"),
                    &args.out,
                    &crate::scaffold::Fit::of(&generation),
                )?;
                changed.extend(write(&args.out, &expected)?);
                Ok(changed)
            })
        });
        report(args, &sources, &root, &shown, &shown_indices, &triage);
        writer.map(|w| {
            w.join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
        })
    });
    clock.lap(if writes { "report and write" } else { "report" });
    let (_, warnings, notes) = counts(&diagnostics);
    let errors = triage.errors(&diagnostics);
    let mut outcome = Outcome {
        errors,
        new_problems: if args.deny_new {
            triage.new_problems(&diagnostics)
        } else {
            0
        },
        baseline_summary: triage.comparison.as_ref().map(|c| c.summary()),
        drift: Vec::new(),
        changed: Vec::new(),
        formatted_earlier,
        reused,
    };
    if let Some(path) = &args.dump_ir {
        let json = generator::ir_dump::dump_ir(&sources, &generation.analysis.ir);
        let text = serde_json::to_string_pretty(&json).expect("JSON values always serialize");
        std::fs::write(path, text + "\n")
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        outcome.changed.push(path.display().to_string());
    } else if args.check {
        outcome.drift = compare(&args.out, &expected)?;
        // A stale support runtime would not compile with the generated code.
        let template = crate::project_root().join("generated");
        let fit = crate::scaffold::Fit::of(&generation);
        for rel in crate::scaffold::pending(&template, &args.out, &fit)? {
            outcome.drift.push(if args.out.join(&rel).exists() {
                Drift::Stale(rel)
            } else {
                Drift::Missing(rel)
            });
        }
        for d in &outcome.drift {
            let (what, path) = match d {
                Drift::Stale(p) => ("stale", p),
                Drift::Missing(p) => ("missing", p),
                Drift::Extra(p) => ("no longer generated", p),
            };
            eprintln!("error: {} is {what}", args.out.join(path).display());
        }
        if !outcome.drift.is_empty() {
            for cause in drift_causes(&args.out, &expected) {
                eprintln!("note: {cause}");
            }
            eprintln!(
                "error: {} generated file(s) differ from what the docs produce; run `{}` and commit the result",
                outcome.drift.len(),
                regenerate_command(args)
            );
        }
    } else if let Some(written) = written {
        outcome.changed = written?;
    }
    if args.dump_ir.is_some() {
        clock.lap("IR dump");
    } else if args.check {
        clock.lap("compare");
    }
    if let Some(saving) = saving {
        // Only a cache: a run that cannot keep it is slower next time, not wrong.
        match saving.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("note: the format cache was not saved: {e}"),
            Err(_) => eprintln!("note: the format cache was not saved: its writer panicked"),
        }
    }
    clock.lap("cache write (waited for)");
    let examples = generation.analysis.ir.examples.len();
    // The outcomes emit wrote: each example's fate is decided once, by the check stage.
    let tested = generation
        .analysis
        .verdicts
        .count(|o| *o == generator::check::ExampleOutcome::RoundTrip);
    if args.message_format == MessageFormat::Json {
        let mut summary = summary_json(&diagnostics, shown.len());
        if triage.limits() {
            summary["summary"]["changes"] = triage.summary_json(&diagnostics);
        }
        println!("{summary}");
    } else if triage.limits() {
        eprint!("{}", triage.report(&diagnostics));
    } else if !diagnostics.is_empty() {
        eprint!("{}", summary_table(&diagnostics));
    }
    if args.message_format == MessageFormat::Github && triage.limits() {
        write_step_summary(&triage.step_summary(&diagnostics));
    }
    if outcome.new_problems > 0 {
        eprintln!(
            "error: {} new warning(s) or error(s) (--deny new)",
            outcome.new_problems
        );
    }
    if shown.len() < diagnostics.len() && !triage.limits() {
        eprintln!(
            "{} of {} diagnostics shown (--code / --severity)",
            shown.len(),
            diagnostics.len()
        );
    }
    let reused = if cache_file.is_some() {
        format!(
            " ({} with unchanged inputs, {} more from the format cache)",
            outcome.reused,
            outcome.formatted_earlier - outcome.reused
        )
    } else {
        String::new()
    };
    eprintln!(
        "{} pages, {} types, {} operations, {examples} examples ({tested} round-trip tests): {errors} errors, {warnings} warnings, {notes} notes; {} files{reused} {} in {:.2}s",
        sources.len(),
        generation.analysis.ir.types.len(),
        generation.analysis.ir.operations.len(),
        generation.files.len(),
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
    // Likewise the IR and the files: the caller has what it needs, and a process that exits
    // does not wait for the thread.
    free_later(generation);
    Ok(outcome)
}

/// Why a crate drifted, by its `codegen.lock` against the one this run makes: another build of
/// the generator made it, or the docs changed since (or both, or it has no lock).
pub fn drift_causes(out: &Path, expected: &BTreeMap<String, &str>) -> Vec<String> {
    use generator::emit::lock::{read_lock, LOCK_FILE};
    let Some(now) = expected.get(LOCK_FILE).and_then(|t| read_lock(t)) else {
        return Vec::new();
    };
    let Some(then) = std::fs::read_to_string(out.join(LOCK_FILE))
        .ok()
        .and_then(|t| read_lock(&t))
    else {
        return vec![format!(
            "{} has no readable {LOCK_FILE}: it was made before locks, or edited",
            out.display()
        )];
    };
    let mut causes = Vec::new();
    if then.0 != now.0 {
        causes.push(format!(
            "made by another generator: its {LOCK_FILE} says `{}`, this is `{}`",
            then.0, now.0
        ));
    }
    if then.1 != now.1 {
        causes.push(format!(
            "the docs changed since it was made: `{}` then, `{}` now",
            then.1, now.1
        ));
    }
    causes
}

/// The threads freeing what earlier runs of this process left (see [`wait_for_freeing`]).
static FREEING: std::sync::Mutex<Vec<std::thread::JoinHandle<()>>> =
    std::sync::Mutex::new(Vec::new());

/// Drops `value` on a thread of its own.
fn free_later<T: Send + 'static>(value: T) {
    let thread = std::thread::spawn(move || drop(value));
    FREEING
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .push(thread);
}

/// Waits until what earlier runs left has been freed: a process that runs the generator several
/// times (the bench) calls it between runs, so that one run's freeing does not overlap the
/// next run's work.
pub fn wait_for_freeing() {
    let threads = std::mem::take(
        &mut *FREEING
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner),
    );
    for thread in threads {
        // A panic while freeing is no concern of the runs that follow.
        let _ = thread.join();
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

/// Prints the diagnostics in `args.message_format`; `indices` are their places among all the
/// run's, which the triage (fingerprints, baseline states) is indexed by.
fn report(
    args: &CodegenArgs,
    sources: &SourceSet,
    root: &DisplayRoot,
    shown: &[generator::Diagnostic],
    indices: &[usize],
    triage: &Triage,
) {
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
            let provenance: Vec<SarifProvenance> = indices
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

/// The wall-clock time of each stage of one run, for `--timings`.
struct Clock {
    last: Instant,
    laps: Vec<(&'static str, std::time::Duration)>,
}

impl Clock {
    fn new() -> Self {
        Clock {
            last: Instant::now(),
            laps: Vec::new(),
        }
    }

    /// Ends the stage `name` now.
    fn lap(&mut self, name: &'static str) {
        let now = Instant::now();
        self.laps.push((name, now - self.last));
        self.last = now;
    }

    /// Ends the generator's run, split into the stages it timed itself.
    fn stages(&mut self, timings: generator::Timings) {
        let now = Instant::now();
        let total = now - self.last;
        let stages = [
            ("parse", timings.parse),
            ("lower", timings.lower),
            ("analyze", timings.analyze),
            ("check", timings.check),
            ("emit", timings.emit),
        ];
        let timed: std::time::Duration = stages.iter().map(|(_, d)| *d).sum();
        self.laps.extend(stages);
        // Diagnostics policy and the hand-over between stages.
        self.laps.push(("rest", total.saturating_sub(timed)));
        self.last = now;
    }

    fn summary(&self) -> String {
        let laps: Vec<String> = self
            .laps
            .iter()
            .map(|(name, d)| format!("{name} {:.3}s", d.as_secs_f64()))
            .collect();
        laps.join(", ")
    }
}

/// Files present under the generated directories of `out`, relative to `out`.
fn existing_generated(out: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    for dir in OWNED_DIRS {
        let dir = out.join(dir);
        if !dir.exists() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(out).expect("walked below out");
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    Ok(found)
}

fn compare(out: &Path, expected: &BTreeMap<String, &str>) -> Result<Vec<Drift>, String> {
    let mut drift = Vec::new();
    for (path, contents) in expected {
        match std::fs::read(out.join(path)) {
            Ok(bytes) if bytes == contents.as_bytes() => {}
            Ok(_) => drift.push(Drift::Stale(path.clone())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                drift.push(Drift::Missing(path.clone()))
            }
            Err(e) => return Err(format!("cannot read {}: {e}", out.join(path).display())),
        }
    }
    for path in existing_generated(out)? {
        if !expected.contains_key(&path) {
            drift.push(Drift::Extra(path));
        }
    }
    Ok(drift)
}

/// Writes the files whose bytes changed and removes generated files no longer produced, staging
/// each generated directory beside the old one and swapping it in (see [`crate::atomic`]), so
/// that a run that fails or is killed part way leaves the previous output intact.
fn write(out: &Path, expected: &BTreeMap<String, &str>) -> Result<Vec<String>, String> {
    crate::atomic::write_tree(out, OWNED_DIRS, expected, &mut |_| Ok(()))
}
