//! The check stage: diagnostics about the docs that need the whole IR, such as examples whose
//! values do not fit the documented types, or example URLs that match no documented path.

mod example;
mod scalar;
mod url;

use crate::diagnostic::{Code, Diagnostics};
use crate::ir::Ir;

/// What the checks concluded about each example (same order as `Ir::examples`).
#[derive(Debug, Default)]
pub struct Verdicts {
    /// For each example, the codes of the problems found; empty means it may be used as a test.
    pub examples: Vec<Vec<Code>>,
}

pub fn check(ir: &Ir, diags: &mut Diagnostics) -> Verdicts {
    url::check_example_urls(ir, diags);
    Verdicts {
        examples: ir
            .examples
            .iter()
            .map(|e| example::check_example(ir, e, diags))
            .collect(),
    }
}
