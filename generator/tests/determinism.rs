//! Output is byte-for-byte the same whatever order pages are read in and whatever line endings
//! or byte-order marks editors left on them.

use generator::{generate, EmitOptions, SourceFile, SourceSet};

#[path = "support/seed_pages.rs"]
mod seed_pages;
use seed_pages::seed_pages;

fn options() -> EmitOptions {
    EmitOptions::default()
}

#[test]
fn order_line_endings_and_bom_do_not_change_the_output() {
    let pages = seed_pages();
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
