//! How the `Facts` are gathered from an analysis, and what each kind of `Input` covers: the
//! hash of an input's content must change whenever anything an accessor that records it
//! returns changes, or a file reading it would be reused stale.

use super::{Facts, Input, Kind, Reuse};
use crate::emit::reuse::ContentHasher;
use crate::emit::EmitOptions;
use crate::source::FileId;
use std::collections::BTreeSet;

impl<'a> Facts<'a> {
    pub fn new(analysis: &'a crate::analysis::Analysis, options: &'a EmitOptions) -> Facts<'a> {
        let ir = &analysis.ir;
        let derived = &analysis.graph.derived;
        let ((type_names, any_names), eq_types) = rayon::join(
            || {
                let type_names = crate::names::type_names(ir, &options.default_namespace);
                let any_names = crate::names::any_names(&type_names, derived);
                (type_names, any_names)
            },
            || crate::emit::derives::eq_types(ir, derived),
        );
        let mut areas: BTreeSet<String> = ir
            .types
            .values()
            .map(|d| ir.type_area(d).to_owned())
            .collect();
        areas.extend(
            ir.operations
                .iter()
                .map(|op| ir.page_area(op.page).to_owned()),
        );
        Facts {
            sources: &analysis.sources,
            ir,
            options,
            config: &analysis.config,
            type_names,
            derived,
            verdicts: &analysis.verdicts,
            nav: &analysis.surface.nav,
            snippets: &analysis.surface.snippets,
            snippet_of_call: &analysis.surface.snippet_of_call,
            service_root: &analysis.surface.service_root,
            any_names,
            eq_types,
            types_by_page: crate::emit::doc_markdown::types_by_page(ir),
            areas,
            type_index: (ir.types.keys().enumerate())
                .map(|(i, q)| (q, i as u32))
                .collect(),
            types_by_index: ir.types.values().collect(),
            reuse: options.format_cache.is_some().then(Reuse::default),
        }
    }

    /// The hash of what `input` covers in this run, `None` when this run has no such input.
    /// Each kind covers what the accessors that record it return.
    pub(super) fn content(&self, input: Input) -> Option<u128> {
        let (ir, index) = (self.ir, input.index());
        let mut hash = ContentHasher::new();
        match input.kind() {
            // The options and `codegen.toml`.
            Kind::Settings => {
                let o = self.options;
                hash.debug(&(&o.docs_label, &o.command, &o.default_namespace, self.config));
            }
            // Every page's path and area, every Rust name of a type or `Any<Type>`, which
            // types derive from which, and which page declares which type.
            Kind::Names => {
                for (_, file) in self.sources.iter() {
                    hash.str(&file.path);
                }
                hash.debug(&(&ir.page_areas, &self.type_names, &self.any_names));
                hash.debug(&(self.derived, &self.types_by_page));
            }
            // Every type's shape (name, kind, base, area, properties' names and types,
            // members), which `needs_box`, `is_eq` and `is_flags` read, and the `Eq` set.
            Kind::Shapes => {
                for def in ir.types.values() {
                    hash.debug(&(&def.name, def.kind, &def.base, def.is_flags));
                    hash.debug(&(def.is_abstract, def.is_open, ir.type_area(def)));
                    for p in &def.properties {
                        hash.debug(&(&p.name, &p.ty, p.collection, p.navigation));
                    }
                    for m in &def.members {
                        hash.debug(&(&m.name, m.value));
                    }
                }
                hash.debug(&self.eq_types);
            }
            Kind::Areas => hash.debug(&self.areas),
            // The surface but its nodes' contents.
            Kind::NavIndex => {
                let nav = self.nav;
                hash.debug(&(&nav.roots, &nav.collisions, &nav.body_names, &nav.sent_by));
                hash.debug(&(&nav.root, self.service_root));
            }
            Kind::LeftOut => hash.debug(&self.snippets.left_out),
            // A page's path and text: a page reference is a line number.
            Kind::Page => {
                let file =
                    (index < self.sources.len()).then(|| self.sources.get(FileId(index as u32)))?;
                hash.str(&file.path);
                hash.str(&file.text);
            }
            Kind::Type => hash.debug(self.types_by_index.get(index)?),
            Kind::Operation => hash.debug(ir.operations.get(index)?),
            Kind::Example => hash.debug(&(
                ir.examples.get(index)?,
                self.verdicts.examples.get(index),
                self.verdicts.recovered.get(&index),
            )),
            Kind::EmptyResponse => hash.debug(ir.empty_responses.get(index)?),
            Kind::Bodiless => hash.debug(ir.bodiless_requests.get(index)?),
            Kind::Node => hash.debug(self.nav.nodes.get(index)?),
            // The snippet each call of the node shows, with where its example is.
            Kind::NodeSnippets => {
                let node = self.nav.nodes.get(index)?;
                for call in 0..node.calls.len() {
                    let shown = self.snippet_of_call.get(&(index, call));
                    let snippet = shown.map(|&i| &self.snippets.made[i]);
                    hash.debug(&snippet.map(|s| (s, s.origin.span(ir))));
                }
            }
            Kind::Snippet => hash.debug(self.snippets.made.get(index)?),
            // How many operations, examples, status lines, nodes or snippets there are.
            Kind::Counts => hash.debug(&match index {
                super::COUNT_OPERATIONS => ir.operations.len(),
                super::COUNT_EXAMPLES => ir.examples.len(),
                super::COUNT_EMPTY_RESPONSES => ir.empty_responses.len(),
                super::COUNT_NODES => self.nav.nodes.len(),
                super::COUNT_SNIPPETS => self.snippets.made.len(),
                _ => return None,
            }),
            // An operation's request lines, method and path, and whether it takes a body.
            Kind::Lines => {
                let op = ir.operations.get(index)?;
                for line in &op.lines {
                    hash.debug(&(&line.method, &line.path));
                }
                hash.debug(&(op.body.is_some(), op.page));
            }
        }
        Some(hash.finish())
    }
}
