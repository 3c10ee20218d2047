//! One annotated request or response example: its request line, headers and JSON body, or why
//! what follows the headers is not a body.

use super::http::{is_header_line, status_code};
use super::http::{split_http_example, split_method};
use super::request_lines::report_broken_url;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::ir::{Example, ExampleKind};
use crate::parse::{CodeBlock, Page};

/// An annotated request or response example with a JSON body.
pub(super) fn read_example(
    page: &Page,
    code: &CodeBlock,
    diags: &mut Diagnostics,
) -> Option<Example> {
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
pub(super) fn not_a_body(text: &str) -> Option<(&str, &'static str, &'static str, &'static str)> {
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
}
