//! Reads one page into drafts: a resource page declares a type; an API page declares an
//! operation, its examples, and (for PATCH pages) the properties of the type it updates.

use super::enums::read_enums;
use super::examples::read_example;
use super::page_parts::{annotation_flag, blocks, code_blocks, tables, REQUEST_HEADINGS};
use super::request_lines::{bodiless_request, request_blocks, request_lines};
use super::responses::{
    accepted_example, annotated_response, empty_response, is_identifier, links_to_a_page,
    primitive_mention, response_mention, says_no_content, shown_response_body, wrapper_object,
};
use super::tables::{is_parameter_table, is_property_table, read_parameters, read_properties};
use super::{BodyDraft, Declaration, Drafts, OperationDraft, TypeMention, DEFAULT_NAMESPACE};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::ir::{BodilessRequest, EmptyResponse, Operation, QualifiedName, TypeKind};
use crate::parse::{Annotation, Block, Page};
use crate::source::{SourceSet, Span};

#[derive(Clone, Copy, PartialEq, Eq)]
enum PageKind {
    Resource,
    Enum,
    Api,
    /// Overviews and concept pages: nothing to generate, nothing to report.
    Conceptual,
    Other,
}

fn page_kind(page: &Page) -> PageKind {
    // A request block makes an API page whatever the front matter says (some API pages are
    // marked `resourcePageType`).
    if page.sections_named(REQUEST_HEADINGS).next().is_some() {
        return PageKind::Api;
    }
    let has_properties = page
        .sections_named(&["Properties", "Relationships"])
        .next()
        .is_some();
    match page.front_matter("doc_type").map(|v| v.text.trim()) {
        Some("resourcePageType") => return PageKind::Resource,
        Some("enumPageType") => return PageKind::Enum,
        // Some resource pages are marked `apiPageType`; their tables say what they are.
        Some("apiPageType") if has_properties && request_blocks(page).next().is_none() => {
            return PageKind::Resource
        }
        Some("apiPageType") => return PageKind::Api,
        Some("conceptualPageType") => return PageKind::Conceptual,
        _ => {}
    }
    let title = page.title.as_ref().map_or("", |t| t.text.as_str());
    if page.sections_named(REQUEST_HEADINGS).next().is_some() {
        PageKind::Api
    } else if title.ends_with(" enum type") {
        PageKind::Enum
    } else if page
        .sections_named(&["Properties", "Relationships"])
        .next()
        .is_some()
    {
        PageKind::Resource
    } else {
        PageKind::Other
    }
}

pub(super) fn read_page(
    sources: &SourceSet,
    page: &Page,
    drafts: &mut Drafts,
    diags: &mut Diagnostics,
) {
    let kind = page_kind(page);
    let title_span = title_span(page);
    match kind {
        PageKind::Conceptual => {
            // Said once per page, so that no page is passed over without a word.
            diags.push(Diagnostic::new(
                Code::PageSkipped,
                title_span,
                "conceptual page: nothing to generate",
            ));
            return;
        }
        PageKind::Other => {
            diags.push(
                Diagnostic::new(
                    Code::PageNotRecognized,
                    title_span,
                    format!("`{}` is neither a resource, enum nor API page", sources.get(page.file).path),
                )
                .help("set `doc_type` in the front matter (`conceptualPageType` for pages that define nothing)"),
            );
            return;
        }
        _ => {}
    }
    let namespace = match &page.namespace {
        Some(ns) => ns.value.clone(),
        None => {
            diags.push(
                Diagnostic::new(
                    Code::NamespaceMissing,
                    title_span,
                    "page has no `Namespace:` line",
                )
                .label(format!("assuming `{DEFAULT_NAMESPACE}`"))
                .help(format!(
                    "add `Namespace: {DEFAULT_NAMESPACE}` under the title"
                )),
            );
            DEFAULT_NAMESPACE.to_owned()
        }
    };
    match kind {
        PageKind::Resource => {
            read_resource_page(page, &namespace, drafts, diags);
            drafts.declarations.extend(read_enums(page, &namespace));
        }
        PageKind::Enum => drafts.declarations.extend(read_enums(page, &namespace)),
        PageKind::Api => read_api_page(page, &namespace, drafts, diags),
        PageKind::Conceptual | PageKind::Other => {}
    }
}

pub(super) fn title_text(page: &Page) -> String {
    page.title
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

pub(super) fn title_span(page: &Page) -> Span {
    page.title
        .as_ref()
        .map_or(Span::new(page.file, 0..0), |t| t.span)
}

/// The first paragraph under the title that is neither the namespace line nor an include.
pub(super) fn summary(page: &Page) -> Option<String> {
    page.sections
        .iter()
        .take_while(|s| s.level <= 1)
        .flat_map(|s| &s.blocks)
        .find_map(|b| match b {
            Block::Paragraph(p)
                if !p.text.starts_with("Namespace:")
                    && !p.text.starts_with("[!INCLUDE")
                    && !p.text.trim().is_empty() =>
            {
                Some(p.markdown.clone())
            }
            _ => None,
        })
}

/// Splits `ns.name` at the last dot.
pub(super) fn split_qualified(text: &str) -> Option<QualifiedName> {
    let text = text.trim().trim_start_matches('#');
    let (ns, name) = text.rsplit_once('.')?;
    (!ns.is_empty() && !name.is_empty()).then(|| QualifiedName::new(ns, name))
}

fn read_resource_page(page: &Page, namespace: &str, drafts: &mut Drafts, diags: &mut Diagnostics) {
    let resource: Option<&Annotation> = code_blocks(page)
        .filter_map(|c| c.annotation.as_ref())
        .find(|a| a.get_str("blockType") == Some("resource"));
    let title = title_text(page);
    // Some pages write `@type` for `@odata.type`.
    let annotated = resource
        .and_then(|a| a.get_str("@odata.type").or_else(|| a.get_str("@type")))
        .and_then(split_qualified);
    let name = match annotated {
        Some(name) => name,
        None => {
            let bare = title.split_whitespace().next().unwrap_or_default();
            if !is_identifier(bare) {
                return;
            }
            QualifiedName::new(namespace, bare)
        }
    };
    let mut properties = Vec::new();
    for table in tables(page.sections_named(&["Properties"])).filter(|t| is_property_table(t)) {
        properties.extend(read_properties(table, diags));
    }
    for table in tables(page.sections_named(&["Relationships"])).filter(|t| is_property_table(t)) {
        properties.extend(read_properties(table, diags).into_iter().map(|mut p| {
            p.navigation = true;
            p
        }));
    }
    // "Inherits from [entity](entity.md)." or, mid-sentence, "**mailSearchFolder** inherits
    // from [mailFolder](mailfolder.md)": the first link after the phrase.
    let inherits = blocks(page.sections.iter()).find_map(|b| match b {
        Block::Paragraph(p) => {
            let at = p.text.to_ascii_lowercase().find("inherits from")?;
            p.links
                .iter()
                .find(|l| p.text[at..].contains(&l.text))
                .map(|l| l.text.clone())
        }
        _ => None,
    });
    let base = resource
        .and_then(|a| a.get_str("baseType"))
        .map(str::to_owned)
        .or(inherits);
    let entity = resource.is_some_and(|a| a.get_str("keyProperty").is_some())
        || properties.iter().any(|p| p.name == "id");
    drafts.declarations.push(Declaration {
        name,
        kind: entity.then_some(TypeKind::Entity),
        members: Vec::new(),
        is_abstract: resource.is_some_and(|a| annotation_flag(a, "abstract")),
        is_open: resource.is_some_and(|a| annotation_flag(a, "openType")),
        base,
        description: summary(page),
        properties,
        from_resource_page: true,
        page: page.file,
        span: title_span(page),
    });
}

/// The first link in the paragraphs of a section, taken as a mention of a type.
pub(super) fn first_link_mention(
    page: &Page,
    section: &[&str],
    namespace: &str,
) -> Option<TypeMention> {
    blocks(page.sections_named(section)).find_map(|b| match b {
        Block::Paragraph(p) => p
            .links
            .iter()
            .find(|l| links_to_a_page(&l.target))
            .map(|l| TypeMention {
                name: l.text.trim().trim_matches('`').to_owned(),
                namespace: namespace.to_owned(),
                link_target: Some(l.target.clone()),
                page: page.file,
            }),
        _ => None,
    })
}

/// A page without a `Request body` section whose `HTTP request` section says what the body is
/// ("In the request body, supply a JSON representation of a [schema](…) object."): that
/// sentence, read where it is, and reported.
pub(super) fn misplaced_body_sentence<'a>(
    page: &'a Page,
    diags: &mut Diagnostics,
) -> Option<&'a crate::parse::Inline> {
    if page.sections_named(&["Request body"]).next().is_some() {
        return None;
    }
    let sentence = blocks(page.sections_named(REQUEST_HEADINGS)).find_map(|b| match b {
        Block::Paragraph(p)
            if p.text
                .to_ascii_lowercase()
                .starts_with("in the request body") =>
        {
            Some(p)
        }
        _ => None,
    })?;
    diags.push(
        Diagnostic::new(
            Code::RequestBodySectionMissing,
            sentence.span,
            "the request body is described outside a `Request body` section",
        )
        .label("read as the page's request body")
        .help("put this under a `## Request body` heading"),
    );
    Some(sentence)
}

fn read_api_page(page: &Page, namespace: &str, drafts: &mut Drafts, diags: &mut Diagnostics) {
    let lines = request_lines(page, diags);
    let patches = lines.iter().any(|l| l.method == "PATCH");
    let misplaced = misplaced_body_sentence(page, diags);
    let body_link = first_link_mention(page, &["Request body"], namespace).or_else(|| {
        let link = misplaced?
            .links
            .iter()
            .find(|l| links_to_a_page(&l.target))?;
        Some(TypeMention {
            name: link.text.trim().trim_matches('`').to_owned(),
            namespace: namespace.to_owned(),
            link_target: Some(link.target.clone()),
            page: page.file,
        })
    });
    let says_model = |p: &crate::parse::Inline| {
        p.text.to_ascii_lowercase().contains("json representation") && !p.links.is_empty()
    };
    let body_says_model = misplaced.is_some_and(says_model)
        || blocks(page.sections_named(&["Request body"]))
            .any(|b| matches!(b, Block::Paragraph(p) if says_model(p)));
    let mut table = Vec::new();
    let mut said = None;
    for block in blocks(page.sections_named(&["Request body"])) {
        match block {
            Block::Paragraph(p) => said = Some(p),
            Block::Table(t) if is_parameter_table(t) => {
                let rows = read_parameters(t, diags);
                match said.and_then(|p| wrapper_object(p, t.span)) {
                    Some(wrapper) => table.push(wrapper),
                    None => table.extend(rows),
                }
            }
            _ => {}
        }
    }
    // An action's page may list what its body takes under `## Parameters` instead
    // (`driveitem-createuploadsession.md`: "No request body is required. However, …").
    if table.is_empty() && body_link.is_none() && lines.iter().any(|l| l.method == "POST") {
        for t in tables(page.sections_named(&["Parameters"])).filter(|t| is_parameter_table(t)) {
            table.extend(read_parameters(t, diags));
        }
    }

    let body = match body_link {
        // An update page's request-body table lists properties of the type it updates.
        Some(link) if patches => {
            if !table.is_empty() && is_identifier(&link.name) {
                drafts.declarations.push(Declaration {
                    name: QualifiedName::new(namespace, link.name.clone()),
                    kind: Some(TypeKind::Entity),
                    members: Vec::new(),
                    is_abstract: false,
                    is_open: false,
                    base: None,
                    description: None,
                    properties: std::mem::take(&mut table),
                    from_resource_page: false,
                    page: page.file,
                    span: title_span(page),
                });
            }
            Some(BodyDraft::Model(link))
        }
        Some(link) if body_says_model => Some(BodyDraft::Model(link)),
        _ if !table.is_empty() => Some(BodyDraft::Parameters(table)),
        _ => None,
    };
    let response = response_mention(page, namespace);
    let primitive_response = primitive_mention(page);
    let shown_body = shown_response_body(page);
    let annotated = annotated_response(page);
    let (no_content, accepted) = match says_no_content(page).or_else(|| accepted_example(page)) {
        Some((span, accepted)) => (Some(span), accepted),
        None => (None, false),
    };

    if lines.is_empty() {
        diags.push(
            Diagnostic::new(
                Code::OperationMissing,
                title_span(page),
                "API page documents no request",
            )
            .label("no request line under an `HTTP request` heading")
            .help(
                "put the request lines (`GET /users/{id}`) in a code block under `## HTTP request`",
            ),
        );
    }
    let operation_index = (!lines.is_empty()).then_some(drafts.operations.len());
    if !lines.is_empty() {
        drafts.operations.push(OperationDraft {
            operation: Operation {
                page: page.file,
                title: title_text(page),
                description: page
                    .front_matter("description")
                    .map(|d| d.markdown.clone())
                    .filter(|d| !d.is_empty())
                    .or_else(|| summary(page)),
                lines,
                body: None,
                response: None,
                documented_response: None,
                permissions: permissions(page),
                query_options: query_options(page),
                headers: super::headers::request_headers(page),
                content_type: super::headers::content_type(page),
                span: title_span(page),
            },
            body,
            response,
            primitive_response,
            shown_body,
            annotated_response: annotated,
            no_content,
            accepted,
            namespace: namespace.to_owned(),
        });
    }
    for code in code_blocks(page) {
        if let Some(example) = read_example(page, code, diags) {
            drafts.examples.push((example, operation_index));
        } else if let Some((status, span)) = empty_response(code) {
            drafts.empty_responses.push(EmptyResponse {
                page: page.file,
                operation: operation_index,
                status,
                span,
            });
        } else if let Some((method, url, span)) = bodiless_request(code, diags) {
            drafts.bodiless_requests.push(BodilessRequest {
                page: page.file,
                operation: operation_index,
                method,
                url,
                span,
            });
        }
    }
}

/// The `$option` names the query parameter section mentions, in a canonical order.
fn query_options(page: &Page) -> Vec<String> {
    const KNOWN: &[&str] = &[
        "$select",
        "$expand",
        "$filter",
        "$orderby",
        "$search",
        "$top",
        "$skip",
        "$count",
        "$skipToken",
        "$format",
    ];
    let mut text = String::new();
    for block in blocks(page.sections_named(&["Optional query parameters", "Query parameters"])) {
        match block {
            Block::Paragraph(p) => text.push_str(&p.text),
            Block::Table(t) => t
                .rows
                .iter()
                .filter_map(|r| r.cells.first())
                .for_each(|c| text.push_str(&c.text)),
            _ => {}
        }
        text.push(' ');
    }
    KNOWN
        .iter()
        .filter(|option| {
            text.match_indices(*option).any(|(at, _)| {
                let next = text[at + option.len()..].chars().next();
                !next.is_some_and(|c| c.is_ascii_alphanumeric())
            })
        })
        .map(|o| (*o).to_owned())
        .collect()
}

/// Rows of the permissions table, without placeholders and "Not supported." entries.
fn permissions(page: &Page) -> Vec<(String, String)> {
    tables(page.sections_named(&["Permissions"]))
        .flat_map(|t| &t.rows)
        .filter_map(|r| {
            let kind = r.cells.first()?.text.trim();
            let value = r.cells.get(1)?.text.trim();
            let unsupported = value
                .trim_end_matches('.')
                .eq_ignore_ascii_case("not supported");
            (!kind.is_empty() && !value.is_empty() && !unsupported)
                .then(|| (kind.to_owned(), value.to_owned()))
        })
        .collect()
}
