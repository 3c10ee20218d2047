//! Which page documents a call that several pages list. The extended-property and
//! open-extension pages list a dozen other resources' request lines (`POST /me/events`,
//! `POST /groups/{id}/threads/{id}/reply`) beside an example body of their own kind; such a
//! line is the call of the page about it, which decides its body and response. A page only
//! decides the lines no other page documents.

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::ir::{Addressed, Body, Ir, PathPiece, PathTemplate, QualifiedName, TypeRef};
use crate::source::SourceSet;
use std::collections::BTreeMap;

/// Sets `documented_by` on each line that another page documents better, gives it that page's
/// response, and reports each call whose pages disagree on its body, once per call.
pub fn assign(ir: &mut Ir, sources: &SourceSet, diags: &mut Diagnostics) {
    let mut calls: BTreeMap<(String, String), Vec<(usize, usize)>> = BTreeMap::new();
    for (o, op) in ir.operations.iter().enumerate() {
        for (l, line) in op.lines.iter().enumerate() {
            if let Some(path) = &line.path {
                calls
                    .entry((line.method.clone(), call_key(path)))
                    .or_default()
                    .push((o, l));
            }
        }
    }
    for lines in calls.values() {
        let mut pages: Vec<usize> = lines.iter().map(|&(o, _)| o).collect();
        pages.dedup();
        if pages.len() < 2 {
            continue;
        }
        let owner = *lines
            .iter()
            .min_by_key(|&&(o, l)| rank(ir, sources, o, l))
            .expect("a call has lines");
        let mut reported = false;
        for &(o, l) in lines {
            if o == owner.0 {
                continue;
            }
            let response = ir.operations[owner.0].lines[owner.1].response.clone();
            let line = &mut ir.operations[o].lines[l];
            line.documented_by = Some(owner);
            if line.address.is_some() {
                line.response = response;
            }
            let (side, about) = (&ir.operations[o], &ir.operations[owner.0]);
            if !reported && describe(side.body.as_ref()) != describe(about.body.as_ref()) {
                reported = true;
                diags.push(
                    Diagnostic::new(
                        Code::CallPagesDisagree,
                        side.lines[l].span,
                        format!(
                            "this page sends {} to `{}`, but the page about that call sends {}",
                            describe(side.body.as_ref()),
                            side.lines[l].raw,
                            describe(about.body.as_ref())
                        ),
                    )
                    .label("the call takes the other page's body and response")
                    .secondary(about.lines[owner.1].span, "the page about the call")
                    .help("link to the call's own page instead of listing its request line, or make the two pages agree"),
                );
            }
        }
    }
}

/// A request line's call: its path with parameters and case made uniform (`/Users/{id}` and
/// `/users/{user-id}` are one call), without its query.
fn call_key(path: &PathTemplate) -> String {
    let mut key = String::new();
    for segment in &path.segments {
        key.push('/');
        if segment
            .pieces
            .iter()
            .all(|p| matches!(p, PathPiece::Parameter(_)))
        {
            key.push_str("{}");
        } else {
            key.push_str(&segment.text().to_ascii_lowercase());
        }
    }
    key
}

/// How well a line's page documents the call, least first: a line the page writes before one
/// learned from an example; a page whose file name names the call's last segment or the
/// addressed type (`post-reply.md` for `…/reply`, `contact-update.md` for
/// `PATCH /me/contacts/{id}`); a page of the addressed type's own area; the page with fewer
/// lines; then page order.
fn rank(ir: &Ir, sources: &SourceSet, o: usize, l: usize) -> (bool, bool, bool, usize, usize) {
    let op = &ir.operations[o];
    let line = &op.lines[l];
    let stem = sources
        .get(op.page)
        .stem()
        .to_ascii_lowercase()
        .replace(['-', '_'], "");
    let last = line.path.as_ref().and_then(|p| {
        p.segments
            .iter()
            .rev()
            .find_map(|s| match s.pieces.as_slice() {
                [PathPiece::Literal(text)] if !text.starts_with('$') => {
                    Some(text.to_ascii_lowercase())
                }
                _ => None,
            })
    });
    let addressed = addressed_type(line);
    let names_it = last.is_some_and(|s| stem.contains(&s))
        || addressed
            .as_ref()
            .is_some_and(|q| stem.starts_with(&q.name.to_ascii_lowercase()));
    let home = addressed
        .and_then(|q| ir.types.get(&q))
        .is_some_and(|def| ir.type_area(def) == ir.page_area(op.page));
    (line.from_example, !names_it, !home, op.lines.len(), o)
}

/// The entity a line addresses, or the one its action is bound to.
pub fn addressed_type(line: &crate::ir::RequestLine) -> Option<QualifiedName> {
    let address = line.address.as_ref()?;
    match address.target() {
        Addressed::Value {
            ty: TypeRef::Named(q),
            ..
        } => Some(q),
        _ => match address.binding()? {
            (TypeRef::Named(q), _) => Some(q),
            _ => None,
        },
    }
}

fn describe(body: Option<&Body>) -> String {
    match body {
        None => "no body".into(),
        Some(Body::Model(q)) => format!("`{}`", q.name),
        Some(Body::Parameters(p)) => {
            let names: Vec<&str> = p.iter().map(|p| p.name.as_str()).collect();
            format!("the parameters ({})", names.join(", "))
        }
        Some(Body::Reference) => "a reference".into(),
        Some(Body::Bytes) => "bytes".into(),
    }
}
