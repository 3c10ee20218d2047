//! Reuse of a generated file whose inputs did not change since the last run. Each file is keyed
//! by a 128-bit hash of what its emitter reads: the run's global facts (names, the shape of
//! every type, the options, the list of pages) and the file's own part of the IR, with the text
//! of every page it points into (a page reference is a line number, so any edit of that page
//! may move it). A key found in the format cache gives the file's text without building its
//! tokens; a new key builds and formats it (the token fingerprint may still find the text).
//!
//! A key must cover everything the file's text depends on, or an edit would leave a file stale:
//! so keys are written generously (a type's whole definition and its bases', with descriptions
//! and spans), and `tests/reuse.rs` checks that a run after edits reuses files and still writes
//! what a cold run writes. The IR holds no hash maps, so its `Debug` text is deterministic and is
//! what keys are made of: it covers every field without a list to keep in step with the IR.

use super::format_cache::Hasher128;
use super::Context;
use crate::ir::{Ir, TypeDef};
use crate::source::{FileId, SourceSet};
use rayon::prelude::*;
use std::fmt::{self, Debug, Write as _};
use std::hash::Hasher;

/// What every key starts from: a hash of the facts all files may read, and each page's text.
pub(crate) struct Reuse {
    global: u128,
    pages: Vec<u128>,
    /// Each operation (with its resolved lines, responses and body) and its page.
    operations: Vec<u128>,
    /// Each example, what becomes of it (its verdict, the JSON read leniently) and its page.
    examples: Vec<u128>,
    /// The whole request navigation: every node, call and name.
    nav: u128,
}

impl Reuse {
    /// Hashes the run's global facts once. `cx` must be complete except for `reuse`.
    pub fn new(cx: &Context) -> Reuse {
        let mut key = KeyHasher(Hasher128::new());
        let options = cx.options;
        key.debug(&(
            "inputs v1",
            &options.docs_label,
            &options.command,
            &options.default_namespace,
            cx.config,
        ));
        for (_, file) in cx.sources.iter() {
            key.str(&file.path);
        }
        key.debug(&cx.ir.page_areas);
        key.debug(&cx.type_names);
        key.debug(&cx.any_names);
        key.debug(&cx.eq_types);
        key.debug(cx.derived);
        key.debug(&cx.types_by_page);
        type_shapes(&mut key, cx.ir);
        let pages = page_hashes(cx.sources);
        let operations: Vec<u128> = cx
            .ir
            .operations
            .par_iter()
            .map(|op| {
                let mut key = KeyHasher(Hasher128::new());
                key.debug(op);
                key.0.write(&pages[op.page.0 as usize].to_le_bytes());
                key.finish()
            })
            .collect();
        let examples: Vec<u128> = (cx.ir.examples.par_iter().enumerate())
            .map(|(index, example)| {
                let mut key = KeyHasher(Hasher128::new());
                key.debug(example);
                key.debug(&cx.verdicts.examples.get(index));
                key.debug(&cx.verdicts.recovered.get(&index));
                key.0
                    .write(&pages[example.span.file.0 as usize].to_le_bytes());
                key.finish()
            })
            .collect();
        let mut nav = KeyHasher(Hasher128::new());
        nav.debug(&cx.nav);
        Reuse {
            global: key.0.finish128(),
            pages,
            operations,
            examples,
            nav: nav.finish(),
        }
    }
}

/// Every type's shape: what another file can read of it (its name, kind, base, area, and each
/// property's name and type, each enum member's name), leaving out descriptions and spans, so
/// that editing a type's prose rebuilds only the files that show it. Boxing, `Eq`, snippets'
/// model literals and response types all follow from shapes.
fn type_shapes(key: &mut KeyHasher, ir: &Ir) {
    for def in ir.types.values() {
        key.debug(&(
            &def.name,
            def.kind,
            &def.base,
            def.is_flags,
            def.is_abstract,
            def.is_open,
            ir.type_area(def),
        ));
        for p in &def.properties {
            key.debug(&(&p.name, &p.ty, p.collection, p.navigation));
        }
        for m in &def.members {
            key.debug(&(&m.name, m.value));
        }
    }
}

fn page_hashes(sources: &SourceSet) -> Vec<u128> {
    let files: Vec<_> = sources.iter().collect();
    files
        .par_iter()
        .map(|(_, file)| {
            let mut hasher = Hasher128::new();
            hasher.write(file.text.as_bytes());
            hasher.finish128()
        })
        .collect()
}

/// The key of one file, written by its emitter.
pub(crate) struct KeyHasher(Hasher128);

impl KeyHasher {
    /// A key for the file at `path`, after the global facts.
    pub fn for_file(reuse: &Reuse, path: &str) -> KeyHasher {
        let mut key = KeyHasher(Hasher128::new());
        key.0.write(&reuse.global.to_le_bytes());
        key.str(path);
        key
    }

    pub fn finish(&self) -> u128 {
        self.0.finish128()
    }

    pub fn str(&mut self, text: &str) {
        self.0.write(text.as_bytes());
        // A byte no UTF-8 text holds ends each value, so that ("ab", "c") and ("a", "bc") differ.
        self.0.write_u8(0xFF);
    }

    /// `value`'s `Debug` text, streamed into the hash.
    pub fn debug(&mut self, value: &dyn Debug) {
        write!(HashWriter(&mut self.0), "{value:?}").expect("hashing cannot fail");
        self.0.write_u8(0xFF);
    }

    /// The text of a page the file points into.
    pub fn page(&mut self, reuse: &Reuse, page: FileId) {
        self.0.write(&reuse.pages[page.0 as usize].to_le_bytes());
    }

    /// An operation, resolved, and its page.
    pub fn operation(&mut self, reuse: &Reuse, op: usize) {
        self.0.write(&reuse.operations[op].to_le_bytes());
    }

    /// An example, what becomes of it, and its page.
    pub fn example(&mut self, reuse: &Reuse, index: usize) {
        self.0.write(&reuse.examples[index].to_le_bytes());
    }

    /// The whole request navigation.
    pub fn nav(&mut self, reuse: &Reuse) {
        self.0.write(&reuse.nav.to_le_bytes());
    }

    /// A type's definition, its base types' (their properties are its fields), and the pages
    /// they are declared in.
    pub fn type_chain(&mut self, reuse: &Reuse, ir: &Ir, def: &TypeDef) {
        let mut current = Some(def);
        let mut seen = std::collections::BTreeSet::new();
        while let Some(def) = current.filter(|d| seen.insert(&d.name)) {
            self.debug(def);
            for span in &def.declared_at {
                self.page(reuse, span.file);
            }
            for p in &def.properties {
                self.page(reuse, p.span.file);
            }
            for m in &def.members {
                self.page(reuse, m.span.file);
            }
            current = def.base.as_ref().and_then(|b| ir.types.get(b));
        }
    }
}

struct HashWriter<'a>(&'a mut Hasher128);

impl fmt::Write for HashWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}
