//! How one JSON object's members become Rust fields: the names the model struct, the `Any…`
//! enums and the snippets' struct literals must all agree on.

use crate::ir::Property;
use crate::names::{field_name, Scope};
use std::collections::BTreeSet;

/// The Rust fields of an object struct: `@odata.type` and the unknown members first (so that
/// documented properties yield on collision), then one per documented wire name, its first
/// declaration kept (a wire name listed twice would be read into the first field only).
pub struct FieldLayout<'a> {
    pub odata_type: String,
    pub additional: String,
    pub fields: Vec<(String, &'a Property)>,
}

impl<'a> FieldLayout<'a> {
    pub fn of(properties: &[&'a Property]) -> Self {
        let mut scope = Scope::default();
        let odata_type = scope.unique("odata_type".into());
        let additional = scope.unique("additional_properties".into());
        let mut wire_names = BTreeSet::from(["@odata.type"]);
        let fields = properties
            .iter()
            .filter(|p| wire_names.insert(p.name.as_str()))
            .map(|p| (scope.unique(field_name(&p.name)), *p))
            .collect();
        FieldLayout {
            odata_type,
            additional,
            fields,
        }
    }
}
