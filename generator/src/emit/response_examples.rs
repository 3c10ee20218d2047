//! `tests/doc_examples/responses.rs`: every documented response example, status and body, read
//! through its operation's request type by `support::parse_response`, as a client reads a real
//! response: collections, casts and 204s included, not only the model. A clean example (one
//! that round-trips through its model, or a 204 where the operation answers nothing) must
//! parse; every other one is tried and counted, and listed with the codes that explain it.
//! The cases are split into one part per area (`test_parts.rs`); the file keeps the test.

use super::examples::raw_string;
use super::manifest::cfg;
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

/// One documented response: where, its status and body, and its operation. A part's item,
/// keyed by value.
#[derive(Debug)]
struct Documented {
    at: Span,
    status: u16,
    body: String,
    operation: Option<usize>,
    expect: Expect,
}

/// `tests/doc_examples/responses.rs` and its parts, one per area (`test_parts.rs`).
pub fn response_files(cx: &Context) -> Vec<GeneratedFile> {
    let cases = documented(cx);
    let summary = summary(cx, &cases);
    let parts = test_parts::by_area(cx, cases.into_iter().map(|c| (c.at.file, c)));
    test_parts::emit::<Responses>(cx, "responses", &parts, summary)
}

/// The response cases; the table file shows their counts.
struct Responses;

impl test_parts::Split for Responses {
    type Case = Documented;
    type Summary = Vec<String>;

    fn part(cx: &Context, cases: &[Documented]) -> TokenStream {
        part(cx, cases)
    }

    fn table(cx: &Context, table: &test_parts::Table<Vec<String>>) -> TokenStream {
        table_file(cx, table)
    }
}

/// Every documented response, with what it is expected to do: the bodies, then the status lines
/// alone.
fn documented(cx: &Context) -> Vec<Documented> {
    let bodies = (0..cx.example_count())
        .map(|index| (index, (cx.example(index), cx.verdict(index))))
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
                body: cx.recovered(index).unwrap_or(&e.json).to_owned(),
                operation: e.operation,
                expect,
            }
        });
    let empties = (0..cx.empty_response_count()).map(|index| {
        let e = cx.empty_response(index);
        let answers_nothing = e
            .operation
            .filter(|&i| i < cx.operation_count())
            .map(|i| cx.operation(i))
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
            body: String::new(),
            operation: e.operation,
            expect,
        }
    });
    bodies
        .chain(empties)
        .map(|mut case| {
            // Only a typed request reads a response.
            let op = (case.operation)
                .filter(|&i| i < cx.operation_count())
                .map(|i| cx.operation(i));
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

/// One part: `push`, which adds the cases of one area.
fn part(cx: &Context, cases: &[Documented]) -> TokenStream {
    let crate_ident = cx.crate_ident();
    let cases = cases.iter().map(|case| {
        let (path, line) = cx.path_line(case.at);
        let at = format!("{}/{path}:{line}", cx.docs_label());
        let (status, body) = (case.status, raw_string(&case.body));
        let (kind, codes) = match &case.expect {
            Expect::Parses => (quote!(Expect::Parses), Vec::new()),
            Expect::Tried(codes) => (quote!(Expect::Tried), codes.clone()),
            Expect::LeftOut(why) => (quote!(Expect::LeftOut), vec![(*why).to_owned()]),
        };
        let op = (case.operation)
            .filter(|&i| i < cx.operation_count())
            .map(|i| (i, cx.operation(i)));
        match (op, &case.expect) {
            (Some((i, op)), Expect::Parses | Expect::Tried(_)) => {
                let (_, call) = cx
                    .call_of(i)
                    .expect("an operation with a usable line has a call");
                let request = in_crate(cx.request_type(call), &crate_ident);
                let gate = cfg(cx.page_area(op.page));
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
            cx.docs_label()
        ),
        format!(" {must} must parse, {tried} are tried and counted, {left_out} have no typed request to read them."),
        String::new(),
        " The cases are in one file per area of the docs, below `responses/`.".to_owned(),
    ]
}

/// The file that mounts the parts: its summary, the runner (`tests/doc_examples_runner/
/// responses.rs`, hand-written: the cases' types and the test) and every part's cases.
fn table_file(cx: &Context, table: &test_parts::Table<Vec<String>>) -> TokenStream {
    let crate_ident = cx.crate_ident();
    let (doc, mounts, modules) = (&table.summary, table.mounts(), table.modules());
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
