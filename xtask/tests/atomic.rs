//! Codegen's writes are atomic per run: a failure injected part way (an error, or a panic that
//! stands for the process being killed) leaves the previous output as it was, and the next run
//! cleans up or finishes what was left.

mod common;

use std::collections::BTreeMap;
use std::io;
use std::panic::AssertUnwindSafe;
use std::path::Path;
use xtask::atomic::{recover, write_tree, Step};

const OWNED: &[&str] = &["src/models", "src/requests", "tests/doc_examples"];

/// Every file below `root`, hidden ones included, with its bytes.
fn snapshot(root: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(root)
        .sort_by_file_name()
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e.path().strip_prefix(root).unwrap();
            (
                rel.to_string_lossy().replace('\\', "/"),
                std::fs::read(e.path()).unwrap(),
            )
        })
        .collect()
}

/// Hidden staging, backup or journal entries anywhere below `root`.
fn leftovers(root: &Path) -> Vec<String> {
    walkdir::WalkDir::new(root)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_name().to_string_lossy().contains("codegen-"))
        .map(|e| e.path().display().to_string())
        .chain(
            root.join(".codegen-swap")
                .exists()
                .then(|| ".codegen-swap".to_owned()),
        )
        .collect()
}

fn put(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

/// A crate as the previous run left it.
fn old_output(root: &Path) {
    put(root, "Cargo.toml", "[package]\n");
    put(root, "src/lib.rs", "pub mod models;\n");
    put(root, "src/models/mod.rs", "mod a; mod b; mod c;\n");
    put(root, "src/models/a.rs", "// old a\n");
    put(root, "src/models/b.rs", "// b, unchanged\n");
    put(root, "src/models/c.rs", "// c, no longer generated\n");
    put(root, "src/requests/mod.rs", "// old requests\n");
    put(root, "tests/doc_examples/cases.rs", "// cases, unchanged\n");
}

/// What this run generates: `a`, the requests and the manifest change, `b` and the cases do
/// not, `c` goes, `d` (in a new subdirectory) and `build.rs` (outside the generated
/// directories) come.
fn new_output() -> BTreeMap<String, &'static str> {
    [
        ("Cargo.toml", "[package]\nname = \"new\"\n"),
        ("build.rs", "fn main() {}\n"),
        ("src/models/mod.rs", "mod a; mod b; mod nested;\n"),
        ("src/models/a.rs", "// new a\n"),
        ("src/models/b.rs", "// b, unchanged\n"),
        ("src/models/nested/d.rs", "// new d\n"),
        ("src/requests/mod.rs", "// new requests\n"),
        ("tests/doc_examples/cases.rs", "// cases, unchanged\n"),
    ]
    .into_iter()
    .map(|(p, c)| (p.to_owned(), c))
    .collect()
}

/// The old crate with the new generated files in place of the old ones.
fn expected_after(before: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let mut after: BTreeMap<String, Vec<u8>> = before
        .iter()
        .filter(|(p, _)| !OWNED.iter().any(|d| p.starts_with(d)))
        .map(|(p, b)| (p.clone(), b.clone()))
        .collect();
    for (p, c) in new_output() {
        after.insert(p, c.as_bytes().to_vec());
    }
    after
}

fn fail_at(target: usize) -> impl FnMut(Step) -> io::Result<()> {
    let mut seen = 0;
    move |_| {
        seen += 1;
        if seen == target {
            Err(io::Error::other("injected failure"))
        } else {
            Ok(())
        }
    }
}

fn kill_at(target: usize) -> impl FnMut(Step) -> io::Result<()> {
    let mut seen = 0;
    move |_| {
        seen += 1;
        if seen == target {
            // A panic runs no cleanup code here, so it leaves the tree as a kill would.
            panic!("injected kill");
        }
        Ok(())
    }
}

fn steps() -> Vec<String> {
    let temp = tempfile::tempdir().unwrap();
    old_output(temp.path());
    let mut seen = Vec::new();
    write_tree(temp.path(), OWNED, &new_output(), &mut |s| {
        seen.push(format!("{s:?}"));
        Ok(())
    })
    .unwrap();
    seen
}

#[test]
fn a_clean_run_writes_changed_files_and_keeps_unchanged_ones() {
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path();
    old_output(out);
    let before = snapshot(out);
    #[cfg(unix)]
    let inode =
        |p: &str| std::os::unix::fs::MetadataExt::ino(&std::fs::metadata(out.join(p)).unwrap());
    #[cfg(unix)]
    let b_inode = inode("src/models/b.rs");

    let changed = write_tree(out, OWNED, &new_output(), &mut |_| Ok(())).unwrap();
    assert_eq!(
        changed,
        [
            "Cargo.toml",
            "build.rs",
            "src/models/a.rs",
            "src/models/c.rs",
            "src/models/mod.rs",
            "src/models/nested/d.rs",
            "src/requests/mod.rs"
        ]
    );
    assert_eq!(snapshot(out), expected_after(&before));
    assert!(leftovers(out).is_empty(), "{:?}", leftovers(out));
    // The unchanged file was linked into the new directory, not rewritten.
    #[cfg(unix)]
    assert_eq!(inode("src/models/b.rs"), b_inode);

    // A second run with the same output writes nothing and swaps nothing.
    #[cfg(unix)]
    let dir_inode = inode("src/models");
    let mut steps = 0;
    let changed = write_tree(out, OWNED, &new_output(), &mut |_| {
        steps += 1;
        Ok(())
    })
    .unwrap();
    assert!(changed.is_empty(), "{changed:?}");
    assert_eq!(steps, 0);
    #[cfg(unix)]
    assert_eq!(inode("src/models"), dir_inode);
}

/// An error at every possible step, staging or swapping, leaves the old output byte for byte.
#[test]
fn a_failure_at_any_step_leaves_the_old_output_intact() {
    let total = steps().len();
    // Staging of the changed directories' files, then one swap per changed directory.
    assert!(total >= 7, "{:?}", steps());
    for target in 1..=total {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path();
        old_output(out);
        let before = snapshot(out);
        let err = write_tree(out, OWNED, &new_output(), &mut fail_at(target)).unwrap_err();
        assert!(err.contains("injected failure"), "{err}");
        assert_eq!(
            snapshot(out),
            before,
            "failure at step {target} ({:?})",
            steps()[target - 1]
        );
        assert!(
            leftovers(out).is_empty(),
            "step {target}: {:?}",
            leftovers(out)
        );
    }
}

/// A run killed while staging leaves the old output intact; a run killed while swapping leaves a
/// journal. Either way the next run ends with exactly the new output and nothing left over.
#[test]
fn a_killed_run_is_finished_or_cleaned_by_the_next_one() {
    let all = steps();
    for target in 1..=all.len() {
        let temp = tempfile::tempdir().unwrap();
        let out = temp.path();
        old_output(out);
        let before = snapshot(out);
        let killed = std::panic::catch_unwind(AssertUnwindSafe(|| {
            write_tree(out, OWNED, &new_output(), &mut kill_at(target))
        }));
        assert!(killed.is_err(), "step {target} did not abort");
        let step = &all[target - 1];
        if step.starts_with("Stage") {
            // Only hidden staging directories were touched.
            let visible: BTreeMap<_, _> = snapshot(out)
                .into_iter()
                .filter(|(p, _)| !p.contains("codegen-"))
                .collect();
            assert_eq!(visible, before, "killed at {step}");
        } else {
            assert!(out.join(".codegen-swap").exists(), "killed at {step}");
        }

        if step.starts_with("Stage") {
            recover(out).unwrap();
            assert_eq!(snapshot(out), before, "recovery after a kill at {step}");
        }
        let changed = write_tree(out, OWNED, &new_output(), &mut |_| Ok(())).unwrap();
        assert_eq!(snapshot(out), expected_after(&before), "killed at {step}");
        assert!(
            leftovers(out).is_empty(),
            "killed at {step}: {:?}",
            leftovers(out)
        );
        // Nothing is rewritten once the interrupted swap was finished.
        if !step.starts_with("Stage") {
            assert!(changed.is_empty(), "killed at {step}: {changed:?}");
        }
    }
}

/// Codegen end to end: regenerating an up-to-date crate writes nothing.
#[test]
fn codegen_on_an_up_to_date_crate_writes_nothing() {
    let root = xtask::project_root();
    let temp = tempfile::tempdir().unwrap();
    let out = temp.path().join("generated");
    let args = xtask::codegen::CodegenArgs {
        message_format: xtask::codegen::MessageFormat::Json,
        ..common::args(&root.join("docs"), &out, false)
    };
    let first = xtask::codegen::run(&args).unwrap();
    assert!(!first.changed.is_empty());
    let before = snapshot(&out);
    let second = xtask::codegen::run(&args).unwrap();
    assert!(second.changed.is_empty(), "{:?}", second.changed);
    assert_eq!(snapshot(&out), before);
    assert!(leftovers(&out).is_empty());
}
