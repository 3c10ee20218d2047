//! JSON as the docs write it: strict when possible, otherwise read leniently (comments, trailing
//! commas) with the first problem located, and kept as a tree with byte ranges so that checks can
//! point at the exact value they complain about.

use jsonc_parser::ast;
use jsonc_parser::common::Ranged;
use std::ops::Range;

/// A JSON value with the byte range it was read from.
#[derive(Clone, Debug, PartialEq)]
pub struct JsonNode {
    pub range: Range<usize>,
    pub kind: JsonKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum JsonKind {
    Null,
    Bool(bool),
    /// The number as written, so that nothing is lost before the checks look at it.
    Number(String),
    String(String),
    Array(Vec<JsonNode>),
    /// Members in source order, each with the range of its name.
    Object(Vec<JsonMember>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct JsonMember {
    pub name: String,
    pub name_range: Range<usize>,
    pub value: JsonNode,
}

/// What is wrong with a piece of JSON, and where (relative to the parsed text).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonProblem {
    pub range: Range<usize>,
    pub message: String,
}

/// The outcome of reading JSON from the docs.
#[derive(Debug)]
pub enum LenientJson {
    Strict(serde_json::Value),
    /// Not strict JSON, but the intent was clear; `problem` is the first strict-parse error.
    Recovered {
        value: serde_json::Value,
        problem: JsonProblem,
    },
    Invalid(JsonProblem),
}

/// Parses `text` as a tree with ranges; `strict_problem` is set when it is not strict JSON.
pub struct ParsedJson {
    pub node: Option<JsonNode>,
    pub strict_problem: Option<JsonProblem>,
}

pub fn parse_tree(text: &str) -> ParsedJson {
    let strict_problem = serde_json::from_str::<serde::de::IgnoredAny>(text)
        .err()
        .map(|e| serde_problem(text, &e));
    let options = jsonc_parser::ParseOptions {
        allow_loose_object_property_names: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
        ..Default::default()
    };
    match jsonc_parser::parse_to_ast(text, &Default::default(), &options) {
        Ok(result) => ParsedJson {
            node: result.value.as_ref().map(convert),
            strict_problem: strict_problem.or_else(|| {
                result.value.is_none().then(|| JsonProblem {
                    range: 0..text.len(),
                    message: "no JSON value".into(),
                })
            }),
        },
        Err(e) => {
            let range = e.range();
            ParsedJson {
                node: None,
                strict_problem: Some(JsonProblem {
                    range: range.start..range.end.max(range.start),
                    message: e.kind().to_string(),
                }),
            }
        }
    }
}

/// Parses JSON, recovering from comments and trailing commas.
pub fn parse_lenient(text: &str) -> LenientJson {
    let parsed = parse_tree(text);
    match (parsed.node, parsed.strict_problem) {
        (Some(node), None) => LenientJson::Strict(node.to_value()),
        (Some(node), Some(problem)) => LenientJson::Recovered {
            value: node.to_value(),
            problem,
        },
        (None, problem) => LenientJson::Invalid(problem.unwrap_or(JsonProblem {
            range: 0..text.len(),
            message: "no JSON value".into(),
        })),
    }
}

impl JsonNode {
    pub fn to_value(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            JsonKind::Null => Value::Null,
            JsonKind::Bool(b) => Value::Bool(*b),
            JsonKind::Number(n) => serde_json::from_str(n).unwrap_or(Value::Null),
            JsonKind::String(s) => Value::String(s.clone()),
            JsonKind::Array(items) => Value::Array(items.iter().map(JsonNode::to_value).collect()),
            JsonKind::Object(members) => Value::Object(
                members
                    .iter()
                    .map(|m| (m.name.clone(), m.value.to_value()))
                    .collect(),
            ),
        }
    }

    /// A short name of the JSON kind, for messages.
    pub fn kind_name(&self) -> &'static str {
        match self.kind {
            JsonKind::Null => "null",
            JsonKind::Bool(_) => "a boolean",
            JsonKind::Number(_) => "a number",
            JsonKind::String(_) => "a string",
            JsonKind::Array(_) => "an array",
            JsonKind::Object(_) => "an object",
        }
    }
}

fn convert(value: &ast::Value) -> JsonNode {
    let range = value.range();
    let kind = match value {
        ast::Value::NullKeyword(_) => JsonKind::Null,
        ast::Value::BooleanLit(b) => JsonKind::Bool(b.value),
        ast::Value::NumberLit(n) => JsonKind::Number(n.value.to_owned()),
        ast::Value::StringLit(s) => JsonKind::String(s.value.to_string()),
        ast::Value::Array(a) => JsonKind::Array(a.elements.iter().map(convert).collect()),
        ast::Value::Object(o) => JsonKind::Object(
            o.properties
                .iter()
                .map(|p| JsonMember {
                    name: p.name.as_str().to_owned(),
                    name_range: {
                        let r = p.name.range();
                        r.start..r.end
                    },
                    value: convert(&p.value),
                })
                .collect(),
        ),
    };
    JsonNode {
        range: range.start..range.end,
        kind,
    }
}

/// Turns serde_json's 1-based line/column into a byte range of one character.
fn serde_problem(text: &str, e: &serde_json::Error) -> JsonProblem {
    let line_start: usize = text
        .split_inclusive('\n')
        .take(e.line().saturating_sub(1))
        .map(str::len)
        .sum();
    let line = text[line_start..].split('\n').next().unwrap_or("");
    let col = line
        .char_indices()
        .nth(e.column().saturating_sub(1))
        .map_or(line.len(), |(i, _)| i);
    let start = (line_start + col).min(text.len());
    let end = text[start..]
        .chars()
        .next()
        .map_or(start, |c| start + c.len_utf8());
    let message = e.to_string();
    // serde_json appends " at line L column C"; the location is shown by the renderer instead.
    let message = message
        .split(" at line ")
        .next()
        .unwrap_or(&message)
        .to_owned();
    JsonProblem {
        range: start..end,
        message,
    }
}
