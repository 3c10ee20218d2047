//! The lower stage: pages in, [`Ir`] out. Named passes, in order:
//! 1. `pages`: read each page into drafts (type declarations, operations, examples);
//! 2. `resolve`: build the index of declared types, resolve type cells, merge the declarations
//!    of one type from several pages (reporting disagreements);
//! 3. attach resolved body and response types to operations and examples.
//!
//! Placeholder text is reported by `placeholders`, a pass over the syntax of every page.

mod enums;
mod examples;
mod headers;
pub(crate) mod http;
mod includes;
mod links;
mod page_parts;
mod pages;
mod placeholders;
mod request_lines;
mod resolve;
mod responses;
mod tables;
mod type_cell;

pub use headers::is_json;
pub use http::{parse_path, split_http_example, split_method};
pub use includes::splice_includes;
pub use resolve::resolve_link;
pub use type_cell::primitive;

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::ir::{Body, DocumentedResponse, Ir, QualifiedName, TypeRef};
use crate::parse::Page;
use crate::source::{FileId, SourceSet, Span};
use rayon::prelude::*;
use tables::RawProperty;

/// The namespace of pages that do not say.
pub const DEFAULT_NAMESPACE: &str = "microsoft.graph";

/// A type as one page declares it.
#[derive(Debug)]
struct Declaration {
    name: QualifiedName,
    /// What the page says the type is: an enum, or an entity (a `keyProperty` annotation, an
    /// `id` property, an operation on it); `None` when it does not say (complex).
    kind: Option<crate::ir::TypeKind>,
    /// Base type as written (`microsoft.graph.entity`, or a link text).
    base: Option<String>,
    description: Option<String>,
    properties: Vec<RawProperty>,
    members: Vec<RawMember>,
    /// `abstract` and `openType` from the resource annotation.
    is_abstract: bool,
    is_open: bool,
    /// From a resource page (authoritative when pages disagree) rather than an operation page.
    from_resource_page: bool,
    page: FileId,
    span: Span,
}

/// An enum member as one table row declares it.
#[derive(Debug)]
struct RawMember {
    name: String,
    value: Option<i64>,
    description: Option<String>,
    span: Span,
}

/// A reference to a type by name from a page, resolved once every declaration is known.
#[derive(Clone, Debug)]
struct TypeMention {
    name: String,
    namespace: String,
    link_target: Option<String>,
    page: FileId,
}

#[derive(Debug)]
struct OperationDraft {
    operation: crate::ir::Operation,
    body: Option<BodyDraft>,
    /// The response type the Response section's prose links.
    response: Option<ResponseMention>,
    /// A primitive the Response section's prose names.
    primitive_response: Option<PrimitiveMention>,
    /// An unannotated JSON body the Response section shows, when it names no type.
    shown_body: Option<Span>,
    /// The type a response example's annotation names.
    annotated_response: Option<AnnotatedResponse>,
    /// Where the Response section says there is no body (`204 No Content`).
    no_content: Option<Span>,
    /// The no-content sentence is a `202 Accepted`.
    accepted: bool,
    namespace: String,
}

/// The type a response example's annotation names (`@odata.type`).
#[derive(Debug)]
struct AnnotatedResponse {
    ty: String,
    collection: bool,
    /// `isCollection` is present, or the type is written `Collection(…)`.
    says_collection: bool,
    span: Span,
}

/// A primitive the Response section's prose says the body carries ("a String collection").
#[derive(Debug)]
struct PrimitiveMention {
    primitive: crate::ir::Primitive,
    collection: bool,
    span: Span,
}

/// The type the Response section's prose links, as a mention to resolve.
#[derive(Debug)]
struct ResponseMention {
    mention: TypeMention,
    /// The sentence calls it a collection.
    collection: bool,
    /// It says "collection of" in so many words.
    explicit: bool,
    span: Span,
}

#[derive(Debug)]
enum BodyDraft {
    Model(TypeMention),
    Parameters(Vec<RawProperty>),
}

#[derive(Debug, Default)]
struct Drafts {
    declarations: Vec<Declaration>,
    operations: Vec<OperationDraft>,
    /// Examples with the index of the operation on their page, if any.
    examples: Vec<(crate::ir::Example, Option<usize>)>,
    empty_responses: Vec<crate::ir::EmptyResponse>,
    bodiless_requests: Vec<crate::ir::BodilessRequest>,
}

impl Drafts {
    /// Appends the drafts of the next page; its operation indices become indices into all.
    fn append(&mut self, page: Drafts) {
        let offset = self.operations.len();
        let shift = |op: Option<usize>| op.map(|i| i + offset);
        self.declarations.extend(page.declarations);
        self.operations.extend(page.operations);
        self.examples
            .extend(page.examples.into_iter().map(|(e, op)| (e, shift(op))));
        self.empty_responses
            .extend(page.empty_responses.into_iter().map(|mut r| {
                r.operation = shift(r.operation);
                r
            }));
        self.bodiless_requests
            .extend(page.bodiless_requests.into_iter().map(|mut r| {
                r.operation = shift(r.operation);
                r
            }));
    }
}

/// Lowers parsed pages into the IR, reporting what does not make sense.
pub fn lower(sources: &SourceSet, pages: &[Page], diags: &mut Diagnostics) -> Ir {
    // Each page is read alone, in parallel, into its own drafts and diagnostics, which are
    // then appended in page order: the same drafts, and diagnostics in the same order, as
    // reading one page after another.
    let read: Vec<(Drafts, Diagnostics)> = pages
        .par_iter()
        .map(|page| {
            let (mut drafts, mut page_diags) = (Drafts::default(), Diagnostics::default());
            placeholders::report(page, &mut page_diags);
            links::report_broken_links(sources, page, &mut page_diags);
            pages::read_page(sources, page, &mut drafts, &mut page_diags);
            (drafts, page_diags)
        })
        .collect();
    let mut drafts = Drafts::default();
    for (page_drafts, page_diags) in read {
        diags.extend(page_diags);
        drafts.append(page_drafts);
    }
    let index = resolve::TypeIndex::new(&drafts.declarations);
    let types = resolve::merge(sources, &drafts.declarations, &index, diags);
    resolve::report_namespace_conflicts(&types, diags);
    let operations: Vec<_> = drafts
        .operations
        .into_iter()
        .map(|draft| {
            let documented = documented_response(sources, &index, &draft);
            if let Some(d) = documented
                .as_ref()
                .filter(|d| d.ty == Some(TypeRef::Json) && Some(d.span) == draft.shown_body)
            {
                diags.push(
                    Diagnostic::new(
                        Code::ResponseTypeMissing,
                        d.span,
                        "the Response section shows a body but names no type",
                    )
                    .label("read as untyped JSON")
                    .help("link the type it carries (`returns a [itemPreviewInfo](…) object`), or annotate the block as a response with its `@odata.type`"),
                );
            }
            let mut op = draft.operation;
            op.body = match draft.body {
                Some(BodyDraft::Model(m)) => index.resolve_mention(sources, &m).map(Body::Model),
                Some(BodyDraft::Parameters(raw)) => Some(Body::Parameters(
                    raw.iter()
                        .map(|p| {
                            resolve::resolve_property(
                                sources,
                                &index,
                                &draft.namespace,
                                op.page,
                                p,
                                diags,
                            )
                        })
                        .collect(),
                )),
                None => None,
            };
            op.documented_response = documented;
            op
        })
        .collect();
    let examples = drafts
        .examples
        .into_iter()
        .map(|(mut example, op)| {
            example.operation = op;
            example
        })
        .collect();
    let page_areas = pages.iter().map(|p| (p.file, area_of(p))).collect();
    Ir {
        types,
        operations,
        examples,
        empty_responses: drafts.empty_responses,
        bodiless_requests: drafts.bodiless_requests,
        page_areas,
        // Set by `analyze` from `codegen.toml`.
        service_base: None,
    }
}

/// What the page says its response is. An annotation on a response example is specific; prose
/// is specific when it says "collection of"; a `204 No Content` sentence without a link says
/// there is no body.
fn documented_response(
    sources: &SourceSet,
    index: &resolve::TypeIndex,
    draft: &OperationDraft,
) -> Option<DocumentedResponse> {
    if let Some(AnnotatedResponse {
        ty: name,
        collection,
        says_collection,
        span,
    }) = &draft.annotated_response
    {
        let ty = match name.starts_with("Edm.").then(|| type_cell::primitive(name)) {
            Some(p) => p.map(TypeRef::Primitive),
            None => name
                .rsplit_once('.')
                .map(|(ns, n)| QualifiedName::new(ns, n))
                .and_then(|q| index.canonical(&q))
                .map(TypeRef::Named),
        };
        // An annotation without `isCollection` says nothing of collections: the prose may.
        let prose = draft
            .response
            .as_ref()
            .filter(|r| draft.no_content != Some(r.span));
        let (collection, collection_specific) = match prose {
            Some(r) if !says_collection => (r.collection, r.explicit),
            _ => (*collection, *says_collection),
        };
        if let Some(ty) = ty {
            return Some(DocumentedResponse {
                ty: Some(ty),
                collection,
                type_specific: true,
                collection_specific,
                accepted: false,
                span: *span,
            });
        }
    }
    if let Some(r) = draft
        .response
        .as_ref()
        .filter(|r| draft.no_content != Some(r.span))
    {
        if let Some(ty) = index.resolve_mention(sources, &r.mention) {
            return Some(DocumentedResponse {
                ty: Some(TypeRef::Named(ty)),
                collection: r.collection,
                type_specific: r.explicit,
                collection_specific: r.explicit,
                accepted: false,
                span: r.span,
            });
        }
    }
    if let Some(p) = &draft.primitive_response {
        return Some(DocumentedResponse {
            ty: Some(TypeRef::Primitive(p.primitive)),
            collection: p.collection,
            type_specific: true,
            collection_specific: true,
            accepted: false,
            span: p.span,
        });
    }
    if let (Some(span), None) = (draft.shown_body, draft.no_content) {
        // A body of no named type is read as JSON, so that nothing the service sends is lost.
        return Some(DocumentedResponse {
            ty: Some(TypeRef::Json),
            collection: false,
            type_specific: false,
            collection_specific: false,
            accepted: false,
            span,
        });
    }
    draft.no_content.map(|span| DocumentedResponse {
        ty: None,
        collection: false,
        type_specific: true,
        collection_specific: true,
        accepted: draft.accepted,
        span,
    })
}

/// A page's product area: its `ms.prod` made a valid cargo feature name, or `core`.
fn area_of(page: &Page) -> String {
    let area: String = page
        .front_matter("ms.prod")
        .map(|v| v.text.trim().trim_matches('\'').to_ascii_lowercase())
        .unwrap_or_default()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    let area = area.trim_matches('-');
    // `full` is the feature that enables every area.
    if area.is_empty() || area == "full" || !area.starts_with(|c: char| c.is_ascii_alphabetic()) {
        crate::ir::CORE_AREA.to_owned()
    } else {
        area.to_owned()
    }
}
