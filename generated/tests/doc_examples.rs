//! Round trips of the docs' example bodies through the generated models, the documented
//! responses through their request types' response parsers, and the request examples as Rust
//! snippets that must build the requests they show. The cases are generated into
//! `doc_examples/cases.rs`, `doc_examples/responses.rs` and `doc_examples/snippets.rs` (each with
//! one part per area of the docs, in the directory of the same name) by `cargo xtask codegen`;
//! each mounts its runner from `doc_examples_runner/` (hand-written, kept in step with the
//! generator). This file only mounts the three.

// Formatted by the generator (prettyplease), so rustfmt must leave it alone.
#[rustfmt::skip]
#[path = "doc_examples/cases.rs"]
mod cases;

#[rustfmt::skip]
#[path = "doc_examples/responses.rs"]
mod responses;

#[rustfmt::skip]
#[path = "doc_examples/snippets.rs"]
mod snippets;
