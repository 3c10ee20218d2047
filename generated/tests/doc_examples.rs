//! Round trips of the docs' example bodies through the generated models, and the documented
//! responses through their request types' response parsers. The cases are generated into
//! `doc_examples/cases.rs` and `doc_examples/responses.rs` by `cargo xtask codegen`; this file
//! only mounts them.

// Formatted by the generator (prettyplease), so rustfmt must leave it alone.
#[rustfmt::skip]
#[path = "doc_examples/cases.rs"]
mod cases;

#[rustfmt::skip]
#[path = "doc_examples/responses.rs"]
mod responses;
