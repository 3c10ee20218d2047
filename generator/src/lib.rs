//! Turns a docs tree of Microsoft-Graph-style markdown pages into a Rust client crate, in memory.
//!
//! The pipeline is `parse` (syntax with spans) → `lower` (the typed [`ir`]) → `analyze` (the
//! type graph and the address graph of every request path) → `check` (examples against types)
//! → `emit` (token streams, formatted into files). [`analyze()`] and [`emit::emit`] are the two
//! doors: tools that need only the facts (check-metadata) stop after the first. The library reads no files and
//! prints nothing: callers hand it a [`SourceSet`] and get files and diagnostics back.

pub mod analysis;
pub mod analyze;
pub mod check;
pub mod config;
pub mod diagnostic;
pub mod emit;
pub mod ir;
pub mod ir_dump;
mod json;
pub mod lower;
pub mod names;
pub mod parse;
pub mod prose;
pub mod source;
pub mod surface;
pub mod template;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use source::{FileId, SourceFile, SourceSet, Span};
pub mod pipeline;
pub mod policy;
pub use analysis::{analyze, Analysis};
pub use emit::{EmitOptions, GeneratedFile};
pub use pipeline::{generate, Generation, Timings};
