//! Reads one page into drafts: a resource page declares a type; an API page declares an
//! operation, its examples, and (for PATCH pages) the properties of the type it updates.

use super::enums::read_enums;
use super::http::{parse_path, split_http_example, split_method};
use super::tables::{
    is_parameter_table, is_property_table, read_parameters, read_properties, RawProperty,
};
use super::type_cell::TypeCell;
use super::{
    AnnotatedResponse, BodyDraft, Declaration, Drafts, OperationDraft, PrimitiveMention,
    ResponseMention, TypeMention, DEFAULT_NAMESPACE,
};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::ir::{
    BodilessRequest, EmptyResponse, Example, ExampleKind, Operation, Primitive, QualifiedName,
    RequestLine, TypeKind,
};
use crate::parse::{Annotation, Block, CodeBlock, Page, Section, Table};
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

/// Headings of the section that holds an API page's request lines.
const REQUEST_HEADINGS: &[&str] = &["HTTP request", "HTTP requests"];

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

fn title_text(page: &Page) -> String {
    page.title
        .as_ref()
        .map(|t| t.text.clone())
        .unwrap_or_default()
}

fn title_span(page: &Page) -> Span {
    page.title
        .as_ref()
        .map_or(Span::new(page.file, 0..0), |t| t.span)
}

/// The first paragraph under the title that is neither the namespace line nor an include.
fn summary(page: &Page) -> Option<String> {
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

fn blocks<'a>(sections: impl Iterator<Item = &'a Section>) -> impl Iterator<Item = &'a Block> {
    sections.flat_map(|s| &s.blocks)
}

fn tables<'a>(sections: impl Iterator<Item = &'a Section>) -> impl Iterator<Item = &'a Table> {
    blocks(sections).filter_map(|b| match b {
        Block::Table(t) => Some(t),
        _ => None,
    })
}

fn code_blocks(page: &Page) -> impl Iterator<Item = &CodeBlock> {
    blocks(page.sections.iter()).filter_map(|b| match b {
        Block::Code(c) => Some(c),
        _ => None,
    })
}

/// Splits `ns.name` at the last dot.
fn split_qualified(text: &str) -> Option<QualifiedName> {
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

/// A boolean annotation member, written as `true` or `"true"`.
fn annotation_flag(annotation: &Annotation, key: &str) -> bool {
    match annotation.value.as_ref().and_then(|v| v.get(key)) {
        Some(serde_json::Value::Bool(b)) => *b,
        Some(serde_json::Value::String(s)) => s.eq_ignore_ascii_case("true"),
        _ => false,
    }
}

/// The first link in the paragraphs of a section, taken as a mention of a type.
fn first_link_mention(page: &Page, section: &[&str], namespace: &str) -> Option<TypeMention> {
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
fn misplaced_body_sentence<'a>(
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

fn report_broken_url(url: &str, span: Span, diags: &mut Diagnostics) {
    if let Some(problem) = broken_url(url) {
        diags.push(
            Diagnostic::new(
                Code::RequestLineInvalid,
                span,
                "example request line has no usable URL",
            )
            .label(problem)
            .help("write the example's request as `PATCH https://graph.microsoft.com/v1.0/users/{id}`"),
        );
    }
}

/// A request example that has no body: its method, URL and the URL's span.
fn bodiless_request(code: &CodeBlock, diags: &mut Diagnostics) -> Option<(String, String, Span)> {
    let annotation = code.annotation.as_ref()?;
    if annotation.get_str("blockType") != Some("request") {
        return None;
    }
    let first = code.content.lines().next().unwrap_or("").trim_end();
    let (method, url, url_at) = split_method(first)?;
    let span = code.content_span.subspan(url_at..url_at + url.len());
    report_broken_url(url, span, diags);
    Some((method.to_owned(), url.to_owned(), span))
}

/// The status of an HTTP status line, `HTTP/1.1 204 No Content` → 204.
fn status_code(line: &str) -> Option<u16> {
    let rest = line.trim().strip_prefix("HTTP/")?;
    rest.split_whitespace().nth(1)?.parse().ok()
}

/// A response example that is a status line and headers without a body, with its status and
/// the span of the status line.
fn empty_response(code: &CodeBlock) -> Option<(u16, Span)> {
    let annotation = code.annotation.as_ref()?;
    if annotation.get_str("blockType") != Some("response") {
        return None;
    }
    let first = code.content.lines().next()?;
    let status = status_code(first)?;
    let parts = split_http_example(&code.content);
    if parts
        .body_start
        .is_some_and(|at| !code.content[at..].trim().is_empty())
    {
        return None;
    }
    Some((status, code.content_span.subspan(0..first.len())))
}

/// A relative link to a markdown page of the docs (not a concept article on the web site).
fn links_to_a_page(target: &str) -> bool {
    let path = target.split('#').next().unwrap_or(target);
    path.ends_with(".md") && !path.starts_with('/') && !path.contains("://")
}

fn is_identifier(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// The type a successful response carries, from the Response section's prose: the first link to
/// a type, and whether the sentence calls it a collection ("a collection of [user] objects").
fn response_mention(page: &Page, namespace: &str) -> Option<ResponseMention> {
    blocks(response_section(page)).find_map(|b| {
        let Block::Paragraph(p) = b else { return None };
        let link = p
            .links
            .iter()
            .find(|l| is_identifier(l.text.trim().trim_matches('`')))?;
        let before = p.text.find(&link.text).map_or("", |i| &p.text[..i]);
        let sentence = before
            .rsplit(". ")
            .next()
            .unwrap_or(before)
            .to_ascii_lowercase();
        // "… a [user] collection in the response body" says it after the link.
        let after = p
            .text
            .find(&link.text)
            .map_or("", |i| &p.text[i + link.text.len()..])
            .trim_start_matches(['`', '*', ')', ']'])
            .trim_start()
            .to_ascii_lowercase();
        let collection = ["collection", "list of", "array of"]
            .iter()
            .any(|w| sentence.contains(w))
            || after.starts_with("collection");
        Some(ResponseMention {
            mention: TypeMention {
                name: link.text.trim().trim_matches('`').to_owned(),
                namespace: namespace.to_owned(),
                link_target: Some(link.target.clone()),
                page: page.file,
            },
            collection,
            // "a collection of [user] objects", "a list of …", "a [user] collection".
            explicit: ["collection of", "list of", "array of"]
                .iter()
                .any(|w| sentence.contains(w))
                || after.starts_with("collection"),
            span: p.span,
        })
    })
}

/// A primitive the Response section's prose says the body carries, as Graph's pages write it:
/// "a `200 OK` response code and a String collection in the response body", "a Boolean in the
/// response body", "a `true` value is returned in the response body". Only in a sentence that
/// speaks of the response body, and only a capitalised type name (`String`, `Edm.Int32`), so
/// that a string in the ordinary sense is not read as one.
fn primitive_mention(page: &Page) -> Option<PrimitiveMention> {
    blocks(response_section(page)).find_map(|b| {
        let Block::Paragraph(p) = b else { return None };
        p.text.split_inclusive(". ").find_map(|sentence| {
            if !sentence.to_ascii_lowercase().contains("response body") {
                return None;
            }
            let words: Vec<&str> = sentence
                .split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '.'))
                .map(|w| w.trim_end_matches('.'))
                .collect();
            words.iter().enumerate().find_map(|(i, word)| {
                let next = words.get(i + 1).map(|w| w.to_ascii_lowercase());
                if matches!(*word, "true" | "false") && next.as_deref() == Some("value") {
                    return Some(PrimitiveMention {
                        primitive: Primitive::Boolean,
                        collection: false,
                        span: p.span,
                    });
                }
                let name = word.strip_prefix("Edm.").unwrap_or(word);
                let primitive = Primitive::ALL
                    .iter()
                    .find(|p| p.edm_name() == name && *p != &Primitive::Stream)?;
                Some(PrimitiveMention {
                    primitive: *primitive,
                    collection: matches!(next.as_deref(), Some("collection" | "array")),
                    span: p.span,
                })
            })
        })
    })
}

/// "In the request body, provide an optional `passwordCredential` object with the following
/// properties": the table lists the properties of one parameter, an object of the type so
/// named, which is what the body holds.
fn wrapper_object(said: &crate::parse::Inline, table: Span) -> Option<RawProperty> {
    let (before, _) = said
        .text
        .split_once(" object with the following properties")?;
    let name = before.trim_end().strip_suffix('`')?;
    let name = &name[name.rfind('`')? + 1..];
    if !is_identifier(name) || name.contains('.') {
        return None;
    }
    Some(RawProperty {
        name: name.to_owned(),
        type_cell: Some(TypeCell {
            name: name.to_owned(),
            collection: false,
            link_target: None,
        }),
        type_span: said.span,
        description: None,
        row_span: table,
        navigation: false,
    })
}

/// The type a response example's annotation names (`"@odata.type": "microsoft.graph.user"`,
/// with `"isCollection": true` or written `Collection(…)`), with the annotation's span.
fn annotated_response(page: &Page) -> Option<AnnotatedResponse> {
    code_blocks(page).find_map(|code| {
        let annotation = code.annotation.as_ref()?;
        if annotation.get_str("blockType") != Some("response") {
            return None;
        }
        // `@type` is how 52 v1.0 annotations spell it, as resource annotations do too.
        let ty = (annotation.get_str("@odata.type"))
            .or_else(|| annotation.get_str("@type"))?
            .trim();
        let listed = annotation_flag(annotation, "isCollection");
        let says = annotation
            .value
            .as_ref()
            .is_some_and(|v| v.get("isCollection").is_some());
        let (ty, collection, says) = match ty
            .strip_prefix("Collection(")
            .and_then(|t| t.strip_suffix(')'))
        {
            Some(inner) => (inner, true, true),
            None if says => (ty, listed, true),
            // Without `isCollection`, the example's own body says it: `{"value": [...]}`.
            None => match body_is_collection(&code.content) {
                Some(collection) => (ty, collection, true),
                None => (ty, false, false),
            },
        };
        Some(AnnotatedResponse {
            ty: ty.to_owned(),
            collection,
            says_collection: says,
            span: annotation.span,
        })
    })
}

/// Whether an HTTP response example's JSON body is a collection page, an object whose member
/// `value` is an array (`{"@odata.context": …, "value": [...]}`); `None` when it has no body or
/// the body is not an object. Scanned rather than parsed: truncated examples are not JSON.
fn body_is_collection(content: &str) -> Option<bool> {
    let start = split_http_example(content).body_start?;
    let body = content[start..].trim_start();
    if !body.starts_with('{') {
        return None;
    }
    let bytes = body.as_bytes();
    let (mut depth, mut i) = (0usize, 0usize);
    while i < bytes.len() {
        match bytes[i] {
            b'{' | b'[' => depth += 1,
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => {
                let key_start = i + 1;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let key = body.get(key_start..i.min(bytes.len())).unwrap_or("");
                let rest = body.get(i + 1..).unwrap_or("").trim_start();
                if depth == 1 && key == "value" {
                    if let Some(after_colon) = rest.strip_prefix(':') {
                        return Some(after_colon.trim_start().starts_with('['));
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    Some(false)
}

/// Whether the Response section says the success response has no body (`204 No Content`)
/// and links no type, with the paragraph's span and whether it is a `202 Accepted` (the work
/// goes on after the answer, whose `Location` header says where to follow it).
fn says_no_content(page: &Page) -> Option<(Span, bool)> {
    const NOTHING: &[&str] = &[
        "204",
        "does not return anything",
        "no response body",
        "nothing in the response body",
    ];
    blocks(response_section(page)).find_map(|b| match b {
        Block::Paragraph(p) => {
            let nothing = NOTHING.iter().any(|n| p.text.contains(n)) && p.links.is_empty();
            // `202 Accepted` and a `Location` header: the linked type is what the header
            // addresses, not the body.
            let accepted =
                p.text.contains("202") && (p.text.contains("Location") || p.links.is_empty());
            (nothing || accepted).then_some((p.span, accepted))
        }
        _ => None,
    })
}

/// A page whose first response example is a bare `202 Accepted` (the prose may only say how to
/// follow the work, as `driveitem-copy.md` does): no body, and a `Location` to follow.
fn accepted_example(page: &Page) -> Option<(Span, bool)> {
    let first = code_blocks(page).find(|c| {
        c.annotation
            .as_ref()
            .is_some_and(|a| a.get_str("blockType") == Some("response"))
    })?;
    match empty_response(first)? {
        (202, span) => Some((span, true)),
        _ => None,
    }
}

/// A JSON object the page's own Response section shows in an unannotated block, as
/// `driveitem-preview.md` does: the success response has a body, whatever its type.
fn shown_response_body(page: &Page) -> Option<Span> {
    blocks(response_section(page)).find_map(|b| match b {
        Block::Code(c)
            if c.annotation.is_none()
                && c.info.eq_ignore_ascii_case("json")
                && c.content.trim_start().starts_with('{') =>
        {
            let first = c.content.lines().next().unwrap_or("").len();
            Some(c.content_span.subspan(0..first))
        }
        _ => None,
    })
}

/// The page's own Response section (the first; later ones belong to examples).
fn response_section(page: &Page) -> impl Iterator<Item = &Section> {
    page.sections_named(&["Response"]).take(1)
}

/// The code blocks that hold the page's request lines: those of the "HTTP request" section and
/// its subsections; on a page without that heading, every unannotated `http` block whose lines
/// all read as `METHOD /path` (a request block written under another heading).
fn request_blocks(page: &Page) -> Box<dyn Iterator<Item = &CodeBlock> + '_> {
    fn code(block: &Block) -> Option<&CodeBlock> {
        match block {
            Block::Code(c) => Some(c),
            _ => None,
        }
    }
    if page.sections_named(REQUEST_HEADINGS).next().is_some() {
        return Box::new(
            page.sections_with_children(REQUEST_HEADINGS)
                .flat_map(|s| &s.blocks)
                .filter_map(code),
        );
    }
    Box::new(code_blocks(page).filter(|c| {
        let annotated = c
            .annotation
            .as_ref()
            .and_then(|a| a.get_str("blockType"))
            .is_some_and(|t| t != "ignored");
        c.info.eq_ignore_ascii_case("http")
            && !annotated
            && c.content.lines().any(|l| !l.trim().is_empty())
            && c.content
                .lines()
                .filter(|l| !l.trim().is_empty())
                .all(|l| split_method(l.trim()).is_some_and(|(_, rest, _)| rest.starts_with('/')))
    }))
}

/// Every line of the page's request blocks.
fn request_lines(page: &Page, diags: &mut Diagnostics) -> Vec<RequestLine> {
    let mut lines = Vec::new();
    for code in request_blocks(page) {
        let mut offset = 0;
        let mut after_request = false;
        for raw in code.content.split_inclusive('\n') {
            let at = offset;
            offset += raw.len();
            let line = raw.trim_end();
            let indent = line.len() - line.trim_start().len();
            let line = line.trim_start();
            if line.is_empty() || line.starts_with('#') || line.starts_with("//") {
                continue;
            }
            // A header under a request line (`workbook-session-id: {session-id}`) shows a
            // header the request takes, as the headers table documents it: not a request.
            if after_request && split_method(line).is_none() && is_header_line(line) {
                continue;
            }
            after_request = split_method(line).is_some();
            let span = code
                .content_span
                .subspan(at + indent..at + indent + line.len());
            let (method, path) = match split_method(line) {
                None => (String::new(), Err(super::http::RequestLineError::NoMethod)),
                Some((method, rest, rest_at)) => {
                    let path = match relative_path(rest) {
                        Some((relative, why)) => {
                            let at = span.subspan(rest_at..rest_at + rest.len());
                            diags.push(
                                Diagnostic::new(Code::RequestLineForm, at, why)
                                    .label(format!("read as `{relative}`"))
                                    .help("write the path relative to the service root, starting with `/`"),
                            );
                            parse_path(&relative)
                        }
                        None => parse_path(rest),
                    };
                    (method.to_owned(), path)
                }
            };
            let path = match path {
                Ok(p) => Some(p),
                Err(e) => {
                    diags.push(
                        Diagnostic::new(Code::RequestLineInvalid, span, e.message())
                            .label("not `METHOD /path`")
                            .help("write the request as `PATCH /users/{id}`; this operation gets no request code until then"),
                    );
                    None
                }
            };
            lines.push(RequestLine {
                method,
                path,
                raw: line.to_owned(),
                span,
                address: None,
                response: None,
                from_example: false,
                documented_by: None,
            });
        }
    }
    lines
}

/// A request path written as an absolute URL (`https://graph.microsoft.com/v1.0/me`) or without
/// its leading `/` (`me/events`), made relative, with what was wrong; `None` when it is fine.
fn relative_path(rest: &str) -> Option<(String, &'static str)> {
    if let Some(after_scheme) = rest
        .strip_prefix("https://")
        .or_else(|| rest.strip_prefix("http://"))
    {
        let path = after_scheme.find('/').map_or("", |i| &after_scheme[i..]);
        let path = ["/v1.0", "/beta"]
            .iter()
            .find_map(|v| path.strip_prefix(v))
            .unwrap_or(path);
        let path = if path.starts_with('/') {
            path.to_owned()
        } else {
            format!("/{path}")
        };
        return Some((path, "the request path is an absolute URL"));
    }
    let first = rest.chars().next()?;
    (first.is_ascii_alphanumeric() || first == '{').then(|| {
        (
            format!("/{rest}"),
            "the request path does not start with `/`",
        )
    })
}

/// What is wrong with an example's request URL, if anything: text a URL cannot hold (spaces,
/// backslashes, `**` left by a docs template).
fn broken_url(url: &str) -> Option<&'static str> {
    if url.contains(char::is_whitespace) {
        Some("a URL has no spaces")
    } else if url.contains('\\') {
        Some("a URL has no backslashes")
    } else if url.contains("**") {
        Some("template text where the URL belongs")
    } else {
        None
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

/// An annotated request or response example with a JSON body.
fn read_example(page: &Page, code: &CodeBlock, diags: &mut Diagnostics) -> Option<Example> {
    let annotation = code.annotation.as_ref()?;
    let kind = match annotation.get_str("blockType")? {
        "request" => ExampleKind::Request,
        "response" => ExampleKind::Response,
        _ => return None,
    };
    // `http` fences, and others (`msgraph-interactive`) whose first line is a request or status line.
    let first_line = code.content.lines().next().unwrap_or("");
    let looks_http = split_method(first_line).is_some() || first_line.starts_with("HTTP/");
    let (json_start, request) = if code.info.eq_ignore_ascii_case("http") || looks_http {
        let parts = split_http_example(&code.content);
        let body_start = parts.body_start?;
        if parts.missing_blank_line {
            let at = code.content[..body_start].trim_end().len();
            diags.push(
                Diagnostic::new(
                    Code::ExampleHttpMalformed,
                    code.content_span.subspan(body_start..body_start + 1),
                    "the body follows the headers without an empty line",
                )
                .label("body starts here")
                .secondary(code.content_span.subspan(at..at), "expected an empty line after the headers")
                .help("HTTP separates headers from the body with an empty line; the body was read anyway"),
            );
        }
        let request = (kind == ExampleKind::Request)
            .then(|| split_method(parts.start_line))
            .flatten()
            .map(|(method, url, url_at)| {
                let span = code.content_span.subspan(url_at..url_at + url.len());
                (method.to_owned(), url.to_owned(), span)
            });
        if let Some((_, url, span)) = &request {
            report_broken_url(url, *span, diags);
        }
        (body_start, request)
    } else {
        (0, None)
    };
    let json = code.content[json_start..].trim_end();
    if json.trim().is_empty() {
        return None;
    }
    if let Some((line, message, label, help)) = request.as_ref().and_then(|_| not_a_body(json)) {
        let at = json_start + json.find(line).unwrap_or(0);
        diags.push(
            Diagnostic::new(
                Code::ExampleHttpMalformed,
                code.content_span.subspan(at..at + line.len()),
                message,
            )
            .label(label)
            .help(help),
        );
        return None;
    }
    Some(Example {
        page: page.file,
        kind,
        name: annotation.get_str("name").map(str::to_owned),
        ty: None,
        collection: false,
        json: json.to_owned(),
        span: code
            .content_span
            .subspan(json_start..json_start + json.len()),
        request,
        operation: None,
        status: (kind == ExampleKind::Response)
            .then(|| status_code(first_line))
            .flatten(),
    })
}

/// What follows a request example's empty line when it is not a body: a second request line
/// (two examples in one block), or only headers (an empty line too many above them). The line
/// to point at, and the diagnostic's message, label and help.
fn not_a_body(text: &str) -> Option<(&str, &'static str, &'static str, &'static str)> {
    if let Some(second) = text.lines().find(|l| split_method(l.trim()).is_some()) {
        return Some((
            second,
            "a second request line in one request example",
            "read as a second example of the same request, not as a body",
            "give each request its own code block; only the first request of this one is checked",
        ));
    }
    text.lines()
        .all(|l| l.trim().is_empty() || is_header_line(l))
        .then(|| {
            (
                text.trim_start().lines().next().unwrap_or(""),
                "a header follows the empty line that ends the headers",
                "read as a header of the request, not as its body",
                "remove the empty line above it: HTTP ends the headers at the first empty line, so this would be sent as the body",
            )
        })
}

/// `Name: value`, as a header is written (`Prefer: odata.maxpagesize=2`); never JSON.
fn is_header_line(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, value)| {
        !name.is_empty()
            && !value.starts_with("//")
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_header_line_is_a_name_a_colon_and_a_value() {
        assert!(is_header_line("Prefer: odata.maxpagesize=2"));
        assert!(is_header_line("ConsistencyLevel:eventual"));
        assert!(!is_header_line("{\"a\": 1}"));
        assert!(!is_header_line("  \"name\": \"x\","));
    }

    #[test]
    fn request_paths_are_made_relative_and_say_why() {
        assert_eq!(relative_path("/me/events"), None);
        assert_eq!(
            relative_path("https://graph.microsoft.com/v1.0/me/events?$top=1"),
            Some((
                "/me/events?$top=1".to_owned(),
                "the request path is an absolute URL"
            ))
        );
        assert_eq!(
            relative_path("https://graph.microsoft.com/beta/me").map(|(p, _)| p),
            Some("/me".to_owned())
        );
        assert_eq!(
            relative_path("me/events").map(|(p, _)| p),
            Some("/me/events".to_owned())
        );
        assert_eq!(relative_path("** Entity URI not found"), None);
    }

    #[test]
    fn a_response_example_is_a_collection_when_its_top_level_value_is_an_array() {
        let example =
            |body: &str| format!("HTTP/1.1 200 OK\nContent-type: application/json\n\n{body}");
        assert_eq!(
            body_is_collection(&example(
                r#"{"@odata.context": "x", "value": [{"id": "1"}]}"#
            )),
            Some(true)
        );
        // A primitive's `{"value": …}`, a docs' stray wrapper, a nested `value` array, a
        // truncated entity: not collections.
        assert_eq!(
            body_is_collection(&example(r#"{"value": "aGVsbG8="}"#)),
            Some(false)
        );
        assert_eq!(
            body_is_collection(&example(r#"{"value": {"id": "1"}}"#)),
            Some(false)
        );
        assert_eq!(
            body_is_collection(&example(
                r#"{"id": "1", "inner": {"value": [1]}, "name": "a \"value\": ["#
            )),
            Some(false)
        );
        assert_eq!(
            body_is_collection(&example(r#"{"id": "1", ..."#)),
            Some(false)
        );
        assert_eq!(body_is_collection("HTTP/1.1 204 No Content\n"), None);
        assert_eq!(status_code("HTTP/1.1 204 No Content"), Some(204));
        assert_eq!(status_code("HTTP/2 201"), Some(201));
        assert_eq!(status_code("GET /me"), None);
    }
}
