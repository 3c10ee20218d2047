//! `tests/doc_examples/cases.rs`: a manifest of every example body in the docs, read by three
//! tests. A body that passed the checks must round-trip through its model unchanged; a body the
//! checks rejected for wrong values must be rejected by its model too (so the checker and the
//! models cannot silently disagree); every other body is listed with the diagnostic codes, or
//! the reason, that keep it out. Nothing is skipped silently. The cases are split into one part
//! per area (`test_parts.rs`); the file keeps the tests and the counts.

use super::reuse::{KeyHasher, Reuse};
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
    let examples = cx.ir.examples.iter().enumerate();
    let parts = test_parts::by_area(cx, examples.map(|(index, e)| (e.page, index)));
    test_parts::emit(
        cx,
        "cases",
        &parts,
        test_parts::Split {
            key_item: |key: &mut KeyHasher, reuse: &Reuse, &index: &usize| {
                key.example(reuse, index)
            },
            build_part: |indices: &[usize]| part(cx, indices),
            // Its summary is all it reads of the cases.
            key_harness: |key: &mut KeyHasher, _: &Reuse, _: &[Option<u128>]| {
                key.debug(&summary(cx))
            },
            build_harness: |mounts, modules: &[proc_macro2::Ident]| harness(cx, mounts, modules),
        },
    )
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
    let example = &cx.ir.examples[index];
    let outcome = &cx.verdicts.examples[index];
    // A base type with derived types is read as clients read it: through its `Any<Type>`,
    // which follows `@odata.type` (and the checker checks the derived type's members for the
    // same reason).
    let model = (example.ty.as_ref())
        .and_then(|q| cx.any_names.get(q).or(cx.type_names.get(q)))
        .map(String::as_str);
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
    let crate_ident = ident(&cx.config.krate.ident());
    let cases = indices.iter().map(|&index| {
        let example = &cx.ir.examples[index];
        let at = {
            let (path, line) = cx.sources.path_line(example.span);
            format!("{}/{path}:{line}", cx.options.docs_label)
        };
        // A body read leniently (comments, trailing commas) is tested as what was read.
        let json = raw_string(cx.verdicts.recovered.get(&index).unwrap_or(&example.json));
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
        let area = example
            .ty
            .as_ref()
            .and_then(|q| cx.ir.types.get(q))
            .map(|d| cx.ir.type_area(d));
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

/// The docs of the harness: what becomes of the examples, in numbers.
fn summary(cx: &Context) -> Vec<String> {
    let (mut round_trips, mut rejections) = (0usize, 0usize);
    for index in 0..cx.ir.examples.len() {
        match checked(cx, index).0 {
            Checked::RoundTrip => round_trips += 1,
            Checked::Rejected => rejections += 1,
            Checked::LeftOut => {}
        }
    }
    let verdicts = cx.verdicts;
    let total = cx.ir.examples.len();
    let lenient = (verdicts.recovered.keys())
        .filter(|i| {
            matches!(
                verdicts.examples[**i],
                ExampleOutcome::RoundTrip | ExampleOutcome::MustReject
            )
        })
        .count();
    vec![
        format!(" Every example body in `{}/`, as a manifest the tests below read:", cx.options.docs_label),
        format!(" {round_trips} must round-trip through their model, {rejections} must be rejected by it,"),
        format!(" and {} are left out with the codes that explain why.", total - round_trips - rejections),
        format!(" {} bodies that are not strict JSON are tested as the lenient parser read them (comments and", lenient),
        " trailing commas skipped).".to_owned(),
        String::new(),
        " The cases are in one file per area of the docs, below `cases/`.".to_owned(),
    ]
}

/// The file that mounts the parts: its summary, the manifest's types and the tests.
fn harness(cx: &Context, mounts: TokenStream, modules: &[proc_macro2::Ident]) -> TokenStream {
    let crate_ident = ident(&cx.config.krate.ident());
    let doc = summary(cx);
    quote! {
        #( #![doc = #doc] )*
        use #crate_ident::models;

        #mounts

        /// Why an example of a model whose area feature is off is left out.
        #[allow(dead_code)]
        const AREA_DISABLED: &str = "area-disabled";

        /// One example body, where it is documented, and what must hold for it.
        struct Case {
            at: &'static str,
            /// Diagnostic codes that keep it from being a round-trip test (`no-model`: the docs
            /// name no model for the body).
            codes: &'static [&'static str],
            json: &'static str,
            check: Check,
        }

        // Which kinds occur depends on the docs.
        #[allow(dead_code)]
        enum Check {
            RoundTrip(Probe),
            Rejected(Probe),
            LeftOut,
        }

        /// Runs one example body through its model; `Err` says what went wrong.
        type Probe = fn(&str) -> ::std::result::Result<(), ::std::string::String>;

        /// Reads `json` into `T` and writes it back: the JSON value must be unchanged. Numbers are
        /// compared as numbers (`1` and `1.0` are the same JSON number; a `Double` writes `1.0`).
        /// The model reads the text itself, as a client does, and a `serde_json::Value` of it, as
        /// a dispatch on `@odata.type` does: both must hold.
        #[allow(dead_code)] // when no example round-trips
        fn round_trip<T: ::serde::Serialize + ::serde::de::DeserializeOwned>(json: &str) -> ::std::result::Result<(), ::std::string::String> {
            let original: ::serde_json::Value = ::serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
            let from_text: T = ::serde_json::from_str(json).map_err(|e| format!("does not fit its model: {e}"))?;
            let from_value: T = ::serde_json::from_value(original.clone()).map_err(|e| format!("does not fit its model (read from a Value): {e}"))?;
            for (model, read) in [(from_text, "the text"), (from_value, "a Value")] {
                let written = ::serde_json::to_value(&model).map_err(|e| format!("does not serialize: {e}"))?;
                if !same_json(&written, &original) {
                    return ::std::result::Result::Err(format!("read from {read}, written back:\n{written:#}\noriginal:\n{original:#}"));
                }
            }
            ::std::result::Result::Ok(())
        }

        /// A body the docs checker rejected for wrong values must not read into its model.
        #[allow(dead_code)] // when no example is rejected
        fn rejected<T: ::serde::de::DeserializeOwned>(json: &str) -> ::std::result::Result<(), ::std::string::String> {
            let original: ::serde_json::Value = ::serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
            match (::serde_json::from_str::<T>(json), ::serde_json::from_value::<T>(original)) {
                (::std::result::Result::Err(_), ::std::result::Result::Err(_)) => ::std::result::Result::Ok(()),
                _ => ::std::result::Result::Err("the docs checker rejected this example but the model read it".into()),
            }
        }

        fn same_json(a: &::serde_json::Value, b: &::serde_json::Value) -> bool {
            use ::serde_json::Value;
            match (a, b) {
                (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
                (Value::Array(x), Value::Array(y)) => x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y)),
                (Value::Object(x), Value::Object(y)) => {
                    x.len() == y.len() && x.iter().all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
                }
                _ => a == b,
            }
        }

        /// Runs the checks of one kind and reports every failure with its page and line.
        fn run(select: fn(&Check) -> ::std::option::Option<Probe>) -> usize {
            let mut failures = ::std::vec::Vec::new();
            let mut ran = 0;
            for case in CASES.iter().copied().flatten() {
                if let ::std::option::Option::Some(check) = select(&case.check) {
                    ran += 1;
                    if let ::std::result::Result::Err(why) = check(case.json) {
                        failures.push(format!("{}: {why}", case.at));
                    }
                }
            }
            assert!(failures.is_empty(), "{} of {ran} examples failed:\n\n{}", failures.len(), failures.join("\n\n"));
            ran
        }

        #[test]
        fn clean_examples_round_trip_unchanged() {
            run(|c| match c { Check::RoundTrip(f) => ::std::option::Option::Some(*f), _ => ::std::option::Option::None });
        }

        #[test]
        fn examples_with_wrong_values_are_rejected_by_their_models() {
            run(|c| match c { Check::Rejected(f) => ::std::option::Option::Some(*f), _ => ::std::option::Option::None });
        }

        /// Every example is accounted for: checked, or left out with at least one reason.
        #[test]
        fn every_left_out_example_says_why() {
            for case in CASES.iter().copied().flatten() {
                if let Check::LeftOut = case.check {
                    assert!(!case.codes.is_empty(), "{} is left out without a reason", case.at);
                }
            }
        }

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
