//! Which calls each node makes and which page documents each: a leaf that is a bound action or
//! function becomes a call of its parent, other lines become calls named by their method, and
//! among the pages that write a line, one is chosen to document the call.

use super::steps::unique_arg;
use super::tree::{Call, CallKind, Endpoint, NavStep, NavTree, QueryArg, UrlPart};
use crate::ir::{Body, Ir, PathTemplate, Response, Step};
use crate::names::snake_name;
use std::collections::{BTreeMap, BTreeSet};

impl NavTree {
    /// Turns endpoints into calls: a leaf that is a bound action or function becomes a call of
    /// its parent named after it; every other node's lines become calls named by their method.
    pub(super) fn decide_calls(&mut self, ir: &Ir, sources: &crate::source::SourceSet) {
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
    for (key, value) in crate::lower::http::query_options(query) {
        let Some(value) = value else {
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
