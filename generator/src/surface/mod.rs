//! The request surface, decided in `analyze()` and only rendered by emit: the navigation tree
//! that mirrors the URL (`tree`, grown by `build` from path `steps`), which calls each node makes
//! and which page documents each (`calls`), every name on it (`naming`), every request example
//! of the docs as the navigation that sends it (`snippets`), and the service root requests go
//! to by default (`service`).
//!
//! Every name here is a function of the path it names and of nothing else, so that adding a
//! page, retitling one or reordering them cannot rename anything that exists: a node's type is
//! the camel-case chain of its steps (`UsersByIdMessages`), a step is its segment, a final call
//! its method. Only a true collision (two segments that name alike, `$count` and a property
//! `count`) takes a numeric suffix, and those are counted in [`NavTree::collisions`].

mod build;
mod calls;
pub mod dump;
mod naming;
mod service;
pub mod snippets;
mod steps;
pub mod tree;

pub use snippets::{Origin, QueryOption, SentBody, Snippet, Snippets, Why};
pub use tree::{Call, CallKind, NavStep, NavTree, Node, QueryArg, TemplatePiece, UrlPart};

use crate::check::{ExampleOutcome, Verdicts};
use crate::ir::Ir;
use crate::source::SourceSet;
use std::collections::BTreeMap;

/// What the crate's requests are: the tree, and the docs' request examples on it.
#[derive(Debug, Default)]
pub struct Surface {
    pub nav: NavTree,
    /// Every request example as the navigation that sends it, or why not.
    pub snippets: Snippets,
    /// The first snippet of each `(node, call)`, shown in the call's docs.
    pub snippet_of_call: BTreeMap<(usize, usize), usize>,
    /// The service root the crate talks to by default: `[service] base-url`, else the one the
    /// docs' request examples send to (see `service.rs`).
    pub service_root: String,
}

/// The navigation of every usable request line, with `root` as the type requests start from.
pub fn navigation(ir: &Ir, sources: &SourceSet, root: &str) -> NavTree {
    build::build(ir, sources, root)
}

/// The surface: `nav`, each request example of the docs reproduced on it (or why not), and the
/// service root, `base_url` when `codegen.toml` sets one.
pub fn with_snippets(
    nav: NavTree,
    ir: &Ir,
    verdicts: &Verdicts,
    base_url: Option<&str>,
) -> Surface {
    // A body read leniently (a trailing comma) is the strict JSON its tests read; a body that
    // is not what its model reads is none.
    let body_text = |example: usize| {
        let invalid = matches!(
            verdicts.examples.get(example),
            Some(ExampleOutcome::MustReject | ExampleOutcome::LeftOut(_))
        );
        (!invalid).then(|| {
            verdicts
                .recovered
                .get(&example)
                .map_or(ir.examples[example].json.as_str(), String::as_str)
        })
    };
    let snippets = snippets::build(ir, &nav, &body_text, verdicts);
    let mut snippet_of_call = BTreeMap::new();
    for (i, snippet) in snippets.made.iter().enumerate() {
        snippet_of_call
            .entry((snippet.node, snippet.call))
            .or_insert(i);
    }
    Surface {
        nav,
        snippets,
        snippet_of_call,
        service_root: base_url.map_or_else(|| service::service_root(ir), str::to_owned),
    }
}
