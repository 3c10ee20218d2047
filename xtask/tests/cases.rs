//! One test case per file: `cases/err/<code>.md` must produce diagnostic `<code>`, and
//! `cases/ok/*.md` must produce no warning or error. Each case's rendered diagnostics (and, for
//! ok cases, the emitted code) are snapshots. A case file holds one or more pages: a line
//! `<!-- page: resources/x.md -->` starts the next page; the first page is `api/<name>.md` or
//! `resources/<name>.md` by its `doc_type`.

use codespan_reporting::term::termcolor::NoColor;
use generator::{generate, Code, EmitOptions, Severity, SourceFile, SourceSet};
use std::path::{Path, PathBuf};

fn options() -> EmitOptions {
    EmitOptions::default()
}

fn cases(kind: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(kind);
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

fn load_case(path: &Path) -> SourceSet {
    let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
    let text = std::fs::read_to_string(path).unwrap();
    let mut pages = Vec::new();
    let mut current_path: Option<String> = None;
    let mut current = String::new();
    for line in text.split_inclusive('\n') {
        if let Some(next) = line
            .trim()
            .strip_prefix("<!-- page: ")
            .and_then(|l| l.strip_suffix(" -->"))
        {
            pages.push((current_path.take(), std::mem::take(&mut current)));
            current_path = Some(next.to_owned());
        } else {
            current.push_str(line);
        }
    }
    pages.push((current_path, current));
    let files = pages
        .into_iter()
        .map(|(path, text)| {
            let path = path.unwrap_or_else(|| {
                let dir = if text.contains("apiPageType") {
                    "api"
                } else {
                    "resources"
                };
                format!("{dir}/{stem}.md")
            });
            SourceFile::new(path, &text)
        })
        .collect();
    SourceSet::new(files)
}

fn render(sources: &SourceSet, diagnostics: &[generator::Diagnostic]) -> String {
    let mut out = NoColor::new(Vec::new());
    xtask::render::render_human(sources, diagnostics, &mut out);
    String::from_utf8(out.into_inner()).unwrap()
}

#[test]
fn every_err_case_reports_its_code() {
    let mut seen = Vec::new();
    for path in cases("err") {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let code =
            Code::from_name(&stem).unwrap_or_else(|| panic!("{stem}.md is named after no code"));
        seen.push(code);
        let sources = load_case(&path);
        let generation = generate(&sources, &options());
        let rendered = render(&sources, &generation.analysis.diagnostics);
        assert!(
            generation
                .analysis
                .diagnostics
                .iter()
                .any(|d| d.code == code),
            "err/{stem}.md does not report `{stem}`:\n{rendered}"
        );
        insta::assert_snapshot!(format!("err__{stem}"), rendered);
    }
    // Every code the generator reports has a case, except the one only the loader can produce
    // (see tests/load.rs); check-metadata's codes are tested in tests/metadata.rs.
    for code in &xtask::codes::codegen() {
        if *code != Code::UnreadablePage {
            assert!(seen.contains(code), "no err case for `{}`", code.name());
        }
    }
}

#[test]
fn ok_cases_are_clean_and_their_code_is_stable() {
    for path in cases("ok") {
        let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
        let sources = load_case(&path);
        let generation = generate(&sources, &options());
        let noisy: Vec<_> = generation
            .analysis
            .diagnostics
            .iter()
            .filter(|d| d.severity >= Severity::Warning)
            .cloned()
            .collect();
        assert!(
            noisy.is_empty(),
            "ok/{stem}.md has diagnostics:\n{}",
            render(&sources, &noisy)
        );
        let code: String = generation
            .files
            .iter()
            // The lock records the generator's source digest, which any edit of it moves.
            .filter(|f| !f.path.ends_with("mod.rs") && f.path != "codegen.lock")
            .map(|f| format!("==> {} <==\n{}\n", f.path, f.contents))
            .collect();
        insta::assert_snapshot!(format!("ok__{stem}"), code);
    }
}
