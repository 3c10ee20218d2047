//! One Rust enum per documented enum type: a variant per member with the wire name kept, plus a
//! catch-all that keeps any member the docs do not list, so new service values never fail to
//! deserialize and are written back unchanged.

use super::docs::{doc_attrs, paragraphs};
use super::rust_type::ident;
use super::Context;
use crate::ir::TypeDef;
use crate::names::{type_name, Scope};
use proc_macro2::TokenStream;
use quote::quote;

/// The variant that keeps undocumented members; reserved before members are named.
const CATCH_ALL: &str = "Unrecognized";

/// The catch-all's name and each member's variant name, in member order.
pub fn variant_names(def: &TypeDef) -> (String, Vec<String>) {
    let mut scope = Scope::default();
    let catch_all = scope.unique_type(CATCH_ALL.into());
    let members = def
        .members
        .iter()
        .map(|m| scope.unique_type(type_name(&m.name)))
        .collect();
    (catch_all, members)
}

pub fn enum_tokens(cx: &Context, def: &TypeDef, name: &str) -> TokenStream {
    let name = ident(name);
    let declared: Vec<String> = def.declared_at.iter().map(|s| cx.source_ref(*s)).collect();
    let doc = doc_attrs(&paragraphs([
        cx.type_description(def),
        format!("`{}` (enum type).", def.name),
        format!("Documented in {}.", declared.join(", ")),
    ]));
    let (catch_all, names) = variant_names(def);
    let catch_all = ident(&catch_all);
    let variants: Vec<_> = names.iter().map(|n| ident(n)).zip(&def.members).collect();
    let decls = variants.iter().map(|(v, m)| {
        let sentinel = if m.name == "unknownFutureValue" {
            "Graph's evolvable-enum sentinel: members documented after it are sent only to requests \
             that set `include_unknown_enum_members()`; others receive this variant instead."
                .to_owned()
        } else {
            String::new()
        };
        let doc = doc_attrs(&paragraphs([
            m.description.as_deref().map(|d| cx.description(m.span.file, d)).unwrap_or_default(),
            sentinel,
            format!("`{}`.", m.name),
        ]));
        quote!(#doc #v,)
    });
    let to_wire = variants.iter().map(|(v, m)| {
        let wire = &m.name;
        quote!(Self::#v => #wire,)
    });
    let from_wire = variants.iter().map(|(v, m)| {
        let wire = &m.name;
        quote!(#wire => Self::#v,)
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum #name {
            #( #decls )*
            /// A member the docs do not list, kept exactly as the service sent it.
            #catch_all(::std::string::String),
        }
        impl #name {
            /// The member's name on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( #to_wire )*
                    Self::#catch_all(other) => other,
                }
            }
            /// Reads a member from its wire name; unknown names are kept, not rejected.
            pub fn from_wire(value: &str) -> Self {
                match value {
                    #( #from_wire )*
                    other => Self::#catch_all(other.to_owned()),
                }
            }
        }
        impl crate::support::__private::WireEnum for #name {
            fn as_str(&self) -> &str {
                #name::as_str(self)
            }
            fn from_wire(value: &str) -> Self {
                #name::from_wire(value)
            }
        }
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                let value = <::std::string::String as ::serde::Deserialize>::deserialize(deserializer)?;
                ::std::result::Result::Ok(Self::from_wire(&value))
            }
        }
    }
}
