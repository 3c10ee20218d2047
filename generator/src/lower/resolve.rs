//! Name resolution and merging: which declared type a type cell or a mention names, and one
//! [`TypeDef`] per type from the pages that declare it.

use super::tables::RawProperty;
use super::type_cell::primitive;
use super::{Declaration, TypeMention, DEFAULT_NAMESPACE};
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::ir::{EnumMember, Property, QualifiedName, TypeDef, TypeKind, TypeRef};
use crate::source::{FileId, SourceSet};
use std::collections::{BTreeMap, BTreeSet};

/// Every declared type, findable by qualified name, by simple name and by page.
pub(super) struct TypeIndex {
    by_qualified: BTreeMap<(String, String), QualifiedName>,
    by_simple: BTreeMap<String, BTreeSet<QualifiedName>>,
    by_page: BTreeMap<FileId, QualifiedName>,
}

impl TypeIndex {
    pub fn new(declarations: &[Declaration]) -> Self {
        let mut index = TypeIndex {
            by_qualified: BTreeMap::new(),
            by_simple: BTreeMap::new(),
            by_page: BTreeMap::new(),
        };
        let mut pages: BTreeMap<FileId, BTreeSet<QualifiedName>> = BTreeMap::new();
        for d in declarations {
            let key = (
                d.name.namespace.to_ascii_lowercase(),
                d.name.name.to_ascii_lowercase(),
            );
            index
                .by_qualified
                .entry(key)
                .or_insert_with(|| d.name.clone());
            index
                .by_simple
                .entry(d.name.name.to_ascii_lowercase())
                .or_default()
                .insert(d.name.clone());
            if d.from_resource_page {
                pages.entry(d.page).or_default().insert(d.name.clone());
            }
        }
        // A link names a type only when its page declares exactly one (not `enums.md`).
        index.by_page = pages
            .into_iter()
            .filter(|(_, names)| names.len() == 1)
            .filter_map(|(page, names)| Some((page, names.into_iter().next()?)))
            .collect();
        index
    }

    /// Resolves a name as written on a page in `namespace`: the type of the page a link points
    /// to (the most specific thing a writer gives), then qualified names exactly (ignoring case),
    /// then the page's own namespace, then a unique simple name anywhere (preferring
    /// `microsoft.graph` when several namespaces have it).
    pub fn resolve(
        &self,
        sources: &SourceSet,
        name: &str,
        namespace: &str,
        link: Option<(&str, FileId)>,
    ) -> Option<QualifiedName> {
        if let Some(q) = link
            .and_then(|(target, from)| resolve_link(sources, from, target))
            .and_then(|page| self.by_page.get(&page))
        {
            return Some(q.clone());
        }
        let lookup = |ns: &str, n: &str| {
            self.by_qualified
                .get(&(ns.to_ascii_lowercase(), n.to_ascii_lowercase()))
                .cloned()
        };
        if let Some((ns, n)) = name.rsplit_once('.') {
            if let Some(q) = lookup(ns, n) {
                return Some(q);
            }
        }
        let simple = name.rsplit('.').next().unwrap_or(name);
        if let Some(q) = lookup(namespace, simple) {
            return Some(q);
        }
        if let Some(candidates) = self.by_simple.get(&simple.to_ascii_lowercase()) {
            if candidates.len() == 1 {
                return candidates.first().cloned();
            }
            if let Some(q) = candidates.iter().find(|q| q.namespace == DEFAULT_NAMESPACE) {
                return Some(q.clone());
            }
        }
        None
    }

    /// The declared spelling of a qualified name written in any case.
    pub fn canonical(&self, q: &QualifiedName) -> Option<QualifiedName> {
        self.by_qualified
            .get(&(
                q.namespace.to_ascii_lowercase(),
                q.name.to_ascii_lowercase(),
            ))
            .cloned()
    }

    pub fn resolve_mention(&self, sources: &SourceSet, m: &TypeMention) -> Option<QualifiedName> {
        self.resolve(
            sources,
            &m.name,
            &m.namespace,
            m.link_target.as_deref().map(|t| (t, m.page)),
        )
    }
}

/// The page a relative link on page `from` points to, if it is in the docs.
pub fn resolve_link(sources: &SourceSet, from: FileId, target: &str) -> Option<FileId> {
    let target = target.split(['#', '?']).next()?;
    if target.is_empty() || target.contains("://") || target.starts_with('/') {
        return None;
    }
    let mut parts: Vec<&str> = sources.get(from).path.split('/').collect();
    parts.pop();
    for piece in target.split('/') {
        match piece {
            "." | "" => {}
            ".." => {
                parts.pop()?;
            }
            p => parts.push(p),
        }
    }
    sources.find(&parts.join("/"))
}

/// Resolves one property row to its IR form; reports types that resolve to nothing.
pub(super) fn resolve_property(
    sources: &SourceSet,
    index: &TypeIndex,
    namespace: &str,
    page: FileId,
    raw: &RawProperty,
    diags: &mut Diagnostics,
) -> Property {
    let (ty, collection) = match &raw.type_cell {
        None => (TypeRef::Unresolved(String::new()), false),
        Some(cell) => {
            let untyped = ["untyped", "json"]
                .iter()
                .any(|n| cell.name.eq_ignore_ascii_case(n));
            let ty = primitive(&cell.name)
                .map(TypeRef::Primitive)
                .or_else(|| untyped.then_some(TypeRef::Json))
                .or_else(|| {
                    index
                        .resolve(
                            sources,
                            &cell.name,
                            namespace,
                            cell.link_target.as_deref().map(|t| (t, page)),
                        )
                        .map(TypeRef::Named)
                })
                .unwrap_or_else(|| TypeRef::Unresolved(cell.name.clone()));
            (ty, cell.collection)
        }
    };
    if let TypeRef::Unresolved(name) = &ty {
        let message = if name.is_empty() {
            format!("property `{}` has no type", raw.name)
        } else {
            format!("type `{name}` of property `{}` is not documented", raw.name)
        };
        diags.push(
            Diagnostic::new(Code::TypeUnresolved, raw.type_span, message)
                .about_property(&raw.name)
                .label("unknown type")
                .help("add a resource page for the type, or fix the type cell; the property is generated as untyped JSON"),
        );
    }
    Property {
        name: raw.name.clone(),
        ty,
        collection,
        navigation: raw.navigation,
        description: raw.description.clone(),
        span: raw.row_span,
    }
}

/// Builds one [`TypeDef`] per qualified name. Resource pages come first and win disagreements;
/// operation pages add the properties they list that the resource page lacks.
pub(super) fn merge(
    sources: &SourceSet,
    declarations: &[Declaration],
    index: &TypeIndex,
    diags: &mut Diagnostics,
) -> BTreeMap<QualifiedName, TypeDef> {
    let mut ordered: Vec<&Declaration> = declarations.iter().collect();
    // The type's own page first (`resources/user.md` for `user`, not an Intune page that
    // also declares it): it gives the type its area and description. Then other resource
    // pages, then operation pages. Stable: page order is kept within each group.
    let own_page = |d: &Declaration| {
        d.from_resource_page
            && sources
                .get(d.page)
                .stem()
                .eq_ignore_ascii_case(&d.name.name)
    };
    ordered.sort_by_key(|d| (!own_page(d), !d.from_resource_page));
    let mut types: BTreeMap<QualifiedName, TypeDef> = BTreeMap::new();
    for d in ordered {
        let namespace = d.name.namespace.clone();
        let def = types.entry(d.name.clone()).or_insert_with(|| TypeDef {
            name: d.name.clone(),
            kind: TypeKind::Complex,
            base: None,
            description: None,
            properties: Vec::new(),
            members: Vec::new(),
            is_flags: false,
            is_abstract: false,
            is_open: false,
            declared_at: Vec::new(),
        });
        def.declared_at.push(d.span);
        def.is_abstract |= d.is_abstract;
        def.is_open |= d.is_open;
        match d.kind {
            Some(TypeKind::Enum) => def.kind = TypeKind::Enum,
            Some(TypeKind::Entity) if def.kind != TypeKind::Enum => def.kind = TypeKind::Entity,
            _ => {}
        }
        // The docs do not mark flags enums; members valued 1, 2, 4, … (0 allowed for "none")
        // are the OData convention for them.
        if !d.members.is_empty() {
            let values: Vec<i64> = d.members.iter().filter_map(|m| m.value).collect();
            let powers = values
                .iter()
                .filter(|v| **v > 0 && (**v & (**v - 1)) == 0)
                .count();
            def.is_flags = values.len() == d.members.len()
                && powers >= 3
                && values
                    .iter()
                    .all(|v| *v == 0 || (*v > 0 && (*v & (*v - 1)) == 0));
        }
        for m in &d.members {
            if !def.members.iter().any(|e| e.name == m.name) {
                def.members.push(EnumMember {
                    name: m.name.clone(),
                    value: m.value,
                    description: m.description.clone(),
                    span: m.span,
                });
            }
        }
        if def.description.is_none() {
            def.description = d.description.clone();
        }
        if def.base.is_none() {
            def.base = d
                .base
                .as_deref()
                .and_then(|b| index.resolve(sources, b, &namespace, None));
        }
        let mut seen_here: BTreeMap<&str, &RawProperty> = BTreeMap::new();
        // Where each property already on the type is, so that merging stays linear in the
        // number of properties (a table can have thousands).
        let mut position: BTreeMap<String, usize> = def
            .properties
            .iter()
            .enumerate()
            .map(|(i, p)| (p.name.clone(), i))
            .collect();
        for raw in &d.properties {
            if let Some(first) = seen_here.insert(&raw.name, raw) {
                diags.push(
                    Diagnostic::new(
                        Code::PropertyDuplicate,
                        raw.row_span,
                        format!("property `{}` is listed twice", raw.name),
                    )
                    .about_property(&raw.name)
                    .label("listed again here")
                    .secondary(first.row_span, "first listed here")
                    .help("the first row is used"),
                );
                seen_here.insert(&raw.name, first);
                continue;
            }
            let property = resolve_property(sources, index, &namespace, d.page, raw, diags);
            match position.get(&property.name).map(|&i| &def.properties[i]) {
                None => {
                    position.insert(property.name.clone(), def.properties.len());
                    def.properties.push(property);
                }
                Some(existing)
                    if existing.ty != property.ty || existing.collection != property.collection =>
                {
                    diags.push(
                        Diagnostic::new(
                            Code::PropertyConflict,
                            property.span,
                            format!(
                                "property `{}` of `{}` is `{}` here but `{}` on another page",
                                property.name,
                                d.name,
                                describe(&property),
                                describe(existing)
                            ),
                        )
                        .about_property(&property.name)
                        .label(describe(&property))
                        .secondary(existing.span, describe(existing))
                        .help("the first declaration (the resource page, if there is one) is used"),
                    );
                }
                Some(_) => {}
            }
        }
    }
    types
}

fn describe(p: &Property) -> String {
    if p.collection {
        format!("Collection({})", p.ty)
    } else {
        p.ty.to_string()
    }
}

/// Reports a type name declared in two namespaces where neither contains the other: the same
/// type under two names (`Microsoft.DirectoryServices.user`, `microsoft.graph.user`), not a
/// sub-namespace such as `microsoft.graph.callRecords`.
pub(super) fn report_namespace_conflicts(
    types: &BTreeMap<QualifiedName, TypeDef>,
    diags: &mut Diagnostics,
) {
    let mut by_name: BTreeMap<String, Vec<&TypeDef>> = BTreeMap::new();
    for def in types.values() {
        by_name
            .entry(def.name.name.to_ascii_lowercase())
            .or_default()
            .push(def);
    }
    for defs in by_name.values() {
        for (i, a) in defs.iter().enumerate() {
            for b in &defs[i + 1..] {
                let (x, y) = (
                    a.name.namespace.to_ascii_lowercase(),
                    b.name.namespace.to_ascii_lowercase(),
                );
                let related =
                    x == y || x.starts_with(&format!("{y}.")) || y.starts_with(&format!("{x}."));
                let (Some(&first), Some(&second)) = (a.declared_at.first(), b.declared_at.first())
                else {
                    continue;
                };
                if !related {
                    diags.push(
                        Diagnostic::new(
                            Code::TypeNamespaceConflict,
                            second,
                            format!("`{}` is also declared as `{}`", b.name, a.name),
                        )
                        .label(format!("declared in `{}`", b.name.namespace))
                        .secondary(first, format!("declared in `{}`", a.name.namespace))
                        .help("use one namespace for the type; the two are generated as separate models"),
                    );
                }
            }
        }
    }
}
