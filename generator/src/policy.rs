//! What the docs' owners decide about diagnostics, applied after every stage has reported:
//! suppressions in a page's own annotation (by code, optionally narrowed to one property, never
//! by message text), and severity overrides in `codegen.toml` at the docs root.
//!
//! ```toml
//! # docs/codegen.toml
//! [severity]
//! placeholder-text = "note"      # error | warning | note | allow (drop it)
//! example-invalid-json = "error"
//! ```
//!
//! ```markdown
//! <!-- { "type": "#page.annotation", "suppress": ["placeholder-text", "example-unknown-property:skuId"] } -->
//! ```
//!
//! Two tools report diagnostics of the docs: `codegen` and `check-metadata` (the `metadata-*`
//! codes). Each applies the same file and annotations to its own diagnostics, and leaves a
//! suppression of the other's codes to the other, so that neither calls it unused.

use crate::diagnostic::{Code, Diagnostic, Diagnostics, Severity};
use crate::parse::{Block, Page};
use crate::source::{FileId, SourceSet, Span};
use std::collections::BTreeMap;

/// The config file's path relative to the docs root.
pub const CONFIG_FILE: &str = "codegen.toml";

struct Suppression {
    file: FileId,
    code: Code,
    property: Option<String>,
    span: Span,
    used: bool,
}

/// The tool whose diagnostics a policy is applied to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tool {
    /// `codegen`: every code but the `metadata-*` ones. It also reports what is wrong with the
    /// config file and the suppressions themselves.
    Codegen,
    /// `check-metadata`: the `metadata-*` codes.
    CheckMetadata,
}

impl Tool {
    fn owns(self, code: Code) -> bool {
        code.name().starts_with("metadata-") == (self == Tool::CheckMetadata)
    }
}

/// Applies suppressions and severity overrides to `codegen`'s diagnostics; reports unused
/// suppressions and bad config.
pub fn apply(sources: &SourceSet, pages: &[Page], diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    apply_for(Tool::Codegen, sources, pages, diagnostics)
}

/// Applies suppressions of `tool`'s codes and severity overrides to `tool`'s diagnostics.
pub fn apply_for(
    tool: Tool,
    sources: &SourceSet,
    pages: &[Page],
    diagnostics: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let mut own = Diagnostics::default();
    let overrides = read_config(sources, &mut own);
    let mut suppressions = read_suppressions(pages, &mut own);
    suppressions.retain(|s| tool.owns(s.code));
    if tool != Tool::Codegen {
        // What is wrong with the config or an annotation is `codegen`'s to report, once.
        own = Diagnostics::default();
    }

    let mut kept: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(|d| {
            let hit = suppressions.iter_mut().find(|s| {
                s.file == d.primary.span.file
                    && s.code == d.code
                    && s.property
                        .as_ref()
                        .is_none_or(|p| d.property.as_ref() == Some(p))
            });
            match hit {
                Some(s) => {
                    s.used = true;
                    false
                }
                None => true,
            }
        })
        .collect();
    for s in suppressions.iter().filter(|s| !s.used) {
        let what = match &s.property {
            Some(p) => format!("`{}` for property `{p}`", s.code.name()),
            None => format!("`{}`", s.code.name()),
        };
        own.push(
            Diagnostic::new(
                Code::SuppressionUnused,
                s.span,
                format!("suppression of {what} matched no diagnostic"),
            )
            .label("unused suppression")
            .help("remove it: the defect it hid is gone"),
        );
    }
    kept.extend(own.into_sorted());
    kept.retain_mut(|d| match overrides.get(&d.code) {
        Some(Some(severity)) => {
            d.severity = *severity;
            true
        }
        Some(None) => false,
        None => true,
    });
    let mut all = Diagnostics::default();
    kept.into_iter().for_each(|d| all.push(d));
    all.into_sorted()
}

/// `[severity]` of `codegen.toml`: code → severity, `None` for `allow`.
fn read_config(sources: &SourceSet, diags: &mut Diagnostics) -> BTreeMap<Code, Option<Severity>> {
    let mut overrides = BTreeMap::new();
    let Some(file) = sources.find(CONFIG_FILE) else {
        return overrides;
    };
    let text = &sources.get(file).text;
    let whole = Span::new(file, 0..text.len());
    let table: toml::Table = match text.parse() {
        Ok(t) => t,
        Err(e) => {
            let span = e.span().map_or(whole, |r| Span::new(file, r));
            diags.push(Diagnostic::new(
                Code::ConfigInvalid,
                span,
                format!("`{CONFIG_FILE}` is not valid TOML: {}", e.message()),
            ));
            return overrides;
        }
    };
    // Spans of keys are found in the text, so that a bad entry is pointed at, not the file.
    let locate = |key: &str| {
        text.find(key)
            .map_or(whole, |at| Span::new(file, at..at + key.len()))
    };
    for (section, value) in &table {
        let toml::Value::Table(entries) = value else {
            diags.push(Diagnostic::new(
                Code::ConfigInvalid,
                locate(section),
                format!("`{section}` must be a table"),
            ));
            continue;
        };
        // `[crate]` and `[service]` are `config`'s.
        if section == "crate" || section == "service" {
            continue;
        }
        if section != "severity" {
            diags.push(
                Diagnostic::new(
                    Code::ConfigInvalid,
                    locate(section),
                    format!("unknown section `[{section}]`"),
                )
                .help("the sections are `[severity]`, `[crate]` and `[service]`"),
            );
            continue;
        }
        for (name, level) in entries {
            let Some(code) = Code::from_name(name) else {
                diags.push(Diagnostic::new(
                    Code::ConfigInvalid,
                    locate(name),
                    format!("unknown diagnostic code `{name}`"),
                ));
                continue;
            };
            let severity = match level.as_str() {
                Some("error") => Some(Severity::Error),
                Some("warning") => Some(Severity::Warning),
                Some("note") => Some(Severity::Note),
                Some("allow") => None,
                _ => {
                    diags.push(
                        Diagnostic::new(Code::ConfigInvalid, locate(name), format!("severity of `{name}` must be \"error\", \"warning\", \"note\" or \"allow\""))
                            .label("here"),
                    );
                    continue;
                }
            };
            overrides.insert(code, severity);
        }
    }
    overrides
}

/// `"suppress": ["code", "code:property"]` in a page's standalone annotations.
fn read_suppressions(pages: &[Page], diags: &mut Diagnostics) -> Vec<Suppression> {
    let mut found = Vec::new();
    for page in pages {
        let annotations = page
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                Block::Annotation(a) => Some(a),
                _ => None,
            });
        for annotation in annotations {
            let Some(list) = annotation.value.as_ref().and_then(|v| v.get("suppress")) else {
                continue;
            };
            let entries: Vec<&str> = match list.as_array() {
                Some(items) => items.iter().filter_map(|i| i.as_str()).collect(),
                None => {
                    diags.push(Diagnostic::new(
                        Code::ConfigInvalid,
                        annotation.span,
                        "`suppress` must be a list of strings",
                    ));
                    continue;
                }
            };
            for entry in entries {
                let (name, property) = match entry.split_once(':') {
                    Some((n, p)) => (n.trim(), Some(p.trim().to_owned())),
                    None => (entry.trim(), None),
                };
                match Code::from_name(name) {
                    Some(code) => found.push(Suppression {
                        file: page.file,
                        code,
                        property,
                        span: annotation.span,
                        used: false,
                    }),
                    None => diags.push(
                        Diagnostic::new(
                            Code::ConfigInvalid,
                            annotation.span,
                            format!("`suppress` names unknown diagnostic code `{name}`"),
                        )
                        .help("codes are listed in the README, e.g. `placeholder-text`"),
                    ),
                }
            }
        }
    }
    found
}
