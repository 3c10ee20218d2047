//! `tests/doc_examples/cases.rs`: a manifest of every example body in the docs, read by three
//! tests. A body that passed the checks must round-trip through its model unchanged; a body the
//! checks rejected for wrong values must be rejected by its model too (so the checker and the
//! models cannot silently disagree); every other body is listed with the diagnostic codes, or
//! the reason, that keep it out. Nothing is skipped silently. The cases are split into one part
//! per area (`test_parts.rs`); the file keeps the tests and the counts.

use super::rust_type::ident;
use super::test_parts;
use super::{Context, GeneratedFile};
use crate::check::ExampleOutcome;
use proc_macro2::{Literal, TokenStream};
use quote::quote;

/// Why an example without a model is listed: not a diagnostic, as nothing is wrong with it.
const NO_MODEL: &str = "no-model";

/// `tests/doc_examples/cases.rs` and its parts, one per area (`test_parts.rs`).
pub fn example_files(cx: &Context) -> Vec<GeneratedFile> {
    let examples = (0..cx.example_count()).map(|index| (cx.example(index).page, index));
    let parts = test_parts::by_area(cx, examples);
    test_parts::emit::<Cases>(cx, "cases", &parts, summary(cx))
}

/// The example cases: each an index into `Ir::examples`; the table file shows their counts.
struct Cases;

impl test_parts::Split for Cases {
    type Case = usize;
    type Summary = Vec<String>;

    fn part(cx: &Context, cases: &[usize]) -> TokenStream {
        part(cx, cases)
    }

    fn table(cx: &Context, table: &test_parts::Table<Vec<String>>) -> TokenStream {
        table_file(cx, table)
    }
}

/// What one example is checked for.
enum Checked {
    RoundTrip,
    Rejected,
    LeftOut,
}

/// What `index` is checked for, the model it is read into (if it has one), and the codes that
/// say why it is not a round trip.
fn checked<'a>(cx: &'a Context, index: usize) -> (Checked, Option<&'a str>, Vec<&'static str>) {
    let example = cx.example(index);
    let outcome = cx.verdict(index);
    // A base type with derived types is read as clients read it: through its `Any<Type>`,
    // which follows `@odata.type` (and the checker checks the derived type's members for the
    // same reason).
    let model = (example.ty.as_ref()).and_then(|q| cx.any_name(q).or(cx.type_name(q)));
    let codes = match (outcome, model) {
        (ExampleOutcome::NoModel, _) | (_, None) => vec![NO_MODEL],
        (ExampleOutcome::LeftOut(codes), _) => codes.iter().map(|c| c.name()).collect(),
        (ExampleOutcome::MustReject, _) => vec![crate::Code::ExampleValueMismatch.name()],
        (ExampleOutcome::RoundTrip, _) => Vec::new(),
    };
    let checked = match (outcome, model) {
        (ExampleOutcome::RoundTrip, Some(_)) => Checked::RoundTrip,
        (ExampleOutcome::MustReject, Some(_)) => Checked::Rejected,
        _ => Checked::LeftOut,
    };
    (checked, model, codes)
}

/// One part: `CASES`, the examples of one area.
fn part(cx: &Context, indices: &[usize]) -> TokenStream {
    let crate_ident = cx.crate_ident();
    let cases = indices.iter().map(|&index| {
        let example = cx.example(index);
        let at = {
            let (path, line) = cx.path_line(example.span);
            format!("{}/{path}:{line}", cx.docs_label())
        };
        // A body read leniently (comments, trailing commas) is tested as what was read.
        let json = raw_string(cx.recovered(index).unwrap_or(&example.json));
        let (checked, model, names) = checked(cx, index);
        let model = model.map(|name| {
            let name = ident(name);
            if example.collection {
                quote!(#crate_ident::support::Collection<models::#name>)
            } else {
                quote!(models::#name)
            }
        });
        let check = match (checked, model) {
            (Checked::RoundTrip, Some(model)) => quote!(Check::RoundTrip(round_trip::<#model>)),
            (Checked::Rejected, Some(model)) => quote!(Check::Rejected(rejected::<#model>)),
            _ => quote!(Check::LeftOut),
        };
        // A model of a disabled area is untyped JSON: its examples are left out, and say so.
        let area = example.ty.as_ref().and_then(|q| cx.type_area(q));
        match area {
            Some(area) => quote! {
                Case {
                    at: #at,
                    codes: if cfg!(feature = #area) { &[#(#names),*] } else { &[AREA_DISABLED] },
                    json: #json,
                    check: if cfg!(feature = #area) { #check } else { Check::LeftOut },
                },
            },
            None => quote!(Case { at: #at, codes: &[#(#names),*], json: #json, check: #check },),
        }
    });
    quote! {
        use super::*;

        pub(super) static CASES: &[Case] = &[ #( #cases )* ];
    }
}

/// The docs of the table file: what becomes of the examples, in numbers.
fn summary(cx: &Context) -> Vec<String> {
    let (mut round_trips, mut rejections) = (0usize, 0usize);
    let total = cx.example_count();
    let mut lenient = 0;
    for index in 0..total {
        match checked(cx, index).0 {
            Checked::RoundTrip => round_trips += 1,
            Checked::Rejected => rejections += 1,
            Checked::LeftOut => {}
        }
        let tested = matches!(
            cx.verdict(index),
            ExampleOutcome::RoundTrip | ExampleOutcome::MustReject
        );
        if tested && cx.recovered(index).is_some() {
            lenient += 1;
        }
    }
    vec![
        format!(" Every example body in `{}/`, as a manifest the tests below read:", cx.docs_label()),
        format!(" {round_trips} must round-trip through their model, {rejections} must be rejected by it,"),
        format!(" and {} are left out with the codes that explain why.", total - round_trips - rejections),
        format!(" {} bodies that are not strict JSON are tested as the lenient parser read them (comments and", lenient),
        " trailing commas skipped).".to_owned(),
        String::new(),
        " The cases are in one file per area of the docs, below `cases/`.".to_owned(),
    ]
}

/// The file that mounts the parts: its summary, the runner (`tests/doc_examples_runner/cases.rs`,
/// hand-written: the cases' types and the tests) and the table of every part's cases.
fn table_file(cx: &Context, table: &test_parts::Table<Vec<String>>) -> TokenStream {
    let crate_ident = cx.crate_ident();
    let (doc, mounts, modules) = (&table.summary, table.mounts(), table.modules());
    quote! {
        #( #![doc = #doc] )*
        use #crate_ident::models;
        #[path = "../doc_examples_runner/cases.rs"]
        mod runner;
        use runner::*;

        #mounts

        static CASES: &[&[Case]] = &[ #( #modules::CASES ),* ];
    }
}

/// A raw string literal that can hold `text`, whatever quotes and hashes it contains.
pub(super) fn raw_string(text: &str) -> TokenStream {
    // A bare carriage return is not allowed in a raw string; an escaped literal always works.
    if text.contains('\r') {
        let literal = Literal::string(text);
        return quote!(#literal);
    }
    let mut hashes = 1;
    while text.contains(&format!("\"{}", "#".repeat(hashes))) {
        hashes += 1;
    }
    let fence = "#".repeat(hashes);
    let literal: Literal = format!("r{fence}\"{text}\"{fence}")
        .parse()
        .expect("a raw string literal with enough hashes always parses");
    quote!(#literal)
}
