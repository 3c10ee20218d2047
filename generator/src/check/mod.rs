//! The check stage: diagnostics about the docs that need the whole IR, such as examples whose
//! values do not fit the documented types, or example URLs that match no documented path.

mod example;
mod scalar;
mod url;

use crate::diagnostic::{Code, Diagnostics};
use crate::ir::Ir;

/// What becomes of each example (same order as `Ir::examples`): decided here, once, so that
/// emit writes it and xtask counts it without restating the rule.
#[derive(Debug, Default)]
pub struct Verdicts {
    pub examples: Vec<ExampleOutcome>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExampleOutcome {
    /// Clean, and its model exists: it must round-trip through the model unchanged.
    RoundTrip,
    /// Its only defect is a value of the wrong type: its model must reject it.
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
    Verdicts {
        examples: ir
            .examples
            .iter()
            .map(|e| {
                let codes = example::check_example(ir, e, diags);
                let has_model = e.ty.as_ref().is_some_and(|t| ir.types.contains_key(t));
                match codes.as_slice() {
                    _ if !has_model => ExampleOutcome::NoModel,
                    [] => ExampleOutcome::RoundTrip,
                    [Code::ExampleValueMismatch] => ExampleOutcome::MustReject,
                    _ => ExampleOutcome::LeftOut(codes),
                }
            })
            .collect(),
    }
}
