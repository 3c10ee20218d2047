//! The URL space the docs define, for [`super::address::resolve`]: entity sets and singletons
//! inferred from the operations rooted at them, properties from the Properties and
//! Relationships tables (inherited ones included), casts to derived types, and bound actions
//! and functions from the pages that document them.

use super::address::{
    resolve, SpaceOperation, SpaceProperty, Unresolved, UnresolvedReason, UrlSpace,
};
use super::graph::{all_properties, TypeGraph};
use crate::ir::{
    Addressed, Body, Ir, Operation, PathPiece, PathTemplate, Property, QualifiedName, TypeKind,
    TypeRef,
};
use crate::source::SourceSet;
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};

pub struct DocsSpace<'a> {
    ir: &'a Ir,
    graph: &'a TypeGraph,
    /// Each type's properties, inherited ones included, by lower-cased name (the first of a
    /// case-insensitive clash wins, as a scan in declaration order would find it). Built once:
    /// resolving the corpus asks for a property of every derived type of `entity` on each
    /// segment that misses, and walking the base chain each time was a sixth of a run.
    properties: HashMap<&'a QualifiedName, HashMap<String, &'a Property>>,
    /// Lower-cased root name → its type and whether it is an entity set.
    roots: BTreeMap<String, (QualifiedName, bool)>,
    /// Lower-cased qualified name → the declared name.
    types: BTreeMap<String, QualifiedName>,
    /// (binding type, bound to a collection, lower-cased name) → the operation.
    operations: BTreeMap<(QualifiedName, bool, String), SpaceOperation>,
    /// (type, lower-cased name) → a navigation property that the type's page does not list
    /// but an operation page addresses (`POST /lists/{id}/items` creating a `listItem`).
    learned: BTreeMap<(QualifiedName, String), SpaceProperty>,
    /// While learning, a page's last segment is its own until shown otherwise, not a key.
    learning: bool,
}

/// What a page's path reveals at the segment that does not resolve.
enum Learned {
    Operation(SpaceOperation),
    Navigation(SpaceProperty),
}

impl<'a> DocsSpace<'a> {
    /// Infers the roots, then learns each page's own bound operation: the segment that ends its
    /// path and is no property of what precedes it.
    pub fn new(ir: &'a Ir, graph: &'a TypeGraph, sources: &SourceSet) -> DocsSpace<'a> {
        let types = ir
            .types
            .keys()
            .map(|q| (q.to_string().to_ascii_lowercase(), q.clone()))
            .collect();
        let properties = ir
            .types
            .iter()
            .map(|(q, def)| {
                let mut by_name = HashMap::new();
                for p in all_properties(ir, def) {
                    by_name.entry(p.name.to_ascii_lowercase()).or_insert(p);
                }
                (q, by_name)
            })
            .collect();
        let mut space = DocsSpace {
            ir,
            graph,
            properties,
            roots: BTreeMap::new(),
            types,
            operations: BTreeMap::new(),
            learned: BTreeMap::new(),
            learning: true,
        };
        space.roots = infer_roots(ir);
        // Twice: what one page teaches (a function returning a range) lets a later path reach
        // the segment another page documents.
        for _ in 0..2 {
            let mut operations: BTreeMap<_, (bool, SpaceOperation)> = BTreeMap::new();
            let mut learned = BTreeMap::new();
            // A pass reads the space as the pass before left it, so its lines resolve in
            // parallel; what they teach is then taken in page order.
            let space_now = &space;
            let unresolved: Vec<Vec<(usize, Unresolved)>> = ir
                .operations
                .par_iter()
                .map(|op| {
                    (op.lines.iter().enumerate())
                        .filter_map(|(i, line)| {
                            Some((i, resolve(space_now, line.path.as_ref()?).err()?))
                        })
                        .collect()
                })
                .collect();
            for (op, unresolved) in ir.operations.iter().zip(unresolved) {
                let stem = page_stem(sources, op);
                for (i, unresolved) in unresolved {
                    let line = &op.lines[i];
                    let path = line.path.as_ref().expect("only lines with a path resolve");
                    match own_segment(op, &line.method, path, &unresolved) {
                        Some((key, Learned::Operation(bound))) => {
                            // Several pages may call one action (`reply` on the page of an
                            // extended property); the one named for it documents what it returns.
                            let named_for_it = stem == key.2;
                            match operations.get(&key) {
                                Some((true, _)) => {}
                                Some((false, _)) if !named_for_it => {}
                                _ => {
                                    operations.insert(key, (named_for_it, bound));
                                }
                            }
                        }
                        Some(((ty, _, name), Learned::Navigation(property))) => {
                            let named_for_it = stem == name;
                            match learned.get(&(ty.clone(), name.clone())) {
                                Some((true, _)) => {}
                                Some((false, _)) if !named_for_it => {}
                                _ => {
                                    learned.insert((ty, name), (named_for_it, property));
                                }
                            }
                        }
                        None => {}
                    }
                }
            }
            // A page that posts a model to a segment it is not named for (an extended
            // property's page posting to `…/posts/{id}/reply`) says nothing of what that
            // segment is when the page named for it documents an action there.
            learned.retain(|(ty, name), (named_for_it, _)| {
                *named_for_it
                    || !matches!(
                        operations.get(&(ty.clone(), false, name.clone())),
                        Some((true, _))
                    )
            });
            space
                .operations
                .extend(operations.into_iter().map(|(k, (_, bound))| (k, bound)));
            space
                .learned
                .extend(learned.into_iter().map(|(k, (_, property))| (k, property)));
        }
        space.learning = false;
        space
    }

    fn lookup_type(&self, name: &str) -> Option<&QualifiedName> {
        self.types.get(&name.to_ascii_lowercase())
    }

    /// The type and its base types, most derived first.
    fn chain(&self, ty: &QualifiedName) -> Vec<&'a QualifiedName> {
        let mut chain = Vec::new();
        let mut current = self.ir.types.get(ty);
        while let Some(def) = current {
            if chain.contains(&&def.name) {
                break;
            }
            chain.push(&def.name);
            current = def.base.as_ref().and_then(|b| self.ir.types.get(b));
        }
        chain
    }
}

impl UrlSpace for DocsSpace<'_> {
    fn root(&self, name: &str) -> Option<(QualifiedName, bool)> {
        self.roots.get(&name.to_ascii_lowercase()).cloned()
    }

    fn property(&self, ty: &QualifiedName, name: &str) -> Option<SpaceProperty> {
        let lower = name.to_ascii_lowercase();
        let own = |q: &QualifiedName| {
            self.properties.get(q)?.get(&lower).map(|p| SpaceProperty {
                name: p.name.clone(),
                ty: p.ty.clone(),
                collection: p.collection,
                navigation: p.navigation,
            })
        };
        let learned = |q: &QualifiedName| self.learned.get(&(q.clone(), lower.clone())).cloned();
        own(ty)
            .or_else(|| self.chain(ty).into_iter().find_map(learned))
            .or_else(|| {
                // Docs often reach a derived type's property without the cast OData wants.
                self.graph.derived.get(ty)?.iter().find_map(own)
            })
    }

    fn cast(&self, from: &QualifiedName, name: &str) -> Option<QualifiedName> {
        let to = self.lookup_type(name)?;
        self.graph.is_or_derives(to, from).then(|| to.clone())
    }

    fn literal_keys(&self) -> bool {
        !self.learning
    }

    fn operation(
        &self,
        ty: &QualifiedName,
        collection: bool,
        name: &str,
    ) -> Option<SpaceOperation> {
        let name = name.to_ascii_lowercase();
        self.chain(ty).into_iter().find_map(|q| {
            self.operations
                .get(&(q.clone(), collection, name.clone()))
                .cloned()
        })
    }
}

/// The lower-cased last word of the page's file name (`post-reply.md` → `reply`), which names
/// the action or function an API page documents.
fn page_stem(sources: &SourceSet, op: &Operation) -> String {
    let stem = sources.get(op.page).stem();
    stem.rsplit('-').next().unwrap_or(stem).to_ascii_lowercase()
}

/// What a page documents at the segment where its own path stops resolving: that segment is
/// its last (or comes before `$value` or `content`), or is followed only by a key. A segment
/// followed by a key, or one that a create posts a model to, is a navigation property the
/// type's page does not list; any other is the page's bound action or function. A delta
/// function returns the collection it is bound to; anything else returns what the page says.
fn own_segment(
    op: &Operation,
    method: &str,
    path: &PathTemplate,
    unresolved: &Unresolved,
) -> Option<((QualifiedName, bool, String), Learned)> {
    if unresolved.reason != UnresolvedReason::UnknownSegment {
        return None;
    }
    let trailing = &path.segments[unresolved.segment + 1..];
    let keyed =
        matches!(trailing, [key] if matches!(key.pieces.as_slice(), [PathPiece::Parameter(_)]));
    let terminal = trailing.iter().all(|s| {
        matches!(s.pieces.as_slice(), [PathPiece::Literal(l)] if l == "$value" || l == "content" || l == "$count")
    });
    let (binding, collection) = match &unresolved.on {
        Addressed::Value {
            ty: TypeRef::Named(binding),
            collection,
        }
        | Addressed::Operation {
            returns: Some((TypeRef::Named(binding), collection)),
            ..
        } => (binding, collection),
        _ => return None,
    };
    if !terminal && !keyed {
        return None;
    }
    let text = path.segments[unresolved.segment].text();
    let (head, has_args) = match crate::lower::http::call_parts(&text) {
        Some((head, _)) => (head, true),
        None => (text.as_str(), false),
    };
    let name = head.rsplit('.').next().unwrap_or(head).to_owned();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let key = (binding.clone(), *collection, name.to_ascii_lowercase());
    let documented = op
        .documented_response
        .as_ref()
        .and_then(|r| Some((r.ty.clone()?, r.collection)));
    let created = match (&op.body, method) {
        (Some(Body::Model(q)), "POST") if trailing.is_empty() => Some(TypeRef::Named(q.clone())),
        _ => None,
    };
    let member = match (keyed, &documented) {
        (true, Some((ty, false))) => Some(ty.clone()),
        (true, _) => match &op.body {
            Some(Body::Model(q)) => Some(TypeRef::Named(q.clone())),
            _ => None,
        },
        (false, _) => created,
    };
    if let (Some(ty), false) = (member, *collection || has_args) {
        return Some((
            key,
            Learned::Navigation(SpaceProperty {
                name,
                ty,
                collection: true,
                navigation: true,
            }),
        ));
    }
    let is_delta = name.eq_ignore_ascii_case("delta");
    let reads_one_member = method == "GET"
        && !is_delta
        && *collection
        && !has_args
        && match &documented {
            None => true,
            Some((TypeRef::Named(q), false)) => q == binding,
            Some(_) => false,
        };
    if keyed || reads_one_member {
        return None;
    }
    let returns = if is_delta {
        Some((TypeRef::Named(binding.clone()), true))
    } else {
        documented
    };
    Some((
        key,
        Learned::Operation(SpaceOperation {
            name,
            function: method == "GET" || has_args,
            returns,
        }),
    ))
}

/// Entity sets and singletons, from what the operations rooted at each read and write:
/// `GET /users` answering a collection of `user` makes `users` an entity set of `user`;
/// `PATCH /organization` sending `organization` makes a singleton. A root no such operation
/// types is the type of its own name (`directory`, `user` for `users`, `reportRoot` for
/// `reports`), or else the one type that has every property the paths under it name. `me` is
/// the signed-in user.
fn infer_roots(ir: &Ir) -> BTreeMap<String, (QualifiedName, bool)> {
    // Per root: votes for (type, entity set), the spelling first seen, whether a key follows
    // it, and the literal second segments.
    #[derive(Default)]
    struct Evidence {
        votes: BTreeMap<(QualifiedName, bool), usize>,
        keyed: bool,
        children: Vec<String>,
    }
    let mut roots: BTreeMap<String, Evidence> = BTreeMap::new();
    for op in &ir.operations {
        for line in &op.lines {
            let Some(path) = &line.path else { continue };
            let Some(first) = path.segments.first() else {
                continue;
            };
            let [PathPiece::Literal(name)] = first.pieces.as_slice() else {
                continue;
            };
            let evidence = roots.entry(name.to_ascii_lowercase()).or_default();
            let second = path.segments.get(1).map(|s| s.pieces.as_slice());
            let keyed = matches!(second, Some([PathPiece::Parameter(_)]));
            evidence.keyed |= keyed;
            if let Some([PathPiece::Literal(child)]) = second {
                evidence.children.push(child.clone());
            }
            let response = op.documented_response.as_ref().and_then(|r| match &r.ty {
                Some(TypeRef::Named(q)) => Some((q.clone(), r.collection)),
                _ => None,
            });
            let body = match &op.body {
                Some(Body::Model(q)) => Some(q.clone()),
                _ => None,
            };
            let vote = match (path.segments.len(), keyed, line.method.as_str()) {
                (1, _, "GET") => response,
                (1, _, "POST") => body.map(|q| (q, true)),
                (1, _, "PATCH" | "PUT") => body.map(|q| (q, false)),
                (2, true, "GET") => response.filter(|r| !r.1).map(|(q, _)| (q, true)),
                (2, true, "PATCH" | "PUT") => body.map(|q| (q, true)),
                _ => None,
            };
            if let Some(vote) = vote {
                *evidence.votes.entry(vote).or_default() += 1;
            }
        }
    }
    let by_lower: BTreeMap<String, &QualifiedName> = ir
        .types
        .iter()
        .filter(|(_, d)| d.kind != TypeKind::Enum)
        .map(|(q, _)| (q.name.to_ascii_lowercase(), q))
        .collect();
    roots
        .into_iter()
        .filter_map(|(name, evidence)| {
            if name == "me" {
                if let Some(user) = by_lower.get("user") {
                    return Some((name, ((*user).clone(), false)));
                }
            }
            // Most votes wins; ties go to the first in name order, so the choice is stable.
            let voted = evidence
                .votes
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map(|(v, _)| v.clone());
            let named = || {
                let singular = name
                    .strip_suffix("ies")
                    .map(|s| format!("{s}y"))
                    .or_else(|| name.strip_suffix('s').map(str::to_owned));
                [Some(name.clone()), singular, Some(format!("{name}root"))]
                    .into_iter()
                    .flatten()
                    .find_map(|n| by_lower.get(&n).map(|q| ((*q).clone(), evidence.keyed)))
            };
            let by_children = || {
                let mut candidates = ir.types.values().filter(|d| {
                    d.kind != TypeKind::Enum
                        && !evidence.children.is_empty()
                        && evidence.children.iter().all(|c| {
                            all_properties(ir, d)
                                .iter()
                                .any(|p| p.name.eq_ignore_ascii_case(c))
                        })
                });
                let first = candidates.next()?;
                candidates
                    .next()
                    .is_none()
                    .then(|| (first.name.clone(), false))
            };
            let root = voted.or_else(named).or_else(by_children)?;
            Some((name, root))
        })
        .collect()
}
