//! The emit stage: IR in, formatted Rust files out. Emit never reports a user error: every doc
//! defect was a diagnostic before the IR existed; here we only decide what code to write.

mod context;
mod derives;
mod doc_escape;
mod doc_markdown;
mod docs;
mod enum_type;
mod examples;
mod field_layout;
mod format;
mod format_cache;
pub mod lock;
mod manifest;
pub(crate) mod model;
mod navigation;
mod polymorphic;
mod request_types;
mod response_examples;
mod reuse;
mod rust_type;
mod snippet_bodies;
mod snippet_exprs;
mod snippets;
mod test_parts;

use crate::analysis::Analysis;
pub(crate) use context::Context;

pub use format::format_file;
pub use format_cache::{CacheEntries, FormatCache, Hasher128};
pub use rust_type::primitive_type;

/// What emit needs besides the IR.
#[derive(Clone, Debug)]
pub struct EmitOptions {
    /// How generated docs name the docs root, e.g. `docs`.
    pub docs_label: String,
    /// The command stamped atop every file, e.g. `cargo xtask codegen`.
    pub command: String,
    /// The namespace whose types keep their plain Rust names.
    pub default_namespace: String,
    /// Formatted files of an earlier run, by token fingerprint; `None` formats everything.
    pub format_cache: Option<std::sync::Arc<FormatCache>>,
}

/// The options of `cargo xtask codegen` on this workspace's `docs/`: the stamp, the docs label,
/// `microsoft.graph` as the default namespace (the crate's name is the docs' `codegen.toml`'s).
impl Default for EmitOptions {
    fn default() -> Self {
        EmitOptions {
            docs_label: "docs".into(),
            command: "cargo xtask codegen".into(),
            default_namespace: crate::lower::DEFAULT_NAMESPACE.into(),
            format_cache: None,
        }
    }
}

/// A file of the generated crate, relative to the crate root (e.g. `src/models/user.rs`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GeneratedFile {
    pub path: String,
    /// Shared with the format cache, which may hand the same text to the next run.
    pub contents: std::sync::Arc<str>,
}

/// The directories emit owns entirely: any other file found in them is stale.
pub const OWNED_DIRS: &[&str] = &["src/models", "src/requests", "tests/doc_examples"];

/// Emits every generated file, sorted by path.
pub fn emit(analysis: &Analysis, options: &EmitOptions) -> Vec<GeneratedFile> {
    let facts = context::Facts::new(analysis, options);
    let cx = Context::planning(&facts);
    // The test files read every example: build them while the models and requests are built.
    let (models, (requests, (examples, (responses, snippets)))) = rayon::join(
        || model::emit_models(&cx),
        || {
            rayon::join(
                || navigation::emit_requests(&cx),
                || {
                    rayon::join(
                        || examples::example_files(&cx),
                        || {
                            rayon::join(
                                || response_examples::response_files(&cx),
                                || snippets::snippet_files(&cx),
                            )
                        },
                    )
                },
            )
        },
    );
    let mut files = vec![manifest::emit_manifest(&cx), lock::emit_lock(&cx)];
    files.extend(models);
    files.extend(requests);
    files.extend(examples);
    files.extend(responses);
    files.extend(snippets);
    files.sort_by(|a, b| a.path.cmp(&b.path));
    files
}
