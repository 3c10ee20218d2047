//! The workspace's `docs/` pages as `(path relative to the docs root, text)`, sorted by path:
//! the input of tests that generate from the seed docs in memory.

use std::path::Path;

pub fn seed_pages() -> Vec<(String, String)> {
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
