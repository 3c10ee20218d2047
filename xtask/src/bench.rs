//! `cargo xtask bench --docs DIR [--runs N]`: how long the generator takes on a docs tree, beside
//! the floor that any markdown tool pays on it (reading every page and running pulldown-cmark).
//!
//! Each run measures, in this order and in this process: (1) the parse floor; (2) the whole
//! pipeline in memory (load + `generator::generate`); (3) `cargo xtask codegen --docs DIR --out
//! TMP` into a fresh temporary directory, then a no-op re-run into the same directory, both
//! without the format cache, and the no-op again with a format cache a first run filled. Medians,
//! minima and maxima are printed, and the ratio (2)/(1) is taken within each run; (4) a docs
//! writer's loop: in a copy of the docs with a crate already generated from it, the summary of
//! one resource page and one API page edited, then `codegen` with the format cache, timed and
//! divided by the same run's parse floor.
//!
//! Two more floors show what part of (2) and (3) is not the generator's own doing: the format
//! floor (syn parsing and prettyplease printing the generated files' final text, on all cores,
//! which emit cannot do in less), and the write floor (creating the same files in a fresh
//! directory, on all cores, which codegen to a fresh directory cannot do in less).
//!
//! Peak memory is `VmHWM` from `/proc/self/status`. A process's high-water mark only ever
//! rises, so the peak of each phase alone is measured in a child: the bench re-executes its own
//! binary with the hidden `--phase P` option, which runs that phase once and prints its `VmHWM`.

use crate::codegen::{generate_from, CodegenArgs, MessageFormat};
use generator::Generation;
use pulldown_cmark::{Options, Parser};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// One phase of the bench, run alone by a child process to measure its peak memory.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Phase {
    Parse,
    Pipeline,
    Codegen,
}

impl Phase {
    fn name(self) -> &'static str {
        match self {
            Phase::Parse => "parse",
            Phase::Pipeline => "pipeline",
            Phase::Codegen => "codegen",
        }
    }
}

#[derive(Clone, Debug)]
pub struct BenchArgs {
    pub docs: PathBuf,
    pub runs: usize,
    /// Run only this phase, once, and print its peak memory (used by the bench on itself).
    pub phase: Option<Phase>,
}

/// What the parse floor saw.
struct Floor {
    pages: usize,
    bytes: u64,
    events: u64,
}

/// Reads every `*.md` page below `root` (in the loader's order) and runs pulldown-cmark over it,
/// consuming every event. Nothing else: this is what no markdown-reading tool can avoid.
fn parse_floor(root: &Path) -> Result<Floor, String> {
    let mut floor = Floor {
        pages: 0,
        bytes: 0,
        events: 0,
    };
    for entry in walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = entry.map_err(|e| format!("cannot walk {}: {e}", root.display()))?;
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let bytes = std::fs::read(entry.path())
            .map_err(|e| format!("cannot read {}: {e}", entry.path().display()))?;
        let text = String::from_utf8_lossy(&bytes);
        let events = Parser::new_ext(&text, Options::ENABLE_TABLES).count();
        floor.pages += 1;
        floor.bytes += bytes.len() as u64;
        floor.events += std::hint::black_box(events) as u64;
    }
    Ok(floor)
}

fn codegen_args(docs: &Path, out: &Path, format_cache: Option<PathBuf>) -> CodegenArgs {
    CodegenArgs {
        docs: docs.to_path_buf(),
        out: out.to_path_buf(),
        check: false,
        dump_ir: None,
        message_format: MessageFormat::Human,
        deny_warnings: false,
        deny_new: false,
        triage: Default::default(),
        format_cache,
        timings: false,
        filter: Default::default(),
    }
}

/// Load + generate, exactly as `cargo xtask codegen` does before it prints and writes.
fn pipeline(docs: &Path) -> Result<Generation, String> {
    // `--out` plays no part before writing.
    let (_, generation, _) = generate_from(&codegen_args(docs, docs, None))?;
    Ok(generation)
}

/// `cargo xtask codegen --docs DIR --out OUT --no-format-cache` (or with the format cache file
/// given), in this process, with its diagnostics and summary (normally on stderr) sent to
/// /dev/null. Returns how many files it wrote or removed.
fn codegen(docs: &Path, out: &Path, format_cache: Option<PathBuf>) -> Result<usize, String> {
    Ok(codegen_outcome(docs, out, format_cache)?.changed.len())
}

/// [`codegen`], with all it did.
fn codegen_outcome(
    docs: &Path,
    out: &Path,
    format_cache: Option<PathBuf>,
) -> Result<crate::codegen::Outcome, String> {
    let _quiet = Silenced::stderr();
    crate::codegen::run(&codegen_args(docs, out, format_cache))
}

/// Parses and prints every generated Rust file's text with syn and prettyplease, as emit's last
/// step does with its token streams: the part of emit that no change to our code can remove
/// while the output is formatted by prettyplease.
fn format_floor(generation: &Generation) -> Result<(), String> {
    use rayon::prelude::*;
    generation
        .files
        .par_iter()
        .filter(|f| f.path.ends_with(".rs"))
        .try_for_each(|f| {
            let file = syn::parse_file(&f.contents).map_err(|e| format!("{}: {e}", f.path))?;
            std::hint::black_box(prettyplease::unparse(&file));
            Ok(())
        })
}

/// Writes the generated files into `dir` with plain `fs::write`, on all cores: no comparison,
/// staging or journal. What creating that many files costs on this file system.
fn write_floor(generation: &Generation, dir: &Path) -> Result<(), String> {
    use rayon::prelude::*;
    let parents: std::collections::BTreeSet<PathBuf> = generation
        .files
        .iter()
        .filter_map(|f| dir.join(&f.path).parent().map(Path::to_path_buf))
        .collect();
    for parent in parents {
        std::fs::create_dir_all(&parent).map_err(|e| format!("{}: {e}", parent.display()))?;
    }
    generation.files.par_iter().try_for_each(|f| {
        let path = dir.join(&f.path);
        std::fs::write(&path, f.contents.as_bytes()).map_err(|e| format!("{}: {e}", path.display()))
    })
}

fn fresh_dir() -> Result<tempfile::TempDir, String> {
    tempfile::Builder::new()
        .prefix("xtask-bench-")
        .tempdir()
        .map_err(|e| format!("cannot create a temporary directory: {e}"))
}

/// Sends file descriptor 2 to /dev/null until dropped, so that thousands of diagnostics do not
/// flood the terminal (and their terminal's speed does not enter the measurement).
struct Silenced {
    saved: Option<std::os::fd::OwnedFd>,
}

impl Silenced {
    fn stderr() -> Silenced {
        use std::os::fd::{AsRawFd, FromRawFd, OwnedFd};
        let saved = (|| {
            let null = std::fs::OpenOptions::new()
                .write(true)
                .open("/dev/null")
                .ok()?;
            // SAFETY: dup and dup2 on descriptors this process owns; the duplicate is owned by
            // the returned OwnedFd and restored in Drop.
            unsafe {
                let saved = libc::dup(2);
                if saved < 0 {
                    return None;
                }
                let saved = OwnedFd::from_raw_fd(saved);
                (libc::dup2(null.as_raw_fd(), 2) >= 0).then_some(saved)
            }
        })();
        Silenced { saved }
    }
}

impl Drop for Silenced {
    fn drop(&mut self) {
        use std::os::fd::AsRawFd;
        if let Some(saved) = &self.saved {
            // SAFETY: restores the descriptor saved above.
            unsafe {
                libc::dup2(saved.as_raw_fd(), 2);
            }
        }
    }
}

/// `VmHWM` (peak resident set size) of this process, in kB.
fn peak_kb() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
}

/// Runs `phase` once in a child process (this binary, `bench --phase`) and returns its peak.
fn child_peak_kb(docs: &Path, phase: Phase) -> Result<u64, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot find this binary: {e}"))?;
    let output = std::process::Command::new(exe)
        .args(["bench", "--docs"])
        .arg(docs)
        .args(["--phase", phase.name()])
        .stderr(std::process::Stdio::null())
        .output()
        .map_err(|e| format!("cannot run the {} phase: {e}", phase.name()))?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("vmhwm_kb "))
        .and_then(|v| v.trim().parse().ok())
        .ok_or_else(|| format!("the {} phase reported no peak memory", phase.name()))
}

fn run_phase(docs: &Path, phase: Phase) -> Result<(), String> {
    match phase {
        Phase::Parse => {
            parse_floor(docs)?;
        }
        Phase::Pipeline => {
            pipeline(docs)?;
        }
        Phase::Codegen => {
            let dir = fresh_dir()?;
            codegen(docs, dir.path(), None)?;
        }
    }
    println!(
        "vmhwm_kb {}",
        peak_kb().ok_or("no VmHWM in /proc/self/status")?
    );
    Ok(())
}

/// A copy of the docs in a temporary directory, with a crate generated from it and a format
/// cache: the state a docs writer is in before an edit.
struct EditedCopy {
    docs: tempfile::TempDir,
    out: tempfile::TempDir,
    cache: tempfile::TempDir,
    /// The resource page and the API page edited, relative to the docs root.
    pages: [String; 2],
    edits: std::cell::Cell<usize>,
}

impl EditedCopy {
    fn new(docs: &Path) -> Result<Self, String> {
        let copy = fresh_dir()?;
        for entry in walkdir::WalkDir::new(docs).sort_by_file_name() {
            let entry = entry.map_err(|e| e.to_string())?;
            let target = copy
                .path()
                .join(entry.path().strip_prefix(docs).expect("below the root"));
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).map_err(|e| e.to_string())?;
            } else if entry.file_type().is_file() {
                std::fs::copy(entry.path(), &target).map_err(|e| e.to_string())?;
            }
        }
        let first_page = |dir: &str, preferred: &str| -> Result<String, String> {
            if copy.path().join(dir).join(preferred).is_file() {
                return Ok(format!("{dir}/{preferred}"));
            }
            let mut names: Vec<String> = std::fs::read_dir(copy.path().join(dir))
                .map_err(|e| format!("{dir}/: {e}"))?
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .filter(|n| n.ends_with(".md"))
                .collect();
            names.sort();
            names
                .into_iter()
                .next()
                .map(|n| format!("{dir}/{n}"))
                .ok_or_else(|| format!("no page in {dir}/ to edit"))
        };
        let pages = [
            first_page("resources", "user.md")?,
            first_page("api", "user-update.md")?,
        ];
        let edited = EditedCopy {
            out: fresh_dir()?,
            cache: fresh_dir()?,
            docs: copy,
            pages,
            edits: std::cell::Cell::new(0),
        };
        edited.regenerate()?;
        Ok(edited)
    }

    /// Changes the summary of both pages (the first prose line under the title), differently
    /// each time, so that each regeneration has a real change to make.
    fn edit(&self) -> Result<(), String> {
        let n = self.edits.get() + 1;
        self.edits.set(n);
        for page in &self.pages {
            let path = self.docs.path().join(page);
            let text = std::fs::read_to_string(&path).map_err(|e| format!("{page}: {e}"))?;
            let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
            // What becomes the generated docs: an API page's front-matter description, else
            // the first prose line under the title.
            let title = lines.iter().position(|l| l.starts_with("# ")).unwrap_or(0);
            let described = lines[..title]
                .iter()
                .position(|l| l.starts_with("description:"));
            let summary = (title + 1..lines.len()).find(|&i| {
                lines[i].starts_with(char::is_alphabetic) && !lines[i].starts_with("Namespace:")
            });
            let edit = format!(" (Edit {n}.)");
            match (described, summary) {
                (Some(i), _) => match lines[i].strip_suffix('"') {
                    Some(quoted) => lines[i] = format!("{quoted}{edit}\""),
                    None => lines[i].push_str(&edit),
                },
                (None, Some(i)) => lines[i].push_str(&edit),
                (None, None) => return Err(format!("{page}: no description or summary to edit")),
            }
            std::fs::write(&path, lines.join("\n") + "\n").map_err(|e| format!("{page}: {e}"))?;
        }
        Ok(())
    }

    /// `cargo xtask codegen --docs COPY --out OUT` with the format cache.
    fn regenerate(&self) -> Result<crate::codegen::Outcome, String> {
        let cache = Some(self.cache.path().join("format-cache.bin"));
        codegen_outcome(self.docs.path(), self.out.path(), cache)
    }
}

/// Median, minimum and maximum.
struct Stats {
    median: f64,
    min: f64,
    max: f64,
}

fn stats(values: &[f64]) -> Stats {
    let mut v = values.to_vec();
    v.sort_by(f64::total_cmp);
    let n = v.len();
    let median = if n % 2 == 1 {
        v[n / 2]
    } else {
        (v[n / 2 - 1] + v[n / 2]) / 2.0
    };
    Stats {
        median,
        min: v[0],
        max: v[n - 1],
    }
}

/// Wall-clock and CPU seconds of each run of one phase.
#[derive(Default)]
struct Samples {
    wall: Vec<f64>,
    cpu: Vec<f64>,
}

impl Samples {
    /// `median s (min, max), cpu median s`: CPU time is that of every thread of this process, so
    /// it shows how much of the work ran in parallel, and it moves less than wall-clock time
    /// when other processes compete for the cores.
    fn show(&self) -> String {
        let s = stats(&self.wall);
        format!(
            "{:.3} s  (min {:.3}, max {:.3}; cpu {:.3} s)",
            s.median,
            s.min,
            s.max,
            stats(&self.cpu).median
        )
    }

    /// Runs `f` once and records its wall-clock and CPU time.
    fn time<T>(&mut self, f: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
        let (started, cpu) = (Instant::now(), cpu_seconds());
        let value = f()?;
        self.wall.push(started.elapsed().as_secs_f64());
        self.cpu.push(cpu_seconds() - cpu);
        // A codegen run frees its memory on other threads, after it returns, as a process's
        // exit would; the next timed run must not share the machine with that.
        crate::codegen::wait_for_freeing();
        Ok(value)
    }
}

/// User and system CPU time of this process so far, all threads.
fn cpu_seconds() -> f64 {
    // SAFETY: getrusage only writes the struct it is given.
    let usage = unsafe {
        let mut usage = std::mem::zeroed::<libc::rusage>();
        libc::getrusage(libc::RUSAGE_SELF, &mut usage);
        usage
    };
    let secs = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
    secs(usage.ru_utime) + secs(usage.ru_stime)
}

fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn mb(kb: u64) -> String {
    format!("{:.0} MB", kb as f64 / 1024.0)
}

pub fn run(args: &BenchArgs) -> Result<(), String> {
    if !args.docs.is_dir() {
        return Err(format!(
            "docs root `{}` is not a directory",
            args.docs.display()
        ));
    }
    if let Some(phase) = args.phase {
        return run_phase(&args.docs, phase);
    }
    let runs = args.runs.max(1);
    // Also warms the page cache, so that no run pays for the first read from disk.
    let floor = parse_floor(&args.docs)?;
    let profile = if cfg!(debug_assertions) {
        "dev"
    } else {
        "release"
    };
    println!(
        "docs: {}: {} pages, {} bytes ({:.1} MB), {} markdown events",
        args.docs.display(),
        thousands(floor.pages as u64),
        thousands(floor.bytes),
        floor.bytes as f64 / 1e6,
        thousands(floor.events)
    );
    let load = std::fs::read_to_string("/proc/loadavg").unwrap_or_default();
    println!(
        "{runs} runs, {profile} build, {} threads, load average {}; median (min, max; cpu median):",
        std::thread::available_parallelism().map_or(1, |n| n.get()),
        load.split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ")
    );

    let mut floor_s = Samples::default();
    let mut pipeline_s = Samples::default();
    let mut fresh_s = Samples::default();
    let mut noop_s = Samples::default();
    let mut format_s = Samples::default();
    let mut write_s = Samples::default();
    let mut ratio = Vec::new();
    let mut stages: Vec<generator::pipeline::Timings> = Vec::new();
    let (mut fresh_written, mut noop_written, mut cached_written) = (0, 0, 0);
    let mut cached_s = Samples::default();
    let mut edit_s = Samples::default();
    let (mut edit_ratio, mut edit_written, mut edit_reused) = (Vec::new(), 0, 0);
    let editing = EditedCopy::new(&args.docs)?;
    let mut summary = None;
    // Kept until the end: deleting thousands of files between runs slows down creating the next
    // ones on some file systems (ext4 looks at recently deleted inodes), which is not our cost.
    let mut dirs = Vec::new();
    for _ in 0..runs {
        floor_s.time(|| parse_floor(&args.docs))?;
        let generation = pipeline_s.time(|| pipeline(&args.docs))?;
        ratio.push(pipeline_s.wall.last().unwrap() / floor_s.wall.last().unwrap());
        stages.push(generation.timings());
        summary.get_or_insert((
            generation.analysis.ir.types.len(),
            generation.analysis.ir.operations.len(),
            generation.files.len(),
            generation.analysis.diagnostics.len(),
        ));
        format_s.time(|| format_floor(&generation))?;
        let dir = fresh_dir()?;
        write_s.time(|| write_floor(&generation, dir.path()))?;
        dirs.push(dir);
        drop(generation);
        let dir = fresh_dir()?;
        fresh_written = fresh_s.time(|| codegen(&args.docs, dir.path(), None))?;
        noop_written = noop_written.max(noop_s.time(|| codegen(&args.docs, dir.path(), None))?);
        // The same no-op once more, with a format cache that a first cached run filled.
        let cache = fresh_dir()?;
        let cache_file = Some(cache.path().join("format-cache.bin"));
        codegen(&args.docs, dir.path(), cache_file.clone())?;
        cached_written =
            cached_written.max(cached_s.time(|| codegen(&args.docs, dir.path(), cache_file))?);
        dirs.push(dir);
        // A docs writer's loop: one resource page and one API page edited, then regenerated
        // into the crate the previous state generated, with the format cache.
        editing.edit()?;
        let outcome = edit_s.time(|| editing.regenerate())?;
        (edit_written, edit_reused) = (outcome.changed.len(), outcome.reused);
        edit_ratio.push(edit_s.wall.last().unwrap() / floor_s.wall.last().unwrap());
    }
    let (types, operations, files, diagnostics) = summary.expect("at least one run");
    println!(
        "  (1) parse floor (read + pulldown-cmark):   {}",
        floor_s.show()
    );
    println!(
        "  (2) pipeline in memory (load + generate):  {}",
        pipeline_s.show()
    );
    let stage = |f: fn(&generator::pipeline::Timings) -> Duration| {
        stats(
            &stages
                .iter()
                .map(|t| f(t).as_secs_f64())
                .collect::<Vec<_>>(),
        )
        .median
    };
    let (parse, lower, analyze, check, surface, emit) = (
        stage(|t| t.parse),
        stage(|t| t.lower),
        stage(|t| t.analyze),
        stage(|t| t.check),
        stage(|t| t.surface),
        stage(|t| t.emit),
    );
    // Medians of each stage need not add up to the median of the whole.
    println!(
        "      wall (medians): parse {parse:.3} s, lower {lower:.3} s, analyze {analyze:.3} s, check (beside the navigation tree) {check:.3} s, snippets {surface:.3} s, emit + format {emit:.3} s, load and the rest {:.3} s",
        (stats(&pipeline_s.wall).median - parse - lower - analyze - check - surface - emit)
            .max(0.0)
    );
    println!(
        "      {types} types, {operations} operations, {diagnostics} diagnostics, {files} files"
    );
    println!(
        "      format floor (syn + prettyplease over the output's text): {}",
        format_s.show()
    );
    println!(
        "  (3) codegen to disk, fresh directory:      {}  {fresh_written} files written",
        fresh_s.show()
    );
    println!(
        "      write floor (fs::write of the same files, fresh directory): {}",
        write_s.show()
    );
    println!(
        "      no-op re-run, same directory:          {}  {noop_written} files written",
        noop_s.show()
    );
    println!(
        "      no-op re-run with the format cache:    {}  {cached_written} files written",
        cached_s.show()
    );
    let e = stats(&edit_ratio);
    println!(
        "  (4) after editing {} and {}: {}  {edit_written} files written, {edit_reused} reused unbuilt; {:.2}x the parse floor (min {:.2}, max {:.2})",
        editing.pages[0],
        editing.pages[1],
        edit_s.show(),
        e.median,
        e.min,
        e.max
    );
    drop(dirs);
    let r = stats(&ratio);
    println!(
        "  ratio (2)/(1), within each run:            {:.2}x  (min {:.2}, max {:.2})",
        r.median, r.min, r.max
    );
    let this = peak_kb().map_or_else(|| "unknown".to_owned(), mb);
    let child = |phase| child_peak_kb(&args.docs, phase).map_or_else(|e| e, mb);
    println!(
        "  peak memory (VmHWM): parse floor {}, pipeline {}, codegen {} (each once, alone, in a child process); this process after all runs {this}",
        child(Phase::Parse),
        child(Phase::Pipeline),
        child(Phase::Codegen)
    );
    Ok(())
}
