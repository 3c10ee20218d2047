//! Request examples against what their page says the request sends: a body where the page
//! documents none, none where an update or a create must send one, and an action's members
//! that its parameters table does not list.

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::ir::{Body, Ir, Operation};
use crate::json::{parse_tree, JsonKind, JsonMember};
use std::collections::BTreeSet;

/// The examples whose body disagrees with their page: `(examples with a body the page does
/// not take, bodiless requests that show no body the page needs)`, by index into
/// `Ir::examples` and `Ir::bodiless_requests`.
pub fn check_example_bodies(
    ir: &Ir,
    diags: &mut Diagnostics,
) -> (BTreeSet<usize>, BTreeSet<usize>) {
    let mut unexpected = BTreeSet::new();
    for (index, example) in ir.examples.iter().enumerate() {
        let (Some((method, url, span)), Some(op)) = (
            &example.request,
            example.operation.and_then(|o| ir.operations.get(o)),
        ) else {
            continue;
        };
        if op.body.is_some() || !understood(op) || !documents(ir, op, method, url) {
            continue;
        }
        unexpected.insert(index);
        diags.push(
            Diagnostic::new(
                Code::ExampleBodyUnexpected,
                example.span,
                format!("the example sends a body with `{method}`, but the page documents none"),
            )
            .label("not sent by the generated call")
            .secondary(*span, "this request")
            .help(if method == "DELETE" {
                "a delete names what it deletes by its URL: remove the body"
            } else {
                "remove the body (an action without parameters takes none), or document its parameters under `## Request body`"
            }),
        );
    }
    let mut missing = BTreeSet::new();
    for (index, request) in ir.bodiless_requests.iter().enumerate() {
        let Some(op) = request.operation.and_then(|o| ir.operations.get(o)) else {
            continue;
        };
        // Media is sent whatever the method (an app package's `POST`, a photo's `PUT`).
        let needs = matches!(
            (request.method.as_str(), &op.body),
            ("PATCH" | "PUT", Some(Body::Model(_) | Body::Parameters(_)))
                | ("POST", Some(Body::Model(_)))
                | ("POST" | "PATCH" | "PUT", Some(Body::Bytes))
        );
        if !needs || !documents(ir, op, &request.method, &request.url) {
            continue;
        }
        missing.insert(index);
        diags.push(
            Diagnostic::new(
                Code::ExampleBodyMissing,
                request.span,
                format!(
                    "the example sends `{}` without a body, but the page documents one",
                    request.method
                ),
            )
            .label("the generated call sends a body here")
            .help(if matches!(op.body, Some(Body::Bytes)) {
                "show the body after an empty line below the headers; media may be shown as a line of text standing for its bytes"
            } else {
                "show the body the request sends, after an empty line below its headers"
            }),
        );
    }
    check_parameter_members(ir, diags);
    (unexpected, missing)
}

/// An action's request example whose top-level members are not the parameters its page's
/// table lists: a member written in another case (`Comment` for `comment`), or one the table
/// does not have (`value`, where the table lists the items' `id`). The call's body type has
/// the table's parameters; such a member travels only in its `additional_properties`.
fn check_parameter_members(ir: &Ir, diags: &mut Diagnostics) {
    for example in &ir.examples {
        let (Some((method, url, _)), Some(op)) = (
            &example.request,
            example.operation.and_then(|o| ir.operations.get(o)),
        ) else {
            continue;
        };
        let Some(Body::Parameters(params)) = &op.body else {
            continue;
        };
        if !documents(ir, op, method, url) {
            continue;
        }
        let Some(JsonKind::Object(members)) = parse_tree(&example.json).node.map(|n| n.kind) else {
            continue;
        };
        let unknown: Vec<(&JsonMember, Option<&str>)> = members
            .iter()
            .filter(|m| !m.name.contains('@') && !params.iter().any(|p| p.name == m.name))
            .map(|m| {
                let other_case = params
                    .iter()
                    .find(|p| p.name.eq_ignore_ascii_case(&m.name))
                    .map(|p| p.name.as_str());
                (m, other_case)
            })
            .collect();
        let Some(((first, first_case), rest)) = unknown.split_first() else {
            continue;
        };
        let label = |m: &JsonMember, other_case: Option<&str>| match other_case {
            Some(name) => format!("the parameter is `{name}`"),
            None => format!("`{}` is not a parameter of the page's table", m.name),
        };
        let count = unknown.len();
        let mut diagnostic = Diagnostic::new(
            Code::ExampleUnknownProperty,
            example.span.subspan(first.name_range.clone()),
            format!(
                "example body has {count} {} that the page's parameters do not have",
                if count == 1 { "member" } else { "members" }
            ),
        )
        .label(label(first, *first_case))
        .help(if unknown.iter().any(|(_, c)| c.is_some()) {
            "write each member as the parameters table names it: a member in another case is sent as written, outside the typed parameters"
        } else {
            "document the member in the parameters table, or fix the example; the call's body type has only the table's parameters"
        });
        for (m, other_case) in rest {
            diagnostic = diagnostic.secondary(
                example.span.subspan(m.name_range.clone()),
                label(m, *other_case),
            );
        }
        diags.push(diagnostic);
    }
}

/// Every line of the page resolved, so its body is what the page and the path say, not a
/// gap in what the generator understood.
fn understood(op: &Operation) -> bool {
    op.lines.iter().all(|l| l.address.is_some())
}

/// One of the page's own lines has the example's method and URL.
pub(crate) fn documents(ir: &Ir, op: &Operation, method: &str, url: &str) -> bool {
    let segments = ir.url_segments(url);
    op.lines
        .iter()
        .filter(|l| !l.from_example && l.method.eq_ignore_ascii_case(method))
        .filter_map(|l| l.path.as_ref())
        .any(|t| t.fits(&segments))
}
