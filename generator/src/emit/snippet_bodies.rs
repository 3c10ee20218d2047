//! What a snippet's body is held against: the example's JSON as Graph reads it (enum members
//! in their documented spelling, since the service reads them ignoring case), and whether the
//! literal lands only in a model's catch-all (`additional_properties`), which reproduces any
//! JSON and so would hide a body of the wrong type.

use super::Context;
use crate::ir::{Body, Property, QualifiedName, TypeKind, TypeRef};
use serde_json::Value;

/// The model a body of type `q` is written as: the derived type the example's `@odata.type`
/// names when `q` is a base type (the call takes its `Any…`), else `q`.
pub fn literal_model<'a>(
    cx: &Context<'a>,
    q: &'a QualifiedName,
    json: &Value,
) -> &'a QualifiedName {
    if cx.any_name(q).is_none() {
        return q;
    }
    let named = json
        .get("@odata.type")
        .and_then(Value::as_str)
        .map(|t| t.trim_start_matches('#'));
    let derived = cx.derived().get(q).into_iter().flatten().find(|d| {
        named.is_some_and(|n| n.eq_ignore_ascii_case(&d.to_string())) && cx.type_name(d).is_some()
    });
    derived.unwrap_or(q)
}

/// The example's body with each enum member a documented member matches, ignoring case,
/// written as the docs write it: the JSON the snippet's literal sends.
pub fn as_graph_reads(cx: &Context, body: &Body, json: &Value) -> Value {
    match body {
        // The model the literal is: the page's, or the derived one its `@odata.type` names.
        Body::Model(q) => match cx.type_def(literal_model(cx, q, json)) {
            Some(def) if def.kind != TypeKind::Enum => {
                normalized_object(cx, &cx.all_properties(def), json)
            }
            _ => json.clone(),
        },
        Body::Parameters(params) => {
            let refs: Vec<&Property> = params.iter().collect();
            normalized_object(cx, &refs, json)
        }
        Body::Reference | Body::Bytes => json.clone(),
    }
}

fn normalized_object(cx: &Context, properties: &[&Property], json: &Value) -> Value {
    let Value::Object(object) = json else {
        return json.clone();
    };
    let members = object.iter().map(|(key, value)| {
        let value = match properties.iter().find(|p| p.name == *key) {
            Some(p) => normalized(cx, &p.ty, p.collection, value),
            None => value.clone(),
        };
        (key.clone(), value)
    });
    Value::Object(members.collect())
}

fn normalized(cx: &Context, ty: &TypeRef, collection: bool, json: &Value) -> Value {
    if collection {
        return match json {
            Value::Array(items) => Value::Array(
                items
                    .iter()
                    .map(|item| normalized(cx, ty, false, item))
                    .collect(),
            ),
            _ => json.clone(),
        };
    }
    let TypeRef::Named(q) = ty else {
        return json.clone();
    };
    let Some(def) = cx.type_def(q) else {
        return json.clone();
    };
    match (def.kind, json) {
        (TypeKind::Enum, Value::String(member)) if !def.is_flags => def
            .members
            .iter()
            .find(|m| m.name.eq_ignore_ascii_case(member))
            .map_or_else(|| json.clone(), |m| Value::String(m.name.clone())),
        (TypeKind::Enum, _) => json.clone(),
        // A derived type's members are read by its own model (`Any…` literals parse the JSON).
        _ if cx.any_name(q).is_some() => json.clone(),
        _ => {
            let properties = cx.all_properties(def);
            normalized_object(cx, &properties, json)
        }
    }
}

/// A body whose literal would set nothing but the catch-all.
pub enum CatchAllOnly {
    /// The type has documented properties and the example names none of them, and nothing
    /// says the example is wrong: a body of another type, reproduced only because the
    /// catch-all takes anything.
    Defect(String),
    /// The example's own defect, which a diagnostic on it reports: members in another case
    /// than the type's (`Comment` for `comment`), none of its call's parameters, or none of
    /// the properties of the type its page and its path agree on.
    Example(String),
    /// Right as it is: the type is open (or documents no properties), or every member is an
    /// annotation (`members@odata.bind`).
    Exempt(String),
}

/// Whether the top-level literal of `body` for `json` sets only `additional_properties`;
/// `example` is the request example the snippet reproduces, when it has a body.
pub fn catch_all_only(
    cx: &Context,
    example: Option<usize>,
    op: usize,
    body: &Body,
    json: &Value,
) -> Option<CatchAllOnly> {
    let object = json.as_object()?;
    let keys: Vec<&str> = object
        .keys()
        .map(String::as_str)
        .filter(|k| *k != "@odata.type")
        .collect();
    let (name, properties, open) = match body {
        Body::Model(q) => {
            let def = cx.type_def(literal_model(cx, q, json))?;
            let properties = cx.all_properties(def);
            (def.name.name.clone(), properties, def.is_open)
        }
        Body::Parameters(params) => (
            cx.body_name(op).unwrap_or_default().to_owned(),
            params.iter().collect(),
            false,
        ),
        Body::Reference | Body::Bytes => return None,
    };
    if keys.is_empty() || keys.iter().any(|k| properties.iter().any(|p| p.name == *k)) {
        return None;
    }
    let listed = keys
        .iter()
        .take(3)
        .map(|k| format!("`{k}`"))
        .collect::<Vec<_>>()
        .join(", ");
    if keys.iter().all(|k| k.contains('@')) {
        return Some(CatchAllOnly::Exempt(format!(
            "its members ({listed}) are annotations"
        )));
    }
    if open || properties.is_empty() {
        return Some(CatchAllOnly::Exempt(format!("`{name}` is an open type")));
    }
    let example = example.map(|i| cx.example(i));
    // Whether the checks held the example against this very body, and so reported it.
    let checked_as_this = example.is_some_and(|e| match body {
        Body::Model(q) => e.ty.as_ref() == Some(q),
        _ => e.operation == Some(op),
    });
    let other_case = keys
        .iter()
        .any(|k| properties.iter().any(|p| p.name.eq_ignore_ascii_case(k)));
    // An `@odata.type` naming neither the body's type nor one derived from it.
    let unrelated_type = match (object.get("@odata.type").and_then(Value::as_str), body) {
        (Some(named), Body::Model(q)) => {
            let named = named.trim_start_matches('#');
            (literal_model(cx, q, json) == q && !named.eq_ignore_ascii_case(&q.to_string()))
                .then_some((named, q))
        }
        _ => None,
    };
    let addressed_agrees = match body {
        Body::Model(q) => page_and_path_agree(cx, op, q),
        _ => false,
    };
    Some(if checked_as_this && other_case {
        CatchAllOnly::Example(format!(
            "its members ({listed}) are written in another case than `{name}`'s (example-unknown-property)"
        ))
    } else if let Some((named, q)) = unrelated_type.filter(|_| checked_as_this) {
        CatchAllOnly::Example(format!(
            "its `@odata.type` names `{named}`, which the docs do not derive from `{}` (example-odata-type)",
            q.name
        ))
    } else if checked_as_this && matches!(body, Body::Parameters(_)) {
        CatchAllOnly::Example(format!(
            "none of its members ({listed}) is a parameter its page's table lists (example-unknown-property)"
        ))
    } else if checked_as_this && addressed_agrees {
        CatchAllOnly::Example(format!(
            "none of its members ({listed}) is one of `{name}`'s, the type its page and its path agree on (example-unknown-property)"
        ))
    } else {
        CatchAllOnly::Defect(format!(
            "its body sets only `additional_properties` of `{name}`: none of its members ({listed}) is a documented property"
        ))
    })
}

/// Whether a line of the operation's page addresses `q` itself: the body type is then what
/// both the page and the path say, not a choice the generator made between them.
fn page_and_path_agree(cx: &Context, op: usize, q: &QualifiedName) -> bool {
    cx.operation(op).lines.iter().any(|l| {
        l.documented_by.is_none()
            && l.address.as_ref().is_some_and(|a| {
                matches!(a.target(), crate::ir::Addressed::Value { ty: TypeRef::Named(t), .. } if t == *q)
            })
    })
}
