//! How `check-metadata`'s diagnostics are known to a baseline (`--baseline`,
//! `--write-baseline`) and to `--changed-since`, which then work as they do for `codegen`
//! (`crate::triage`). A diagnostic's identity is its file, its code and its message, which names
//! what disagrees (a type, a property, a request line) and not where, so it survives edits
//! above it. `codegen`'s recipe (the text of the line the span is on) would not tell CSDL-side
//! diagnostics apart: one line (`<Property Name="id" Type="Edm.String" />`) recurs in many
//! types.

use crate::baseline::Entry;
use crate::sources::Sources;
use generator::Diagnostic;

/// The fingerprint of a diagnostic (also its SARIF `partialFingerprints`).
pub fn fingerprint(d: &Diagnostic) -> String {
    let recipe = format!("{}\0{}", d.code.name(), d.message);
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(recipe.as_bytes()))
}

/// One baseline entry per diagnostic, in order; `page` is the path of its file (within the
/// docs, or the CSDL's as given).
pub fn entries(sources: &dyn Sources, diagnostics: &[Diagnostic]) -> Vec<Entry> {
    diagnostics
        .iter()
        .map(|d| {
            let file = sources.file(d.primary.span.file);
            Entry {
                page: file.path.clone(),
                code: d.code.name().to_owned(),
                fingerprint: fingerprint(d),
                line: file.line_col(d.primary.span.start as usize).0,
                message: d.message.clone(),
            }
        })
        .collect()
}
