//! Reads the Type cell of a property table (`String`, `Int32`, `String collection`,
//! `Collection(Edm.Guid)`, `[assignedLicense](assignedlicense.md) collection`, …) into a type name
//! and a collection flag. Resolution against known types happens later.

use crate::ir::Primitive;
use crate::parse::Inline;

/// A type cell, read but not yet resolved.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeCell {
    /// The type's name without `Edm.`; may still be qualified (`microsoft.graph.x`).
    pub name: String,
    pub collection: bool,
    /// The link target when the cell links to the type's page.
    pub link_target: Option<String>,
}

/// Reads a type cell; `None` when the cell is empty.
pub fn read_type_cell(cell: &Inline) -> Option<TypeCell> {
    let text = cell.text.trim().trim_matches('`');
    // `Collection of String` says the same as `String collection`.
    let (text, collection_of) = match text.get(..14) {
        Some(p) if p.eq_ignore_ascii_case("collection of ") => (&text[14..], true),
        _ => (text, false),
    };
    // A reference-style link without a definition (`[x][]`) stays literal text.
    let text = text
        .trim_start_matches('[')
        .replacen("][]", " ", 1)
        .replace(']', " ");
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    let lower = text.to_ascii_lowercase();
    let (inner, wrapped) = match lower.strip_prefix("collection(") {
        Some(_) => {
            let end = text.find(')').unwrap_or(text.len());
            (&text["collection(".len()..end], true)
        }
        None => (text, false),
    };
    let collection = wrapped
        || collection_of
        || lower
            .split(|c: char| !c.is_ascii_alphanumeric())
            .skip(1)
            .any(|w| w == "collection");
    let link = cell.links.first().filter(|l| !l.text.trim().is_empty());
    let name = match link {
        Some(link) if !wrapped => link.text.trim().trim_matches('`').to_owned(),
        _ => inner
            .split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';'))
            .find(|w| !w.is_empty())
            .unwrap_or(inner)
            .to_owned(),
    };
    let name = name.strip_prefix("Edm.").unwrap_or(&name).to_owned();
    Some(TypeCell {
        name,
        collection,
        link_target: link.map(|l| l.target.clone()),
    })
}

/// The primitive a (non-qualified) type name denotes, ignoring case, with the aliases the docs use.
pub fn primitive(name: &str) -> Option<Primitive> {
    let name = name.strip_prefix("Edm.").unwrap_or(name);
    if let Some(p) = Primitive::ALL
        .iter()
        .find(|p| p.edm_name().eq_ignore_ascii_case(name))
    {
        return Some(*p);
    }
    match name.to_ascii_lowercase().as_str() {
        "int" | "integer" => Some(Primitive::Int32),
        "long" => Some(Primitive::Int64),
        "bool" => Some(Primitive::Boolean),
        "float" => Some(Primitive::Single),
        "datetime" => Some(Primitive::DateTimeOffset),
        "timespan" => Some(Primitive::Duration),
        "url" | "uri" => Some(Primitive::String),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Link;

    fn cell(text: &str, link: Option<(&str, &str)>) -> Inline {
        Inline {
            text: text.into(),
            links: link
                .map(|(t, target)| Link {
                    text: t.into(),
                    target: target.into(),
                    span: Default::default(),
                })
                .into_iter()
                .collect(),
            ..Default::default()
        }
    }

    fn read(text: &str) -> (String, bool) {
        let c = read_type_cell(&cell(text, None)).unwrap();
        (c.name, c.collection)
    }

    #[test]
    fn spellings() {
        assert_eq!(read("String"), ("String".into(), false));
        assert_eq!(read("String collection"), ("String".into(), true));
        assert_eq!(read("Collection(Edm.Guid)"), ("Guid".into(), true));
        assert_eq!(read("Edm.Int64"), ("Int64".into(), false));
        assert_eq!(read("Boolean (nullable)"), ("Boolean".into(), false));
        assert_eq!(
            read("microsoft.graph.identitySet"),
            ("microsoft.graph.identitySet".into(), false)
        );
    }

    #[test]
    fn linked_types_use_the_link_text() {
        let c = read_type_cell(&cell(
            "assignedLicense collection",
            Some(("assignedLicense", "../resources/assignedlicense.md")),
        ))
        .unwrap();
        assert_eq!(c.name, "assignedLicense");
        assert!(c.collection);
        assert_eq!(
            c.link_target.as_deref(),
            Some("../resources/assignedlicense.md")
        );
    }

    #[test]
    fn primitives_ignore_case_and_prefix() {
        assert_eq!(primitive("string"), Some(Primitive::String));
        assert_eq!(
            primitive("Edm.DateTimeOffset"),
            Some(Primitive::DateTimeOffset)
        );
        assert_eq!(primitive("assignedLicense"), None);
    }
}
