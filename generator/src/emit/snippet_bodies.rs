//! What a snippet's body is held against: the example's JSON as Graph reads it (enum members
//! in their documented spelling, since the service reads them ignoring case), and whether the
//! literal lands only in a model's catch-all (`additional_properties`), which reproduces any
//! JSON and so would hide a body of the wrong type.

use super::Context;
use crate::ir::{Body, Property, TypeKind, TypeRef};
use serde_json::Value;

/// The example's body with each enum member a documented member matches, ignoring case,
/// written as the docs write it: the JSON the snippet's literal sends.
pub fn as_graph_reads(cx: &Context, body: &Body, json: &Value) -> Value {
    match body {
        // The body is the plain model the page names, even where the type has derived ones.
        Body::Model(q) => match cx.ir.types.get(q) {
            Some(def) if def.kind != TypeKind::Enum => {
                normalized_object(cx, &crate::analyze::graph::all_properties(cx.ir, def), json)
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
    let Some(def) = cx.ir.types.get(q) else {
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
        _ if cx.any_names.contains_key(q) => json.clone(),
        _ => {
            let properties = crate::analyze::graph::all_properties(cx.ir, def);
            normalized_object(cx, &properties, json)
        }
    }
}

/// A body whose literal would set nothing but the catch-all.
pub enum CatchAllOnly {
    /// The type has documented properties and the example names none of them: a body of
    /// another type, reproduced only because the catch-all takes anything.
    Defect(String),
    /// Right as it is: the type is open (or documents no properties), or every member is an
    /// annotation (`members@odata.bind`).
    Exempt(String),
}

/// Whether the top-level literal of `body` for `json` sets only `additional_properties`.
pub fn catch_all_only(cx: &Context, op: usize, body: &Body, json: &Value) -> Option<CatchAllOnly> {
    let object = json.as_object()?;
    let keys: Vec<&str> = object
        .keys()
        .map(String::as_str)
        .filter(|k| *k != "@odata.type")
        .collect();
    let (name, properties, open) = match body {
        Body::Model(q) => {
            let def = cx.ir.types.get(q)?;
            let properties = crate::analyze::graph::all_properties(cx.ir, def);
            (q.name.clone(), properties, def.is_open)
        }
        Body::Parameters(params) => (
            cx.nav.body_names.get(&op).cloned().unwrap_or_default(),
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
    Some(if keys.iter().all(|k| k.contains('@')) {
        CatchAllOnly::Exempt(format!("its members ({listed}) are annotations"))
    } else if open || properties.is_empty() {
        CatchAllOnly::Exempt(format!("`{name}` is an open type"))
    } else {
        CatchAllOnly::Defect(format!(
            "its body sets only `additional_properties` of `{name}`: none of its members ({listed}) is a documented property"
        ))
    })
}
