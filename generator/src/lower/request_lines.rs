//! The request lines of an API page's "HTTP request" section (absolute URLs made relative,
//! with a diagnostic) and the request examples that carry no body.

use super::http::is_header_line;
use super::http::{parse_path, split_method};
use super::page_parts::{code_blocks, REQUEST_HEADINGS};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::ir::RequestLine;
use crate::parse::{Block, CodeBlock, Page};
use crate::source::Span;

pub(super) fn report_broken_url(url: &str, span: Span, diags: &mut Diagnostics) {
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
pub(super) fn bodiless_request(
    code: &CodeBlock,
    diags: &mut Diagnostics,
) -> Option<(String, String, Span)> {
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

/// The code blocks that hold the page's request lines: those of the "HTTP request" section and
/// its subsections; on a page without that heading, every unannotated `http` block whose lines
/// all read as `METHOD /path` (a request block written under another heading).
pub(super) fn request_blocks(page: &Page) -> Box<dyn Iterator<Item = &CodeBlock> + '_> {
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
pub(super) fn request_lines(page: &Page, diags: &mut Diagnostics) -> Vec<RequestLine> {
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
pub(super) fn relative_path(rest: &str) -> Option<(String, &'static str)> {
    if rest.starts_with("https://") || rest.starts_with("http://") {
        let url = super::http::split_url(rest);
        let query = url.query.map(|q| format!("?{q}")).unwrap_or_default();
        let path = format!("/{}{query}", url.path);
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
pub(super) fn broken_url(url: &str) -> Option<&'static str> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
