//! Grows the navigation tree from every usable request line: one node per path prefix, literal
//! steps spelled as most lines spell them; then hands it to `calls` and `naming`.

use super::steps::path_steps;
use super::tree::{Endpoint, NavStep, NavTree, Node, UrlPart};
use crate::ir::Ir;
use crate::names::snake_name;
use std::collections::{BTreeMap, BTreeSet};

/// Builds the tree of every usable request line of every operation.
pub fn build(ir: &Ir, sources: &crate::source::SourceSet, root: &str) -> NavTree {
    let mut tree = NavTree {
        root: root.to_owned(),
        ..NavTree::default()
    };
    let mut roots: BTreeMap<String, usize> = BTreeMap::new();
    for (op_index, op) in ir.operations.iter().enumerate() {
        for (line_index, line) in op.lines.iter().enumerate() {
            let Some(path) = &line.path else { continue };
            let steps = path_steps(ir, path, line.address.as_ref().map(|a| &a.steps[..]));
            let Some((first, rest)) = steps.split_first() else {
                continue;
            };
            let mut at = match roots.get(&first.0) {
                Some(&n) => n,
                None => {
                    let n = tree.add(None, first.clone());
                    roots.insert(first.0.clone(), n);
                    n
                }
            };
            tree.spelled(at, &first.1);
            for step in rest {
                at = tree.child(at, step);
                tree.spelled(at, &step.1);
            }
            tree.nodes[at].endpoints.push(Endpoint {
                op: op_index,
                line: line_index,
            });
        }
    }
    tree.respell();
    tree.roots = roots.into_values().collect();
    tree.decide_calls(ir, sources);
    tree.name_everything(ir);
    for n in tree.walk() {
        for (c, call) in tree.nodes[n].calls.iter().enumerate() {
            for &line in &call.lines {
                tree.sent_by.insert(line, (n, c));
            }
        }
    }
    tree
}

impl NavTree {
    fn add(&mut self, parent: Option<usize>, (key, step): (String, NavStep)) -> usize {
        self.nodes.push(Node {
            step,
            parent,
            children: Vec::new(),
            calls: Vec::new(),
            type_name: String::new(),
            module: String::new(),
            template: String::new(),
            areas: BTreeSet::new(),
            key,
            endpoints: Vec::new(),
            spellings: BTreeMap::new(),
        });
        self.nodes.len() - 1
    }

    /// Counts one line's spelling of the step that reaches `node`.
    fn spelled(&mut self, node: usize, step: &NavStep) {
        if let UrlPart::Literal(text) = &step.url {
            *self.nodes[node].spellings.entry(text.clone()).or_default() += 1;
        }
    }

    /// Gives each literal step the spelling most of its lines use (the first seen on a tie), where
    /// its name is made from its spelling.
    fn respell(&mut self) {
        for node in &mut self.nodes {
            let UrlPart::Literal(current) = &node.step.url else {
                continue;
            };
            if node.spellings.len() < 2
                || node.step.name != snake_name(current.trim_start_matches('/'))
            {
                continue;
            }
            let most = node.spellings.values().copied().max().unwrap_or(0);
            if node.spellings.get(current) == Some(&most) {
                continue;
            }
            let chosen = node
                .spellings
                .iter()
                .find(|(_, &n)| n == most)
                .map(|(text, _)| text.clone())
                .expect("a spelling has the most");
            node.step.name = snake_name(chosen.trim_start_matches('/'));
            node.step.url = UrlPart::Literal(chosen);
        }
    }

    fn child(&mut self, parent: usize, step: &(String, NavStep)) -> usize {
        if let Some(&c) = self.nodes[parent]
            .children
            .iter()
            .find(|&&c| self.nodes[c].key == step.0)
        {
            return c;
        }
        let c = self.add(Some(parent), step.clone());
        self.nodes[parent].children.push(c);
        c
    }
}
