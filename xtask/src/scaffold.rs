//! Makes a fresh output directory a crate: copies the hand-written parts of this workspace's
//! `generated/` (`lib.rs`, `support/`, the test harness; the manifest is generated) so that `--out DIR` yields a
//! crate that builds on its own. Files already present are never overwritten.

use std::path::{Path, PathBuf};

/// The hand-written files of the generated crate, relative to its root.
fn template_files(template: &Path) -> Result<Vec<PathBuf>, String> {
    // `Cargo.toml` is generated (its features are the docs' areas).
    let mut files = vec![
        PathBuf::from("src/lib.rs"),
        PathBuf::from("tests/doc_examples.rs"),
    ];
    let support = template.join("src/support");
    let entries = std::fs::read_dir(&support)
        .map_err(|e| format!("cannot list {}: {e}", support.display()))?;
    let mut support_files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "rs"))
        .map(|p| PathBuf::from("src/support").join(p.file_name().expect("listed files have names")))
        .collect();
    support_files.sort();
    files.extend(support_files);
    Ok(files)
}

/// Copies the template into `out` unless `out` already has a `src/lib.rs`. Returns what was written.
pub fn scaffold(template: &Path, out: &Path) -> Result<Vec<String>, String> {
    if out.join("src/lib.rs").exists() || template == out {
        return Ok(Vec::new());
    }
    let mut written = Vec::new();
    for rel in template_files(template)? {
        let (from, to) = (template.join(&rel), out.join(&rel));
        let text = std::fs::read_to_string(&from)
            .map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&to, text).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
        written.push(rel.to_string_lossy().replace('\\', "/"));
    }
    Ok(written)
}
