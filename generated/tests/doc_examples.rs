//! Round trips of the docs' example bodies through the generated models. The cases are
//! generated into `doc_examples/cases.rs` by `cargo xtask codegen`; this file only mounts them.

// Formatted by the generator (prettyplease), so rustfmt must leave it alone.
#[rustfmt::skip]
#[path = "doc_examples/cases.rs"]
mod cases;
