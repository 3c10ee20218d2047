//! `check-metadata` with `--baseline`, `--write-baseline`, `--changed-since` and `--deny new`,
//! as `codegen` takes them: the findings a change introduced are printed, the others counted.
//! A finding's identity is its file, its code and its message, which names what disagrees (a
//! type, a property, a request line) and not where, so it survives edits above it.

use super::findings::{Finding, Report};
use crate::baseline::{Entry, State};
use crate::triage::TriageArgs;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The fingerprint of a finding (also its SARIF `partialFingerprints`).
pub fn fingerprint(finding: &Finding) -> String {
    let recipe = format!("{}\0{}", finding.kind.code(), finding.message);
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(recipe.as_bytes()))
}

fn entry(finding: &Finding) -> Entry {
    Entry {
        page: finding.location.file.clone(),
        code: finding.kind.code().to_owned(),
        fingerprint: fingerprint(finding),
        line: finding.location.line,
        message: finding.message.clone(),
    }
}

/// What a run against a baseline or a revision printed and counts.
pub struct Changes {
    /// The findings to print: the change's.
    pub shown: Report,
    /// `baseline: N new, M known, K fixed` and what else is not shown, for stderr.
    pub notes: String,
    /// New docs-side findings (warnings), for `--deny new`.
    pub new_warnings: usize,
}

/// Keeps the change's findings of `report` for printing; `files` are the paths a finding may
/// name that still exist (the docs' pages and the CSDL file).
pub fn triage(
    args: &TriageArgs,
    report: &Report,
    docs: &Path,
    files: &BTreeSet<&str>,
) -> Result<Changes, String> {
    let entries: Vec<Entry> = report.findings.iter().map(entry).collect();
    let (comparison, changed) = crate::triage::against(args, &entries, files, docs)?;
    let mut hidden: BTreeMap<&str, usize> = BTreeMap::new();
    let mut shown = Report {
        findings: Vec::new(),
        ..report.clone()
    };
    for (i, finding) in report.findings.iter().enumerate() {
        let known = comparison
            .as_ref()
            .is_some_and(|c| c.states[i] == State::Known);
        let elsewhere = changed
            .as_ref()
            .is_some_and(|pages| !pages.contains(&finding.location.file));
        if known || elsewhere {
            *hidden.entry(finding.kind.code()).or_insert(0) += 1;
        } else {
            shown.findings.push(finding.clone());
        }
    }
    let mut notes = String::new();
    if !hidden.is_empty() {
        notes.push_str("known, or on pages not changed since the revision, not shown:\n");
        for (code, n) in &hidden {
            notes.push_str(&format!("{n:>7} {code}\n"));
        }
    }
    if let Some(comparison) = &comparison {
        for e in comparison.fixed.iter().chain(&comparison.gone) {
            notes.push_str(&format!(
                "fixed: {}:{}: {}: {}\n",
                e.page, e.line, e.code, e.message
            ));
        }
        notes.push_str(&format!("baseline: {}\n", comparison.summary()));
    }
    let new_warnings = shown
        .findings
        .iter()
        .filter(|f| f.kind.severity() == "warning")
        .count();
    Ok(Changes {
        shown,
        notes,
        new_warnings,
    })
}
