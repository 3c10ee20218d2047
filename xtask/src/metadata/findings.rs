//! What a metadata comparison produces: findings with stable kebab-case codes and a location on
//! either side, and the three agreement ratios.

use std::fmt;

/// `file:line:col`, 1-based, ordered by file then position.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Every kind of finding. The codes are stable: scripts and CI logs filter on them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum FindingKind {
    /// A documented type that the CSDL does not have (or has as another kind of type).
    TypeMissing,
    /// A documented property that the CSDL type (and its bases) does not have.
    PropertyMissing,
    /// A documented property whose type, collection flag or relationship flag differs from the
    /// CSDL's; or an enum that is a flags enum on one side only.
    TypeMismatch,
    /// A documented enum member that the CSDL enum does not have.
    MemberMissing,
    /// A type whose name differs from the CSDL's in ASCII case only.
    TypeCaseDiffers,
    /// A property whose name differs from the CSDL's in ASCII case only.
    PropertyCaseDiffers,
    /// An enum member whose name differs from the CSDL's in ASCII case only.
    MemberCaseDiffers,
    /// A CSDL entity, complex or enum type that the docs do not define.
    TypeUndocumented,
    /// A property of a CSDL type that the docs' resource page for that type does not list.
    PropertyUndocumented,
    /// A member of a CSDL enum that the docs' enum does not list.
    MemberUndocumented,
    /// A documented request path that does not resolve in the CSDL's URL space.
    PathUnresolved,
    /// A response type that differs from what the path answers in the CSDL.
    ResponseMismatch,
    /// A request body that differs from what the path takes in the CSDL.
    BodyMismatch,
    /// A response that differs from the CSDL's because its page documents that the service
    /// answers otherwise (`202 Accepted` with a `Location`); counted as agreeing.
    ResponseException,
    /// A body that differs from the CSDL's because its page documents a media type that is not
    /// JSON (an app's `application/zip` package), which the generator sends; counted as
    /// agreeing.
    BodyException,
}

impl FindingKind {
    pub const ALL: &'static [FindingKind] = &[
        FindingKind::TypeMissing,
        FindingKind::PropertyMissing,
        FindingKind::TypeMismatch,
        FindingKind::MemberMissing,
        FindingKind::TypeCaseDiffers,
        FindingKind::PropertyCaseDiffers,
        FindingKind::MemberCaseDiffers,
        FindingKind::TypeUndocumented,
        FindingKind::PropertyUndocumented,
        FindingKind::MemberUndocumented,
        FindingKind::PathUnresolved,
        FindingKind::ResponseMismatch,
        FindingKind::BodyMismatch,
        FindingKind::ResponseException,
        FindingKind::BodyException,
    ];

    pub fn code(self) -> &'static str {
        match self {
            FindingKind::TypeMissing => "metadata-type-missing",
            FindingKind::PropertyMissing => "metadata-property-missing",
            FindingKind::TypeMismatch => "metadata-type-mismatch",
            FindingKind::MemberMissing => "metadata-member-missing",
            FindingKind::TypeCaseDiffers => "metadata-type-case-differs",
            FindingKind::PropertyCaseDiffers => "metadata-property-case-differs",
            FindingKind::MemberCaseDiffers => "metadata-member-case-differs",
            FindingKind::TypeUndocumented => "metadata-type-undocumented",
            FindingKind::PropertyUndocumented => "metadata-property-undocumented",
            FindingKind::MemberUndocumented => "metadata-member-undocumented",
            FindingKind::PathUnresolved => "metadata-path-unresolved",
            FindingKind::ResponseMismatch => "metadata-response-mismatch",
            FindingKind::BodyMismatch => "metadata-body-mismatch",
            FindingKind::ResponseException => "metadata-response-documented-exception",
            FindingKind::BodyException => "metadata-body-documented-exception",
        }
    }

    /// Whether the location is in the CSDL file rather than in the docs: what only the CSDL has.
    pub fn in_csdl(self) -> bool {
        matches!(
            self,
            FindingKind::TypeUndocumented
                | FindingKind::PropertyUndocumented
                | FindingKind::MemberUndocumented
        )
    }

    /// Docs-side disagreements are warnings; what only the CSDL has is a note, since the docs
    /// may describe a subset of the service, and so is a documented exception, which names a
    /// difference the page explains.
    pub fn severity(self) -> &'static str {
        if self.in_csdl()
            || matches!(
                self,
                FindingKind::ResponseException | FindingKind::BodyException
            )
        {
            "note"
        } else {
            "warning"
        }
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Finding {
    pub kind: FindingKind,
    pub location: Location,
    pub message: String,
}

/// `agree` of `of`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Ratio {
    pub agree: usize,
    pub of: usize,
}

impl Ratio {
    /// `None` when there was nothing to measure.
    pub fn percent(self) -> Option<f64> {
        (self.of > 0).then(|| self.agree as f64 * 100.0 / self.of as f64)
    }

    pub(super) fn count(&mut self, agrees: bool) {
        self.of += 1;
        self.agree += usize::from(agrees);
    }
}

/// The result of one comparison. The ratios (defined in `compare`; the README lists them under
/// "Other commands"):
/// - `names`: rows of resource pages' property and relationship tables, on types the CSDL has,
///   whose name the CSDL type or one of its bases has (ignoring case);
/// - `types`: of the rows `names` found, those whose type agrees after normalising spelling;
/// - `pages`: resource pages with a property table whose type the CSDL has (ignoring case);
/// - `paths`: documented request lines that resolve in the CSDL's URL space;
/// - `responses`: of the resolved lines where the CSDL decides a response, those whose
///   generated response type agrees (the same type, or one derived from it);
/// - `bodies`: of the resolved writes where the CSDL decides a body, those whose generated
///   body agrees (the same model, a reference, bytes, or parameters the action has).
#[derive(Clone, Debug, Default)]
pub struct Report {
    /// Docs-side findings by location, then CSDL-side findings by line.
    pub findings: Vec<Finding>,
    pub names: Ratio,
    pub types: Ratio,
    pub pages: Ratio,
    pub paths: Ratio,
    pub responses: Ratio,
    pub bodies: Ratio,
}

impl Report {
    pub fn count(&self, kind: FindingKind) -> usize {
        self.findings.iter().filter(|f| f.kind == kind).count()
    }

    pub(super) fn push(&mut self, kind: FindingKind, location: &Location, message: String) {
        self.findings.push(Finding {
            kind,
            location: location.clone(),
            message,
        });
    }

    /// A finding about a CSDL-only item, at its line in the CSDL file.
    pub(super) fn push_csdl(
        &mut self,
        kind: FindingKind,
        file: &str,
        line: usize,
        message: String,
    ) {
        let location = Location {
            file: file.to_owned(),
            line,
            column: 1,
        };
        self.push(kind, &location, message);
    }

    /// Docs-side findings first, by location; then CSDL-side ones, by line.
    pub(super) fn sort(&mut self) {
        self.findings.sort_by(|a, b| {
            (a.kind.in_csdl(), &a.location, a.kind).cmp(&(b.kind.in_csdl(), &b.location, b.kind))
        });
    }
}
