//! The figures of a metadata comparison, printed after its diagnostics: the count of each code
//! and the six agreement ratios as lines of text (the last lines of the output, which CI shows
//! and gates on), or as the JSON summary object.

use super::findings::{Ratio, Report};
use crate::codes::CHECK_METADATA;
use generator::Diagnostic;
use std::fmt::Write;

/// Each ratio's name, its value in `report`, and what it measures.
fn ratios(report: &Report) -> [(&'static str, Ratio, &'static str); 6] {
    [
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
    ]
}

fn count(shown: &[Diagnostic], code: generator::Code) -> usize {
    shown.iter().filter(|d| d.code == code).count()
}

/// The count of each code among the `shown` diagnostics (every code, zeros too, in a fixed
/// order), then the ratios of `report`.
pub fn totals(report: &Report, shown: &[Diagnostic]) -> String {
    let mut out = String::new();
    for code in CHECK_METADATA {
        let _ = writeln!(out, "{:>6} {}", count(shown, *code), code.name());
    }
    for (what, ratio, meaning) in ratios(report) {
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

/// The JSON summary: `codegen`'s (counts by severity and by code of every diagnostic, how many
/// were shown), then `counts` (each code among the shown, zeros too), the ratios (`agree`, `of`,
/// `percent`) and the unmet thresholds (`failed`).
pub fn summary_json(report: &Report, shown: &[Diagnostic], failed: &[String]) -> serde_json::Value {
    let mut value = crate::render::summary_json(&report.diagnostics, shown.len());
    let summary = &mut value["summary"];
    let counts: serde_json::Map<String, serde_json::Value> = CHECK_METADATA
        .iter()
        .map(|c| (c.name().to_owned(), count(shown, *c).into()))
        .collect();
    summary["counts"] = counts.into();
    for (what, r, _) in ratios(report) {
        summary[what] = serde_json::json!({ "agree": r.agree, "of": r.of, "percent": r.percent() });
    }
    summary["failed"] = failed.into();
    value
}
