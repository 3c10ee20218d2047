//! Every Rust name the generator makes, in one place: case conversion with heck, escaping of
//! keywords and invalid characters, and uniqueness within a scope. The wire name always travels
//! beside the Rust name; emit turns any difference into `#[serde(rename)]`.

use crate::ir::{Ir, QualifiedName};
use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::{BTreeMap, BTreeSet};

/// Strict and reserved keywords of Rust 2021, plus the weak ones that matter in our positions.
const KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "crate",
    "do", "dyn", "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl",
    "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref",
    "return", "self", "Self", "static", "struct", "super", "trait", "true", "try", "type",
    "typeof", "union", "unsafe", "unsized", "use", "virtual", "where", "while", "yield",
];

/// Makes a valid identifier from converted text: characters that cannot appear in an identifier
/// become `_`, a leading digit gets a prefix, and keywords get a trailing `_` (raw identifiers
/// cannot express `self`, `Self`, `super` or `crate`, so one rule serves all).
fn sanitize(converted: &str, prefix_for_digit: &str) -> String {
    let mut out: String = converted
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if out.trim_matches('_').is_empty() {
        out = "unnamed".to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, prefix_for_digit);
    }
    if KEYWORDS.contains(&out.as_str()) {
        out.push('_');
    }
    out
}

/// `accountEnabled` → `account_enabled`, `@odata.type` → `odata_type`, `type` → `type_`.
pub fn field_name(wire: &str) -> String {
    sanitize(
        &wire.replace(['@', '.', '-', ' ', '$'], "_").to_snake_case(),
        "n",
    )
}

/// `office365ActiveUserDetail` → `Office365ActiveUserDetail`.
pub fn type_name(name: &str) -> String {
    sanitize(
        &name
            .replace(['.', '-', ' ', '@'], "_")
            .to_upper_camel_case(),
        "T",
    )
}

/// A module or function name: snake case.
pub fn snake_name(name: &str) -> String {
    sanitize(
        &name.replace(['.', '-', ' ', '@', '/'], "_").to_snake_case(),
        "n",
    )
}

/// Hands out names unique within one scope by appending `_2`, `_3`, … on collision.
#[derive(Debug, Default)]
pub struct Scope {
    used: BTreeSet<String>,
}

impl Scope {
    /// A unique snake-case name: `name`, `name_2`, `name_3`, …
    pub fn unique(&mut self, base: String) -> String {
        self.unique_with(base, "_")
    }

    /// A unique camel-case name: `Name`, `Name2`, `Name3`, …
    pub fn unique_type(&mut self, base: String) -> String {
        self.unique_with(base, "")
    }

    fn unique_with(&mut self, base: String, separator: &str) -> String {
        if self.used.insert(base.clone()) {
            return base;
        }
        let mut n = 2;
        loop {
            let candidate = format!("{base}{separator}{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

/// The Rust name of every type in the IR. Types of the default namespace keep their plain name;
/// a type from another namespace whose plain name is taken gets its namespace as a prefix.
pub fn type_names(ir: &Ir, default_namespace: &str) -> BTreeMap<QualifiedName, String> {
    let mut names = BTreeMap::new();
    let mut used: BTreeSet<String> = BTreeSet::new();
    let (default, others): (Vec<_>, Vec<_>) = ir
        .types
        .keys()
        .partition(|q| q.namespace == default_namespace);
    for q in default.into_iter().chain(others) {
        let plain = type_name(&q.name);
        let name = if used.contains(&plain) {
            let mut candidate = type_name(&format!("{}_{}", q.namespace, q.name));
            let mut n = 2;
            while used.contains(&candidate) {
                candidate = format!("{}{n}", type_name(&format!("{}_{}", q.namespace, q.name)));
                n += 1;
            }
            candidate
        } else {
            plain
        };
        used.insert(name.clone());
        names.insert(q.clone(), name);
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields() {
        assert_eq!(field_name("accountEnabled"), "account_enabled");
        assert_eq!(field_name("@odata.type"), "odata_type");
        assert_eq!(field_name("type"), "type_");
        assert_eq!(field_name("self"), "self_");
        assert_eq!(field_name("Self"), "self_");
        assert_eq!(field_name("1stPlace"), "n1st_place");
        assert_eq!(field_name("extensionAttribute1"), "extension_attribute1");
        assert_eq!(field_name("display name"), "display_name");
        assert_eq!(field_name(""), "unnamed");
    }

    #[test]
    fn types() {
        assert_eq!(
            type_name("office365ActiveUserDetail"),
            "Office365ActiveUserDetail"
        );
        assert_eq!(type_name("azureADLicenseUsage"), "AzureAdLicenseUsage");
        assert_eq!(type_name("self"), "Self_");
        assert_eq!(type_name("3dModel"), "T3dModel");
    }

    #[test]
    fn scopes_make_names_unique() {
        let mut scope = Scope::default();
        assert_eq!(scope.unique("a".into()), "a");
        assert_eq!(scope.unique("a".into()), "a_2");
        assert_eq!(scope.unique("a".into()), "a_3");
        assert_eq!(scope.unique_type("A".into()), "A");
        assert_eq!(scope.unique_type("A".into()), "A2");
    }
}
