//! The IR as JSON for other tools (`cargo xtask codegen --dump-ir FILE`), with the request
//! surface beside it: its shape is what this file and `surface/dump.rs` write; type names use
//! CSDL spelling and sources are `path:line`.

use crate::ir::{Body, DocumentedResponse, Ir, Operation, RequestLine, Response, TypeKind};
use crate::source::SourceSet;
use serde_json::{json, Value};

/// What `--dump-ir` writes: the IR's types, operations and examples, and the request surface
/// (`requests`) that emit renders.
pub fn dump_analysis(analysis: &crate::Analysis) -> Value {
    let mut dump = dump_ir(&analysis.sources, &analysis.ir);
    dump["requests"] =
        crate::surface::dump::dump(&analysis.surface, &analysis.ir, &analysis.sources);
    dump
}

pub fn dump_ir(sources: &SourceSet, ir: &Ir) -> Value {
    let source = |span| {
        let (path, line) = sources.path_line(span);
        format!("{path}:{line}")
    };
    let types: Vec<Value> = ir
        .types
        .values()
        .map(|t| {
            json!({
                "name": t.name.to_string(),
                "kind": match t.kind {
                    TypeKind::Entity => "entity",
                    TypeKind::Complex => "complex",
                    TypeKind::Enum => "enum",
                },
                "abstract": t.is_abstract,
                "open": t.is_open,
                "flags": t.is_flags,
                "base": t.base.as_ref().map(ToString::to_string),
                "description": t.description,
                "properties": t.properties.iter().map(|p| json!({
                    "name": p.name,
                    "type": p.ty.to_string(),
                    "collection": p.collection,
                    "navigation": p.navigation,
                    "description": p.description,
                    "source": source(p.span),
                })).collect::<Vec<_>>(),
                "members": t.members.iter().map(|m| json!({
                    "name": m.name,
                    "value": m.value,
                    "description": m.description,
                    "source": source(m.span),
                })).collect::<Vec<_>>(),
                "sources": t.declared_at.iter().map(|s| source(*s)).collect::<Vec<_>>(),
            })
        })
        .collect();
    let operations: Vec<Value> = ir
        .operations
        .iter()
        .flat_map(|op| {
            // Every field named, none skipped with `..`: a field the IR gains must be dumped
            // (or consciously left out here) before this compiles.
            let Operation {
                page,
                title,
                description,
                lines,
                body,
                response: _, // the first resolved line's; each line carries its own below
                documented_response,
                query_options,
                headers,
                content_type,
                permissions,
                span: _, // the title; each line has its own source
            } = op;
            let documented = documented_response.as_ref().map(|d| {
                let DocumentedResponse {
                    ty,
                    collection,
                    type_specific,
                    collection_specific,
                    accepted,
                    span,
                } = d;
                json!({
                    "type": ty.as_ref().map(ToString::to_string),
                    "collection": collection,
                    "type_specific": type_specific,
                    "collection_specific": collection_specific,
                    "accepted": accepted,
                    "source": source(*span),
                })
            });
            lines.iter().map(move |line| {
                let RequestLine {
                    method,
                    path,
                    raw,
                    span,
                    address,
                    response,
                    from_example,
                    documented_by,
                } = line;
                json!({
                    "method": method,
                    "path": path.as_ref().map(ToString::to_string),
                    "raw": raw,
                    "from_example": from_example,
                    "documented_by": documented_by.map(|(op, _)| sources.get(ir.operations[op].page).path.clone()),
                    "page": sources.get(*page).path,
                    "source": source(*span),
                    "title": title,
                    "description": description,
                    "body": match body {
                        Some(Body::Model(q)) => Value::String(q.to_string()),
                        Some(Body::Reference) => Value::String("reference".into()),
                        Some(Body::Bytes) => Value::String("bytes".into()),
                        Some(Body::Parameters(_)) | None => Value::Null,
                    },
                    "body_parameters": match body {
                        Some(Body::Parameters(params)) => params.iter().map(|p| json!({
                            "name": p.name,
                            "type": p.ty.to_string(),
                            "collection": p.collection,
                            "source": source(p.span),
                        })).collect::<Vec<_>>(),
                        _ => Vec::new(),
                    },
                    "response": response.as_ref().map(Response::describe),
                    "documented_response": documented,
                    "address": address.as_ref().map(address_json),
                    "query_options": query_options,
                    "headers": headers,
                    "content_type": content_type,
                    "permissions": permissions,
                    "area": ir.page_area(*page),
                })
            })
        })
        .collect();
    let examples: Vec<Value> = ir
        .examples
        .iter()
        .map(|e| {
            json!({
                "kind": match e.kind { crate::ir::ExampleKind::Request => "request", crate::ir::ExampleKind::Response => "response" },
                "name": e.name,
                "type": e.ty.as_ref().map(ToString::to_string),
                "source": source(e.span),
            })
        })
        .collect();
    json!({ "types": types, "operations": operations, "examples": examples })
}

/// The resolved steps of a request path, one object per step, every field of each step.
fn address_json(address: &crate::ir::Address) -> Value {
    use crate::ir::Step;
    let steps: Vec<Value> = address
        .steps
        .iter()
        .map(|s| {
            let step = match &s.step {
                Step::Root {
                    name,
                    ty,
                    collection,
                } => json!({"root": name, "type": ty.to_string(), "collection": collection}),
                Step::Key => json!({"key": true}),
                Step::Property {
                    name,
                    ty,
                    collection,
                    navigation,
                } => json!({
                    "property": name,
                    "type": ty.to_string(),
                    "collection": collection,
                    "navigation": navigation,
                }),
                Step::Cast { ty } => json!({"cast": ty.to_string()}),
                Step::Operation {
                    name,
                    function,
                    returns,
                } => json!({
                    "operation": name,
                    "function": function,
                    "returns": returns.as_ref().map(|(t, c)| if *c {
                        format!("Collection({t})")
                    } else {
                        t.to_string()
                    }),
                }),
                Step::ItemPath => json!({"item_path": true}),
                Step::Value => json!({"value": true}),
                Step::Ref => json!({"ref": true}),
                Step::Count => json!({"count": true}),
            };
            json!({"segment": s.segment, "step": step})
        })
        .collect();
    Value::Array(steps)
}
