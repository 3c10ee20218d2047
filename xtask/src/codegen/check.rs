//! The `--check` mode: every file of the output that differs from what the docs produce, the
//! hand-written runtime included, and why the crate drifted by its `codegen.lock`.

use super::CodegenArgs;
use generator::emit::OWNED_DIRS;
use generator::Generation;
use std::collections::BTreeMap;
use std::path::Path;

/// How a file of the output differs from what the generator produced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Drift {
    Stale(String),
    Missing(String),
    /// A file in a generated directory that the generator no longer produces.
    Extra(String),
}

/// Compares `args.out` with `expected` and with the scaffold, and prints each difference, its
/// causes and the command that fixes it on stderr.
pub fn check(
    args: &CodegenArgs,
    generation: &Generation,
    expected: &BTreeMap<String, &str>,
) -> Result<Vec<Drift>, String> {
    let mut drift = compare(&args.out, expected)?;
    // A stale support runtime would not compile with the generated code.
    let template = crate::project_root().join("generated");
    let fit = crate::scaffold::Fit::of(generation);
    for rel in crate::scaffold::pending(&template, &args.out, &fit)? {
        drift.push(if args.out.join(&rel).exists() {
            Drift::Stale(rel)
        } else {
            Drift::Missing(rel)
        });
    }
    for d in &drift {
        let (what, path) = match d {
            Drift::Stale(p) => ("stale", p),
            Drift::Missing(p) => ("missing", p),
            Drift::Extra(p) => ("no longer generated", p),
        };
        eprintln!("error: {} is {what}", args.out.join(path).display());
    }
    if !drift.is_empty() {
        for cause in drift_causes(&args.out, expected) {
            eprintln!("note: {cause}");
        }
        eprintln!(
            "error: {} generated file(s) differ from what the docs produce; run `{}` and commit the result",
            drift.len(),
            args.regenerate_command()
        );
    }
    Ok(drift)
}

/// Why a crate drifted, by its `codegen.lock` against the one this run makes: another build of
/// the generator made it, or the docs changed since (or both, or it has no lock).
pub fn drift_causes(out: &Path, expected: &BTreeMap<String, &str>) -> Vec<String> {
    use generator::emit::lock::{read_lock, LOCK_FILE};
    let Some(now) = expected.get(LOCK_FILE).and_then(|t| read_lock(t)) else {
        return Vec::new();
    };
    let Some(then) = std::fs::read_to_string(out.join(LOCK_FILE))
        .ok()
        .and_then(|t| read_lock(&t))
    else {
        return vec![format!(
            "{} has no readable {LOCK_FILE}: it was made before locks, or edited",
            out.display()
        )];
    };
    let mut causes = Vec::new();
    if then.0 != now.0 {
        causes.push(format!(
            "made by another generator: its {LOCK_FILE} says `{}`, this is `{}`",
            then.0, now.0
        ));
    }
    if then.1 != now.1 {
        causes.push(format!(
            "the docs changed since it was made: `{}` then, `{}` now",
            then.1, now.1
        ));
    }
    causes
}

/// Files present under the generated directories of `out`, relative to `out`.
fn existing_generated(out: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    for dir in OWNED_DIRS {
        let dir = out.join(dir);
        if !dir.exists() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
            if entry.file_type().is_file() {
                let rel = entry.path().strip_prefix(out).expect("walked below out");
                found.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    Ok(found)
}

fn compare(out: &Path, expected: &BTreeMap<String, &str>) -> Result<Vec<Drift>, String> {
    let mut drift = Vec::new();
    for (path, contents) in expected {
        match std::fs::read(out.join(path)) {
            Ok(bytes) if bytes == contents.as_bytes() => {}
            Ok(_) => drift.push(Drift::Stale(path.clone())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                drift.push(Drift::Missing(path.clone()))
            }
            Err(e) => return Err(format!("cannot read {}: {e}", out.join(path).display())),
        }
    }
    for path in existing_generated(out)? {
        if !expected.contains_key(&path) {
            drift.push(Drift::Extra(path));
        }
    }
    Ok(drift)
}
