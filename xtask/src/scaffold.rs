//! Makes a fresh output directory a crate: copies the hand-written parts of this workspace's
//! `generated/` (`lib.rs`, `support/`, the test harness; the manifest is generated) so that `--out DIR` yields a
//! crate that builds on its own. `support/` is the runtime the generated code calls into, so it
//! is kept in step with the generator (rewritten when its bytes differ); `lib.rs` and the test
//! harness are written once and then left to the crate's owner.

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

/// Copies the template into `out`: every file that is missing, and the support files that
/// differ. Returns what was written.
pub fn scaffold(template: &Path, out: &Path) -> Result<Vec<String>, String> {
    if template == out {
        return Ok(Vec::new());
    }
    let mut written = Vec::new();
    for rel in template_files(template)? {
        let (from, to) = (template.join(&rel), out.join(&rel));
        let text =
            std::fs::read(&from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
        let kept_in_step = rel.starts_with("src/support");
        match std::fs::read(&to) {
            Ok(existing) if existing == text || !kept_in_step => continue,
            _ => {}
        }
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&to, text).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
        written.push(rel.to_string_lossy().replace('\\', "/"));
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::scaffold;

    #[test]
    fn support_is_kept_in_step_and_lib_rs_is_left_alone() {
        let template = crate::project_root().join("generated");
        let out = tempfile::tempdir().unwrap();
        let first = scaffold(&template, out.path()).unwrap();
        assert!(first.contains(&"src/lib.rs".to_owned()), "{first:?}");
        assert!(scaffold(&template, out.path()).unwrap().is_empty());

        let support = out.path().join("src/support/nullable.rs");
        std::fs::write(&support, "// an older runtime\n").unwrap();
        std::fs::write(out.path().join("src/lib.rs"), "// the owner's edit\n").unwrap();
        assert_eq!(
            scaffold(&template, out.path()).unwrap(),
            ["src/support/nullable.rs"]
        );
        assert_eq!(
            std::fs::read(&support).unwrap(),
            std::fs::read(template.join("src/support/nullable.rs")).unwrap()
        );
        let lib = std::fs::read_to_string(out.path().join("src/lib.rs")).unwrap();
        assert_eq!(lib, "// the owner's edit\n");
    }
}
