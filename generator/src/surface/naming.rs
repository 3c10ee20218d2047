//! Names for everything on the request surface: children and calls sorted by name and made
//! unique where they must be, each node's type, module and template, the areas a node exists
//! under, and the body struct of each action.

use super::tree::NavTree;
use crate::ir::{Body, Ir};
use crate::names::{snake_name, type_name, Scope};
use std::collections::{BTreeMap, BTreeSet};

impl NavTree {
    /// Sorts children and calls by name, makes every name unique where it must be, and gives
    /// each node its type name, module, template and areas.
    pub(super) fn name_everything(&mut self, ir: &Ir) {
        let mut types = Scope::default();
        types.unique_type(self.root.clone());
        let mut modules = Scope::default();
        // Roots are methods of `Graph`, unique among themselves.
        let mut root_scope = Scope::default();
        let roots = std::mem::take(&mut self.roots);
        let mut named_roots: Vec<usize> = roots;
        named_roots.sort_by(|a, b| self.nodes[*a].step.name.cmp(&self.nodes[*b].step.name));
        for &r in &named_roots {
            let name = self.nodes[r].step.name.clone();
            self.nodes[r].step.name = note_collision(
                &mut self.collisions,
                || format!("root `{name}`"),
                &name,
                root_scope.unique(name.clone()),
            );
        }
        self.roots = named_roots;
        for n in self.walk() {
            let node = &self.nodes[n];
            let parent = node.parent;
            let (base_type, module) = match parent {
                Some(p) => (
                    format!("{}{}", self.nodes[p].type_name, type_name(&node.step.name)),
                    self.nodes[p].module.clone(),
                ),
                None => {
                    let module = modules.unique(snake_name(&node.step.name));
                    (type_name(&node.step.name), module)
                }
            };
            let type_unique = note_collision(
                &mut self.collisions,
                || format!("type `{base_type}`"),
                &base_type,
                types.unique_type(base_type.clone()),
            );
            let template = format!(
                "{}{}",
                parent.map_or("", |p| self.nodes[p].template.as_str()),
                self.nodes[n].step.template()
            );
            // Calls first, then steps: a step cannot take a call's name.
            let mut scope = Scope::default();
            let mut calls = std::mem::take(&mut self.nodes[n].calls);
            calls.sort_by(|a, b| a.name.cmp(&b.name).then(a.op.cmp(&b.op)));
            for call in &mut calls {
                call.name = note_collision(
                    &mut self.collisions,
                    || format!("call `{}` at `{template}`", call.name),
                    &call.name,
                    scope.unique(call.name.clone()),
                );
            }
            let mut children = std::mem::take(&mut self.nodes[n].children);
            children.sort_by(|a, b| {
                let (a, b) = (&self.nodes[*a], &self.nodes[*b]);
                a.step.name.cmp(&b.step.name).then(a.key.cmp(&b.key))
            });
            for &c in &children {
                let name = self.nodes[c].step.name.clone();
                self.nodes[c].step.name = note_collision(
                    &mut self.collisions,
                    || format!("step `{name}` at `{template}`"),
                    &name,
                    scope.unique(name.clone()),
                );
            }
            let node = &mut self.nodes[n];
            node.calls = calls;
            node.children = children;
            node.type_name = type_unique;
            node.module = module;
            node.template = template;
        }
        self.gather_areas(ir);
        self.name_bodies(ir);
    }

    /// Areas, bottom up: a node's calls' pages, then its children's areas.
    fn gather_areas(&mut self, ir: &Ir) {
        for n in self.walk().into_iter().rev() {
            let mut areas: BTreeSet<String> = self.nodes[n]
                .calls
                .iter()
                .flat_map(|c| c.areas(ir))
                .collect();
            for &c in &self.nodes[n].children {
                areas.extend(self.nodes[c].areas.iter().cloned());
            }
            self.nodes[n].areas = areas;
        }
    }

    /// `UserAssignLicenseBody`: the type the action is bound to and the action's name; where
    /// the binding is unknown, the node's type and the call's name.
    fn name_bodies(&mut self, ir: &Ir) {
        let mut wanted: BTreeMap<usize, String> = BTreeMap::new();
        for n in self.walk() {
            for call in &self.nodes[n].calls {
                let op = &ir.operations[call.op];
                if !matches!(op.body, Some(Body::Parameters(_))) || wanted.contains_key(&call.op) {
                    continue;
                }
                let (first_op, first_line) = call.lines[0];
                let binding = ir.operations[first_op].lines[first_line]
                    .address
                    .as_ref()
                    .and_then(|a| a.binding());
                let name = match (binding, &call.segment) {
                    (Some((crate::ir::TypeRef::Named(q), collection)), Some(_)) => format!(
                        "{}{}{}Body",
                        type_name(&q.name),
                        if collection { "Collection" } else { "" },
                        type_name(&call.name)
                    ),
                    _ => format!("{}{}Body", self.nodes[n].type_name, type_name(&call.name)),
                };
                wanted.insert(call.op, name);
            }
        }
        let mut scope = Scope::default();
        // Two pages documenting one action on one type with the same parameters (the
        // workbook's `tables/add` under a workbook and under a worksheet) share its body.
        let mut defined: BTreeMap<String, usize> = BTreeMap::new();
        for (op, name) in wanted {
            if let Some(&first) = defined.get(&name) {
                if same_parameters(ir, first, op) {
                    self.body_names.insert(op, name);
                    continue;
                }
            }
            let unique = note_collision(
                &mut self.collisions,
                || format!("body `{name}`"),
                &name,
                scope.unique_type(name.clone()),
            );
            defined.insert(unique.clone(), op);
            self.body_names.insert(op, unique);
        }
    }
}

/// `unique`, the name `scope` made of `name`; when it had to differ, a collision, recorded as
/// "`what` named `unique`".
fn note_collision(
    collisions: &mut Vec<String>,
    what: impl FnOnce() -> String,
    name: &str,
    unique: String,
) -> String {
    if unique != name {
        collisions.push(format!("{} named `{unique}`", what()));
    }
    unique
}

/// Whether two operations' bodies are the same parameters (names, types, collection flags).
fn same_parameters(ir: &Ir, a: usize, b: usize) -> bool {
    match (&ir.operations[a].body, &ir.operations[b].body) {
        (Some(Body::Parameters(x)), Some(Body::Parameters(y))) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|(p, q)| p.name == q.name && p.ty == q.ty && p.collection == q.collection)
        }
        _ => false,
    }
}
