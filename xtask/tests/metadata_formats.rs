//! `cargo xtask check-metadata` as a user runs it, on the fixture of `tests/metadata.rs` written
//! to disk: its diagnostics through the renderers `codegen` uses (a SARIF log read back through
//! the ecosystem's SARIF model, GitHub workflow commands), the figures after them, the
//! thresholds, and a baseline that leaves only a new disagreement shown.

mod common;

use common::metadata_fixture::{docs, EDMX};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use xtask::codes::CHECK_METADATA;

/// The fixture's pages under `docs/` and its EDMX as `v1.0.xml`, in a fresh directory.
fn fixture() -> tempfile::TempDir {
    let temp = tempfile::tempdir().unwrap();
    for (_, page) in docs().iter() {
        let path = temp.path().join("docs").join(&page.path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, &page.text).unwrap();
    }
    std::fs::write(temp.path().join("v1.0.xml"), EDMX).unwrap();
    temp
}

/// `cargo xtask check-metadata --docs docs --csdl v1.0.xml ARGS`, run in `dir`, so that paths
/// are shown as the user reaches them from there.
fn check_metadata(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(["check-metadata", "--docs", "docs", "--csdl", "v1.0.xml"])
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).unwrap()
}

/// The fourteen disagreements of the fixture (see `tests/metadata.rs`), nine in the docs and
/// five in the CSDL.
const FOUND: usize = 14;

#[test]
fn sarif_is_one_log_of_check_metadata_with_its_codes_as_rules() {
    use serde_sarif::sarif::{Result as SarifResult, Sarif};
    let temp = fixture();
    let output = check_metadata(temp.path(), &["--message-format", "sarif"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    // The whole of stdout is the log: the figures do not follow it.
    let log: Sarif = serde_json::from_slice(&output.stdout).expect("one SARIF 2.1.0 log");
    let run = &log.runs[0];
    assert_eq!(run.tool.driver.name, "cargo xtask check-metadata");
    let rules: Vec<(String, serde_json::Value)> = (run.tool.driver.rules.as_ref().unwrap().iter())
        .map(|r| {
            let level = serde_json::to_value(&r.default_configuration.as_ref().unwrap().level);
            (r.id.clone(), level.unwrap())
        })
        .collect();
    let expected: Vec<(String, serde_json::Value)> = CHECK_METADATA
        .iter()
        .map(|c| {
            let level = xtask::render::severity_name(c.default_severity());
            (c.name().to_owned(), level.into())
        })
        .collect();
    assert_eq!(rules, expected, "check-metadata's codes, and only those");

    let results = run.results.as_ref().unwrap();
    assert_eq!(results.len(), FOUND);
    let place = |r: &SarifResult| {
        let physical = r.locations.as_ref().unwrap()[0]
            .physical_location
            .as_ref()
            .unwrap();
        let region = physical.region.as_ref().unwrap();
        (
            r.rule_id.clone().unwrap(),
            serde_json::to_value(r.level).unwrap(),
            physical
                .artifact_location
                .as_ref()
                .unwrap()
                .uri
                .clone()
                .unwrap(),
            region.start_line.unwrap(),
            region.start_column.unwrap(),
        )
    };
    let places: Vec<_> = results.iter().map(place).collect();
    // A docs page by its path from where the command ran; the CSDL as it was named, at the
    // element the note is about.
    let age = (
        "metadata-type-mismatch".to_owned(),
        serde_json::json!("warning"),
        "docs/resources/user.md".to_owned(),
        19,
        1,
    );
    let only_in_csdl = (
        "metadata-type-undocumented".to_owned(),
        serde_json::json!("note"),
        "v1.0.xml".to_owned(),
        33,
        7,
    );
    assert!(places.contains(&age), "{places:#?}");
    assert!(places.contains(&only_in_csdl), "{places:#?}");
    for r in results {
        let fingerprints = r.partial_fingerprints.as_ref().expect("fingerprints");
        assert_eq!(fingerprints[xtask::render::FINGERPRINT_KEY].len(), 16);
    }
}

#[test]
fn github_annotates_each_disagreement_then_prints_the_figures() {
    let temp = fixture();
    let output = check_metadata(temp.path(), &["--message-format", "github"]);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    let (annotations, figures) = lines.split_at(FOUND);
    assert!(annotations.iter().all(|l| l.starts_with("::")), "{stdout}");
    assert!(
        annotations.contains(
            &"::warning file=docs/resources/user.md,line=19,col=1,endLine=19,endColumn=37,\
          title=metadata-type-mismatch::property `age` of `microsoft.graph.user` is Edm.Int32 in \
          the docs but Edm.Int64 in the CSDL"
        ),
        "{stdout}"
    );
    assert!(
        annotations.iter().any(|l| l.starts_with(
            "::notice file=v1.0.xml,line=33,col=7,endLine=33,endColumn=38,title=metadata-type-undocumented::"
        )),
        "{stdout}"
    );
    // The figures end the output, as `.ci/run` reads them with `tail`: a count per code, then
    // the six ratios.
    assert_eq!(figures.len(), CHECK_METADATA.len() + 6, "{stdout}");
    assert_eq!(figures[2].trim(), "3 metadata-type-mismatch");
    assert_eq!(
        figures[CHECK_METADATA.len()],
        "names: 92.31% (12 of 13): documented properties found on the CSDL type or its bases"
    );
}

#[test]
fn a_threshold_not_met_fails_the_run_and_says_which() {
    let temp = fixture();
    let output = check_metadata(
        temp.path(),
        &["--require-names", "95", "--require-types", "90"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        text(&output.stderr),
        "error: names agreement 92.31% (12 of 13) is below the required 95.00%\n"
    );
    let stdout = text(&output.stdout);
    assert!(
        stdout.starts_with("warning[metadata-type-case-differs]"),
        "{stdout}"
    );
    assert!(stdout.contains("  ┌─ v1.0.xml:33:7\n"), "{stdout}");
}

/// The docs' `codegen.toml` and page suppressions apply to `metadata-*` codes as to codegen's: an
/// `allow`ed code is not shown, a code raised to `error` fails the run, and a suppressed one is
/// gone from its page.
#[test]
fn the_docs_severities_and_suppressions_apply_to_metadata_codes() {
    let temp = fixture();
    let docs = temp.path().join("docs");
    std::fs::write(
        docs.join("codegen.toml"),
        "[severity]\nmetadata-type-missing = \"allow\"\nmetadata-type-undocumented = \"error\"\n",
    )
    .unwrap();
    let user = docs.join("resources/user.md");
    let page = std::fs::read_to_string(&user).unwrap();
    let suppress = "<!-- { \"type\": \"#page.annotation\", \"suppress\": [\"metadata-property-missing\"] } -->";
    std::fs::write(&user, format!("{page}\n{suppress}\n")).unwrap();
    let output = check_metadata(temp.path(), &["--message-format", "github"]);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    assert_eq!(
        text(&output.stderr),
        "error: 2 finding(s) of error severity\n"
    );
    let stdout = text(&output.stdout);
    let titled = |code: &str| -> Vec<&str> {
        let title = format!("title={code}::");
        stdout.lines().filter(|l| l.contains(&title)).collect()
    };
    assert!(titled("metadata-type-missing").is_empty(), "{stdout}");
    assert!(titled("metadata-property-missing").is_empty(), "{stdout}");
    let undocumented = titled("metadata-type-undocumented");
    assert_eq!(undocumented.len(), 2, "{stdout}");
    assert!(
        undocumented.iter().all(|l| l.starts_with("::error ")),
        "{stdout}"
    );
    let shown = stdout.lines().filter(|l| l.starts_with("::")).count();
    assert_eq!(shown, FOUND - 2, "{stdout}");
}

/// A disagreement is known by its file, code and message: lines moved above the known ones
/// leave them known, and only the new one is shown, failing `--deny new`.
#[test]
fn a_baseline_leaves_only_the_new_disagreement_shown() {
    let temp = fixture();
    let baseline: PathBuf = temp.path().join("metadata-baseline.json");
    let baseline = baseline.to_str().unwrap();
    let written = check_metadata(temp.path(), &["--write-baseline", baseline]);
    assert!(written.status.success(), "{}", text(&written.stderr));

    let user = temp.path().join("docs/resources/user.md");
    let page = std::fs::read_to_string(&user).unwrap();
    let page = page
        .replace(
            "Inherits from [entity](entity.md).\n",
            "Inherits from [entity](entity.md).\n\nA paragraph added.\n",
        )
        .replace(
            "| nickname | String | Not in the CSDL. |\n",
            "| nickname | String | Not in the CSDL. |\n| alias | String | Nor this. |\n",
        );
    std::fs::write(&user, page).unwrap();
    let args = [
        "--baseline",
        baseline,
        "--deny",
        "new",
        "--message-format",
        "github",
    ];
    let output = check_metadata(temp.path(), &args);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output.stderr));
    let stdout = text(&output.stdout);
    let annotations: Vec<&str> = stdout.lines().filter(|l| l.starts_with("::")).collect();
    assert_eq!(annotations.len(), 1, "{stdout}");
    assert!(
        annotations[0].starts_with("::warning file=docs/resources/user.md,line=24,"),
        "{stdout}"
    );
    assert!(annotations[0].contains("property `alias`"), "{stdout}");
    let stderr = text(&output.stderr);
    assert!(
        stderr.contains(&format!("baseline: 1 new, {FOUND} known, 0 fixed\n")),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: 1 new warning(s) (--deny new)"),
        "{stderr}"
    );
}
