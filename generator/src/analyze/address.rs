//! Resolves a request path as OData resolves a URL against its metadata: the first segment names
//! an entity set or singleton, and each later segment a key, a property, a type cast, a bound
//! action or function, or one of `$value`, `$ref`, `$count`; OneDrive's `root:/{path}:` names a
//! drive item by its path. The metadata is anything that implements [`UrlSpace`]: the documented
//! types (`docs_space.rs`), or a CSDL file (`cargo xtask check-metadata`), so both sides of that
//! comparison resolve paths by the same rules.

use crate::ir::{
    Address, AddressStep, Addressed, PathPiece, PathSegment, PathTemplate, Primitive,
    QualifiedName, Step, TypeRef,
};

/// A property as a [`UrlSpace`] knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpaceProperty {
    /// The name as declared (the path may spell it in another case).
    pub name: String,
    pub ty: TypeRef,
    pub collection: bool,
    pub navigation: bool,
}

/// A bound action or function as a [`UrlSpace`] knows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpaceOperation {
    pub name: String,
    pub function: bool,
    /// What it returns, and whether that is a collection; `None` for an action without a result.
    pub returns: Option<(TypeRef, bool)>,
}

/// The metadata a path is resolved against. Names are matched ignoring ASCII case, as Graph
/// matches them.
pub trait UrlSpace {
    /// The entity set (`true`: a collection) or singleton named `name`, and its type.
    fn root(&self, name: &str) -> Option<(QualifiedName, bool)>;
    /// A property of `ty`, its base types, or failing those one of its derived types.
    fn property(&self, ty: &QualifiedName, name: &str) -> Option<SpaceProperty>;
    /// The type `name` (qualified) when it is `from` or derives from it.
    fn cast(&self, from: &QualifiedName, name: &str) -> Option<QualifiedName>;
    /// A bound action or function named `name` (unqualified) that applies to a value of `ty`
    /// (a collection of them when `collection`).
    fn operation(&self, ty: &QualifiedName, collection: bool, name: &str)
        -> Option<SpaceOperation>;
    /// Whether an unknown literal after a collection may be read as a key (`inbox` in
    /// `/me/mailFolders/inbox`).
    fn literal_keys(&self) -> bool {
        true
    }
}

/// Why a path does not resolve.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unresolved {
    /// Index of the segment that names nothing.
    pub segment: usize,
    /// What was addressed before that segment (`Nothing` for an unknown root).
    pub on: Addressed,
    pub reason: UnresolvedReason,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum UnresolvedReason {
    /// No entity set or singleton has that name.
    UnknownRoot,
    /// Neither a property, a cast, a bound operation nor a key of what came before.
    UnknownSegment,
    /// A key (`{id}`) applied to something that is not a collection.
    KeyOnSingle,
    /// Something after `$value`, `$count` or a primitive value, which address no further.
    PastTheEnd,
}

impl Unresolved {
    /// The segment's text and what it was applied to, for messages.
    pub fn describe(&self, path: &PathTemplate) -> String {
        let text = path
            .segments
            .get(self.segment)
            .map(crate::ir::PathSegment::text)
            .unwrap_or_default();
        let on = match &self.on {
            Addressed::Value {
                ty,
                collection: true,
            } => format!("a collection of `{ty}`"),
            Addressed::Value { ty, .. } => format!("`{ty}`"),
            Addressed::Operation {
                returns: Some((ty, collection)),
                ..
            } => {
                let what = if *collection {
                    format!("a collection of `{ty}`")
                } else {
                    format!("`{ty}`")
                };
                format!("what the operation before it returns ({what})")
            }
            Addressed::Operation { returns: None, .. } => {
                "an operation that returns nothing".into()
            }
            Addressed::Bytes => "raw bytes".into(),
            Addressed::Count => "a count".into(),
            Addressed::Reference { .. } => "a reference".into(),
            Addressed::Nothing => "nothing".into(),
        };
        match self.reason {
            UnresolvedReason::UnknownRoot => {
                format!("`{text}` is no documented entity set or singleton")
            }
            UnresolvedReason::UnknownSegment => {
                format!("`{text}` is no property, type cast, bound action or function of {on}")
            }
            UnresolvedReason::KeyOnSingle => {
                format!("key `{text}` applied to {on}, which is not a collection")
            }
            UnresolvedReason::PastTheEnd => format!("`{text}` follows {on}, which has no parts"),
        }
    }
}

/// Whether a segment is only a parameter (`{id}`), ignoring a trailing `:`.
fn is_parameter(segment: &PathSegment) -> bool {
    match segment.pieces.as_slice() {
        [PathPiece::Parameter(_)] => true,
        [PathPiece::Parameter(_), PathPiece::Literal(colon)] => colon == ":",
        _ => false,
    }
}

/// Resolves every segment of `path` against `space`.
pub fn resolve(space: &impl UrlSpace, path: &PathTemplate) -> Result<Address, Unresolved> {
    let mut steps: Vec<AddressStep> = Vec::new();
    let mut at = Addressed::Nothing;
    let mut index = 0;
    let segments = &path.segments;
    while index < segments.len() {
        let segment = &segments[index];
        let text = segment.text();
        // `/childFolders/{id}/.../messages`: the docs' way of saying "nested as deep as you
        // like"; what is addressed stays the same.
        if text == "..." && index > 0 {
            index += 1;
            continue;
        }
        // `root:` or `{item-id}:` starts OneDrive path addressing; the path runs to the next
        // segment that ends with `:`, or to the end.
        let (text, opens_item_path) = match text.strip_suffix(':') {
            Some(t) => (t.to_owned(), true),
            None => (text, false),
        };
        let segment_index = index;
        let fail = |reason, on: &Addressed| Unresolved {
            segment: segment_index,
            on: on.clone(),
            reason,
        };
        let mut push = |step: Step, at: &mut Addressed| {
            steps.push(AddressStep {
                segment: segment_index,
                step,
            });
            *at = Address {
                steps: steps.clone(),
            }
            .target();
        };
        if index == 0 {
            let (ty, collection) = space
                .root(&text)
                .ok_or_else(|| fail(UnresolvedReason::UnknownRoot, &at))?;
            push(
                Step::Root {
                    name: text.clone(),
                    ty,
                    collection,
                },
                &mut at,
            );
        } else {
            let step = next_step(space, segment, &text, &at).map_err(|reason| fail(reason, &at))?;
            for s in step {
                push(s, &mut at);
            }
        }
        index += 1;
        if opens_item_path {
            push(Step::ItemPath, &mut at);
            while index < segments.len() {
                let closes = segments[index].before_colon().is_some();
                index += 1;
                if closes {
                    break;
                }
            }
        }
    }
    Ok(Address { steps })
}

/// The steps one segment (after the root) adds to what is addressed so far.
fn next_step(
    space: &impl UrlSpace,
    segment: &PathSegment,
    text: &str,
    at: &Addressed,
) -> Result<Vec<Step>, UnresolvedReason> {
    let (ty, collection) = match at {
        Addressed::Value {
            ty: TypeRef::Named(q),
            collection,
        } => (q, *collection),
        Addressed::Operation {
            returns: Some((TypeRef::Named(q), collection)),
            ..
        } => (q, *collection),
        _ => return Err(UnresolvedReason::PastTheEnd),
    };
    match text {
        "$value" => return Ok(vec![Step::Value]),
        "$ref" => return Ok(vec![Step::Ref]),
        "$count" if collection => return Ok(vec![Step::Count]),
        _ => {}
    }
    if is_parameter(segment) {
        return if collection {
            Ok(vec![Step::Key])
        } else {
            Err(UnresolvedReason::KeyOnSingle)
        };
    }
    // `name(args)`: a function's parameters, or a key in parentheses.
    let (head, args) = match crate::lower::http::call_parts(text) {
        Some((head, inner)) => (head, Some(inner)),
        None => (text, None),
    };
    if head.contains('.') {
        if let Some(cast) = space.cast(ty, head) {
            return Ok(vec![Step::Cast { ty: cast }]);
        }
    }
    let unqualified = head.rsplit('.').next().unwrap_or(head);
    if !collection {
        if let Some(p) = space.property(ty, unqualified) {
            let keyed = args.is_some() && p.collection;
            let mut steps = vec![Step::Property {
                name: p.name,
                ty: p.ty,
                collection: p.collection,
                navigation: p.navigation,
            }];
            if keyed {
                steps.push(Step::Key);
            }
            return Ok(steps);
        }
    }
    if let Some(op) = space.operation(ty, collection, unqualified) {
        return Ok(vec![Step::Operation {
            name: op.name,
            function: op.function,
            returns: op.returns,
        }]);
    }
    // A drive item's `content` is its stream, documented or not.
    if !collection && unqualified.eq_ignore_ascii_case("content") {
        return Ok(vec![Step::Property {
            name: "content".into(),
            ty: TypeRef::Primitive(Primitive::Stream),
            collection: false,
            navigation: false,
        }]);
    }
    // A literal member of a collection: `/me/mailFolders/inbox`, `/drive/special/approot`.
    if collection
        && space.literal_keys()
        && args.is_none()
        && !head.contains('.')
        && !head.starts_with('$')
    {
        return Ok(vec![Step::Key]);
    }
    Err(UnresolvedReason::UnknownSegment)
}
