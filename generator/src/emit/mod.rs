//! The emit stage: IR in, formatted Rust files out. Emit never reports a user error: every doc
//! defect was a diagnostic before the IR existed; here we only decide what code to write.

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
use crate::ir::{Ir, QualifiedName};
use crate::source::SourceSet;
use std::collections::BTreeMap;

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

/// Shared lookups for the emitters.
pub(crate) struct Context<'a> {
    pub sources: &'a SourceSet,
    pub ir: &'a Ir,
    pub options: &'a EmitOptions,
    /// What the crate is: its package, its root type, its service.
    pub config: &'a crate::config::Config,
    pub type_names: BTreeMap<QualifiedName, String>,
    /// Types others derive from, with all their derived types.
    pub derived: &'a BTreeMap<QualifiedName, Vec<QualifiedName>>,
    /// What becomes of each example.
    pub verdicts: &'a crate::check::Verdicts,
    /// The request surface: every documented path as navigation, and the names of its steps,
    /// calls and action bodies.
    pub nav: &'a crate::surface::NavTree,
    /// Every request example as the navigation that sends it, or why not.
    pub snippets: &'a crate::surface::Snippets,
    /// The first snippet of each `(node, call)`, shown in the call's docs.
    pub snippet_of_call: &'a BTreeMap<(usize, usize), usize>,
    /// The service root the crate talks to by default.
    pub service_root: &'a str,
    /// The `Any<Type>` enum of each type in `derived`.
    pub any_names: BTreeMap<QualifiedName, String>,
    /// The types whose models derive `Eq` (`derives.rs`).
    pub eq_types: std::collections::BTreeSet<QualifiedName>,
    /// The type each resource page declares, for links in descriptions.
    pub types_by_page: BTreeMap<crate::source::FileId, QualifiedName>,
    /// What keys a file's inputs, when the options carry a cache to reuse files from.
    pub reuse: Option<reuse::Reuse>,
}

impl Context<'_> {
    /// Whether a field of this type is `Eq`.
    pub fn is_eq(&self, ty: &crate::ir::TypeRef) -> bool {
        derives::is_eq(self.ir, self.derived, &self.eq_types, ty)
    }

    pub fn type_name(&self, q: &QualifiedName) -> Option<&str> {
        self.type_names.get(q).map(String::as_str)
    }

    /// The file at `path`: its text from the cache when `inputs` hash to a key of the last run
    /// (see `reuse.rs`), else `build`'s tokens, formatted.
    pub fn file(
        &self,
        path: String,
        inputs: impl FnOnce(&mut reuse::KeyHasher, &reuse::Reuse),
        build: impl FnOnce() -> proc_macro2::TokenStream,
    ) -> GeneratedFile {
        let contents = match (&self.reuse, &self.options.format_cache) {
            (Some(reuse), Some(cache)) => {
                let mut key = reuse::KeyHasher::for_file(reuse, &path);
                inputs(&mut key, reuse);
                let key = key.finish();
                cache.by_inputs(key).unwrap_or_else(|| {
                    let (fingerprint, text) = format::format_keeping(self.options, cache, build());
                    cache.remember_inputs(key, fingerprint);
                    text
                })
            }
            _ => format_file(self.options, build()),
        };
        GeneratedFile { path, contents }
    }
}

/// The directories emit owns entirely: any other file found in them is stale.
pub const OWNED_DIRS: &[&str] = &["src/models", "src/requests", "tests/doc_examples"];

/// Emits every generated file, sorted by path.
pub fn emit(analysis: &Analysis, options: &EmitOptions) -> Vec<GeneratedFile> {
    let ir = &analysis.ir;
    let ((type_names, any_names), eq_types) = rayon::join(
        || {
            let type_names = crate::names::type_names(ir, &options.default_namespace);
            let any_names = crate::names::any_names(&type_names, &analysis.graph.derived);
            (type_names, any_names)
        },
        || derives::eq_types(ir, &analysis.graph.derived),
    );
    let mut cx = Context {
        sources: &analysis.sources,
        ir,
        options,
        config: &analysis.config,
        type_names,
        derived: &analysis.graph.derived,
        nav: &analysis.surface.nav,
        snippets: &analysis.surface.snippets,
        snippet_of_call: &analysis.surface.snippet_of_call,
        service_root: &analysis.surface.service_root,
        verdicts: &analysis.verdicts,
        any_names,
        eq_types,
        types_by_page: doc_markdown::types_by_page(ir),
        reuse: None,
    };
    if options.format_cache.is_some() {
        cx.reuse = Some(reuse::Reuse::new(&cx));
    }
    let cx = cx;
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
