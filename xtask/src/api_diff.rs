//! `cargo xtask api-diff --old CRATE --new CRATE`: the public surface of two generated crates
//! compared, as a maintainer deciding the next version needs it: what was added, changed and
//! removed, and the semver bump that implies.
//!
//! The surface is read from the crates' source with syn: every public model (struct, field,
//! enum, variant, constant) and every request by the `METHOD /path` it sends, with the chain
//! that sends it and the call's signature. The navigation types that lead to a call are not
//! listed on their own: a call's chain names them, so a renamed step shows as a changed call. A
//! request whose path differs from a removed one in a single segment, with the same method, is
//! a renamed segment (one change), not a removal and an addition.

use quote::ToTokens;
use std::collections::BTreeMap;
use std::path::Path;

/// Item → what it is (its type, its signature).
pub type Surface = BTreeMap<String, String>;

/// Reads the public surface of the crate at `dir` (its `src/models` and `src/requests`).
pub fn surface(dir: &Path) -> Result<Surface, String> {
    let mut surface = Surface::new();
    let mut bodies = BTreeMap::new();
    for module in ["models", "requests"] {
        let root = dir.join("src").join(module);
        if !root.is_dir() {
            return Err(format!(
                "{} is not a generated crate: no {}",
                dir.display(),
                root.display()
            ));
        }
        let mut files: Vec<_> = walkdir::WalkDir::new(&root)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
            .map(|e| e.into_path())
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path)
                .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
            let file = syn::parse_file(&text)
                .map_err(|e| format!("cannot parse {}: {e}", path.display()))?;
            items(module, &file.items, &mut surface, &mut bodies);
        }
    }
    // An action's body exists for its call: its fields are part of the call's entry, so that a
    // body renamed with its segment is one change.
    for value in surface.values_mut() {
        let named: Vec<&String> = bodies
            .keys()
            .filter(|name| value.contains(&format!("crate::requests::{name}")))
            .collect();
        for name in named {
            value.push_str(&format!("; {name} {{ {} }}", bodies[name]));
        }
    }
    Ok(surface)
}

fn public(vis: &syn::Visibility) -> bool {
    matches!(vis, syn::Visibility::Public(_))
}

/// Tokens as one line of text, without the spaces `quote` puts around punctuation.
fn text(tokens: impl ToTokens) -> String {
    let spaced = tokens.to_token_stream().to_string();
    let mut out = spaced;
    for (from, to) in [
        (" :: ", "::"),
        (":: ", "::"),
        (" < ", "<"),
        (" <", "<"),
        (" >", ">"),
        (" ,", ","),
        ("( ", "("),
        (" )", ")"),
        (",)", ")"),
        (",>", ">"),
    ] {
        out = out.replace(from, to);
    }
    out.trim().to_owned()
}

/// The `#[doc(alias = "…")]` values and the doc lines of an item.
fn docs(attrs: &[syn::Attribute]) -> (Vec<String>, Vec<String>) {
    let (mut aliases, mut lines) = (Vec::new(), Vec::new());
    for attr in attrs.iter().filter(|a| a.path().is_ident("doc")) {
        match &attr.meta {
            syn::Meta::NameValue(nv) => {
                if let syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) = &nv.value
                {
                    lines.push(s.value());
                }
            }
            syn::Meta::List(list) => {
                let _ = list.parse_nested_meta(|meta| {
                    if meta.path.is_ident("alias") {
                        let value: syn::LitStr = meta.value()?.parse()?;
                        aliases.push(value.value());
                    }
                    Ok(())
                });
            }
            syn::Meta::Path(_) => {}
        }
    }
    (aliases, lines)
}

/// Public items into `surface`; in `requests`, an action's body struct into `bodies` (name →
/// fields), and the navigation types (`struct UsersById(UrlPath)`) nowhere: calls name them.
fn items(
    module: &str,
    list: &[syn::Item],
    surface: &mut Surface,
    bodies: &mut BTreeMap<String, String>,
) {
    for item in list {
        match item {
            syn::Item::Struct(s) if public(&s.vis) && module == "requests" => {
                if let syn::Fields::Named(fields) = &s.fields {
                    let fields: Vec<String> = (fields.named.iter())
                        .filter(|f| public(&f.vis))
                        .filter_map(|f| Some(format!("{}: {}", f.ident.as_ref()?, text(&f.ty))))
                        .collect();
                    bodies.insert(s.ident.to_string(), fields.join(", "));
                }
            }
            syn::Item::Struct(s) if public(&s.vis) => {
                let name = format!("{module}::{}", s.ident);
                surface.insert(format!("struct {name}"), text(&s.generics));
                for field in s.fields.iter().filter(|f| public(&f.vis)) {
                    if let Some(ident) = &field.ident {
                        surface.insert(format!("field {name}.{ident}"), text(&field.ty));
                    }
                }
            }
            syn::Item::Enum(e) if public(&e.vis) => {
                let name = format!("{module}::{}", e.ident);
                surface.insert(format!("enum {name}"), text(&e.generics));
                for variant in &e.variants {
                    surface.insert(
                        format!("variant {name}::{}", variant.ident),
                        text(&variant.fields),
                    );
                }
            }
            syn::Item::Const(c) if public(&c.vis) => {
                let value = format!("{}: {} = {}", c.ident, text(&c.ty), text(&c.expr));
                surface.insert(format!("const {module}::{}", c.ident), value);
            }
            syn::Item::Type(t) if public(&t.vis) => {
                surface.insert(format!("type {module}::{}", t.ident), text(&t.ty));
            }
            syn::Item::Impl(i) if i.trait_.is_none() => calls(module, i, surface),
            syn::Item::Mod(m) => {
                if let Some((_, inner)) = &m.content {
                    items(module, inner, surface, bodies);
                }
            }
            _ => {}
        }
    }
}

/// The inherent methods of a type: a request call (one with `#[doc(alias = "METHOD /path")]`)
/// is listed by its request line, with its chain and signature; the other public methods of a
/// model (its shared accessors) by the type's name. Navigation steps are in the chains.
fn calls(module: &str, block: &syn::ItemImpl, surface: &mut Surface) {
    let ty = text(&block.self_ty);
    for item in &block.items {
        let syn::ImplItem::Fn(f) = item else { continue };
        if !public(&f.vis) {
            continue;
        }
        let (aliases, lines) = docs(&f.attrs);
        let signature = text(&f.sig).replace(" , ", ", ");
        let requests: Vec<&String> = aliases
            .iter()
            .filter(|a| {
                a.split_once(' ')
                    .is_some_and(|(m, p)| is_method(m) && p.starts_with('/'))
            })
            .collect();
        if requests.is_empty() {
            if module == "models" {
                surface.insert(format!("fn {module}::{ty}::{}", f.sig.ident), signature);
            }
            continue;
        }
        // "Sends `PATCH /me`: `Graph::me().update(body)`."
        let chain = lines
            .iter()
            .find_map(|l| l.trim().strip_prefix("Sends `")?.split("`: `").nth(1))
            .map(|c| c.trim_end_matches(['.', '`']).to_owned())
            .unwrap_or_default();
        for request in requests {
            surface.insert(format!("request {request}"), format!("{chain} {signature}"));
        }
    }
}

fn is_method(word: &str) -> bool {
    matches!(
        word,
        "GET" | "POST" | "PUT" | "PATCH" | "DELETE" | "HEAD" | "OPTIONS"
    )
}

/// What changed from one surface to the other.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Diff {
    pub added: Vec<(String, String)>,
    /// `(item, old, new)`; a renamed request segment is `(old line → new line, old, new)`.
    pub changed: Vec<(String, String, String)>,
    pub removed: Vec<(String, String)>,
}

impl Diff {
    /// What the change is to a dependent's code: `major` (something removed or changed),
    /// `minor` (only additions), or `none`.
    pub fn bump(&self) -> &'static str {
        if !self.changed.is_empty() || !self.removed.is_empty() {
            "major"
        } else if !self.added.is_empty() {
            "minor"
        } else {
            "none"
        }
    }
}

pub fn diff(old: &Surface, new: &Surface) -> Diff {
    let mut diff = Diff::default();
    for (item, was) in old {
        match new.get(item) {
            None => diff.removed.push((item.clone(), was.clone())),
            Some(now) if now != was => diff.changed.push((item.clone(), was.clone(), now.clone())),
            Some(_) => {}
        }
    }
    for (item, now) in new {
        if !old.contains_key(item) {
            diff.added.push((item.clone(), now.clone()));
        }
    }
    pair_renamed_segments(&mut diff);
    diff
}

/// A removed and an added request of one method whose paths differ in one segment are one
/// renamed segment.
fn pair_renamed_segments(diff: &mut Diff) {
    let mut removed = std::mem::take(&mut diff.removed);
    let mut index = 0;
    while index < removed.len() {
        let (old_item, old_sig) = &removed[index];
        let partner = diff
            .added
            .iter()
            .position(|(new_item, _)| one_segment_apart(old_item, new_item));
        match partner {
            Some(at) => {
                let (new_item, new_sig) = diff.added.remove(at);
                diff.changed.push((
                    format!("{old_item} → {}", new_item.trim_start_matches("request ")),
                    old_sig.clone(),
                    new_sig,
                ));
                removed.remove(index);
            }
            None => index += 1,
        }
    }
    diff.removed = removed;
    diff.changed.sort();
}

/// `request PATCH /a/b/c` and `request PATCH /a/x/c`.
fn one_segment_apart(old: &str, new: &str) -> bool {
    let split = |item: &str| -> Option<(String, Vec<String>)> {
        let (method, path) = item.strip_prefix("request ")?.split_once(' ')?;
        Some((
            method.to_owned(),
            path.split('/').map(str::to_owned).collect(),
        ))
    };
    match (split(old), split(new)) {
        (Some((m1, p1)), Some((m2, p2))) => {
            m1 == m2
                && p1.len() == p2.len()
                && p1.iter().zip(&p2).filter(|(a, b)| a != b).count() == 1
        }
        _ => false,
    }
}

/// `+ item: what`, `~ item: old → new`, `- item: what`, then the counts and the bump.
pub fn human(diff: &Diff) -> String {
    let mut out = String::new();
    for (item, what) in &diff.added {
        out.push_str(&format!("+ {item}: {what}\n"));
    }
    for (item, old, new) in &diff.changed {
        out.push_str(&format!("~ {item}: {old} → {new}\n"));
    }
    for (item, what) in &diff.removed {
        out.push_str(&format!("- {item}: {what}\n"));
    }
    out.push_str(&format!(
        "{} added, {} changed, {} removed: {}\n",
        diff.added.len(),
        diff.changed.len(),
        diff.removed.len(),
        match diff.bump() {
            "major" => "a major version (breaking)",
            "minor" => "a minor version (additions only)",
            _ => "no change to the public API",
        }
    ));
    out
}

pub fn json(diff: &Diff) -> String {
    let pairs = |items: &[(String, String)]| -> Vec<serde_json::Value> {
        items
            .iter()
            .map(|(item, what)| serde_json::json!({ "item": item, "signature": what }))
            .collect()
    };
    let changed: Vec<serde_json::Value> = diff
        .changed
        .iter()
        .map(|(item, old, new)| serde_json::json!({ "item": item, "old": old, "new": new }))
        .collect();
    let value = serde_json::json!({
        "added": pairs(&diff.added),
        "changed": changed,
        "removed": pairs(&diff.removed),
        "bump": diff.bump(),
    });
    format!("{value:#}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn surface(entries: &[(&str, &str)]) -> Surface {
        entries
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn additions_are_minor_and_a_renamed_segment_is_one_breaking_change() {
        let old = surface(&[
            ("field models::User.name", "String"),
            (
                "request POST /users/{id}/follow",
                "Graph::users().by_id(id).follow()",
            ),
            ("request GET /agreements", "Graph::agreements().list()"),
        ]);
        let added = surface(&[
            ("field models::User.name", "String"),
            ("field models::User.colour", "String"),
            (
                "request POST /users/{id}/follow",
                "Graph::users().by_id(id).follow()",
            ),
            ("request GET /agreements", "Graph::agreements().list()"),
        ]);
        assert_eq!(diff(&old, &added).bump(), "minor");
        assert_eq!(diff(&old, &old).bump(), "none");

        let broken = surface(&[
            ("field models::User.name", "Nullable<String>"),
            (
                "request POST /users/{id}/followSites",
                "Graph::users().by_id(id).follow_sites()",
            ),
        ]);
        let d = diff(&old, &broken);
        assert_eq!(d.bump(), "major");
        assert!(d.added.is_empty(), "{d:?}");
        assert_eq!(
            d.removed,
            [(
                "request GET /agreements".to_owned(),
                "Graph::agreements().list()".to_owned()
            )]
        );
        let changed: Vec<&str> = d.changed.iter().map(|c| c.0.as_str()).collect();
        assert_eq!(
            changed,
            [
                "field models::User.name",
                "request POST /users/{id}/follow → POST /users/{id}/followSites"
            ]
        );
    }
}
