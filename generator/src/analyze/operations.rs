//! Decides each operation's response and body from what its request path addresses, with the
//! page's own word where it is specific, and reports where the two disagree or a path does not
//! resolve.

use super::address::{resolve, segment_text, Unresolved};
use super::docs_space::DocsSpace;
use super::graph::TypeGraph;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::ir::{
    Address, Addressed, Body, DocumentedResponse, ExampleKind, Ir, Operation, Primitive,
    RequestLine, Response, Step, TypeRef,
};

/// Resolves every request line, then sets each operation's response and body and the types of
/// its examples.
pub fn decide(ir: &mut Ir, graph: &TypeGraph, diags: &mut Diagnostics) {
    let resolved: Vec<Vec<Result<Address, Unresolved>>> = {
        let space = DocsSpace::new(ir, graph);
        ir.operations
            .iter()
            .map(|op| {
                op.lines
                    .iter()
                    .map(|l| match &l.path {
                        Some(path) => resolve(&space, path),
                        None => Err(Unresolved {
                            segment: 0,
                            on: Addressed::Nothing,
                            reason: super::address::UnresolvedReason::UnknownRoot,
                        }),
                    })
                    .collect()
            })
            .collect()
    };
    for (op, results) in ir.operations.iter_mut().zip(resolved) {
        for (line, result) in op.lines.iter_mut().zip(results) {
            match result {
                Ok(address) => line.address = Some(address),
                Err(unresolved) => report_unresolved(line, &unresolved, diags),
            }
        }
    }
    for op in &mut ir.operations {
        let Some((method, address)) = op
            .lines
            .iter()
            .find_map(|l| Some((l.method.clone(), l.address.clone()?)))
        else {
            op.response = op.documented_response.as_ref().map(page_response);
            continue;
        };
        let from_graph = graph_response(&method, &address);
        op.response = choose_response(op, &method, from_graph, graph, diags);
        if let Some(body) = graph_body(&method, &address, op.body.as_ref(), graph) {
            op.body = Some(body);
        }
    }
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
                if let Some(Response::Json {
                    ty: TypeRef::Named(q),
                    collection,
                }) = &op.response
                {
                    example.ty = Some(q.clone());
                    example.collection = *collection;
                }
            }
        }
    }
}

fn report_unresolved(line: &RequestLine, unresolved: &Unresolved, diags: &mut Diagnostics) {
    // Lines that are not requests at all were reported when they were read.
    let Some(path) = &line.path else { return };
    let text = path
        .segments
        .get(unresolved.segment)
        .map(segment_text)
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

/// What the page says, as a response.
fn page_response(documented: &DocumentedResponse) -> Response {
    match &documented.ty {
        Some(ty) => Response::Json {
            ty: ty.clone(),
            collection: documented.collection,
        },
        None => Response::Empty,
    }
}

/// What a request with `method` to what `address` addresses answers, by OData's rules; `None`
/// where the address cannot say (an action the page types, a `$ref` read).
pub fn graph_response(method: &str, address: &Address) -> Option<Response> {
    let target = address.target();
    match (method, target) {
        ("DELETE", _) => Some(Response::Empty),
        (_, Addressed::Reference { .. }) if method != "GET" => Some(Response::Empty),
        ("GET", Addressed::Bytes) => Some(Response::Bytes),
        // Uploading a drive item's content answers the item; a `$value` write, nothing.
        ("PUT", Addressed::Bytes) => match address.steps.last().map(|s| &s.step) {
            Some(Step::Property { .. }) => address.binding().and_then(|(ty, collection)| {
                (!collection).then_some(Response::Json {
                    ty,
                    collection: false,
                })
            }),
            _ => Some(Response::Empty),
        },
        ("GET", Addressed::Count) => Some(Response::Json {
            ty: TypeRef::Primitive(Primitive::Int32),
            collection: false,
        }),
        (_, Addressed::Operation { returns, .. }) => {
            returns.map(|(ty, collection)| Response::Json { ty, collection })
        }
        ("GET", Addressed::Value { ty, collection }) => Some(Response::Json { ty, collection }),
        // A create answers the created entity; an update or replace, the entity.
        (
            "POST",
            Addressed::Value {
                ty,
                collection: true,
            },
        )
        | (
            "PATCH" | "PUT",
            Addressed::Value {
                ty,
                collection: false,
            },
        ) => Some(Response::Json {
            ty,
            collection: false,
        }),
        _ => None,
    }
}

/// Whether two responses say the same, a more derived type on the page counting as the same.
fn agree(graph_says: &Response, page_says: &Response, graph: &TypeGraph) -> bool {
    match (graph_says, page_says) {
        (
            Response::Json {
                ty: TypeRef::Named(g),
                collection: gc,
            },
            Response::Json {
                ty: TypeRef::Named(p),
                collection: pc,
            },
        ) => gc == pc && graph.is_or_derives(p, g),
        _ => graph_says == page_says,
    }
}

/// The graph decides, except where the page is specific (an annotation, "collection of", a
/// 204): then the page does. A disagreement is reported either way; a write the page says
/// answers nothing is not one (Graph answers updates either way).
fn choose_response(
    op: &Operation,
    method: &str,
    from_graph: Option<Response>,
    graph: &TypeGraph,
    diags: &mut Diagnostics,
) -> Option<Response> {
    let documented = op.documented_response.as_ref();
    let from_page = documented.map(page_response);
    let (Some(graph_says), Some(page_says), Some(documented)) =
        (from_graph.clone(), from_page.clone(), documented)
    else {
        return from_graph.or(from_page);
    };
    if agree(&graph_says, &page_says, graph) {
        return from_graph;
    }
    if page_says == Response::Empty && method != "GET" {
        return from_page;
    }
    let (chosen, why) = match (&graph_says, &page_says) {
        (
            Response::Json {
                ty: graph_ty,
                collection: graph_collection,
            },
            Response::Json {
                ty: page_ty,
                collection: page_collection,
            },
        ) => {
            let ty = if documented.type_specific {
                page_ty
            } else {
                graph_ty
            };
            let collection = if documented.collection_specific {
                *page_collection
            } else {
                *graph_collection
            };
            let chosen = Response::Json {
                ty: ty.clone(),
                collection,
            };
            let why = if chosen == graph_says {
                "the path's is used"
            } else if chosen == page_says {
                "the page says so explicitly, so the page's is used"
            } else {
                "the page's type and the path's collection are used"
            };
            (Some(chosen), why)
        }
        _ if documented.type_specific => (
            from_page,
            "the page says so explicitly, so the page's is used",
        ),
        _ => (from_graph, "the path's is used"),
    };
    diags.push(
        Diagnostic::new(
            Code::ResponseMismatch,
            documented.span,
            format!(
                "the page documents the response as `{}`, but `{}` addresses `{}`",
                page_says.describe(),
                op.lines
                    .iter()
                    .find(|l| l.address.is_some())
                    .map_or(String::new(), |l| l.raw.clone()),
                graph_says.describe()
            ),
        )
        .label(why)
        .help("say \"a collection of\" for collections, or annotate the response example with its `@odata.type`"),
    );
    chosen
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
        Addressed::Bytes if method == "PUT" => Some(Body::Bytes),
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
