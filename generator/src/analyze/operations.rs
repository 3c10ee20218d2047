//! Decides each operation's response and body from what its request path addresses, with the
//! page's own word where it is specific, and reports where the two disagree or a path does not
//! resolve.

use super::address::{resolve, Unresolved};
use super::docs_space::DocsSpace;
use super::graph::TypeGraph;
pub use super::response_choice::graph_response;
use super::response_choice::{agree, choose_response, named, page_response};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::ir::{
    Address, Addressed, Body, DocumentedResponse, ExampleKind, Ir, Operation, PathTemplate,
    QualifiedName, RequestLine, Response, Step, TypeRef,
};
use crate::source::SourceSet;
use rayon::prelude::*;

/// Resolves every request line, then sets each operation's response and body and the types of
/// its examples.
pub fn decide(ir: &mut Ir, graph: &TypeGraph, sources: &SourceSet, diags: &mut Diagnostics) {
    resolve_lines(ir, graph, sources, diags);
    for op in &mut ir.operations {
        decide_responses(op, graph, diags);
        if op.lines.iter().all(|l| l.method == "DELETE") {
            // A delete names what it deletes by its URL; a body its page shows is not sent.
            op.body = None;
        } else if let Some(body) = decide_body(op, graph) {
            op.body = Some(body);
        }
        if sends_media(op) {
            op.body = Some(Body::Bytes);
        }
    }
    widen_to_shown_kinds(ir, graph);
    type_examples(ir);
}

/// A write whose page says its `Content-Type` is one media type that is not JSON (an app's
/// `application/zip` package, an `image/jpeg` photo) sends that media as bytes, whatever its
/// path addresses.
fn sends_media(op: &Operation) -> bool {
    op.content_type
        .as_deref()
        .is_some_and(|t| !crate::lower::is_json(t))
        && op
            .lines
            .iter()
            .any(|l| matches!(l.method.as_str(), "POST" | "PUT" | "PATCH"))
}

/// Every request line's address, or a diagnostic saying which segment names nothing.
fn resolve_lines(ir: &mut Ir, graph: &TypeGraph, sources: &SourceSet, diags: &mut Diagnostics) {
    let (resolved, learned) = {
        let space = DocsSpace::new(ir, graph, sources);
        let resolved: Vec<Vec<Option<Result<Address, Unresolved>>>> = ir
            .operations
            .par_iter()
            .map(|op| {
                op.lines
                    .iter()
                    .map(|l| l.path.as_ref().map(|path| resolve(&space, path)))
                    .collect()
            })
            .collect();
        let learned = super::example_lines::learn(ir, &space, &resolved);
        (resolved, learned)
    };
    for (op, results) in ir.operations.iter_mut().zip(resolved) {
        for (line, result) in op.lines.iter_mut().zip(results) {
            match result {
                Some(Ok(address)) => line.address = Some(address),
                Some(Err(unresolved)) => report_unresolved(line, &unresolved, diags),
                // Lines that are not requests at all were reported when they were read.
                None => {}
            }
        }
    }
    for (op, line) in learned {
        ir.operations[op].lines.push(line);
    }
}

/// Each line's response, and the operation's (its first resolved line's).
fn decide_responses(op: &mut Operation, graph: &TypeGraph, diags: &mut Diagnostics) {
    let from_page = op.documented_response.as_ref().map(page_response);
    let first = op.lines.iter().position(|l| l.address.is_some());
    // Each disagreement is reported once per page, at the first line that shows it.
    let mut reported = std::collections::BTreeSet::new();
    let from_graphs: Vec<Option<Response>> = op
        .lines
        .iter()
        .map(|l| graph_response(&l.method, l.address.as_ref()?))
        .collect();
    // A page whose lines address different things (`/me/mailboxSettings` and
    // `/me/mailboxSettings/timeZone`) documents the response of the line it agrees with; the
    // others answer what they address.
    let describes_a_line = from_page.as_ref().is_some_and(|page_says| {
        from_graphs
            .iter()
            .flatten()
            .any(|g| agree(g, page_says, graph))
    });
    let responses: Vec<Option<Response>> = op
        .lines
        .iter()
        .zip(&from_graphs)
        .map(|(line, from_graph)| match &line.address {
            Some(_) if describes_a_line && from_graph.is_some() => from_graph.clone(),
            Some(_) => {
                let (chosen, disagreement) = choose_response(op, line, from_graph.clone(), graph);
                if let Some((key, diagnostic)) = disagreement {
                    if reported.insert(key) {
                        diags.push(diagnostic);
                    }
                }
                chosen
            }
            None => {
                unresolved_response(&line.method, line.path.as_ref()).or_else(|| from_page.clone())
            }
        })
        .collect();
    op.response = match first {
        Some(i) => responses[i].clone(),
        None => from_page,
    };
    for (line, response) in op.lines.iter_mut().zip(responses) {
        line.response = response;
    }
}

/// After `owners::assign`: a page whose first resolved line is another page's call takes its
/// body from the first line that is its own, as that line's path decides (an open extension's
/// page whose lines start with `POST /me/events` and go on to `POST /devices/{id}/extensions`).
pub fn decide_side_bodies(ir: &mut Ir) {
    for op in &mut ir.operations {
        let first = op.lines.iter().find(|l| l.address.is_some());
        if first.is_none_or(|l| l.documented_by.is_none()) {
            continue;
        }
        let own = op
            .lines
            .iter()
            .find(|l| l.address.is_some() && l.documented_by.is_none());
        if let Some(line) = own {
            let address = line.address.as_ref().expect("found by its address");
            if let Some(body) = addressed_body(&line.method, address) {
                op.body = Some(body);
            }
        }
    }
}

/// The body the first resolved line's address decides, or, when no line resolves, the URL's
/// facts; `None` keeps what the page says.
fn decide_body(op: &Operation, graph: &TypeGraph) -> Option<Body> {
    // A model the page names that one of its lines addresses is the page's word on a page whose
    // lines address different things (`PATCH …/items/{id}` and `…/items/{id}/fields`, whose
    // page sends a `fieldValueSet`).
    if op.lines.iter().any(|l| {
        let Some(address) = &l.address else {
            return false;
        };
        l.path.is_some()
            && graph_body(&l.method, address, op.body.as_ref(), graph).is_none()
            && matches!(op.body, Some(Body::Model(_)))
            && matches!(addressed_body(&l.method, address), Some(Body::Model(_)))
    }) {
        return None;
    }
    match op.lines.iter().find(|l| l.address.is_some()) {
        Some(line) => graph_body(
            &line.method,
            line.address.as_ref()?,
            op.body.as_ref(),
            graph,
        ),
        None => op
            .lines
            .iter()
            .find(|l| l.path.is_some())
            .and_then(|line| unresolved_body(op, line)),
    }
}

/// A body whose request examples send several kinds of one base type
/// (`educationoutcome-update.md` updates a feedback, a points and a rubric outcome) is that
/// base, which the call takes any kind of. The base of a whole hierarchy (`entity`) is never
/// chosen: examples that meet only there show a defect, not a choice.
fn widen_to_shown_kinds(ir: &mut Ir, graph: &TypeGraph) {
    let mut shown: std::collections::BTreeMap<usize, Vec<QualifiedName>> = Default::default();
    let by_name: std::collections::HashMap<String, &QualifiedName> = (ir.types.keys())
        .map(|q| (q.to_string().to_ascii_lowercase(), q))
        .collect();
    for example in &ir.examples {
        let (ExampleKind::Request, Some(op)) = (example.kind, example.operation) else {
            continue;
        };
        if !example.json.contains("@odata.type") {
            continue;
        }
        let value = match crate::json::parse_lenient(&example.json) {
            crate::json::LenientJson::Strict(value)
            | crate::json::LenientJson::Recovered { value, .. } => value,
            _ => continue,
        };
        let named = value.get("@odata.type").and_then(|t| t.as_str());
        let Some(named) = named.map(|t| t.trim_start_matches('#')) else {
            continue;
        };
        if let Some(ty) = by_name.get(&named.to_ascii_lowercase()) {
            shown.entry(op).or_default().push((*ty).clone());
        }
    }
    for (op, kinds) in shown {
        let Some(Body::Model(body)) = &ir.operations[op].body else {
            continue;
        };
        let mut base = Some(body.clone());
        for kind in &kinds {
            while let Some(b) = base.as_ref().filter(|b| !graph.is_or_derives(kind, b)) {
                base = ir.types.get(b).and_then(|d| d.base.clone());
            }
        }
        let has_base = |q: &QualifiedName| ir.types.get(q).is_some_and(|d| d.base.is_some());
        if let Some(base) = base.filter(|b| b != body && has_base(b)) {
            ir.operations[op].body = Some(Body::Model(base));
        }
    }
}

/// After `owners::assign` and `decide_side_bodies`: a request example shows the call its URL
/// matches, so it is checked as that call's body: its page's, or, for a line another page
/// documents (an extension's page showing `POST /groups/{id}/conversations`), that page's.
pub fn type_request_examples_by_call(ir: &mut Ir) {
    for index in 0..ir.examples.len() {
        let example = &ir.examples[index];
        let (ExampleKind::Request, Some(op), Some((method, url, _))) =
            (example.kind, example.operation, &example.request)
        else {
            continue;
        };
        let segments = ir.url_segments(url);
        let shows = |l: &RequestLine| {
            l.method.eq_ignore_ascii_case(method)
                && (l.path.as_ref()).is_some_and(|t| t.fits(&segments))
        };
        // A URL none of the page's lines has (reported as `example-url-unmatched`) shows the
        // call of the page that writes it.
        let owner = match ir.operations[op].lines.iter().find(|l| shows(l)) {
            Some(line) => line.documented_by.map_or(op, |(owner, _)| owner),
            None => (ir.operations.iter())
                .position(|o| {
                    o.lines
                        .iter()
                        .any(|l| !l.from_example && l.documented_by.is_none() && shows(l))
                })
                .unwrap_or(op),
        };
        let ty = match &ir.operations[owner].body {
            Some(Body::Model(q)) => Some(q.clone()),
            // Another page's call that takes no model: the example is not this page's model.
            _ if owner != op => None,
            _ => continue,
        };
        ir.examples[index].ty = ty;
    }
}

/// Request examples take the operation's body model; response examples its response model.
fn type_examples(ir: &mut Ir) {
    for example in &mut ir.examples {
        let Some(op) = example.operation.and_then(|i| ir.operations.get(i)) else {
            continue;
        };
        match example.kind {
            ExampleKind::Request => {
                if let Some(Body::Model(q)) = &op.body {
                    example.ty = Some(q.clone());
                }
            }
            ExampleKind::Response => {
                if let Some((q, collection)) = op.response.as_ref().and_then(named) {
                    example.ty = Some(q.clone());
                    example.collection = collection;
                }
            }
        }
    }
}

fn report_unresolved(line: &RequestLine, unresolved: &Unresolved, diags: &mut Diagnostics) {
    let Some(path) = &line.path else { return };
    let text = path
        .segments
        .get(unresolved.segment)
        .map(crate::ir::PathSegment::text)
        .unwrap_or_default();
    // Point at the segment when the line spells it as the path does.
    let span = line
        .raw
        .find(&format!("/{text}"))
        .map(|at| line.span.subspan(at + 1..at + 1 + text.len()))
        .unwrap_or(line.span);
    diags.push(
        Diagnostic::new(
            Code::PathSegmentUnknown,
            span,
            format!("request path `{path}` does not resolve"),
        )
        .label(unresolved.describe(path))
        .help("document the property on the type's resource page, or correct the path; the operation's response is taken from its page"),
    );
}

/// What a line answers by the facts of its URL alone, when its path does not resolve: nothing
/// for a delete or a `$ref` write, bytes for a `$value` read.
fn unresolved_response(method: &str, path: Option<&PathTemplate>) -> Option<Response> {
    let last = path?
        .segments
        .last()
        .map(crate::ir::PathSegment::text)
        .unwrap_or_default();
    match (method, last.as_str()) {
        ("DELETE", _) => Some(Response::Empty),
        ("GET", "$value") => Some(Response::Bytes),
        ("GET", _) => None,
        (_, "$ref") => Some(Response::Empty),
        _ => None,
    }
}

/// What a write sends by the facts of its URL and page alone, when its path does not resolve:
/// a reference for a `$ref` write; for an update, the model of the entity the page says it
/// answers with (an update's body is always a model of what it updates, whatever table lists
/// its properties).
fn unresolved_body(op: &Operation, line: &RequestLine) -> Option<Body> {
    let last = line
        .path
        .as_ref()?
        .segments
        .last()
        .map(crate::ir::PathSegment::text)?;
    match line.method.as_str() {
        "POST" | "PUT" if last == "$ref" => Some(Body::Reference),
        "PATCH" => match &op.documented_response {
            Some(DocumentedResponse {
                ty: Some(TypeRef::Named(q)),
                collection: false,
                ..
            }) if !matches!(op.body, Some(Body::Model(_))) => Some(Body::Model(q.clone())),
            _ => None,
        },
        _ => None,
    }
}

/// The body a write sends by what it addresses: a `$ref` write a reference, a content upload
/// bytes, a create (`POST` to a collection) or an update (`PATCH`, `PUT` of one) the addressed
/// type's model. `None` where the address does not decide (actions, functions, reads).
pub fn addressed_body(method: &str, address: &Address) -> Option<Body> {
    if !matches!(method, "POST" | "PATCH" | "PUT") {
        return None;
    }
    match address.target() {
        Addressed::Reference { .. } => Some(Body::Reference),
        // Media is replaced by `PUT` of its bytes, and `$value` by `PATCH` too
        // (`PATCH /me/photo/$value`); a stream property's `PATCH` is the service's own format
        // (a OneNote page's content takes JSON commands).
        Addressed::Bytes
            if method == "PUT"
                || matches!(address.steps.last().map(|s| &s.step), Some(Step::Value)) =>
        {
            Some(Body::Bytes)
        }
        Addressed::Value {
            ty: TypeRef::Named(q),
            collection,
        } if collection == (method == "POST") => Some(Body::Model(q)),
        _ => None,
    }
}

/// [`addressed_body`], except that a model the page names that derives from the addressed type
/// is kept (a create of one kind of `deviceConfiguration`). `None` keeps the page's body.
fn graph_body(
    method: &str,
    address: &Address,
    page_body: Option<&Body>,
    graph: &TypeGraph,
) -> Option<Body> {
    match (addressed_body(method, address)?, page_body) {
        (Body::Model(q), Some(Body::Model(named))) if graph.is_or_derives(named, &q) => None,
        (body, _) => Some(body),
    }
}
