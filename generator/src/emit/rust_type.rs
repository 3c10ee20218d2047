//! The Rust type of a property: OData primitives map to std and the crate's support types,
//! documented types to their models, undocumented ones to untyped JSON.

use super::Context;
use crate::ir::{Primitive, TypeRef};
use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

pub fn primitive_type(p: Primitive) -> TokenStream {
    match p {
        Primitive::String => quote!(::std::string::String),
        Primitive::Boolean => quote!(bool),
        Primitive::Byte => quote!(u8),
        Primitive::SByte => quote!(i8),
        Primitive::Int16 => quote!(i16),
        Primitive::Int32 => quote!(i32),
        Primitive::Int64 => quote!(i64),
        Primitive::Single => quote!(crate::support::Single),
        Primitive::Double => quote!(crate::support::Double),
        Primitive::Decimal => quote!(crate::support::Decimal),
        Primitive::Guid => quote!(crate::support::Guid),
        Primitive::Binary | Primitive::Stream => quote!(crate::support::Base64),
        Primitive::Date => quote!(crate::support::Date),
        Primitive::TimeOfDay => quote!(crate::support::TimeOfDay),
        Primitive::DateTimeOffset => quote!(crate::support::DateTimeOffset),
        Primitive::Duration => quote!(crate::support::Duration),
    }
}

pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

impl Context<'_> {
    /// The model of a documented type itself, never its `Any<Type>` (request bodies are the
    /// type the page names).
    pub fn model_type(&self, q: &crate::ir::QualifiedName) -> TokenStream {
        match self.type_name(q) {
            Some(name) => {
                let name = ident(name);
                quote!(crate::models::#name)
            }
            None => quote!(::serde_json::Value),
        }
    }

    /// The Rust type of one value of `ty` (not the collection, not the `Option`).
    pub fn value_type(&self, ty: &TypeRef) -> TokenStream {
        match ty {
            TypeRef::Primitive(p) => primitive_type(*p),
            TypeRef::Named(q) => match self.any_name(q) {
                // A base type with derived types reads as whichever one `@odata.type` names.
                Some(any) => {
                    let name = ident(any);
                    quote!(crate::models::#name)
                }
                // A flags enum's value is a comma-separated list of its members.
                None if self.is_flags(q) => {
                    let model = self.model_type(q);
                    quote!(crate::support::Flags<#model>)
                }
                None => self.model_type(q),
            },
            TypeRef::Json | TypeRef::Unresolved(_) => quote!(::serde_json::Value),
        }
    }
}
