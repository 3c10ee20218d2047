//! The navigation tree's shape and what it answers: one node per documented path prefix
//! (`/users`, `/users/{id}`, `/users/{id}/messages`), each reached by a step named from its own
//! path segment (`users()`, `by_id(id)`, `messages()`), and at each node the final calls the
//! docs document there, named by what they do (`get`, `list`, `create`, `update`, `replace`,
//! `upload`, `delete`, or the bound action's or function's own name).

use crate::ir::Ir;
use std::collections::{BTreeMap, BTreeSet};

/// The documented request paths as a tree.
#[derive(Debug, Default)]
pub struct NavTree {
    pub nodes: Vec<Node>,
    /// The nodes of the first path segment, sorted by step name.
    pub roots: Vec<usize>,
    /// Names that took a numeric suffix because two different things named alike.
    pub collisions: Vec<String>,
    /// The JSON body struct of each operation whose body is its parameters, by operation.
    pub body_names: BTreeMap<usize, String>,
    /// The node and call index that sends each `(operation, line)`.
    pub sent_by: BTreeMap<(usize, usize), (usize, usize)>,
    /// The type requests start from (`Graph`, or `[service] root` of `codegen.toml`).
    pub root: String,
}

/// One path prefix.
#[derive(Debug)]
pub struct Node {
    /// How the parent (or `Graph`, for a root) reaches this node.
    pub step: NavStep,
    pub parent: Option<usize>,
    /// Sorted by step name.
    pub children: Vec<usize>,
    /// Sorted by name.
    pub calls: Vec<Call>,
    /// The Rust type of the node: the camel-case chain of its steps.
    pub type_name: String,
    /// The module of its root (`users`).
    pub module: String,
    /// The path as a template (`/users/{id}/messages`), for docs.
    pub template: String,
    /// The areas of every call at and below this node: it exists when any of them is enabled.
    pub areas: BTreeSet<String>,
    /// Sibling key: the segment as lower-case text, so `categoryAxis` and `categoryaxis` meet.
    pub(super) key: String,
    /// The request lines that end here, before they become calls.
    pub(super) endpoints: Vec<Endpoint>,
    /// How the lines that pass through a literal step spell it, and how many do: the step
    /// takes the spelling most of them use (`/oauth2PermissionGrants`, not one page's
    /// `/oAuth2Permissiongrants`), since Graph's URLs ignore case.
    pub(super) spellings: BTreeMap<String, usize>,
}

/// A step from one node to the next: its method name, its arguments and the URL text it adds.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavStep {
    pub name: String,
    pub args: Vec<String>,
    pub url: UrlPart,
}

/// What a step adds to the URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UrlPart {
    /// `/messages`: fixed text.
    Literal(String),
    /// `/` and a key, percent-encoded.
    Key,
    /// `:/` and a OneDrive item path (its `/` kept), then `:`.
    ItemPath,
    /// A segment with arguments in it, e.g. `/getX(period='` arg `')`.
    Template(Vec<TemplatePiece>),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TemplatePiece {
    Literal(String),
    /// The argument of this index; `quoted` when it sits inside `'…'` (a `'` in it is doubled).
    Arg {
        index: usize,
        quoted: bool,
    },
}

/// A final call: the request a node sends.
#[derive(Debug)]
pub struct Call {
    pub name: String,
    pub http_method: String,
    /// The bound action's or function's own segment, when the call adds one.
    pub segment: Option<NavStep>,
    /// Query options the request line writes with a parameter (`startDateTime={start}`).
    pub query_args: Vec<QueryArg>,
    /// The operation whose page documents it (the first, by page path, when several do).
    pub op: usize,
    /// Every `(operation, line)` it sends.
    pub lines: Vec<(usize, usize)>,
    pub kind: CallKind,
}

/// A query option whose value a call takes as an argument.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryArg {
    pub arg: String,
    pub key: String,
    pub prefix: String,
    pub suffix: String,
}

/// Which OData query options a call's request takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CallKind {
    ReadsCollection,
    ReadsEntity,
    /// `…/$count`: takes `$filter` and `$search`.
    ReadsCount,
    Other,
}

/// A request line that ends at a node, before it becomes a call.
#[derive(Clone, Copy, Debug)]
pub(super) struct Endpoint {
    pub op: usize,
    pub line: usize,
}

impl Call {
    /// The areas of the pages that document the call: it exists when any of them is enabled.
    pub fn areas(&self, ir: &Ir) -> BTreeSet<String> {
        self.lines
            .iter()
            .map(|&(op, _)| ir.page_area(ir.operations[op].page).to_owned())
            .collect()
    }

    /// The call's arguments in order: its segment's, then its query options'.
    pub fn args(&self) -> Vec<String> {
        let mut args: Vec<String> = self.segment.iter().flat_map(|s| s.args.clone()).collect();
        args.extend(self.query_args.iter().map(|q| q.arg.clone()));
        args
    }
}

impl NavTree {
    /// `Graph::users().by_id(id).messages()`: the chain that reaches a node.
    pub fn chain(&self, node: usize) -> String {
        let mut steps = Vec::new();
        let mut at = Some(node);
        while let Some(n) = at {
            steps.push(call_text(
                &self.nodes[n].step.name,
                &self.nodes[n].step.args,
            ));
            at = self.nodes[n].parent;
        }
        steps.reverse();
        format!("{}::{}", self.root, steps.join("."))
    }

    /// The chain that sends a call, with `body` where it takes one.
    pub fn call_chain(&self, ir: &Ir, node: usize, call: &Call) -> String {
        let mut args = call.args();
        if ir.operations[call.op].body.is_some() {
            args.push("body".into());
        }
        format!("{}.{}", self.chain(node), call_text(&call.name, &args))
    }

    /// The call that sends an operation's first usable line, with its node.
    pub fn call_of(&self, op: usize) -> Option<(usize, &Call)> {
        let (&(_, _), &(node, call)) = self.sent_by.range((op, 0)..(op + 1, 0)).next()?;
        Some((node, &self.nodes[node].calls[call]))
    }

    /// Whether a node reads a collection (it has a `list` call) and can take a `count()` of
    /// its own: Graph answers `/$count` on every collection, documented or not. Not where a
    /// step or call of the node is already named `count`.
    pub fn counts(&self, node: usize) -> bool {
        let node = &self.nodes[node];
        node.calls
            .iter()
            .any(|c| c.kind == CallKind::ReadsCollection && c.segment.is_none())
            && !node.calls.iter().any(|c| c.name == "count")
            && !node
                .children
                .iter()
                .any(|&c| self.nodes[c].step.name == "count")
    }

    /// Each node with its calls, depth first in name order.
    pub fn walk(&self) -> Vec<usize> {
        self.walk_from(&self.roots)
    }

    /// `starts` and every node below them, depth first in name order.
    pub fn walk_from(&self, starts: &[usize]) -> Vec<usize> {
        let mut order = Vec::new();
        let mut stack: Vec<usize> = starts.iter().rev().copied().collect();
        while let Some(n) = stack.pop() {
            order.push(n);
            stack.extend(self.nodes[n].children.iter().rev().copied());
        }
        order
    }
}

fn call_text(name: &str, args: &[String]) -> String {
    format!("{name}({})", args.join(", "))
}

impl NavStep {
    /// `/users/{id}`, `:/{path}:`, `/getX(period='{period}')`: the step as the docs would write
    /// it.
    pub fn template(&self) -> String {
        match &self.url {
            UrlPart::Literal(text) => text.clone(),
            UrlPart::Key => format!("/{{{}}}", self.args[0]),
            UrlPart::ItemPath => format!(":/{{{}}}:", self.args[0]),
            UrlPart::Template(pieces) => pieces
                .iter()
                .map(|p| match p {
                    TemplatePiece::Literal(text) => text.clone(),
                    TemplatePiece::Arg { index, .. } => format!("{{{}}}", self.args[*index]),
                })
                .collect(),
        }
    }
}
