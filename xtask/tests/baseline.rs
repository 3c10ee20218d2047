//! A docs pull request sees what it changed: on a copy of the seed docs (52 warnings), a
//! baseline written once keeps every old diagnostic known through unrelated edits, a new defect
//! is the only new one and fails `--deny new`, a fixed one is listed and dropped by writing the
//! baseline again, a page that is gone is no error; SARIF carries `baselineState` and
//! `partialFingerprints` as code scanning reads them; `--changed-since` shows only the pages a
//! commit range touched.

mod common;

use common::{args, copy_dir};
use std::path::{Path, PathBuf};
use xtask::codegen::{generate_from, run, CodegenArgs, Outcome};

use xtask::triage::{Triage, TriageArgs};

struct Docs {
    _temp: tempfile::TempDir,
    docs: PathBuf,
    out: PathBuf,
    baseline: PathBuf,
}

fn seed_copy() -> Docs {
    let temp = tempfile::tempdir().unwrap();
    let docs = temp.path().join("docs");
    copy_dir(&xtask::project_root().join("docs"), &docs);
    Docs {
        out: temp.path().join("out"),
        baseline: temp.path().join("baseline.json"),
        docs,
        _temp: temp,
    }
}

impl Docs {
    fn run(&self, baseline: Option<&Path>, write: Option<&Path>) -> Outcome {
        let args = CodegenArgs {
            deny_new: baseline.is_some(),
            triage: TriageArgs {
                baseline: baseline.map(Path::to_path_buf),
                write_baseline: write.map(Path::to_path_buf),
                changed_since: None,
            },
            ..args(&self.docs, &self.out, false)
        };
        run(&args).expect("codegen runs")
    }

    fn edit(&self, page: &str, change: impl FnOnce(String) -> String) {
        let path = self.docs.join(page);
        let text = std::fs::read_to_string(&path).unwrap();
        let changed = change(text.clone());
        assert_ne!(changed, text, "the edit of {page} changed nothing");
        std::fs::write(path, changed).unwrap();
    }

    fn baseline_entries(&self) -> usize {
        xtask::baseline::read(&self.baseline).unwrap().len()
    }
}

/// The user page of the seed docs, with a property's type misspelled: one `type-unresolved`.
const USER: &str = "api/user-update.md";

fn misspell_a_type(text: String) -> String {
    text.replacen("|ageGroup|String|", "|ageGroup|Strng|", 1)
}

fn add_paragraphs_at_the_top(text: String) -> String {
    let title = text.find("\n# ").expect("a title") + 1;
    format!(
        "{}A paragraph that moves every line below it.\n\nAnd another.\n\n{}",
        &text[..title],
        &text[title..]
    )
}

#[test]
fn only_the_new_defect_is_new_and_fails_the_gate() {
    let docs = seed_copy();
    let first = docs.run(None, Some(&docs.baseline));
    assert_eq!(first.exit_code(), 0);
    let known = docs.baseline_entries();
    assert!(known >= 50, "the seed docs have their defects: {known}");

    // Unrelated edits above known defects, and one new defect elsewhere.
    docs.edit(
        "api/office365activeuserdetail-update.md",
        add_paragraphs_at_the_top,
    );
    docs.edit(USER, misspell_a_type);
    let second = docs.run(Some(&docs.baseline), None);
    assert_eq!(
        second.baseline_summary.as_deref(),
        Some(format!("1 new, {known} known, 0 fixed").as_str())
    );
    assert_eq!(second.new_problems, 1);
    assert_eq!(second.exit_code(), 1, "--deny new fails on it");

    // Without the new defect the gate passes, and the moved ones are still known.
    docs.edit(USER, |t| {
        t.replacen("|ageGroup|Strng|", "|ageGroup|String|", 1)
    });
    let third = docs.run(Some(&docs.baseline), None);
    assert_eq!(
        third.baseline_summary.as_deref(),
        Some(format!("0 new, {known} known, 0 fixed").as_str())
    );
    assert_eq!(third.exit_code(), 0);
}

#[test]
fn a_fixed_defect_is_listed_and_writing_the_baseline_again_drops_it() {
    let docs = seed_copy();
    docs.run(None, Some(&docs.baseline));
    let known = docs.baseline_entries();
    // The seed's user page has one `example-url-unmatched`: its example's URL is
    // `/changelog/me`, which matches no line; `/v1.0/me` fixes it.
    docs.edit(USER, |t| {
        t.replacen(
            "PATCH https://graph.microsoft.com/changelog/me",
            "PATCH https://graph.microsoft.com/v1.0/me",
            1,
        )
    });
    let fixed = docs.run(Some(&docs.baseline), Some(&docs.baseline));
    assert_eq!(
        fixed.baseline_summary.as_deref(),
        Some(format!("0 new, {} known, 1 fixed", known - 1).as_str())
    );
    // Written after the comparison: the fixed entry is gone from the file.
    assert_eq!(docs.baseline_entries(), known - 1);
    let again = docs.run(Some(&docs.baseline), None);
    assert!(again.baseline_summary.unwrap().ends_with(" 0 fixed"));
}

#[test]
fn a_page_no_longer_in_the_docs_is_counted_once_not_an_error() {
    let docs = seed_copy();
    docs.run(None, Some(&docs.baseline));
    std::fs::remove_file(docs.docs.join("api/office365activeusercounts-update.md")).unwrap();
    let outcome = docs.run(Some(&docs.baseline), None);
    assert_eq!(outcome.exit_code(), 0);
    assert_eq!(outcome.new_problems, 0);
    assert!(!outcome.baseline_summary.unwrap().ends_with(" 0 fixed"));
}

#[test]
fn sarif_results_carry_their_baseline_state_and_fingerprint() {
    let docs = seed_copy();
    docs.run(None, Some(&docs.baseline));
    docs.edit(USER, misspell_a_type);
    let (sources, _, diagnostics) = generate_from(&args(&docs.docs, &docs.out, false)).unwrap();
    let triage_args = TriageArgs {
        baseline: Some(docs.baseline.clone()),
        ..Default::default()
    };
    let triage = Triage::new(&triage_args, &sources, &diagnostics, &docs.docs).unwrap();
    let provenance: Vec<xtask::render::SarifProvenance> = (0..diagnostics.len())
        .map(|i| xtask::render::SarifProvenance {
            fingerprint: triage.fingerprints[i].clone(),
            state: triage.state(i),
        })
        .collect();
    let codes = xtask::codes::codegen();
    let tool = xtask::render::SarifTool {
        name: "cargo xtask codegen",
        codes: &codes,
    };
    let text = xtask::render::render_sarif_with(
        &tool,
        &sources,
        &xtask::render::DisplayRoot::default(),
        &diagnostics,
        &provenance,
        &[],
    );
    let log: serde_sarif::sarif::Sarif = serde_json::from_str(&text).expect("a SARIF 2.1.0 log");
    let results = log.runs[0].results.as_ref().expect("results");
    assert_eq!(results.len(), diagnostics.len());
    let state = |r: &serde_sarif::sarif::Result| {
        serde_json::to_value(r.baseline_state.as_ref().expect("a baseline state")).unwrap()
    };
    let new: Vec<_> = results.iter().filter(|r| state(r) == "new").collect();
    assert_eq!(new.len(), 1);
    assert_eq!(
        new[0].rule_id.as_deref(),
        Some(generator::Code::TypeUnresolved.name())
    );
    assert!(results
        .iter()
        .all(|r| state(r) == "new" || state(r) == "unchanged"));
    for r in results {
        let fingerprints = r.partial_fingerprints.as_ref().expect("fingerprints");
        assert_eq!(fingerprints[xtask::render::FINGERPRINT_KEY].len(), 16);
    }
    // The GitHub step summary: the new one, and the known ones counted by code.
    let summary = triage.step_summary(&diagnostics);
    assert!(
        summary.contains("| `type-unresolved` | 1 | 0 |"),
        "{summary}"
    );
    assert!(summary.contains("| `link-broken` | 0 | "), "{summary}");
}

fn git(dir: &Path, args: &[&str]) {
    let status = std::process::Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .status()
        .expect("git runs");
    assert!(status.success(), "git {args:?}");
}

#[test]
fn changed_since_shows_only_the_pages_a_change_touched() {
    let docs = seed_copy();
    // `--changed-since` outside a work tree is refused with a clear message.
    let outside = xtask::changed::changed_pages(&docs.docs, "HEAD").unwrap_err();
    assert!(outside.contains("inside a git work tree"), "{outside}");

    git(&docs.docs, &["init", "-q"]);
    git(&docs.docs, &["add", "."]);
    git(&docs.docs, &["commit", "-q", "-m", "docs"]);
    let unknown = xtask::changed::changed_pages(&docs.docs, "no-such-ref").unwrap_err();
    assert!(unknown.contains("no such commit"), "{unknown}");
    docs.edit(USER, misspell_a_type);
    let pages = xtask::changed::changed_pages(&docs.docs, "HEAD").unwrap();
    assert_eq!(pages.into_iter().collect::<Vec<_>>(), [USER]);

    let (sources, _, diagnostics) = generate_from(&args(&docs.docs, &docs.out, false)).unwrap();
    let triage_args = TriageArgs {
        changed_since: Some("HEAD".into()),
        ..Default::default()
    };
    let triage = Triage::new(&triage_args, &sources, &diagnostics, &docs.docs).unwrap();
    let shown: Vec<&str> = (0..diagnostics.len())
        .filter(|&i| triage.is_the_changes(i))
        .map(|i| sources.get(diagnostics[i].primary.span.file).path.as_str())
        .collect();
    assert!(!shown.is_empty());
    assert!(shown.iter().all(|p| *p == USER), "{shown:?}");
    assert!(shown.len() < diagnostics.len());
}
