//! What a metadata comparison produces: diagnostics with the `metadata-*` codes of the one code
//! table (see `crate::codes`), each at a documented page's span or a CSDL element's line, and
//! the agreement ratios.

use super::csdl::Csdl;
use generator::{Code, Diagnostic, FileId, Span};

/// Whether a code's diagnostics are in the CSDL file rather than in the docs: what only the
/// CSDL has.
pub fn in_csdl(code: Code) -> bool {
    matches!(
        code,
        Code::MetadataTypeUndocumented
            | Code::MetadataPropertyUndocumented
            | Code::MetadataMemberUndocumented
    )
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
    /// Docs-side diagnostics by location, then CSDL-side ones by line. Their spans are in the
    /// docs' pages, or in the CSDL file, which comes after the pages (`csdl_file`).
    pub diagnostics: Vec<Diagnostic>,
    pub names: Ratio,
    pub types: Ratio,
    pub pages: Ratio,
    pub paths: Ratio,
    pub responses: Ratio,
    pub bodies: Ratio,
    /// Where the CSDL file is among the files the diagnostics point into.
    pub csdl_file: FileId,
}

impl Report {
    /// An empty report whose CSDL-side diagnostics will point into `csdl_file`.
    pub fn new(csdl_file: FileId) -> Report {
        Report {
            csdl_file,
            ..Report::default()
        }
    }

    pub fn count(&self, code: Code) -> usize {
        self.diagnostics.iter().filter(|d| d.code == code).count()
    }

    pub(super) fn push(&mut self, code: Code, span: Span, message: String) {
        self.diagnostics.push(Diagnostic::new(code, span, message));
    }

    /// A diagnostic about a CSDL-only item, at the element declared on `line` of the CSDL file.
    pub(super) fn push_csdl(&mut self, code: Code, csdl: &Csdl, line: usize, message: String) {
        let span = Span::new(self.csdl_file, csdl.line_range(line));
        self.push(code, span, message);
    }

    /// Docs-side diagnostics first, by location; then CSDL-side ones, by line.
    pub(super) fn sort(&mut self) {
        self.diagnostics.sort_by_key(|d| {
            let at = d.primary.span;
            (in_csdl(d.code), at.file, at.start, d.code)
        });
    }
}
