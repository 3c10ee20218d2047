//! `cargo xtask check-metadata`: compares what the generator understood of a docs root with a
//! CSDL metadata file, prints every disagreement and the agreement ratios, and fails when a ratio
//! is below a required threshold. Docs and CSDL always disagree somewhat, so findings alone never
//! fail the run; only the thresholds do.

pub mod changes;
pub mod compare;
pub mod csdl;
pub mod findings;
pub mod operations;
pub mod report;

use crate::codes::CHECK_METADATA;
use crate::load::load_docs;
use crate::print::{self, HumanTo, MessageFormat, Shown};
use crate::render::{DisplayRoot, SarifTool};
use crate::sources::PagesAnd;
use crate::triage::Triage;
use compare::{compare, doc_types, IR_COVERAGE};
use csdl::Csdl;
use findings::{Ratio, Report};
use generator::policy::Tool;
use generator::{Diagnostic, SourceSet};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Clone, Debug)]
pub struct CheckMetadataArgs {
    pub docs: PathBuf,
    pub csdl: PathBuf,
    /// Minimum percentages, 0–100.
    pub require_names: Option<f64>,
    pub require_types: Option<f64>,
    pub require_pages: Option<f64>,
    pub require_paths: Option<f64>,
    pub require_responses: Option<f64>,
    pub require_bodies: Option<f64>,
    pub message_format: MessageFormat,
    /// A baseline to compare with or write, and `--changed-since`, as `codegen` takes them.
    pub triage: crate::triage::TriageArgs,
    /// `--deny new`: fail on a docs-side finding the change introduced.
    pub deny_new: bool,
}

#[derive(Debug)]
pub struct Outcome {
    pub report: Report,
    /// One line per threshold that was not met.
    pub failed: Vec<String>,
    /// Under `--deny new`: the docs-side findings the change introduced.
    pub new_warnings: usize,
    /// Findings of error severity (raised so by the docs' `[severity]`), but for those a
    /// baseline knows.
    pub errors: usize,
}

impl Outcome {
    pub fn exit_code(&self) -> u8 {
        u8::from(!self.failed.is_empty() || self.new_warnings > 0 || self.errors > 0)
    }
}

/// Parses a threshold: a number from 0 to 100, with or without a trailing `%`.
pub fn parse_percent(text: &str) -> Result<f64, String> {
    let number = text.trim().trim_end_matches('%');
    match number.parse::<f64>() {
        Ok(p) if (0.0..=100.0).contains(&p) => Ok(p),
        _ => Err(format!("`{text}` is not a percentage from 0 to 100")),
    }
}

/// Reads both sides and compares them, without printing.
pub fn check(docs: &Path, csdl_path: &Path) -> Result<Report, String> {
    check_files(docs, csdl_path).map(|checked| checked.report)
}

/// Both sides, read, and their comparison.
struct Checked {
    pages: SourceSet,
    csdl: Csdl,
    report: Report,
}

impl Checked {
    /// The files the diagnostics point into: the pages, then the CSDL file.
    fn sources(&self) -> PagesAnd<'_> {
        PagesAnd {
            pages: &self.pages,
            last: &self.csdl.source,
        }
    }
}

/// [`check`], keeping the files the diagnostics point into.
fn check_files(docs: &Path, csdl_path: &Path) -> Result<Checked, String> {
    let text = std::fs::read_to_string(csdl_path)
        .map_err(|e| format!("cannot read {}: {e}", csdl_path.display()))?;
    let csdl = Csdl::parse(&csdl_path.display().to_string(), &text)?;
    // Unreadable pages are `codegen`'s to report; here they are simply pages without types.
    let pages = load_docs(docs)?.sources;
    let report = compare_sources(&pages, &csdl);
    Ok(Checked {
        pages,
        csdl,
        report,
    })
}

/// Analyzes `sources` as `codegen` does (without emitting anything) and compares the types it
/// understood with `csdl`. The CSDL-side diagnostics point into `csdl`'s file, placed after the
/// pages.
pub fn compare_sources(sources: &SourceSet, csdl: &Csdl) -> Report {
    let analysis = generator::analyze(sources);
    let mut report = compare(
        &doc_types(sources, &analysis.ir),
        sources,
        csdl,
        IR_COVERAGE,
    );
    operations::compare_operations(&analysis.ir, csdl, &mut report);
    // The docs' `[severity]` and suppressions of `metadata-*` codes, as `codegen` applies its.
    let found = std::mem::take(&mut report.diagnostics);
    report.diagnostics =
        generator::policy::apply_for(Tool::CheckMetadata, sources, &analysis.pages, found);
    report
}

/// The thresholds that `report` does not meet, as messages. A ratio with nothing to measure
/// fails any threshold: a check that measured nothing has not shown agreement.
pub fn unmet(report: &Report, args: &CheckMetadataArgs) -> Vec<String> {
    let checks: [(&str, Ratio, Option<f64>); 6] = [
        ("names", report.names, args.require_names),
        ("types", report.types, args.require_types),
        ("pages", report.pages, args.require_pages),
        ("paths", report.paths, args.require_paths),
        ("responses", report.responses, args.require_responses),
        ("bodies", report.bodies, args.require_bodies),
    ];
    checks
        .into_iter()
        .filter_map(|(what, ratio, required)| {
            let required = required?;
            match ratio.percent() {
                Some(p) if p >= required => None,
                Some(p) => Some(format!(
                    "{what} agreement {p:.2}% ({} of {}) is below the required {required:.2}%",
                    ratio.agree, ratio.of
                )),
                None => Some(format!(
                    "{what} agreement could not be measured (nothing to compare); {required:.2}% is required"
                )),
            }
        })
        .collect()
}

pub fn run(args: &CheckMetadataArgs) -> Result<Outcome, String> {
    let checked = check_files(&args.docs, &args.csdl)?;
    let (report, sources) = (&checked.report, checked.sources());
    let failed = unmet(report, args);
    let diagnostics = &report.diagnostics;
    let files: BTreeSet<&str> = (checked.pages.iter().map(|(_, f)| f.path.as_str()))
        .chain([checked.csdl.source.path.as_str()])
        .collect();
    let entries = changes::entries(&sources, diagnostics);
    let triage = Triage::from_entries(&args.triage, entries, &files, &args.docs)?;
    // With a baseline or a revision, only the change's diagnostics are shown in full.
    let indices: Vec<usize> = (0..diagnostics.len())
        .filter(|&i| triage.is_the_changes(i))
        .collect();
    let shown: Vec<Diagnostic> = indices.iter().map(|&i| diagnostics[i].clone()).collect();
    let root = DisplayRoot::new(&args.docs).with_file_as_given(&checked.csdl.source.path);
    let printed = Shown {
        sources: &sources,
        root: &root,
        diagnostics: &shown,
        indices: &indices,
        triage: &triage,
        tool: SarifTool {
            name: "cargo xtask check-metadata",
            codes: CHECK_METADATA,
        },
    };
    print::diagnostics(args.message_format, &printed, HumanTo::Stdout);
    // The figures close the output, where `tail` finds them; a SARIF log is one JSON document,
    // with nothing after it.
    match args.message_format {
        MessageFormat::Human | MessageFormat::Github => {
            print::out(&report::totals(report, &shown));
        }
        MessageFormat::Json => {
            let mut summary = report::summary_json(report, &shown, &failed);
            if triage.limits() {
                summary["summary"]["changes"] = triage.summary_json(diagnostics);
            }
            print::out(&format!("{summary}\n"));
        }
        MessageFormat::Sarif => {}
    }
    if triage.limits() && args.message_format != MessageFormat::Json {
        eprint!("{}", triage.report(diagnostics));
    }
    if args.message_format == MessageFormat::Github && triage.limits() {
        print::write_step_summary(&triage.step_summary(diagnostics));
    }
    for f in &failed {
        eprintln!("error: {f}");
    }
    let new_warnings = if args.deny_new {
        triage.new_problems(diagnostics)
    } else {
        0
    };
    if new_warnings > 0 {
        eprintln!("error: {new_warnings} new warning(s) (--deny new)");
    }
    let errors = triage.errors(diagnostics);
    if errors > 0 {
        eprintln!("error: {errors} finding(s) of error severity");
    }
    Ok(Outcome {
        report: checked.report,
        failed,
        new_warnings,
        errors,
    })
}
