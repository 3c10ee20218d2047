//! The intermediate representation: plain data about types, operations and examples, with spans
//! back into the docs. It knows nothing of markdown or of Rust syntax; parse and emit meet here.

use crate::source::{FileId, Span};
use std::collections::BTreeMap;
use std::fmt;

/// Everything the docs define, lowered and resolved.
#[derive(Debug, Default)]
pub struct Ir {
    pub types: BTreeMap<QualifiedName, TypeDef>,
    /// One per API page that documents a request, in page order.
    pub operations: Vec<Operation>,
    /// Every request and response example with a body, in page order.
    pub examples: Vec<Example>,
    /// Response examples without a body (`HTTP/1.1 204 No Content`), in page order.
    pub empty_responses: Vec<EmptyResponse>,
    /// Request examples without a body (`GET`, `DELETE`, most actions without parameters).
    pub bodiless_requests: Vec<BodilessRequest>,
    /// The product area of each page (its `ms.prod`, or `core`), which becomes a cargo feature
    /// of the generated crate.
    pub page_areas: BTreeMap<FileId, String>,
    /// `[service] base-url` of `codegen.toml`, when the docs name one: the root their example
    /// URLs start with (`https://api.acme.test/v2`), whose path is taken off as Graph's
    /// version is (`Ir::split_url`).
    pub service_base: Option<String>,
}

/// The area of pages that name none.
pub const CORE_AREA: &str = "core";

impl Ir {
    /// The area a type belongs to: that of the page that declares it first.
    pub fn type_area(&self, def: &TypeDef) -> &str {
        def.declared_at
            .first()
            .and_then(|s| self.page_areas.get(&s.file))
            .map_or(CORE_AREA, String::as_str)
    }

    pub fn page_area(&self, page: FileId) -> &str {
        self.page_areas.get(&page).map_or(CORE_AREA, String::as_str)
    }
}

/// `namespace.name`, e.g. `microsoft.graph.user`. Ordered by namespace, then name.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct QualifiedName {
    pub namespace: String,
    pub name: String,
}

impl QualifiedName {
    pub fn new(namespace: impl Into<String>, name: impl Into<String>) -> Self {
        QualifiedName {
            namespace: namespace.into(),
            name: name.into(),
        }
    }
}

impl fmt::Display for QualifiedName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.namespace, self.name)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TypeKind {
    /// Has a key (`id`) and its own URL.
    Entity,
    /// A structured value without identity.
    Complex,
    /// A string from a fixed list of members.
    Enum,
}

#[derive(Debug)]
pub struct TypeDef {
    pub name: QualifiedName,
    pub kind: TypeKind,
    pub base: Option<QualifiedName>,
    pub description: Option<String>,
    pub properties: Vec<Property>,
    /// Members of an enum type, in documented order.
    pub members: Vec<EnumMember>,
    /// A flags enum: a value is a comma-separated list of members.
    pub is_flags: bool,
    /// Documented as abstract (`"abstract": true` in the resource annotation).
    pub is_abstract: bool,
    /// Documented as open (`"openType": true`): instances may carry dynamic properties.
    pub is_open: bool,
    /// Where the type is declared: its resource page, or the operation pages whose tables list
    /// its properties. The first is the primary one.
    pub declared_at: Vec<Span>,
}

impl TypeDef {
    pub fn property(&self, wire_name: &str) -> Option<&Property> {
        self.properties.iter().find(|p| p.name == wire_name)
    }
}

#[derive(Clone, Debug)]
pub struct EnumMember {
    /// The member's name on the wire.
    pub name: String,
    pub value: Option<i64>,
    pub description: Option<String>,
    pub span: Span,
}

#[derive(Clone, Debug)]
pub struct Property {
    /// The name on the wire, exactly as documented.
    pub name: String,
    pub ty: TypeRef,
    pub collection: bool,
    /// A relationship to other entities rather than a structural property.
    pub navigation: bool,
    pub description: Option<String>,
    /// The table row that declares it.
    pub span: Span,
}

/// What a property or body holds.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum TypeRef {
    Primitive(Primitive),
    Named(QualifiedName),
    /// Any JSON value (`microsoft.graph.Json`, written `Untyped` or `Json` in the docs).
    Json,
    /// A type the docs name but never define; carried as untyped JSON (with a diagnostic).
    Unresolved(String),
}

/// The OData primitive types Graph uses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Primitive {
    String,
    Boolean,
    Byte,
    SByte,
    Int16,
    Int32,
    Int64,
    Single,
    Double,
    Decimal,
    Guid,
    Binary,
    Date,
    TimeOfDay,
    DateTimeOffset,
    Duration,
    Stream,
}

impl Primitive {
    pub const ALL: &'static [Primitive] = &[
        Primitive::String,
        Primitive::Boolean,
        Primitive::Byte,
        Primitive::SByte,
        Primitive::Int16,
        Primitive::Int32,
        Primitive::Int64,
        Primitive::Single,
        Primitive::Double,
        Primitive::Decimal,
        Primitive::Guid,
        Primitive::Binary,
        Primitive::Date,
        Primitive::TimeOfDay,
        Primitive::DateTimeOffset,
        Primitive::Duration,
        Primitive::Stream,
    ];

    /// The CSDL name without the `Edm.` prefix.
    pub fn edm_name(self) -> &'static str {
        match self {
            Primitive::String => "String",
            Primitive::Boolean => "Boolean",
            Primitive::Byte => "Byte",
            Primitive::SByte => "SByte",
            Primitive::Int16 => "Int16",
            Primitive::Int32 => "Int32",
            Primitive::Int64 => "Int64",
            Primitive::Single => "Single",
            Primitive::Double => "Double",
            Primitive::Decimal => "Decimal",
            Primitive::Guid => "Guid",
            Primitive::Binary => "Binary",
            Primitive::Date => "Date",
            Primitive::TimeOfDay => "TimeOfDay",
            Primitive::DateTimeOffset => "DateTimeOffset",
            Primitive::Duration => "Duration",
            Primitive::Stream => "Stream",
        }
    }
}

impl fmt::Display for TypeRef {
    /// CSDL spelling: `Edm.String`, `microsoft.graph.assignedLicense`, or the unresolved text.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TypeRef::Primitive(p) => write!(f, "Edm.{}", p.edm_name()),
            TypeRef::Named(q) => write!(f, "{q}"),
            TypeRef::Json => f.write_str("microsoft.graph.Json"),
            TypeRef::Unresolved(s) => write!(f, "{s}"),
        }
    }
}

/// A documented operation: one API page with one or more request lines.
#[derive(Debug)]
pub struct Operation {
    pub page: FileId,
    /// The page title, e.g. `Update user`.
    pub title: String,
    pub description: Option<String>,
    pub lines: Vec<RequestLine>,
    /// What the request sends: what the page says, then decided by the address graph (a create
    /// or update sends the addressed type's model).
    pub body: Option<Body>,
    /// What a successful response carries, decided by the address graph and the page together
    /// (`analyze`); `None` when neither says, and the response is read as untyped JSON.
    pub response: Option<Response>,
    /// What the page itself says the response is (its Response prose, or a response example's
    /// annotation), before the address graph is consulted.
    pub documented_response: Option<DocumentedResponse>,
    /// OData query options the page says the operation supports, e.g. `$select`.
    pub query_options: Vec<String>,
    /// Request headers the page documents besides `Authorization` and `Content-Type`.
    pub headers: Vec<String>,
    /// The one media type the headers table's `Content-Type` row names, lowercased.
    pub content_type: Option<String>,
    /// Permissions as `(permission type, permissions)` pairs, placeholders left out.
    pub permissions: Vec<(String, String)>,
    /// The title heading.
    pub span: Span,
}

/// What a request sends.
#[derive(Clone, Debug)]
pub enum Body {
    /// A documented type (create and update pages).
    Model(QualifiedName),
    /// A JSON object of the parameters a table lists (actions and functions).
    Parameters(Vec<Property>),
    /// A reference to another entity, `{"@odata.id": "…"}` (`$ref` writes).
    Reference,
    /// Raw bytes (`PUT …/content`, `PUT …/$value`).
    Bytes,
}

/// What a successful response carries.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Response {
    /// JSON: one value of `ty`, or a collection (`{"value": [...]}`, paged with
    /// `@odata.nextLink`).
    Json { ty: TypeRef, collection: bool },
    /// Raw bytes (`$value`, `content`, a stream property).
    Bytes,
    /// No body (`204 No Content`): deletes, `$ref` writes, most actions.
    Empty,
    /// JSON as in `Json`, or no body: what the path answers, on a page that says the service
    /// answers nothing (`team-post-installedapps.md`). Read so that neither answer is lost.
    JsonOrEmpty { ty: TypeRef, collection: bool },
    /// `$count`: an integer as `text/plain`.
    Count,
}

impl Response {
    pub fn json(ty: QualifiedName, collection: bool) -> Response {
        Response::Json {
            ty: TypeRef::Named(ty),
            collection,
        }
    }

    /// CSDL spelling: `Collection(microsoft.graph.user)`, `Edm.Stream` for bytes, `none`.
    pub fn describe(&self) -> String {
        match self {
            Response::Json {
                ty,
                collection: true,
            } => format!("Collection({ty})"),
            Response::Json { ty, .. } => ty.to_string(),
            Response::Bytes => "Edm.Stream".into(),
            Response::Empty => "no content".into(),
            Response::JsonOrEmpty { ty, collection } => format!(
                "{} or no content",
                Response::Json {
                    ty: ty.clone(),
                    collection: *collection
                }
                .describe()
            ),
            Response::Count => "Edm.Int64 as text".into(),
        }
    }
}

/// What an API page says its response is, before the address graph is consulted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentedResponse {
    /// `None` when the page says there is no body (`204 No Content`).
    pub ty: Option<TypeRef>,
    pub collection: bool,
    /// The type is said explicitly (a response example's `@odata.type` annotation, prose that
    /// says "collection of", a 204): then the page's type wins over the address graph's.
    pub type_specific: bool,
    /// Whether it is a collection is said explicitly (`isCollection` or `Collection(…)` in
    /// the annotation, "collection of" in prose, a 204).
    pub collection_specific: bool,
    /// The page says the service answers `202 Accepted` and goes on with the work, telling
    /// where to follow it in the `Location` header: no body, whatever the operation returns
    /// once it is done.
    pub accepted: bool,
    /// The prose link or the annotation that says it.
    pub span: Span,
}

/// One line of a page's HTTP request block.
#[derive(Debug)]
pub struct RequestLine {
    pub method: String,
    /// `None` when the line is not a valid request (a diagnostic says why).
    pub path: Option<PathTemplate>,
    /// The line as written.
    pub raw: String,
    pub span: Span,
    /// What the path addresses, resolved through the documented types by `analyze`; `None`
    /// when it did not resolve (a diagnostic says where) or the line is not a request.
    pub address: Option<Address>,
    /// What a successful response to this line carries (`analyze`): lines of one page may
    /// address different things (`…/attachments/{id}` and `…/attachments/{id}/$value`).
    pub response: Option<Response>,
    /// The line is a request example's URL that none of the page's lines match and that
    /// addresses what one of them does (`GET /me/drive/root/children` beside
    /// `GET /me/drive/items/{item-id}/children`), added by `analyze`.
    pub from_example: bool,
    /// Another page documents this call, and its body and response are that page's: the
    /// operation and line index of the line that documents it (`analyze`, `owners.rs`). Set on
    /// the lines a page lists as a side note (an extended property's page listing
    /// `POST /me/events`).
    pub documented_by: Option<(usize, usize)>,
}

/// A request path resolved as OData resolves a URL against its metadata: one step per thing
/// a segment names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Address {
    pub steps: Vec<AddressStep>,
}

/// One step of an [`Address`], with the index of the path segment it comes from (a segment
/// such as `items('{id}')` yields two steps; OneDrive's `root:/{path}:` one for several).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AddressStep {
    pub segment: usize,
    pub step: Step,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Step {
    /// An entity set (`users`) or a singleton (`me`, `organization`).
    Root {
        name: String,
        ty: QualifiedName,
        collection: bool,
    },
    /// One member of a collection: `{id}`, a literal key (`inbox`), or a `(key)` form.
    Key,
    /// A navigation or structural property of the type addressed so far (inherited ones
    /// included).
    Property {
        name: String,
        ty: TypeRef,
        collection: bool,
        navigation: bool,
    },
    /// A type cast: `/microsoft.graph.user` narrows what is addressed to that type.
    Cast { ty: QualifiedName },
    /// A bound action or function, with what it returns as its page documents it.
    Operation {
        name: String,
        function: bool,
        returns: Option<(TypeRef, bool)>,
    },
    /// OneDrive's path addressing, `root:/{item-path}:`: a drive item by its path.
    ItemPath,
    /// `$value`: the raw value (media content) of what is addressed.
    Value,
    /// `$ref`: the reference to an entity, or the references of a collection.
    Ref,
    /// `$count`: the number of members of a collection.
    Count,
}

impl Address {
    /// What the whole path addresses.
    pub fn target(&self) -> Addressed {
        let mut target = Addressed::Nothing;
        for s in &self.steps {
            target = match (&s.step, target) {
                (Step::Root { ty, collection, .. }, _) => Addressed::Value {
                    ty: TypeRef::Named(ty.clone()),
                    collection: *collection,
                },
                (Step::Key, Addressed::Value { ty, .. }) => Addressed::Value {
                    ty,
                    collection: false,
                },
                (
                    Step::Property {
                        ty: TypeRef::Primitive(Primitive::Stream),
                        ..
                    },
                    _,
                ) => Addressed::Bytes,
                (Step::Property { ty, collection, .. }, _) => Addressed::Value {
                    ty: ty.clone(),
                    collection: *collection,
                },
                (Step::Cast { ty }, Addressed::Value { collection, .. }) => Addressed::Value {
                    ty: TypeRef::Named(ty.clone()),
                    collection,
                },
                (
                    Step::Operation {
                        returns, function, ..
                    },
                    _,
                ) => Addressed::Operation {
                    function: *function,
                    returns: returns.clone(),
                },
                (Step::ItemPath, t) => t,
                (Step::Value, _) => Addressed::Bytes,
                (Step::Ref, Addressed::Value { collection, .. }) => {
                    Addressed::Reference { collection }
                }
                // Only entities have references: what a segment the docs read as a function
                // answers is then a navigation property's entities.
                (
                    Step::Ref,
                    Addressed::Operation {
                        returns: Some((_, collection)),
                        ..
                    },
                ) => Addressed::Reference { collection },
                (Step::Count, _) => Addressed::Count,
                (_, t) => t,
            };
        }
        target
    }

    /// The type of the entity or value addressed before the last step (what an action or a
    /// `$ref` is applied to).
    pub fn binding(&self) -> Option<(TypeRef, bool)> {
        let prefix = Address {
            steps: self.steps[..self.steps.len().saturating_sub(1)].to_vec(),
        };
        match prefix.target() {
            Addressed::Value { ty, collection } => Some((ty, collection)),
            _ => None,
        }
    }
}

/// What a resolved path addresses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Addressed {
    Nothing,
    /// Entities, complex values or primitives of one type.
    Value {
        ty: TypeRef,
        collection: bool,
    },
    /// Raw bytes (`$value`, a stream property).
    Bytes,
    /// An integer (`$count`).
    Count,
    /// Entity references (`$ref`).
    Reference {
        collection: bool,
    },
    /// A bound action or function and what it returns.
    Operation {
        function: bool,
        returns: Option<(TypeRef, bool)>,
    },
}

/// A URL path with `{parameter}` placeholders, e.g. `/users/{usersId}`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathTemplate {
    pub segments: Vec<PathSegment>,
    /// A query string written on the request line, without the `?`.
    pub query: Option<String>,
}

/// One `/`-separated segment, made of literal text and parameters.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathSegment {
    pub pieces: Vec<PathPiece>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathPiece {
    Literal(String),
    /// The parameter's name as written between the braces, e.g. `usersId`.
    Parameter(String),
}

impl PathTemplate {
    pub fn parameters(&self) -> impl Iterator<Item = &str> {
        self.segments.iter().flat_map(|s| {
            s.pieces.iter().filter_map(|p| match p {
                PathPiece::Parameter(name) => Some(name.as_str()),
                PathPiece::Literal(_) => None,
            })
        })
    }
}

impl fmt::Display for PathTemplate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for segment in &self.segments {
            f.write_str("/")?;
            for piece in &segment.pieces {
                match piece {
                    PathPiece::Literal(text) => f.write_str(text)?,
                    PathPiece::Parameter(name) => write!(f, "{{{name}}}")?,
                }
            }
        }
        if let Some(query) = &self.query {
            write!(f, "?{query}")?;
        }
        Ok(())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExampleKind {
    Request,
    Response,
}

/// A JSON body from an example code block.
#[derive(Debug)]
pub struct Example {
    pub page: FileId,
    pub kind: ExampleKind,
    /// The annotation's `name`, if any.
    pub name: Option<String>,
    /// The model the body is for, when the page says.
    pub ty: Option<QualifiedName>,
    /// The body is a collection response (`{"value": [...]}`) of `ty`.
    pub collection: bool,
    /// The body as written.
    pub json: String,
    /// Span of the body text.
    pub span: Span,
    /// The request line of a request example: method, URL and its span.
    pub request: Option<(String, String, Span)>,
    /// Index into `Ir::operations` of the operation documented on the same page.
    pub operation: Option<usize>,
    /// The status of a response example (`HTTP/1.1 201 Created` → 201).
    pub status: Option<u16>,
}

/// A request example that is a request line and headers without a body.
#[derive(Debug)]
pub struct BodilessRequest {
    pub page: FileId,
    /// Index into `Ir::operations` of the operation documented on the same page.
    pub operation: Option<usize>,
    pub method: String,
    pub url: String,
    /// The URL.
    pub span: Span,
}

/// A response example whose status line is all there is.
#[derive(Debug)]
pub struct EmptyResponse {
    pub page: FileId,
    /// Index into `Ir::operations` of the operation documented on the same page.
    pub operation: Option<usize>,
    pub status: u16,
    /// The status line.
    pub span: Span,
}
