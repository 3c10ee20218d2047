//! Command-line parsing and dispatch for `cargo xtask`.
//!
//! Exit codes: 0 success; 1 drift (with `--check`) or error-level diagnostics; 2 bad usage or
//! an I/O failure that stopped the run.

use crate::codegen::{self, CodegenArgs, MessageFormat};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Project automation for the Graph docs code generator"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the client crate from the docs (or, with --check, verify it is up to date).
    Codegen {
        /// Compare instead of writing; exit 1 when a generated file is stale or missing.
        #[arg(long)]
        check: bool,
        /// Docs root to read (default: `docs/` of this workspace).
        #[arg(long)]
        docs: Option<PathBuf>,
        /// Crate to write into (default: `generated/` of this workspace).
        #[arg(long)]
        out: Option<PathBuf>,
        /// `--deny warnings` reports every warning as an error, so that the run fails on it;
        /// `--deny new` fails the run on a warning or error that is new against `--baseline`
        /// (and on a page changed since `--changed-since`).
        #[arg(long, value_name = "LINT", value_parser = ["warnings", "new"])]
        deny: Vec<String>,
        #[command(flatten)]
        changes: ChangeFlags,
        /// Write the IR and the request surface as JSON to this file instead of generating the
        /// crate.
        #[arg(long, value_name = "FILE")]
        dump_ir: Option<PathBuf>,
        /// How to print diagnostics: `human` (default), `json` (one object per line, then a
        /// `{"summary": …}` object), `github` (GitHub Actions annotations) or `sarif` (one
        /// SARIF 2.1.0 log, for code scanning).
        #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
        message_format: MessageFormat,
        /// Print only diagnostics with this code (repeatable). Counts and the exit code still
        /// cover every diagnostic.
        #[arg(long = "code", value_name = "CODE", value_parser = parse_code)]
        codes: Vec<generator::Code>,
        /// Print only diagnostics of this severity or worse: `error`, `warning` or `note`.
        #[arg(long, value_name = "LEVEL", value_parser = parse_severity)]
        severity: Option<generator::Severity>,
        /// Format every file, instead of reusing the text an earlier run of this same build
        /// formatted from the same tokens (kept in `target/codegen-cache/`). `--check` always
        /// formats every file.
        #[arg(long)]
        no_format_cache: bool,
        /// Print how long each stage took (load, parse, lower, analyze, check, emit, report,
        /// write) and how many files were reused, on stderr after the summary.
        #[arg(long)]
        timings: bool,
    },
    /// Compare the types the docs define with a CSDL metadata file and report disagreements.
    CheckMetadata {
        /// Docs root to read.
        #[arg(long)]
        docs: PathBuf,
        /// CSDL (EDMX XML) metadata file.
        #[arg(long, value_name = "FILE")]
        csdl: PathBuf,
        /// Fail (exit 1) when fewer than PCT% of documented property names are in the CSDL.
        #[arg(long, value_name = "PCT", value_parser = crate::metadata::parse_percent)]
        require_names: Option<f64>,
        /// Fail (exit 1) when fewer than PCT% of found properties have the CSDL's type.
        #[arg(long, value_name = "PCT", value_parser = crate::metadata::parse_percent)]
        require_types: Option<f64>,
        /// Fail (exit 1) when fewer than PCT% of resource pages with a table name a CSDL type.
        #[arg(long, value_name = "PCT", value_parser = crate::metadata::parse_percent)]
        require_pages: Option<f64>,
        /// Fail when fewer than PCT% of documented request lines resolve in the CSDL.
        #[arg(long, value_name = "PCT", value_parser = crate::metadata::parse_percent)]
        require_paths: Option<f64>,
        /// Fail when fewer than PCT% of resolved requests answer the CSDL's response type.
        #[arg(long, value_name = "PCT", value_parser = crate::metadata::parse_percent)]
        require_responses: Option<f64>,
        /// Fail when fewer than PCT% of resolved writes send the CSDL's body.
        #[arg(long, value_name = "PCT", value_parser = crate::metadata::parse_percent)]
        require_bodies: Option<f64>,
        /// How to print its diagnostics, as `codegen` does: `human` (default), `json`, `github`
        /// or `sarif`; every format but SARIF ends with the counts and ratios.
        #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
        message_format: MessageFormat,
        #[command(flatten)]
        changes: ChangeFlags,
        /// `--deny new`: fail on a docs-side finding that is new (against `--baseline`, on a
        /// page changed since `--changed-since`).
        #[arg(long, value_name = "LINT", value_parser = ["new"])]
        deny: Vec<String>,
    },
    /// Compare the public API of two generated crates: what was added, changed and removed,
    /// and the semver bump it implies.
    ApiDiff {
        /// The crate as released.
        #[arg(long, value_name = "CRATE_DIR")]
        old: PathBuf,
        /// The crate as generated now.
        #[arg(long, value_name = "CRATE_DIR")]
        new: PathBuf,
        /// `human` (default) or `json`.
        #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
        message_format: MessageFormat,
    },
    /// Time the generator on a docs tree against the parse floor; report peak memory.
    Bench {
        /// Docs root to read.
        #[arg(long)]
        docs: PathBuf,
        /// How many times to measure each phase (the median is reported).
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Run one phase once and print its peak memory (the bench runs itself with this).
        #[arg(long, value_enum, hide = true)]
        phase: Option<crate::bench::Phase>,
    },
    /// Time the generated models reading and writing doc example bodies, beside
    /// `serde_json::Value` and a serde-derive mirror of the same types (builds the generated
    /// crate in release: minutes).
    BenchModels {
        /// Docs root to generate the crate from (the corpus, for User, Event, Message, DriveItem).
        #[arg(long)]
        docs: PathBuf,
        /// Bytes of JSON per type: each example body is copied until its array is this long.
        #[arg(long, default_value_t = 4_000_000)]
        bytes: usize,
        /// How many samples of each measurement (the median is reported).
        #[arg(long, default_value_t = 15)]
        samples: usize,
        /// Another generated crate (an earlier generator's output, say) whose models are
        /// benched beside, in the same run.
        #[arg(long, value_name = "CRATE_DIR")]
        baseline: Option<PathBuf>,
    },
}

/// What a run is compared with: a baseline, a git revision (`codegen` and `check-metadata`).
#[derive(clap::Args)]
struct ChangeFlags {
    /// Compare with this baseline (written by `--write-baseline`): new diagnostics are shown in
    /// full, known ones counted by code, fixed ones listed.
    #[arg(long, value_name = "FILE")]
    baseline: Option<PathBuf>,
    /// Write everything this run reports to FILE as a baseline (JSON, sorted).
    #[arg(long, value_name = "FILE")]
    write_baseline: Option<PathBuf>,
    /// Show only what is on pages that differ from this git revision (committed since, changed
    /// in the work tree, or new); the docs root must be inside a git work tree.
    #[arg(long, value_name = "REV")]
    changed_since: Option<String>,
}

impl From<ChangeFlags> for crate::triage::TriageArgs {
    fn from(flags: ChangeFlags) -> Self {
        crate::triage::TriageArgs {
            baseline: flags.baseline,
            write_baseline: flags.write_baseline,
            changed_since: flags.changed_since,
        }
    }
}

/// A diagnostic code by its kebab-case name.
fn parse_code(name: &str) -> Result<generator::Code, String> {
    generator::Code::from_name(name).ok_or_else(|| {
        let known: Vec<&str> = generator::Code::ALL.iter().map(|c| c.name()).collect();
        format!(
            "no diagnostic code `{name}`; the codes are {}",
            known.join(", ")
        )
    })
}

fn parse_severity(name: &str) -> Result<generator::Severity, String> {
    match name {
        "error" => Ok(generator::Severity::Error),
        "warning" => Ok(generator::Severity::Warning),
        "note" => Ok(generator::Severity::Note),
        _ => Err(format!(
            "`{name}` is not a severity: error, warning or note"
        )),
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Codegen {
            check,
            docs,
            out,
            dump_ir,
            deny,
            message_format,
            codes,
            severity,
            no_format_cache,
            timings,
            changes,
        } => {
            let root = crate::project_root();
            // Generating another docs tree over this workspace's crate is never what was meant.
            if docs.is_some() && out.is_none() && dump_ir.is_none() {
                eprintln!("error: with --docs, say where the crate goes with --out DIR (or use --dump-ir FILE)");
                return ExitCode::from(2);
            }
            let out = out.unwrap_or_else(|| root.join("generated"));
            let args = CodegenArgs {
                docs: docs.unwrap_or_else(|| root.join("docs")),
                format_cache: (!no_format_cache).then(|| crate::format_cache_file::path_for(&out)),
                out,
                check,
                dump_ir,
                message_format,
                deny_warnings: deny.iter().any(|d| d == "warnings"),
                deny_new: deny.iter().any(|d| d == "new"),
                triage: changes.into(),
                timings,
                filter: codegen::DiagnosticFilter {
                    codes,
                    min_severity: severity,
                },
            };
            match codegen::run(&args) {
                Ok(outcome) => ExitCode::from(outcome.exit_code()),
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::CheckMetadata {
            docs,
            csdl,
            require_names,
            require_types,
            require_pages,
            require_paths,
            require_responses,
            require_bodies,
            message_format,
            changes,
            deny,
        } => {
            let args = crate::metadata::CheckMetadataArgs {
                docs,
                csdl,
                require_names,
                require_types,
                require_pages,
                require_paths,
                require_responses,
                require_bodies,
                message_format,
                triage: changes.into(),
                deny_new: !deny.is_empty(),
            };
            match crate::metadata::run(&args) {
                Ok(outcome) => ExitCode::from(outcome.exit_code()),
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::BenchModels {
            docs,
            bytes,
            samples,
            baseline,
        } => {
            let args = crate::models_bench::ModelsBenchArgs {
                docs,
                bytes,
                samples,
                baseline,
            };
            match crate::models_bench::run(&args) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::ApiDiff {
            old,
            new,
            message_format,
        } => {
            let surfaces = crate::api_diff::surface(&old)
                .and_then(|old| Ok((old, crate::api_diff::surface(&new)?)));
            match surfaces {
                Ok((old, new)) => {
                    let diff = crate::api_diff::diff(&old, &new);
                    match message_format {
                        MessageFormat::Json => print!("{}", crate::api_diff::json(&diff)),
                        _ => print!("{}", crate::api_diff::human(&diff)),
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Bench { docs, runs, phase } => {
            match crate::bench::run(&crate::bench::BenchArgs { docs, runs, phase }) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}
