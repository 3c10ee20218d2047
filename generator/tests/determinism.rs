//! Output is byte-for-byte the same whatever order pages are read in and whatever line endings
//! or byte-order marks editors left on them.

use generator::{generate, EmitOptions, SourceFile, SourceSet};
use std::path::Path;

fn options() -> EmitOptions {
    EmitOptions::default()
}

fn read_docs() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let mut pages = Vec::new();
    for dir in ["api", "resources"] {
        for entry in std::fs::read_dir(root.join(dir)).unwrap() {
            let path = entry.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            pages.push((
                format!("{dir}/{}", path.file_name().unwrap().to_string_lossy()),
                text,
            ));
        }
    }
    pages.sort();
    pages
}

#[test]
fn order_line_endings_and_bom_do_not_change_the_output() {
    let pages = read_docs();
    assert!(pages.len() >= 15);
    let plain = SourceSet::new(
        pages
            .iter()
            .map(|(p, t)| SourceFile::new(p.clone(), t))
            .collect(),
    );
    let first = generate(&plain, &options());

    // Reversed order; every other page with CRLF endings and a byte-order mark.
    let altered = pages
        .iter()
        .rev()
        .enumerate()
        .map(|(i, (p, t))| {
            let text = if i % 2 == 0 {
                format!("\u{feff}{}", t.replace('\n', "\r\n"))
            } else {
                t.clone()
            };
            SourceFile::new(p.clone(), &text)
        })
        .collect();
    let second = generate(&SourceSet::new(altered), &options());

    assert_eq!(first.files, second.files);
    assert_eq!(first.analysis.diagnostics, second.analysis.diagnostics);
    assert!(!first.files.is_empty());
}
