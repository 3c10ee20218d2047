//! Example request URLs against the page's documented request paths.

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::ir::{Ir, PathTemplate};

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
        let path = ir.url_segments(url);
        if templates.iter().any(|t| t.fits(&path)) {
            // The path is documented; so must its method be.
            let methods: Vec<&str> = (op.lines.iter())
                .filter(|l| !l.from_example)
                .filter(|l| l.path.as_ref().is_some_and(|t| t.fits(&path)))
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
    let Some(query) = crate::lower::http::split_url(url).query else {
        return;
    };
    for (name, _) in crate::lower::http::query_options(query) {
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
        // `name` is a slice of `url` (split, never copied): its offset is where it is written.
        let at = name.as_ptr() as usize - url.as_ptr() as usize;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_urls_are_clipped_in_messages() {
        let long = format!("https://graph.microsoft.com/v1.0/chats/{}", "é".repeat(400));
        let shown = clipped(&long);
        assert_eq!(shown.chars().count(), 121);
        assert!(shown.ends_with('…'));
        assert_eq!(clipped("/me"), "/me");
    }
}
