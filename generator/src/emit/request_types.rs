//! The types of a final call: what it sends, what it answers, which query options it takes,
//! together as `support::Request<Body, Response, Kind>`; and the body structs of actions
//! (`src/requests/bodies.rs`), one per operation whose body is its parameters.

use super::docs::escape;
use super::rust_type::ident;
use super::{Context, GeneratedFile};
use crate::ir::{Body, Response, TypeRef};
use crate::surface::{Call, CallKind};
use proc_macro2::TokenStream;
use quote::quote;

impl Context<'_> {
    /// What a call's request sends, `None` when it sends nothing.
    pub fn body_type(&self, op: usize) -> Option<TokenStream> {
        match &self.operation(op).body {
            // A base type with derived types is sent as any of them (`AnyMailFolder` takes a
            // `MailSearchFolder`), as a property of that type holds any of them.
            Some(Body::Model(q)) => Some(self.value_type(&TypeRef::Named(q.clone()))),
            // `{"@odata.id": "…"}`: JSON, so a JSON value carries it exactly.
            Some(Body::Reference) => Some(quote!(::serde_json::Value)),
            Some(Body::Bytes) => Some(quote!(crate::support::Bytes)),
            Some(Body::Parameters(_)) => {
                let name = ident(self.body_name(op).expect("a parameters body is named"));
                Some(quote!(crate::requests::#name))
            }
            None => None,
        }
    }

    /// `support::Request<Body, Response, Kind>` of a call.
    pub fn request_type(&self, call: &Call) -> TokenStream {
        let body = self
            .body_type(call.op)
            .unwrap_or_else(|| quote!(crate::support::NoBody));
        let (op, line) = call.lines[0];
        let response = self.operation(op).lines[line].response.as_ref();
        // Graph answers an update or a replace with the entity or with a bare 204, depending on
        // the resource and on `Prefer: return=…`: both read as success.
        let updates = matches!(call.http_method.as_str(), "PATCH" | "PUT");
        let json = |ty: &TypeRef, collection: bool| {
            let item = self.value_type(ty);
            if collection {
                quote!(crate::support::Collection<#item>)
            } else if matches!(ty, TypeRef::Primitive(_)) {
                // OData wraps a single primitive: `{"@odata.context": …, "value": true}`.
                quote!(crate::support::PrimitiveValue<#item>)
            } else {
                item
            }
        };
        let response = match response {
            Some(Response::Json { ty, collection }) if updates => {
                let value = json(ty, *collection);
                quote!(::std::option::Option<#value>)
            }
            Some(Response::Json { ty, collection }) => json(ty, *collection),
            Some(Response::JsonOrEmpty { ty, collection }) => {
                let value = json(ty, *collection);
                quote!(::std::option::Option<#value>)
            }
            Some(Response::Bytes) => quote!(crate::support::Bytes),
            Some(Response::Empty) => quote!(crate::support::NoContent),
            Some(Response::Count) => quote!(crate::support::Count),
            None => quote!(::serde_json::Value),
        };
        let kind = match call.kind {
            CallKind::ReadsCollection => quote!(crate::support::ReadsCollection),
            CallKind::ReadsEntity => quote!(crate::support::ReadsEntity),
            CallKind::ReadsCount => quote!(crate::support::ReadsCount),
            CallKind::Other => quote!(crate::support::Writes),
        };
        quote!(crate::support::Request<#body, #response, #kind>)
    }
}

/// The areas under which an action body exists: as available as every call that sends it (a
/// call exists when any of its pages' areas is enabled).
pub(super) fn body_areas(cx: &Context, ops: &[usize]) -> std::collections::BTreeSet<String> {
    let mut areas = std::collections::BTreeSet::new();
    let nav = cx.nav();
    for &o in ops {
        areas.insert(cx.page_area(cx.operation(o).page).to_owned());
        for node in &nav.nodes {
            for call in node.calls.iter().filter(|c| c.op == o) {
                areas.extend(cx.call_areas(call));
            }
        }
    }
    areas
}

/// `src/requests/bodies.rs`: the JSON body of each action, its documented parameters. Each sits
/// in a private module behind its page's area feature (the `cfg` must cover its impls too) and
/// is re-exported.
pub fn emit_bodies(cx: &Context) -> GeneratedFile {
    cx.file("src/requests/bodies.rs".into(), (), |cx, ()| {
        bodies_file(cx)
    })
}

fn bodies_file(cx: &Context) -> TokenStream {
    // A body that several operations share is written once, from the first.
    let mut shared: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (&op, name) in cx.body_names() {
        shared.entry(name.as_str()).or_default().push(op);
    }
    let items = shared.iter().map(|(name, ops)| {
        let op_index = ops[0];
        let op = cx.operation(op_index);
        let Some(Body::Parameters(params)) = &op.body else {
            unreachable!("only operations with parameter bodies are named");
        };
        let body_name = ident(name);
        let module = ident(&crate::names::snake_name(name));
        let refs: Vec<&crate::ir::Property> = params.iter().collect();
        let pages: Vec<String> = ops
            .iter()
            .map(|&o| cx.source_ref(cx.operation(o).span))
            .collect();
        let doc = format!(
            " The JSON body of {}: the parameters documented in {}.",
            escape(&op.title),
            pages.join(", ")
        );
        let gate = super::manifest::cfg_any(&body_areas(cx, ops));
        let body_struct = super::model::object_struct(
            cx,
            &body_name,
            &format!("the body of {name}"),
            quote!(#[doc = #doc]),
            None,
            &refs,
        );
        quote! {
            #gate
            mod #module {
                #body_struct
            }
            #gate
            pub use #module::#body_name;
        }
    });
    quote! {
        #![doc = " The JSON bodies of actions: the parameters each action's page documents."]
        #( #items )*
    }
}
