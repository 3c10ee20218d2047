//! The doc-example test files (`cases.rs`, `responses.rs`, `snippets.rs` under
//! `tests/doc_examples/`) split by the area of the page each case comes from. The file itself
//! keeps its summary docs and its case table, mounts its hand-written runner
//! (`tests/doc_examples_runner/`) and one part per area
//! (`tests/doc_examples/cases/outlook.rs`), so that editing one API page rebuilds its area's
//! part rather than every case of the docs (on Graph, megabytes of source per file).
//!
//! A part's key is what its cases read (see `reuse.rs`). The table file's key is its parts' names
//! and what its summary is made of, which each test file says: its counts alone for `cases.rs`
//! and `responses.rs`, every part's key for `snippets.rs` (whose summary lists the snippets
//! that could not be written, which only building them tells).

use super::reuse::{KeyHasher, Reuse};
use super::rust_type::ident;
use super::{Context, GeneratedFile};
use crate::source::FileId;
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;
use std::collections::BTreeMap;

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
        areas.entry(cx.ir.page_area(page)).or_default().push(item);
    }
    // The table filees name the crate, its `models` and `requests` modules, the runner and what
    // the parts use of it: a part may not shadow them (an area called `models` becomes
    // `models_2`).
    let mut scope = crate::names::Scope::default();
    let krate = cx.config.krate.ident();
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

/// How a table file and its parts are keyed and built.
pub(crate) struct Split<KeyItem, BuildPart, KeyTable, BuildTable> {
    /// Hashes what one case reads.
    pub key_item: KeyItem,
    /// The tokens of one part.
    pub build_part: BuildPart,
    /// Hashes what the table file reads besides its parts' names, given every part's key.
    pub key_table: KeyTable,
    /// The tokens of the table file, given the `mod` items that mount its parts and the parts'
    /// modules, to name their items (`outlook::CASES`).
    pub build_table: BuildTable,
}

/// The table file file at `tests/doc_examples/{stem}.rs` and its parts in
/// `tests/doc_examples/{stem}/`, the parts built in parallel.
pub(crate) fn emit<T: Sync>(
    cx: &Context,
    stem: &str,
    parts: &[Part<T>],
    split: Split<
        impl Fn(&mut KeyHasher, &Reuse, &T) + Sync,
        impl Fn(&[T]) -> TokenStream + Sync,
        impl FnOnce(&mut KeyHasher, &Reuse, &[Option<u128>]),
        impl FnOnce(TokenStream, &[proc_macro2::Ident]) -> TokenStream,
    >,
) -> Vec<GeneratedFile> {
    let Split {
        key_item,
        build_part,
        key_table,
        build_table,
    } = split;
    let built: Vec<(GeneratedFile, Option<u128>)> = parts
        .par_iter()
        .map(|p| {
            let mut key = None;
            let file = cx.file(
                format!("tests/doc_examples/{stem}/{}.rs", p.module),
                |hasher, reuse| {
                    for item in &p.items {
                        key_item(hasher, reuse, item);
                    }
                    key = Some(hasher.finish());
                },
                || build_part(&p.items),
            );
            (file, key)
        })
        .collect();
    let keys: Vec<Option<u128>> = built.iter().map(|(_, key)| *key).collect();
    let mut files = vec![cx.file(
        format!("tests/doc_examples/{stem}.rs"),
        |hasher, reuse| {
            for p in parts {
                hasher.str(&p.module);
            }
            key_table(hasher, reuse, &keys);
        },
        || build_table(mounts(stem, parts), &modules(parts)),
    )];
    files.extend(built.into_iter().map(|(file, _)| file));
    files
}

/// `#[path = "cases/outlook.rs"] mod outlook;` for each part. The table file is itself mounted by
/// `#[path]`, so its modules' paths are explicit too: a `mod` inside a `#[path]` file is looked
/// for beside it, where the three table files' parts would meet.
fn mounts<T>(stem: &str, parts: &[Part<T>]) -> TokenStream {
    let mounts = parts.iter().map(|p| {
        let path = format!("{stem}/{}.rs", p.module);
        let module = ident(&p.module);
        quote!(#[path = #path] mod #module;)
    });
    quote!(#( #mounts )*)
}

/// The parts' modules, to name their items from the table file (`outlook::CASES`).
fn modules<T>(parts: &[Part<T>]) -> Vec<proc_macro2::Ident> {
    parts.iter().map(|p| ident(&p.module)).collect()
}
