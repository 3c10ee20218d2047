//! Every HTTP request example of the docs as Rust (`crate::surface::snippets` finds the call): the
//! navigation chain with the example's keys and arguments, its query options as setters, and its
//! body as a model literal (an action's body struct, fields and all). Each is a case of
//! `tests/doc_examples/snippets.rs`, which builds the `http::Request` and compares method, path,
//! query and JSON body with the example; the first snippet of each call is shown in its docs.

use super::response_examples::in_crate;
use super::snippet_bodies::{as_graph_reads, catch_all_only, literal_model, CatchAllOnly};
use super::snippet_exprs::request_expr;
use super::test_parts;
use super::{Context, GeneratedFile};
use crate::ir::Body;
use crate::surface::{SentBody, Snippet, Why};
use proc_macro2::TokenStream;
use quote::quote;

/// `tests/doc_examples/snippets.rs` and its parts, one per area (`test_parts.rs`).
pub fn snippet_files(cx: &Context) -> Vec<GeneratedFile> {
    let made = (0..cx.snippet_count()).map(|i| (cx.origin_span(cx.snippet(i).origin).file, i));
    let parts = test_parts::by_area(cx, made);
    test_parts::emit::<Snippets>(cx, "snippets", &parts, ())
}

/// The snippet cases, each an index into `Snippets::made`. The table file works its summary
/// out itself: it lists the snippets whose bodies do not fit their models, which only building
/// them tells, and the examples no snippet reproduces.
struct Snippets;

impl test_parts::Split for Snippets {
    type Case = usize;
    type Summary = ();

    fn part(cx: &Context, cases: &[usize]) -> TokenStream {
        part(cx, cases)
    }

    fn table(cx: &Context, table: &test_parts::Table<()>) -> TokenStream {
        table_file(cx, table)
    }
}

/// The snippet's request expression, or why it does not reproduce its example: its body does
/// not fit its model, or would land only in the model's catch-all. The parts and the table file
/// both decide by this, so they leave out the same snippets.
fn reproduced(cx: &Context, snippet: &Snippet) -> Result<TokenStream, Why> {
    let call = &cx.node(snippet.node).calls[snippet.call];
    if let (Some(body), Some(SentBody::Json(json))) = (&cx.operation(call.op).body, &snippet.body) {
        match catch_all_only(cx, snippet.origin.example(), call.op, body, json) {
            Some(CatchAllOnly::Defect(why)) => return Err(Why::Generator(why)),
            Some(CatchAllOnly::Example(why)) => return Err(Why::Example(why)),
            Some(CatchAllOnly::Exempt(_)) | None => {}
        }
    }
    request_expr(cx, snippet).ok_or_else(|| Why::Example("its body does not fit its model".into()))
}

/// The features a case needs: its call's area, and the area of the derived model its body
/// literal is, when that is another (an `Any…` body's variant exists only with its feature).
fn case_gate(cx: &Context, snippet: &Snippet) -> TokenStream {
    let call = &cx.node(snippet.node).calls[snippet.call];
    let op = cx.operation(call.op);
    let area = cx.page_area(op.page);
    let literal_area = match (&op.body, &snippet.body) {
        (Some(Body::Model(q)), Some(SentBody::Json(json))) => {
            let model = literal_model(cx, q, json);
            (model != q).then(|| cx.type_area(model)).flatten()
        }
        _ => None,
    };
    match literal_area.filter(|a| *a != area) {
        Some(other) => quote!(#[cfg(all(feature = #area, feature = #other))]),
        None => super::manifest::cfg(area),
    }
}

/// One part: `push`, which adds the snippets of one area whose bodies fit their models.
fn part(cx: &Context, snippets: &[usize]) -> TokenStream {
    let krate = cx.crate_ident();
    let cases = snippets.iter().filter_map(|&index| {
        let snippet = cx.snippet(index);
        let expr = in_crate(reproduced(cx, snippet).ok()?, &krate);
        let call = &cx.node(snippet.node).calls[snippet.call];
        let gate = case_gate(cx, snippet);
        let at = at(cx, snippet.origin);
        let (method, path) = (&snippet.method, &snippet.path);
        let query = snippet.query.iter().map(|(k, v)| quote!((#k, #v)));
        let body = match (&snippet.body, &cx.operation(call.op).body) {
            (Some(SentBody::Json(json)), Some(body)) => {
                let text = as_graph_reads(cx, body, json).to_string();
                quote!(Sent::Json(#text))
            }
            (Some(SentBody::Json(json)), None) => {
                let text = json.to_string();
                quote!(Sent::Json(#text))
            }
            (Some(SentBody::Bytes(text)), _) => quote!(Sent::Bytes(#text)),
            (None, _) => quote!(Sent::Nothing),
        };
        Some(quote! {
            #gate
            cases.push(Case {
                at: #at,
                method: #method,
                path: #path,
                query: &[#( #query ),*],
                body: #body,
                build: || {
                    let request = #expr;
                    ::std::result::Result::Ok(request.to_http_request(#krate::support::DEFAULT_BASE_URL)?)
                },
            });
        })
    });
    quote! {
        use super::*;

        pub(super) fn push(cases: &mut ::std::vec::Vec<Case>) {
            #( #cases )*
        }
    }
}

/// The file that mounts the parts: its summary (with every example not reproduced, and why),
/// the runner (`tests/doc_examples_runner/snippets.rs`, hand-written: the cases' type and the
/// test) and every part's cases.
fn table_file(cx: &Context, table: &test_parts::Table<()>) -> TokenStream {
    let krate = cx.crate_ident();
    let (mounts, modules) = (table.mounts(), table.modules());
    let mut left_out: Vec<(String, &Why)> = cx
        .left_out()
        .iter()
        .map(|(e, why)| (at(cx, *e), why))
        .collect();
    let mut made = 0;
    let mut not_made = Vec::new();
    let mut exempt = Vec::new();
    for index in 0..cx.snippet_count() {
        let snippet = cx.snippet(index);
        match reproduced(cx, snippet) {
            Ok(_) => made += 1,
            Err(why) => not_made.push((at(cx, snippet.origin), why)),
        }
        let call = &cx.node(snippet.node).calls[snippet.call];
        if let (Some(body), Some(SentBody::Json(json))) =
            (&cx.operation(call.op).body, &snippet.body)
        {
            if let Some(CatchAllOnly::Exempt(why)) =
                catch_all_only(cx, snippet.origin.example(), call.op, body, json)
            {
                exempt.push(format!(" - {}: {why}", at(cx, snippet.origin)));
            }
        }
    }
    left_out.extend(not_made.iter().map(|(at, why)| (at.clone(), why)));
    let ours: Vec<String> = left_out
        .iter()
        .filter(|(_, w)| matches!(w, Why::Generator(_)))
        .map(|(at, w)| format!(" - {at}: {}", w.text()))
        .collect();
    let defective: Vec<String> = left_out
        .iter()
        .filter(|(_, w)| matches!(w, Why::Example(_)))
        .map(|(at, w)| format!(" - {at}: {}", w.text()))
        .collect();
    let doc = [
        format!(
            " Every HTTP request example in `{}/` as the Rust that sends it: {made} snippets of {} \
             valid request examples, each built into an `http::Request` and compared with its \
             example (method, path, query, JSON body). The cases are in one file per area of \
             the docs, below `snippets/`.",
            cx.docs_label(),
            made + ours.len()
        ),
        String::new(),
        match ours.len() {
            1 => " 1 valid example is not reproduced:".to_owned(),
            n => format!(" {n} valid examples are not reproduced:"),
        },
    ];
    let defective_doc = [
        String::new(),
        format!(
            " {} examples are not valid (a diagnostic reports each) and are not reproduced:",
            defective.len()
        ),
    ];
    let exempt_doc = [
        String::new(),
        format!(
            " {} snippets set only `additional_properties` of their body, and rightly so:",
            exempt.len()
        ),
    ];
    let left_out_doc = ours
        .iter()
        .chain(&defective_doc)
        .chain(&defective)
        .chain(&exempt_doc)
        .chain(&exempt);
    quote! {
        #( #![doc = #doc] )*
        #( #![doc = #left_out_doc] )*
        // Model literals need every model's area: with an area off its models are JSON values.
        #![cfg(feature = "full")]
        // `let_and_return`: when no example is reproduced the list stays empty.
        #![allow(clippy::needless_update, clippy::vec_init_then_push, clippy::let_and_return, unused_mut, unused_imports)]
        use #krate::prelude::*;
        use #krate as krate;
        #[path = "../doc_examples_runner/snippets.rs"]
        mod runner;
        use runner::*;

        #mounts

        fn cases() -> ::std::vec::Vec<Case> {
            let mut cases = ::std::vec::Vec::new();
            #( #modules::push(&mut cases); )*
            cases
        }
    }
}

fn at(cx: &Context, origin: crate::surface::Origin) -> String {
    let (path, line) = cx.path_line(cx.origin_span(origin));
    format!("{}/{path}:{line}", cx.docs_label())
}
