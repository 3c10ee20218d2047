//! What an API page says its response is: the status and body its example shows, a type its
//! response section names or links, a primitive, a wrapper object, or no content.

use super::http::split_http_example;
use super::http::status_code;
use super::page_parts::{annotation_flag, blocks, code_blocks};
use super::tables::RawProperty;
use super::type_cell::TypeCell;
use super::{AnnotatedResponse, PrimitiveMention, ResponseMention, TypeMention};
use crate::ir::Primitive;
use crate::parse::{Block, CodeBlock, Page, Section};
use crate::source::Span;

/// A response example that is a status line and headers without a body, with its status and
/// the span of the status line.
pub(super) fn empty_response(code: &CodeBlock) -> Option<(u16, Span)> {
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
pub(super) fn links_to_a_page(target: &str) -> bool {
    let path = target.split('#').next().unwrap_or(target);
    path.ends_with(".md") && !path.starts_with('/') && !path.contains("://")
}

pub(super) fn is_identifier(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.')
}

/// The type a successful response carries, from the Response section's prose: the first link to
/// a type, and whether the sentence calls it a collection ("a collection of [user] objects").
pub(super) fn response_mention(page: &Page, namespace: &str) -> Option<ResponseMention> {
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
pub(super) fn primitive_mention(page: &Page) -> Option<PrimitiveMention> {
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
pub(super) fn wrapper_object(said: &crate::parse::Inline, table: Span) -> Option<RawProperty> {
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
pub(super) fn annotated_response(page: &Page) -> Option<AnnotatedResponse> {
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
pub(super) fn body_is_collection(content: &str) -> Option<bool> {
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
pub(super) fn says_no_content(page: &Page) -> Option<(Span, bool)> {
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
pub(super) fn accepted_example(page: &Page) -> Option<(Span, bool)> {
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
pub(super) fn shown_response_body(page: &Page) -> Option<Span> {
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
pub(super) fn response_section(page: &Page) -> impl Iterator<Item = &Section> {
    page.sections_named(&["Response"]).take(1)
}

#[cfg(test)]
mod tests {
    use super::*;

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
