//! Prints a metadata comparison: one line per finding (so that thousands of them stay greppable),
//! then the count of each kind and the ratios; or the same as JSON lines for machines.

use super::findings::{FindingKind, Ratio, Report};
use std::fmt::Write;

/// `file:line:col: severity[code]: message` per finding, then counts and ratios.
pub fn human(report: &Report) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let _ = writeln!(
            out,
            "{}: {}[{}]: {}",
            f.location,
            f.kind.severity(),
            f.kind.code(),
            f.message
        );
    }
    if !report.findings.is_empty() {
        out.push('\n');
    }
    out.push_str(&totals(report));
    out
}

/// The count of each kind of finding, then the ratios.
fn totals(report: &Report) -> String {
    let mut out = String::new();
    for kind in FindingKind::ALL {
        let _ = writeln!(out, "{:>6} {}", report.count(*kind), kind.code());
    }
    let lines = [
        (
            "names",
            report.names,
            "documented properties found on the CSDL type or its bases",
        ),
        (
            "types",
            report.types,
            "found properties whose type agrees with the CSDL",
        ),
        (
            "pages",
            report.pages,
            "resource pages with a property table whose type is in the CSDL",
        ),
        (
            "paths",
            report.paths,
            "documented request lines that resolve in the CSDL's URL space",
        ),
        (
            "responses",
            report.responses,
            "resolved requests whose response type agrees with the CSDL",
        ),
        (
            "bodies",
            report.bodies,
            "resolved writes whose request body agrees with the CSDL",
        ),
    ];
    for (what, ratio, meaning) in lines {
        let _ = writeln!(
            out,
            "{what}: {} ({} of {}): {meaning}",
            percent(ratio),
            ratio.agree,
            ratio.of
        );
    }
    out
}

fn percent(ratio: Ratio) -> String {
    ratio
        .percent()
        .map_or_else(|| "n/a".to_owned(), |p| format!("{p:.2}%"))
}

/// One object per finding (`code`, `severity`, `message`, `file`, `line`, `column`), then one
/// `{"summary": …}` object with the counts, the ratios and the unmet thresholds.
pub fn json(report: &Report, failed: &[String]) -> String {
    let mut out = String::new();
    for f in &report.findings {
        let value = serde_json::json!({
            "code": f.kind.code(),
            "severity": f.kind.severity(),
            "message": f.message,
            "file": f.location.file,
            "line": f.location.line,
            "column": f.location.column,
        });
        let _ = writeln!(out, "{value}");
    }
    let counts: serde_json::Map<String, serde_json::Value> = FindingKind::ALL
        .iter()
        .map(|k| (k.code().to_owned(), report.count(*k).into()))
        .collect();
    let ratio =
        |r: Ratio| serde_json::json!({ "agree": r.agree, "of": r.of, "percent": r.percent() });
    let summary = serde_json::json!({ "summary": {
        "counts": counts,
        "names": ratio(report.names),
        "types": ratio(report.types),
        "pages": ratio(report.pages),
        "paths": ratio(report.paths),
        "responses": ratio(report.responses),
        "bodies": ratio(report.bodies),
        "failed": failed,
    }});
    let _ = writeln!(out, "{summary}");
    out
}

/// One GitHub Actions workflow command per finding (`::warning file=…,line=…,col=…::…`), then
/// the counts and ratios as [`human`] prints them.
pub fn github(report: &Report) -> String {
    use crate::render::{github_data, github_property};
    let mut out = String::new();
    for f in &report.findings {
        let command = if f.kind.severity() == "note" {
            "notice"
        } else {
            "warning"
        };
        let _ = writeln!(
            out,
            "::{command} file={},line={},col={},title={}::{}",
            github_property(&f.location.file),
            f.location.line,
            f.location.column,
            f.kind.code(),
            github_data(&f.message)
        );
    }
    out.push_str(&totals(report));
    out
}

/// The findings as a SARIF 2.1.0 log: every kind a rule, every finding a result at its line.
pub fn sarif(report: &Report) -> String {
    use crate::render::{sarif_log, SarifResult};
    let rules: Vec<(&'static str, &'static str, &'static str)> = FindingKind::ALL
        .iter()
        .map(|k| (k.code(), k.code(), k.severity()))
        .collect();
    let results: Vec<SarifResult> = report
        .findings
        .iter()
        .map(|f| SarifResult {
            rule: f.kind.code(),
            level: f.kind.severity(),
            message: f.message.clone(),
            file: f.location.file.clone(),
            region: (
                f.location.line,
                f.location.column,
                f.location.line,
                f.location.column,
            ),
            related: Vec::new(),
            fingerprint: Some(super::changes::fingerprint(f)),
            baseline_state: None,
        })
        .collect();
    sarif_log("cargo xtask check-metadata", &rules, &results)
}
