//! Facts about the documented type graph, computed once and shared by the address graph and
//! emit: which types derive from which, every property of a type with its inherited ones, and
//! which single-valued properties must be boxed to keep a struct finite.

use crate::ir::{Ir, Property, QualifiedName, TypeDef, TypeKind, TypeRef};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Default)]
pub struct TypeGraph {
    /// Every type with derived types, mapped to all of them (transitively), in name order.
    pub derived: BTreeMap<QualifiedName, Vec<QualifiedName>>,
}

impl TypeGraph {
    pub fn new(ir: &Ir) -> TypeGraph {
        TypeGraph {
            derived: derived_types(ir),
        }
    }

    /// Whether `ty` is `base` or derives from it.
    pub fn is_or_derives(&self, ty: &QualifiedName, base: &QualifiedName) -> bool {
        ty == base || self.derived.get(base).is_some_and(|d| d.contains(ty))
    }
}

fn derived_types(ir: &Ir) -> BTreeMap<QualifiedName, Vec<QualifiedName>> {
    let mut derived: BTreeMap<QualifiedName, BTreeSet<QualifiedName>> = BTreeMap::new();
    for def in ir.types.values().filter(|d| d.kind != TypeKind::Enum) {
        let mut seen = BTreeSet::from([&def.name]);
        let mut base = def.base.as_ref();
        while let Some(b) = base {
            if !seen.insert(b) || !ir.types.contains_key(b) {
                break;
            }
            derived
                .entry(b.clone())
                .or_default()
                .insert(def.name.clone());
            base = ir.types.get(b).and_then(|d| d.base.as_ref());
        }
    }
    derived
        .into_iter()
        .map(|(b, d)| (b, d.into_iter().collect()))
        .collect()
}

/// The type's properties with those of its base types first; a redeclared property keeps the
/// most derived declaration.
pub fn all_properties<'a>(ir: &'a Ir, def: &'a TypeDef) -> Vec<&'a Property> {
    let mut chain = vec![def];
    let mut seen = BTreeSet::from([&def.name]);
    while let Some(base) = chain.last().and_then(|d| d.base.as_ref()) {
        match ir.types.get(base) {
            Some(b) if seen.insert(&b.name) => chain.push(b),
            _ => break,
        }
    }
    let mut props: Vec<&Property> = Vec::new();
    // Index by name: a redeclared property replaces the base's in place, in linear time.
    let mut position: BTreeMap<&str, usize> = BTreeMap::new();
    for d in chain.iter().rev() {
        for p in &d.properties {
            match position.get(p.name.as_str()) {
                Some(&i) => props[i] = p,
                None => {
                    position.insert(&p.name, props.len());
                    props.push(p);
                }
            }
        }
    }
    props
}

/// Whether a single-valued property of type `to` inside `from` must be boxed: it must when `to`
/// can reach `from` again through single-valued properties, or the struct would be infinite.
pub fn needs_box(ir: &Ir, from: &QualifiedName, to: &QualifiedName) -> bool {
    let mut stack = vec![to];
    let mut seen = BTreeSet::new();
    while let Some(current) = stack.pop() {
        if current == from {
            return true;
        }
        if !seen.insert(current) {
            continue;
        }
        if let Some(def) = ir.types.get(current) {
            for p in all_properties(ir, def) {
                if let (TypeRef::Named(q), false) = (&p.ty, p.collection) {
                    stack.push(q);
                }
            }
        }
    }
    false
}
