//! The request surface as JSON, beside the IR in `cargo xtask codegen --dump-ir FILE`: each node
//! with its path, Rust chain and calls, the names that took a suffix, and each request example's
//! fate, so that what emit will render can be read without reading the generated code.

use super::{CallKind, Surface};
use crate::ir::Ir;
use crate::source::SourceSet;
use serde_json::{json, Value};

pub fn dump(surface: &Surface, ir: &Ir, sources: &SourceSet) -> Value {
    let nav = &surface.nav;
    let source = |span| {
        let (path, line) = sources.path_line(span);
        format!("{path}:{line}")
    };
    let nodes: Vec<Value> = nav
        .walk()
        .into_iter()
        .map(|n| {
            let node = &nav.nodes[n];
            let calls: Vec<Value> = node
                .calls
                .iter()
                .map(|call| {
                    json!({
                        "name": call.name,
                        "method": call.http_method,
                        "chain": nav.call_chain(ir, n, call),
                        "kind": match call.kind {
                            CallKind::ReadsCollection => "reads-collection",
                            CallKind::ReadsEntity => "reads-entity",
                            CallKind::ReadsCount => "reads-count",
                            CallKind::Other => "other",
                        },
                        "documented_by": sources.get(ir.operations[call.op].page).path,
                        "body_struct": nav.body_names.get(&call.op),
                        "lines": call.lines.iter().map(|&(op, line)| {
                            source(ir.operations[op].lines[line].span)
                        }).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({
                "template": node.template,
                "chain": nav.chain(n),
                "type": node.type_name,
                "module": node.module,
                "areas": node.areas,
                "calls": calls,
            })
        })
        .collect();
    let left_out: Vec<Value> = (surface.snippets.left_out.iter())
        .map(|(origin, why)| {
            json!({
                "source": source(origin.span(ir)),
                "why": why.text(),
                "defect_of": match why {
                    super::Why::Example(_) => "example",
                    super::Why::Generator(_) => "generator",
                },
            })
        })
        .collect();
    json!({
        "root": nav.root,
        "nodes": nodes,
        "collisions": nav.collisions,
        "snippets": {
            "reproduced": surface.snippets.made.iter().map(|s| source(s.origin.span(ir))).collect::<Vec<_>>(),
            "left_out": left_out,
        },
    })
}
