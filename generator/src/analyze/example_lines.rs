//! Request examples as request lines. Graph's pages often show an example URL their HTTP
//! request section does not list (`GET /me/drive/root/children` under
//! `GET /me/drive/items/{item-id}/children`): the example is documentation of that URL too. An
//! example's URL that none of its page's lines match, that resolves through the documented
//! types, and that addresses what a line of the same method addresses, becomes a line of that
//! operation (`RequestLine::from_example`), so its navigation exists. The mismatch is still
//! reported (`example-url-unmatched`); only lines the docs write are matched against.

use super::address::{resolve, Unresolved};
use super::docs_space::DocsSpace;
use crate::ir::{Address, ExampleKind, Ir, RequestLine};
use crate::lower::parse_path;
use crate::source::Span;
use std::collections::BTreeSet;

/// What each line of each operation resolved to.
pub type Resolved = [Vec<Option<Result<Address, Unresolved>>>];

/// The lines the examples add, by operation, in example order.
pub fn learn(ir: &Ir, space: &DocsSpace, resolved: &Resolved) -> Vec<(usize, RequestLine)> {
    let with_bodies = ir.examples.iter().filter_map(|e| {
        let (method, url, span) = e.request.as_ref()?;
        (e.kind == ExampleKind::Request).then_some((e.operation?, method, url, *span))
    });
    let without = ir
        .bodiless_requests
        .iter()
        .filter_map(|r| Some((r.operation?, &r.method, &r.url, r.span)));
    let mut seen = BTreeSet::new();
    let mut learned = Vec::new();
    for (op, method, url, span) in with_bodies.chain(without) {
        if let Some(line) = line_of(ir, space, resolved, op, method, url, span) {
            let key = (op, line.method.clone(), line.raw.to_ascii_lowercase());
            if seen.insert(key) {
                learned.push((op, line));
            }
        }
    }
    learned
}

fn line_of(
    ir: &Ir,
    space: &DocsSpace,
    resolved: &Resolved,
    op: usize,
    method: &str,
    url: &str,
    span: Span,
) -> Option<RequestLine> {
    let operation = &ir.operations[op];
    let segments = ir.url_segments(url);
    if segments.is_empty()
        || operation
            .lines
            .iter()
            .filter_map(|l| l.path.as_ref())
            .any(|t| t.fits(&segments))
    {
        return None;
    }
    let text = format!("/{}", segments.join("/"));
    let path = parse_path(&text).ok()?;
    let address = resolve(space, &path).ok()?;
    let target = address.target();
    let method = method.to_ascii_uppercase();
    let agrees = (operation.lines.iter().zip(&resolved[op]))
        .any(|(l, r)| l.method == method && matches!(r, Some(Ok(a)) if a.target() == target));
    agrees.then(|| RequestLine {
        raw: format!("{method} {text}"),
        method,
        path: Some(path),
        span,
        address: Some(address),
        response: None,
        from_example: true,
        documented_by: None,
    })
}
