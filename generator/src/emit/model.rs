//! One serde model struct per documented type, in `src/models/<type>.rs`, and the module file
//! that lists them.

use super::doc_escape::code_span;
use super::docs::{doc_attrs, paragraphs};
use super::field_layout::FieldLayout;
use super::manifest::cfg;
use super::rust_type::ident;
use super::{Context, GeneratedFile};
use crate::ir::{Property, QualifiedName, TypeDef, TypeKind, TypeRef};
use crate::names::{snake_name, Scope};
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;

pub fn emit_models(cx: &Context) -> Vec<GeneratedFile> {
    // `Abc` and `ABC` are different types but would share the module `abc`.
    let mut module_scope = Scope::default();
    // (type, its name, its module), named in order so that names stay deterministic.
    let defs: Vec<(&QualifiedName, &str, String)> = cx
        .types()
        .map(|def| {
            let type_name = cx.type_name(&def.name).expect("every IR type is named");
            let module = module_scope.unique(snake_name(type_name));
            (&def.name, type_name, module)
        })
        .collect();
    // Each file is built and formatted on one thread (token streams are not `Send`); only its
    // text crosses threads. `collect` keeps the order.
    let mut files: Vec<GeneratedFile> = defs
        .par_iter()
        .map(|&(q, type_name, ref module)| {
            cx.file(
                format!("src/models/{module}.rs"),
                (q, type_name),
                |cx, &(q, type_name)| {
                    let def = cx.type_def(q).expect("a model's type is in the IR");
                    model_file(cx, def, type_name)
                },
            )
        })
        .collect();
    // (module, type, area) of every model file.
    let mut modules: Vec<(String, String, String)> = defs
        .into_iter()
        .map(|(q, type_name, module)| {
            let area = cx.type_area(q).expect("a model's type is in the IR");
            (module, type_name.to_owned(), area.to_owned())
        })
        .collect();
    let (any_files, any_modules) = super::polymorphic::emit_any_types(cx, &mut module_scope);
    files.extend(any_files);
    modules.extend(any_modules);
    files.push(cx.file("src/models/mod.rs".into(), modules, |cx, m| mod_file(cx, m)));
    files
}

/// `src/models/mod.rs`: every model module by (module, type, area), and the areas' counts.
fn mod_file(cx: &Context, modules: &[(String, String, String)]) -> TokenStream {
    // A model of a disabled area is untyped JSON, so that models of enabled areas that refer to
    // it still compile (and still read and write it losslessly).
    let items = modules.iter().map(|(module, name, area)| {
        let (module, name, cfg) = (ident(module), ident(name), cfg(area));
        quote! {
            #cfg mod #module;
            #cfg pub use #module::#name;
            #[cfg(not(feature = #area))] pub type #name = ::serde_json::Value;
        }
    });
    let mut doc = vec![
        format!(
            " Models for the {} types documented in `{}/`, one module per type.",
            modules.len(),
            cx.docs_label()
        ),
        String::new(),
        " Each type belongs to the product area of the page that documents it (its `ms.prod`),"
            .to_owned(),
        " and each area is a cargo feature (all are on by default, through `full`). A model of a"
            .to_owned(),
        " disabled area is `serde_json::Value`. The areas and their model counts:".to_owned(),
        String::new(),
    ];
    for area in cx.areas() {
        let count = modules.iter().filter(|(_, _, a)| a == area).count();
        doc.push(format!(" - `{area}`: {count}"));
    }
    quote! {
        #( #![doc = #doc] )*
        #( #items )*
    }
}

/// A struct for one JSON object: `@odata.type`, one optional field per property (boxed where
/// `owner` would otherwise contain itself), and a map that keeps everything else; with the
/// `Serialize` and `Deserialize` impls that read and write it through `support::__private::ReadObject`
/// and `ObjectWriter` (see there why they are not derived). `wire_type` names the type in
/// errors; `attrs` are its doc comment.
pub fn object_struct(
    cx: &Context,
    name: &proc_macro2::Ident,
    wire_type: &str,
    attrs: TokenStream,
    owner: Option<&QualifiedName>,
    properties: &[&Property],
) -> TokenStream {
    let layout = FieldLayout::of(properties);
    let (odata_type, additional) = (ident(&layout.odata_type), ident(&layout.additional));
    let mut members = vec![(odata_type.clone(), "@odata.type".to_owned())];
    let fields: Vec<TokenStream> = layout
        .fields
        .iter()
        .map(|(field, p)| {
            let field = ident(field);
            members.push((field.clone(), p.name.clone()));
            let mut value = cx.value_type(&p.ty);
            if p.collection {
                value = quote!(::std::vec::Vec<#value>);
            } else if let (TypeRef::Named(q), Some(owner)) = (&p.ty, owner) {
                // `Any<Type>` variants are boxed already.
                if cx.any_name(q).is_none() && cx.needs_box(owner, q) {
                    value = quote!(::std::boxed::Box<#value>);
                }
            }
            let ty = if p.collection {
                format!("Collection({})", p.ty)
            } else {
                p.ty.to_string()
            };
            let doc = doc_attrs(&paragraphs([
                p.description
                    .as_deref()
                    .map(|d| cx.description(p.span.file, d))
                    .unwrap_or_default(),
                // The page is named once, on the type; a field names its wire name and type.
                format!("{}: `{ty}`.", code_span(&p.name)),
            ]));
            quote! {
                #doc
                pub #field: crate::support::Nullable<#value>,
            }
        })
        .collect();
    let (fields_out, wires): (Vec<_>, Vec<_>) = members.into_iter().unzip();
    // `Eq` where every field is (no float, no model that holds one).
    let eq = layout
        .fields
        .iter()
        .all(|(_, p)| cx.is_eq(&p.ty))
        .then(|| quote!(, Eq));
    quote! {
        #attrs
        #[derive(Clone, Debug, Default, PartialEq #eq)]
        pub struct #name {
            /// The `@odata.type` annotation naming the concrete type, when the service sends it.
            pub #odata_type: ::std::option::Option<::std::string::String>,
            #( #fields )*
            /// Properties and annotations the docs do not describe, kept so that nothing is lost
            /// when a value is read and written back.
            pub #additional: ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value>,
        }
        impl ::serde::Serialize for #name {
            fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                let mut object = crate::support::__private::ObjectWriter::begin(serializer)?;
                #( object.member(#wires, &self.#fields_out)?; )*
                object.end(&self.#additional)
            }
        }
        impl<'de> ::serde::Deserialize<'de> for #name {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                crate::support::__private::read_object(deserializer)
            }
        }
        impl crate::support::__private::ReadObject for #name {
            const TYPE_NAME: &'static str = #wire_type;
            fn read_documented<'de, A: ::serde::de::MapAccess<'de>>(&mut self, name: &str, access: &mut A) -> ::std::result::Result<bool, A::Error> {
                use crate::support::__private::read_member as read;
                // One call an arm and one `?`-free exit: each `?` is a branch more for the
                // compiler to check, in 1,000 impls of up to 200 arms.
                let outcome = match name {
                    #( #wires => read(&mut self.#fields_out, name, Self::TYPE_NAME, access), )*
                    _ => return ::std::result::Result::Ok(false),
                };
                outcome.map(|()| true)
            }
            fn rest(&mut self) -> &mut ::std::collections::BTreeMap<::std::string::String, ::serde_json::Value> {
                &mut self.#additional
            }
        }
    }
}

fn model_file(cx: &Context, def: &TypeDef, type_name: &str) -> TokenStream {
    let kind = match def.kind {
        TypeKind::Entity => "entity",
        TypeKind::Complex => "complex",
        TypeKind::Enum => {
            let tokens = super::enum_type::enum_tokens(cx, def, type_name);
            return quote! {
                #![doc = " The model of one documented enum type."]
                #tokens
            };
        }
    };
    let declared: Vec<String> = def.declared_at.iter().map(|s| cx.source_ref(*s)).collect();
    let mut header = vec![format!("`{}` ({kind} type).", def.name)];
    if let Some(base) = &def.base {
        header.push(format!(
            "Derives from `{base}`; its properties are included."
        ));
    }
    let doc = doc_attrs(&paragraphs([
        cx.type_description(def),
        header.join(" "),
        format!("Documented in {}.", declared.join(", ")),
    ]));

    let properties = cx.all_properties(def);
    let object = object_struct(
        cx,
        &ident(type_name),
        &def.name.to_string(),
        doc,
        Some(&def.name),
        &properties,
    );
    quote! {
        #![doc = " The model of one documented type."]
        #object
    }
}
