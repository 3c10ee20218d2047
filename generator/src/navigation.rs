//! The request surface as navigation that mirrors the URL: one node per documented path prefix
//! (`/users`, `/users/{id}`, `/users/{id}/messages`), each reached by a step named from its own
//! path segment (`users()`, `by_id(id)`, `messages()`), and at each node the final calls the
//! docs document there, named by what they do (`get`, `list`, `create`, `update`, `replace`,
//! `upload`, `delete`, or the bound action's or function's own name).
//!
//! Every name here is a function of the path it names and of nothing else, so that adding a
//! page, retitling one or reordering them cannot rename anything that exists: a node's type is
//! the camel-case chain of its steps (`UsersByIdMessages`), a step is its segment, a final call
//! its method. Only a true collision (two segments that name alike, `$count` and a property
//! `count`) takes a numeric suffix, and those are counted in [`NavTree::collisions`].

use crate::ir::{Body, Ir, PathPiece, PathSegment, PathTemplate, Response, Step};
use crate::names::{snake_name, type_name, Scope};
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
    key: String,
    /// The request lines that end here, before they become calls.
    endpoints: Vec<Endpoint>,
    /// How the lines that pass through a literal step spell it, and how many do: the step
    /// takes the spelling most of them use (`/oauth2PermissionGrants`, not one page's
    /// `/oAuth2Permissiongrants`), since Graph's URLs ignore case.
    spellings: BTreeMap<String, usize>,
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

#[derive(Clone, Copy, Debug)]
struct Endpoint {
    op: usize,
    line: usize,
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

    /// Turns endpoints into calls: a leaf that is a bound action or function becomes a call of
    /// its parent named after it; every other node's lines become calls named by their method.
    fn decide_calls(&mut self, ir: &Ir, sources: &crate::source::SourceSet) {
        // A function or action has one shape wherever it is bound: a leaf named as one that
        // resolves as an operation elsewhere (`/users/delta`) is a call too, where its own path
        // does not resolve (`/education/users/delta`).
        // A segment some path resolves as a property is no function, whatever a page taught.
        let property_keys: BTreeSet<&str> = (self.nodes.iter())
            .filter(|node| {
                node.endpoints.iter().any(|e| {
                    let line = &ir.operations[e.op].lines[e.line];
                    line.address
                        .as_ref()
                        .and_then(|a| a.steps.last())
                        .is_some_and(|s| matches!(s.step, Step::Property { .. }))
                })
            })
            .map(|node| node.key.as_str())
            .collect();
        let operation_keys: BTreeSet<String> = (0..self.nodes.len())
            .filter(|&n| self.is_operation_leaf(ir, n, &BTreeSet::new()))
            .map(|n| self.nodes[n].key.clone())
            .filter(|key| !property_keys.contains(key.as_str()))
            .collect();
        for n in 0..self.nodes.len() {
            let children = std::mem::take(&mut self.nodes[n].children);
            let mut kept = Vec::new();
            for c in children {
                if self.is_operation_leaf(ir, c, &operation_keys) {
                    let endpoints = std::mem::take(&mut self.nodes[c].endpoints);
                    let step = self.nodes[c].step.clone();
                    let call =
                        make_call(ir, sources, step.name.clone(), Some(step), None, &endpoints);
                    self.nodes[n].calls.push(call);
                } else {
                    kept.push(c);
                }
            }
            self.nodes[n].children = kept;
            let mut by_method: BTreeMap<String, Vec<Endpoint>> = BTreeMap::new();
            for e in std::mem::take(&mut self.nodes[n].endpoints) {
                let method = ir.operations[e.op].lines[e.line].method.clone();
                by_method.entry(method).or_default().push(e);
            }
            for (method, endpoints) in by_method {
                let first = endpoints[0];
                let op = &ir.operations[first.op];
                let name = match method.as_str() {
                    "GET" => match &op.lines[first.line].response {
                        Some(Response::Json {
                            collection: true, ..
                        }) => "list",
                        _ => "get",
                    }
                    .to_owned(),
                    "POST" => "create".into(),
                    "PATCH" => "update".into(),
                    "PUT" if matches!(op.body, Some(Body::Bytes)) => "upload".into(),
                    "PUT" => "replace".into(),
                    "DELETE" => "delete".into(),
                    other => snake_name(other),
                };
                let here = self.nodes[n].step.clone();
                let call = make_call(ir, sources, name, None, Some(&here), &endpoints);
                self.nodes[n].calls.push(call);
            }
        }
    }

    /// A node with no children whose lines all address a bound action or function (or whose
    /// segment is a function call with arguments), all with one method.
    fn is_operation_leaf(&self, ir: &Ir, node: usize, operation_keys: &BTreeSet<String>) -> bool {
        let node = &self.nodes[node];
        if !node.children.is_empty() || node.endpoints.is_empty() {
            return false;
        }
        let methods: BTreeSet<&str> = node
            .endpoints
            .iter()
            .map(|e| ir.operations[e.op].lines[e.line].method.as_str())
            .collect();
        if methods.len() != 1 {
            return false;
        }
        node.endpoints.iter().all(|e| {
            let line = &ir.operations[e.op].lines[e.line];
            let by_address = line
                .address
                .as_ref()
                .and_then(|a| a.steps.last())
                .is_some_and(|s| matches!(s.step, Step::Operation { .. }));
            // A page that documents parameters documents an action, resolved or not.
            let parameters = matches!(ir.operations[e.op].body, Some(Body::Parameters(_)));
            // Only a function call's key has a parenthesis (see `function_call`).
            by_address || parameters || node.key.contains('(')
        }) || (operation_keys.contains(&node.key) && !node.key.starts_with('$'))
    }

    /// Sorts children and calls by name, makes every name unique where it must be, and gives
    /// each node its type name, module, template and areas.
    fn name_everything(&mut self, ir: &Ir) {
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
            let unique = root_scope.unique(name.clone());
            if unique != name {
                self.collisions
                    .push(format!("root `{name}` named `{unique}`"));
            }
            self.nodes[r].step.name = unique;
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
            let type_unique = types.unique_type(base_type.clone());
            if type_unique != base_type {
                self.collisions
                    .push(format!("type `{base_type}` named `{type_unique}`"));
            }
            let template = format!(
                "{}{}",
                parent.map_or("", |p| self.nodes[p].template.as_str()),
                template_text(&self.nodes[n].step)
            );
            // Calls first, then steps: a step cannot take a call's name.
            let mut scope = Scope::default();
            let mut calls = std::mem::take(&mut self.nodes[n].calls);
            calls.sort_by(|a, b| a.name.cmp(&b.name).then(a.op.cmp(&b.op)));
            for call in &mut calls {
                let unique = scope.unique(call.name.clone());
                if unique != call.name {
                    self.collisions.push(format!(
                        "call `{}` at `{template}` named `{unique}`",
                        call.name
                    ));
                }
                call.name = unique;
            }
            let mut children = std::mem::take(&mut self.nodes[n].children);
            children.sort_by(|a, b| {
                let (a, b) = (&self.nodes[*a], &self.nodes[*b]);
                a.step.name.cmp(&b.step.name).then(a.key.cmp(&b.key))
            });
            for &c in &children {
                let name = self.nodes[c].step.name.clone();
                let unique = scope.unique(name.clone());
                if unique != name {
                    self.collisions
                        .push(format!("step `{name}` at `{template}` named `{unique}`"));
                }
                self.nodes[c].step.name = unique;
            }
            let node = &mut self.nodes[n];
            node.calls = calls;
            node.children = children;
            node.type_name = type_unique;
            node.module = module;
            node.template = template;
        }
        // Areas, bottom up: a node's calls' pages, then its children's areas.
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
        self.name_bodies(ir);
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
            let unique = scope.unique_type(name.clone());
            if unique != name {
                self.collisions
                    .push(format!("body `{name}` named `{unique}`"));
            }
            defined.insert(unique.clone(), op);
            self.body_names.insert(op, unique);
        }
    }
}

fn make_call(
    ir: &Ir,
    sources: &crate::source::SourceSet,
    name: String,
    segment: Option<NavStep>,
    node_step: Option<&NavStep>,
    endpoints: &[Endpoint],
) -> Call {
    let mut endpoints = endpoints.to_vec();
    // Which page documents the call: a line the page writes before one learned from an
    // example; a page whose file name names the call's own segment or its node's
    // (`post-reply.md` for `…/reply`, not an extended-property page that lists `reply` among a
    // dozen lines);
    // then a page of the addressed type's own area (`user-update.md` for `PATCH /users/{id}`,
    // not the three Intune pages that document it too); then the page with fewer lines.
    let action = segment.as_ref().or(node_step).and_then(|s| match &s.url {
        UrlPart::Literal(text) => Some(text.trim_start_matches('/').to_ascii_lowercase()),
        _ => None,
    });
    endpoints.sort_by_key(|e| {
        let op = &ir.operations[e.op];
        let line = &op.lines[e.line];
        let names_action = action.as_ref().is_some_and(|a| {
            sources
                .get(op.page)
                .stem()
                .to_ascii_lowercase()
                .replace(['-', '_'], "")
                .contains(a.as_str())
        });
        let home = crate::analyze::owners::addressed_type(line)
            .and_then(|q| ir.types.get(&q))
            .is_some_and(|def| ir.type_area(def) == ir.page_area(op.page));
        (
            line.documented_by.is_some(),
            line.from_example,
            !names_action,
            !home,
            op.lines.len(),
            e.op,
            e.line,
        )
    });
    let first = endpoints[0];
    let op = &ir.operations[first.op];
    let line = &op.lines[first.line];
    let method = line.method.clone();
    let kind = match (&line.response, method.as_str()) {
        (
            Some(Response::Json {
                collection: true, ..
            }),
            "GET",
        ) => CallKind::ReadsCollection,
        (Some(Response::Json { .. }), "GET") => CallKind::ReadsEntity,
        (Some(Response::Count), "GET") => CallKind::ReadsCount,
        _ => CallKind::Other,
    };
    // The query arguments of the first line that writes any.
    let mut taken: BTreeSet<String> = segment
        .iter()
        .flat_map(|s| s.args.iter().cloned())
        .collect();
    taken.insert("body".into());
    let query_args = endpoints
        .iter()
        .filter_map(|e| ir.operations[e.op].lines[e.line].path.as_ref())
        .map(|p| query_args(p, &mut taken.clone()))
        .find(|args| !args.is_empty())
        .unwrap_or_default();
    Call {
        name,
        http_method: method,
        segment,
        query_args,
        op: first.op,
        lines: endpoints.iter().map(|e| (e.op, e.line)).collect(),
        kind,
    }
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

/// Query options that have setters of their own (`support::CollectionQuery`), so a value a
/// request line writes for them is an example, not an argument.
const OPTIONS_WITH_SETTERS: &[&str] = &[
    "$select", "$filter", "$top", "$skip", "$orderby", "$expand", "$count", "$search",
];

/// `startDateTime={start_datetime}&endDateTime={end_datetime}` → two arguments.
fn query_args(path: &PathTemplate, taken: &mut BTreeSet<String>) -> Vec<QueryArg> {
    let Some(query) = &path.query else {
        return Vec::new();
    };
    let mut args = Vec::new();
    for pair in query.split('&') {
        let Some((key, value)) = pair.split_once('=') else {
            continue;
        };
        let key = key.trim();
        if OPTIONS_WITH_SETTERS.contains(&key.to_ascii_lowercase().as_str()) {
            continue;
        }
        let (Some(open), Some(close)) = (value.find('{'), value.rfind('}')) else {
            continue;
        };
        if close < open || value[open + 1..close].contains(['{', '}']) {
            continue;
        }
        let arg = unique_arg(snake_name(key.trim_start_matches('$')), taken);
        args.push(QueryArg {
            arg,
            key: key.to_owned(),
            prefix: value[..open].to_owned(),
            suffix: value[close + 1..].to_owned(),
        });
    }
    args
}

fn unique_arg(base: String, taken: &mut BTreeSet<String>) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{}_{n}", base.trim_end_matches('_'));
        n += 1;
    }
    name
}

/// `/users/{id}`, `:/{path}:`, `/getX(period='{period}')`: a step as the docs would write it.
fn template_text(step: &NavStep) -> String {
    match &step.url {
        UrlPart::Literal(text) => text.clone(),
        UrlPart::Key => format!("/{{{}}}", step.args[0]),
        UrlPart::ItemPath => format!(":/{{{}}}:", step.args[0]),
        UrlPart::Template(pieces) => pieces
            .iter()
            .map(|p| match p {
                TemplatePiece::Literal(text) => text.clone(),
                TemplatePiece::Arg { index, .. } => format!("{{{}}}", step.args[*index]),
            })
            .collect(),
    }
}

/// The text of a segment with each parameter as `{name}`.
fn segment_text(segment: &PathSegment) -> String {
    segment
        .pieces
        .iter()
        .map(|p| match p {
            PathPiece::Literal(text) => text.clone(),
            PathPiece::Parameter(name) => format!("{{{name}}}"),
        })
        .collect()
}

/// `acdefc6b-2dc6-4e71-b1e9-6d9810ab1793`: an id the docs wrote into a request line.
fn looks_like_guid(text: &str) -> bool {
    let groups: Vec<&str> = text.split('-').collect();
    groups.iter().map(|g| g.len()).eq([8, 4, 4, 4, 12])
        && groups
            .iter()
            .all(|g| g.chars().all(|c| c.is_ascii_hexdigit()))
}

fn is_single_parameter(segment: &PathSegment) -> bool {
    matches!(segment.pieces.as_slice(), [PathPiece::Parameter(_)])
}

/// The steps of a request path, each with its sibling key. OneDrive's `root:/{path}:` (or
/// `{id}:/{path}:`) is the step before the colon, then one `by_path` step for the segments up
/// to the closing colon.
fn path_steps(
    ir: &Ir,
    path: &PathTemplate,
    address: Option<&[crate::ir::AddressStep]>,
) -> Vec<(String, NavStep)> {
    let mut steps = Vec::new();
    let mut i = 0;
    let segments = &path.segments;
    while i < segments.len() {
        let segment = &segments[i];
        let address_steps: Vec<&Step> = address
            .unwrap_or_default()
            .iter()
            .filter(|s| s.segment == i)
            .map(|s| &s.step)
            .collect();
        let text = segment_text(segment);
        if let Some(opener) = text.strip_suffix(':') {
            // The step before the colon, then the item path up to the closing colon.
            let opened = PathSegment {
                pieces: crate::lower::parse_path(&format!("/{opener}"))
                    .ok()
                    .and_then(|p| p.segments.into_iter().next())
                    .map_or_else(Vec::new, |s| s.pieces),
            };
            if !opened.pieces.is_empty() {
                steps.push(segment_step(ir, &opened, &address_steps));
            }
            let mut end = i + 1;
            while end < segments.len() && !segment_text(&segments[end]).ends_with(':') {
                end += 1;
            }
            if i + 1 < segments.len() {
                steps.push((
                    ":/{path}:".into(),
                    NavStep {
                        name: "by_path".into(),
                        args: vec!["path".into()],
                        url: UrlPart::ItemPath,
                    },
                ));
            }
            i = end + 1;
            continue;
        }
        steps.push(segment_step(ir, segment, &address_steps));
        i += 1;
    }
    steps
}

/// One segment's step: a key, a function call with arguments, another templated segment, or a
/// literal (a property, root, literal key, cast, operation, `$value`, `$ref`, `$count`).
fn segment_step(ir: &Ir, segment: &PathSegment, address: &[&Step]) -> (String, NavStep) {
    // A literal the address resolves as a key (`mailFolders/inbox`, or an example id written
    // into the request line) is a key like any other.
    let literal_key = matches!(address, [Step::Key])
        || matches!(segment.pieces.as_slice(), [PathPiece::Literal(text)] if looks_like_guid(text));
    if is_single_parameter(segment) || literal_key {
        return (
            "{}".into(),
            NavStep {
                name: "by_id".into(),
                args: vec!["id".into()],
                url: UrlPart::Key,
            },
        );
    }
    let text = segment_text(segment);
    if let Some(step) = function_call(&text) {
        return step;
    }
    if segment
        .pieces
        .iter()
        .any(|p| matches!(p, PathPiece::Parameter(_)))
    {
        return templated(segment);
    }
    let literal = text.strip_suffix("()").unwrap_or(&text);
    let cast = address.iter().find_map(|s| match s {
        Step::Cast { ty } => Some(ty.name.clone()),
        _ => None,
    });
    let cast = cast.or_else(|| {
        let (namespace, name) = literal.rsplit_once('.')?;
        let q = crate::ir::QualifiedName {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
        };
        ir.types.contains_key(&q).then(|| name.to_owned())
    });
    // A property's own spelling, where the page wrote it in another case.
    let property = address.iter().find_map(|s| match s {
        Step::Property { name, .. } if name.eq_ignore_ascii_case(literal) => Some(name.clone()),
        _ => None,
    });
    let spelled = property.unwrap_or_else(|| literal.to_owned());
    let name = match (cast, literal) {
        (Some(ty), _) => format!("as_{}", snake_name(&ty)),
        (None, "$value") => "value".into(),
        (None, "$ref") => "reference".into(),
        (None, "$count") => "count".into(),
        (None, _) => snake_name(&spelled),
    };
    (
        literal.to_ascii_lowercase(),
        NavStep {
            name,
            args: Vec::new(),
            url: UrlPart::Literal(format!("/{spelled}")),
        },
    )
}

/// `getX(period='{period}',count=n)`: a function call with arguments, one per `name=value`
/// (or per positional value), each value replaced by an argument, quoted where the docs quote
/// it. `None` when the segment is not `name(…)` with something inside.
fn function_call(text: &str) -> Option<(String, NavStep)> {
    let open = text.find('(')?;
    let name = &text[..open];
    let inner = text[open + 1..].strip_suffix(')')?;
    if name.is_empty()
        || inner.trim().is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    {
        return None;
    }
    let mut pieces = vec![TemplatePiece::Literal(format!("/{name}("))];
    let mut args: Vec<String> = Vec::new();
    let mut taken = BTreeSet::new();
    for (i, part) in split_arguments(inner).into_iter().enumerate() {
        let (key, value) = match part.split_once('=') {
            Some((k, v)) => (Some(k.trim()), v.trim()),
            None => (None, part.trim()),
        };
        let mut prefix = String::new();
        if i > 0 {
            prefix.push(',');
        }
        if let Some(key) = key {
            prefix.push_str(key);
            prefix.push('=');
        }
        let (lead, body, tail, quoted) = match (value.find('\''), value.rfind('\'')) {
            (Some(a), Some(b)) if b > a => (&value[..=a], &value[a + 1..b], &value[b..], true),
            _ => ("", value, "", false),
        };
        prefix.push_str(lead);
        let placeholder = body.trim_matches(['{', '}', '<', '>']);
        let arg_name = match key {
            Some(k) => snake_name(k),
            None if !placeholder.is_empty() => snake_name(placeholder),
            None => "value".into(),
        };
        let arg = unique_arg(arg_name, &mut taken);
        pieces.push(TemplatePiece::Literal(prefix));
        pieces.push(TemplatePiece::Arg {
            index: args.len(),
            quoted,
        });
        if !tail.is_empty() {
            pieces.push(TemplatePiece::Literal(tail.to_owned()));
        }
        args.push(arg);
    }
    pieces.push(TemplatePiece::Literal(")".into()));
    let method = format!(
        "{}_with_{}",
        snake_name(name.rsplit('.').next().unwrap_or(name)),
        args.join("_and_")
    );
    let key = format!("{}({})", name.to_ascii_lowercase(), args.join(","));
    Some((
        key,
        NavStep {
            name: snake_name(&method),
            args,
            url: UrlPart::Template(merge_literals(pieces)),
        },
    ))
}

/// Splits `a='x,y',b=2` on the commas outside quotes.
fn split_arguments(inner: &str) -> Vec<&str> {
    let mut parts = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in inner.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
}

/// A segment with parameters inside other text (`{hostname},{spsite-id}`): one argument per
/// parameter, the text kept.
fn templated(segment: &PathSegment) -> (String, NavStep) {
    let mut pieces = vec![TemplatePiece::Literal("/".into())];
    let mut args = Vec::new();
    let mut taken = BTreeSet::new();
    let mut literal_text = String::new();
    for piece in &segment.pieces {
        match piece {
            PathPiece::Literal(text) => {
                literal_text.push_str(text);
                pieces.push(TemplatePiece::Literal(text.clone()));
            }
            PathPiece::Parameter(name) => {
                let first = name.split('|').next().unwrap_or(name).trim();
                let arg = unique_arg(snake_name(first), &mut taken);
                pieces.push(TemplatePiece::Arg {
                    index: args.len(),
                    quoted: false,
                });
                args.push(arg);
            }
        }
    }
    let stem = snake_name(&literal_text);
    let name = if literal_text.chars().any(|c| c.is_ascii_alphanumeric()) {
        format!("{stem}_with_{}", args.join("_and_"))
    } else {
        format!("by_{}", args.join("_and_"))
    };
    let key = format!("{}:{}", literal_text.to_ascii_lowercase(), args.join(","));
    (
        key,
        NavStep {
            name: snake_name(&name),
            args,
            url: UrlPart::Template(merge_literals(pieces)),
        },
    )
}

fn merge_literals(pieces: Vec<TemplatePiece>) -> Vec<TemplatePiece> {
    let mut out: Vec<TemplatePiece> = Vec::new();
    for piece in pieces {
        match (out.last_mut(), piece) {
            (Some(TemplatePiece::Literal(a)), TemplatePiece::Literal(b)) => a.push_str(&b),
            (_, TemplatePiece::Literal(b)) if b.is_empty() => {}
            (_, piece) => out.push(piece),
        }
    }
    out
}
