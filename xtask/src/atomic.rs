//! Writes the generated output so that a run that fails or is killed part way never leaves a
//! half-written crate behind.
//!
//! The output is a set of *entries*: each generated directory (`src/models`, …) and each
//! generated file outside them (`Cargo.toml`). An entry with something to change is first staged
//! complete beside the old one, as `.models.codegen-new` (or `.Cargo.toml.codegen-new`): files
//! whose bytes changed are written, unchanged files are hard-linked (so they are not rewritten),
//! files no longer produced are left out. A journal (`.codegen-swap` in the crate root) lists
//! the entries and says `stage` while they are staged; once every entry is staged it says
//! `swap`, and the entries are swapped in: `models` → `.models.codegen-old`,
//! `.models.codegen-new` → `models`; then the old ones are removed and the journal deleted.
//!
//! - A failure while staging removes what was staged: the old output is untouched.
//! - A failure while swapping puts back what was already swapped.
//! - A run killed while staging leaves only staging entries, which the next run removes.
//! - A run killed while swapping (a few renames) leaves the journal; the next run finishes the
//!   swap, since every staged entry was complete before the journal was written.
//!
//! A run with nothing to change touches nothing.

use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::{Mutex, PoisonError};

/// The journal of a write in progress: `stage` or `swap`, then one entry (relative to the crate
/// root) per line.
const JOURNAL: &str = ".codegen-swap";

/// Writes the journal atomically (a temporary file renamed over it).
fn write_journal(out: &Path, state: &str, entries: &[&str]) -> Result<(), String> {
    let journal = out.join(JOURNAL);
    let temp = sibling(&journal, "tmp");
    let mut text = format!("{state}\n");
    for entry in entries {
        text.push_str(entry);
        text.push('\n');
    }
    std::fs::write(&temp, text).map_err(|e| io_err("write", &temp, e))?;
    rename(&temp, &journal)
}

/// A point in a write, handed to the hook before it happens, so that tests can fail or abort
/// a run there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step<'a> {
    /// About to stage this file (relative to the crate root).
    Stage(&'a str),
    /// About to swap this entry (a generated directory or a file outside them) in.
    Swap(&'a str),
}

/// `.models.codegen-new` or `.models.codegen-old` beside `path`.
fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "out".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.codegen-{suffix}"))
}

fn io_err(what: &str, path: &Path, e: io::Error) -> String {
    format!("cannot {what} {}: {e}", path.display())
}

/// Regular files below `dir`, relative to `out`, with `/` separators.
fn files_below(out: &Path, dir: &Path) -> Result<Vec<String>, String> {
    let mut found = Vec::new();
    if !dir.is_dir() {
        return Ok(found);
    }
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.map_err(|e| format!("cannot list {}: {e}", dir.display()))?;
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(out).expect("walked below out");
            found.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(found)
}

fn same_bytes(path: &Path, contents: &str) -> Result<bool, String> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(bytes == contents.as_bytes()),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(false),
        Err(e) => Err(io_err("read", path, e)),
    }
}

/// Removes a file or a directory tree, if there is one.
fn remove_if_present(path: &Path) -> Result<(), String> {
    let result = match std::fs::symlink_metadata(path) {
        Ok(m) if m.is_dir() => std::fs::remove_dir_all(path),
        Ok(_) => std::fs::remove_file(path),
        Err(e) => Err(e),
    };
    match result {
        Err(e) if e.kind() != io::ErrorKind::NotFound => Err(io_err("remove", path, e)),
        _ => Ok(()),
    }
}

fn exists(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_ok()
}

fn rename(from: &Path, to: &Path) -> Result<(), String> {
    std::fs::rename(from, to)
        .map_err(|e| format!("cannot rename {} to {}: {e}", from.display(), to.display()))
}

/// A journal line names a path inside the crate, never one outside it.
fn is_inside(rel: &str) -> bool {
    !rel.is_empty()
        && Path::new(rel)
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
}

/// Finishes a swap that a killed run left half done, or removes what a run killed while staging
/// left behind, as the journal says. Returns the entries whose swap it finished.
pub fn recover(out: &Path) -> Result<Vec<String>, String> {
    let journal = out.join(JOURNAL);
    let _ = std::fs::remove_file(sibling(&journal, "tmp"));
    let text = match std::fs::read_to_string(&journal) {
        Ok(text) => text,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io_err("read", &journal, e)),
    };
    let mut lines = text.lines().filter(|l| !l.is_empty());
    let state = lines.next().unwrap_or("");
    let listed: Vec<String> = lines.map(str::to_owned).collect();
    if !matches!(state, "stage" | "swap") {
        return Err(format!(
            "{} does not start with `stage` or `swap`; remove it by hand",
            journal.display()
        ));
    }
    if let Some(bad) = listed.iter().find(|rel| !is_inside(rel)) {
        return Err(format!(
            "{} names `{bad}`, which is not inside the crate; remove it by hand",
            journal.display()
        ));
    }
    let mut finished = Vec::new();
    for rel in &listed {
        let path = out.join(rel);
        let (new, old) = (sibling(&path, "new"), sibling(&path, "old"));
        // While staging nothing visible was touched: the staging is dropped. While swapping,
        // every entry was staged complete: the swap is finished.
        if state == "swap" && exists(&new) {
            if exists(&path) {
                if exists(&old) {
                    remove_if_present(&path)?;
                } else {
                    rename(&path, &old)?;
                }
            }
            rename(&new, &path)?;
            finished.push(rel.clone());
        }
        remove_if_present(&new)?;
        remove_if_present(&old)?;
    }
    std::fs::remove_file(&journal).map_err(|e| io_err("remove", &journal, e))?;
    Ok(finished)
}

/// One entry to stage: a generated directory (its files, and whether each is unchanged) or a
/// single file outside the generated directories.
struct Plan<'a> {
    entry: &'a str,
    files: Vec<(&'a str, bool)>,
    is_dir: bool,
}

/// Makes the generated output of `out` exactly `expected` (paths relative to `out`): the files
/// in `owned_dirs` (anything else in them is removed) and the files outside them, as described
/// in the module docs. Returns the files written or removed, sorted. `hook` runs before each
/// step; an error from it fails the run there, as an I/O error would.
pub fn write_tree(
    out: &Path,
    owned_dirs: &[&str],
    expected: &BTreeMap<String, &str>,
    hook: &mut (dyn FnMut(Step) -> io::Result<()> + Send),
) -> Result<Vec<String>, String> {
    let owner = |path: &str| {
        owned_dirs
            .iter()
            .copied()
            .find(|d| path.starts_with(d) && path[d.len()..].starts_with('/'))
    };
    let loose: Vec<&str> = expected
        .keys()
        .map(String::as_str)
        .filter(|p| owner(p).is_none())
        .collect();
    if let Some(bad) = loose.iter().find(|p| !is_inside(p)) {
        return Err(format!("generated path `{bad}` is not inside the crate"));
    }
    recover(out)?;

    let mut changed = Vec::new();
    let mut plans: Vec<Plan> = Vec::new();
    for &entry in owned_dirs {
        let mut files = Vec::new();
        let mut dirty = false;
        for (path, contents) in expected.iter().filter(|(p, _)| owner(p) == Some(entry)) {
            let same = same_bytes(&out.join(path), contents)?;
            if !same {
                changed.push(path.clone());
                dirty = true;
            }
            files.push((path.as_str(), same));
        }
        for path in files_below(out, &out.join(entry))? {
            if !expected.contains_key(&path) {
                changed.push(path);
                dirty = true;
            }
        }
        if dirty {
            plans.push(Plan {
                entry,
                files,
                is_dir: true,
            });
        }
    }
    for &path in &loose {
        if !same_bytes(&out.join(path), expected[path])? {
            changed.push(path.to_owned());
            plans.push(Plan {
                entry: path,
                files: vec![(path, false)],
                is_dir: false,
            });
        }
    }

    if plans.is_empty() {
        return Ok(changed);
    }
    let entries: Vec<&str> = plans.iter().map(|p| p.entry).collect();

    // Stage every entry; on failure remove the staging and leave the old output alone.
    write_journal(out, "stage", &entries)?;
    let staged = stage(out, &plans, expected, hook);
    if let Err(e) = staged {
        for plan in &plans {
            let _ = remove_if_present(&sibling(&out.join(plan.entry), "new"));
        }
        let _ = std::fs::remove_file(out.join(JOURNAL));
        return Err(e);
    }

    swap(out, &entries, hook)?;
    changed.sort();
    Ok(changed)
}

/// Writes every planned file into its entry's staging sibling (`models.new/…`). Unchanged files
/// are hard links, so they keep their inode and timestamps; the rest are written from several
/// threads, because creating a file is the slow part on some filesystems (on ext4 it costs many
/// times what a hard link does).
fn stage(
    out: &Path,
    plans: &[Plan],
    expected: &BTreeMap<String, &str>,
    hook: &mut (dyn FnMut(Step) -> io::Result<()> + Send),
) -> Result<(), String> {
    let mut jobs: Vec<(&str, bool, PathBuf)> = Vec::new();
    let mut dirs = BTreeSet::new();
    for plan in plans {
        let staging = sibling(&out.join(plan.entry), "new");
        if plan.is_dir {
            dirs.insert(staging.clone());
        }
        for &(path, same) in &plan.files {
            let target = if plan.is_dir {
                staging.join(&path[plan.entry.len() + 1..])
            } else {
                staging.clone()
            };
            if let Some(parent) = target.parent() {
                dirs.insert(parent.to_owned());
            }
            jobs.push((path, same, target));
        }
    }
    for dir in &dirs {
        std::fs::create_dir_all(dir).map_err(|e| io_err("create", dir, e))?;
    }
    // The hook (a test's injected failure) runs before each file, as before, one at a time.
    let hook = Mutex::new(hook);
    jobs.par_iter().try_for_each(|(path, same, target)| {
        (hook.lock().unwrap_or_else(PoisonError::into_inner))(Step::Stage(path))
            .map_err(|e| format!("cannot write {path}: {e}"))?;
        if !(*same && std::fs::hard_link(out.join(path), target).is_ok()) {
            std::fs::write(target, expected[*path]).map_err(|e| io_err("write", target, e))?;
        }
        Ok(())
    })
}

/// Swaps the staged entries in, under the journal; puts the old ones back on failure.
fn swap(
    out: &Path,
    entries: &[&str],
    hook: &mut (dyn FnMut(Step) -> io::Result<()> + Send),
) -> Result<(), String> {
    let journal = out.join(JOURNAL);
    write_journal(out, "swap", entries)?;
    let mut done: Vec<(&str, bool)> = Vec::new();
    let result = (|| {
        for &rel in entries {
            hook(Step::Swap(rel)).map_err(|e| format!("cannot swap in {rel}: {e}"))?;
            let path = out.join(rel);
            let existed = exists(&path);
            if existed {
                rename(&path, &sibling(&path, "old"))?;
            }
            if let Err(e) = rename(&sibling(&path, "new"), &path) {
                if existed {
                    let _ = std::fs::rename(sibling(&path, "old"), &path);
                }
                return Err(e);
            }
            done.push((rel, existed));
        }
        Ok(())
    })();
    if let Err(e) = result {
        // Put back what was swapped, newest first, then drop the staging and the journal. If
        // that fails too, the journal stays and the next run finishes the swap instead.
        let mut restored = true;
        for &(rel, existed) in done.iter().rev() {
            let path = out.join(rel);
            restored &= std::fs::rename(&path, sibling(&path, "new")).is_ok();
            if existed {
                restored &= std::fs::rename(sibling(&path, "old"), &path).is_ok();
            }
        }
        if restored {
            for &rel in entries {
                let _ = remove_if_present(&sibling(&out.join(rel), "new"));
            }
            let _ = std::fs::remove_file(&journal);
        }
        return Err(e);
    }
    for &rel in entries {
        remove_if_present(&sibling(&out.join(rel), "old"))?;
    }
    std::fs::remove_file(&journal).map_err(|e| io_err("remove", &journal, e))
}
