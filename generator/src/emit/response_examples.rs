//! `tests/doc_examples/responses.rs`: every documented response example, status and body, read
//! through its operation's request type by `support::parse_response`, as a client reads a real
//! response: collections, casts and 204s included, not only the model. A clean example (one
//! that round-trips through its model, or a 204 where the operation answers nothing) must
//! parse; every other one is tried and counted, and listed with the codes that explain it.

use super::examples::raw_string;
use super::manifest::cfg;
use super::rust_type::ident;
use super::Context;
use crate::check::ExampleOutcome;
use crate::ir::Response;
use quote::quote;

/// What a case is expected to do, and why.
enum Expect {
    /// Clean: must parse.
    Parses,
    /// Tried and counted; these codes say why it may not parse.
    Tried(Vec<String>),
    /// Not tried: no typed request to read it with.
    LeftOut(&'static str),
}

/// The tokens of `tests/doc_examples/responses.rs`.
pub fn response_tests(cx: &Context) -> proc_macro2::TokenStream {
    let crate_ident = ident(&cx.options.crate_name);
    let mut cases = Vec::new();
    let at = |span| {
        let (path, line) = cx.sources.path_line(span);
        format!("{}/{path}:{line}", cx.options.docs_label)
    };
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
            (
                e.operation,
                e.status.unwrap_or(200),
                // A body read leniently is parsed as what was read.
                cx.verdicts
                    .recovered
                    .get(&index)
                    .unwrap_or(&e.json)
                    .as_str(),
                e.span,
                expect,
            )
        });
    let empties = cx.ir.empty_responses.iter().map(|e| {
        let answers_nothing = e
            .operation
            .and_then(|i| cx.ir.operations.get(i))
            .is_some_and(|op| op.response == Some(Response::Empty));
        let expect = if answers_nothing {
            Expect::Parses
        } else {
            Expect::Tried(vec!["empty-body".into()])
        };
        (e.operation, e.status, "", e.span, expect)
    });
    let (mut must, mut tried, mut left_out) = (0usize, 0usize, 0usize);
    for (operation, status, body, span, expect) in bodies.chain(empties) {
        let op = operation.and_then(|i| Some((i, cx.ir.operations.get(i)?)));
        let expect = match op {
            None => Expect::LeftOut("no-operation"),
            Some((_, op)) if op.lines.iter().all(|l| l.path.is_none()) => {
                Expect::LeftOut("no-request-type")
            }
            Some((_, op)) => match &op.response {
                None => Expect::LeftOut("untyped-response"),
                Some(Response::Bytes) => Expect::LeftOut("bytes-response"),
                Some(_) => expect,
            },
        };
        let at = at(span);
        let body = raw_string(body);
        let (kind, codes) = match &expect {
            Expect::Parses => {
                must += 1;
                (quote!(Expect::Parses), Vec::new())
            }
            Expect::Tried(codes) => {
                tried += 1;
                (quote!(Expect::Tried), codes.clone())
            }
            Expect::LeftOut(why) => {
                left_out += 1;
                (quote!(Expect::LeftOut), vec![(*why).to_owned()])
            }
        };
        let case = match (op, &expect) {
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
        };
        cases.push(case);
    }
    let doc = [
        format!(
            " Every response example in `{}/`, read through its request type's response parser:",
            cx.options.docs_label
        ),
        format!(" {must} must parse, {tried} are tried and counted, {left_out} have no typed request to read them."),
    ];
    quote! {
        #( #![doc = #doc] )*
        #[allow(unused_imports)] // when no operation has a typed response
        use #crate_ident::requests;
        use #crate_ident::support::GraphRequest;

        /// One documented response, where it is documented, and what must hold for it.
        struct Case {
            at: &'static str,
            status: u16,
            body: &'static str,
            /// Why a case that is not clean may not parse, or why it is not tried.
            codes: &'static [&'static str],
            expect: Expect,
            probe: ::std::option::Option<Probe>,
        }

        #[derive(PartialEq)]
        #[allow(dead_code)] // which kinds occur depends on the docs
        enum Expect {
            Parses,
            Tried,
            LeftOut,
        }

        type Probe = fn(u16, &str) -> ::std::result::Result<(), ::std::string::String>;

        /// Reads a response with `status` and `body` as a client does, through `R`'s parser.
        #[allow(dead_code)] // when no operation has a typed response
        fn parse<R: GraphRequest>(status: u16, body: &str) -> ::std::result::Result<(), ::std::string::String> {
            let response = ::http::Response::builder()
                .status(status)
                .body(body.as_bytes().to_vec())
                .map_err(|e| e.to_string())?;
            #crate_ident::support::parse_response::<R>(&response)
                .map(|_| ())
                .map_err(|e| e.to_string())
        }

        // One `push` per case, each behind its area's `cfg`: a `vec![]` literal cannot gate
        // its elements.
        #[allow(unused_mut, clippy::vec_init_then_push)]
        fn cases() -> ::std::vec::Vec<Case> {
            let mut cases = ::std::vec::Vec::new();
            #( #cases )*
            cases
        }

        /// Clean responses must parse; the others are tried, counted and listed with their codes.
        #[test]
        fn documented_responses_parse_through_their_request_types() {
            let (mut failures, mut must) = (::std::vec::Vec::new(), 0);
            let (mut tried, mut tried_ok, mut left_out) = (0, 0, 0);
            let mut others = ::std::vec::Vec::new();
            for case in cases() {
                let ::std::option::Option::Some(probe) = case.probe else {
                    left_out += 1;
                    continue;
                };
                let result = probe(case.status, case.body);
                if case.expect == Expect::Parses {
                    must += 1;
                    if let ::std::result::Result::Err(why) = result {
                        failures.push(format!("{}: {why}", case.at));
                    }
                } else {
                    tried += 1;
                    match result {
                        ::std::result::Result::Ok(()) => tried_ok += 1,
                        ::std::result::Result::Err(why) => others.push(format!("{} [{}]: {why}", case.at, case.codes.join(", "))),
                    }
                }
            }
            println!("{} of {must} clean responses parse; {tried_ok} of {tried} others parse; {left_out} not tried (or gated off)", must - failures.len());
            for other in &others {
                println!("does not parse: {other}");
            }
            assert!(failures.is_empty(), "{} of {must} clean responses failed:\n\n{}", failures.len(), failures.join("\n\n"));
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
