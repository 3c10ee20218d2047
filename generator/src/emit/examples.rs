//! `tests/doc_examples/cases.rs`: every example body that passed the checks becomes a round-trip
//! test through its model; every one that did not is listed with its diagnostic codes, and those
//! rejected for wrong values are asserted to be rejected by the model too, so the checker and the
//! models cannot silently disagree.

use super::format::format_file;
use super::rust_type::ident;
use super::{Context, GeneratedFile};
use crate::check::Verdicts;
use crate::diagnostic::Code;
use crate::ir::{Example, ExampleKind};
use crate::names::{snake_name, Scope};
use proc_macro2::{Literal, TokenStream};
use quote::quote;

pub fn emit_example_tests(cx: &Context, verdicts: &Verdicts) -> Vec<GeneratedFile> {
    let crate_ident = ident(&cx.options.crate_name);
    let mut scope = Scope::default();
    let mut tests = Vec::new();
    let mut manifest = Vec::new();
    let (mut tested, mut left_out) = (0usize, 0usize);
    for (example, codes) in cx.ir.examples.iter().zip(&verdicts.examples) {
        let location = {
            let (path, line) = cx.sources.path_line(example.span);
            format!("{}/{path}:{line}", cx.options.docs_label)
        };
        let Some(model) = example.ty.as_ref().and_then(|q| cx.type_name(q)) else {
            left_out += 1;
            manifest.push(format!("- `{location}`: no documented model for this body"));
            continue;
        };
        let model = ident(model);
        let model = if example.collection {
            quote!(#crate_ident::support::Collection<models::#model>)
        } else {
            quote!(models::#model)
        };
        let name = ident(&scope.unique(test_name(cx, example)));
        let json = raw_string(&example.json);
        let location_doc = format!(" Example at `{location}`.");
        if codes.is_empty() {
            tested += 1;
            tests.push(quote! {
                #[doc = #location_doc]
                #[test]
                fn #name() {
                    assert_round_trip::<#model>(#json);
                }
            });
            continue;
        }
        left_out += 1;
        let names: Vec<&str> = codes.iter().map(|c| c.name()).collect();
        manifest.push(format!("- `{location}`: {}", names.join(", ")));
        if codes == &[Code::ExampleValueMismatch] {
            let name = ident(&scope.unique(format!("{}_is_rejected", test_name(cx, example))));
            tests.push(quote! {
                #[doc = #location_doc]
                #[test]
                fn #name() {
                    assert_rejected::<#model>(#json);
                }
            });
        }
    }
    let mut doc = vec![
        format!(
            " Round trips of the {tested} example bodies in `{}/` that fit their documented types.",
            cx.options.docs_label
        ),
        String::new(),
        format!(
            " {left_out} examples are left out, each with the diagnostic codes that explain why:"
        ),
        String::new(),
    ];
    doc.extend(manifest.iter().map(|m| format!(" {m}")));
    let tokens = quote! {
        #( #![doc = #doc] )*
        use #crate_ident::models;

        /// Reads `json` into `T` and writes it back: the JSON value must be unchanged. Numbers are
        /// compared as numbers (`1` and `1.0` are the same JSON number; a `Double` writes `1.0`).
        fn assert_round_trip<T: ::serde::Serialize + ::serde::de::DeserializeOwned>(json: &str) {
            let original: ::serde_json::Value = ::serde_json::from_str(json).expect("example is JSON");
            let model: T = ::serde_json::from_value(original.clone()).expect("example fits its model");
            let written = ::serde_json::to_value(&model).expect("model serializes");
            assert!(same_json(&written, &original), "written back:\n{written:#}\noriginal:\n{original:#}");
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

        /// An example the generator reported for wrong values must not read into its model.
        fn assert_rejected<T: ::serde::de::DeserializeOwned + ::std::fmt::Debug>(json: &str) {
            let original: ::serde_json::Value = ::serde_json::from_str(json).expect("example is JSON");
            let result = ::serde_json::from_value::<T>(original);
            assert!(result.is_err(), "the docs checker rejected this example but the model read it: {result:?}");
        }

        #( #tests )*
    };
    vec![GeneratedFile {
        path: "tests/doc_examples/cases.rs".into(),
        contents: format_file(cx.options, tokens),
    }]
}

/// `user_update_request_line_104`: page, kind and line, so a failing test names its example.
fn test_name(cx: &Context, example: &Example) -> String {
    let (path, line) = cx.sources.path_line(example.span);
    let stem = path
        .rsplit('/')
        .next()
        .unwrap_or(path)
        .trim_end_matches(".md");
    let kind = match example.kind {
        ExampleKind::Request => "request",
        ExampleKind::Response => "response",
    };
    snake_name(&format!("{stem}_{kind}_line_{line}"))
}

/// A raw string literal that can hold `text`, whatever quotes and hashes it contains.
fn raw_string(text: &str) -> TokenStream {
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
