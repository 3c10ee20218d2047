//! Which response a request line has when the page, its example and the address graph say
//! different things: the page's word, the graph's, or the kind the example shows.

use super::graph::TypeGraph;
use crate::diagnostic::{Code, Diagnostic};
use crate::ir::{
    Address, Addressed, DocumentedResponse, Operation, Primitive, QualifiedName, RequestLine,
    Response, Step, TypeRef,
};

/// What the page says, as a response.
pub(super) fn page_response(documented: &DocumentedResponse) -> Response {
    match &documented.ty {
        Some(TypeRef::Primitive(Primitive::Stream)) => Response::Bytes,
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
        ("GET", Addressed::Count) => Some(Response::Count),
        // An action that returns nothing answers 204.
        (
            _,
            Addressed::Operation {
                returns: None,
                function: false,
            },
        ) => Some(Response::Empty),
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

/// The named type of a JSON response and whether it is a collection.
pub(super) fn named(response: &Response) -> Option<(&QualifiedName, bool)> {
    match response {
        Response::Json {
            ty: TypeRef::Named(q),
            collection,
        } => Some((q, *collection)),
        _ => None,
    }
}

/// Whether two responses say the same, a more derived type on the page counting as the same.
pub(super) fn agree(graph_says: &Response, page_says: &Response, graph: &TypeGraph) -> bool {
    match (named(graph_says), named(page_says)) {
        (Some((g, gc)), Some((p, pc))) => gc == pc && graph.is_or_derives(p, g),
        _ => graph_says == page_says,
    }
}

/// A disagreement between page and path, keyed so that a page reports each one once.
type Disagreement = ((String, String), Diagnostic);

/// The graph decides, except where the page is specific (an annotation, "collection of", a
/// 204): then the page does. A disagreement is reported either way; a write the page says
/// answers nothing is not one (Graph answers updates either way).
pub(super) fn choose_response(
    op: &Operation,
    line: &RequestLine,
    from_graph: Option<Response>,
    graph: &TypeGraph,
) -> (Option<Response>, Option<Disagreement>) {
    let method = line.method.as_str();
    let documented = op.documented_response.as_ref();
    let from_page = documented.map(page_response);
    let (Some(graph_says), Some(page_says), Some(documented)) =
        (from_graph.clone(), from_page.clone(), documented)
    else {
        return (from_graph.or(from_page), None);
    };
    if agree(&graph_says, &page_says, graph) {
        return (from_graph, None);
    }
    if page_says == Response::Empty && method != "GET" {
        // Graph answers an update either way, and a `202 Accepted` carries its `Location` in a
        // header; anything else the path says answers a value is read as that value or
        // nothing, so that neither the page nor the path can make the answer lost.
        let update = matches!(method, "PATCH" | "PUT");
        return match &graph_says {
            Response::Json { ty, collection } if !update && !documented.accepted => {
                let chosen = Response::JsonOrEmpty {
                    ty: ty.clone(),
                    collection: *collection,
                };
                let diagnostic = Diagnostic::new(
                    Code::ResponseMismatch,
                    documented.span,
                    format!(
                        "the page says the response has no body, but `{}` addresses `{}`",
                        line.raw,
                        graph_says.describe()
                    ),
                )
                .label("read as that value when the service sends one, and as nothing otherwise")
                .secondary(line.span, "this request line")
                .help("say what a successful response carries, or annotate the response example with its `@odata.type`");
                (
                    Some(chosen),
                    Some(((graph_says.describe(), page_says.describe()), diagnostic)),
                )
            }
            _ => (from_page, None),
        };
    }
    // Bytes, and the nothing a `$ref` write or a delete answers, are facts of the URL: a page
    // that documents the JSON of its other lines does not describe these.
    if matches!(graph_says, Response::Bytes | Response::Empty) {
        return (from_graph, None);
    }
    // A cast narrows what the page documents as the base type.
    if let (Some((g, gc)), Some((p, pc))) = (named(&graph_says), named(&page_says)) {
        if gc == pc && graph.is_or_derives(g, p) {
            return (from_graph, None);
        }
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
    let diagnostic = Diagnostic::new(
        Code::ResponseMismatch,
        documented.span,
        format!(
            "the page documents the response as `{}`, but `{}` addresses `{}`",
            page_says.describe(),
            line.raw,
            graph_says.describe()
        ),
    )
    .label(why)
    .secondary(line.span, "this request line")
    .help("say \"a collection of\" for collections, or annotate the response example with its `@odata.type`");
    (
        chosen,
        Some(((graph_says.describe(), page_says.describe()), diagnostic)),
    )
}
