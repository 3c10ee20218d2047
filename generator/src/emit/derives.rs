//! Which generated structs can derive `Eq`: those whose every field's type is `Eq`. Floats
//! (`Single`, `Double`) are not, and a model is not when any model it holds is not, so the set
//! is the greatest one that is closed under "every field is `Eq`" (cycles between models stay
//! in it). `Hash` is never derived on a model: the unknown members it keeps are JSON values.

use crate::analyze::graph::all_properties;
use crate::ir::{Ir, Primitive, QualifiedName, TypeKind, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

/// The entity and complex types whose models (and, for bases, whose `Any…` enums) are `Eq`.
pub fn eq_types(
    ir: &Ir,
    derived: &BTreeMap<QualifiedName, Vec<QualifiedName>>,
) -> BTreeSet<QualifiedName> {
    let mut eq: BTreeSet<QualifiedName> = ir
        .types
        .iter()
        .filter(|(_, def)| def.kind != TypeKind::Enum)
        .map(|(q, _)| q.clone())
        .collect();
    loop {
        let before = eq.len();
        let snapshot = eq.clone();
        eq.retain(|q| {
            all_properties(ir, &ir.types[q])
                .iter()
                .all(|p| is_eq(ir, derived, &snapshot, &p.ty))
        });
        if eq.len() == before {
            return eq;
        }
    }
}

/// Whether a property of type `ty` is `Eq`, given the models that are.
pub fn is_eq(
    ir: &Ir,
    derived: &BTreeMap<QualifiedName, Vec<QualifiedName>>,
    eq: &BTreeSet<QualifiedName>,
    ty: &TypeRef,
) -> bool {
    match ty {
        TypeRef::Primitive(Primitive::Single | Primitive::Double) => false,
        TypeRef::Primitive(_) | TypeRef::Json | TypeRef::Unresolved(_) => true,
        TypeRef::Named(q) => match ir.types.get(q) {
            Some(def) if def.kind == TypeKind::Enum => true,
            // A base with derived types is its `Any…` enum: `Eq` when every variant is.
            Some(_) => {
                eq.contains(q)
                    && derived
                        .get(q)
                        .is_none_or(|all| all.iter().all(|d| eq.contains(d)))
            }
            // An undocumented type is a JSON value.
            None => true,
        },
    }
}
