//! Polymorphism: for every type that others derive from, an `Any<Type>` enum with one variant
//! per derived type, chosen by `@odata.type` when read. A property or response declared as the
//! base type holds an `Any<Type>`, so a `user` inside a `directoryObject` collection reads as a
//! `User`. A value whose `@odata.type` names no documented derived type reads as the base model,
//! which keeps every other property in `additional_properties`: nothing is lost either way.

use super::docs::doc_attrs;
use super::format::format_file;
use super::manifest::cfg;
use super::rust_type::ident;
use super::{Context, GeneratedFile};
use crate::ir::QualifiedName;
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
    for (base, derived) in cx.derived {
        let (Some(any_name), Some(base_name)) = (cx.any_names.get(base), cx.type_name(base)) else {
            continue;
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
                let area = cx.ir.type_area(cx.ir.types.get(q)?);
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
        let read_arms = variants.iter().filter(|(_, _, q, _)| *q != base).map(|(v, wire, _, cfg)| {
            quote!(#cfg #wire => Self::#v(::std::boxed::Box::new(::serde_json::from_value(value).map_err(<D::Error as ::serde::de::Error>::custom)?)),)
        });
        let froms = variants.iter().map(|(v, _, _, cfg)| {
            quote! {
                #cfg
                impl ::std::convert::From<crate::models::#v> for #any {
                    fn from(value: crate::models::#v) -> Self {
                        Self::#v(::std::boxed::Box::new(value))
                    }
                }
            }
        });
        let doc = doc_attrs(&[format!(
            "`{base}` or any of the {} types derived from it, chosen by `@odata.type` when read.",
            derived.len()
        )]);
        // `Eq` when every variant's model is.
        let eq = cx
            .is_eq(&crate::ir::TypeRef::Named(base.clone()))
            .then(|| quote!(, Eq));
        let tokens = quote! {
            #![doc = " A documented base type and the types derived from it."]
            #doc
            #[derive(Clone, Debug, PartialEq #eq)]
            pub enum #any {
                #( #decls )*
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
                    let value = <::serde_json::Value as ::serde::Deserialize>::deserialize(deserializer)?;
                    let named = value
                        .get("@odata.type")
                        .and_then(::serde_json::Value::as_str)
                        .map(|t| t.trim_start_matches('#').to_ascii_lowercase())
                        .unwrap_or_default();
                    ::std::result::Result::Ok(match named.as_str() {
                        #( #read_arms )*
                        _ => Self::#base_ident(::std::boxed::Box::new(::serde_json::from_value(value).map_err(<D::Error as ::serde::de::Error>::custom)?)),
                    })
                }
            }
            #( #froms )*
        };
        let module = module_scope.unique(snake_name(any_name));
        files.push(GeneratedFile {
            path: format!("src/models/{module}.rs"),
            contents: format_file(cx.options, tokens),
        });
        modules.push((
            module,
            any_name.clone(),
            cx.ir.type_area(&cx.ir.types[base]).to_owned(),
        ));
    }
    (files, modules)
}
