//! The `--dump-ir FILE` mode: the IR and the request surface as pretty JSON, instead of the
//! crate.

use generator::Analysis;
use std::path::Path;

pub fn dump_ir(path: &Path, analysis: &Analysis) -> Result<(), String> {
    let json = generator::ir_dump::dump_analysis(analysis);
    let text = serde_json::to_string_pretty(&json).expect("JSON values always serialize");
    std::fs::write(path, text + "\n").map_err(|e| format!("cannot write {}: {e}", path.display()))
}
