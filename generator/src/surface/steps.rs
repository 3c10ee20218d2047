//! One request path as navigation steps: each segment becomes a key, a function call with
//! arguments, a templated segment, a OneDrive item path or a literal, with the sibling key under
//! which lines that spell it alike meet.

use super::tree::{NavStep, TemplatePiece, UrlPart};
use crate::check::scalar::is_guid;
use crate::ir::{Ir, PathPiece, PathSegment, PathTemplate, Step};
use crate::lower::http::{call_arguments, call_parts};
use crate::names::snake_name;
use std::collections::BTreeSet;

/// The steps of a request path, each with its sibling key. OneDrive's `root:/{path}:` (or
/// `{id}:/{path}:`) is the step before the colon, then one `by_path` step for the segments up
/// to the closing colon.
pub(super) fn path_steps(
    ir: &Ir,
    path: &PathTemplate,
    address: Option<&[crate::ir::AddressStep]>,
) -> Vec<(String, NavStep)> {
    let mut steps = Vec::new();
    let mut i = 0;
    let segments = &path.segments;
    while i < segments.len() {
        let segment = &segments[i];
        let address_steps: Vec<&Step> = address
            .unwrap_or_default()
            .iter()
            .filter(|s| s.segment == i)
            .map(|s| &s.step)
            .collect();
        if let Some(opened) = segment.before_colon() {
            // The step before the colon, then the item path up to the closing colon.
            if !opened.pieces.is_empty() {
                steps.push(segment_step(ir, &opened, &address_steps));
            }
            let mut end = i + 1;
            while end < segments.len() && segments[end].before_colon().is_none() {
                end += 1;
            }
            if i + 1 < segments.len() {
                steps.push((
                    ":/{path}:".into(),
                    NavStep {
                        name: "by_path".into(),
                        args: vec!["path".into()],
                        url: UrlPart::ItemPath,
                    },
                ));
            }
            i = end + 1;
            continue;
        }
        steps.push(segment_step(ir, segment, &address_steps));
        i += 1;
    }
    steps
}

/// One segment's step: a key, a function call with arguments, another templated segment, or a
/// literal (a property, root, literal key, cast, operation, `$value`, `$ref`, `$count`).
fn segment_step(ir: &Ir, segment: &PathSegment, address: &[&Step]) -> (String, NavStep) {
    // A literal the address resolves as a key (`mailFolders/inbox`, or an example id written
    // into the request line) is a key like any other.
    let literal_key = matches!(address, [Step::Key])
        || matches!(segment.pieces.as_slice(), [PathPiece::Literal(text)] if is_guid(text));
    if segment.is_single_parameter() || literal_key {
        return (
            "{}".into(),
            NavStep {
                name: "by_id".into(),
                args: vec!["id".into()],
                url: UrlPart::Key,
            },
        );
    }
    let text = segment.text();
    if let Some(step) = function_call(&text) {
        return step;
    }
    if segment
        .pieces
        .iter()
        .any(|p| matches!(p, PathPiece::Parameter(_)))
    {
        return templated(segment);
    }
    let literal = text.strip_suffix("()").unwrap_or(&text);
    let cast = address.iter().find_map(|s| match s {
        Step::Cast { ty } => Some(ty.name.clone()),
        _ => None,
    });
    let cast = cast.or_else(|| {
        let (namespace, name) = literal.rsplit_once('.')?;
        let q = crate::ir::QualifiedName {
            namespace: namespace.to_owned(),
            name: name.to_owned(),
        };
        ir.types.contains_key(&q).then(|| name.to_owned())
    });
    // A property's own spelling, where the page wrote it in another case.
    let property = address.iter().find_map(|s| match s {
        Step::Property { name, .. } if name.eq_ignore_ascii_case(literal) => Some(name.clone()),
        _ => None,
    });
    let spelled = property.unwrap_or_else(|| literal.to_owned());
    let name = match (cast, literal) {
        (Some(ty), _) => format!("as_{}", snake_name(&ty)),
        (None, "$value") => "value".into(),
        (None, "$ref") => "reference".into(),
        (None, "$count") => "count".into(),
        (None, _) => snake_name(&spelled),
    };
    (
        literal.to_ascii_lowercase(),
        NavStep {
            name,
            args: Vec::new(),
            url: UrlPart::Literal(format!("/{spelled}")),
        },
    )
}

/// `getX(period='{period}',count=n)`: a function call with arguments, one per `name=value`
/// (or per positional value), each value replaced by an argument, quoted where the docs quote
/// it. `None` when the segment is not `name(…)` with something inside.
fn function_call(text: &str) -> Option<(String, NavStep)> {
    let (name, inner) = call_parts(text)?;
    if name.is_empty()
        || inner.trim().is_empty()
        || !name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '.' || c == '_')
    {
        return None;
    }
    let mut pieces = vec![TemplatePiece::Literal(format!("/{name}("))];
    let mut args: Vec<String> = Vec::new();
    let mut taken = BTreeSet::new();
    for (i, (key, value)) in call_arguments(inner).into_iter().enumerate() {
        let mut prefix = String::new();
        if i > 0 {
            prefix.push(',');
        }
        if let Some(key) = key {
            prefix.push_str(key);
            prefix.push('=');
        }
        let (lead, body, tail, quoted) = match (value.find('\''), value.rfind('\'')) {
            (Some(a), Some(b)) if b > a => (&value[..=a], &value[a + 1..b], &value[b..], true),
            _ => ("", value, "", false),
        };
        prefix.push_str(lead);
        let placeholder = body.trim_matches(['{', '}', '<', '>']);
        let arg_name = match key {
            Some(k) => snake_name(k),
            None if !placeholder.is_empty() => snake_name(placeholder),
            None => "value".into(),
        };
        let arg = unique_arg(arg_name, &mut taken);
        pieces.push(TemplatePiece::Literal(prefix));
        pieces.push(TemplatePiece::Arg {
            index: args.len(),
            quoted,
        });
        if !tail.is_empty() {
            pieces.push(TemplatePiece::Literal(tail.to_owned()));
        }
        args.push(arg);
    }
    pieces.push(TemplatePiece::Literal(")".into()));
    let method = format!(
        "{}_with_{}",
        snake_name(name.rsplit('.').next().unwrap_or(name)),
        args.join("_and_")
    );
    let key = format!("{}({})", name.to_ascii_lowercase(), args.join(","));
    Some((
        key,
        NavStep {
            name: snake_name(&method),
            args,
            url: UrlPart::Template(merge_literals(pieces)),
        },
    ))
}

/// A segment with parameters inside other text (`{hostname},{spsite-id}`): one argument per
/// parameter, the text kept.
fn templated(segment: &PathSegment) -> (String, NavStep) {
    let mut pieces = vec![TemplatePiece::Literal("/".into())];
    let mut args = Vec::new();
    let mut taken = BTreeSet::new();
    let mut literal_text = String::new();
    for piece in &segment.pieces {
        match piece {
            PathPiece::Literal(text) => {
                literal_text.push_str(text);
                pieces.push(TemplatePiece::Literal(text.clone()));
            }
            PathPiece::Parameter(name) => {
                let first = name.split('|').next().unwrap_or(name).trim();
                let arg = unique_arg(snake_name(first), &mut taken);
                pieces.push(TemplatePiece::Arg {
                    index: args.len(),
                    quoted: false,
                });
                args.push(arg);
            }
        }
    }
    let stem = snake_name(&literal_text);
    let name = if literal_text.chars().any(|c| c.is_ascii_alphanumeric()) {
        format!("{stem}_with_{}", args.join("_and_"))
    } else {
        format!("by_{}", args.join("_and_"))
    };
    let key = format!("{}:{}", literal_text.to_ascii_lowercase(), args.join(","));
    (
        key,
        NavStep {
            name: snake_name(&name),
            args,
            url: UrlPart::Template(merge_literals(pieces)),
        },
    )
}

fn merge_literals(pieces: Vec<TemplatePiece>) -> Vec<TemplatePiece> {
    let mut out: Vec<TemplatePiece> = Vec::new();
    for piece in pieces {
        match (out.last_mut(), piece) {
            (Some(TemplatePiece::Literal(a)), TemplatePiece::Literal(b)) => a.push_str(&b),
            (_, TemplatePiece::Literal(b)) if b.is_empty() => {}
            (_, piece) => out.push(piece),
        }
    }
    out
}

/// `base`, or `base_2`, `base_3`...: the first not yet in `taken`, which it joins.
pub(super) fn unique_arg(base: String, taken: &mut BTreeSet<String>) -> String {
    let mut name = base.clone();
    let mut n = 2;
    while !taken.insert(name.clone()) {
        name = format!("{}_{n}", base.trim_end_matches('_'));
        n += 1;
    }
    name
}
