//! The request API as navigation that mirrors the URL (`crate::navigation` decides the tree and
//! its names): `Graph` with one method per root in `src/requests/mod.rs`, and per root a file
//! `src/requests/<root>.rs` with one small type per path prefix, whose methods are the next
//! steps and the final calls. A step is one line (`Self(self.0.push("/messages"))`); a final
//! call returns a `support::Request` typed by body, response and query options.

use super::doc_escape::code_span;
use super::docs::{doc_attrs, escape, paragraphs};
use super::rust_type::ident;
use super::{Context, GeneratedFile};
use crate::ir::Body;
use crate::surface::{Call, NavStep, TemplatePiece, UrlPart};
use proc_macro2::TokenStream;
use quote::quote;
use rayon::prelude::*;
use std::collections::BTreeSet;

pub fn emit_requests(cx: &Context) -> Vec<GeneratedFile> {
    let nav = cx.nav();
    // Each file is built and formatted on one thread (token streams are not `Send`); only its
    // text crosses threads. `collect` keeps the order.
    let layouts: Vec<RootFiles> = nav.roots.iter().map(|&r| RootFiles::of(nav, r)).collect();
    let jobs: Vec<(&RootFiles, Option<usize>)> = layouts
        .iter()
        .flat_map(|l| {
            std::iter::once((l, None)).chain((0..l.parts.len()).map(move |i| (l, Some(i))))
        })
        .collect();
    let mut files: Vec<GeneratedFile> = jobs
        .par_iter()
        .map(|&(layout, part)| {
            let module = &nav.nodes[layout.root].module;
            match part {
                None => cx.file(format!("src/requests/{module}.rs"), layout, |cx, layout| {
                    root_file(cx, layout)
                }),
                Some(i) => {
                    let part = &layout.parts[i];
                    cx.file(
                        format!("src/requests/{module}/{}.rs", part.module),
                        part,
                        |cx, part| part_file(cx, part),
                    )
                }
            }
        })
        .collect();
    if !nav.body_names.is_empty() {
        files.push(super::request_types::emit_bodies(cx));
    }
    files.push(cx.file("src/requests/mod.rs".into(), (), |cx, ()| mod_file(cx)));
    files
}

/// `src/requests/mod.rs`: the index of the request surface by URL, `Graph`, the root modules
/// and the action bodies.
fn mod_file(cx: &Context) -> TokenStream {
    let nav = cx.nav();
    let roots = nav.roots.iter().map(|&r| {
        let node = &nav.nodes[r];
        let (name, module, ty) = (
            ident(&node.step.name),
            ident(&node.module),
            ident(&node.type_name),
        );
        let gate = super::manifest::cfg_any(&node.areas);
        let (params, path) = match &node.step.url {
            UrlPart::Literal(text) => (
                Vec::new(),
                quote!(crate::support::__private::UrlPath::root(#text)),
            ),
            _ => step_application(
                &node.step,
                quote!(crate::support::__private::UrlPath::root("")),
            ),
        };
        let doc = format!(" `{}`", node.template);
        quote! {
            #[doc = #doc]
            #gate
            pub fn #name(#( #params: &str ),*) -> #module::#ty {
                #module::#ty(#path)
            }
        }
    });
    let modules = nav.roots.iter().map(|&r| {
        let node = &nav.nodes[r];
        let module = ident(&node.module);
        let gate = super::manifest::cfg_any(&node.areas);
        let doc = format!(" Requests under `{}`.", node.template);
        quote!(#[doc = #doc] #gate pub mod #module;)
    });
    let lines = module_doc(cx);
    let lines = lines.iter().map(|l| {
        if l.is_empty() {
            String::new()
        } else {
            format!(" {l}")
        }
    });
    // Gated by every body's areas, so that a build with none of them has no empty module.
    let bodies = (!nav.body_names.is_empty()).then(|| {
        let ops: Vec<usize> = nav.body_names.keys().copied().collect();
        let gate = super::manifest::cfg_any(&super::request_types::body_areas(cx, &ops));
        quote!(
            #gate
            mod bodies;
            #gate
            pub use bodies::*;
        )
    });
    let root = cx.service_root();
    let scope = &cx.config().service.scope;
    let start = ident(&nav.root);
    let root_doc = " The service root the docs' request examples send to, which \
        [`DEFAULT_BASE_URL`](crate::support::DEFAULT_BASE_URL) is.";
    quote! {
        #( #![doc = #lines] )*
        #bodies
        #( #modules )*

        #[doc = #root_doc]
        pub const SERVICE_ROOT: &str = #root;

        #[doc = " The token scope a credential is asked for when the client gets its own tokens."]
        pub const DEFAULT_SCOPE: &str = #scope;

        /// Where every request starts. Each step is named from its URL segment, each final call
        /// by what it does; see the table in [the module docs](self) to look a URL up.
        #[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
        pub struct #start;

        impl #start {
            #( #roots )*
        }

        /// The type requests start from, for the crate's prelude.
        pub mod start {
            pub use super::#start;
        }
    }
}

/// The module's docs: what it holds, the request surface by URL, and the operations that have
/// no usable request line.
fn module_doc(cx: &Context) -> Vec<String> {
    let nav = cx.nav();
    let mut rows: Vec<(String, String, String)> = Vec::new();
    let mut calls = 0;
    for n in nav.walk() {
        for call in &nav.nodes[n].calls {
            calls += 1;
            let chain = cx.call_chain(n, call);
            for &(op, line) in &call.lines {
                let (method, path) = cx.line(op, line);
                let path = path.expect("calls are made of usable lines");
                rows.push((path.to_string(), method.to_owned(), chain.clone()));
            }
        }
    }
    rows.sort();
    rows.dedup();
    let mut doc = vec![
        format!(
            "Requests, by navigation that mirrors the URL: start at [`{}`], take one step per \
             path segment, end with a call named by what it does. {calls} calls send the {} \
             documented request lines below.",
            nav.root,
            rows.len()
        ),
        String::new(),
        "# Requests by URL".into(),
        String::new(),
        "| Request | Rust |".into(),
        "|---|---|".into(),
    ];
    doc.extend(rows.into_iter().map(|(path, method, call)| {
        let request = code_span(&format!("{method} {path}")).replace('|', "\\|");
        format!("| {request} | {} |", code_span(&call).replace('|', "\\|"))
    }));
    if !nav.collisions.is_empty() {
        doc.push(String::new());
        doc.push(format!(
            "These {} names took a numeric suffix, because two different things named alike:",
            nav.collisions.len()
        ));
        doc.push(String::new());
        doc.extend(nav.collisions.iter().map(|c| format!("- {}", escape(c))));
    }
    let without_path: Vec<_> = (0..cx.operation_count())
        .filter(|&op| (0..cx.line_count(op)).all(|l| cx.line(op, l).1.is_none()))
        .map(|op| cx.operation(op))
        .collect();
    if !without_path.is_empty() {
        doc.push(String::new());
        doc.push("These documented operations have no usable request line, so no call:".into());
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
    doc
}

/// How one root's nodes are spread over files. The root's file holds the root and the nodes
/// down to its key (`/users`, `/users/{id}`); each node reached from those by a fixed segment
/// (`/users/{id}/messages`, `/me/drive`) has a file of its own with everything below it, in
/// `src/requests/<root>/`, re-exported by the root's module. A one-page edit then reformats
/// the part it touches, not all of `/me` (on Graph, the largest root by far).
#[derive(Debug)]
struct RootFiles {
    root: usize,
    /// The nodes of the root's file, depth first.
    nodes: Vec<usize>,
    parts: Vec<Part>,
}

/// A node with a file of its own, and every node below it.
#[derive(Debug)]
struct Part {
    top: usize,
    module: String,
    nodes: Vec<usize>,
}

impl RootFiles {
    fn of(nav: &crate::surface::NavTree, root: usize) -> RootFiles {
        let starts_part = |n: usize| {
            let node = &nav.nodes[n];
            let Some(parent) = node.parent else {
                return false;
            };
            let at_key = |p: usize| {
                nav.nodes[p].parent == Some(root) && nav.nodes[p].step.url == UrlPart::Key
            };
            matches!(node.step.url, UrlPart::Literal(_)) && (parent == root || at_key(parent))
        };
        let mut nodes = Vec::new();
        let mut tops = Vec::new();
        let mut stack = vec![root];
        while let Some(n) = stack.pop() {
            if n != root && starts_part(n) {
                tops.push(n);
                continue;
            }
            nodes.push(n);
            stack.extend(nav.nodes[n].children.iter().rev().copied());
        }
        // Type names are unique within a root, so their snake-case forms are too, but for
        // case alone (`ABC`, `Abc`): the scope settles those.
        let mut scope = crate::names::Scope::default();
        let parts = tops
            .into_iter()
            .map(|top| Part {
                top,
                module: scope.unique(crate::names::snake_name(&nav.nodes[top].type_name)),
                nodes: nav.walk_from(&[top]),
            })
            .collect();
        RootFiles { root, nodes, parts }
    }
}

/// One root's file: the nodes down to its key, and the modules of its parts.
fn root_file(cx: &Context, layout: &RootFiles) -> TokenStream {
    let nodes = layout.nodes.iter().map(|&n| node_tokens(cx, n));
    let doc = format!(
        " Requests under `{}`: one type per path, each with its next steps and final calls.",
        cx.node(layout.root).template
    );
    // A part is gated as its top node is (by every area below it), so that a build with none
    // of those areas has no empty module to re-export.
    let parts = layout.parts.iter().map(|part| {
        let module = ident(&part.module);
        let gate = super::manifest::cfg_any(&cx.node(part.top).areas);
        quote! {
            #gate
            mod #module;
            #gate
            pub use #module::*;
        }
    });
    quote! {
        #![doc = #doc]
        #( #parts )*
        #( #nodes )*
    }
}

/// A part's file: its node and everything below it.
fn part_file(cx: &Context, part: &Part) -> TokenStream {
    let nodes = part.nodes.iter().map(|&n| node_tokens(cx, n));
    let doc = format!(
        " Requests under `{}`, re-exported by the root's module.",
        cx.node(part.top).template
    );
    quote! {
        #![doc = #doc]
        #( #nodes )*
    }
}

fn node_tokens(cx: &Context, n: usize) -> TokenStream {
    let node = cx.node(n);
    let ty = ident(&node.type_name);
    let gate = super::manifest::cfg_any(&node.areas);
    let doc = format!(" `{}`: `{}`.", node.template, cx.chain(n));
    let steps = node.children.iter().map(|&c| {
        let child = cx.node(c);
        let (name, child_ty) = (ident(&child.step.name), ident(&child.type_name));
        let (params, path) = step_application(&child.step, quote!(self.0));
        // The impl is gated already; a step needs its own gate only when it reaches less.
        let gate = (child.areas != node.areas).then(|| super::manifest::cfg_any(&child.areas));
        let doc = format!(" `{}`", child.template);
        quote! {
            #[doc = #doc]
            #gate
            pub fn #name(self, #( #params: &str ),*) -> #child_ty {
                #child_ty(#path)
            }
        }
    });
    let calls = node.calls.iter().enumerate().map(|(c, call)| {
        let areas = cx.call_areas(call);
        let gate = (areas != node.areas).then(|| super::manifest::cfg_any(&areas));
        call_tokens(cx, n, c, gate)
    });
    let count = cx.counts(n).then(|| {
        let doc = format!(
            " `GET {}/$count`: how many there are, as Graph counts them (`text/plain`). Sends              `ConsistencyLevel: eventual`, which Graph needs to count directory objects and              ignores elsewhere; narrow it with [`CountQuery`](crate::support::CountQuery).",
            node.template
        );
        quote! {
            #[doc = #doc]
            pub fn count(self) -> crate::support::Request<crate::support::NoBody, crate::support::Count, crate::support::ReadsCount> {
                crate::support::RequestExt::header(
                    self.0.push("/$count").request(::http::Method::GET),
                    "ConsistencyLevel",
                    "eventual",
                )
            }
        }
    });
    quote! {
        #[doc = #doc]
        #gate
        #[derive(Clone, Debug, PartialEq, Eq)]
        pub struct #ty(pub(crate) crate::support::__private::UrlPath);
        #gate
        impl #ty {
            #( #steps )*
            #( #calls )*
            #count
        }
    }
}

/// The parameters a step takes and the expression that applies it to `path`.
fn step_application(step: &NavStep, path: TokenStream) -> (Vec<proc_macro2::Ident>, TokenStream) {
    let params: Vec<_> = step.args.iter().map(|a| ident(a)).collect();
    let applied = match &step.url {
        UrlPart::Literal(text) => quote!(#path.push(#text)),
        UrlPart::Key => {
            let id = &params[0];
            quote!(#path.key(#id))
        }
        UrlPart::ItemPath => {
            let item = &params[0];
            quote!(#path.item_path(#item))
        }
        UrlPart::Template(pieces) => {
            let pieces = pieces.iter().map(|p| match p {
                TemplatePiece::Literal(text) => quote!(.push(#text)),
                TemplatePiece::Arg {
                    index,
                    quoted: true,
                } => {
                    let arg = &params[*index];
                    quote!(.quoted(#arg))
                }
                TemplatePiece::Arg { index, .. } => {
                    let arg = &params[*index];
                    quote!(.argument(#arg))
                }
            });
            quote!(#path #( #pieces )*)
        }
    };
    (params, applied)
}

fn call_tokens(cx: &Context, n: usize, c: usize, gate: Option<TokenStream>) -> TokenStream {
    let call = &cx.node(n).calls[c];
    let name = ident(&call.name);
    let request_type = cx.request_type(call);
    let (segment_params, path) = match &call.segment {
        Some(step) => step_application(step, quote!(self.0)),
        None => (Vec::new(), quote!(self.0)),
    };
    let query_params: Vec<_> = call.query_args.iter().map(|q| ident(&q.arg)).collect();
    let queries = call.query_args.iter().zip(&query_params).map(|(q, param)| {
        let (key, prefix, suffix) = (&q.key, &q.prefix, &q.suffix);
        quote!(.with_query(#key, [#prefix, #param, #suffix].concat()))
    });
    let (body_param, with_body) = match cx.body_type(call.op) {
        // `impl Into`: a derived model for a base type's `Any…`, a `Vec<u8>` for `Bytes`.
        Some(t) => (
            quote!(body: impl ::std::convert::Into<#t>),
            quote!(.with_body(body.into())),
        ),
        None => (quote!(), quote!()),
    };
    let op = cx.operation(call.op);
    let content_type = match (&op.body, &op.content_type) {
        (Some(Body::Bytes), Some(media)) => Some(quote!(.with_header("Content-Type", #media))),
        _ => None,
    };
    let method = ident(&call.http_method);
    let doc = doc_attrs(&call_doc(cx, n, c));
    let aliases = url_aliases(cx, call);
    quote! {
        #doc
        #( #[doc(alias = #aliases)] )*
        #gate
        pub fn #name(self, #( #segment_params: &str, )* #( #query_params: &str, )* #body_param) -> #request_type {
            #path.request(::http::Method::#method) #( #queries )* #with_body #content_type
        }
    }
}

/// A call's docs: the page's description, the lines it sends, permissions, where it is
/// documented.
fn call_doc(cx: &Context, n: usize, c: usize) -> Vec<String> {
    let call = &cx.node(n).calls[c];
    let op = cx.operation(call.op);
    let sends: Vec<String> = call
        .lines
        .iter()
        .map(|&(o, l)| {
            let (method, path) = cx.line(o, l);
            let path = path.expect("calls are made of usable lines");
            code_span(&format!("{method} {path}"))
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let mut parts = vec![
        op.description
            .as_deref()
            .map(|d| cx.description(op.page, d))
            .unwrap_or_default(),
        format!(
            "Sends {}: `{}`.",
            sends.join(" or "),
            cx.call_chain(n, call)
        ),
    ];
    if !op.permissions.is_empty() {
        let list: Vec<String> = op
            .permissions
            .iter()
            .map(|(kind, perms)| format!("- {}: {}", escape(kind), escape(perms)))
            .collect();
        parts.push(format!("Permissions:\n\n{}", list.join("\n")));
    }
    let others: BTreeSet<usize> = call
        .lines
        .iter()
        .map(|&(o, _)| o)
        .filter(|&o| o != call.op)
        .collect();
    let mut documented = format!("Documented in {}", cx.source_ref(op.span));
    if !others.is_empty() {
        let others: Vec<String> = others
            .into_iter()
            .map(|o| cx.source_ref(cx.operation(o).span))
            .collect();
        documented.push_str(&format!("; also in {}", others.join(", ")));
    }
    documented.push('.');
    parts.push(documented);
    if let Some(example) = cx.snippet_of_call(n, c) {
        if let Some(code) = super::snippet_exprs::shown(cx, example) {
            let span = cx.origin_span(example.origin);
            parts.push(format!(
                "# Example\n\nThe request example of {}, as Rust (built and compared with the \
                 example by the tests in `tests/doc_examples/snippets/`):\n\n```rust,ignore\n{code}\n```",
                cx.source_ref(span)
            ));
        }
    }
    paragraphs(parts)
}

/// `METHOD /path` and `/path` of each line, as rustdoc aliases, so that searching the docs for a
/// URL finds the call that sends it. rustdoc refuses quotes and whitespace other than a space
/// in an alias; a line with those has none.
fn url_aliases(cx: &Context, call: &Call) -> Vec<String> {
    let mut aliases: Vec<String> = call
        .lines
        .iter()
        .flat_map(|&(o, l)| {
            let (method, path) = cx.line(o, l);
            let path = path.expect("calls are made of usable lines");
            [format!("{method} {path}"), path.to_string()]
        })
        .filter(|a| !a.contains(['"', '\'']) && !a.chars().any(|c| c.is_whitespace() && c != ' '))
        .map(|a| a.trim().to_owned())
        .filter(|a| !a.is_empty())
        .collect();
    aliases.sort();
    aliases.dedup();
    aliases
}
