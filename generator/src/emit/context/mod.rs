//! What emit reads of the analysis, and the record of each read. Emitters reach the analysis only
//! through a `Context`'s accessors (the fields are private to this module and `facts.rs`, which
//! gathers them); the context a file's builder is handed also records which `Input` each
//! accessor read, and the file's reuse key is made of those inputs' contents (`reuse.rs`). A
//! builder is a `fn`, not a closure, so it captures nothing: all it sees is the recording
//! context and its item, and the item is keyed by its `Debug` text. What an accessor returns
//! must therefore be covered by what it records, which each accessor does first; `tests.rs`
//! checks that it is.

mod facts;

use super::reuse::{Input, Kind, Reuse};
use super::{EmitOptions, GeneratedFile};
use crate::check::{ExampleOutcome, Verdicts};
use crate::config::Config;
use crate::ir::{
    EmptyResponse, Example, Ir, Operation, PathTemplate, Property, QualifiedName, TypeDef, TypeRef,
};
use crate::source::{FileId, SourceSet, Span};
use crate::surface::{NavTree, Node, Origin, Snippet, Snippets, Why};
use proc_macro2::TokenStream;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::Mutex;

/// Everything emit reads: the analysis, the options, and the lookups made from them once.
pub(crate) struct Facts<'a> {
    sources: &'a SourceSet,
    ir: &'a Ir,
    options: &'a EmitOptions,
    config: &'a Config,
    type_names: BTreeMap<QualifiedName, String>,
    /// Types others derive from, with all their derived types.
    derived: &'a BTreeMap<QualifiedName, Vec<QualifiedName>>,
    verdicts: &'a Verdicts,
    nav: &'a NavTree,
    snippets: &'a Snippets,
    /// The first snippet of each `(node, call)`, shown in the call's docs.
    snippet_of_call: &'a BTreeMap<(usize, usize), usize>,
    service_root: &'a str,
    /// The `Any<Type>` enum of each type in `derived`.
    any_names: BTreeMap<QualifiedName, String>,
    /// The types whose models derive `Eq` (`derives.rs`).
    eq_types: BTreeSet<QualifiedName>,
    /// The type each resource page declares, for links in descriptions.
    types_by_page: BTreeMap<FileId, QualifiedName>,
    /// Every area that owns a type or an operation (`manifest::areas`).
    areas: BTreeSet<String>,
    /// Each type's position in `Ir::types`, which is how an `Input` names it.
    type_index: HashMap<&'a QualifiedName, u32>,
    types_by_index: Vec<&'a TypeDef>,
    /// The contents of inputs, when the options carry a cache to reuse files from.
    reuse: Option<Reuse>,
}

/// The positions of `Kind::Counts`: how many of each there are.
const COUNT_OPERATIONS: usize = 0;
const COUNT_EXAMPLES: usize = 1;
const COUNT_EMPTY_RESPONSES: usize = 2;
const COUNT_NODES: usize = 3;
const COUNT_SNIPPETS: usize = 4;

/// The inputs one builder read.
#[derive(Default)]
pub(crate) struct Recorder(Mutex<Vec<Input>>);

impl Recorder {
    /// What was read, sorted, each once.
    fn finish(self) -> Vec<Input> {
        let mut inputs = self.0.into_inner().unwrap_or_else(|e| e.into_inner());
        inputs.sort_unstable();
        inputs.dedup();
        inputs
    }
}

/// A view of the `Facts`, recording what it reads when it builds a file for a cached run.
#[derive(Clone, Copy)]
pub(crate) struct Context<'a> {
    facts: &'a Facts<'a>,
    recorder: Option<&'a Recorder>,
}

impl<'a> Context<'a> {
    /// The context of `emit` itself, which decides what files there are: it records nothing,
    /// since what it hands a builder is that builder's item, which is keyed by value.
    pub(super) fn planning(facts: &'a Facts<'a>) -> Context<'a> {
        Context {
            facts,
            recorder: None,
        }
    }

    fn read(&self, kind: Kind, index: usize) {
        if let Some(recorder) = self.recorder {
            let mut inputs = recorder.0.lock().unwrap_or_else(|e| e.into_inner());
            inputs.push(Input::new(kind, index));
        }
    }

    /// The file at `path`, built by `build` from `item`: its text from the cache when `item`
    /// and the inputs its build read last time are unchanged (`reuse.rs`), else built while
    /// recording what it reads, and formatted. `item` is keyed by its `Debug` text, so it must
    /// be plain data (the IR's types, names, indices), never a context.
    pub fn file<K: std::fmt::Debug>(
        &self,
        path: String,
        item: K,
        build: fn(&Context<'_>, &K) -> TokenStream,
    ) -> GeneratedFile {
        let facts = self.facts;
        let options = facts.options;
        let contents = match (&facts.reuse, &options.format_cache) {
            (Some(reuse), Some(cache)) => {
                let item_hash = reuse.item_hash(&item);
                let content = |input| facts.content(input);
                let header = super::format::header(options);
                let key = |reads: &[Input]| reuse.key(&header, &path, item_hash, reads, &content);
                let earlier = cache.reads_of(&path).and_then(|raw| {
                    let reads: Option<Vec<Input>> =
                        raw.iter().map(|&r| Input::from_raw(r)).collect();
                    let text = cache.by_inputs(key(&reads?)?)?;
                    cache.remember_reads(&path, raw.to_vec());
                    Some(text)
                });
                earlier.unwrap_or_else(|| {
                    let recorder = Recorder::default();
                    let recording = Context {
                        facts,
                        recorder: Some(&recorder),
                    };
                    let tokens = build(&recording, &item);
                    let reads = recorder.finish();
                    let key = key(&reads).expect("every input a build read is in this run");
                    let (fingerprint, text) = super::format::format_keeping(options, cache, tokens);
                    cache.remember_inputs(key, fingerprint);
                    cache.remember_reads(&path, reads.into_iter().map(Input::raw).collect());
                    text
                })
            }
            _ => super::format_file(options, build(&Context::planning(facts), &item)),
        };
        GeneratedFile { path, contents }
    }

    // Settings.

    pub fn options(&self) -> &'a EmitOptions {
        self.read(Kind::Settings, 0);
        self.facts.options
    }

    pub fn config(&self) -> &'a Config {
        self.read(Kind::Settings, 0);
        self.facts.config
    }

    /// How generated docs name the docs root, e.g. `docs`.
    pub fn docs_label(&self) -> &'a str {
        &self.options().docs_label
    }

    /// The crate's name as Rust names it in a test (`graph_client`).
    pub fn crate_ident(&self) -> proc_macro2::Ident {
        super::rust_type::ident(&self.config().krate.ident())
    }

    // Names.

    pub fn type_name(&self, q: &QualifiedName) -> Option<&'a str> {
        self.read(Kind::Names, 0);
        self.facts.type_names.get(q).map(String::as_str)
    }

    /// The `Any<Type>` enum of a type others derive from.
    pub fn any_name(&self, q: &QualifiedName) -> Option<&'a str> {
        self.read(Kind::Names, 0);
        self.facts.any_names.get(q).map(String::as_str)
    }

    /// Every type others derive from, with all its derived types.
    pub fn derived(&self) -> &'a BTreeMap<QualifiedName, Vec<QualifiedName>> {
        self.read(Kind::Names, 0);
        self.facts.derived
    }

    pub fn page_area(&self, page: FileId) -> &'a str {
        self.read(Kind::Names, 0);
        self.facts.ir.page_area(page)
    }

    /// The type whose page `page` is, for a link to it.
    pub fn type_of_page(&self, page: FileId) -> Option<&'a QualifiedName> {
        self.read(Kind::Names, 0);
        self.facts.types_by_page.get(&page)
    }

    /// The page a link of page `from` points to.
    pub fn resolve_link(&self, from: FileId, target: &str) -> Option<FileId> {
        self.read(Kind::Names, 0);
        crate::lower::resolve_link(self.facts.sources, from, target)
    }

    // Shapes.

    /// The area of a type (that of the page declaring it first), if the type is documented.
    pub fn type_area(&self, q: &QualifiedName) -> Option<&'a str> {
        self.read(Kind::Shapes, 0);
        let ir = self.facts.ir;
        ir.types.get(q).map(|def| ir.type_area(def))
    }

    pub fn is_flags(&self, q: &QualifiedName) -> bool {
        self.read(Kind::Shapes, 0);
        self.facts.ir.types.get(q).is_some_and(|d| d.is_flags)
    }

    /// Whether a field of this type is `Eq`.
    pub fn is_eq(&self, ty: &TypeRef) -> bool {
        self.read(Kind::Shapes, 0);
        let f = self.facts;
        super::derives::is_eq(f.ir, f.derived, &f.eq_types, ty)
    }

    /// Whether a field of `owner` of type `to` must be boxed (`to` holds `owner`).
    pub fn needs_box(&self, owner: &QualifiedName, to: &QualifiedName) -> bool {
        self.read(Kind::Shapes, 0);
        crate::analyze::graph::needs_box(self.facts.ir, owner, to)
    }

    pub fn areas(&self) -> &'a BTreeSet<String> {
        self.read(Kind::Areas, 0);
        &self.facts.areas
    }

    // Types.

    /// A type's whole definition.
    pub fn type_def(&self, q: &QualifiedName) -> Option<&'a TypeDef> {
        let Some(&index) = self.facts.type_index.get(q) else {
            // Which types there are is among the names.
            self.read(Kind::Names, 0);
            return None;
        };
        self.read(Kind::Type, index as usize);
        Some(self.facts.types_by_index[index as usize])
    }

    /// Every property of a type, its bases' first: reads the type and each of its bases.
    pub fn all_properties(&self, def: &'a TypeDef) -> Vec<&'a Property> {
        let mut seen = BTreeSet::new();
        let mut current = Some(&def.name);
        while let Some(q) = current.filter(|q| seen.insert(*q)) {
            current = self.type_def(q).and_then(|d| d.base.as_ref());
        }
        crate::analyze::graph::all_properties(self.facts.ir, def)
    }

    /// Every type, in name order: reads each.
    pub fn types(&self) -> impl Iterator<Item = &'a TypeDef> + '_ {
        self.read(Kind::Names, 0);
        (self.facts.types_by_index.iter().enumerate()).map(|(i, def)| {
            self.read(Kind::Type, i);
            *def
        })
    }

    // Pages.

    /// The page's path relative to the docs root, and the line of `span`.
    pub fn path_line(&self, span: Span) -> (&'a str, usize) {
        self.read(Kind::Page, span.file.0 as usize);
        self.facts.sources.path_line(span)
    }

    /// Every page with its text: reads each.
    pub fn sources(&self) -> &'a SourceSet {
        self.read(Kind::Names, 0);
        for page in 0..self.facts.sources.len() {
            self.read(Kind::Page, page);
        }
        self.facts.sources
    }

    // Operations and examples.

    pub fn operation(&self, index: usize) -> &'a Operation {
        self.read(Kind::Operation, index);
        &self.facts.ir.operations[index]
    }

    /// The method and path of a request line of an operation.
    pub fn line(&self, op: usize, line: usize) -> (&'a str, Option<&'a PathTemplate>) {
        self.read(Kind::Lines, op);
        let line = &self.facts.ir.operations[op].lines[line];
        (&line.method, line.path.as_ref())
    }

    /// How many request lines an operation has.
    pub fn line_count(&self, op: usize) -> usize {
        self.read(Kind::Lines, op);
        self.facts.ir.operations[op].lines.len()
    }

    /// Whether an operation takes a body.
    pub fn has_body(&self, op: usize) -> bool {
        self.read(Kind::Lines, op);
        self.facts.ir.operations[op].body.is_some()
    }

    pub fn operation_count(&self) -> usize {
        self.read(Kind::Counts, COUNT_OPERATIONS);
        self.facts.ir.operations.len()
    }

    pub fn example(&self, index: usize) -> &'a Example {
        self.read(Kind::Example, index);
        &self.facts.ir.examples[index]
    }

    pub fn example_count(&self) -> usize {
        self.read(Kind::Counts, COUNT_EXAMPLES);
        self.facts.ir.examples.len()
    }

    /// What the checks made of an example.
    pub fn verdict(&self, index: usize) -> &'a ExampleOutcome {
        self.read(Kind::Example, index);
        &self.facts.verdicts.examples[index]
    }

    /// The strict JSON of an example whose body needed the lenient parser.
    pub fn recovered(&self, index: usize) -> Option<&'a str> {
        self.read(Kind::Example, index);
        self.facts
            .verdicts
            .recovered
            .get(&index)
            .map(String::as_str)
    }

    pub fn empty_response(&self, index: usize) -> &'a EmptyResponse {
        self.read(Kind::EmptyResponse, index);
        &self.facts.ir.empty_responses[index]
    }

    pub fn empty_response_count(&self) -> usize {
        self.read(Kind::Counts, COUNT_EMPTY_RESPONSES);
        self.facts.ir.empty_responses.len()
    }

    /// Where a snippet's example writes its URL.
    pub fn origin_span(&self, origin: Origin) -> Span {
        match origin {
            Origin::Example(i) => self.read(Kind::Example, i),
            Origin::Bodiless(i) => self.read(Kind::Bodiless, i),
        }
        origin.span(self.facts.ir)
    }

    // The request surface.

    pub fn node(&self, index: usize) -> &'a Node {
        self.read(Kind::Node, index);
        &self.facts.nav.nodes[index]
    }

    /// The surface, for what it holds besides its nodes (whose reads go through `node`).
    fn index(&self) -> &'a NavTree {
        self.read(Kind::NavIndex, 0);
        self.facts.nav
    }

    /// The names of the action bodies, by operation.
    pub fn body_names(&self) -> &'a BTreeMap<usize, String> {
        &self.index().body_names
    }

    /// The type every request starts from (`Graph`).
    pub fn start_type(&self) -> &'a str {
        &self.index().root
    }

    /// The whole request surface.
    pub fn nav(&self) -> &'a NavTree {
        self.read(Kind::Counts, COUNT_NODES);
        let nav = self.index();
        for n in 0..nav.nodes.len() {
            self.read(Kind::Node, n);
        }
        nav
    }

    /// The name of an action's body struct.
    pub fn body_name(&self, op: usize) -> Option<&'a str> {
        self.index().body_names.get(&op).map(String::as_str)
    }

    /// The call that sends an operation's first usable line, with its node.
    pub fn call_of(&self, op: usize) -> Option<(usize, &'a crate::surface::Call)> {
        let (node, call) = self.index().call_of(op)?;
        self.node(node);
        Some((node, call))
    }

    /// `Graph.users().by_id(id)`: the chain of steps from the start to a node.
    pub fn chain(&self, node: usize) -> String {
        let mut above = Some(node);
        while let Some(n) = above {
            above = self.node(n).parent;
        }
        self.index().chain(node)
    }

    /// The chain to a call, with its arguments (and `body` when its operation takes one).
    pub fn call_chain(&self, node: usize, call: &crate::surface::Call) -> String {
        self.has_body(call.op);
        self.chain(node);
        self.facts.nav.call_chain(self.facts.ir, node, call)
    }

    /// The areas of the pages that document a call's lines.
    pub fn call_areas(&self, call: &crate::surface::Call) -> BTreeSet<String> {
        self.read(Kind::Names, 0);
        for &(op, _) in &call.lines {
            self.read(Kind::Lines, op);
        }
        call.areas(self.facts.ir)
    }

    /// Whether a node can take a `count()` of its own (`NavTree::counts` reads the node and
    /// its children's steps).
    pub fn counts(&self, node: usize) -> bool {
        for &child in &self.node(node).children {
            self.node(child);
        }
        self.facts.nav.counts(node)
    }

    pub fn service_root(&self) -> &'a str {
        self.read(Kind::NavIndex, 0);
        self.facts.service_root
    }

    /// The snippet shown in the docs of a node's call, if an example reproduces it.
    pub fn snippet_of_call(&self, node: usize, call: usize) -> Option<&'a Snippet> {
        self.read(Kind::NodeSnippets, node);
        let &i = self.facts.snippet_of_call.get(&(node, call))?;
        Some(&self.facts.snippets.made[i])
    }

    pub fn snippet(&self, index: usize) -> &'a Snippet {
        self.read(Kind::Snippet, index);
        &self.facts.snippets.made[index]
    }

    pub fn snippet_count(&self) -> usize {
        self.read(Kind::Counts, COUNT_SNIPPETS);
        self.facts.snippets.made.len()
    }

    /// The request examples no snippet reproduces, and why.
    pub fn left_out(&self) -> &'a [(Origin, Why)] {
        self.read(Kind::LeftOut, 0);
        &self.facts.snippets.left_out
    }
}

#[cfg(test)]
mod tests;
