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
    covered_with_options(what, read, change, |_| {});
}

/// `covered`, with a change of the emit options too.
fn covered_with_options<T: Debug>(
    what: &str,
    read: impl Fn(&Context) -> T,
    change: impl FnOnce(&mut Analysis),
    change_options: impl FnOnce(&mut EmitOptions),
) {
    let options = EmitOptions {
        format_cache: Some(Arc::new(FormatCache::new(CacheEntries::default()))),
        ..EmitOptions::default()
    };
    let mut options_after = options.clone();
    change_options(&mut options_after);
    let before = seed_analysis();
    let mut after = seed_analysis();
    change(&mut after);
    let facts_before = Facts::new(&before, &options);
    let facts_after = Facts::new(&after, &options_after);
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
        label_elsewhere,
    );
    covered("areas", |cx| cx.areas().clone(), label_elsewhere);
    covered(
        "derived",
        |cx| cx.derived().clone(),
        shape_derives_from_label,
    );
    covered(
        "any_name",
        |cx| cx.any_name(&label).map(str::to_owned),
        shape_derives_from_label,
    );
    covered("types, a type added", |cx| cx.types().count(), add_caption);
    covered(
        "type_def, a type added",
        |cx| cx.type_def(&graph_type("caption")).map(|d| d.name.clone()),
        add_caption,
    );
    covered(
        "type_name",
        |cx| cx.type_name(&label).map(str::to_owned),
        rename_label,
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
    covered_with_options(
        "docs_label",
        |cx| cx.docs_label().to_owned(),
        |_| {},
        |o| o.docs_label = "reference".into(),
    );
    covered(
        "resolve_link",
        |cx| cx.resolve_link(cx.operation(0).page, "../resources/label.md"),
        |a| rename_page(a, "resources/label.md", "resources/caption.md"),
    );
    covered(
        "type_of_page",
        |cx| {
            cx.type_of_page(cx.type_def(&graph_type("label"))?.declared_at[0].file)
                .cloned()
        },
        rename_label,
    );
    covered(
        "sources",
        |cx| {
            (cx.sources().iter())
                .map(|(_, f)| f.path.clone())
                .collect::<Vec<_>>()
        },
        |a| rename_page(a, "resources/label.md", "resources/zz-label.md"),
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
    // Positions are found in an analysis of their own, so that finding them reads nothing.
    let seeds = seed_analysis();
    let (op, line) = documented_line(&seeds);
    let (node, call) = first_call(&seeds);
    covered(
        "line",
        |cx| cx.line(op, line).0.to_owned(),
        |a| a.ir.operations[op].lines[line].method = "PURGE".into(),
    );
    covered(
        "line_count",
        |cx| cx.line_count(op),
        |a| {
            let copy = seed_analysis().ir.operations[op].lines.remove(line);
            a.ir.operations[op].lines.push(copy);
        },
    );
    covered(
        "has_body",
        |cx| cx.has_body(op),
        |a| {
            let body = &mut a.ir.operations[op].body;
            *body = match body {
                Some(_) => None,
                None => Some(crate::ir::Body::Bytes),
            };
        },
    );
    covered(
        "call_areas",
        |cx| cx.call_areas(&cx.node(node).calls[call]),
        |a| {
            let op = a.surface.nav.nodes[node].calls[call].lines[0].0;
            let page = a.ir.operations[op].page;
            a.ir.page_areas.insert(page, "elsewhere".into());
        },
    );
    covered(
        "call_of",
        |cx| cx.call_of(op).map(|(node, call)| (node, call.name.clone())),
        |a| {
            let sent_by = std::mem::take(&mut a.surface.nav.sent_by);
            let moved = sent_by
                .into_iter()
                .map(|((o, l), (n, c))| ((o + 1, l), (n, c)));
            a.surface.nav.sent_by = moved.collect();
        },
    );
    covered(
        "operation_count",
        |cx| cx.operation_count(),
        |a| {
            a.ir.operations
                .push(seed_analysis().ir.operations.remove(0))
        },
    );
    covered(
        "example",
        |cx| cx.example(0).json.clone(),
        |a| a.ir.examples[0].json = "{}".into(),
    );
    covered(
        "example_count",
        |cx| cx.example_count(),
        |a| {
            a.ir.examples.pop();
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
    covered(
        "empty_response_count",
        |cx| cx.empty_response_count(),
        |a| {
            a.ir.empty_responses.pop();
        },
    );
    covered(
        "origin_span, a request without a body",
        |cx| cx.origin_span(crate::surface::Origin::Bodiless(0)),
        |a| a.ir.bodiless_requests[0].span.start += 1,
    );
}

#[test]
fn what_a_surface_accessor_returns_is_in_what_it_records() {
    covered(
        "node",
        |cx| cx.node(0).template.clone(),
        |a| a.surface.nav.nodes[0].template = "/changed".into(),
    );
    // Positions are found in an analysis of their own, so that finding them reads nothing.
    let seeds = seed_analysis();
    let nodes = &seeds.surface.nav.nodes;
    let below = nodes.iter().position(|n| n.parent.is_some());
    let below = below.expect("a node below a root");
    let (node, call) = first_call(&seeds);
    let (shown_node, shown_call) = shown(&seeds);
    let counting =
        (0..nodes.len()).find(|&n| seeds.surface.nav.counts(n) && !nodes[n].children.is_empty());
    let counting = counting.expect("a collection with a step below it");
    covered(
        "chain, a step above",
        |cx| cx.chain(below),
        |a| {
            let nav = &mut a.surface.nav;
            let parent = nav.nodes[below].parent.expect("its parent");
            nav.nodes[parent].step.name = "changed".into();
        },
    );
    covered(
        "counts, a step below named count",
        |cx| cx.counts(counting),
        |a| {
            let nav = &mut a.surface.nav;
            let child = nav.nodes[counting].children[0];
            nav.nodes[child].step.name = "count".into();
        },
    );
    covered(
        "call_chain, whether the call takes a body",
        |cx| cx.call_chain(node, &cx.node(node).calls[call]),
        |a| {
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
            cx.snippet_of_call(shown_node, shown_call)
                .map(|s| s.path.clone())
        },
        |a| {
            let i = a.surface.snippet_of_call[&(shown_node, shown_call)];
            a.surface.snippets.made[i].path = "/changed".into();
        },
    );
    covered(
        "snippet_count",
        |cx| cx.snippet_count(),
        |a| {
            let again = seed_analysis().surface.snippets.made.remove(0);
            a.surface.snippets.made.push(again);
        },
    );
    covered(
        "start_type",
        |cx| cx.start_type().to_owned(),
        |a| a.surface.nav.root = "Start".into(),
    );
    covered(
        "nav, a node added",
        |cx| cx.nav().nodes.len(),
        |a| {
            let again = seed_analysis().surface.nav.nodes.remove(below);
            a.surface.nav.nodes.push(again);
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

fn first_call(a: &Analysis) -> (usize, usize) {
    let node = a.surface.nav.nodes.iter().position(|n| !n.calls.is_empty());
    (node.expect("the seeds document a call"), 0)
}

/// The seeds' analysis with page `path` renamed to `to`.
fn rename_page(a: &mut Analysis, path: &str, to: &str) {
    let files = (a.sources.iter()).map(|(_, f)| {
        let name = if f.path == path { to } else { &f.path };
        SourceFile::new(name, &f.text)
    });
    a.sources = SourceSet::new(files.collect());
}

/// A type `caption` beside `label`, defined as it is.
fn add_caption(a: &mut Analysis) {
    let label = seed_analysis().ir.types.remove(&graph_type("label"));
    insert_as_caption(a, label.expect("label is documented"));
}

/// `label` renamed `caption`.
fn rename_label(a: &mut Analysis) {
    let label = a.ir.types.remove(&graph_type("label"));
    insert_as_caption(a, label.expect("label is documented"));
}

fn insert_as_caption(a: &mut Analysis, def: crate::ir::TypeDef) {
    let name = graph_type("caption");
    (a.ir.types).insert(name.clone(), crate::ir::TypeDef { name, ..def });
}

/// The page declaring `label` in another area.
fn label_elsewhere(a: &mut Analysis) {
    let page = a.ir.types[&graph_type("label")].declared_at[0].file;
    a.ir.page_areas.insert(page, "elsewhere".into());
}

/// `shape` derived from `label`, which then has an `Any` enum.
fn shape_derives_from_label(a: &mut Analysis) {
    (a.graph.derived).insert(graph_type("label"), vec![graph_type("shape")]);
}
