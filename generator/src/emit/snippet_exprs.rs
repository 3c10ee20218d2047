//! One request example as a Rust expression: the navigation chain with the example's keys and
//! arguments, its query options as setters, and its body as a model literal; and the snippet a
//! call's docs show.

use super::field_layout::FieldLayout;
use super::response_examples::in_crate;
use super::rust_type::ident;
use super::snippet_bodies::literal_model;
use super::Context;
use crate::ir::{Body, Primitive, Property, QualifiedName, TypeKind, TypeRef};
use crate::surface::{QueryOption, SentBody, Snippet};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

/// The expression that builds a snippet's request, in `crate::` paths; `None` when its body
/// cannot be written as a literal of its type (the example's value does not fit it).
pub fn request_expr(cx: &Context, snippet: &Snippet) -> Option<TokenStream> {
    let root = ident(cx.start_type());
    let mut expr = quote!(crate::requests::#root);
    for (i, (node, args)) in snippet.steps.iter().enumerate() {
        let name = ident(&cx.node(*node).step.name);
        expr = if i == 0 {
            quote!(#expr::#name(#( #args ),*))
        } else {
            quote!(#expr.#name(#( #args ),*))
        };
    }
    let call = &cx.node(snippet.node).calls[snippet.call];
    let name = ident(&call.name);
    let args = &snippet.call_args;
    let body = match (&cx.operation(call.op).body, &snippet.body) {
        (Some(body), Some(SentBody::Json(json))) => Some(body_literal(cx, call.op, body, json)?),
        (Some(Body::Bytes), Some(SentBody::Bytes(text))) => {
            Some(quote!(crate::support::Bytes::from(#text.as_bytes())))
        }
        _ => None,
    };
    let body = body.into_iter();
    expr = quote!(#expr.#name(#( #args, )* #( #body )*));
    for option in &snippet.options {
        expr = match option {
            QueryOption::Select(items) => quote!(#expr.select(&[#( #items ),*])),
            QueryOption::Expand(items) => quote!(#expr.expand(&[#( #items ),*])),
            QueryOption::OrderBy(items) => quote!(#expr.order_by(&[#( #items ),*])),
            QueryOption::Filter(text) => quote!(#expr.filter(#text)),
            QueryOption::Search(text) => quote!(#expr.search(#text)),
            QueryOption::Top(n) => quote!(#expr.top(#n)),
            QueryOption::Skip(n) => quote!(#expr.skip(#n)),
            QueryOption::Count(b) => quote!(#expr.count(#b)),
            QueryOption::Other(name, value) => quote!(#expr.query(#name, #value)),
        };
    }
    Some(expr)
}

/// An untyped JSON value, exactly as the example has it.
pub(super) fn json_value(value: &Value) -> TokenStream {
    let text = value.to_string();
    quote!(::serde_json::from_str::<::serde_json::Value>(#text)?)
}

pub(super) fn body_literal(
    cx: &Context,
    op: usize,
    body: &Body,
    json: &Value,
) -> Option<TokenStream> {
    match body {
        Body::Model(q) => struct_literal(cx, literal_model(cx, q, json), json),
        Body::Parameters(params) => {
            let name = ident(cx.body_name(op).expect("a parameters body is named"));
            let refs: Vec<&Property> = params.iter().collect();
            object_literal(cx, quote!(crate::requests::#name), None, &refs, json)
        }
        Body::Reference => Some(json_value(json)),
        Body::Bytes => None,
    }
}

/// `crate::models::T { field: Nullable::Value(…), ..Default::default() }` for a documented
/// entity or complex type.
pub(super) fn struct_literal(cx: &Context, q: &QualifiedName, json: &Value) -> Option<TokenStream> {
    let def = cx.type_def(q)?;
    if def.kind == TypeKind::Enum {
        return None;
    }
    let properties = cx.all_properties(def);
    object_literal(cx, cx.model_type(q), Some(q), &properties, json)
}

pub(super) fn object_literal(
    cx: &Context,
    path: TokenStream,
    owner: Option<&QualifiedName>,
    properties: &[&Property],
    json: &Value,
) -> Option<TokenStream> {
    let object = json.as_object()?;
    let layout = FieldLayout::of(properties);
    let mut fields = Vec::new();
    let mut unknown = Vec::new();
    for (key, value) in object {
        if key == "@odata.type" {
            let field = ident(&layout.odata_type);
            let text = value.as_str()?;
            fields.push(quote!(#field: ::std::option::Option::Some(#text.to_owned())));
            continue;
        }
        match layout.fields.iter().find(|(_, p)| p.name == *key) {
            Some((field, p)) => {
                let field = ident(field);
                let value = if value.is_null() {
                    quote!(crate::support::Nullable::Null)
                } else {
                    let inner = property_value(cx, owner, p, value)?;
                    quote!(crate::support::Nullable::Value(#inner))
                };
                fields.push(quote!(#field: #value));
            }
            None => {
                let value = json_value(value);
                unknown.push(quote!((#key.to_owned(), #value)));
            }
        }
    }
    if !unknown.is_empty() {
        let field = ident(&layout.additional);
        fields.push(quote!(#field: [#( #unknown ),*].into_iter().collect()));
    }
    Some(quote!(#path { #( #fields, )* ..::std::default::Default::default() }))
}

/// The value of one property, its collection and boxing as the model declares them.
pub(super) fn property_value(
    cx: &Context,
    owner: Option<&QualifiedName>,
    p: &Property,
    json: &Value,
) -> Option<TokenStream> {
    if p.collection {
        let items = json
            .as_array()?
            .iter()
            .map(|item| value_of(cx, &p.ty, item))
            .collect::<Option<Vec<_>>>()?;
        return Some(quote!(::std::vec![#( #items ),*]));
    }
    let value = value_of(cx, &p.ty, json)?;
    if let (TypeRef::Named(q), Some(owner)) = (&p.ty, owner) {
        if cx.any_name(q).is_none() && cx.needs_box(owner, q) {
            return Some(quote!(::std::boxed::Box::new(#value)));
        }
    }
    Some(value)
}

/// One value of a type: a literal where the type has one, parsed text for the scalars that
/// keep their text, `from_value` where the Rust type is chosen by the value itself (a base
/// type's `Any…` enum, a flags enum).
pub(super) fn value_of(cx: &Context, ty: &TypeRef, json: &Value) -> Option<TokenStream> {
    if json.is_null() {
        return None;
    }
    match ty {
        TypeRef::Named(q) if cx.any_name(q).is_some() => Some(from_value(json)),
        TypeRef::Named(q) => {
            let def = cx.type_def(q)?;
            match def.kind {
                TypeKind::Enum if def.is_flags => Some(from_value(json)),
                TypeKind::Enum => {
                    let member = json.as_str()?;
                    let ty = cx.model_type(q);
                    // Graph reads members ignoring case (`"HTML"` is `html`): name the variant.
                    // A member the docs do not list is kept as the service would see it.
                    let (_, variants) = super::enum_type::variant_names(def);
                    Some(
                        match def
                            .members
                            .iter()
                            .position(|m| m.name.eq_ignore_ascii_case(member))
                        {
                            Some(i) => {
                                let variant = ident(&variants[i]);
                                quote!(#ty::#variant)
                            }
                            None => quote!(#ty::from_wire(#member)),
                        },
                    )
                }
                _ => struct_literal(cx, q, json),
            }
        }
        TypeRef::Json | TypeRef::Unresolved(_) => Some(json_value(json)),
        TypeRef::Primitive(p) => primitive_value(*p, json),
    }
}

pub(super) fn from_value(json: &Value) -> TokenStream {
    let value = json_value(json);
    quote!(::serde_json::from_value(#value)?)
}

pub(super) fn primitive_value(p: Primitive, json: &Value) -> Option<TokenStream> {
    Some(match p {
        Primitive::String => {
            let text = json.as_str()?;
            quote!(#text.to_owned())
        }
        Primitive::Boolean => {
            let b = json.as_bool()?;
            quote!(#b)
        }
        Primitive::Byte
        | Primitive::SByte
        | Primitive::Int16
        | Primitive::Int32
        | Primitive::Int64 => {
            let n = json.as_i64()?;
            let literal = Literal::i64_unsuffixed(n);
            quote!(#literal)
        }
        Primitive::Single | Primitive::Double => {
            // A number keeps its own text: `from_value` reads it as the model would.
            json.as_f64()?;
            from_value(json)
        }
        Primitive::Decimal
        | Primitive::Guid
        | Primitive::Date
        | Primitive::TimeOfDay
        | Primitive::DateTimeOffset
        | Primitive::Duration
        | Primitive::Binary
        | Primitive::Stream => {
            let text = json.as_str()?;
            // Text its type would not read is a defect of the example, not a snippet to show.
            if !crate::check::scalar::text_fits(p, text) {
                return None;
            }
            quote!(#text.parse()?)
        }
    })
}

/// The snippet as a user writes it (crate paths through the crate's name), formatted, for the
/// docs of its call.
pub fn shown(cx: &Context, snippet: &Snippet) -> Option<String> {
    let krate = cx.crate_ident();
    let expr = in_crate(request_expr(cx, snippet)?, &krate);
    let file = quote! {
        fn snippet() {
            let request = #expr;
        }
    };
    // Shown as the body of a function that returns a `Result` (its `?`s).
    let formatted = prettyplease::unparse(&syn::parse2(file).ok()?);
    let body: Vec<&str> = formatted
        .lines()
        .skip(1)
        .take_while(|l| *l != "}")
        .map(|l| l.strip_prefix("    ").unwrap_or(l))
        .collect();
    Some(body.join("\n"))
}
