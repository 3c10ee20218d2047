//! Reads a docs tree into a [`SourceSet`]: every `*.md` file below the root, in sorted order.
//! Files that cannot be read become diagnostics naming the file, not a failed run.

use generator::diagnostic::{Code, Diagnostic};
use generator::{SourceFile, SourceSet, Span};
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
        if !entry.file_type().is_file() || entry.path().extension().is_none_or(|e| e != "md") {
            continue;
        }
        let path = relative(root, entry.path());
        match std::fs::read(entry.path()) {
            Ok(bytes) => match String::from_utf8(bytes) {
                Ok(text) => files.push(SourceFile::new(path, &text)),
                Err(e) => unreadable.push((path, format!("not UTF-8 ({})", e.utf8_error()))),
            },
            Err(e) => unreadable.push((path, e.to_string())),
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
