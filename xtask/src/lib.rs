//! Project automation behind `cargo xtask`. This crate owns the edges the generator library
//! leaves out: reading the docs tree, printing diagnostics, and writing or checking files.

pub mod api_diff;
pub mod atomic;
pub mod baseline;
pub mod bench;
pub mod changed;
pub mod cli;
pub mod codegen;
pub mod codes;
pub mod excerpt;
pub mod format_cache_file;
pub mod load;
pub mod metadata;
pub mod models_bench;
pub mod print;
pub mod render;
pub mod scaffold;
pub mod sources;
pub mod triage;

use std::path::PathBuf;

/// The workspace root (the parent of this crate's directory).
pub fn project_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask sits inside the workspace")
        .to_path_buf()
}
