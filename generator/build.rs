//! Digests the generator's own source (every file under `src/`, by path and bytes, in path
//! order) into `GENERATOR_SOURCE_DIGEST`, which the generated crate's `codegen.lock` records: two
//! builds of the same source agree on every machine, and any change to the generator shows.

use std::path::{Path, PathBuf};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").expect("set by cargo"));
    let src = root.join("src");
    let mut all = Vec::new();
    files(&src, &mut all);
    all.sort();
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    for path in &all {
        let rel = path.strip_prefix(&root).unwrap_or(path);
        hasher.update(rel.to_string_lossy().replace('\\', "/").as_bytes());
        hasher.update(&[0]);
        hasher.update(&std::fs::read(path).unwrap_or_default());
        hasher.update(&[0]);
    }
    println!(
        "cargo:rustc-env=GENERATOR_SOURCE_DIGEST={:016x}",
        hasher.digest()
    );
    println!("cargo:rerun-if-changed=src");
}
