//! Example request URLs against the page's documented request paths.

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::ir::{Ir, PathPiece, PathTemplate};

/// Version segments that precede the documented path in example URLs.
const VERSIONS: &[&str] = &["v1.0", "beta"];

pub fn check_example_urls(ir: &Ir, diags: &mut Diagnostics) {
    let with_bodies = ir.examples.iter().filter_map(|e| {
        e.request
            .as_ref()
            .map(|(method, url, span)| (e.page, method, url, span))
    });
    let without = ir
        .bodiless_requests
        .iter()
        .map(|r| (r.page, &r.method, &r.url, &r.span));
    for (page, method, url, span) in with_bodies.chain(without) {
        report_query_names(url, *span, diags);
        let Some(op) = ir.operations.iter().find(|o| o.page == page) else {
            continue;
        };
        // Only the lines the page writes: those learned from examples would match themselves.
        let templates: Vec<&PathTemplate> = op
            .lines
            .iter()
            .filter(|l| !l.from_example)
            .filter_map(|l| l.path.as_ref())
            .collect();
        // A page whose request lines are all broken is already reported once, there.
        if templates.is_empty() {
            continue;
        }
        let path = url_path(url);
        if templates.iter().any(|t| matches(t, &path)) {
            // The path is documented; so must its method be.
            let methods: Vec<&str> = (op.lines.iter())
                .filter(|l| !l.from_example)
                .filter(|l| l.path.as_ref().is_some_and(|t| matches(t, &path)))
                .map(|l| l.method.as_str())
                .collect();
            if !methods.iter().any(|m| m.eq_ignore_ascii_case(method)) {
                diags.push(
                    Diagnostic::new(
                        Code::ExampleUrlUnmatched,
                        *span,
                        format!("the example sends `{method}`, which the page does not document for this path"),
                    )
                    .label(format!("path `/{}`", path.join("/")))
                    .help(format!("the page documents {} for it", methods.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", "))),
                );
            }
            continue;
        }
        let documented: Vec<String> = templates.iter().map(|t| format!("`{t}`")).collect();
        diags.push(
            Diagnostic::new(
                Code::ExampleUrlUnmatched,
                *span,
                format!(
                    "example URL `{}` matches no documented request path",
                    clipped(url)
                ),
            )
            .label(format!("path `/{}`", path.join("/")))
            .help(format!("the page documents {}", listed(&documented))),
        );
    }
}

/// OData's system query options, as Graph takes them (names ignore case).
const SYSTEM_OPTIONS: &[&str] = &[
    "$select",
    "$expand",
    "$filter",
    "$orderby",
    "$top",
    "$skip",
    "$count",
    "$search",
    "$skiptoken",
    "$deltatoken",
    "$format",
    "$id",
    "$levels",
    "$apply",
    "$compute",
    "$index",
    "$schemaversion",
];

/// A query option whose name is not one: a `$` name OData does not have
/// (`$orderbydisplayName`), or a name with a space in it (`$filter =…`), which the example
/// would send as it is written.
fn report_query_names(url: &str, span: crate::source::Span, diags: &mut Diagnostics) {
    let Some((_, query)) = url.split_once('?') else {
        return;
    };
    for pair in query.split('&') {
        let name = pair.split_once('=').map_or(pair, |(name, _)| name);
        let trimmed = name.trim();
        let spaced = trimmed != name || trimmed.contains(' ');
        let unknown = trimmed.starts_with('$')
            && !SYSTEM_OPTIONS
                .iter()
                .any(|o| o.eq_ignore_ascii_case(trimmed));
        if !spaced && !unknown {
            continue;
        }
        let close = SYSTEM_OPTIONS
            .iter()
            .find(|o| trimmed.len() > o.len() && trimmed[..o.len()].eq_ignore_ascii_case(o));
        let at = url.find(pair).unwrap_or(0);
        let name_span = if url.len() == span.end as usize - span.start as usize {
            span.subspan(at..at + name.len())
        } else {
            span
        };
        let help = match close {
            Some(o) if !spaced => format!(
                "write `{o}=` and then its value (`{o}={}`)",
                &trimmed[o.len()..]
            ),
            _ if spaced => format!(
                "write the name without spaces: `{}`",
                trimmed.replace(' ', "")
            ),
            _ => format!("OData's query options are {}", SYSTEM_OPTIONS.join(", ")),
        };
        diags.push(
            Diagnostic::new(
                Code::QueryOptionUnknown,
                name_span,
                format!("`{name}` is not a query option Graph knows"),
            )
            .label(if spaced {
                "a space in the option's name"
            } else {
                "no such OData query option"
            })
            .help(help),
        );
    }
}

/// A URL short enough for a message line (the label shows its path): Graph's examples hold
/// URLs of 400 characters and more (encoded ids, filters with URLs inside).
fn clipped(url: &str) -> String {
    const SHOWN: usize = 120;
    match url.char_indices().nth(SHOWN) {
        Some((at, _)) => format!("{}…", &url[..at]),
        None => url.to_owned(),
    }
}

/// The first few paths, then how many more: a page with forty request lines would otherwise
/// make a help line thousands of characters long.
fn listed(paths: &[String]) -> String {
    const SHOWN: usize = 3;
    match paths.len() {
        n if n <= SHOWN => paths.join(", "),
        n => format!("{} and {} more", paths[..SHOWN].join(", "), n - SHOWN),
    }
}

/// The path segments of an example URL, without scheme, host, version and query.
pub(crate) fn url_path(url: &str) -> Vec<String> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = if url.contains("://") {
        rest.split_once('/').map_or("", |(_, p)| p)
    } else {
        rest.trim_start_matches('/')
    };
    let path = rest.split(['?', '#']).next().unwrap_or("");
    let mut segments: Vec<String> = path
        .split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect();
    if segments
        .first()
        .is_some_and(|s| VERSIONS.contains(&s.as_str()))
    {
        segments.remove(0);
    }
    segments
}

/// Whether concrete path segments fit a template: literals equal (ignoring ASCII case, as Graph
/// does), parameters match any non-empty text.
pub(crate) fn matches(template: &PathTemplate, path: &[String]) -> bool {
    template.segments.len() == path.len()
        && template.segments.iter().zip(path).all(|(seg, actual)| {
            let mut rest = actual.as_str();
            let mut pieces = seg.pieces.iter().peekable();
            while let Some(piece) = pieces.next() {
                match piece {
                    PathPiece::Literal(lit) => {
                        if rest.len() < lit.len() || !rest[..lit.len()].eq_ignore_ascii_case(lit) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lower::parse_path;

    #[test]
    fn long_urls_are_clipped_in_messages() {
        let long = format!("https://graph.microsoft.com/v1.0/chats/{}", "é".repeat(400));
        let shown = clipped(&long);
        assert_eq!(shown.chars().count(), 121);
        assert!(shown.ends_with('…'));
        assert_eq!(clipped("/me"), "/me");
    }

    #[test]
    fn urls_match_templates() {
        let t = parse_path("/users/{usersId}").unwrap();
        assert!(matches(
            &t,
            &url_path("https://graph.microsoft.com/v1.0/users/abc")
        ));
        assert!(!matches(
            &t,
            &url_path("https://graph.microsoft.com/v1.0/users")
        ));
        let me = parse_path("/me").unwrap();
        assert!(!matches(
            &me,
            &url_path("https://graph.microsoft.com/changelog/me")
        ));
        assert!(matches(
            &me,
            &url_path("https://graph.microsoft.com/beta/me?$select=id")
        ));
        let f = parse_path("/reports/getX(period='{period}')").unwrap();
        assert!(matches(
            &f,
            &url_path("https://graph.microsoft.com/v1.0/reports/getX(period='D7')")
        ));
    }
}
