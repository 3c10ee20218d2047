//! The serde-derive mirror of the benched models: for each type, and every object type its
//! properties reach, a struct with one `Option` field a property and
//! `#[derive(Serialize, Deserialize)]`, as a derive-based generator (typify, say) would write
//! it. Scalars and enums are the generated crate's own types, so that the bench compares how
//! objects are read and written, not how a date is parsed. Unknown members are skipped, and
//! `null` reads as absent: the mirror does less than the models, which is what makes it the
//! bar to meet.

use generator::ir::{Ir, QualifiedName, TypeKind, TypeRef};
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::fmt::Write;

/// `mirror.rs` for `roots` and everything they reach; `names` are the generated crate's type
/// names.
pub fn mirror_source(
    ir: &Ir,
    names: &BTreeMap<QualifiedName, String>,
    roots: &[QualifiedName],
) -> String {
    let mut out = String::from(
        "//! Written by `cargo xtask bench-models`: a serde-derive mirror of the benched models.\n\
         #![allow(dead_code, clippy::all)]\n\n",
    );
    let mut seen: BTreeSet<QualifiedName> = roots.iter().cloned().collect();
    let mut queue: VecDeque<QualifiedName> = roots.iter().cloned().collect();
    while let Some(q) = queue.pop_front() {
        let def = &ir.types[&q];
        let mut wire_names = BTreeSet::from(["@odata.type"]);
        writeln!(out, "#[derive(serde::Serialize, serde::Deserialize)]").unwrap();
        writeln!(out, "pub struct {} {{", mirror_name(names, &q)).unwrap();
        writeln!(
            out,
            "    #[serde(rename = \"@odata.type\", default, skip_serializing_if = \"Option::is_none\")]\n    pub odata_type: Option<String>,"
        )
        .unwrap();
        let properties = generator::analyze::graph::all_properties(ir, def);
        for (i, p) in properties
            .iter()
            .filter(|p| wire_names.insert(&p.name))
            .enumerate()
        {
            let mut ty = value_type(ir, names, &q, &p.ty);
            if let TypeRef::Named(target) = &p.ty {
                let is_object = ir
                    .types
                    .get(target)
                    .is_some_and(|d| d.kind != TypeKind::Enum);
                if is_object && seen.insert(target.clone()) {
                    queue.push_back(target.clone());
                }
            }
            if p.collection {
                ty = format!("Vec<{ty}>");
            }
            writeln!(
                out,
                "    #[serde(rename = {:?}, default, skip_serializing_if = \"Option::is_none\")]\n    pub f{i}: Option<{ty}>,",
                p.name
            )
            .unwrap();
        }
        out.push_str("}\n\n");
    }
    out
}

/// The mirror of the type named `q`.
pub fn mirror_name(names: &BTreeMap<QualifiedName, String>, q: &QualifiedName) -> String {
    format!("Mirror{}", names[q])
}

/// The Rust type of one value of `ty` in a mirror struct of `owner`.
fn value_type(
    ir: &Ir,
    names: &BTreeMap<QualifiedName, String>,
    owner: &QualifiedName,
    ty: &TypeRef,
) -> String {
    match ty {
        TypeRef::Primitive(p) => generator::emit::primitive_type(*p)
            .to_string()
            .replace("crate :: support", "graph_client :: support"),
        TypeRef::Named(q) => match ir.types.get(q) {
            Some(def) if def.kind == TypeKind::Enum && def.is_flags => {
                format!(
                    "graph_client::support::Flags<graph_client::models::{}>",
                    names[q]
                )
            }
            Some(def) if def.kind == TypeKind::Enum => {
                format!("graph_client::models::{}", names[q])
            }
            Some(_) if generator::analyze::graph::needs_box(ir, owner, q) => {
                format!("Box<{}>", mirror_name(names, q))
            }
            Some(_) => mirror_name(names, q),
            None => "serde_json::Value".to_owned(),
        },
        TypeRef::Json | TypeRef::Unresolved(_) => "serde_json::Value".to_owned(),
    }
}
