//! Where an example's URL leads on the navigation tree: its segments walked down from a root,
//! literal steps tried before keys, each step's arguments read back from the URL text.

use super::decode;
use crate::ir::Ir;
use crate::surface::tree::{NavTree, TemplatePiece, UrlPart};

/// Where an example's URL leads: the nodes it passes and the call it ends in.
pub(super) struct Route {
    pub steps: Vec<(usize, Vec<String>)>,
    pub node: usize,
    pub call: usize,
    pub call_args: Vec<String>,
}

/// Walks `segments` from `node` (which the first segment must reach), trying literal steps
/// before keys, and ends at a call of `method`.
/// `after_colon`: the segment before ended with `:` (`root:`), so an item path must follow.
pub(super) fn walk(
    ir: &Ir,
    nav: &NavTree,
    node: usize,
    segments: &[&str],
    method: &str,
    after_colon: bool,
) -> Option<Route> {
    let url = &nav.nodes[node].step.url;
    if after_colon != matches!(url, UrlPart::ItemPath) {
        return None;
    }
    let (args, used) = match_step(url, &nav.nodes[node].step.args, segments)?;
    let opens = !matches!(url, UrlPart::ItemPath) && segments[used - 1].ends_with(':');
    let rest = &segments[used..];
    let mut route = finish(ir, nav, node, rest, method, opens)?;
    route.steps.insert(0, (node, args));
    Some(route)
}

fn finish(
    ir: &Ir,
    nav: &NavTree,
    node: usize,
    rest: &[&str],
    method: &str,
    after_colon: bool,
) -> Option<Route> {
    let here = &nav.nodes[node];
    if rest.is_empty() && !after_colon {
        let call = here
            .calls
            .iter()
            .position(|c| c.segment.is_none() && c.http_method.eq_ignore_ascii_case(method))?;
        return Some(Route {
            steps: Vec::new(),
            node,
            call,
            call_args: Vec::new(),
        });
    }
    // A call with a segment of its own (an action or function) ends the URL.
    for (index, call) in here.calls.iter().enumerate() {
        if let Some(step) = &call.segment {
            if after_colon || !call.http_method.eq_ignore_ascii_case(method) {
                continue;
            }
            if let Some((args, used)) = match_step(&step.url, &step.args, rest) {
                if used == rest.len() {
                    return Some(Route {
                        steps: Vec::new(),
                        node,
                        call: index,
                        call_args: args,
                    });
                }
            }
        }
    }
    // Literal steps first, then the others: `inbox` is a folder's name, not any key.
    let mut children: Vec<usize> = here.children.clone();
    children.sort_by_key(|&c| !matches!(nav.nodes[c].step.url, UrlPart::Literal(_)));
    children
        .into_iter()
        .find_map(|c| walk(ir, nav, c, rest, method, after_colon))
}

/// Whether a step matches the start of `segments`: its arguments and how many segments it
/// takes.
fn match_step(
    url: &UrlPart,
    arg_names: &[String],
    segments: &[&str],
) -> Option<(Vec<String>, usize)> {
    let first = *segments.first()?;
    match url {
        UrlPart::Literal(text) => {
            let literal = text.trim_start_matches('/');
            let segment = first.trim_end_matches(':');
            let segment = segment.strip_suffix("()").unwrap_or(segment);
            // `root:` opens an item path, which the `by_path` step after it reads.
            segment
                .eq_ignore_ascii_case(literal)
                .then(|| (Vec::new(), 1))
        }
        UrlPart::Key => {
            let key = first.trim_end_matches(':');
            (!key.is_empty() && !key.contains('(')).then(|| (vec![decode(key)], 1))
        }
        UrlPart::ItemPath => {
            // The item path runs to the segment that ends with `:` (or to the end).
            let end = segments
                .iter()
                .position(|s| s.ends_with(':'))
                .map_or(segments.len(), |i| i + 1);
            let path = segments[..end].join("/");
            let path = path.trim_end_matches(':');
            (!path.is_empty()).then(|| (vec![decode(path)], end))
        }
        UrlPart::Template(pieces) => {
            let mut rest = decode(first);
            let mut args = vec![String::new(); arg_names.len()];
            let mut iter = pieces.iter().peekable();
            while let Some(piece) = iter.next() {
                match piece {
                    TemplatePiece::Literal(text) => {
                        let text = text.trim_start_matches('/');
                        if rest.len() < text.len() || !rest[..text.len()].eq_ignore_ascii_case(text)
                        {
                            return None;
                        }
                        rest = rest[text.len()..].to_owned();
                    }
                    TemplatePiece::Arg { index, quoted } => {
                        let end = match iter.peek() {
                            Some(TemplatePiece::Literal(next)) => {
                                find_unquoted_end(&rest, next, *quoted)?
                            }
                            _ => rest.len(),
                        };
                        let value = &rest[..end];
                        args[*index] = if *quoted {
                            value.replace("''", "'")
                        } else {
                            value.to_owned()
                        };
                        rest = rest[end..].to_owned();
                    }
                }
            }
            rest.is_empty().then_some((args, 1))
        }
    }
}

/// Where the text after an argument begins: the first `next` that is not inside the argument
/// (inside a quoted argument, `''` is an escaped quote, not its end).
fn find_unquoted_end(rest: &str, next: &str, quoted: bool) -> Option<usize> {
    let mut from = 0;
    loop {
        let at = from + rest[from..].find(next)?;
        if quoted && rest[at..].starts_with("''") {
            from = at + 2;
            continue;
        }
        return Some(at);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn function_arguments_are_read_back_from_a_url() {
        let url = UrlPart::Template(vec![
            TemplatePiece::Literal("/getX(period='".into()),
            TemplatePiece::Arg {
                index: 0,
                quoted: true,
            },
            TemplatePiece::Literal("',n=".into()),
            TemplatePiece::Arg {
                index: 1,
                quoted: false,
            },
            TemplatePiece::Literal(")".into()),
        ]);
        let names = vec!["period".to_owned(), "n".to_owned()];
        assert_eq!(
            match_step(&url, &names, &["getX(period='it''s',n=3)"]),
            Some((vec!["it's".to_owned(), "3".to_owned()], 1))
        );
        assert_eq!(match_step(&url, &names, &["getY(period='D7',n=3)"]), None);
    }
}
