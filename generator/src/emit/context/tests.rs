//! Each accessor's record is checked against what it returns: the analysis of the seed docs and
//! the pages of `tests/support/frame_pages.rs` is changed where one accessor reads, and the content of an input the accessor recorded must
//! change with what it returns. An accessor that records the wrong input, or a kind whose
//! content leaves out what an accessor returns, fails here; that is the stale file a reused
//! build would otherwise write.

use super::{Context, Facts, Recorder};
use crate::analysis::Analysis;
use crate::emit::format_cache::{CacheEntries, FormatCache};
use crate::emit::EmitOptions;
use crate::ir::{QualifiedName, TypeRef};
use crate::source::{SourceFile, SourceSet};
use std::fmt::Debug;
use std::sync::Arc;

#[path = "../../../tests/support/frame_pages.rs"]
mod frame_pages;

fn seed_analysis() -> Analysis {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../docs");
    let mut files = Vec::new();
    for dir in ["api", "resources"] {
        for entry in std::fs::read_dir(root.join(dir)).expect("the seed docs") {
            let path = entry.expect("a seed page").path();
            let text = std::fs::read_to_string(&path).expect("a seed page's text");
            let name = path.file_name().expect("a file").to_string_lossy();
            files.push(SourceFile::new(format!("{dir}/{name}"), &text));
        }
    }
    files.extend((frame_pages::EXTRA.iter()).map(|(path, text)| SourceFile::new(*path, text)));
    crate::analysis::analyze(&SourceSet::new(files))
}

/// Checks that `change` changes what `read` returns, and the content of an input `read`
/// recorded.
fn covered<T: Debug>(what: &str, read: impl Fn(&Context) -> T, change: impl FnOnce(&mut Analysis)) {
    let options = EmitOptions {
        format_cache: Some(Arc::new(FormatCache::new(CacheEntries::default()))),
        ..EmitOptions::default()
    };
    let before = seed_analysis();
    let mut after = seed_analysis();
    change(&mut after);
    let (facts_before, facts_after) = (Facts::new(&before, &options), Facts::new(&after, &options));
    let recorder = Recorder::default();
    let recording = Context {
        facts: &facts_before,
        recorder: Some(&recorder),
    };
    let value_before = format!("{:?}", read(&recording));
    let reads = recorder.finish();
    let value_after = format!("{:?}", read(&Context::planning(&facts_after)));
    assert_ne!(
        value_before, value_after,
        "{what}: the change does not reach the read"
    );
    let contents = |facts: &Facts| -> Vec<_> { reads.iter().map(|&i| facts.content(i)).collect() };
    assert_ne!(
        contents(&facts_before),
        contents(&facts_after),
        "{what}: it read {reads:?}, whose contents did not change"
    );
}

fn graph_type(name: &str) -> QualifiedName {
    QualifiedName::new("microsoft.graph", name)
}

/// The first operation with a usable request line, and that line.
fn documented_line(a: &Analysis) -> (usize, usize) {
    (a.ir.operations.iter().enumerate())
        .find_map(|(o, op)| Some((o, op.lines.iter().position(|l| l.path.is_some())?)))
        .expect("the seeds document a request")
}

/// The first `(node, call)` whose docs show a snippet.
fn shown(a: &Analysis) -> (usize, usize) {
    *a.surface
        .snippet_of_call
        .keys()
        .next()
        .expect("a seed request example is a snippet")
}

#[test]
fn what_a_type_accessor_returns_is_in_what_it_records() {
    let (shape, circle, label) = (
        graph_type("shape"),
        graph_type("circle"),
        graph_type("label"),
    );
    covered(
        "type_def",
        |cx| {
            cx.type_def(&shape)
                .map(|d| d.properties[0].description.clone())
        },
        |a| {
            let def = a.ir.types.get_mut(&shape).expect("shape is documented");
            def.properties[0].description = Some("changed".into());
        },
    );
    covered(
        "all_properties, a base's property",
        |cx| {
            let def = cx.type_def(&circle)?;
            let all = cx.all_properties(def);
            Some(
                all.iter()
                    .map(|p| p.description.clone())
                    .collect::<Vec<_>>(),
            )
        },
        |a| {
            let def =
                a.ir.types
                    .get_mut(&shape)
                    .expect("circle's base is documented");
            def.properties[0].description = Some("changed".into());
        },
    );
    covered(
        "is_flags",
        |cx| cx.is_flags(&label),
        |a| a.ir.types.get_mut(&label).expect("label").is_flags = true,
    );
    covered(
        "is_eq",
        |cx| cx.is_eq(&TypeRef::Named(label.clone())),
        |a| {
            let def = a.ir.types.get_mut(&label).expect("label");
            def.properties[0].ty = TypeRef::Primitive(crate::ir::Primitive::Double);
        },
    );
    covered(
        "needs_box",
        |cx| cx.needs_box(&graph_type("frame"), &label),
        |a| {
            // A label that holds its frame: the frame's label field must then be boxed.
            let def = a.ir.types.get_mut(&label).expect("label");
            def.properties[0].ty = TypeRef::Named(graph_type("frame"));
        },
    );
    covered(
        "type_area",
        |cx| cx.type_area(&label).map(str::to_owned),
        |a| {
            let page = a.ir.types[&label].declared_at[0].file;
            a.ir.page_areas.insert(page, "elsewhere".into());
        },
    );
    covered(
        "areas",
        |cx| cx.areas().clone(),
        |a| {
            let page = a.ir.types[&label].declared_at[0].file;
            a.ir.page_areas.insert(page, "elsewhere".into());
        },
    );
    covered(
        "derived",
        |cx| cx.derived().clone(),
        |a| {
            a.graph.derived.insert(label.clone(), vec![shape.clone()]);
        },
    );
    covered(
        "type_name",
        |cx| cx.type_name(&label).map(str::to_owned),
        |a| {
            let def = a.ir.types.remove(&label).expect("label");
            let renamed = graph_type("caption");
            a.ir.types.insert(
                renamed.clone(),
                crate::ir::TypeDef {
                    name: renamed,
                    ..def
                },
            );
        },
    );
}

#[test]
fn what_a_page_accessor_returns_is_in_what_it_records() {
    covered(
        "path_line",
        |cx| cx.path_line(cx.operation(0).span).1,
        |a| {
            let page = a.ir.operations[0].page;
            let files = (a.sources.iter()).map(|(id, f)| {
                let text = if id == page {
                    // A line less above the span: the same bytes, one newline turned to a space.
                    let at = a.ir.operations[0].span.start as usize;
                    let newline = f.text[..at].rfind('\n').expect("the span is below a line");
                    let mut text = f.text.clone();
                    text.replace_range(newline..=newline, " ");
                    text
                } else {
                    f.text.clone()
                };
                SourceFile::new(f.path.clone(), &text)
            });
            a.sources = SourceSet::new(files.collect());
        },
    );
    covered(
        "page_area",
        |cx| cx.page_area(cx.operation(0).page).to_owned(),
        |a| {
            let page = a.ir.operations[0].page;
            a.ir.page_areas.insert(page, "elsewhere".into());
        },
    );
    covered(
        "config",
        |cx| cx.crate_ident().to_string(),
        |a| a.config.krate.name = "another-client".into(),
    );
}

#[test]
fn what_an_operation_or_example_accessor_returns_is_in_what_it_records() {
    covered(
        "operation",
        |cx| cx.operation(0).description.clone(),
        |a| a.ir.operations[0].description = Some("changed".into()),
    );
    covered(
        "line",
        |cx| {
            let (op, line) = documented_line_of(cx);
            cx.line(op, line).0.to_owned()
        },
        |a| {
            let (op, line) = documented_line(a);
            a.ir.operations[op].lines[line].method = "PURGE".into();
        },
    );
    covered(
        "call_areas",
        |cx| {
            let (node, call) = first_call(cx);
            cx.call_areas(&cx.node(node).calls[call])
        },
        |a| {
            let (node, call) = first_call_of(a);
            let op = a.surface.nav.nodes[node].calls[call].lines[0].0;
            let page = a.ir.operations[op].page;
            a.ir.page_areas.insert(page, "elsewhere".into());
        },
    );
    covered(
        "example and verdict",
        |cx| format!("{:?}", cx.verdict(0)),
        |a| a.verdicts.examples[0] = crate::check::ExampleOutcome::NoModel,
    );
    covered(
        "recovered",
        |cx| cx.recovered(0).map(str::to_owned),
        |a| {
            a.verdicts.recovered.insert(0, "{}".into());
        },
    );
    covered(
        "origin_span",
        |cx| cx.origin_span(crate::surface::Origin::Example(0)),
        |a| {
            let e = &mut a.ir.examples[0];
            e.span.start += 1;
            if let Some((_, _, span)) = &mut e.request {
                span.start += 1;
            }
        },
    );
    covered(
        "empty_response",
        |cx| cx.empty_response(0).status,
        |a| a.ir.empty_responses[0].status = 299,
    );
}

#[test]
fn what_a_surface_accessor_returns_is_in_what_it_records() {
    covered(
        "node",
        |cx| cx.node(0).template.clone(),
        |a| a.surface.nav.nodes[0].template = "/changed".into(),
    );
    covered(
        "chain, a step above",
        |cx| {
            let below = (0..cx.nav_index().nodes.len()).find(|&n| cx.node(n).parent.is_some());
            cx.chain(below.expect("a node below a root"))
        },
        |a| {
            let nav = &mut a.surface.nav;
            let below = nav.nodes.iter().position(|n| n.parent.is_some());
            let parent = nav.nodes[below.expect("a node below a root")].parent;
            nav.nodes[parent.expect("its parent")].step.name = "changed".into();
        },
    );
    covered(
        "call_chain, whether the call takes a body",
        |cx| {
            let (node, call) = first_call(cx);
            cx.call_chain(node, &cx.node(node).calls[call])
        },
        |a| {
            let (node, call) = first_call_of(a);
            let op = a.surface.nav.nodes[node].calls[call].op;
            let body = &mut a.ir.operations[op].body;
            *body = match body {
                Some(_) => None,
                None => Some(crate::ir::Body::Bytes),
            };
        },
    );
    covered(
        "snippet_of_call",
        |cx| {
            let (node, call) = shown_of(cx);
            cx.snippet_of_call(node, call).map(|s| s.path.clone())
        },
        |a| {
            let (node, call) = shown(a);
            let i = a.surface.snippet_of_call[&(node, call)];
            a.surface.snippets.made[i].path = "/changed".into();
        },
    );
    covered(
        "snippet",
        |cx| cx.snippet(0).method.clone(),
        |a| a.surface.snippets.made[0].method = "PURGE".into(),
    );
    covered(
        "left_out",
        |cx| cx.left_out().len(),
        |a| {
            let why = crate::surface::Why::Example("changed".into());
            let left_out = &mut a.surface.snippets.left_out;
            left_out.push((crate::surface::Origin::Example(0), why));
        },
    );
    covered(
        "body_name",
        |cx| cx.body_name(0).map(str::to_owned),
        |a| {
            a.surface.nav.body_names.insert(0, "ChangedBody".into());
        },
    );
    covered(
        "service_root",
        |cx| cx.service_root().to_owned(),
        |a| a.surface.service_root = "https://example.test/v1.0".into(),
    );
}

fn documented_line_of(cx: &Context) -> (usize, usize) {
    (0..cx.operation_count())
        .find_map(|o| {
            Some((
                o,
                (0..cx.line_count(o)).find(|&l| cx.line(o, l).1.is_some())?,
            ))
        })
        .expect("the seeds document a request")
}

fn first_call(cx: &Context) -> (usize, usize) {
    let nav = cx.nav_index();
    let node = (0..nav.nodes.len()).find(|&n| !cx.node(n).calls.is_empty());
    (node.expect("the seeds document a call"), 0)
}

fn first_call_of(a: &Analysis) -> (usize, usize) {
    let node = a.surface.nav.nodes.iter().position(|n| !n.calls.is_empty());
    (node.expect("the seeds document a call"), 0)
}

fn shown_of(cx: &Context) -> (usize, usize) {
    let nav = cx.nav_index();
    (0..nav.nodes.len())
        .flat_map(|n| (0..cx.node(n).calls.len()).map(move |c| (n, c)))
        .find(|&(n, c)| cx.snippet_of_call(n, c).is_some())
        .expect("a seed request example is a snippet")
}
