//! Each HTTP request example of the docs as the navigation that sends it: its URL walked down
//! the [`NavTree`] (keys, OneDrive item paths and function arguments taken from the URL), its
//! query string as the call's arguments and setters, its JSON body kept for a model literal.
//! An example that cannot be reproduced is left out with the reason, so that the count of
//! snippets against valid examples is honest.

use crate::ir::{Body, ExampleKind, Ir};
use crate::surface::tree::{CallKind, NavTree};
use percent_encoding::percent_decode_str;
use route::{walk, Route};

mod route;

/// A request example as Rust: the steps from `Graph`, the call, its options and body.
#[derive(Debug)]
pub struct Snippet {
    pub origin: Origin,
    /// Each node from the root, with the arguments of the step that reaches it.
    pub steps: Vec<(usize, Vec<String>)>,
    /// The node whose call is made, and the call's index there.
    pub node: usize,
    pub call: usize,
    /// The call's arguments (its segment's, then its query options').
    pub call_args: Vec<String>,
    pub options: Vec<QueryOption>,
    /// The example's body, when the call sends one.
    pub body: Option<SentBody>,
    /// What the built request must be: method, path and query as the example writes them
    /// (percent-decoded), to compare with.
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
}

/// What a snippet's call sends, as its example shows it.
#[derive(Clone, Debug, PartialEq)]
pub enum SentBody {
    /// A model, an action's parameters or a reference, as JSON.
    Json(serde_json::Value),
    /// Media (`$value`, a file's content, an app package), shown as text: the snippet sends
    /// exactly those bytes.
    Bytes(String),
}

impl SentBody {
    pub fn json(&self) -> Option<&serde_json::Value> {
        match self {
            SentBody::Json(json) => Some(json),
            SentBody::Bytes(_) => None,
        }
    }
}

/// Where a request example is: an example with a body (`Ir::examples`), or one without
/// (`Ir::bodiless_requests`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    Example(usize),
    Bodiless(usize),
}

impl Origin {
    /// The example with a body, by index into `Ir::examples`.
    pub fn example(self) -> Option<usize> {
        match self {
            Origin::Example(i) => Some(i),
            Origin::Bodiless(_) => None,
        }
    }
}

impl Origin {
    /// The example's URL.
    pub fn span(self, ir: &Ir) -> crate::source::Span {
        match self {
            Origin::Example(i) => {
                let e = &ir.examples[i];
                e.request.as_ref().map_or(e.span, |(_, _, s)| *s)
            }
            Origin::Bodiless(i) => ir.bodiless_requests[i].span,
        }
    }
}

/// A query option of the example, as the setter that writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QueryOption {
    Select(Vec<String>),
    Filter(String),
    Top(u32),
    Skip(u32),
    OrderBy(Vec<String>),
    Expand(Vec<String>),
    Count(bool),
    Search(String),
    /// Any other, by name (`.query(name, value)`).
    Other(String, String),
}

/// Every request example: reproduced, or left out and why.
#[derive(Debug, Default)]
pub struct Snippets {
    pub made: Vec<Snippet>,
    /// `(example, reason)`.
    pub left_out: Vec<(Origin, Why)>,
}

/// Why an example is not reproduced.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Why {
    /// The example is defective, and a diagnostic says so: its URL matches none of its page's
    /// request lines (`example-url-unmatched`), or its body is not what its model reads.
    Example(String),
    /// The example is valid and the generator could not reproduce it.
    Generator(String),
}

/// A bare reason is the generator's: a valid example it could not reproduce.
impl From<String> for Why {
    fn from(reason: String) -> Self {
        Why::Generator(reason)
    }
}

impl From<&str> for Why {
    fn from(reason: &str) -> Self {
        Why::Generator(reason.to_owned())
    }
}

impl Why {
    pub fn text(&self) -> &str {
        match self {
            Why::Example(s) | Why::Generator(s) => s,
        }
    }
}

/// `body_text` gives an example's body as its tests read it (strict JSON, where the example
/// needed the lenient parser), or `None` when it is not JSON its model reads: then it is not a
/// valid example to reproduce.
/// `verdicts` say which examples' bodies their pages disagree with (a diagnostic reports each).
pub fn build<'a>(
    ir: &'a Ir,
    nav: &NavTree,
    body_text: &dyn Fn(usize) -> Option<&'a str>,
    verdicts: &crate::check::Verdicts,
) -> Snippets {
    let mut snippets = Snippets::default();
    for (index, example) in ir.examples.iter().enumerate() {
        if example.kind != ExampleKind::Request {
            continue;
        }
        let Some((method, url, _)) = &example.request else {
            continue;
        };
        let origin = Origin::Example(index);
        let body = body_text(index);
        match snippet(ir, nav, origin, method, url, body) {
            Ok(s) => snippets.made.push(s),
            Err(why) if verdicts.body_unexpected.contains(&index) => snippets.left_out.push((
                origin,
                Why::Example(format!("{} (example-body-unexpected)", why.text())),
            )),
            Err(why) => snippets.left_out.push((origin, why)),
        }
    }
    for (index, request) in ir.bodiless_requests.iter().enumerate() {
        let origin = Origin::Bodiless(index);
        match snippet(ir, nav, origin, &request.method, &request.url, Some("")) {
            Ok(s) => snippets.made.push(s),
            Err(why) if verdicts.body_missing.contains(&index) => snippets.left_out.push((
                origin,
                Why::Example(format!("{} (example-body-missing)", why.text())),
            )),
            Err(why) => snippets.left_out.push((origin, why)),
        }
    }
    snippets.made.sort_by_key(|s| s.origin.span(ir));
    snippets.left_out.sort_by_key(|(o, _)| o.span(ir));
    snippets
}

/// Percent-decoded text of a URL part.
fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// `body` is the example's body text (`""` for none), `None` when it is not JSON its model
/// reads.
fn snippet(
    ir: &Ir,
    nav: &NavTree,
    origin: Origin,
    method: &str,
    url_text: &str,
    body: Option<&str>,
) -> Result<Snippet, Why> {
    let url = ir.split_url(url_text);
    let (path, query) = (format!("/{}", url.path), url.query.map(str::to_owned));
    let segments: Vec<&str> = url.path.split('/').collect();
    let Some(route) = nav
        .roots
        .iter()
        .find_map(|&root| walk(ir, nav, root, &segments, method, false))
    else {
        let why = format!("no documented `{method}` request line has the URL `{path}`");
        return Err(if page_documents(ir, origin, method, url_text) {
            Why::Generator(why)
        } else {
            Why::Example(format!("{why} (example-url-unmatched)"))
        });
    };
    // An example that another page's call reproduces is welcome; one that fails there is its
    // own page's defect when that page does not document its method and URL.
    snippet_at(ir, nav, origin, method, route, path, query, body).map_err(|why| match why {
        Why::Generator(why) if !page_documents(ir, origin, method, url_text) => {
            Why::Example(format!("{why} (example-url-unmatched)"))
        }
        why => why,
    })
}

/// Whether one of the lines the example's page writes matches its method and URL.
fn page_documents(ir: &Ir, origin: Origin, method: &str, url: &str) -> bool {
    let page = match origin {
        Origin::Example(i) => ir.examples[i].page,
        Origin::Bodiless(i) => ir.bodiless_requests[i].page,
    };
    ir.operations
        .iter()
        .filter(|op| op.page == page)
        .any(|op| crate::check::bodies::documents(ir, op, method, url))
}

#[allow(clippy::too_many_arguments)]
fn snippet_at(
    ir: &Ir,
    nav: &NavTree,
    origin: Origin,
    method: &str,
    route: Route,
    path: String,
    query: Option<String>,
    body: Option<&str>,
) -> Result<Snippet, Why> {
    let (node, call_index) = (route.node, route.call);
    let call = &nav.nodes[node].calls[call_index];
    let mut call_args = route.call_args;
    let mut pairs: Vec<(String, String)> = query
        .as_deref()
        .map(|q| {
            crate::lower::http::query_options(q)
                .map(|(k, v)| (decode(k), v.map(decode).unwrap_or_default()))
                .collect()
        })
        .unwrap_or_default();
    let expected_query = pairs.clone();
    for q in &call.query_args {
        let at = pairs
            .iter()
            .position(|(k, _)| k.eq_ignore_ascii_case(&q.key))
            .ok_or_else(|| format!("the example does not set `{}`, which the call takes", q.key))?;
        let (_, value) = pairs.remove(at);
        let inner = value
            .strip_prefix(q.prefix.as_str())
            .and_then(|v| v.strip_suffix(q.suffix.as_str()))
            .ok_or_else(|| format!("`{}={value}` is not `{}…{}`", q.key, q.prefix, q.suffix))?;
        call_args.push(inner.to_owned());
    }
    let options = pairs
        .into_iter()
        .map(|(k, v)| query_option(call.kind, k, v))
        .collect();
    // A diagnostic already says the body is not what its model reads: the example's defect.
    let Some(body_text) = body else {
        return Err(Why::Example("its body is not JSON its model reads".into()));
    };
    let body = match (&ir.operations[call.op].body, body_text.trim()) {
        (_, "") => None,
        (Some(Body::Model(_) | Body::Parameters(_) | Body::Reference), json) => {
            Some(SentBody::Json(
                serde_json::from_str(json)
                    .map_err(|e| format!("its body is not strict JSON ({e})"))?,
            ))
        }
        (Some(Body::Bytes), text) => Some(SentBody::Bytes(text.to_owned())),
        (None, _) => return Err("it sends a body where its call sends none".into()),
    };
    if body.is_none() && ir.operations[call.op].body.is_some() {
        return Err("it shows no body where its call sends one".into());
    }
    Ok(Snippet {
        origin,
        steps: route.steps,
        node,
        call: call_index,
        call_args,
        options,
        body,
        method: method.to_owned(),
        path: decode(&path),
        query: expected_query,
    })
}

/// `$select=a,b` → `.select(&["a", "b"])` on a read that takes it; else `.query(name, value)`.
fn query_option(kind: CallKind, key: String, value: String) -> QueryOption {
    let collection = kind == CallKind::ReadsCollection;
    let read = collection || kind == CallKind::ReadsEntity;
    let narrows = collection || kind == CallKind::ReadsCount;
    match key.as_str() {
        "$select" if read => QueryOption::Select(split_top_level(&value)),
        "$expand" if read => QueryOption::Expand(split_top_level(&value)),
        "$filter" if narrows => QueryOption::Filter(value),
        "$orderby" if collection => QueryOption::OrderBy(split_top_level(&value)),
        "$search" if narrows => QueryOption::Search(value),
        "$top" if collection && value.parse::<u32>().is_ok() => {
            QueryOption::Top(value.parse().expect("checked"))
        }
        "$skip" if collection && value.parse::<u32>().is_ok() => {
            QueryOption::Skip(value.parse().expect("checked"))
        }
        "$count" if collection && (value == "true" || value == "false") => {
            QueryOption::Count(value == "true")
        }
        _ => QueryOption::Other(key, value),
    }
}

/// `a,b($select=c,d)` → `a`, `b($select=c,d)`: commas inside parentheses stay.
fn split_top_level(value: &str) -> Vec<String> {
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0i32, 0);
    for (i, c) in value.char_indices() {
        match c {
            '(' => depth += 1,
            ')' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(value[start..i].to_owned());
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(value[start..].to_owned());
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn option_values_split_outside_parentheses() {
        assert_eq!(
            split_top_level("fields($select=a,b),columns"),
            ["fields($select=a,b)", "columns"]
        );
    }
}
