//! HTTP text in code blocks: request lines of the "HTTP request" section, and the request and
//! response examples (request or status line, headers, empty line, JSON body).

use crate::ir::{PathPiece, PathSegment, PathTemplate};

/// Methods a request line may start with.
const METHODS: &[&str] = &["GET", "POST", "PATCH", "PUT", "DELETE", "HEAD", "OPTIONS"];

/// Why a request line is not a request.
#[derive(Debug, PartialEq, Eq)]
pub enum RequestLineError {
    NoMethod,
    /// The text after the method is not a path starting with `/`.
    NotAPath,
    UnbalancedBraces,
}

impl RequestLineError {
    pub fn message(&self) -> &'static str {
        match self {
            RequestLineError::NoMethod => "request line does not start with an HTTP method",
            RequestLineError::NotAPath => "request line has no URL path after its method",
            RequestLineError::UnbalancedBraces => "request path has an unclosed `{` parameter",
        }
    }
}

/// Splits `PATCH /users/{id}` into the method and the rest (`rest_at` is its byte offset).
pub fn split_method(line: &str) -> Option<(&str, &str, usize)> {
    let method = line.split_whitespace().next()?;
    if !METHODS.contains(&method) {
        return None;
    }
    let after = &line[method.len()..];
    let rest = after.trim_start();
    Some((
        method,
        rest.trim_end(),
        method.len() + (after.len() - rest.len()),
    ))
}

/// Parses the path part of a request line into a template.
pub fn parse_path(text: &str) -> Result<PathTemplate, RequestLineError> {
    if !text.starts_with('/') || text.contains(char::is_whitespace) && !text.contains('{') {
        return Err(RequestLineError::NotAPath);
    }
    let (path, query) = match text.split_once('?') {
        Some((p, q)) => (p, Some(q.to_owned())),
        None => (text, None),
    };
    let mut segments = Vec::new();
    for raw in split_outside_braces(&path[1..])? {
        if raw.is_empty() {
            continue;
        }
        segments.push(parse_segment(raw)?);
    }
    Ok(PathTemplate { segments, query })
}

/// Splits on `/` that are not inside `{…}` (parameter text such as `{id | userPrincipalName}`).
fn split_outside_braces(path: &str) -> Result<Vec<&str>, RequestLineError> {
    let mut parts = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, c) in path.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => {
                depth = depth
                    .checked_sub(1)
                    .ok_or(RequestLineError::UnbalancedBraces)?
            }
            '/' if depth == 0 => {
                parts.push(&path[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    if depth != 0 {
        return Err(RequestLineError::UnbalancedBraces);
    }
    parts.push(&path[start..]);
    Ok(parts)
}

fn parse_segment(raw: &str) -> Result<PathSegment, RequestLineError> {
    let mut pieces = Vec::new();
    let mut rest = raw;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            pieces.push(PathPiece::Literal(rest[..open].to_owned()));
        }
        let close = rest[open..]
            .find('}')
            .ok_or(RequestLineError::UnbalancedBraces)?;
        pieces.push(PathPiece::Parameter(
            rest[open + 1..open + close].trim().to_owned(),
        ));
        rest = &rest[open + close + 1..];
    }
    if rest.contains(char::is_whitespace) {
        return Err(RequestLineError::NotAPath);
    }
    if !rest.is_empty() {
        pieces.push(PathPiece::Literal(rest.to_owned()));
    }
    Ok(PathSegment { pieces })
}

/// An HTTP example split into its parts; offsets are relative to the code block content.
#[derive(Debug, PartialEq, Eq)]
pub struct HttpExample<'a> {
    /// The first line (`PATCH https://…` or `HTTP/1.1 200 OK`).
    pub start_line: &'a str,
    /// Where the JSON body starts, if there is one.
    pub body_start: Option<usize>,
    /// True when the body follows the headers without the empty line HTTP requires.
    pub missing_blank_line: bool,
}

/// Splits an HTTP example: first line, headers, then the body after the first empty line. When
/// there is no empty line but a line starts a JSON value, the body starts there.
pub fn split_http_example(content: &str) -> HttpExample<'_> {
    let start_line = content.lines().next().unwrap_or("").trim_end();
    let mut offset = 0;
    let mut in_headers = true;
    for (i, line) in content.split_inclusive('\n').enumerate() {
        let at = offset;
        offset += line.len();
        if i == 0 {
            continue;
        }
        let trimmed = line.trim();
        if in_headers && trimmed.is_empty() {
            in_headers = false;
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        if in_headers {
            if trimmed.starts_with('{') || trimmed.starts_with('[') {
                return HttpExample {
                    start_line,
                    body_start: Some(at),
                    missing_blank_line: true,
                };
            }
            continue;
        }
        return HttpExample {
            start_line,
            body_start: Some(at),
            missing_blank_line: false,
        };
    }
    HttpExample {
        start_line,
        body_start: None,
        missing_blank_line: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_with_parameters_round_trip() {
        for path in [
            "/me",
            "/users/{usersId}",
            "/users/{id | userPrincipalName}/photo/$value",
            "/a/b(x='{x}')",
        ] {
            assert_eq!(parse_path(path).unwrap().to_string(), path);
        }
        let t = parse_path("/users/{id}/messages?$select=subject").unwrap();
        assert_eq!(t.query.as_deref(), Some("$select=subject"));
        assert_eq!(t.parameters().collect::<Vec<_>>(), ["id"]);
    }

    #[test]
    fn broken_lines_are_rejected() {
        let (method, rest, at) =
            split_method("PATCH ** Entity URI for microsoft.graph.x not found").unwrap();
        assert_eq!((method, at), ("PATCH", 6));
        assert_eq!(parse_path(rest), Err(RequestLineError::NotAPath));
        assert_eq!(
            parse_path("/users/{id"),
            Err(RequestLineError::UnbalancedBraces)
        );
        assert!(split_method("FETCH /x").is_none());
    }

    #[test]
    fn examples_split_at_the_empty_line() {
        let e = split_http_example("PATCH https://x/me\nContent-Type: a\n\n{\n}\n");
        assert_eq!(e.start_line, "PATCH https://x/me");
        assert_eq!(e.body_start, Some(36));
        assert!(!e.missing_blank_line);
        let e = split_http_example("HTTP/1.1 200 OK\nContent-Type: a\n{\n}\n");
        assert_eq!(e.body_start, Some(32));
        assert!(e.missing_blank_line);
        assert_eq!(split_http_example("GET https://x/me\n").body_start, None);
    }
}
