//! Renders diagnostics for people (rustc style, via codespan-reporting), for machines (JSON
//! lines, closed by a summary object) and for CI (GitHub Actions workflow commands, which show
//! as pull-request annotations), with file paths as the user can open them from where the
//! command runs; and the per-code count table of the summary.

use crate::excerpt::ExcerptFiles;
use crate::sources::Sources;
use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::term::{self, termcolor::WriteColor};
use generator::{Code, Diagnostic, FileId, Severity};
use std::collections::BTreeMap;
use std::path::Path;

/// How file paths are shown: the docs root as the user can reach it from the working
/// directory, joined with each page's path within the docs; a file outside the docs (the CSDL
/// of `check-metadata`) by its path as given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DisplayRoot {
    root: String,
    as_given: Vec<String>,
}

impl DisplayRoot {
    /// `docs` as given on the command line when relative; when absolute, relative to the
    /// working directory if it is inside it, else as it is.
    pub fn new(docs: &Path) -> DisplayRoot {
        let docs = match std::env::current_dir() {
            Ok(cwd) if docs.is_absolute() => docs.strip_prefix(&cwd).unwrap_or(docs),
            _ => docs,
        };
        let mut root = docs.to_string_lossy().replace('\\', "/");
        if !root.is_empty() && !root.ends_with('/') {
            root.push('/');
        }
        DisplayRoot {
            root,
            as_given: Vec::new(),
        }
    }

    /// The same, with the source file whose path is `path` shown as it is: a file named on the
    /// command line beside the docs root, not inside it.
    pub fn with_file_as_given(mut self, path: &str) -> DisplayRoot {
        self.as_given.push(path.to_owned());
        self
    }

    /// The path of a source file as shown.
    pub fn path(&self, within_docs: &str) -> String {
        if self.as_given.iter().any(|p| p == within_docs) {
            within_docs.to_owned()
        } else {
            format!("{}{within_docs}", self.root)
        }
    }
}

/// Renders `diagnostics` in the human format to `out`, with paths relative to the docs root.
pub fn render_human(sources: &dyn Sources, diagnostics: &[Diagnostic], out: &mut dyn WriteColor) {
    render_human_at(sources, &DisplayRoot::default(), diagnostics, out);
}

/// Renders `diagnostics` in the human format to `out`, with paths as `root` shows them.
pub fn render_human_at(
    sources: &dyn Sources,
    root: &DisplayRoot,
    diagnostics: &[Diagnostic],
    out: &mut dyn WriteColor,
) {
    let names: Vec<String> = (0..sources.file_count())
        .map(|i| root.path(&sources.file(FileId(i as u32)).path))
        .collect();
    let config = term::Config::default();
    for d in diagnostics {
        let spans: Vec<(FileId, std::ops::Range<usize>)> = std::iter::once(&d.primary)
            .chain(&d.secondary)
            .map(|l| (l.span.file, l.span.range()))
            .collect();
        // Long lines are cut around the labels; offsets move with them.
        let files = ExcerptFiles::new(sources, &names, &spans);
        let shown = |span: generator::Span| {
            let file = span.file.0 as usize;
            files.map(file, span.start as usize)..files.map(file, span.end as usize)
        };
        let severity = match d.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Note => CsSeverity::Note,
        };
        let mut labels =
            vec![
                Label::primary(d.primary.span.file.0 as usize, shown(d.primary.span))
                    .with_message(clip(&d.primary.message)),
            ];
        labels.extend(d.secondary.iter().map(|l| {
            Label::secondary(l.span.file.0 as usize, shown(l.span)).with_message(clip(&l.message))
        }));
        let mut notes = Vec::new();
        if let Some(help) = &d.help {
            notes.push(format!("help: {}", clip(help)));
        }
        let rendered = CsDiagnostic::new(severity)
            .with_code(d.code.name())
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        // Writing to stderr or a buffer only fails if the stream is gone; nothing to do then.
        let _ = term::emit(out, &config, &files, &rendered);
    }
}

/// The most characters of a label or help text the human format shows; the JSON and GitHub
/// formats carry the whole text.
pub const MAX_TEXT: usize = 160;

/// `text`, or its first [`MAX_TEXT`] characters and how many more there were.
fn clip(text: &str) -> String {
    match text.char_indices().nth(MAX_TEXT) {
        None => text.to_owned(),
        Some((cut, _)) => format!(
            "{}… ({} more characters)",
            &text[..cut],
            text[cut..].chars().count()
        ),
    }
}

/// One JSON object per line: code, severity, message, file, line, column, end, help, labels.
pub fn render_json(sources: &dyn Sources, diagnostics: &[Diagnostic]) -> String {
    render_json_at(sources, &DisplayRoot::default(), diagnostics)
}

/// [`render_json`] with paths as `root` shows them.
pub fn render_json_at(
    sources: &dyn Sources,
    root: &DisplayRoot,
    diagnostics: &[Diagnostic],
) -> String {
    let location = |span: generator::Span| {
        let file = sources.file(span.file);
        let (line, column) = file.line_col(span.start as usize);
        let (end_line, end_column) = file.line_col(span.end as usize);
        serde_json::json!({
            "file": root.path(&file.path), "line": line, "column": column,
            "end_line": end_line, "end_column": end_column,
        })
    };
    let mut out = String::new();
    for d in diagnostics {
        let mut value = serde_json::json!({
            "code": d.code.name(),
            "severity": d.severity,
            "message": d.message,
            "label": d.primary.message,
            "help": d.help,
            "secondary": d.secondary.iter().map(|l| {
                let mut v = location(l.span);
                v["message"] = l.message.clone().into();
                v
            }).collect::<Vec<_>>(),
        });
        if let (Some(obj), serde_json::Value::Object(loc)) =
            (value.as_object_mut(), location(d.primary.span))
        {
            obj.extend(loc);
        }
        out.push_str(&value.to_string());
        out.push('\n');
    }
    out
}

/// GitHub Actions workflow commands, one per diagnostic:
/// `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=code::message`, which GitHub shows
/// as an annotation on the pull request's diff. The label and help follow the message.
pub fn render_github(
    sources: &dyn Sources,
    root: &DisplayRoot,
    diagnostics: &[Diagnostic],
) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let file = sources.file(d.primary.span.file);
        let (line, column) = file.line_col(d.primary.span.start as usize);
        let (end_line, end_column) = file.line_col(d.primary.span.end as usize);
        let command = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "notice",
        };
        let mut message = d.message.clone();
        if !d.primary.message.is_empty() {
            message.push_str(&format!("\n{}", d.primary.message));
        }
        if let Some(help) = &d.help {
            message.push_str(&format!("\nhelp: {help}"));
        }
        out.push_str(&format!(
            "::{command} file={},line={line},col={column},endLine={end_line},endColumn={end_column},title={}::{}\n",
            github_property(&root.path(&file.path)),
            github_property(d.code.name()),
            github_data(&message),
        ));
    }
    out
}

/// Escapes a workflow command's message, as GitHub's toolkit does.
pub fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a workflow command's property value, as GitHub's toolkit does.
pub fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// The closing summary as data: counts by severity and by code, and how many were shown.
pub fn summary_json(diagnostics: &[Diagnostic], shown: usize) -> serde_json::Value {
    let (errors, warnings, notes) = counts(diagnostics);
    let by_code: serde_json::Map<String, serde_json::Value> = by_code(diagnostics)
        .into_iter()
        .map(|(code, n)| (code.name().to_owned(), n.into()))
        .collect();
    serde_json::json!({ "summary": {
        "errors": errors, "warnings": warnings, "notes": notes,
        "by_code": by_code, "shown": shown,
    }})
}

/// One line per code that occurred, most frequent first: `   445 warning example-unknown-property`.
pub fn summary_table(diagnostics: &[Diagnostic]) -> String {
    let mut rows: Vec<(Code, usize)> = by_code(diagnostics).into_iter().collect();
    rows.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.name().cmp(b.0.name())));
    rows.iter()
        .map(|(code, n)| {
            let severity = diagnostics
                .iter()
                .find(|d| d.code == *code)
                .map_or(code.default_severity(), |d| d.severity);
            format!("{n:>7} {:<7} {}\n", severity_name(severity), code.name())
        })
        .collect()
}

fn by_code(diagnostics: &[Diagnostic]) -> BTreeMap<Code, usize> {
    let mut counts = BTreeMap::new();
    for d in diagnostics {
        *counts.entry(d.code).or_insert(0) += 1;
    }
    counts
}

pub fn severity_name(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

/// Counts by severity.
pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize, usize) {
    let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
    (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    )
}

/// 1-based start line, start column, end line, end column.
pub type Region = (usize, usize, usize, usize);

/// One SARIF 2.1.0 result: rule, level (`error`, `warning` or `note`), message, where.
pub struct SarifResult {
    pub rule: &'static str,
    pub level: &'static str,
    pub message: String,
    pub file: String,
    pub region: Region,
    /// Other places the result concerns, with what each is.
    pub related: Vec<(String, Region, String)>,
    /// The fingerprint that follows the result across commits (`partialFingerprints`).
    pub fingerprint: Option<String>,
    /// Against a baseline: `new`, `unchanged` or `absent` (`baselineState`).
    pub baseline_state: Option<&'static str>,
}

/// The key of a result's fingerprint in `partialFingerprints`, versioned with its recipe.
pub const FINGERPRINT_KEY: &str = "docsDiagnostic/v1";

/// Where a diagnostic of a SARIF log stands: its fingerprint, and its state against the
/// baseline when one was given.
pub struct SarifProvenance {
    pub fingerprint: String,
    pub state: Option<crate::baseline::State>,
}

/// A SARIF 2.1.0 log of one run of `tool`, for code-scanning uploads: every rule (`id`,
/// description, default level) and every result, located by a path relative to where the
/// command ran.
pub fn sarif_log(
    tool: &str,
    rules: &[(&'static str, &'static str, &'static str)],
    results: &[SarifResult],
) -> String {
    let region = |(line, column, end_line, end_column): Region| {
        serde_json::json!({
            "startLine": line, "startColumn": column,
            "endLine": end_line, "endColumn": end_column,
        })
    };
    let location = |file: &str, at| {
        serde_json::json!({ "physicalLocation": {
            "artifactLocation": { "uri": file },
            "region": region(at),
        }})
    };
    let rule_index: BTreeMap<&str, usize> =
        rules.iter().enumerate().map(|(i, r)| (r.0, i)).collect();
    let results: Vec<serde_json::Value> = results
        .iter()
        .map(|r| {
            let related: Vec<serde_json::Value> = r
                .related
                .iter()
                .enumerate()
                .map(|(id, (file, at, message))| {
                    let mut l = location(file, *at);
                    l["id"] = id.into();
                    l["message"] = serde_json::json!({ "text": message });
                    l
                })
                .collect();
            let mut result = serde_json::json!({
                "ruleId": r.rule,
                "ruleIndex": rule_index.get(r.rule),
                "level": r.level,
                "message": { "text": r.message },
                "locations": [location(&r.file, r.region)],
                "relatedLocations": related,
            });
            if let Some(fingerprint) = &r.fingerprint {
                result["partialFingerprints"] = serde_json::json!({ FINGERPRINT_KEY: fingerprint });
            }
            if let Some(state) = r.baseline_state {
                result["baselineState"] = state.into();
            }
            result
        })
        .collect();
    let rules: Vec<serde_json::Value> = rules
        .iter()
        .map(|(id, description, level)| {
            serde_json::json!({
                "id": id,
                "shortDescription": { "text": description },
                "defaultConfiguration": { "level": level },
            })
        })
        .collect();
    let log = serde_json::json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": { "name": tool, "rules": rules } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    format!("{log:#}\n")
}

/// The command a SARIF log is of: its name, and the codes it can report, which are the log's
/// rules.
pub struct SarifTool<'a> {
    pub name: &'a str,
    pub codes: &'a [Code],
}

/// The generator's diagnostics as `cargo xtask codegen`'s SARIF log: every code a rule, every
/// diagnostic a result, each with its fingerprint.
pub fn render_sarif(
    sources: &generator::SourceSet,
    root: &DisplayRoot,
    diagnostics: &[Diagnostic],
) -> String {
    let provenance: Vec<SarifProvenance> = diagnostics
        .iter()
        .map(|d| SarifProvenance {
            fingerprint: crate::baseline::fingerprint(sources, d),
            state: None,
        })
        .collect();
    let codes = crate::codes::codegen();
    let tool = SarifTool {
        name: "cargo xtask codegen",
        codes: &codes,
    };
    render_sarif_with(&tool, sources, root, diagnostics, &provenance, &[])
}

/// The SARIF log of `tool`'s run, with each diagnostic's fingerprint and baseline state given
/// (one per diagnostic), and the baseline entries no diagnostic matched as `absent` results.
pub fn render_sarif_with(
    tool: &SarifTool,
    sources: &dyn Sources,
    root: &DisplayRoot,
    diagnostics: &[Diagnostic],
    provenance: &[SarifProvenance],
    absent: &[crate::baseline::Entry],
) -> String {
    let at = |span: generator::Span| {
        let file = sources.file(span.file);
        let (line, column) = file.line_col(span.start as usize);
        let (end_line, end_column) = file.line_col(span.end as usize);
        (root.path(&file.path), (line, column, end_line, end_column))
    };
    let rules: Vec<(&'static str, &'static str, &'static str)> = (tool.codes.iter())
        .map(|c| {
            (
                c.name(),
                c.explanation(),
                severity_name(c.default_severity()),
            )
        })
        .collect();
    let mut results: Vec<SarifResult> = diagnostics
        .iter()
        .zip(provenance)
        .map(|(d, provenance)| {
            let (file, region) = at(d.primary.span);
            let mut message = d.message.clone();
            if !d.primary.message.is_empty() {
                message.push_str(&format!(": {}", d.primary.message));
            }
            if let Some(help) = &d.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            SarifResult {
                rule: d.code.name(),
                level: severity_name(d.severity),
                message,
                file,
                region,
                related: d
                    .secondary
                    .iter()
                    .map(|l| {
                        let (file, region) = at(l.span);
                        (file, region, l.message.clone())
                    })
                    .collect(),
                fingerprint: Some(provenance.fingerprint.clone()),
                baseline_state: provenance.state.map(|s| match s {
                    crate::baseline::State::New => "new",
                    crate::baseline::State::Known => "unchanged",
                }),
            }
        })
        .collect();
    results.extend(absent.iter().filter_map(|e| {
        Some(SarifResult {
            rule: Code::from_name(&e.code)?.name(),
            level: "note",
            message: format!("fixed since the baseline: {}", e.message),
            file: root.path(&e.page),
            region: (e.line, 1, e.line, 1),
            related: Vec::new(),
            fingerprint: Some(e.fingerprint.clone()),
            baseline_state: Some("absent"),
        })
    }));
    sarif_log(tool.name, &rules, &results)
}
