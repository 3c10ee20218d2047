//! Pathological pages (a 10 MB table, a 1 MB line, 10,000 levels of nesting, an empty file) go
//! through the whole generator beside ordinary pages: no panic, no stack overflow, and the
//! ordinary pages are still generated. That the time taken is linear in the input is measured by
//! `cargo bench -p generator --bench linear`, not asserted here.

#[path = "support/pathological_inputs.rs"]
mod inputs;

use generator::{generate, EmitOptions, Generation, SourceFile, SourceSet};
use std::path::Path;

fn options() -> EmitOptions {
    EmitOptions::default()
}

/// Two ordinary pages of the seed docs, which must survive any neighbour.
fn ordinary_pages() -> Vec<SourceFile> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs/resources");
    [
        "microsoft.directoryservices-assignedlicense.md",
        "microsoft.directoryservices-devicekey.md",
    ]
    .iter()
    .map(|name| {
        let text = std::fs::read_to_string(root.join(name)).unwrap();
        SourceFile::new(format!("resources/{name}"), &text)
    })
    .collect()
}

/// Generates the page beside the ordinary ones, on a thread with the default 2 MiB stack of a
/// spawned thread (smaller than the main thread's), so that deep recursion shows.
fn generate_beside_ordinary(page: (String, String)) -> Generation {
    std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(move || {
            let mut files = ordinary_pages();
            files.push(SourceFile::new(page.0, &page.1));
            generate(&SourceSet::new(files), &options())
        })
        .unwrap()
        .join()
        .expect("the generator panicked")
}

fn assert_ordinary_pages_generated(generation: &Generation) {
    for path in ["src/models/assigned_license.rs", "src/models/device_key.rs"] {
        let file = generation
            .files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} was not generated"));
        assert!(file.contents.contains("pub struct"), "{path}");
    }
    for file in &generation.files {
        assert!(!file.contents.is_empty(), "{} is empty", file.path);
    }
}

fn model<'a>(generation: &'a Generation, path: &str) -> &'a str {
    &generation
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} was not generated"))
        .contents
}

/// 10 MB of rows with 1 KB descriptions (about 10,000 properties).
#[test]
fn a_10_mb_table() {
    let page = inputs::wide_table(10 * 1024 * 1024);
    assert!(page.1.len() >= 10 * 1024 * 1024);
    let generation = generate_beside_ordinary(page);
    assert_ordinary_pages_generated(&generation);
    let big = model(&generation, "src/models/big_table.rs");
    assert!(big.contains("pub property0:"));
    assert!(big.contains("pub property10000:"));
}

/// 10 MB of short rows (about 130,000 properties). This took minutes while merging properties
/// and collecting a model's fields were quadratic in their number; `benches/linear.rs` ("table")
/// measures the doubling.
#[test]
fn a_10_mb_table_of_short_rows() {
    let page = inputs::big_table(10 * 1024 * 1024);
    let generation = generate_beside_ordinary(page);
    assert_ordinary_pages_generated(&generation);
    assert!(model(&generation, "src/models/big_table.rs").contains("pub property100000:"));
}

#[test]
fn a_1_mb_line() {
    let page = inputs::long_line(1024 * 1024);
    let generation = generate_beside_ordinary(page);
    assert_ordinary_pages_generated(&generation);
    assert!(model(&generation, "src/models/long_line.rs").contains("pub struct LongLine"));
}

#[test]
fn lists_nested_10_000_deep() {
    let generation = generate_beside_ordinary(inputs::nested_lists(10_000));
    assert_ordinary_pages_generated(&generation);
    assert!(model(&generation, "src/models/nested_lists.rs").contains("pub struct NestedLists"));
}

#[test]
fn blockquotes_nested_10_000_deep() {
    let generation = generate_beside_ordinary(inputs::nested_quotes(10_000));
    assert_ordinary_pages_generated(&generation);
    assert!(model(&generation, "src/models/nested_quotes.rs").contains("pub struct NestedQuotes"));
}

#[test]
fn links_emphasis_and_annotation_json_nested_10_000_deep() {
    let generation = generate_beside_ordinary(inputs::nested_inline(10_000));
    assert_ordinary_pages_generated(&generation);
    assert!(generation
        .analysis
        .diagnostics
        .iter()
        .any(|d| d.code == generator::Code::AnnotationInvalidJson));
}

#[test]
fn an_example_nested_10_000_deep() {
    let generation = generate_beside_ordinary(inputs::deep_json(10_000));
    assert_ordinary_pages_generated(&generation);
}

#[test]
fn an_empty_file() {
    let generation = generate_beside_ordinary(("resources/empty.md".into(), String::new()));
    assert_ordinary_pages_generated(&generation);
    // The empty page is named in a located diagnostic.
    let sources = SourceSet::new(vec![SourceFile::new("resources/empty.md", "")]);
    let alone = generate(&sources, &options());
    assert!(
        alone
            .analysis
            .diagnostics
            .iter()
            .any(|d| sources.location(d.primary.span) == "resources/empty.md:1:1"),
        "{:?}",
        alone.analysis.diagnostics
    );
}

#[test]
fn only_whitespace_bom_and_line_ends() {
    for text in [
        "\u{feff}",
        "\n\n\n",
        "\r\n\r\n",
        "\r\r\r",
        "   \t",
        "\u{feff}\r\n",
    ] {
        let generation = generate_beside_ordinary(("resources/blank.md".into(), text.into()));
        assert_ordinary_pages_generated(&generation);
    }
}
