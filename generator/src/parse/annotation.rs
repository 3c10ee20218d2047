//! Annotation comments: the `<!-- { "blockType": ... } -->` JSON that Graph docs put before a
//! code block or at the end of a page. Read leniently, with the leniency reported.

use super::Annotation;
use crate::diagnostic::{Code, Diagnostic, Diagnostics};
use crate::json::{parse_lenient, LenientJson};

use crate::source::Span;

/// Finds every `<!-- ... -->` comment in an HTML block whose body is a JSON object.
/// `span` is the span of `html`.
pub fn annotations_in_html(html: &str, span: Span, diags: &mut Diagnostics) -> Vec<Annotation> {
    let mut found = Vec::new();
    let mut rest = 0;
    while let Some(open) = html[rest..].find("<!--") {
        let body_start = rest + open + 4;
        let Some(close) = html[body_start..].find("-->") else {
            break;
        };
        let body_end = body_start + close;
        rest = body_end + 3;
        let body = &html[body_start..body_end];
        let trimmed = body.trim_start();
        if !trimmed.starts_with('{') {
            continue;
        }
        let json_start = body_start + (body.len() - trimmed.len());
        let json_span = span.subspan(json_start..body_end);
        let value = match parse_lenient(&html[json_start..body_end]) {
            LenientJson::Strict(v) => Some(v),
            LenientJson::Recovered { value, problem } => {
                diags.push(
                    Diagnostic::new(
                        Code::AnnotationInvalidJson,
                        json_span.subspan(problem.range.clone()),
                        format!("annotation is not strict JSON: {}", problem.message),
                    )
                    .label(problem.message)
                    .help("the annotation was read leniently; write strict JSON (no trailing commas or comments)"),
                );
                Some(value)
            }
            LenientJson::Invalid(problem) => {
                diags.push(
                    Diagnostic::new(
                        Code::AnnotationInvalidJson,
                        json_span.subspan(problem.range.clone()),
                        format!("annotation is not valid JSON: {}", problem.message),
                    )
                    .label(problem.message)
                    .help("the annotation is ignored; the code block after it is treated as unannotated"),
                );
                None
            }
        };
        found.push(Annotation {
            value,
            span: span.subspan(body_start - 4..rest),
        });
    }
    found
}
