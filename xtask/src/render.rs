//! Renders diagnostics for people (rustc style, via codespan-reporting) and for machines (JSON
//! lines), and prints the closing summary.

use codespan_reporting::diagnostic::{Diagnostic as CsDiagnostic, Label, Severity as CsSeverity};
use codespan_reporting::files::SimpleFiles;
use codespan_reporting::term::{self, termcolor::WriteColor};
use generator::{Diagnostic, Severity, SourceSet};

/// Renders `diagnostics` in the human format to `out`.
pub fn render_human(sources: &SourceSet, diagnostics: &[Diagnostic], out: &mut dyn WriteColor) {
    let mut files = SimpleFiles::new();
    for (_, file) in sources.iter() {
        files.add(file.path.as_str(), file.text.as_str());
    }
    let config = term::Config::default();
    for d in diagnostics {
        let severity = match d.severity {
            Severity::Error => CsSeverity::Error,
            Severity::Warning => CsSeverity::Warning,
            Severity::Note => CsSeverity::Note,
        };
        let mut labels =
            vec![
                Label::primary(d.primary.span.file.0 as usize, d.primary.span.range())
                    .with_message(&d.primary.message),
            ];
        labels.extend(d.secondary.iter().map(|l| {
            Label::secondary(l.span.file.0 as usize, l.span.range()).with_message(&l.message)
        }));
        let mut notes = Vec::new();
        if let Some(help) = &d.help {
            notes.push(format!("help: {help}"));
        }
        let rendered = CsDiagnostic::new(severity)
            .with_code(d.code.name())
            .with_message(&d.message)
            .with_labels(labels)
            .with_notes(notes);
        // Writing to stderr or a buffer only fails if the stream is gone; nothing to do then.
        let _ = term::emit(out, &config, &files, &rendered);
    }
}

/// One JSON object per line: code, severity, message, file, line, column, end, help, labels.
pub fn render_json(sources: &SourceSet, diagnostics: &[Diagnostic]) -> String {
    let location = |span: generator::Span| {
        let file = sources.get(span.file);
        let (line, column) = file.line_col(span.start as usize);
        let (end_line, end_column) = file.line_col(span.end as usize);
        serde_json::json!({
            "file": file.path, "line": line, "column": column,
            "end_line": end_line, "end_column": end_column,
        })
    };
    let mut out = String::new();
    for d in diagnostics {
        let mut value = serde_json::json!({
            "code": d.code.name(),
            "severity": d.severity,
            "message": d.message,
            "label": d.primary.message,
            "help": d.help,
            "secondary": d.secondary.iter().map(|l| {
                let mut v = location(l.span);
                v["message"] = l.message.clone().into();
                v
            }).collect::<Vec<_>>(),
        });
        if let (Some(obj), serde_json::Value::Object(loc)) =
            (value.as_object_mut(), location(d.primary.span))
        {
            obj.extend(loc);
        }
        out.push_str(&value.to_string());
        out.push('\n');
    }
    out
}

/// Counts by severity.
pub fn counts(diagnostics: &[Diagnostic]) -> (usize, usize, usize) {
    let count = |s| diagnostics.iter().filter(|d| d.severity == s).count();
    (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Note),
    )
}
