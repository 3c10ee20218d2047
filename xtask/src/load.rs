//! Reads a docs tree into a [`SourceSet`]: every `*.md` file below the root, in sorted order,
//! and the diagnostics config `codegen.toml` at the root.
//! Files that cannot be read become diagnostics naming the file, not a failed run.

use generator::diagnostic::{Code, Diagnostic};
use generator::{SourceFile, SourceSet, Span};
use rayon::prelude::*;
use std::path::Path;

/// The pages, plus a diagnostic for every file that could not be read.
pub struct Loaded {
    pub sources: SourceSet,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads `root`. Fails only when the root itself cannot be walked.
pub fn load_docs(root: &Path) -> Result<Loaded, String> {
    if !root.is_dir() {
        return Err(format!("docs root `{}` is not a directory", root.display()));
    }
    let mut files = Vec::new();
    let mut unreadable = Vec::new();
    // (path relative to the root, full path) of every file to read, in sorted order.
    let mut found = Vec::new();
    for entry in walkdir::WalkDir::new(root)
        .follow_links(true)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let path = e
                    .path()
                    .map(|p| relative(root, p))
                    .unwrap_or_else(|| root.display().to_string());
                unreadable.push((path, e.to_string()));
                continue;
            }
        };
        // Pages, and the diagnostics config at the root (`codegen.toml`).
        let is_config = entry.depth() == 1 && entry.file_name() == generator::policy::CONFIG_FILE;
        if !entry.file_type().is_file()
            || !is_config && entry.path().extension().is_none_or(|e| e != "md")
        {
            continue;
        }
        found.push((relative(root, entry.path()), entry.into_path()));
    }
    // Read (and index the lines of) the pages in parallel; keep the walk's order.
    let read: Vec<(String, Result<SourceFile, String>)> = found
        .into_par_iter()
        .map(|(path, full)| {
            let file = match std::fs::read(&full) {
                Ok(bytes) => match std::str::from_utf8(&bytes) {
                    Ok(text) => Ok(SourceFile::new(path.clone(), text)),
                    Err(e) => Err(format!("not UTF-8 ({e})")),
                },
                Err(e) => Err(e.to_string()),
            };
            (path, file)
        })
        .collect();
    for (path, file) in read {
        match file {
            Ok(file) => files.push(file),
            Err(why) => unreadable.push((path, why)),
        }
    }
    // Unreadable files are kept as empty sources so that their diagnostics have a file to name.
    let names: Vec<String> = unreadable.iter().map(|(p, _)| p.clone()).collect();
    files.extend(names.iter().map(|p| SourceFile::new(p.clone(), "")));
    let sources = SourceSet::new(files);
    let diagnostics = unreadable
        .into_iter()
        .filter_map(|(path, why)| {
            let (id, _) = sources.iter().find(|(_, f)| f.path == path)?;
            Some(Diagnostic::new(
                Code::UnreadablePage,
                Span::new(id, 0..0),
                format!("cannot read `{path}`: {why}"),
            ))
        })
        .collect();
    Ok(Loaded {
        sources,
        diagnostics,
    })
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
