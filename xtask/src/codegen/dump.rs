//! The `--dump-ir FILE` mode: the IR as pretty JSON, instead of the crate.

use generator::ir::Ir;
use generator::SourceSet;
use std::path::Path;

pub fn dump_ir(path: &Path, sources: &SourceSet, ir: &Ir) -> Result<(), String> {
    let json = generator::ir_dump::dump_ir(sources, ir);
    let text = serde_json::to_string_pretty(&json).expect("JSON values always serialize");
    std::fs::write(path, text + "\n").map_err(|e| format!("cannot write {}: {e}", path.display()))
}
