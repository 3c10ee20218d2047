//! Reads OData CSDL metadata (an EDMX XML document, as Graph publishes it) into a small model:
//! schemas, entity and complex types with their properties, and enum types, each with the line
//! it is declared on. Type references are stored with aliases already replaced by namespaces, so
//! that comparison never has to know that `graph.user` and `microsoft.graph.user` are one type.

use generator::SourceFile;
use std::collections::BTreeMap;
use std::ops::Range;

/// The EDMX document, read.
#[derive(Debug)]
pub struct Csdl {
    /// The file, its path as named on the command line: diagnostics about CSDL-only items point
    /// into it.
    pub source: SourceFile,
    pub schemas: Vec<Schema>,
    pub types: Vec<StructuredType>,
    pub enums: Vec<EnumType>,
    /// Entity sets and singletons of the entity container: the roots of the URL space.
    pub roots: Vec<Root>,
    /// Bound actions and functions.
    pub operations: Vec<BoundOperation>,
    /// Lower-cased `namespace.name` of every type and enum, for case-insensitive lookup.
    index: BTreeMap<String, TypeIndex>,
    /// Alias → namespace, for every schema that declares an alias.
    aliases: BTreeMap<String, String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeIndex {
    Structured(usize),
    Enum(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Schema {
    pub namespace: String,
    pub alias: Option<String>,
    pub line: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StructuredKind {
    Entity,
    Complex,
}

/// An `EntityType` or a `ComplexType`.
#[derive(Debug, Clone)]
pub struct StructuredType {
    pub kind: StructuredKind,
    pub namespace: String,
    pub name: String,
    /// Qualified with a namespace (never an alias).
    pub base: Option<String>,
    pub is_abstract: bool,
    pub open: bool,
    pub properties: Vec<CsdlProperty>,
    pub line: usize,
}

impl StructuredType {
    pub fn qualified(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsdlProperty {
    pub name: String,
    pub ty: TypeName,
    /// A `NavigationProperty` (a relationship) rather than a structural `Property`.
    pub navigation: bool,
    pub line: usize,
}

/// A property's type: `Edm.String`, or `namespace.name` with any alias resolved, and whether it
/// was written `Collection(…)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeName {
    pub element: String,
    pub collection: bool,
}

impl std::fmt::Display for TypeName {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.collection {
            write!(f, "Collection({})", self.element)
        } else {
            f.write_str(&self.element)
        }
    }
}

/// An `EntitySet` (a collection) or a `Singleton` of the entity container.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    pub name: String,
    /// Qualified, alias resolved.
    pub ty: String,
    pub collection: bool,
    pub line: usize,
}

/// A bound `Action` or `Function`: its binding parameter's type, its other parameters and
/// its return type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BoundOperation {
    pub name: String,
    pub function: bool,
    pub binding: TypeName,
    /// Names of the parameters after the binding one.
    pub parameters: Vec<String>,
    pub returns: Option<TypeName>,
    pub line: usize,
}

#[derive(Debug, Clone)]
pub struct EnumType {
    pub namespace: String,
    pub name: String,
    pub is_flags: bool,
    pub members: Vec<CsdlMember>,
    pub line: usize,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CsdlMember {
    pub name: String,
    pub value: Option<i64>,
    pub line: usize,
}

impl EnumType {
    pub fn qualified(&self) -> String {
        format!("{}.{}", self.namespace, self.name)
    }
}

impl Csdl {
    /// The text of `line` (1-based) without its indentation and line break: where an element
    /// declared on that line starts, to the end of the line.
    pub fn line_range(&self, line: usize) -> Range<usize> {
        let file = &self.source;
        let starts = file.line_starts();
        let start = starts[line.saturating_sub(1).min(starts.len() - 1)];
        let end = starts.get(line).map_or(file.text.len(), |next| next - 1);
        let indent = file.text[start..end].len() - file.text[start..end].trim_start().len();
        start + indent..end
    }

    /// Parses EDMX text. `label` names the file in messages. Data shapes, the entity container's
    /// sets and singletons, and bound actions and functions are read; annotations are not.
    pub fn parse(label: &str, text: &str) -> Result<Csdl, String> {
        let doc = roxmltree::Document::parse(text).map_err(|e| format!("{label}: {e}"))?;
        // roxmltree's own `text_pos_at` rescans the text from the start on each call, which is
        // quadratic over thousands of elements; a line index makes each lookup a binary search.
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let line_of =
            |node: roxmltree::Node| line_starts.partition_point(|&s| s <= node.range().start);

        // Element names are matched by local name only: EDMX 4.0 and 4.01 use different XML
        // namespaces for the same elements, and nothing else in the document shares these names.
        let is = |node: &roxmltree::Node, name: &str| {
            node.is_element() && node.tag_name().name() == name
        };
        let schema_nodes: Vec<_> = doc.descendants().filter(|n| is(n, "Schema")).collect();

        let mut csdl = Csdl {
            source: SourceFile::new(label, text),
            schemas: Vec::new(),
            types: Vec::new(),
            enums: Vec::new(),
            roots: Vec::new(),
            operations: Vec::new(),
            index: BTreeMap::new(),
            aliases: BTreeMap::new(),
        };
        for node in &schema_nodes {
            let namespace = node
                .attribute("Namespace")
                .ok_or_else(|| format!("{label}:{}: Schema without a Namespace", line_of(*node)))?;
            csdl.schemas.push(Schema {
                namespace: namespace.to_owned(),
                alias: node.attribute("Alias").map(str::to_owned),
                line: line_of(*node),
            });
        }
        // An alias declared on any schema may be used throughout the document, so all aliases
        // are collected before any type reference is resolved.
        csdl.aliases = csdl
            .schemas
            .iter()
            .filter_map(|s| Some((s.alias.clone()?, s.namespace.clone())))
            .collect();
        let aliases = csdl.aliases.clone();

        for node in &schema_nodes {
            let namespace = node.attribute("Namespace").unwrap_or_default().to_owned();
            for child in node.children().filter(|c| c.is_element()) {
                let kind = match child.tag_name().name() {
                    "EntityContainer" => {
                        for member in child.children().filter(|c| c.is_element()) {
                            let (attribute, collection) = match member.tag_name().name() {
                                "EntitySet" => ("EntityType", true),
                                "Singleton" => ("Type", false),
                                _ => continue,
                            };
                            csdl.roots.push(Root {
                                name: required(&member, "Name", label, line_of(member))?,
                                ty: resolve_alias(
                                    &required(&member, attribute, label, line_of(member))?,
                                    &aliases,
                                ),
                                collection,
                                line: line_of(member),
                            });
                        }
                        continue;
                    }
                    name @ ("Action" | "Function") => {
                        if child.attribute("IsBound") != Some("true") {
                            continue;
                        }
                        let mut parameters = child.children().filter(|p| is(p, "Parameter"));
                        let Some(binding) = parameters.next() else {
                            continue;
                        };
                        csdl.operations.push(BoundOperation {
                            name: required(&child, "Name", label, line_of(child))?,
                            function: name == "Function",
                            binding: type_name(
                                &required(&binding, "Type", label, line_of(binding))?,
                                &aliases,
                            ),
                            parameters: parameters
                                .filter_map(|p| p.attribute("Name").map(str::to_owned))
                                .collect(),
                            returns: child
                                .children()
                                .find(|r| is(r, "ReturnType"))
                                .and_then(|r| r.attribute("Type"))
                                .map(|t| type_name(t, &aliases)),
                            line: line_of(child),
                        });
                        continue;
                    }
                    "EntityType" => StructuredKind::Entity,
                    "ComplexType" => StructuredKind::Complex,
                    "EnumType" => {
                        csdl.enums.push(EnumType {
                            namespace: namespace.clone(),
                            name: required(&child, "Name", label, line_of(child))?,
                            is_flags: child.attribute("IsFlags") == Some("true"),
                            members: child
                                .children()
                                .filter(|m| is(m, "Member"))
                                .map(|m| {
                                    Ok(CsdlMember {
                                        name: required(&m, "Name", label, line_of(m))?,
                                        value: m.attribute("Value").and_then(|v| v.parse().ok()),
                                        line: line_of(m),
                                    })
                                })
                                .collect::<Result<_, String>>()?,
                            line: line_of(child),
                        });
                        continue;
                    }
                    _ => continue,
                };
                let mut properties = Vec::new();
                for p in child.children().filter(|c| c.is_element()) {
                    let navigation = match p.tag_name().name() {
                        "Property" => false,
                        "NavigationProperty" => true,
                        _ => continue,
                    };
                    let ty = required(&p, "Type", label, line_of(p))?;
                    properties.push(CsdlProperty {
                        name: required(&p, "Name", label, line_of(p))?,
                        ty: type_name(&ty, &aliases),
                        navigation,
                        line: line_of(p),
                    });
                }
                csdl.types.push(StructuredType {
                    kind,
                    namespace: namespace.clone(),
                    name: required(&child, "Name", label, line_of(child))?,
                    base: child
                        .attribute("BaseType")
                        .map(|b| resolve_alias(b, &aliases)),
                    is_abstract: child.attribute("Abstract") == Some("true"),
                    open: child.attribute("OpenType") == Some("true"),
                    properties,
                    line: line_of(child),
                });
            }
        }
        for (i, t) in csdl.types.iter().enumerate() {
            csdl.index
                .entry(t.qualified().to_ascii_lowercase())
                .or_insert(TypeIndex::Structured(i));
        }
        for (i, e) in csdl.enums.iter().enumerate() {
            csdl.index
                .entry(e.qualified().to_ascii_lowercase())
                .or_insert(TypeIndex::Enum(i));
        }
        Ok(csdl)
    }

    /// `qualified` with a leading alias (`graph.`) replaced by its namespace.
    pub fn resolve_alias(&self, qualified: &str) -> String {
        resolve_alias(qualified, &self.aliases)
    }

    /// The type or enum named `qualified`, ignoring ASCII case (docs and CSDL disagree on case).
    pub fn find(&self, qualified: &str) -> Option<TypeIndex> {
        self.index.get(&qualified.to_ascii_lowercase()).copied()
    }

    /// The structured type named `qualified`, ignoring ASCII case.
    pub fn structured(&self, qualified: &str) -> Option<&StructuredType> {
        match self.find(qualified)? {
            TypeIndex::Structured(i) => Some(&self.types[i]),
            TypeIndex::Enum(_) => None,
        }
    }

    /// The properties of `ty` and of its base types, nearest first, each with the type that
    /// declares it. A base cycle or a missing base ends the walk rather than failing it.
    pub fn properties_with_bases<'a>(
        &'a self,
        ty: &'a StructuredType,
    ) -> Vec<(&'a CsdlProperty, &'a StructuredType)> {
        let mut out = Vec::new();
        let mut seen = Vec::new();
        let mut current = Some(ty);
        while let Some(t) = current {
            if seen.contains(&t.qualified()) {
                break;
            }
            seen.push(t.qualified());
            out.extend(t.properties.iter().map(|p| (p, t)));
            current = t.base.as_deref().and_then(|b| self.structured(b));
        }
        out
    }
}

fn required(
    node: &roxmltree::Node,
    attribute: &str,
    label: &str,
    line: usize,
) -> Result<String, String> {
    node.attribute(attribute).map(str::to_owned).ok_or_else(|| {
        format!(
            "{label}:{line}: <{}> without a {attribute} attribute",
            node.tag_name().name()
        )
    })
}

/// `Collection(graph.x)` → element `microsoft.graph.x`, collection.
pub fn type_name(text: &str, aliases: &BTreeMap<String, String>) -> TypeName {
    let text = text.trim();
    match text
        .strip_prefix("Collection(")
        .and_then(|t| t.strip_suffix(')'))
    {
        Some(inner) => TypeName {
            element: resolve_alias(inner.trim(), aliases),
            collection: true,
        },
        None => TypeName {
            element: resolve_alias(text, aliases),
            collection: false,
        },
    }
}

/// Replaces a leading alias (`graph.`) with its namespace. Aliases are simple identifiers, so
/// only the part before the first dot can be one.
pub fn resolve_alias(qualified: &str, aliases: &BTreeMap<String, String>) -> String {
    match qualified.split_once('.') {
        Some((head, rest)) => match aliases.get(head) {
            Some(namespace) => format!("{namespace}.{rest}"),
            None => qualified.to_owned(),
        },
        None => qualified.to_owned(),
    }
}
