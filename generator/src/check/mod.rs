//! The check stage: diagnostics about the docs that need the whole IR, such as examples whose
//! values do not fit the documented types, or example URLs that match no documented path.

pub(crate) mod bodies;
mod example;
pub(crate) mod scalar;
pub(crate) mod url;

use crate::diagnostic::{Code, Diagnostics};
use crate::ir::Ir;
use rayon::prelude::*;

/// What becomes of each example (same order as `Ir::examples`): decided here, once, so that
/// emit writes it and xtask counts it without restating the rule.
#[derive(Debug, Default)]
pub struct Verdicts {
    pub examples: Vec<ExampleOutcome>,
    /// The strict JSON its tests and snippets read, for each example whose body needed the
    /// lenient parser (by index into `Ir::examples`).
    pub recovered: std::collections::BTreeMap<usize, String>,
    /// Request examples (by index into `Ir::examples`) that send a body their page documents
    /// none for (`example-body-unexpected`).
    pub body_unexpected: std::collections::BTreeSet<usize>,
    /// Bodiless request examples (by index into `Ir::bodiless_requests`) of an update or a
    /// create, which must send one (`example-body-missing`).
    pub body_missing: std::collections::BTreeSet<usize>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExampleOutcome {
    /// Its model exists, and it is clean or its only defects are members the model keeps
    /// (undocumented properties, enum members, `@odata.type`s): it must round-trip through the
    /// model unchanged.
    RoundTrip,
    /// It has a value of the wrong type (and no defect but those a model keeps): its model must
    /// reject it.
    MustReject,
    /// Left out of the tests, for these diagnostics.
    LeftOut(Vec<Code>),
    /// The docs name no model for it; nothing is wrong with it.
    NoModel,
}

impl Verdicts {
    pub fn count(&self, outcome: fn(&ExampleOutcome) -> bool) -> usize {
        self.examples.iter().filter(|o| outcome(o)).count()
    }
}

pub fn check(ir: &Ir, diags: &mut Diagnostics) -> Verdicts {
    url::check_example_urls(ir, diags);
    let mut verdicts = Verdicts::default();
    (verdicts.body_unexpected, verdicts.body_missing) = bodies::check_example_bodies(ir, diags);
    // Examples are checked in parallel, each into its own diagnostics, taken in example order.
    let checked: Vec<(example::Checked, Diagnostics)> = ir
        .examples
        .par_iter()
        .map(|e| {
            let mut example_diags = Diagnostics::default();
            // Media shown as text (a photo's "Binary data for the image") is no JSON to check.
            if sends_media(ir, e) {
                let unchecked = example::Checked {
                    codes: Vec::new(),
                    recovered: None,
                };
                return (unchecked, example_diags);
            }
            (
                example::check_example(ir, e, &mut example_diags),
                example_diags,
            )
        })
        .collect();
    for (index, (e, (checked, example_diags))) in ir.examples.iter().zip(checked).enumerate() {
        diags.extend(example_diags);
        let has_model = e.ty.as_ref().is_some_and(|t| ir.types.contains_key(t));
        // Undocumented members, enum members and `@odata.type`s are what models keep
        // (`additional_properties`, `Unrecognized`, `odata_type`): such an example must still
        // round-trip. So must a body that is JSON once its comments and trailing commas are
        // skipped: the test reads what the lenient parser read. A value of the wrong type is
        // what a model must reject.
        let recovered = checked.recovered.is_some();
        let kept = |c: &Code| {
            matches!(
                c,
                Code::ExampleUnknownProperty | Code::ExampleEnumMember | Code::ExampleOdataType
            ) || (recovered && *c == Code::ExampleInvalidJson)
        };
        let codes = checked.codes;
        let outcome = if !has_model {
            ExampleOutcome::NoModel
        } else if codes.iter().all(kept) {
            ExampleOutcome::RoundTrip
        } else if codes
            .iter()
            .all(|c| kept(c) || *c == Code::ExampleValueMismatch)
        {
            ExampleOutcome::MustReject
        } else {
            ExampleOutcome::LeftOut(codes)
        };
        // Kept for an example without a model too: a request snippet sends what was read.
        if let (
            Some(json),
            ExampleOutcome::RoundTrip | ExampleOutcome::MustReject | ExampleOutcome::NoModel,
        ) = (checked.recovered, &outcome)
        {
            verdicts.recovered.insert(index, json);
        }
        verdicts.examples.push(outcome);
    }
    verdicts
}

/// A request example of a call that sends bytes.
fn sends_media(ir: &Ir, example: &crate::ir::Example) -> bool {
    example.kind == crate::ir::ExampleKind::Request
        && example
            .operation
            .and_then(|op| ir.operations.get(op))
            .is_some_and(|op| matches!(op.body, Some(crate::ir::Body::Bytes)))
}
