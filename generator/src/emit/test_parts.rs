//! The doc-example test files (`cases.rs`, `responses.rs`, `snippets.rs` under
//! `tests/doc_examples/`) split by the area of the page each case comes from. The file itself
//! keeps its summary docs and its case table, mounts its hand-written runner
//! (`tests/doc_examples_runner/`) and one part per area
//! (`tests/doc_examples/cases/outlook.rs`), so that editing one API page rebuilds its area's
//! part rather than every case of the docs (on Graph, megabytes of source per file).
//!
//! A part is keyed by its cases and what its builder reads of them (`context/`). The table
//! file is keyed by its parts' names and its summary, which its test file works out beforehand
//! (`Split::Summary`) or, for `snippets.rs`, by everything its builder reads: its summary lists
//! the snippets whose bodies do not fit their models, which only building them tells.

use super::rust_type::ident;
use super::{Context, GeneratedFile};
use crate::source::FileId;
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;
use std::collections::BTreeMap;
use std::fmt::Debug;

/// The cases of one area, in the order the whole file lists them.
pub(crate) struct Part<T> {
    /// The module, and the file's stem: the area in snake case.
    pub module: String,
    pub items: Vec<T>,
}

/// Groups `items` by the area of the page each comes from, parts in area order.
pub(crate) fn by_area<T>(
    cx: &Context,
    items: impl IntoIterator<Item = (FileId, T)>,
) -> Vec<Part<T>> {
    let mut areas: BTreeMap<&str, Vec<T>> = BTreeMap::new();
    for (page, item) in items {
        areas.entry(cx.page_area(page)).or_default().push(item);
    }
    // The table filees name the crate, its `models` and `requests` modules, the runner and what
    // the parts use of it: a part may not shadow them (an area called `models` becomes
    // `models_2`).
    let mut scope = crate::names::Scope::default();
    let krate = cx.config().krate.ident();
    let runner_names = [
        "krate",
        "runner",
        "round_trip",
        "rejected",
        "parse",
        "cases",
    ];
    for taken in [krate.as_str(), "models", "requests"]
        .into_iter()
        .chain(runner_names)
    {
        scope.unique(taken.to_owned());
    }
    areas
        .into_iter()
        .map(|(area, items)| Part {
            module: scope.unique(crate::names::snake_name(area)),
            items,
        })
        .collect()
}

/// A test file split by area: how its parts and its table file are built.
pub(crate) trait Split {
    /// One case, as a part's item: plain data, keyed by its `Debug` text.
    type Case: Debug + Sync;
    /// What the table file shows of all the cases, worked out beforehand and keyed by value.
    type Summary: Debug;
    /// The tokens of one part.
    fn part(cx: &Context, cases: &[Self::Case]) -> TokenStream;
    /// The tokens of the table file.
    fn table(cx: &Context, table: &Table<Self::Summary>) -> TokenStream;
}

/// What a table file is built from: its stem, its parts' modules, and its summary.
#[derive(Debug)]
pub(crate) struct Table<S> {
    pub stem: &'static str,
    pub modules: Vec<String>,
    pub summary: S,
}

impl<S> Table<S> {
    /// `#[path = "cases/outlook.rs"] mod outlook;` for each part. The table file is itself
    /// mounted by `#[path]`, so its modules' paths are explicit too: a `mod` inside a `#[path]`
    /// file is looked for beside it, where the three table files' parts would meet.
    pub fn mounts(&self) -> TokenStream {
        let mounts = self.modules.iter().map(|module| {
            let path = format!("{}/{module}.rs", self.stem);
            let module = ident(module);
            quote!(#[path = #path] mod #module;)
        });
        quote!(#( #mounts )*)
    }

    /// The parts' modules, to name their items from the table file (`outlook::CASES`).
    pub fn modules(&self) -> Vec<proc_macro2::Ident> {
        self.modules.iter().map(|m| ident(m)).collect()
    }
}

/// The table file at `tests/doc_examples/{stem}.rs` and its parts in
/// `tests/doc_examples/{stem}/`, the parts built in parallel.
pub(crate) fn emit<S: Split>(
    cx: &Context,
    stem: &'static str,
    parts: &[Part<S::Case>],
    summary: S::Summary,
) -> Vec<GeneratedFile> {
    let built: Vec<GeneratedFile> = parts
        .par_iter()
        .map(|p| {
            cx.file(
                format!("tests/doc_examples/{stem}/{}.rs", p.module),
                p.items.as_slice(),
                |cx, cases| S::part(cx, cases),
            )
        })
        .collect();
    let table = Table {
        stem,
        modules: parts.iter().map(|p| p.module.clone()).collect(),
        summary,
    };
    let mut files = vec![cx.file(
        format!("tests/doc_examples/{stem}.rs"),
        table,
        |cx, table| S::table(cx, table),
    )];
    files.extend(built);
    files
}
