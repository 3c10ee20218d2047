//! `tests/doc_examples/responses.rs`: every documented response example, status and body, read
//! through its operation's request type by `support::parse_response`, as a client reads a real
//! response: collections, casts and 204s included, not only the model. A clean example (one
//! that round-trips through its model, or a 204 where the operation answers nothing) must
//! parse; every other one is tried and counted, and listed with the codes that explain it.
//! The cases are split into one part per area (`test_parts.rs`); the file keeps the test.

use super::examples::raw_string;
use super::manifest::cfg;
use super::reuse::{KeyHasher, Reuse};
use super::rust_type::ident;
use super::test_parts;
use super::{Context, GeneratedFile};
use crate::check::ExampleOutcome;
use crate::ir::Response;
use crate::source::Span;
use proc_macro2::TokenStream;
use quote::quote;

/// What a case is expected to do, and why.
#[derive(Debug)]
enum Expect {
    /// Clean: must parse.
    Parses,
    /// Tried and counted; these codes say why it may not parse.
    Tried(Vec<String>),
    /// Not tried: no typed request to read it with.
    LeftOut(&'static str),
}

/// One documented response: where, its status and body, and its operation.
struct Documented<'a> {
    at: Span,
    status: u16,
    body: &'a str,
    operation: Option<usize>,
    expect: Expect,
    /// What its key is made of.
    from: From,
}

/// Where a case comes from, for its key.
#[derive(Clone, Copy)]
enum From {
    /// An example (an index into `Ir::examples`).
    Example(usize),
    /// A status line without a body (an index into `Ir::empty_responses`).
    Empty(usize),
}

/// `tests/doc_examples/responses.rs` and its parts, one per area (`test_parts.rs`).
pub fn response_files(cx: &Context) -> Vec<GeneratedFile> {
    let cases = documented(cx);
    let parts = test_parts::by_area(cx, cases.iter().map(|c| (c.at.file, c)));
    test_parts::emit(
        cx,
        "responses",
        &parts,
        test_parts::Split {
            key_item: |key: &mut KeyHasher, reuse: &Reuse, case: &&Documented| {
                case_inputs(cx, key, reuse, case)
            },
            build_part: |cases: &[&Documented]| part(cx, cases),
            // Its summary is all it reads of the cases.
            key_table: |key: &mut KeyHasher, _: &Reuse, _: &[Option<u128>]| {
                key.debug(&summary(cx, &cases))
            },
            build_table: |mounts, modules: &[proc_macro2::Ident]| {
                table_file(cx, &cases, mounts, modules)
            },
        },
    )
}

/// Every documented response, with what it is expected to do: the bodies, then the status lines
/// alone.
fn documented<'a>(cx: &'a Context) -> Vec<Documented<'a>> {
    let bodies = cx
        .ir
        .examples
        .iter()
        .zip(&cx.verdicts.examples)
        .enumerate()
        .filter(|(_, (e, _))| e.kind == crate::ir::ExampleKind::Response)
        .map(|(index, (e, outcome))| {
            let expect = match outcome {
                ExampleOutcome::RoundTrip => Expect::Parses,
                ExampleOutcome::MustReject => {
                    Expect::Tried(vec![crate::Code::ExampleValueMismatch.name().into()])
                }
                ExampleOutcome::LeftOut(codes) => {
                    Expect::Tried(codes.iter().map(|c| c.name().to_owned()).collect())
                }
                ExampleOutcome::NoModel => Expect::Tried(vec!["no-model".into()]),
            };
            Documented {
                at: e.span,
                status: e.status.unwrap_or(200),
                // A body read leniently is parsed as what was read.
                body: cx.verdicts.recovered.get(&index).unwrap_or(&e.json),
                operation: e.operation,
                expect,
                from: From::Example(index),
            }
        });
    let empties = cx.ir.empty_responses.iter().enumerate().map(|(index, e)| {
        let answers_nothing = e
            .operation
            .and_then(|i| cx.ir.operations.get(i))
            .is_some_and(|op| {
                matches!(
                    op.response,
                    Some(Response::Empty | Response::JsonOrEmpty { .. })
                )
            });
        let expect = if answers_nothing {
            Expect::Parses
        } else {
            Expect::Tried(vec!["empty-body".into()])
        };
        Documented {
            at: e.span,
            status: e.status,
            body: "",
            operation: e.operation,
            expect,
            from: From::Empty(index),
        }
    });
    bodies
        .chain(empties)
        .map(|mut case| {
            // Only a typed request reads a response.
            let op = case.operation.and_then(|i| cx.ir.operations.get(i));
            let untyped = match op {
                None => Some("no-operation"),
                Some(op) if op.lines.iter().all(|l| l.path.is_none()) => Some("no-request-type"),
                Some(op) => match &op.response {
                    None => Some("untyped-response"),
                    Some(Response::Bytes) => Some("bytes-response"),
                    Some(_) => None,
                },
            };
            if let Some(why) = untyped {
                case.expect = Expect::LeftOut(why);
            }
            case
        })
        .collect()
}

/// What one case reads: its example (or status line) and page, and for a typed case its call
/// (the request type is made of the call's body, response and kind) and the operations the
/// call sends.
fn case_inputs(cx: &Context, key: &mut KeyHasher, reuse: &Reuse, case: &Documented) {
    match case.from {
        From::Example(index) => key.example(reuse, index),
        From::Empty(index) => {
            key.debug(&cx.ir.empty_responses[index]);
            key.page(reuse, case.at.file);
        }
    }
    key.debug(&case.expect);
    if let Some(op) = case.operation {
        key.operation(reuse, op);
        if let Some((_, call)) = cx.nav.call_of(op) {
            key.debug(call);
            for o in std::iter::once(call.op).chain(call.lines.iter().map(|&(o, _)| o)) {
                key.operation(reuse, o);
                key.debug(&cx.nav.body_names.get(&o));
            }
        }
    }
}

/// One part: `push`, which adds the cases of one area.
fn part(cx: &Context, cases: &[&Documented]) -> TokenStream {
    let crate_ident = ident(&cx.config.krate.ident());
    let cases = cases.iter().map(|case| {
        let (path, line) = cx.sources.path_line(case.at);
        let at = format!("{}/{path}:{line}", cx.options.docs_label);
        let (status, body) = (case.status, raw_string(case.body));
        let (kind, codes) = match &case.expect {
            Expect::Parses => (quote!(Expect::Parses), Vec::new()),
            Expect::Tried(codes) => (quote!(Expect::Tried), codes.clone()),
            Expect::LeftOut(why) => (quote!(Expect::LeftOut), vec![(*why).to_owned()]),
        };
        let op = case.operation.and_then(|i| Some((i, cx.ir.operations.get(i)?)));
        match (op, &case.expect) {
            (Some((i, op)), Expect::Parses | Expect::Tried(_)) => {
                let (_, call) = cx
                    .nav
                    .call_of(i)
                    .expect("an operation with a usable line has a call");
                let request = in_crate(cx.request_type(call), &crate_ident);
                let gate = cfg(cx.ir.page_area(op.page));
                quote! {
                    #gate
                    cases.push(Case { at: #at, status: #status, body: #body, codes: &[#(#codes),*], expect: #kind, probe: ::std::option::Option::Some(parse::<#request>) });
                }
            }
            _ => quote! {
                cases.push(Case { at: #at, status: #status, body: #body, codes: &[#(#codes),*], expect: #kind, probe: ::std::option::Option::None });
            },
        }
    });
    quote! {
        use super::*;

        // One `push` per case, each behind its area's `cfg`: a `vec![]` literal cannot gate
        // its elements.
        #[allow(unused_variables)] // when its cases' features are off
        pub(super) fn push(cases: &mut ::std::vec::Vec<Case>) {
            #( #cases )*
        }
    }
}

/// The docs of the table file: what is expected of the responses, in numbers.
fn summary(cx: &Context, cases: &[Documented]) -> Vec<String> {
    let count = |f: fn(&Expect) -> bool| cases.iter().filter(|c| f(&c.expect)).count();
    let must = count(|e| matches!(e, Expect::Parses));
    let tried = count(|e| matches!(e, Expect::Tried(_)));
    let left_out = count(|e| matches!(e, Expect::LeftOut(_)));
    vec![
        format!(
            " Every response example in `{}/`, read through its request type's response parser:",
            cx.options.docs_label
        ),
        format!(" {must} must parse, {tried} are tried and counted, {left_out} have no typed request to read them."),
        String::new(),
        " The cases are in one file per area of the docs, below `responses/`.".to_owned(),
    ]
}

/// The file that mounts the parts: its summary, the runner (`tests/doc_examples_runner/
/// responses.rs`, hand-written: the cases' types and the test) and every part's cases.
fn table_file(
    cx: &Context,
    cases: &[Documented],
    mounts: TokenStream,
    modules: &[proc_macro2::Ident],
) -> TokenStream {
    let crate_ident = ident(&cx.config.krate.ident());
    let doc = summary(cx, cases);
    quote! {
        #( #![doc = #doc] )*
        #[allow(unused_imports)] // when no operation has a typed response
        use #crate_ident::requests;
        use #crate_ident as krate;
        #[path = "../doc_examples_runner/responses.rs"]
        mod runner;
        use runner::*;

        #mounts

        #[allow(unused_mut)] // when there are no parts
        fn cases() -> ::std::vec::Vec<Case> {
            let mut cases = ::std::vec::Vec::new();
            #( #modules::push(&mut cases); )*
            cases
        }
    }
}

/// Generated library code names its own items `crate::…`; a test outside the crate names them
/// through the crate's name.
pub(crate) fn in_crate(
    tokens: proc_macro2::TokenStream,
    krate: &proc_macro2::Ident,
) -> proc_macro2::TokenStream {
    use proc_macro2::{Group, TokenTree};
    tokens
        .into_iter()
        .map(|tree| match tree {
            TokenTree::Ident(i) if i == "crate" => TokenTree::Ident(krate.clone()),
            TokenTree::Group(g) => {
                let mut group = Group::new(g.delimiter(), in_crate(g.stream(), krate));
                group.set_span(g.span());
                TokenTree::Group(group)
            }
            other => other,
        })
        .collect()
}
