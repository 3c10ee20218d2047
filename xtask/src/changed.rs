//! `--changed-since REF`: the docs pages that differ from a git revision (committed since, or
//! changed in the work tree, or new and not ignored), as paths within the docs root, so that a
//! run shows only the diagnostics on pages a pull request touched.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The paths (relative to `docs`, with `/`) of the files under `docs` that differ from `rev`.
pub fn changed_pages(docs: &Path, rev: &str) -> Result<BTreeSet<String>, String> {
    let top = git(docs, &["rev-parse", "--show-toplevel"]).map_err(|e| {
        format!(
            "--changed-since needs the docs root to be inside a git work tree, and {} is not ({e})",
            docs.display()
        )
    })?;
    let top = PathBuf::from(top.trim());
    git(
        docs,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|_| format!("--changed-since {rev}: no such commit in {}", top.display()))?;
    let docs = docs
        .canonicalize()
        .map_err(|e| format!("cannot read {}: {e}", docs.display()))?;
    let top = top
        .canonicalize()
        .map_err(|e| format!("cannot read {}: {e}", top.display()))?;
    // Paths relative to the top of the work tree, the docs root's among them.
    let changed = git(&top, &["diff", "--name-only", "-z", rev, "--", "."])?;
    let untracked = git(&top, &["ls-files", "--others", "--exclude-standard", "-z"])?;
    Ok(changed
        .split('\0')
        .chain(untracked.split('\0'))
        .filter(|p| !p.is_empty())
        .filter_map(|p| {
            let within = top.join(p);
            let within = within.strip_prefix(&docs).ok()?;
            Some(within.to_string_lossy().replace('\\', "/"))
        })
        .collect())
}

/// Runs git in `dir` and returns what it printed, or what it said when it failed.
fn git(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr);
        return Err(said.trim().to_owned());
    }
    String::from_utf8(output.stdout)
        .map_err(|e| format!("git printed a path that is not UTF-8: {e}"))
}
