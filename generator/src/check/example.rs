//! Examples against the documented types: strict JSON, values that fit their property's type,
//! and no properties the type lacks. An example with no problem becomes a round-trip test.

use super::scalar::fits;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::ir::{Example, Ir, Property, QualifiedName, TypeDef, TypeKind, TypeRef};
use crate::json::{parse_tree, JsonKind, JsonNode};
use std::ops::Range;

/// Secondary labels shown per diagnostic; the rest are counted in the message.
const MAX_LABELS: usize = 3;

struct Finding {
    code: Code,
    /// The property the value belongs to, if any.
    property: Option<String>,
    range: Range<usize>,
    label: String,
}

/// What checking one example found.
pub struct Checked {
    /// The codes of the problems found (empty when it is clean).
    pub codes: Vec<Code>,
    /// A body that is not strict JSON but that the lenient parser read whole (comments and
    /// trailing commas skipped), as strict JSON: what its round-trip test reads.
    pub recovered: Option<String>,
}

/// Checks one example.
pub fn check_example(ir: &Ir, example: &Example, diags: &mut Diagnostics) -> Checked {
    let parsed = parse_tree(&example.json);
    if let Some(problem) = &parsed.strict_problem {
        let recovered = parsed.node.is_some();
        diags.push(
            Diagnostic::new(
                Code::ExampleInvalidJson,
                example.span.subspan(problem.range.clone()),
                format!(
                    "example body is not {}JSON: {}",
                    if recovered { "strict " } else { "" },
                    problem.message
                ),
            )
            .label(problem.message.clone())
            .help(if recovered {
                "the body was read leniently: what was read is checked, and is what its round-trip test reads"
            } else {
                "the body could not be read; it is left out of the round-trip tests"
            }),
        );
    }
    let mut codes = Vec::new();
    if parsed.strict_problem.is_some() {
        codes.push(Code::ExampleInvalidJson);
    }
    let recovered = parsed
        .strict_problem
        .as_ref()
        .and(parsed.node.as_ref())
        .map(|node| node.to_value().to_string());
    let (Some(node), Some(ty)) = (&parsed.node, &example.ty) else {
        return Checked { codes, recovered };
    };
    let mut findings = Vec::new();
    if example.collection {
        check_collection(ir, ty, node, &mut findings);
    } else {
        check_named(ir, ty, node, &mut findings);
    }
    for code in [
        Code::ExampleValueMismatch,
        Code::ExampleUnknownProperty,
        Code::ExampleEnumMember,
        Code::ExampleOdataType,
    ] {
        let of_code: Vec<&Finding> = findings.iter().filter(|f| f.code == code).collect();
        let Some((first, rest)) = of_code.split_first() else {
            continue;
        };
        let (one, many) = match code {
            Code::ExampleValueMismatch => (
                "value that does not fit its documented type",
                "values that do not fit their documented types",
            ),
            Code::ExampleOdataType => (
                "`@odata.type` that names another type",
                "`@odata.type` values that name other types",
            ),
            Code::ExampleEnumMember => (
                "enum value that is not a documented member",
                "enum values that are not documented members",
            ),
            _ => (
                "property that the type does not have",
                "properties that the type does not have",
            ),
        };
        let count = of_code.len();
        let mut message = format!(
            "example for `{ty}` has {count} {}",
            if count == 1 { one } else { many }
        );
        if rest.len() > MAX_LABELS {
            message += &format!(" ({} more not shown)", rest.len() - MAX_LABELS);
        }
        let mut diagnostic =
            Diagnostic::new(code, example.span.subspan(first.range.clone()), message)
                .label(first.label.clone())
                .help(if code == Code::ExampleValueMismatch {
                    "fix the example; a model rejects such a value"
                } else {
                    "fix the docs; the model keeps such members, and the example still round-trips"
                });
        // A diagnostic about one property can be suppressed for that property alone.
        if let Some(p) = &first.property {
            if rest.iter().all(|f| f.property.as_ref() == Some(p)) {
                diagnostic = diagnostic.about_property(p);
            }
        }
        for f in rest.iter().take(MAX_LABELS) {
            diagnostic =
                diagnostic.secondary(example.span.subspan(f.range.clone()), f.label.clone());
        }
        diags.push(diagnostic);
        codes.push(code);
    }
    Checked { codes, recovered }
}

/// The properties of a type and of its base types, nearest first.
fn find_property<'a>(ir: &'a Ir, ty: &QualifiedName, name: &str) -> Option<&'a Property> {
    let mut current = ir.types.get(ty);
    let mut depth = 0;
    while let Some(def) = current {
        if let Some(p) = def.property(name) {
            return Some(p);
        }
        depth += 1;
        // A cycle of base types is a docs defect reported elsewhere; do not loop on it.
        if depth > 32 {
            return None;
        }
        current = def.base.as_ref().and_then(|b| ir.types.get(b));
    }
    None
}

/// `@odata.type` must name the documented type or one derived from it (with or without `#`);
/// returns the type it names when it does, which is the type the value is read as.
fn check_odata_type<'a>(
    ir: &'a Ir,
    ty: &QualifiedName,
    node: &JsonNode,
    out: &mut Vec<Finding>,
) -> Option<&'a QualifiedName> {
    let JsonKind::String(text) = &node.kind else {
        return None;
    };
    let named = text.trim_start_matches('#');
    let mut current = named.rsplit_once('.').and_then(|(ns, n)| {
        ir.types
            .keys()
            .find(|q| q.namespace.eq_ignore_ascii_case(ns) && q.name.eq_ignore_ascii_case(n))
    });
    let named_type = current;
    let mut depth = 0;
    while let Some(q) = current {
        if q == ty {
            return named_type;
        }
        depth += 1;
        current = ir
            .types
            .get(q)
            .and_then(|d| d.base.as_ref())
            .filter(|_| depth < 32);
    }
    out.push(Finding {
        property: None,
        code: Code::ExampleOdataType,
        range: node.range.clone(),
        label: format!("names `{named}`, but the documented type is `{ty}`"),
    });
    None
}

/// Members listed in a label before the rest are counted: an enum of 700 members would
/// otherwise make a 17,000-character line.
const MAX_LISTED: usize = 8;

/// `a, b, c` or, past [`MAX_LISTED`], `a, b, …, h and 692 more`.
fn summarised<'a>(names: impl ExactSizeIterator<Item = &'a str>) -> String {
    let total = names.len();
    let listed: Vec<&str> = names.take(MAX_LISTED).collect();
    if total > listed.len() {
        format!("{} and {} more", listed.join(", "), total - listed.len())
    } else {
        listed.join(", ")
    }
}

/// An enum value: a string naming a member (or, for flags, comma-separated members).
fn check_enum(def: &TypeDef, node: &JsonNode, out: &mut Vec<Finding>) {
    match &node.kind {
        JsonKind::Null => {}
        JsonKind::String(s) => {
            let known = |m: &str| def.members.iter().any(|d| d.name == m.trim());
            if !s.split(',').all(known) {
                out.push(Finding {
                    property: None,
                    code: Code::ExampleEnumMember,
                    range: node.range.clone(),
                    label: format!(
                        "not a member of `{}` ({})",
                        def.name,
                        summarised(def.members.iter().map(|m| m.name.as_str()))
                    ),
                });
            }
        }
        _ => out.push(Finding {
            property: None,
            code: Code::ExampleValueMismatch,
            range: node.range.clone(),
            label: format!(
                "`{}` is an enum: expected a string, found {}",
                def.name,
                node.kind_name()
            ),
        }),
    }
}

/// A collection response: `{"value": [items]}` plus annotations such as `@odata.nextLink`.
fn check_collection(ir: &Ir, ty: &QualifiedName, node: &JsonNode, out: &mut Vec<Finding>) {
    let value = match &node.kind {
        JsonKind::Object(members) => members.iter().find(|m| m.name == "value").map(|m| &m.value),
        _ => None,
    };
    match value.map(|v| &v.kind) {
        Some(JsonKind::Array(items)) => {
            items.iter().for_each(|item| check_named(ir, ty, item, out))
        }
        _ => out.push(Finding {
            property: None,
            code: Code::ExampleValueMismatch,
            range: node.range.clone(),
            label: format!("expected a collection of `{ty}`: an object with a `value` array"),
        }),
    }
}

fn check_named(ir: &Ir, ty: &QualifiedName, node: &JsonNode, out: &mut Vec<Finding>) {
    let Some(def) = ir.types.get(ty) else {
        return;
    };
    if def.kind == TypeKind::Enum {
        check_enum(def, node, out);
        return;
    }
    let JsonKind::Object(members) = &node.kind else {
        if node.kind != JsonKind::Null {
            out.push(Finding {
                property: None,
                code: Code::ExampleValueMismatch,
                range: node.range.clone(),
                label: format!(
                    "expected an object of type `{ty}`, found {}",
                    node.kind_name()
                ),
            });
        }
        return;
    };
    // A value whose `@odata.type` names a derived type is read as that type (models read a
    // base type's values through `Any<Type>`), so its members are checked against it.
    let mut ty = ty;
    for member in members.iter().filter(|m| m.name == "@odata.type") {
        if let Some(derived) = check_odata_type(ir, ty, &member.value, out) {
            ty = derived;
        }
    }
    for member in members {
        if member.name == "@odata.type" {
            continue;
        }
        // Other instance annotations (`@odata.etag`, `x@odata.nextLink`) are not properties.
        if member.name.contains('@') {
            continue;
        }
        match find_property(ir, ty, &member.name) {
            None => out.push(Finding {
                property: Some(member.name.clone()),
                code: Code::ExampleUnknownProperty,
                range: member.name_range.clone(),
                label: match other_case(ir, ty, &member.name) {
                    Some(name) => {
                        format!("`{ty}` has no property `{}`; it has `{name}`", member.name)
                    }
                    None => format!("`{ty}` has no property `{}`", member.name),
                },
            }),
            Some(property) => check_value(ir, property, &member.value, property.collection, out),
        }
    }
}

/// A property of `ty` (or of its base types) named `name` in another case: `topic` for `Topic`.
fn other_case<'a>(ir: &'a Ir, ty: &QualifiedName, name: &str) -> Option<&'a str> {
    let def = ir.types.get(ty)?;
    crate::analyze::graph::all_properties(ir, def)
        .into_iter()
        .find(|p| p.name.eq_ignore_ascii_case(name))
        .map(|p| p.name.as_str())
}

fn check_value(
    ir: &Ir,
    property: &Property,
    node: &JsonNode,
    collection: bool,
    out: &mut Vec<Finding>,
) {
    if node.kind == JsonKind::Null {
        return;
    }
    if collection {
        match &node.kind {
            JsonKind::Array(items) => items
                .iter()
                .for_each(|item| check_value(ir, property, item, false, out)),
            _ => out.push(Finding {
                property: None,
                code: Code::ExampleValueMismatch,
                range: node.range.clone(),
                label: format!(
                    "`{}` is a collection: expected an array, found {}",
                    property.name,
                    node.kind_name()
                ),
            }),
        }
        return;
    }
    match &property.ty {
        TypeRef::Primitive(p) => {
            if let Err(expected) = fits(*p, node) {
                out.push(Finding {
                    property: Some(property.name.clone()),
                    code: Code::ExampleValueMismatch,
                    range: node.range.clone(),
                    label: format!(
                        "`{}` is `Edm.{}`: expected {expected}",
                        property.name,
                        p.edm_name()
                    ),
                });
            }
        }
        TypeRef::Named(q) => check_named(ir, q, node, out),
        TypeRef::Json | TypeRef::Unresolved(_) => {}
    }
}
