//! Diagnostics as values: a stable code, a severity, a primary span, secondary labels and help.
//! The generator only collects them; rendering belongs to the edge (xtask).

use crate::source::Span;
use serde::Serialize;

/// How bad a diagnostic is. Ordered so that `Error` is the greatest.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Note,
    Warning,
    Error,
}

macro_rules! codes {
    ($( $(#[doc = $doc:literal])* $variant:ident = $name:literal, $severity:ident; )*) => {
        /// Every diagnostic code: the generator's, then those of `cargo xtask check-metadata`,
        /// which the generator never reports but which share the table, the type and the
        /// renderers. The kebab-case name is the stable identifier users write in suppressions
        /// and severity overrides; never rename one.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Code {
            /// All codes, in declaration order (the order of the table in the README).
            pub const ALL: &'static [Code] = &[$(Code::$variant),*];

            /// The stable kebab-case name.
            pub fn name(self) -> &'static str {
                match self { $(Code::$variant => $name,)* }
            }

            /// The severity used unless configuration says otherwise.
            pub fn default_severity(self) -> Severity {
                match self { $(Code::$variant => Severity::$severity,)* }
            }

            /// One-sentence explanation, the same text as the doc comment.
            pub fn explanation(self) -> &'static str {
                match self { $(Code::$variant => concat!($($doc),*).trim_ascii(),)* }
            }

            pub fn from_name(name: &str) -> Option<Code> {
                Code::ALL.iter().copied().find(|c| c.name() == name)
            }
        }
    };
}

codes! {
    /// `codegen.toml` in the docs root, or a page's `suppress` annotation, that cannot be read.
    ConfigInvalid = "config-invalid", Error;
    /// A suppression that matched no diagnostic: the defect it hid is gone, so it should go too.
    SuppressionUnused = "suppression-unused", Warning;
    /// A page that the generator cannot read at all (not UTF-8, unreadable).
    UnreadablePage = "unreadable-page", Error;
    /// Front matter that is not a flat `key: value` block.
    FrontMatterMalformed = "front-matter-malformed", Warning;
    /// An annotation comment (`<!-- { ... } -->`) whose JSON is invalid or not strict JSON.
    AnnotationInvalidJson = "annotation-invalid-json", Warning;
    /// A page that has neither a property table nor a request block, so it yields nothing.
    PageNotRecognized = "page-not-recognized", Note;
    /// A conceptual page (`doc_type: conceptualPageType`): read, with nothing to generate.
    PageSkipped = "page-skipped", Note;
    /// A page without a `Namespace:` line; `microsoft.graph` is assumed.
    NamespaceMissing = "namespace-missing", Note;
    /// A request line in the HTTP request section that is not `METHOD /path`.
    RequestLineInvalid = "request-line-invalid", Warning;
    /// A table row whose number of cells differs from the header's.
    TableRowCells = "table-row-cells", Warning;
    /// A type cell that names no primitive type and no documented type.
    TypeUnresolved = "type-unresolved", Warning;
    /// A property listed twice for the same type on one page.
    PropertyDuplicate = "property-duplicate", Warning;
    /// A property whose type or collection flag differs between two pages.
    PropertyConflict = "property-conflict", Warning;
    /// Placeholder text (`**TODO: ...**`) where content belongs.
    PlaceholderText = "placeholder-text", Warning;
    /// A JSON example that is not strict JSON (comments, trailing commas, `...`) or not JSON at all.
    ExampleInvalidJson = "example-invalid-json", Warning;
    /// An HTTP example whose headers and body are not separated by an empty line.
    ExampleHttpMalformed = "example-http-malformed", Warning;
    /// An example value that does not fit the documented type of its property.
    ExampleValueMismatch = "example-value-mismatch", Warning;
    /// An example property that the documented type does not have.
    ExampleUnknownProperty = "example-unknown-property", Warning;
    /// An example value that is not a member of its enum type.
    ExampleEnumMember = "example-enum-member", Warning;
    /// An example's `@odata.type` that names neither the documented type nor one derived from it.
    ExampleOdataType = "example-odata-type", Warning;
    /// A relative link to a page that is not in the docs.
    LinkBroken = "link-broken", Warning;
    /// An `[!INCLUDE [name](path)]` directive whose file is not in the docs: reported once per
    /// page, at the first, with the count of the others.
    IncludeMissing = "include-missing", Warning;
    /// One type name declared in two unrelated namespaces (`Microsoft.DirectoryServices.user`
    /// and `microsoft.graph.user`).
    TypeNamespaceConflict = "type-namespace-conflict", Warning;
    /// An example request URL that matches none of the page's documented request paths.
    ExampleUrlUnmatched = "example-url-unmatched", Warning;
    /// A request line whose path is an absolute URL or lacks its leading `/`; it is read anyway.
    RequestLineForm = "request-line-form", Warning;
    /// An API page with no request line, so it yields no operation.
    OperationMissing = "operation-missing", Warning;
    /// A request path segment that names nothing documented on the type it is applied to.
    PathSegmentUnknown = "path-segment-unknown", Warning;
    /// A response the page documents differently from what its request path addresses.
    ResponseMismatch = "response-mismatch", Warning;
    /// A request line that another page documents as its own call, listed here with another
    /// body (an extended property's page listing `POST /groups/{id}/threads/{id}/reply`); the
    /// call takes the other page's body and response.
    CallPagesDisagree = "call-pages-disagree", Warning;
    /// A request example that sends a body where its page documents none (a `DELETE` with a
    /// body, `{}` to an action without parameters).
    ExampleBodyUnexpected = "example-body-unexpected", Warning;
    /// An update's or a create's request example that shows no body.
    ExampleBodyMissing = "example-body-missing", Warning;
    /// An example URL's query option whose name is not one: a `$` name OData does not have
    /// (`$orderbydisplayName`), or one with a space in it (`$filter =…`).
    QueryOptionUnknown = "query-option-unknown", Warning;
    /// A Response section that shows a JSON body in an unannotated block and names no type:
    /// the response is read as untyped JSON.
    ResponseTypeMissing = "response-type-missing", Warning;
    /// An API page without a `Request body` section whose `HTTP request` section describes the
    /// body ("In the request body, supply …"); the sentence is read where it is.
    RequestBodySectionMissing = "request-body-section-missing", Note;

    // `cargo xtask check-metadata`: the docs held against the service's CSDL metadata.
    /// A documented type the CSDL lacks, or has as another kind (enum vs. structured).
    MetadataTypeMissing = "metadata-type-missing", Warning;
    /// A documented property that neither the CSDL type nor its bases have.
    MetadataPropertyMissing = "metadata-property-missing", Warning;
    /// A property whose type or collection flag differs from the CSDL's; one listed as a
    /// relationship on one side only; or an enum that is a flags enum on one side only.
    MetadataTypeMismatch = "metadata-type-mismatch", Warning;
    /// A documented enum member the CSDL enum lacks.
    MetadataMemberMissing = "metadata-member-missing", Warning;
    /// A type name that differs from the CSDL's in ASCII case only.
    MetadataTypeCaseDiffers = "metadata-type-case-differs", Warning;
    /// A property name that differs from the CSDL's in ASCII case only.
    MetadataPropertyCaseDiffers = "metadata-property-case-differs", Warning;
    /// An enum member that differs from the CSDL's in ASCII case only.
    MetadataMemberCaseDiffers = "metadata-member-case-differs", Warning;
    /// A CSDL entity, complex or enum type that the docs do not define.
    MetadataTypeUndocumented = "metadata-type-undocumented", Note;
    /// A property or navigation property of a CSDL type whose docs page does not list it.
    MetadataPropertyUndocumented = "metadata-property-undocumented", Note;
    /// A CSDL enum member that the docs' enum does not list.
    MetadataMemberUndocumented = "metadata-member-undocumented", Note;
    /// A documented request line whose path does not resolve in the CSDL's URL space.
    MetadataPathUnresolved = "metadata-path-unresolved", Warning;
    /// A request whose generated response differs from what its path answers in the CSDL.
    MetadataResponseMismatch = "metadata-response-mismatch", Warning;
    /// A write whose generated body differs from what its path takes in the CSDL.
    MetadataBodyMismatch = "metadata-body-mismatch", Warning;
    /// A response that differs from the CSDL's because its page documents that the service
    /// answers otherwise (`202 Accepted` with a `Location`); counted as agreeing.
    MetadataResponseDocumentedException = "metadata-response-documented-exception", Note;
    /// A body that differs from the CSDL's because its page documents a media type that is not
    /// JSON, which the generator sends; counted as agreeing.
    MetadataBodyDocumentedException = "metadata-body-documented-exception", Note;
}

/// A span with a short message shown under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One finding about the docs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    pub message: String,
    pub primary: Label,
    pub secondary: Vec<Label>,
    pub help: Option<String>,
    /// The property the diagnostic is about, when it is about exactly one; suppressions can
    /// name it (`"example-unknown-property:skuId"`).
    pub property: Option<String>,
}

impl Diagnostic {
    /// A diagnostic with the code's default severity and an unlabelled primary span.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.default_severity(),
            message: message.into(),
            primary: Label {
                span,
                message: String::new(),
            },
            secondary: Vec::new(),
            help: None,
            property: None,
        }
    }

    pub fn about_property(mut self, name: impl Into<String>) -> Self {
        self.property = Some(name.into());
        self
    }

    pub fn label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = message.into();
        self
    }

    pub fn secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label {
            span,
            message: message.into(),
        });
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
}

/// Where each stage pushes what it finds; sorted by location before it leaves the generator.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn extend(&mut self, other: Diagnostics) {
        self.items.extend(other.items);
    }

    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.items.iter()
    }

    /// Sorted by file, position and code, so that output does not depend on pass order.
    pub fn into_sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (a.primary.span, a.code, &a.message).cmp(&(b.primary.span, b.code, &b.message))
        });
        self.items
    }
}
