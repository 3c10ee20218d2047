//! Request examples against what their page says the request sends: a body where the page
//! documents none, or none where an update or a create must send one.

use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::ir::{Body, Ir, Operation};
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
        if op.body.is_some() || !understood(op) || !documents(op, method, url) {
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
        let needs = matches!(
            (request.method.as_str(), &op.body),
            ("PATCH" | "PUT", Some(Body::Model(_) | Body::Parameters(_)))
                | ("POST", Some(Body::Model(_)))
        );
        if !needs || !documents(op, &request.method, &request.url) {
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
            .help("show the body the request sends, after an empty line below its headers"),
        );
    }
    (unexpected, missing)
}

/// Every line of the page resolved, so its body is what the page and the path say, not a
/// gap in what the generator understood.
fn understood(op: &Operation) -> bool {
    op.lines.iter().all(|l| l.address.is_some())
}

/// One of the page's own lines has the example's method and URL.
pub(crate) fn documents(op: &Operation, method: &str, url: &str) -> bool {
    let segments = super::url::url_path(url);
    op.lines
        .iter()
        .filter(|l| !l.from_example && l.method.eq_ignore_ascii_case(method))
        .filter_map(|l| l.path.as_ref())
        .any(|t| super::url::matches(t, &segments))
}
