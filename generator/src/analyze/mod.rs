//! The analyze stage, between lower and check: the facts about the type graph (derived types,
//! inherited properties, boxing) and the address graph (every request path resolved through
//! the documented types, and the responses and bodies it decides), then which page owns each
//! request line and how each request example is typed. `analysis.rs` runs it with the
//! other stages.

pub mod address;
mod docs_space;
mod example_lines;
pub mod graph;
pub mod operations;
pub mod owners;
mod response_choice;

use crate::diagnostic::Diagnostics;
use crate::ir::Ir;
use crate::source::SourceSet;
use graph::TypeGraph;

/// Builds the type graph and decides every operation's addresses, owners, bodies and example
/// types.
pub fn decide(ir: &mut Ir, sources: &SourceSet, diags: &mut Diagnostics) -> TypeGraph {
    let graph = TypeGraph::new(ir);
    operations::decide(ir, &graph, sources, diags);
    owners::assign(ir, sources, diags);
    operations::decide_side_bodies(ir);
    operations::type_request_examples_by_call(ir);
    graph
}
