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
    let read: Vec<Result<SourceFile, Unreadable>> = found
        .into_par_iter()
        .map(|(path, full)| read_page(path, &full))
        .collect();
    let mut problems = Vec::new();
    for file in read {
        match file {
            Ok(file) => files.push(file),
            // Kept as sources, so that their diagnostics have a file (and a line) to name.
            Err(unreadable) => {
                files.push(SourceFile::unreadable(
                    unreadable.path.clone(),
                    &unreadable.text_before,
                ));
                problems.push(unreadable);
            }
        }
    }
    // Entries the walk could not read at all (a dangling link, no permission).
    for (path, why) in unreadable {
        files.push(SourceFile::unreadable(path.clone(), ""));
        problems.push(Unreadable {
            path,
            why,
            text_before: String::new(),
            bad_byte: None,
        });
    }
    let sources = SourceSet::new(files);
    let diagnostics = problems
        .into_iter()
        .filter_map(|problem| {
            let (id, file) = sources.iter().find(|(_, f)| f.path == problem.path)?;
            let at = file.text.len();
            let diagnostic = Diagnostic::new(
                Code::UnreadablePage,
                Span::new(id, at..at),
                format!("cannot read `{}`: {}", problem.path, problem.why),
            );
            Some(match problem.bad_byte {
                Some(byte) => diagnostic
                    .label(format!("byte 0x{byte:02X} is not UTF-8"))
                    .help("save the page as UTF-8; it is not read until then"),
                None => diagnostic,
            })
        })
        .collect();
    Ok(Loaded {
        sources,
        diagnostics,
    })
}

/// A file that could not be read as a page, and what of it could.
struct Unreadable {
    path: String,
    why: String,
    /// The text before the first byte that is not UTF-8 (empty when nothing could be read).
    text_before: String,
    bad_byte: Option<u8>,
}

fn read_page(path: String, full: &Path) -> Result<SourceFile, Unreadable> {
    let bytes = std::fs::read(full).map_err(|e| Unreadable {
        path: path.clone(),
        why: e.to_string(),
        text_before: String::new(),
        bad_byte: None,
    })?;
    match std::str::from_utf8(&bytes) {
        Ok(text) => Ok(SourceFile::new(path, text)),
        Err(e) => {
            let valid = e.valid_up_to();
            Err(Unreadable {
                path,
                why: "not UTF-8".into(),
                text_before: String::from_utf8_lossy(&bytes[..valid]).into_owned(),
                bad_byte: bytes.get(valid).copied(),
            })
        }
    }
}

fn relative(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
