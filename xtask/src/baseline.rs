//! Known diagnostics: a baseline file of every diagnostic of an earlier run, so that a later run
//! can tell the diagnostics a change introduced (new) from those the docs already had (known),
//! and list the known ones that are gone (fixed).
//!
//! A diagnostic's identity is its code, its page and a fingerprint of what it points at: the
//! text of the line its primary span is on, the text of that span, and the property it names.
//! Line numbers are not part of it, so a paragraph added above a known defect leaves it known;
//! two identical defects on one page have one identity and are matched as a count.

use generator::{Diagnostic, SourceSet};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// The version of the fingerprint recipe; a baseline written by another recipe is refused
/// rather than read as all-new.
const RECIPE: u32 = 1;

/// One diagnostic as a baseline keeps it. `line` and `message` are for the people who read the
/// file and for the list of fixed entries; they are not part of the identity.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Entry {
    pub page: String,
    pub code: String,
    pub fingerprint: String,
    pub line: usize,
    pub message: String,
}

impl Entry {
    fn key(&self) -> (&str, &str, &str) {
        (&self.page, &self.code, &self.fingerprint)
    }
}

#[derive(Serialize, Deserialize)]
struct BaselineFile {
    /// What wrote it and how to refresh it, for a reader of the file.
    about: String,
    recipe: u32,
    entries: Vec<Entry>,
}

/// What a diagnostic is, as far as a baseline is concerned: one entry per diagnostic, in the
/// diagnostics' order.
pub fn entries(sources: &SourceSet, diagnostics: &[Diagnostic]) -> Vec<Entry> {
    diagnostics
        .iter()
        .map(|d| {
            let file = sources.get(d.primary.span.file);
            Entry {
                page: file.path.clone(),
                code: d.code.name().to_owned(),
                fingerprint: fingerprint(sources, d),
                line: file.line_col(d.primary.span.start as usize).0,
                message: d.message.clone(),
            }
        })
        .collect()
}

/// A stable hash (xxh3, the same on every platform and release) of what the diagnostic points
/// at: the code, the primary span's line and text with runs of whitespace made one space, and
/// the property it is about.
pub fn fingerprint(sources: &SourceSet, d: &Diagnostic) -> String {
    let file = sources.get(d.primary.span.file);
    let range = d.primary.span.range();
    let starts = file.line_starts();
    let line_index = starts
        .partition_point(|&s| s <= range.start)
        .saturating_sub(1);
    let line_start = starts.get(line_index).copied().unwrap_or(0);
    let line_end = starts
        .get(line_index + 1)
        .copied()
        .unwrap_or(file.text.len());
    let text = |r: std::ops::Range<usize>| {
        let r = r.start.min(file.text.len())..r.end.min(file.text.len());
        file.text
            .get(r)
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let recipe = format!(
        "{RECIPE}\0{}\0{}\0{}\0{}",
        d.code.name(),
        text(line_start..line_end),
        text(range),
        d.property.as_deref().unwrap_or("")
    );
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(recipe.as_bytes()))
}

/// Writes `entries` sorted, as pretty JSON (one entry per few lines, so that a baseline's diff
/// in review shows what was added or dropped).
pub fn write(path: &Path, entries: &[Entry]) -> Result<(), String> {
    let mut entries = entries.to_vec();
    entries.sort();
    let file = BaselineFile {
        about: "Known diagnostics of `cargo xtask codegen`; refresh with --write-baseline".into(),
        recipe: RECIPE,
        entries,
    };
    let text = serde_json::to_string_pretty(&file).expect("entries always serialize") + "\n";
    std::fs::write(path, text).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

pub fn read(path: &Path) -> Result<Vec<Entry>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the baseline {}: {e}", path.display()))?;
    let file: BaselineFile = serde_json::from_str(&text)
        .map_err(|e| format!("{} is not a baseline: {e}", path.display()))?;
    if file.recipe != RECIPE {
        return Err(format!(
            "{} was written with fingerprint recipe {}, this build uses {RECIPE}: write it again with --write-baseline",
            path.display(),
            file.recipe
        ));
    }
    Ok(file.entries)
}

/// A diagnostic against the baseline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum State {
    New,
    Known,
}

/// A run against a baseline.
#[derive(Debug, Default)]
pub struct Comparison {
    /// One per diagnostic, in the diagnostics' order.
    pub states: Vec<State>,
    /// Baseline entries that no diagnostic of this run matches, on pages the docs still have.
    pub fixed: Vec<Entry>,
    /// Baseline entries on pages the docs no longer have.
    pub gone: Vec<Entry>,
}

impl Comparison {
    pub fn new_count(&self) -> usize {
        self.states.iter().filter(|s| **s == State::New).count()
    }

    pub fn known_count(&self) -> usize {
        self.states.len() - self.new_count()
    }

    /// `N new, M known, K fixed`.
    pub fn summary(&self) -> String {
        format!(
            "{} new, {} known, {} fixed",
            self.new_count(),
            self.known_count(),
            self.fixed.len() + self.gone.len()
        )
    }
}

/// Matches the run's entries with the baseline's. Of several diagnostics with one identity, as
/// many as the baseline has are known (the first ones, in the run's order) and the rest new;
/// as many baseline entries as the run lacks are fixed.
pub fn compare(current: &[Entry], baseline: &[Entry], pages: &BTreeSet<&str>) -> Comparison {
    let mut available: BTreeMap<(&str, &str, &str), Vec<&Entry>> = BTreeMap::new();
    for entry in baseline {
        available.entry(entry.key()).or_default().push(entry);
    }
    let states = current
        .iter()
        .map(|entry| match available.get_mut(&entry.key()) {
            Some(left) if !left.is_empty() => {
                left.remove(0);
                State::Known
            }
            _ => State::New,
        })
        .collect();
    let (gone, fixed): (Vec<Entry>, Vec<Entry>) = available
        .into_values()
        .flatten()
        .cloned()
        .partition(|e| !pages.contains(e.page.as_str()));
    Comparison {
        states,
        fixed,
        gone,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(page: &str, code: &str, fingerprint: &str, line: usize) -> Entry {
        Entry {
            page: page.into(),
            code: code.into(),
            fingerprint: fingerprint.into(),
            line,
            message: format!("at {line}"),
        }
    }

    #[test]
    fn identities_match_as_counts_and_leftovers_are_fixed_or_gone() {
        let baseline = [
            entry("a.md", "x", "1", 3),
            entry("a.md", "x", "1", 9),
            entry("a.md", "y", "2", 4),
            entry("old.md", "x", "3", 1),
        ];
        // Line numbers moved; one of the two identical defects is gone, `y` is fixed, and a
        // third identical `x` would be new.
        let current = [entry("a.md", "x", "1", 5), entry("b.md", "x", "1", 5)];
        let pages = BTreeSet::from(["a.md", "b.md"]);
        let comparison = compare(&current, &baseline, &pages);
        assert_eq!(comparison.states, [State::Known, State::New]);
        assert_eq!(comparison.fixed.len(), 2, "{:?}", comparison.fixed);
        assert_eq!(comparison.gone, [entry("old.md", "x", "3", 1)]);
        assert_eq!(comparison.summary(), "1 new, 1 known, 3 fixed");

        let three = [
            entry("a.md", "x", "1", 1),
            entry("a.md", "x", "1", 2),
            entry("a.md", "x", "1", 3),
        ];
        let states = compare(&three, &baseline, &pages).states;
        assert_eq!(states, [State::Known, State::Known, State::New]);
    }
}
