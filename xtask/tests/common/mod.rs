//! What the end-to-end tests of `xtask::codegen::run` share: the arguments of a plain run, and
//! a copy of a docs tree to change; and the fixture of the `check-metadata` tests.

#![allow(dead_code)] // each test file uses what it needs

pub mod metadata_fixture;

use std::path::Path;
use xtask::codegen::{CodegenArgs, MessageFormat};

/// `cargo xtask codegen --docs DOCS --out OUT [--check]`, no format cache.
pub fn args(docs: &Path, out: &Path, check: bool) -> CodegenArgs {
    CodegenArgs {
        docs: docs.to_path_buf(),
        out: out.to_path_buf(),
        check,
        dump_ir: None,
        message_format: MessageFormat::Human,
        deny_warnings: false,
        deny_new: false,
        triage: Default::default(),
        format_cache: None,
        timings: false,
        filter: Default::default(),
    }
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}
