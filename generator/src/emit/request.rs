//! One request type per documented operation, in `src/requests/<operation>.rs`: constructors
//! per request line that fill in and percent-encode the path, and a `GraphRequest` impl that
//! turns it into an `http::Request` without any HTTP client.

use super::doc_escape::code_span;
use super::docs::{doc_attrs, escape, paragraphs};
use super::format::format_file;
use super::manifest::cfg;
use super::rust_type::ident;
use super::{Context, GeneratedFile};
use crate::ir::{Body, Operation, PathPiece, PathTemplate, RequestLine, Response};
use crate::names::{field_name, snake_name, Scope};
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;

/// The request surface by URL: each `METHOD /path` the docs write, beside the constructor that
/// sends it, sorted by path, so that a reader can look a URL up.
fn url_index(jobs: &[Job]) -> Vec<String> {
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for (_, usable, name, _, _, _) in jobs {
        let names = constructor_names(usable, &mut Scope::default());
        for ((line, path), ctor) in usable.iter().zip(names) {
            rows.push((
                path.to_string(),
                line.method.clone(),
                format!("{name}::{ctor}"),
            ));
        }
    }
    rows.sort();
    let mut doc = vec![
        String::new(),
        "# Requests by URL".into(),
        String::new(),
        "| Request | Rust |".into(),
        "|---|---|".into(),
    ];
    doc.extend(rows.into_iter().map(|(path, method, call)| {
        let request = code_span(&format!("{method} {path}")).replace('|', "\\|");
        format!("| {request} | `{call}` |")
    }));
    doc
}

/// What one request type is built from: its operation, lines, name, body struct name, module
/// and response.
type Job<'a> = (
    &'a Operation,
    Vec<UsableLine<'a>>,
    String,
    Option<String>,
    String,
    Option<&'a Response>,
);

/// A request line with a path, and that path.
type UsableLine<'a> = (&'a RequestLine, &'a PathTemplate);

pub fn emit_requests(cx: &Context) -> Vec<GeneratedFile> {
    let mut jobs: Vec<Job> = Vec::new();
    let mut without_path = Vec::new();
    let mut module_scope = Scope::default();
    let names = cx.request_names.clone();
    // Body structs are re-exported beside the request types, so their names must not collide
    // with any of those (nor with each other).
    let mut exported = Scope::default();
    for name in &names {
        exported.unique_type(name.clone());
    }
    for (op, name) in cx.ir.operations.iter().zip(names) {
        let usable: Vec<(&RequestLine, &PathTemplate)> = op
            .lines
            .iter()
            .filter_map(|l| l.path.as_ref().map(|p| (l, p)))
            .collect();
        if usable.is_empty() {
            without_path.push(op);
            continue;
        }
        // Lines that answer differently (`…/{id}` and `…/{id}/$value`) cannot share one
        // response type: each answer gets a request type of its own, the first the page's name.
        let mut groups: Vec<(Option<&Response>, Vec<UsableLine>)> = Vec::new();
        for (line, path) in usable {
            match groups
                .iter_mut()
                .find(|(r, _)| *r == line.response.as_ref())
            {
                Some((_, lines)) => lines.push((line, path)),
                None => groups.push((line.response.as_ref(), vec![(line, path)])),
            }
        }
        for (index, (response, usable)) in groups.into_iter().enumerate() {
            let name = if index == 0 {
                name.clone()
            } else {
                let suffix = match response {
                    Some(Response::Bytes) => "Content",
                    Some(Response::Empty) => "NoContent",
                    _ => "Other",
                };
                exported.unique_type(format!("{name}{suffix}"))
            };
            let module = module_scope.unique(snake_name(&name));
            let body = matches!(op.body, Some(Body::Parameters(_)))
                .then(|| exported.unique_type(format!("{name}Body")));
            jobs.push((op, usable, name, body, module, response));
        }
    }
    // Each file is built and formatted on one thread (token streams are not `Send`); only its
    // text crosses threads. `collect` keeps the order.
    let mut files: Vec<GeneratedFile> = jobs
        .par_iter()
        .map(|(op, usable, name, body, module, response)| GeneratedFile {
            path: format!("src/requests/{module}.rs"),
            contents: format_file(
                cx.options,
                request_file(cx, op, usable, name, body.as_deref(), *response),
            ),
        })
        .collect();
    let items = jobs.iter().map(|(op, _, name, body, module, _)| {
        let (module, name, cfg) = (ident(module), ident(name), cfg(cx.ir.page_area(op.page)));
        let body = body
            .as_deref()
            .map(ident)
            .map(|body| quote!(#cfg pub use #module::#body;));
        quote! {
            #cfg mod #module;
            #cfg pub use #module::#name;
            #body
        }
    });
    let request_count = jobs.len();
    let mut doc = vec![format!(
        "Request types for the {} documented operations that have a usable request path.",
        request_count
    )];
    doc.extend(url_index(&jobs));
    if !without_path.is_empty() {
        doc.push(String::new());
        doc.push(
            "These documented operations have no usable request path, so no request type:".into(),
        );
        doc.push(String::new());
        for op in without_path {
            let lines: Vec<String> = op
                .lines
                .iter()
                .map(|l| format!("`{}`", l.raw.replace('`', "'")))
                .collect();
            doc.push(format!(
                "- {} ({}): {}",
                escape(&op.title),
                cx.source_ref(op.lines.first().map_or(op.span, |l| l.span)),
                escape(&lines.join(", "))
            ));
        }
    }
    let doc = doc.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    let tokens = quote! {
        #( #![doc = #doc] )*
        #( #items )*
    };
    files.push(GeneratedFile {
        path: "src/requests/mod.rs".into(),
        contents: format_file(cx.options, tokens),
    });
    files
}

/// The constructor of each line, unique in `scope` (which the setters share afterwards).
fn constructor_names(usable: &[UsableLine], scope: &mut Scope) -> Vec<String> {
    usable
        .iter()
        .map(|(_, path)| scope.unique(constructor_name(path, usable.len() == 1)))
        .collect()
}

/// `METHOD /path` and `/path` of each line, as rustdoc aliases, so that searching the docs for a
/// URL finds the request that sends it. rustdoc refuses quotes and whitespace other than a
/// space in an alias; a line with those has none.
fn url_aliases(usable: &[UsableLine]) -> Vec<String> {
    let mut aliases: Vec<String> = usable
        .iter()
        .flat_map(|(line, path)| [format!("{} {path}", line.method), path.to_string()])
        .filter(|a| !a.contains(['"', '\'']) && !a.chars().any(|c| c.is_whitespace() && c != ' '))
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect();
    aliases.sort();
    aliases.dedup();
    aliases
}

/// The constructor name for a request line: `new` when there is only one; otherwise the literal
/// segments for a path without parameters (`me`), or `by_` and the parameter names.
fn constructor_name(path: &PathTemplate, only: bool) -> String {
    if only {
        return "new".into();
    }
    let params: Vec<String> = path.parameters().map(parameter_name).collect();
    if params.is_empty() {
        let literals: Vec<String> = path
            .segments
            .iter()
            .flat_map(|s| &s.pieces)
            .filter_map(|p| match p {
                PathPiece::Literal(l) => Some(snake_name(l)),
                PathPiece::Parameter(_) => None,
            })
            .collect();
        snake_name(&literals.join("_"))
    } else {
        // Parts are joined without their keyword escapes (`type_`), then escaped once as a whole.
        let parts: Vec<&str> = params.iter().map(|p| p.trim_matches('_')).collect();
        snake_name(&format!("by_{}", parts.join("_and_")))
    }
}

/// `usersId` → `users_id`; `id | userPrincipalName` → `id` (the first alternative).
fn parameter_name(raw: &str) -> String {
    field_name(raw.split('|').next().unwrap_or(raw).trim())
}

fn request_file(
    cx: &Context,
    op: &Operation,
    usable: &[(&RequestLine, &PathTemplate)],
    name: &str,
    body_name: Option<&str>,
    response: Option<&Response>,
) -> TokenStream {
    let type_ident = ident(name);
    // An action's parameters become a body struct of their own, beside the request type.
    let (body_type, body_struct) = match &op.body {
        Some(Body::Model(q)) => (Some(cx.model_type(q)), quote!()),
        // `{"@odata.id": "…"}`: JSON, so a JSON value carries it exactly.
        Some(Body::Reference) => (Some(quote!(::serde_json::Value)), quote!()),
        Some(Body::Bytes) => (Some(quote!(crate::support::Bytes)), quote!()),
        Some(Body::Parameters(params)) => {
            let body_name = ident(body_name.expect("an action's body struct is named up front"));
            let refs: Vec<&crate::ir::Property> = params.iter().collect();
            let doc = format!(" The JSON body of [`{name}`]: the parameters its page documents.");
            let body_struct = super::model::object_struct(
                cx,
                &body_name,
                &format!("the body of {name}"),
                quote!(#[doc = #doc]),
                None,
                &refs,
            );
            (Some(quote!(#body_name)), body_struct)
        }
        None => (None, quote!()),
    };
    // Graph answers an update or a replace with the entity or with a bare 204, depending on the
    // resource and on `Prefer: return=…`: both read as success.
    let updates = usable
        .iter()
        .all(|(line, _)| matches!(line.method.as_str(), "PATCH" | "PUT"));
    let response_type = match response {
        Some(Response::Json { ty, collection }) => {
            let item = cx.value_type(ty);
            if *collection {
                quote!(crate::support::Collection<#item>)
            } else if updates {
                quote!(::std::option::Option<#item>)
            } else {
                item
            }
        }
        Some(Response::Bytes) => quote!(crate::support::Bytes),
        Some(Response::Empty) => quote!(crate::support::NoContent),
        None => quote!(::serde_json::Value),
    };
    let sends: Vec<String> = usable
        .iter()
        .map(|(l, p)| format!("`{} {p}`", l.method))
        .collect();
    let mut parts = vec![
        op.description.as_deref().map(escape).unwrap_or_default(),
        format!("Sends {}.", sends.join(" or ")),
    ];
    if !op.permissions.is_empty() {
        let list: Vec<String> = op
            .permissions
            .iter()
            .map(|(kind, perms)| format!("- {}: {}", escape(kind), escape(perms)))
            .collect();
        parts.push(format!("Permissions:\n\n{}", list.join("\n")));
    }
    parts.push(format!("Documented in {}.", cx.source_ref(op.span)));
    let doc = doc_attrs(&paragraphs(parts));
    let aliases = url_aliases(usable);

    let mut scope = Scope::default();
    let names = constructor_names(usable, &mut scope);
    let constructors: Vec<TokenStream> = usable.iter().zip(&names).map(|((line, path), ctor)| {
        let ctor = ident(ctor);
        // `body` is the body parameter; a path parameter of that name (or a repeated one) yields.
        let mut params_scope = Scope::default();
        params_scope.unique("body".into());
        let params: Vec<_> = path
            .parameters()
            .map(|p| ident(&params_scope.unique(parameter_name(p))))
            .collect();
        let literals = path_literals(path);
        let method = ident(&line.method);
        let ctor_doc = format!(
            " `{} {path}`, documented at {}.",
            line.method,
            cx.source_ref(line.span)
        );
        let (body_param, with_body) = match &body_type {
            Some(t) => (quote!(body: #t), quote!(.with_body(body))),
            None => (quote!(), quote!()),
        };
        quote! {
            #[doc = #ctor_doc]
            pub fn #ctor(#( #params: &str, )* #body_param) -> Self {
                Self(crate::support::RequestParts::new(::http::Method::#method, &[#( #literals ),*], &[#( #params ),*])#with_body)
            }
        }
    }).collect();
    // A read takes the OData query options of what it reads, through a support trait.
    let reads = usable.iter().all(|(line, _)| line.method == "GET");
    let read = match response {
        Some(Response::Json {
            collection: true, ..
        }) if reads => Some(ReadQuery::Collection),
        Some(Response::Json { .. }) if reads => Some(ReadQuery::Entity),
        _ => None,
    };
    let read_query = match read {
        Some(ReadQuery::Collection) => {
            quote!(impl crate::support::CollectionQuery for #type_ident {})
        }
        Some(ReadQuery::Entity) => quote!(impl crate::support::EntityQuery for #type_ident {}),
        None => quote!(),
    };
    // Setters share the constructors' scope, so `select` cannot shadow a constructor.
    let setters = option_setters(op, read, &mut scope);
    let body_assoc = body_type.unwrap_or_else(|| quote!(crate::support::NoBody));
    quote! {
        #![doc = " The request type of one documented operation."]
        #body_struct
        #doc
        #( #[doc(alias = #aliases)] )*
        #[derive(Clone, Debug, PartialEq)]
        pub struct #type_ident(crate::support::RequestParts<#body_assoc>);
        impl #type_ident {
            #( #constructors )*
            #( #setters )*
        }
        impl crate::support::DocumentedRequest for #type_ident {
            type Body = #body_assoc;
            type Response = #response_type;
            fn parts(&self) -> &crate::support::RequestParts<Self::Body> {
                &self.0
            }
            fn parts_mut(&mut self) -> &mut crate::support::RequestParts<Self::Body> {
                &mut self.0
            }
        }
        #read_query
    }
}

/// Which support trait gives a read its query options.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ReadQuery {
    Collection,
    Entity,
}

/// The options `support::CollectionQuery` and `support::EntityQuery` already give.
fn covered(option: &str, read: Option<ReadQuery>) -> bool {
    match read {
        Some(ReadQuery::Collection) => matches!(
            option,
            "$select"
                | "$filter"
                | "$top"
                | "$skip"
                | "$orderby"
                | "$expand"
                | "$count"
                | "$search"
        ),
        Some(ReadQuery::Entity) => matches!(option, "$select" | "$expand"),
        None => false,
    }
}

/// Builder methods for the query options and headers the page documents, except those the
/// read's query trait already has.
fn option_setters(op: &Operation, read: Option<ReadQuery>, scope: &mut Scope) -> Vec<TokenStream> {
    // `query`, `header`, `include_unknown_enum_members` and the like come from
    // `support::RequestExt` on every request.
    let mut setters = Vec::new();
    for option in op.query_options.iter().filter(|o| !covered(o, read)) {
        let name = ident(&scope.unique(snake_name(option.trim_start_matches('$'))));
        let doc = format!(" Sets the `{option}` query option.");
        let (param, value) = match option.as_str() {
            "$select" | "$expand" | "$orderby" => (quote!(items: &[&str]), quote!(items.join(","))),
            "$top" | "$skip" => (quote!(count: u32), quote!(count.to_string())),
            "$count" => (quote!(count: bool), quote!(count.to_string())),
            _ => (quote!(value: &str), quote!(value)),
        };
        setters.push(quote! {
            #[doc = #doc]
            pub fn #name(self, #param) -> Self {
                Self(self.0.query(#option, #value))
            }
        });
    }
    for header in &op.headers {
        let name = ident(&scope.unique(snake_name(header)));
        let doc = format!(" Sets the `{header}` request header.");
        setters.push(quote! {
            #[doc = #doc]
            pub fn #name(self, value: &str) -> Self {
                Self(self.0.header(#header, value))
            }
        });
    }
    setters
}

/// The literal text around the path's parameters, one more piece than there are parameters,
/// for `support::RequestParts::new`, which puts each parameter between two, percent-encoded.
fn path_literals(path: &PathTemplate) -> Vec<String> {
    let mut literals = Vec::new();
    let mut literal = String::new();
    for segment in &path.segments {
        literal.push('/');
        for piece in &segment.pieces {
            match piece {
                PathPiece::Literal(text) => literal.push_str(text),
                PathPiece::Parameter(_) => literals.push(std::mem::take(&mut literal)),
            }
        }
    }
    if let Some(query) = &path.query {
        literal.push('?');
        literal.push_str(query);
    }
    literals.push(literal);
    literals
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lower::parse_path;
    use crate::source::{FileId, Span};

    fn line(method: &str, path: &str) -> (RequestLine, PathTemplate) {
        let path = parse_path(path).unwrap();
        let line = RequestLine {
            method: method.into(),
            path: Some(path.clone()),
            raw: String::new(),
            span: Span::new(FileId(0), 0..0),
            address: None,
            response: None,
        };
        (line, path)
    }

    #[test]
    fn urls_become_aliases_where_rustdoc_accepts_them() {
        let lines = [
            line("GET", "/users/{id | userPrincipalName}/messages"),
            line("GET", "/reports/getX(period='{period}')"),
        ];
        let usable: Vec<UsableLine> = lines.iter().map(|(l, p)| (l, p)).collect();
        // A quote is refused by rustdoc (a hard error, even in `cargo build`): that line has none.
        assert_eq!(
            url_aliases(&usable),
            [
                "/users/{id | userPrincipalName}/messages",
                "GET /users/{id | userPrincipalName}/messages"
            ]
        );
    }
}
