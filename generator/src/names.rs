//! Every Rust name the generator makes, in one place: case conversion with heck, escaping of
//! keywords and invalid characters, and uniqueness within a scope. The wire name always travels
//! beside the Rust name; emit turns any difference into `#[serde(rename)]`. The names of the
//! request surface (steps, calls, action bodies) follow the URL and live in `navigation.rs`.

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

/// Makes a valid identifier from converted text: only ASCII letters and digits are kept (other
/// characters would fail `Ident::new` (`x²`) or trip the `uncommon_codepoints` and
/// `confusable_idents` lints under `deny(warnings)`); in snake case each run of others becomes
/// one `_`, in camel case they are dropped, since the case lints reject `__` and `_` beside a
/// letter. An empty name becomes `unnamed`, a leading digit gets a prefix, and keywords get a
/// trailing `_` (raw identifiers cannot express `self`, `Self`, `super` or `crate`, so one rule
/// serves all).
fn sanitize(converted: &str, camel: bool) -> String {
    let mut out = String::with_capacity(converted.len());
    for c in converted.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !camel && !out.is_empty() && !out.ends_with('_') {
            out.push('_');
        }
    }
    let mut out = out.trim_end_matches('_').to_owned();
    if out.is_empty() {
        out = if camel { "Unnamed" } else { "unnamed" }.to_owned();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert_str(0, if camel { "T" } else { "n" });
    }
    if camel {
        // `٣x` loses its first character and must not start lower case.
        out[..1].make_ascii_uppercase();
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
        false,
    )
}

/// `office365ActiveUserDetail` → `Office365ActiveUserDetail`.
pub fn type_name(name: &str) -> String {
    let converted = name
        .replace(['.', '-', ' ', '@'], "_")
        .to_upper_camel_case();
    // `Self`, the one camel-case keyword, becomes `SelfType`: a trailing `_` is not camel case,
    // and numbering `Self_` for uniqueness would give `Self_2`.
    if converted == "Self" {
        return "SelfType".to_owned();
    }
    sanitize(&converted, true)
}

/// A module or function name: snake case.
pub fn snake_name(name: &str) -> String {
    sanitize(
        &name.replace(['.', '-', ' ', '@', '/'], "_").to_snake_case(),
        false,
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
        // An escaped keyword's `_` goes before the number: `type_2` and `Self2`, not `type__2`
        // and `Self_2`, which the case lints reject.
        let stem = match base.trim_end_matches('_') {
            "" => base.as_str(),
            stem => stem,
        };
        let mut n = 2;
        loop {
            let candidate = format!("{stem}{separator}{n}");
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

/// `AnyDirectoryObject` for `directoryObject`, kept clear of every model name.
pub fn any_names(
    type_names: &BTreeMap<QualifiedName, String>,
    derived: &BTreeMap<QualifiedName, Vec<QualifiedName>>,
) -> BTreeMap<QualifiedName, String> {
    let mut scope = Scope::default();
    for name in type_names.values() {
        scope.unique_type(name.clone());
    }
    derived
        .keys()
        .filter_map(|q| {
            Some((
                q.clone(),
                scope.unique_type(format!("Any{}", type_names.get(q)?)),
            ))
        })
        .collect()
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

    /// Only ASCII letters and digits, no doubled or outer underscores, never empty: anything else
    /// panics in `Ident::new` or fails a lint under `deny(warnings)`.
    #[test]
    fn non_ascii_and_empty_names() {
        assert_eq!(field_name("x²"), "x");
        assert_eq!(field_name("naïve"), "na_ve");
        assert_eq!(field_name("名前"), "unnamed");
        assert_eq!(field_name("٣x"), "x");
        assert_eq!(field_name("a\"b"), "a_b");
        assert_eq!(field_name("_"), "unnamed");
        assert_eq!(type_name("-"), "Unnamed");
        assert_eq!(type_name("naïve"), "Nave");
        assert_eq!(type_name("名前"), "Unnamed");
        assert_eq!(type_name("x²"), "X");
        assert_eq!(type_name("٣x"), "X");
    }

    #[test]
    fn types() {
        assert_eq!(
            type_name("office365ActiveUserDetail"),
            "Office365ActiveUserDetail"
        );
        assert_eq!(type_name("azureADLicenseUsage"), "AzureAdLicenseUsage");
        assert_eq!(type_name("self"), "SelfType");
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
        // Escaped keywords are numbered without a double or inner underscore.
        assert_eq!(scope.unique("type_".into()), "type_");
        assert_eq!(scope.unique("type_".into()), "type_2");
        assert_eq!(scope.unique_type("Self_".into()), "Self_");
        assert_eq!(scope.unique_type("Self_".into()), "Self2");
    }
}
