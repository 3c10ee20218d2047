//! Which of a run's diagnostics a reader is shown, and what the run's gate counts, once a
//! baseline (`--baseline`, `--write-baseline`) or a git revision (`--changed-since`) says which
//! are the change's: new diagnostics in full, known ones as a count per code, fixed baseline
//! entries listed so the baseline can shrink.

use crate::baseline::{self, Comparison, Entry, State};
use generator::{Code, Diagnostic, Severity, SourceSet};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// What the command line asked for.
#[derive(Clone, Debug, Default)]
pub struct TriageArgs {
    /// Compare with this baseline.
    pub baseline: Option<PathBuf>,
    /// Write every diagnostic of the run here, as the next baseline.
    pub write_baseline: Option<PathBuf>,
    /// Show only diagnostics on pages changed since this git revision.
    pub changed_since: Option<String>,
}

/// The run's entries against `--baseline` (read before `--write-baseline` writes, so that one
/// file can be both), and the pages changed since `--changed-since`; `files` are the paths an
/// entry may name that still exist.
fn against(
    args: &TriageArgs,
    entries: &[Entry],
    files: &BTreeSet<&str>,
    docs: &std::path::Path,
) -> Result<(Option<Comparison>, Option<BTreeSet<String>>), String> {
    let comparison = match &args.baseline {
        Some(path) => Some(baseline::compare(entries, &baseline::read(path)?, files)),
        None => None,
    };
    if let Some(path) = &args.write_baseline {
        baseline::write(path, entries)?;
    }
    let changed = match &args.changed_since {
        Some(rev) => Some(crate::changed::changed_pages(docs, rev)?),
        None => None,
    };
    Ok((comparison, changed))
}

/// The run's diagnostics sorted into what is shown and what is counted.
#[derive(Debug, Default)]
pub struct Triage {
    /// Each diagnostic's fingerprint (in the diagnostics' order).
    pub fingerprints: Vec<String>,
    /// Against the baseline, when one was given.
    pub comparison: Option<Comparison>,
    /// The pages changed since `--changed-since`, when given.
    pub changed: Option<BTreeSet<String>>,
    pages: Vec<String>,
}

impl Triage {
    pub fn new(
        args: &TriageArgs,
        sources: &SourceSet,
        diagnostics: &[Diagnostic],
        docs: &std::path::Path,
    ) -> Result<Triage, String> {
        let entries = baseline::entries(sources, diagnostics);
        let pages: BTreeSet<&str> = sources.iter().map(|(_, f)| f.path.as_str()).collect();
        Triage::from_entries(args, entries, &pages, docs)
    }

    /// The triage of a run whose diagnostics are `entries` (one per diagnostic, in order, with
    /// whatever fingerprint the command identifies them by); `files` are the paths an entry may
    /// name that still exist.
    pub fn from_entries(
        args: &TriageArgs,
        entries: Vec<Entry>,
        files: &BTreeSet<&str>,
        docs: &std::path::Path,
    ) -> Result<Triage, String> {
        let (comparison, changed) = against(args, &entries, files, docs)?;
        Ok(Triage {
            fingerprints: entries.iter().map(|e| e.fingerprint.clone()).collect(),
            pages: entries.into_iter().map(|e| e.page).collect(),
            comparison,
            changed,
        })
    }

    /// The diagnostic's state against the baseline (`None` without one).
    pub fn state(&self, index: usize) -> Option<State> {
        self.comparison.as_ref().map(|c| c.states[index])
    }

    /// Whether the diagnostic is the change's: new against the baseline, on a changed page.
    pub fn is_the_changes(&self, index: usize) -> bool {
        self.state(index) != Some(State::Known)
            && self
                .changed
                .as_ref()
                .is_none_or(|pages| pages.contains(&self.pages[index]))
    }

    /// Whether anything limits the diagnostics to the change's.
    pub fn limits(&self) -> bool {
        self.comparison.is_some() || self.changed.is_some()
    }

    /// The change's warnings and errors (what `--deny new` fails on).
    pub fn new_problems(&self, diagnostics: &[Diagnostic]) -> usize {
        (diagnostics.iter().enumerate())
            .filter(|(i, d)| self.is_the_changes(*i) && d.severity >= Severity::Warning)
            .count()
    }

    /// The change's errors: with a baseline, a known error does not fail the run.
    pub fn errors(&self, diagnostics: &[Diagnostic]) -> usize {
        (diagnostics.iter().enumerate())
            .filter(|(i, d)| self.state(*i) != Some(State::Known) && d.severity == Severity::Error)
            .count()
    }

    /// Known diagnostics (against the baseline) by code, and those left out as on unchanged
    /// pages, by code.
    fn not_the_changes(
        &self,
        diagnostics: &[Diagnostic],
    ) -> (BTreeMap<Code, usize>, BTreeMap<Code, usize>) {
        let (mut known, mut elsewhere) = (BTreeMap::new(), BTreeMap::new());
        for (i, d) in diagnostics.iter().enumerate() {
            if self.state(i) == Some(State::Known) {
                *known.entry(d.code).or_insert(0) += 1;
            } else if !self.is_the_changes(i) {
                *elsewhere.entry(d.code).or_insert(0) += 1;
            }
        }
        (known, elsewhere)
    }

    /// What a person reads after the new diagnostics: the counts of the others by code, the
    /// fixed entries, the pages the baseline names that are gone, and `N new, M known, K fixed`.
    pub fn report(&self, diagnostics: &[Diagnostic]) -> String {
        let mut out = String::new();
        let (known, elsewhere) = self.not_the_changes(diagnostics);
        let table = |title: &str, counts: &BTreeMap<Code, usize>, out: &mut String| {
            if counts.is_empty() {
                return;
            }
            out.push_str(title);
            out.push('\n');
            let mut rows: Vec<_> = counts.iter().collect();
            rows.sort_by(|a, b| b.1.cmp(a.1).then(a.0.name().cmp(b.0.name())));
            for (code, n) in rows {
                out.push_str(&format!("{n:>7} {}\n", code.name()));
            }
        };
        table("known (in the baseline), not shown:", &known, &mut out);
        table(
            "on pages not changed since the revision, not shown:",
            &elsewhere,
            &mut out,
        );
        if let Some(comparison) = &self.comparison {
            if !comparison.fixed.is_empty() {
                out.push_str(&format!(
                    "fixed since the baseline ({}; --write-baseline drops them):\n",
                    comparison.fixed.len()
                ));
                for e in &comparison.fixed {
                    out.push_str(&format!(
                        "  {}:{}: {}: {}\n",
                        e.page, e.line, e.code, e.message
                    ));
                }
            }
            if !comparison.gone.is_empty() {
                let pages: BTreeSet<&str> =
                    comparison.gone.iter().map(|e| e.page.as_str()).collect();
                out.push_str(&format!(
                    "note: {} baseline entries are on {} pages no longer in the docs ({}); counted as fixed\n",
                    comparison.gone.len(),
                    pages.len(),
                    pages.into_iter().collect::<Vec<_>>().join(", ")
                ));
            }
            out.push_str(&format!("baseline: {}\n", comparison.summary()));
        }
        out
    }

    /// The same as data, for the JSON summary.
    pub fn summary_json(&self, diagnostics: &[Diagnostic]) -> serde_json::Value {
        let (known, elsewhere) = self.not_the_changes(diagnostics);
        let by_code =
            |counts: BTreeMap<Code, usize>| -> serde_json::Map<String, serde_json::Value> {
                counts
                    .into_iter()
                    .map(|(c, n)| (c.name().to_owned(), n.into()))
                    .collect()
            };
        let mut value = serde_json::json!({
            "new_problems": self.new_problems(diagnostics),
            "unchanged_pages_by_code": by_code(elsewhere),
        });
        if let Some(comparison) = &self.comparison {
            value["new"] = comparison.new_count().into();
            value["known"] = comparison.known_count().into();
            value["fixed"] = (comparison.fixed.len() + comparison.gone.len()).into();
            value["known_by_code"] = by_code(known).into();
            value["fixed_entries"] = serde_json::to_value(
                comparison
                    .fixed
                    .iter()
                    .chain(&comparison.gone)
                    .collect::<Vec<&Entry>>(),
            )
            .expect("entries serialize");
        }
        value
    }

    /// A markdown table of counts per code (new and known), for `GITHUB_STEP_SUMMARY`.
    pub fn step_summary(&self, diagnostics: &[Diagnostic]) -> String {
        let mut rows: BTreeMap<Code, (usize, usize)> = BTreeMap::new();
        for (i, d) in diagnostics.iter().enumerate() {
            let row = rows.entry(d.code).or_default();
            if self.is_the_changes(i) {
                row.0 += 1;
            } else {
                row.1 += 1;
            }
        }
        let mut out = String::from("### Docs diagnostics\n\n");
        if let Some(comparison) = &self.comparison {
            out.push_str(&format!("{}\n\n", comparison.summary()));
        }
        out.push_str("| code | new | known or elsewhere |\n|:---|---:|---:|\n");
        for (code, (new, other)) in rows {
            out.push_str(&format!("| `{}` | {new} | {other} |\n", code.name()));
        }
        out
    }
}
