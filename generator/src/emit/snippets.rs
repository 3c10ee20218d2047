//! Every HTTP request example of the docs as Rust (`crate::surface::snippets` finds the call): the
//! navigation chain with the example's keys and arguments, its query options as setters, and its
//! body as a model literal (an action's body struct, fields and all). Each is a case of
//! `tests/doc_examples/snippets.rs`, which builds the `http::Request` and compares method, path,
//! query and JSON body with the example; the first snippet of each call is shown in its docs.

use super::response_examples::in_crate;
use super::reuse::{KeyHasher, Reuse};
use super::rust_type::ident;
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
    let made = cx.snippets.made.iter();
    let parts = test_parts::by_area(cx, made.map(|s| (s.origin.span(cx.ir).file, s)));
    test_parts::emit(
        cx,
        "snippets",
        &parts,
        test_parts::Split {
            key_item: |key: &mut KeyHasher, reuse: &Reuse, snippet: &&Snippet| {
                snippet_inputs(cx, key, reuse, snippet)
            },
            build_part: |snippets: &[&Snippet]| part(cx, snippets),
            key_harness: |key: &mut KeyHasher, reuse: &Reuse, parts: &[Option<u128>]| {
                // It counts and lists the snippets whose bodies do not fit their models, which
                // only building them tells: it reads all of them. And it lists the examples no
                // snippet reproduces, with their pages and lines.
                key.debug(&parts);
                key.debug(&cx.snippets.left_out);
                for (origin, _) in &cx.snippets.left_out {
                    key.page(reuse, origin.span(cx.ir).file);
                }
            },
            build_harness: |mounts, modules: &[proc_macro2::Ident]| harness(cx, mounts, modules),
        },
    )
}

/// What one snippet's case reads: the snippet and its example's page, the steps it takes, its
/// call and the operation that documents it (its body), the name of an action's body.
fn snippet_inputs(cx: &Context, key: &mut KeyHasher, reuse: &Reuse, snippet: &Snippet) {
    key.debug(snippet);
    key.page(reuse, snippet.origin.span(cx.ir).file);
    for (node, _) in &snippet.steps {
        key.debug(&cx.nav.nodes[*node].step);
    }
    let call = &cx.nav.nodes[snippet.node].calls[snippet.call];
    key.debug(call);
    key.operation(reuse, call.op);
    key.debug(&cx.nav.body_names.get(&call.op));
}

/// The snippet's request expression, or why it does not reproduce its example: its body does
/// not fit its model, or would land only in the model's catch-all. The parts and the harness
/// both decide by this, so they leave out the same snippets.
fn reproduced(cx: &Context, snippet: &Snippet) -> Result<TokenStream, Why> {
    let call = &cx.nav.nodes[snippet.node].calls[snippet.call];
    if let (Some(body), Some(SentBody::Json(json))) =
        (&cx.ir.operations[call.op].body, &snippet.body)
    {
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
    let call = &cx.nav.nodes[snippet.node].calls[snippet.call];
    let op = &cx.ir.operations[call.op];
    let area = cx.ir.page_area(op.page);
    let literal_area = match (&op.body, &snippet.body) {
        (Some(Body::Model(q)), Some(SentBody::Json(json))) => {
            let model = literal_model(cx, q, json);
            (model != q)
                .then(|| cx.ir.types.get(model).map(|def| cx.ir.type_area(def)))
                .flatten()
        }
        _ => None,
    };
    match literal_area.filter(|a| *a != area) {
        Some(other) => quote!(#[cfg(all(feature = #area, feature = #other))]),
        None => super::manifest::cfg(area),
    }
}

/// One part: `push`, which adds the snippets of one area whose bodies fit their models.
fn part(cx: &Context, snippets: &[&Snippet]) -> TokenStream {
    let krate = ident(&cx.config.krate.ident());
    let cases = snippets.iter().filter_map(|snippet| {
        let expr = in_crate(reproduced(cx, snippet).ok()?, &krate);
        let call = &cx.nav.nodes[snippet.node].calls[snippet.call];
        let gate = case_gate(cx, snippet);
        let at = at(cx, snippet.origin);
        let (method, path) = (&snippet.method, &snippet.path);
        let query = snippet.query.iter().map(|(k, v)| quote!((#k, #v)));
        let body = match (&snippet.body, &cx.ir.operations[call.op].body) {
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
/// the cases' type and the test.
fn harness(cx: &Context, mounts: TokenStream, modules: &[proc_macro2::Ident]) -> TokenStream {
    let krate = ident(&cx.config.krate.ident());
    let mut left_out: Vec<(String, &Why)> = cx
        .snippets
        .left_out
        .iter()
        .map(|(e, why)| (at(cx, *e), why))
        .collect();
    let mut made = 0;
    let mut not_made = Vec::new();
    let mut exempt = Vec::new();
    for snippet in &cx.snippets.made {
        match reproduced(cx, snippet) {
            Ok(_) => made += 1,
            Err(why) => not_made.push((at(cx, snippet.origin), why)),
        }
        let call = &cx.nav.nodes[snippet.node].calls[snippet.call];
        if let (Some(body), Some(SentBody::Json(json))) =
            (&cx.ir.operations[call.op].body, &snippet.body)
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
            cx.options.docs_label,
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

        #mounts

        /// One documented request example and the snippet that must reproduce it.
        struct Case {
            at: &'static str,
            method: &'static str,
            /// Percent-decoded, after the version segment.
            path: &'static str,
            /// Percent-decoded pairs, in the example's order.
            query: &'static [(&'static str, &'static str)],
            body: Sent,
            build: Build,
        }

        /// What the example sends. A docs tree need not show every kind.
        #[allow(dead_code)]
        enum Sent {
            Nothing,
            /// JSON, compared as values.
            Json(&'static str),
            /// Media shown as text, compared byte for byte.
            Bytes(&'static str),
        }

        /// Builds a snippet's request.
        type Build = fn() -> ::std::result::Result<::http::Request<::std::vec::Vec<u8>>, ::std::boxed::Box<dyn ::std::error::Error>>;

        fn cases() -> ::std::vec::Vec<Case> {
            let mut cases = ::std::vec::Vec::new();
            #( #modules::push(&mut cases); )*
            cases
        }

        fn decoded(text: &str) -> ::std::string::String {
            ::percent_encoding::percent_decode_str(text).decode_utf8_lossy().into_owned()
        }

        /// JSON values alike, numbers by value: a `Double` sends `99` as `99.0`, the same number.
        fn same_json(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
            use ::serde_json::Value;
            match (a, b) {
                (Value::Number(x), Value::Number(y)) => match (x.as_i64(), y.as_i64()) {
                    (::std::option::Option::Some(x), ::std::option::Option::Some(y)) => x == y,
                    _ => x.as_f64() == y.as_f64(),
                },
                (Value::Array(x), Value::Array(y)) => {
                    x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
                }
                (Value::Object(x), Value::Object(y)) => {
                    x.len() == y.len()
                        && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
                }
                _ => a == b,
            }
        }

        /// What the built request differs in from its example, if anything.
        fn differences(case: &Case, request: &::http::Request<::std::vec::Vec<u8>>) -> ::std::vec::Vec<::std::string::String> {
            let mut differences = ::std::vec::Vec::new();
            if request.method().as_str() != case.method {
                differences.push(format!("method {} is not {}", request.method(), case.method));
            }
            let base = ::http::Uri::from_static(#krate::support::DEFAULT_BASE_URL);
            let path = decoded(request.uri().path().strip_prefix(base.path()).unwrap_or(request.uri().path()));
            // Graph's paths ignore case; the docs' examples do not always match their lines'.
            if !path.eq_ignore_ascii_case(case.path) {
                differences.push(format!("path {path} is not {}", case.path));
            }
            let mut query: ::std::vec::Vec<(::std::string::String, ::std::string::String)> = request
                .uri()
                .query()
                .unwrap_or("")
                .split('&')
                .filter(|p| !p.is_empty())
                .map(|p| match p.split_once('=') {
                    ::std::option::Option::Some((k, v)) => (decoded(k), decoded(v)),
                    ::std::option::Option::None => (decoded(p), ::std::string::String::new()),
                })
                .collect();
            // Graph reads query option names ignoring case (`startdatetime` is `startDateTime`);
            // values are compared exactly.
            for (name, _) in &mut query {
                *name = name.to_ascii_lowercase();
            }
            let mut expected: ::std::vec::Vec<(::std::string::String, ::std::string::String)> =
                case.query.iter().map(|(k, v)| (k.to_ascii_lowercase(), (*v).to_owned())).collect();
            query.sort();
            expected.sort();
            if query != expected {
                differences.push(format!("query {query:?} is not {expected:?}"));
            }
            match case.body {
                Sent::Json(body) => {
                    let expected: ::serde_json::Value = ::serde_json::from_str(body).unwrap();
                    match ::serde_json::from_slice::<::serde_json::Value>(request.body()) {
                        ::std::result::Result::Ok(sent) if same_json(&sent, &expected) => {}
                        ::std::result::Result::Ok(sent) => differences.push(format!("body {sent} is not {expected}")),
                        ::std::result::Result::Err(e) => differences.push(format!("body is not JSON: {e}")),
                    }
                }
                Sent::Bytes(text) if request.body().as_slice() != text.as_bytes() => {
                    differences.push(format!("body {:?} is not {text:?}", ::std::string::String::from_utf8_lossy(request.body())));
                }
                Sent::Nothing if !request.body().is_empty() => {
                    differences.push("a body was sent where the example has none".into());
                }
                Sent::Bytes(_) | Sent::Nothing => {}
            }
            differences
        }

        #[test]
        fn request_examples_build_the_requests_they_show() {
            let cases = cases();
            let mut failures = ::std::vec::Vec::new();
            for case in &cases {
                match (case.build)() {
                    ::std::result::Result::Ok(request) => {
                        let differences = differences(case, &request);
                        if !differences.is_empty() {
                            failures.push(format!("{}: {}", case.at, differences.join("; ")));
                        }
                    }
                    ::std::result::Result::Err(e) => failures.push(format!("{}: {e}", case.at)),
                }
            }
            println!("{} of {} snippets reproduce their request examples", cases.len() - failures.len(), cases.len());
            assert!(failures.is_empty(), "{} snippets differ from their examples:\n\n{}", failures.len(), failures.join("\n"));
        }
    }
}

fn at(cx: &Context, origin: crate::surface::Origin) -> String {
    let (path, line) = cx.sources.path_line(origin.span(cx.ir));
    format!("{}/{path}:{line}", cx.options.docs_label)
}
