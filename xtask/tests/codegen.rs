//! The drift gate and the regenerate loop, end to end through `xtask::codegen::run`.

mod common;

use common::{args, copy_dir};
use std::path::Path;
use xtask::codegen::{run, CodegenArgs, Drift};

/// `cargo test` alone catches a generated crate that is out of date with `docs/`.
#[test]
fn generated_crate_is_up_to_date_with_docs() {
    let root = xtask::project_root();
    let outcome =
        run(&args(&root.join("docs"), &root.join("generated"), true)).expect("codegen runs");
    assert!(
        outcome.drift.is_empty(),
        "generated/ is out of date with docs/: {:?}\nrun `cargo xtask codegen` and commit the result",
        outcome.drift
    );
    assert_eq!(outcome.errors, 0, "the docs have error-level diagnostics");
}

/// Adding a row to a property table makes `--check` fail naming the model file; regenerating
/// adds the field and `--check` passes again; a second regeneration writes nothing.
#[test]
fn a_new_table_row_is_drift_until_regenerated() {
    let root = xtask::project_root();
    let temp = tempfile::tempdir().unwrap();
    let (docs, out) = (temp.path().join("docs"), temp.path().join("generated"));
    copy_dir(&root.join("docs"), &docs);
    copy_dir(&root.join("generated"), &out);
    assert!(run(&args(&docs, &out, true)).unwrap().drift.is_empty());

    let page = docs.join("api/user-update.md");
    let text = std::fs::read_to_string(&page).unwrap();
    let row = "|userType|String|**TODO: Add Description**|\n";
    assert!(text.contains(row));
    let text = text.replacen(
        row,
        &format!("{row}|favoriteColor|String|The user's favorite color.|\n"),
        1,
    );
    std::fs::write(&page, text).unwrap();

    // The model gains a field; the example tests move down a line, so their names change too
    // (in the parts of the `core` area; and the snippets' harness lists the examples not
    // reproduced by line); the lock records other docs.
    let outcome = run(&args(&docs, &out, true)).unwrap();
    assert_eq!(
        outcome.drift,
        [
            Drift::Stale("codegen.lock".into()),
            Drift::Stale("src/models/user.rs".into()),
            Drift::Stale("tests/doc_examples/cases/core.rs".into()),
            Drift::Stale("tests/doc_examples/responses/core.rs".into()),
            Drift::Stale("tests/doc_examples/snippets.rs".into())
        ]
    );
    assert_eq!(outcome.exit_code(), 1);

    let written = run(&args(&docs, &out, false)).unwrap();
    assert_eq!(
        written.changed,
        [
            "codegen.lock",
            "src/models/user.rs",
            "tests/doc_examples/cases/core.rs",
            "tests/doc_examples/responses/core.rs",
            "tests/doc_examples/snippets.rs"
        ]
    );
    let model = std::fs::read_to_string(out.join("src/models/user.rs")).unwrap();
    assert!(model.contains("pub favorite_color: crate::support::Nullable<::std::string::String>"));
    // Read under its wire name into its field (the arm may be wrapped by the formatter).
    let arm = model
        .find("\"favoriteColor\" =>")
        .expect("a match arm for favoriteColor");
    assert!(model[arm..]
        .trim_start_matches(|c: char| c != '&')
        .starts_with("&mut self.favorite_color"));
    assert!(run(&args(&docs, &out, true)).unwrap().drift.is_empty());
    assert!(run(&args(&docs, &out, false)).unwrap().changed.is_empty());
}

/// A file left in a generated directory that the docs no longer produce is drift, and
/// regeneration removes it.
#[test]
fn stale_extra_files_are_reported_and_removed() {
    let root = xtask::project_root();
    let temp = tempfile::tempdir().unwrap();
    let (docs, out) = (temp.path().join("docs"), temp.path().join("generated"));
    copy_dir(&root.join("docs"), &docs);
    copy_dir(&root.join("generated"), &out);
    std::fs::write(out.join("src/models/old_type.rs"), "// gone\n").unwrap();
    let outcome = run(&args(&docs, &out, true)).unwrap();
    assert_eq!(
        outcome.drift,
        [Drift::Extra("src/models/old_type.rs".into())]
    );
    run(&args(&docs, &out, false)).unwrap();
    assert!(!out.join("src/models/old_type.rs").exists());
}

/// With the format cache, a regeneration after a docs change writes exactly what a run without
/// it writes: the changed model is formatted afresh, the rest comes from the cache, and a
/// cache file that is corrupt is ignored rather than trusted.
#[test]
fn the_format_cache_never_changes_the_output() {
    let root = xtask::project_root();
    let temp = tempfile::tempdir().unwrap();
    let docs = temp.path().join("docs");
    let (cached_out, plain_out) = (temp.path().join("cached"), temp.path().join("plain"));
    let cache = temp.path().join("cache.bin");
    copy_dir(&root.join("docs"), &docs);
    let with_cache = |out: &Path| CodegenArgs {
        format_cache: Some(cache.clone()),
        timings: false,
        ..args(&docs, out, false)
    };
    run(&with_cache(&cached_out)).unwrap();
    assert!(cache.exists(), "the first run keeps its formatting");

    let page = docs.join("api/user-update.md");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        text.replacen(
            "|jobTitle|String|",
            "|favoriteColor|String|The user's favorite color.|\n|jobTitle|String|",
            1,
        ),
    )
    .unwrap();
    let outcome = run(&with_cache(&cached_out)).unwrap();
    assert!(
        outcome.changed.contains(&"src/models/user.rs".to_owned()),
        "{:?}",
        outcome.changed
    );
    // Of the 27 files, the user model, the `core` parts of the example and response tests
    // (whose lines moved) and the snippets' harness (which lists examples by line) are formatted
    // afresh, and the manifest and the lock are never formatted: the other 21 come from the
    // cache; the lock is written too, as the docs changed.
    assert_eq!(
        (outcome.formatted_earlier, outcome.changed.len()),
        (21, 5),
        "files from the cache, files written: {:?}",
        outcome.changed
    );
    run(&args(&docs, &plain_out, false)).unwrap();
    let read = |dir: &Path, path: &str| std::fs::read_to_string(dir.join(path)).unwrap();
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&plain_out) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let path = entry
                .path()
                .strip_prefix(&plain_out)
                .unwrap()
                .to_str()
                .unwrap();
            assert_eq!(read(&cached_out, path), read(&plain_out, path), "{path}");
            compared += 1;
        }
    }
    assert!(compared > 20, "{compared} files compared");
    assert!(read(&cached_out, "src/models/user.rs").contains("favoriteColor"));

    // A damaged cache is ignored.
    std::fs::write(&cache, b"GDCFMT02 but then nonsense").unwrap();
    let outcome = run(&with_cache(&plain_out)).unwrap();
    assert_eq!(outcome.formatted_earlier, 0);
    assert!(outcome.changed.is_empty(), "{:?}", outcome.changed);
}

/// In a separate `--out` crate, a support file older than the generator's is drift: the
/// generated code would not compile against it. Regenerating brings it in step.
#[test]
fn a_stale_support_runtime_is_drift() {
    let root = xtask::project_root();
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("crate");
    let docs = root.join("docs");
    run(&args(&docs, &out, false)).unwrap();
    assert!(run(&args(&docs, &out, true)).unwrap().drift.is_empty());
    std::fs::write(out.join("src/support/request.rs"), "// an older runtime\n").unwrap();
    assert_eq!(
        run(&args(&docs, &out, true)).unwrap().drift,
        [Drift::Stale("src/support/request.rs".into())]
    );
    let written = run(&args(&docs, &out, false)).unwrap().changed;
    assert_eq!(written, ["src/support/request.rs"]);
    assert!(run(&args(&docs, &out, true)).unwrap().drift.is_empty());
}

/// A crate whose lock names another generator, or other docs, says so when it drifts.
#[test]
fn the_lock_tells_another_generator_from_other_docs() {
    let root = xtask::project_root();
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("out");
    copy_dir(&root.join("generated"), &out);
    let (_, generation, _) =
        xtask::codegen::generate_from(&args(&root.join("docs"), &out, true)).unwrap();
    let expected: std::collections::BTreeMap<String, &str> = generation
        .files
        .iter()
        .map(|f| (f.path.clone(), &*f.contents))
        .collect();
    assert!(xtask::codegen::drift_causes(&out, &expected).is_empty());

    let lock = out.join("codegen.lock");
    let text = std::fs::read_to_string(&lock).unwrap();
    let older = text.replacen("(source ", "(source 0000", 1);
    std::fs::write(&lock, &older).unwrap();
    let causes = xtask::codegen::drift_causes(&out, &expected);
    assert_eq!(causes.len(), 1, "{causes:?}");
    assert!(
        causes[0].starts_with("made by another generator"),
        "{causes:?}"
    );

    let other_docs = text.replacen("xxh3-128 ", "xxh3-128 ff", 1);
    std::fs::write(&lock, other_docs).unwrap();
    let causes = xtask::codegen::drift_causes(&out, &expected);
    assert_eq!(causes.len(), 1, "{causes:?}");
    assert!(causes[0].starts_with("the docs changed"), "{causes:?}");
}
