//! The write mode: the hand-written part of the crate copied in where the output lacks it or
//! holds an older copy, and the generated files written.

use super::CodegenArgs;
use generator::emit::OWNED_DIRS;
use generator::Generation;
use std::collections::BTreeMap;

/// Copies the scaffold into `args.out` and writes the files whose bytes changed, removing
/// generated files no longer produced. Each generated directory is staged beside the old one
/// and swapped in (see [`crate::atomic`]), so that a run that fails or is killed part way
/// leaves the previous output intact. Returns the files written or removed.
pub fn write(
    args: &CodegenArgs,
    generation: &Generation,
    expected: &BTreeMap<String, &str>,
) -> Result<Vec<String>, String> {
    let mut changed = crate::scaffold::scaffold(
        &crate::project_root().join("generated"),
        &args.out,
        &crate::scaffold::Fit::of(generation),
    )?;
    changed.extend(crate::atomic::write_tree(
        &args.out,
        OWNED_DIRS,
        expected,
        &mut |_| Ok(()),
    )?);
    Ok(changed)
}
