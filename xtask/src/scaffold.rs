//! Makes a fresh output directory a crate: copies the hand-written parts of this workspace's
//! `generated/` (`lib.rs`, `support/`, the doc-example tests' root and runners; the manifest is
//! generated) so that `--out DIR` yields a crate that builds on its own. `support/` and the
//! runners are what the generated code calls into, so they are kept in step with the generator
//! (rewritten when their bytes differ, and reported by `--check`); `lib.rs` and
//! `tests/doc_examples.rs` are written into a fresh crate only, and then left to the crate's
//! owner. A file no longer in the template is left alone.

use generator::template::{fit_text, KEPT_IN_STEP, ONCE};
use std::path::{Path, PathBuf};

/// The hand-written files of the generated crate, relative to its root.
fn template_files(template: &Path) -> Result<Vec<PathBuf>, String> {
    // `Cargo.toml` is generated (its features are the docs' areas).
    let mut files: Vec<PathBuf> = ONCE.iter().map(PathBuf::from).collect();
    for dir in KEPT_IN_STEP {
        let listed = template.join(dir);
        let entries = std::fs::read_dir(&listed)
            .map_err(|e| format!("cannot list {}: {e}", listed.display()))?;
        let mut in_dir: Vec<PathBuf> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "rs"))
            .map(|p| PathBuf::from(dir).join(p.file_name().expect("listed files have names")))
            .collect();
        in_dir.sort();
        files.extend(in_dir);
    }
    Ok(files)
}

/// How the template's text is fitted to one generated crate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fit {
    /// Whether the examples in its docs apply (see [`root_examples_apply`]); where they do not,
    /// they are shown as text.
    pub examples_apply: bool,
    /// The crate's name in Rust (`graph_client`, or `codegen.toml`'s), which the examples use.
    pub crate_ident: String,
}

impl Fit {
    /// The fit for what a run generated: Graph's examples apply when the crate has their
    /// models and calls and its root is still `Graph`.
    pub fn of(generation: &generator::Generation) -> Fit {
        let config = &generation.analysis.config;
        Fit {
            examples_apply: root_examples_apply(&generation.files)
                && config.service.root == "Graph",
            crate_ident: config.krate.ident(),
        }
    }

    /// This workspace's own crate, as the template is.
    pub fn template() -> Fit {
        Fit {
            examples_apply: true,
            crate_ident: "graph_client".into(),
        }
    }
}

/// Whether the crate root's examples apply to a generated crate: they read and update Graph's
/// `user` through `Graph::users().by_id(id).update(body)`, which docs without those pages lack.
pub fn root_examples_apply(files: &[generator::GeneratedFile]) -> bool {
    let has = |path: &str, text: &str| {
        files
            .iter()
            .any(|f| f.path == path && f.contents.contains(text))
    };
    has("src/models/user.rs", "pub struct User ")
        && has("src/requests/users.rs", "impl UsersById {")
        && has("src/requests/users.rs", "pub fn update(")
}

/// A template file as it is written into `out`: the examples in its docs name the crate by its
/// name, and become text where they do not apply, so that `cargo test` of a crate from other
/// docs does not fail on them.
fn contents(template: &Path, rel: &Path, fit: &Fit) -> Result<Vec<u8>, String> {
    let from = template.join(rel);
    let text = std::fs::read(&from).map_err(|e| format!("cannot read {}: {e}", from.display()))?;
    if *fit == Fit::template() {
        return Ok(text);
    }
    let text = String::from_utf8_lossy(&text);
    Ok(fit_text(&text, &fit.crate_ident, fit.examples_apply).into_bytes())
}

/// What `scaffold` would write into `out`, relative to it: in a fresh crate (no `src/lib.rs`)
/// every template file; in an existing one, the support files that are missing or differ.
pub fn pending(template: &Path, out: &Path, fit: &Fit) -> Result<Vec<String>, String> {
    if template == out {
        return Ok(Vec::new());
    }
    let fresh = !out.join("src/lib.rs").exists();
    let mut pending = Vec::new();
    for rel in template_files(template)? {
        if !fresh && !KEPT_IN_STEP.iter().any(|dir| rel.starts_with(dir)) {
            continue;
        }
        let text = contents(template, &rel, fit)?;
        if std::fs::read(out.join(&rel)).ok().as_deref() != Some(text.as_slice()) {
            pending.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(pending)
}

/// Writes what [`pending`] lists. Returns it.
pub fn scaffold(template: &Path, out: &Path, fit: &Fit) -> Result<Vec<String>, String> {
    let pending = pending(template, out, fit)?;
    for rel in &pending {
        let to = out.join(rel);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        let text = contents(template, Path::new(rel), fit)?;
        std::fs::write(&to, text).map_err(|e| format!("cannot write {}: {e}", to.display()))?;
    }
    Ok(pending)
}

#[cfg(test)]
mod tests {
    use super::{pending, scaffold, Fit};

    #[test]
    fn support_and_runners_are_kept_in_step_and_lib_rs_is_left_alone() {
        let template = crate::project_root().join("generated");
        let out = tempfile::tempdir().unwrap();
        let first = scaffold(&template, out.path(), &Fit::template()).unwrap();
        assert!(first.contains(&"src/lib.rs".to_owned()), "{first:?}");
        assert!(scaffold(&template, out.path(), &Fit::template())
            .unwrap()
            .is_empty());

        let support = out.path().join("src/support/nullable.rs");
        std::fs::write(&support, "// an older runtime\n").unwrap();
        let runner = "tests/doc_examples_runner/cases.rs";
        std::fs::remove_file(out.path().join(runner)).unwrap();
        std::fs::write(out.path().join("src/lib.rs"), "// the owner's edit\n").unwrap();
        std::fs::remove_file(out.path().join("tests/doc_examples.rs")).unwrap();
        let kept_in_step = ["src/support/nullable.rs", runner];
        assert_eq!(
            pending(&template, out.path(), &Fit::template()).unwrap(),
            kept_in_step
        );
        assert_eq!(
            scaffold(&template, out.path(), &Fit::template()).unwrap(),
            kept_in_step
        );
        assert_eq!(
            std::fs::read(&support).unwrap(),
            std::fs::read(template.join("src/support/nullable.rs")).unwrap()
        );
        let lib = std::fs::read_to_string(out.path().join("src/lib.rs")).unwrap();
        assert_eq!(lib, "// the owner's edit\n");
    }
}
