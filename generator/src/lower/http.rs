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

/// The versions Graph's URLs name before the path, which `split_url` takes off. Other
/// version-like segments (`v1`, a typo the docs make, or another service's `v2`) stay in the
/// path, so that an example sending to a version Graph does not have is reported as not
/// matching its page.
const GRAPH_VERSIONS: &[&str] = &["v1.0", "beta"];

/// A service version as URLs name it before the path: `beta`, or `v` and a number (`v1.0`,
/// `v2`).
pub fn is_version(segment: &str) -> bool {
    segment == "beta"
        || segment.strip_prefix('v').is_some_and(|n| {
            n.starts_with(|c: char| c.is_ascii_digit())
                && n.chars().all(|c| c.is_ascii_digit() || c == '.')
        })
}

/// An example URL taken apart once, for every stage that compares URLs with request lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UrlParts<'a> {
    /// `https://graph.microsoft.com`, when the URL has a scheme.
    pub origin: Option<&'a str>,
    /// Graph's version segment before the path (`v1.0`, `beta`), when there is one.
    pub version: Option<&'a str>,
    /// After scheme, host and version, without the `/` at either end: `me/messages`.
    pub path: &'a str,
    /// After the `?`, before any `#`.
    pub query: Option<&'a str>,
}

impl<'a> UrlParts<'a> {
    /// The path's segments, empty ones (`//`) skipped.
    pub fn segments(&self) -> impl Iterator<Item = &'a str> {
        self.path.split('/').filter(|s| !s.is_empty())
    }
}

/// `https://graph.microsoft.com/v1.0/me/messages?$top=5` → `me/messages` and `$top=5`; a URL
/// without scheme and host (`/me/messages`) is a path already.
pub fn split_url(url: &str) -> UrlParts<'_> {
    let (origin, rest) = match url.find("://") {
        Some(at) => {
            let after_scheme = &url[at + 3..];
            let host_end = after_scheme
                .find(['/', '?', '#'])
                .unwrap_or(after_scheme.len());
            let origin_end = at + 3 + host_end;
            (Some(&url[..origin_end]), &url[origin_end..])
        }
        None => (None, url),
    };
    let rest = rest.split('#').next().unwrap_or("");
    let (path, query) = match rest.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (rest, None),
    };
    let path = path.trim_start_matches('/');
    let first = path.split('/').next().unwrap_or("");
    let (version, path) = if GRAPH_VERSIONS.contains(&first) {
        (Some(first), &path[first.len()..])
    } else {
        (None, path)
    };
    UrlParts {
        origin,
        version,
        path: path.trim_matches('/'),
        query,
    }
}

impl crate::ir::Ir {
    /// An example URL split as [`split_url`] does, with the path of the configured service root
    /// taken off as a version is (`v2/users/1` → `users/1` under `https://api.acme.test/v2`).
    pub fn split_url<'u>(&self, url: &'u str) -> UrlParts<'u> {
        let mut parts = split_url(url);
        let base = self.service_base.as_deref().map(split_url);
        let base_path = base.map_or("", |b| b.path);
        if parts.version.is_some() || base_path.is_empty() {
            return parts;
        }
        let rest = parts.path.strip_prefix(base_path);
        if let Some(rest) = rest.filter(|r| r.is_empty() || r.starts_with('/')) {
            parts.version = Some(&parts.path[..base_path.len()]);
            parts.path = rest.trim_start_matches('/');
        }
        parts
    }

    /// The path segments of an example URL, without scheme, host, version (or the configured
    /// root's path) and query.
    pub fn url_segments(&self, url: &str) -> Vec<String> {
        self.split_url(url).segments().map(str::to_owned).collect()
    }
}

impl PathTemplate {
    /// Whether concrete path segments fit the template: literals equal (ignoring ASCII case, as
    /// Graph does), parameters match any non-empty text.
    pub fn fits(&self, path: &[String]) -> bool {
        self.segments.len() == path.len()
            && self.segments.iter().zip(path).all(|(seg, actual)| {
                let mut rest = actual.as_str();
                let mut pieces = seg.pieces.iter().peekable();
                while let Some(piece) = pieces.next() {
                    match piece {
                        PathPiece::Literal(lit) => {
                            if rest.len() < lit.len()
                                || !rest[..lit.len()].eq_ignore_ascii_case(lit)
                            {
                                return false;
                            }
                            rest = &rest[lit.len()..];
                        }
                        PathPiece::Parameter(_) => match pieces.peek() {
                            Some(PathPiece::Literal(next)) => match rest.find(next.as_str()) {
                                Some(i) if i > 0 => rest = &rest[i..],
                                _ => return false,
                            },
                            _ => {
                                if rest.is_empty() {
                                    return false;
                                }
                                rest = "";
                            }
                        },
                    }
                }
                rest.is_empty()
            })
    }
}

impl PathSegment {
    /// The segment as written, each parameter in braces: `getX(period='{period}')`.
    pub fn text(&self) -> String {
        let mut text = String::new();
        for piece in &self.pieces {
            match piece {
                PathPiece::Literal(l) => text.push_str(l),
                PathPiece::Parameter(p) => {
                    text.push('{');
                    text.push_str(p);
                    text.push('}');
                }
            }
        }
        text
    }

    /// A single parameter: `{id}`.
    pub fn is_single_parameter(&self) -> bool {
        matches!(self.pieces.as_slice(), [PathPiece::Parameter(_)])
    }

    /// `root:` or `{item-id}:` opens a OneDrive item path (and `…/file.txt:` closes one): the
    /// segment without its colon, when it ends with one.
    pub fn before_colon(&self) -> Option<PathSegment> {
        let (last, init) = self.pieces.split_last()?;
        let PathPiece::Literal(text) = last else {
            return None;
        };
        let text = text.strip_suffix(':')?;
        let mut pieces = init.to_vec();
        if !text.is_empty() {
            pieces.push(PathPiece::Literal(text.to_owned()));
        }
        Some(PathSegment { pieces })
    }
}

/// A query string's options in order, `name=value` or a bare `name` (no value); empty pairs
/// (`a=1&&b=2`) skipped. Names and values are as written, not percent-decoded.
pub fn query_options(query: &str) -> impl Iterator<Item = (&str, Option<&str>)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (name, Some(value)),
            None => (pair, None),
        })
}

/// The arguments between a function call's parentheses (`period='D7',top=5`, or positional
/// `'D7'`), split on the commas outside quotes: each its name, if named, and its value, trimmed.
pub fn call_arguments(inner: &str) -> Vec<(Option<&str>, &str)> {
    let mut parts = Vec::new();
    let (mut start, mut quoted) = (0, false);
    for (i, c) in inner.char_indices() {
        match c {
            '\'' => quoted = !quoted,
            ',' if !quoted => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .map(|part| match part.split_once('=') {
            Some((name, value)) => (Some(name.trim()), value.trim()),
            None => (None, part.trim()),
        })
        .collect()
}

/// `name(args)` (a segment's text): the name and the text between the parentheses.
pub fn call_parts(text: &str) -> Option<(&str, &str)> {
    let (head, rest) = text.split_once('(')?;
    Some((head, rest.strip_suffix(')')?))
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

/// `Name: value`, as a header is written (`Prefer: odata.maxpagesize=2`); never JSON.
pub fn is_header_line(line: &str) -> bool {
    line.split_once(':').is_some_and(|(name, value)| {
        !name.is_empty()
            && !value.starts_with("//")
            && name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
    })
}

/// The status of an HTTP status line, `HTTP/1.1 204 No Content` → 204.
pub fn status_code(line: &str) -> Option<u16> {
    let rest = line.trim().strip_prefix("HTTP/")?;
    rest.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::Ir;

    #[test]
    fn urls_split_into_path_and_query_once() {
        let parts = |url| {
            let p = split_url(url);
            (p.path, p.query, p.segments().collect::<Vec<_>>())
        };
        assert_eq!(
            parts("https://graph.microsoft.com/v1.0/me/messages?$top=5"),
            ("me/messages", Some("$top=5"), vec!["me", "messages"])
        );
        assert_eq!(
            parts("/users/{id}"),
            ("users/{id}", None, vec!["users", "{id}"])
        );
        assert_eq!(
            parts("https://graph.microsoft.com/beta/me/"),
            ("me", None, vec!["me"])
        );
        // A version is a whole segment, and a fragment is no part of the query.
        assert_eq!(
            parts("https://graph.microsoft.com/v1.0x/me?$top=1#top"),
            ("v1.0x/me", Some("$top=1"), vec!["v1.0x", "me"])
        );
        assert_eq!(parts("https://graph.microsoft.com"), ("", None, vec![]));
        let beta = split_url("https://graph.microsoft.com/beta/me?x=1");
        assert_eq!(
            (beta.origin, beta.version, beta.path),
            (Some("https://graph.microsoft.com"), Some("beta"), "me")
        );
        // `v1` is no Graph version: it stays in the path, where it matches no request line.
        assert_eq!(split_url("https://graph.microsoft.com/v1/me").path, "v1/me");
        assert_eq!(split_url("/v1.0/me").version, Some("v1.0"));
        assert!(is_version("v2") && is_version("v1.0") && is_version("beta"));
        assert!(!is_version("v") && !is_version("vx1") && !is_version("changelog"));
    }

    #[test]
    fn query_options_and_call_arguments_are_split_once() {
        let options: Vec<_> = query_options("$top=5&&$count&$filter=a eq 'x=y'").collect();
        assert_eq!(
            options,
            [
                ("$top", Some("5")),
                ("$count", None),
                ("$filter", Some("a eq 'x=y'"))
            ]
        );
        assert_eq!(
            call_arguments("period='D7,D30', top = 5"),
            [(Some("period"), "'D7,D30'"), (Some("top"), "5")]
        );
        assert_eq!(call_arguments("'it''s'"), [(None, "'it''s'")]);
    }

    #[test]
    fn segments_know_their_text_colons_and_calls() {
        let path = parse_path("/drives/{drive-id}/root:/a.txt:/getX(period='{p}')").unwrap();
        let texts: Vec<String> = path.segments.iter().map(PathSegment::text).collect();
        assert_eq!(
            texts,
            [
                "drives",
                "{drive-id}",
                "root:",
                "a.txt:",
                "getX(period='{p}')"
            ]
        );
        assert_eq!(
            path.segments[2].before_colon().map(|s| s.text()).as_deref(),
            Some("root")
        );
        assert!(path.segments[1].is_single_parameter());
        assert!(path.segments[4].before_colon().is_none());
        assert_eq!(call_parts(&texts[4]), Some(("getX", "period='{p}'")));
        assert_eq!(call_parts("getX(period"), None);
    }

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

    #[test]
    fn urls_match_templates() {
        let graph = Ir::default();
        let t = parse_path("/users/{usersId}").unwrap();
        assert!(t.fits(&graph.url_segments("https://graph.microsoft.com/v1.0/users/abc")));
        assert!(!t.fits(&graph.url_segments("https://graph.microsoft.com/v1.0/users")));
        let me = parse_path("/me").unwrap();
        assert!(!me.fits(&graph.url_segments("https://graph.microsoft.com/changelog/me")));
        assert!(me.fits(&graph.url_segments("https://graph.microsoft.com/beta/me?$select=id")));
        let f = parse_path("/reports/getX(period='{period}')").unwrap();
        assert!(f.fits(
            &graph.url_segments("https://graph.microsoft.com/v1.0/reports/getX(period='D7')")
        ));
    }

    #[test]
    fn another_services_root_path_is_taken_off_as_a_version_is() {
        let acme = Ir {
            service_base: Some("https://api.acme.test/v2".into()),
            ..Ir::default()
        };
        let url = acme.split_url("https://api.acme.test/v2/users/1?$top=2");
        assert_eq!(
            (url.version, url.path, url.query),
            (Some("v2"), "users/1", Some("$top=2"))
        );
        assert_eq!(
            acme.url_segments("https://api.acme.test/v2"),
            Vec::<String>::new()
        );
        // Only whole segments: `v2x` is a path of its own.
        assert_eq!(
            acme.url_segments("https://api.acme.test/v2x/users"),
            ["v2x", "users"]
        );
        // Without the root configured, another service's version stays in the path.
        let plain = Ir::default().url_segments("https://api.acme.test/v2/users/1");
        assert_eq!(plain, ["v2", "users", "1"]);
        // Graph's versions come off whatever the root.
        let users = acme.url_segments("https://graph.microsoft.com/v1.0/users");
        assert_eq!(users, ["users"]);
    }
}
