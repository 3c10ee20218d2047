//! Compares the types the docs define with the types a CSDL defines. The adapter `doc_types`
//! at the top is the only code in `metadata` that reads the generator's IR; everything below it
//! works on the plain `DocType` view, so an IR change touches one function.

use super::csdl::{
    Csdl, CsdlProperty, EnumType, StructuredKind, StructuredType, TypeIndex, TypeName,
};
use super::findings::Report;
use generator::ir::{EnumMember, Ir, Property, TypeDef, TypeKind, TypeRef};
use generator::{Code, FileId, SourceSet, Span};
use std::collections::{BTreeMap, BTreeSet};

// ---------------------------------------------------------------------------------------------
// Adapter: IR → DocType.

/// What the IR can express. CSDL items that the IR cannot carry are not reported as
/// undocumented: that would only say, hundreds of times, what the generator does not read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct IrCoverage {
    /// The IR has enum types (enum pages and `x values` sections).
    pub enums: bool,
    /// The IR has navigation properties (resource pages' `## Relationships` tables).
    pub navigation: bool,
    /// The IR says which enums are flags enums. Until it does, every CSDL flags enum would be
    /// reported as a plain enum in the docs.
    pub flags: bool,
}

/// What the current IR carries: enums, navigation properties, and flags enums (lower marks an
/// enum whose members are valued 1, 2, 4, … as flags). `doc_types` names every IR field, so a
/// field the IR gains cannot go uncompared unnoticed.
pub const IR_COVERAGE: IrCoverage = IrCoverage {
    enums: true,
    navigation: true,
    flags: true,
};

/// The docs' types as comparison sees them.
pub fn doc_types(sources: &SourceSet, ir: &Ir) -> Vec<DocType> {
    let on_resource_page = |span: Span| sources.get(span.file).path.starts_with("resources/");
    ir.types
        .values()
        .map(|t| {
            // Every field is named, none with `..`: a field added to the IR does not compile
            // here until comparison decides what to do with it, so what check-metadata compares
            // cannot drift from what the IR carries.
            let TypeDef {
                name,
                kind,
                base,
                description: _, // prose: not in the CSDL's shape
                properties,
                members,
                is_flags,
                is_abstract: _, // compared by neither side yet: the docs rarely say it
                is_open: _,     // likewise
                declared_at,
            } = t;
            let properties = properties
                .iter()
                .map(|p| {
                    let Property {
                        name: property_name,
                        ty,
                        collection,
                        navigation,
                        description: _, // prose
                        span,
                    } = p;
                    DocProperty {
                        name: property_name.clone(),
                        type_name: match ty {
                            // A name the docs use but do not define: qualify it as the generator
                            // would, with the page's namespace, so that it can still be compared.
                            TypeRef::Unresolved(text)
                                if !text.is_empty() && !text.contains('.') =>
                            {
                                format!("{}.{text}", name.namespace)
                            }
                            other => other.to_string(),
                        },
                        collection: *collection,
                        navigation: *navigation,
                        from_resource_page: on_resource_page(*span),
                        location: *span,
                    }
                })
                .collect();
            let table_pages = t
                .properties
                .iter()
                .filter(|p| on_resource_page(p.span))
                .map(|p| sources.get(p.span.file).path.clone())
                .collect::<BTreeSet<_>>()
                .into_iter()
                .collect();
            DocType {
                name: name.to_string(),
                kind: match kind {
                    TypeKind::Entity => DocKind::Entity,
                    TypeKind::Complex => DocKind::Complex,
                    TypeKind::Enum => DocKind::Enum,
                },
                base: base.as_ref().map(ToString::to_string),
                properties,
                members: members
                    .iter()
                    .map(|m| {
                        let EnumMember {
                            name,
                            value: _, // the CSDL's values are compared through `is_flags`
                            description: _,
                            span,
                        } = m;
                        DocMember {
                            name: name.clone(),
                            location: *span,
                        }
                    })
                    .collect(),
                is_flags: *is_flags,
                from_resource_page: declared_at.iter().any(|s| on_resource_page(*s)),
                // Every type the IR holds was declared somewhere; the first page stands in
                // should one not be.
                location: declared_at.first().copied().unwrap_or_default(),
                table_pages,
            }
        })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The docs' side, free of the IR.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DocKind {
    Entity,
    Complex,
    Enum,
}

#[derive(Clone, Debug)]
pub struct DocType {
    /// `namespace.name` as the docs spell it.
    pub name: String,
    pub kind: DocKind,
    /// Qualified base type, when the docs name one that they define.
    pub base: Option<String>,
    /// Properties and relationships; empty for enums.
    pub properties: Vec<DocProperty>,
    /// Enum members; empty for other types.
    pub members: Vec<DocMember>,
    pub is_flags: bool,
    /// Declared by a page under `resources/`, not only by operation pages.
    pub from_resource_page: bool,
    /// The first declaration (the resource page's title, when there is one).
    pub location: Span,
    /// Resource pages whose tables list at least one property of this type.
    pub table_pages: Vec<String>,
}

#[derive(Clone, Debug)]
pub struct DocProperty {
    pub name: String,
    /// CSDL spelling: `Edm.String`, `microsoft.graph.assignedLicense`; empty when the docs give
    /// no type.
    pub type_name: String,
    pub collection: bool,
    /// Listed as a relationship (navigation property) rather than a structural property.
    pub navigation: bool,
    /// The row is in a resource page's table (not an update page's request-body table).
    pub from_resource_page: bool,
    pub location: Span,
}

#[derive(Clone, Debug)]
pub struct DocMember {
    pub name: String,
    pub location: Span,
}

// ---------------------------------------------------------------------------------------------
// Comparison.

/// Compares every documented type with the CSDL type of the same name (ignoring ASCII case),
/// then lists what only the CSDL has. The ratios:
/// - `names`: rows of resource pages' tables (properties and relationships) on types the CSDL
///   has, counted as agreeing when the CSDL type or one of its bases has a structural or
///   navigation property of that name (ignoring case). Rows of update pages' request-body
///   tables are compared and reported but not counted, so that the ratio measures the resource
///   pages, as the corpus README's numbers do.
/// - `types`: of the rows `names` found, those whose element type and collection flag agree
///   after normalising spelling (`Edm.` prefix, aliases, case).
/// - `pages`: resource pages with a table of properties, counted as agreeing when their type
///   is an entity or complex type of the CSDL (ignoring case).
///
/// `sources` are the pages the docs' spans point into; the CSDL file comes after them.
pub fn compare(docs: &[DocType], sources: &SourceSet, csdl: &Csdl, coverage: IrCoverage) -> Report {
    let mut report = Report::new(FileId(sources.len() as u32));
    let docs_by_name: BTreeMap<String, &DocType> = docs
        .iter()
        .map(|d| (d.name.to_ascii_lowercase(), d))
        .collect();
    let mut matched = BTreeSet::new();
    for doc in docs {
        let found = csdl.find(&doc.name);
        let structured = match found {
            Some(TypeIndex::Structured(i)) if doc.kind != DocKind::Enum => Some(&csdl.types[i]),
            _ => None,
        };
        for _ in &doc.table_pages {
            report.pages.count(structured.is_some());
        }
        let qualified = match (doc.kind, found) {
            (DocKind::Enum, Some(TypeIndex::Enum(i))) => {
                let declared = sources.location(doc.location);
                compare_members(doc, &declared, &csdl.enums[i], csdl, coverage, &mut report);
                csdl.enums[i].qualified()
            }
            (DocKind::Entity | DocKind::Complex, Some(TypeIndex::Structured(i))) => {
                let ty = &csdl.types[i];
                compare_properties(doc, ty, csdl, &mut report);
                if doc.from_resource_page {
                    let declared = sources.location(doc.location);
                    let known = &docs_by_name;
                    undocumented_properties(doc, &declared, ty, known, csdl, coverage, &mut report);
                }
                ty.qualified()
            }
            (_, found) => {
                let message = match (doc.kind, found) {
                    (DocKind::Enum, Some(TypeIndex::Structured(i))) => format!(
                        "enum type `{}` is documented but is {} type in the CSDL",
                        doc.name,
                        kind_name(csdl.types[i].kind)
                    ),
                    (_, Some(TypeIndex::Enum(_))) => format!(
                        "type `{}` is documented with properties but is an enum type in the CSDL",
                        doc.name
                    ),
                    _ => format!("type `{}` is documented but not in the CSDL", doc.name),
                };
                report.push(Code::MetadataTypeMissing, doc.location, message);
                continue;
            }
        };
        if qualified != doc.name {
            report.push(
                Code::MetadataTypeCaseDiffers,
                doc.location,
                format!("type `{}` is `{qualified}` in the CSDL", doc.name),
            );
        }
        matched.insert(qualified);
    }
    undocumented_types(&matched, csdl, coverage, &mut report);
    report.sort();
    report
}

fn kind_name(kind: StructuredKind) -> &'static str {
    match kind {
        StructuredKind::Entity => "an entity",
        StructuredKind::Complex => "a complex",
    }
}

/// CSDL types that no documented type of the same kind matched.
fn undocumented_types(
    matched: &BTreeSet<String>,
    csdl: &Csdl,
    coverage: IrCoverage,
    report: &mut Report,
) {
    let structured = csdl
        .types
        .iter()
        .map(|t| (t.qualified(), t.line, kind_name(t.kind)));
    let enums = csdl
        .enums
        .iter()
        .filter(|_| coverage.enums)
        .map(|e| (e.qualified(), e.line, "an enum"));
    for (name, line, kind) in structured.chain(enums) {
        if !matched.contains(&name) {
            report.push_csdl(
                Code::MetadataTypeUndocumented,
                csdl,
                line,
                format!("`{name}` is {kind} type in the CSDL but not documented"),
            );
        }
    }
}

/// Documented members against the CSDL enum, both ways, and the flags attribute. `declared`:
/// where the docs declare the enum, as `file:line:col`.
fn compare_members(
    doc: &DocType,
    declared: &str,
    e: &EnumType,
    csdl: &Csdl,
    coverage: IrCoverage,
    report: &mut Report,
) {
    if coverage.flags && doc.is_flags != e.is_flags {
        let (csdl_says, docs_say) = if e.is_flags {
            ("a flags enum", "a plain enum")
        } else {
            ("a plain enum", "a flags enum")
        };
        report.push(
            Code::MetadataTypeMismatch,
            doc.location,
            format!(
                "enum `{}` is {docs_say} in the docs but {csdl_says} in the CSDL",
                doc.name
            ),
        );
    }
    for m in &doc.members {
        let found = e.members.iter().find(|c| c.name == m.name).or_else(|| {
            e.members
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(&m.name))
        });
        match found {
            None => report.push(
                Code::MetadataMemberMissing,
                m.location,
                format!(
                    "member `{}` of enum `{}` is documented but not in the CSDL",
                    m.name, doc.name
                ),
            ),
            Some(c) if c.name != m.name => report.push(
                Code::MetadataMemberCaseDiffers,
                m.location,
                format!(
                    "member `{}` of enum `{}` is `{}` in the CSDL",
                    m.name, doc.name, c.name
                ),
            ),
            Some(_) => {}
        }
    }
    for c in &e.members {
        if !doc
            .members
            .iter()
            .any(|m| m.name.eq_ignore_ascii_case(&c.name))
        {
            report.push_csdl(
                Code::MetadataMemberUndocumented,
                csdl,
                c.line,
                format!(
                    "member `{}` of enum `{}` is in the CSDL but not documented at {}",
                    c.name,
                    e.qualified(),
                    declared
                ),
            );
        }
    }
}

/// Each documented property against the CSDL type and its bases: a table may list inherited
/// properties, and a name found on a base is found.
fn compare_properties(doc: &DocType, ty: &StructuredType, csdl: &Csdl, report: &mut Report) {
    let csdl_properties = csdl.properties_with_bases(ty);
    // Only rows of resource pages count, so the ratios measure what the README's numbers
    // measure; rows of update pages are still compared and reported.
    let counted = |p: &DocProperty| doc.from_resource_page && p.from_resource_page;
    for p in &doc.properties {
        let found = csdl_properties
            .iter()
            .find(|(c, _)| c.name == p.name)
            .or_else(|| {
                csdl_properties
                    .iter()
                    .find(|(c, _)| c.name.eq_ignore_ascii_case(&p.name))
            });
        if counted(p) {
            report.names.count(found.is_some());
        }
        let Some((c, declared_on)) = found else {
            report.push(
                Code::MetadataPropertyMissing,
                p.location,
                format!(
                    "property `{}` of `{}` is documented but not in the CSDL type or its bases",
                    p.name, doc.name
                ),
            );
            continue;
        };
        if c.name != p.name {
            report.push(
                Code::MetadataPropertyCaseDiffers,
                p.location,
                format!(
                    "property `{}` of `{}` is `{}` in the CSDL",
                    p.name, doc.name, c.name
                ),
            );
        }
        let agrees = types_agree(p, &c.ty, csdl);
        if counted(p) {
            report.types.count(agrees);
        }
        if !agrees {
            report.push(
                Code::MetadataTypeMismatch,
                p.location,
                mismatch_message(doc, p, c, declared_on, ty),
            );
        } else if p.navigation != c.navigation {
            // Same type, wrong table: a relationship listed under Properties, or the reverse.
            // Not counted against `types`, which is about the type alone.
            let (docs_say, csdl_says) = if c.navigation {
                ("a property", "a navigation property")
            } else {
                ("a relationship", "a structural property")
            };
            report.push(
                Code::MetadataTypeMismatch,
                p.location,
                format!(
                    "property `{}` of `{}` is {docs_say} in the docs but {csdl_says} in the CSDL",
                    p.name, doc.name
                ),
            );
        }
    }
}

fn mismatch_message(
    doc: &DocType,
    p: &DocProperty,
    c: &CsdlProperty,
    declared_on: &StructuredType,
    ty: &StructuredType,
) -> String {
    let documented = match (p.type_name.is_empty(), p.collection) {
        (true, _) => "untyped".to_owned(),
        (false, true) => format!("Collection({})", p.type_name),
        (false, false) => p.type_name.clone(),
    };
    let inherited = if declared_on.qualified() == ty.qualified() {
        String::new()
    } else {
        format!(" (declared on `{}`)", declared_on.qualified())
    };
    format!(
        "property `{}` of `{}` is {documented} in the docs but {} in the CSDL{inherited}",
        p.name, doc.name, c.ty
    )
}

/// Same element type (after normalising spelling) and same collection flag.
fn types_agree(p: &DocProperty, csdl_type: &TypeName, csdl: &Csdl) -> bool {
    p.collection == csdl_type.collection
        && !p.type_name.is_empty()
        && normalise(&p.type_name, csdl) == normalise(&csdl_type.element, csdl)
}

/// One spelling per type: aliases replaced by namespaces, a bare primitive name given its `Edm.`
/// prefix, and lower case (the docs write `string` and `microsoft.graph.Identity`).
fn normalise(name: &str, csdl: &Csdl) -> String {
    let name = name.trim();
    let resolved = if name.contains('.') {
        csdl.resolve_alias(name)
    } else {
        format!("Edm.{name}")
    };
    resolved.to_ascii_lowercase()
}

/// CSDL properties declared on `ty` itself that the docs list neither on the type nor on its
/// documented bases. Inherited CSDL properties are reported on the base that declares them.
/// `declared`: where the docs declare the type, as `file:line:col`.
fn undocumented_properties(
    doc: &DocType,
    declared: &str,
    ty: &StructuredType,
    docs_by_name: &BTreeMap<String, &DocType>,
    csdl: &Csdl,
    coverage: IrCoverage,
    report: &mut Report,
) {
    let mut documented = BTreeSet::new();
    let mut visited = BTreeSet::new();
    let mut current = Some(doc);
    while let Some(d) = current {
        if !visited.insert(d.name.to_ascii_lowercase()) {
            break; // a base cycle in the docs
        }
        documented.extend(d.properties.iter().map(|p| p.name.to_ascii_lowercase()));
        current = d
            .base
            .as_ref()
            .and_then(|b| docs_by_name.get(&b.to_ascii_lowercase()).copied());
    }
    for c in &ty.properties {
        if c.navigation && !coverage.navigation {
            continue;
        }
        if !documented.contains(&c.name.to_ascii_lowercase()) {
            let what = if c.navigation {
                "navigation property"
            } else {
                "property"
            };
            report.push_csdl(
                Code::MetadataPropertyUndocumented,
                csdl,
                c.line,
                format!(
                    "{what} `{}` of `{}` is in the CSDL but not documented at {}",
                    c.name,
                    ty.qualified(),
                    declared
                ),
            );
        }
    }
}
