//! Polymorphism: for every type that others derive from, an `Any<Type>` enum with one variant
//! per derived type, chosen by `@odata.type` when read. A property or response declared as the
//! base type holds an `Any<Type>`, so a `user` inside a `directoryObject` collection reads as a
//! `User`. A value whose `@odata.type` names no documented derived type reads as the base model,
//! which keeps every other property in `additional_properties`: nothing is lost either way.

use super::docs::doc_attrs;
use super::field_layout::FieldLayout;
use super::manifest::cfg;
use super::rust_type::ident;
use super::{Context, GeneratedFile};
use crate::ir::{QualifiedName, TypeRef};
use crate::names::{snake_name, Scope};
use quote::quote;

/// One file per polymorphic base, `src/models/any_<type>.rs`; returns (module, type, area) too.
/// Each derived type's variant exists only with its area's feature.
pub fn emit_any_types(
    cx: &Context,
    module_scope: &mut Scope,
) -> (Vec<GeneratedFile>, Vec<(String, String, String)>) {
    let mut files = Vec::new();
    let mut modules = Vec::new();
    for base in cx.derived().keys() {
        let (Some(any_name), Some(_)) = (cx.any_name(base), cx.type_name(base)) else {
            continue;
        };
        let module = module_scope.unique(snake_name(any_name));
        files.push(
            cx.file(format!("src/models/{module}.rs"), base, |cx, base| {
                any_file(cx, base)
            }),
        );
        let area = cx.type_area(base).expect("a named type is documented");
        modules.push((module, any_name.to_owned(), area.to_owned()));
    }
    (files, modules)
}

/// The `Any<Type>` enum of `base`.
fn any_file(cx: &Context, base: &QualifiedName) -> proc_macro2::TokenStream {
    let (Some(any_name), Some(base_name), Some(derived)) = (
        cx.any_name(base),
        cx.type_name(base),
        cx.derived().get(base),
    ) else {
        unreachable!("`emit_any_types` files only named bases");
    };
    let any = ident(any_name);
    type Variant<'a> = (
        proc_macro2::Ident,
        String,
        &'a QualifiedName,
        proc_macro2::TokenStream,
    );
    let variants: Vec<Variant> = std::iter::once(base)
        .chain(derived)
        .filter_map(|q| {
            let area = cx.type_area(q)?;
            Some((
                ident(cx.type_name(q)?),
                q.to_string().to_ascii_lowercase(),
                q,
                cfg(area),
            ))
        })
        .collect();
    let base_ident = ident(base_name);
    let decls = variants.iter().map(|(v, _, q, cfg)| {
                let doc = if *q == base {
                    format!(" `{q}` itself, or a derived type the docs do not describe (its properties are kept).")
                } else {
                    format!(" `{q}`.")
                };
                quote!(#[doc = #doc] #cfg #v(::std::boxed::Box<crate::models::#v>),)
            });
    let serialize_arms = variants
                .iter()
                .map(|(v, _, _, cfg)| quote!(#cfg Self::#v(inner) => ::serde::Serialize::serialize(inner, serializer),));
    let start_arms = variants.iter().filter(|(_, _, q, _)| *q != base).map(
        |(v, wire, _, cfg)| quote!(#cfg #wire => Self::#v(::std::default::Default::default()),),
    );
    let read_arms = variants.iter().map(|(v, _, _, cfg)| {
                quote!(#cfg Self::#v(model) => crate::support::__private::ReadObject::read_documented(&mut **model, name, access),)
            });
    let rest_arms = variants.iter().map(|(v, _, _, cfg)| {
                quote!(#cfg Self::#v(model) => crate::support::__private::ReadObject::rest(&mut **model),)
            });
    let odata_type_arms = variants.iter().map(|(v, _, _, cfg)| {
        // `odata_type` is the first name each model's `FieldLayout` takes, so it is never
        // renamed.
        quote!(#cfg Self::#v(model) => &mut model.odata_type,)
    });
    let base_wire = base.to_string();
    // A derived model made by the app says what it is: Graph reads a body sent to a
    // base type's address (`POST …/attachments`) as the base unless `@odata.type` names
    // the derived type.
    let froms = variants.iter().map(|(v, _, q, cfg)| {
        let names_itself = (*q != base).then(|| {
            let wire = format!("#{q}");
            quote! {
                let mut value = value;
                if value.odata_type.is_none() {
                    value.odata_type = ::std::option::Option::Some(#wire.to_owned());
                }
            }
        });
        quote! {
            #cfg
            impl ::std::convert::From<crate::models::#v> for #any {
                fn from(value: crate::models::#v) -> Self {
                    #names_itself
                    Self::#v(::std::boxed::Box::new(value))
                }
            }
        }
    });
    let doc = doc_attrs(&[format!(
        "`{base}` or any of the {} types derived from it, chosen by `@odata.type` when read.",
        derived.len()
    )]);
    let shared = shared_accessors(cx, base, &variants);
    // `Eq` when every variant's model is.
    let eq = cx
        .is_eq(&crate::ir::TypeRef::Named(base.clone()))
        .then(|| quote!(, Eq));
    quote! {
        #![doc = " A documented base type and the types derived from it."]
        #doc
        #[derive(Clone, Debug, PartialEq #eq)]
        pub enum #any {
            #( #decls )*
        }
        impl #any {
            #( #shared )*
        }
        impl ::std::default::Default for #any {
            fn default() -> Self {
                Self::#base_ident(::std::default::Default::default())
            }
        }
        impl ::serde::Serialize for #any {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                match self {
                    #( #serialize_arms )*
                }
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #any {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::support::__private::read_polymorphic(deserializer)
            }
        }
        impl crate::support::__private::ReadObject for #any {
            const TYPE_NAME: &'static str = #base_wire;
            fn read_documented<'de, A: ::serde::de::MapAccess<'de>>(&mut self, name: &str, access: &mut A) -> ::std::result::Result<bool, A::Error> {
                match self {
                    #( #read_arms )*
                }
            }
            fn rest(&mut self) -> &mut ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value> {
                match self {
                    #( #rest_arms )*
                }
            }
        }
        impl crate::support::__private::ReadPolymorphic for #any {
            fn variant(odata_type: &str) -> Self {
                match odata_type {
                    #( #start_arms )*
                    _ => Self::#base_ident(::std::default::Default::default()),
                }
            }
            fn odata_type(&mut self) -> &mut ::std::option::Option<::std::string::String> {
                match self {
                    #( #odata_type_arms )*
                }
            }
        }
        #( #froms )*
    }
}

/// A reader for each property of the base type that every variant holds alike, and for the
/// members no model describes: code over a mixed collection (an inbox of messages and event
/// messages) reads `subject()` without a match, so that skipping the derived items is never
/// the easy path. A property that a variant boxes and another does not gets no reader.
fn shared_accessors(
    cx: &Context,
    base: &QualifiedName,
    variants: &[(
        proc_macro2::Ident,
        String,
        &QualifiedName,
        proc_macro2::TokenStream,
    )],
) -> Vec<proc_macro2::TokenStream> {
    let all = |q: &QualifiedName| {
        cx.type_def(q)
            .map(|def| cx.all_properties(def))
            .unwrap_or_default()
    };
    let base_properties = all(base);
    let base_layout = FieldLayout::of(&base_properties);
    let layouts: Vec<(&QualifiedName, Vec<&crate::ir::Property>)> =
        variants.iter().map(|(_, _, q, _)| (*q, all(q))).collect();
    let boxed = |owner: &QualifiedName, p: &crate::ir::Property| match &p.ty {
        TypeRef::Named(q) if !p.collection && cx.any_name(q).is_none() => cx.needs_box(owner, q),
        _ => false,
    };
    let mut readers = Vec::new();
    for (field, p) in &base_layout.fields {
        let mut arms = Vec::new();
        let mut boxes = std::collections::BTreeSet::new();
        for ((v, _, _, gate), (q, properties)) in variants.iter().zip(&layouts) {
            let layout = FieldLayout::of(properties);
            let Some((own, own_p)) = layout.fields.iter().find(|(_, o)| o.name == p.name) else {
                break;
            };
            if own_p.ty != p.ty || own_p.collection != p.collection {
                break;
            }
            boxes.insert(boxed(q, own_p));
            let own = ident(own);
            arms.push(quote!(#gate Self::#v(model) => &model.#own,));
        }
        if arms.len() != variants.len() || boxes.len() != 1 {
            continue;
        }
        let mut value = cx.value_type(&p.ty);
        if p.collection {
            value = quote!(::std::vec::Vec<#value>);
        } else if boxes.contains(&true) {
            value = quote!(::std::boxed::Box<#value>);
        }
        // An inherent method shadows a trait's function of the same name when called by path:
        // an accessor `from` would make `AnyMessage::from(message)` the accessor, not the
        // conversion. Such an accessor takes a trailing `_`.
        let shadows = [
            "from",
            "default",
            "clone",
            "eq",
            "fmt",
            "serialize",
            "deserialize",
        ];
        let name = if shadows.contains(&field.as_str()) {
            format!("{field}_")
        } else {
            field.clone()
        };
        let doc = if name == *field {
            format!(" `{}` of whichever type this is.", p.name)
        } else {
            format!(
                " `{}` of whichever type this is (`{name}`, so that `{}::{field}` stays the trait's).",
                p.name, cx.any_name(base).unwrap_or_default()
            )
        };
        let name = ident(&name);
        readers.push(quote! {
            #[doc = #doc]
            pub fn #name(&self) -> &crate::support::Nullable<#value> {
                match self {
                    #( #arms )*
                }
            }
        });
    }
    let additional = ident(&base_layout.additional);
    let arms = variants
        .iter()
        .zip(&layouts)
        .map(|((v, _, _, gate), (_, properties))| {
            let own = ident(&FieldLayout::of(properties).additional);
            quote!(#gate Self::#v(model) => &model.#own,)
        });
    readers.push(quote! {
        /// The members that no model of this type describes, kept as they were read.
        pub fn #additional(&self) -> &::std::collections::BTreeMap<::std::string::String, ::serde_json::Value> {
            match self {
                #( #arms )*
            }
        }
    });
    readers
}
