//! The runner of `doc_examples/snippets.rs`: what a reproduced request example is, how the
//! request its snippet builds is compared with the example, and the test over the `cases()` that
//! file generates. Hand-written and kept in step with the generator, like `src/support/`.

// Each runner is mounted by its own generated file and stands alone, so the two that compare
// JSON each mount this one file.
#[allow(clippy::duplicate_mod)]
#[path = "json.rs"]
mod json;
use json::same_json;

use super::krate::support::DEFAULT_BASE_URL;

/// One documented request example and the snippet that must reproduce it.
pub(super) struct Case {
    pub(super) at: &'static str,
    pub(super) method: &'static str,
    /// Percent-decoded, after the version segment.
    pub(super) path: &'static str,
    /// Percent-decoded pairs, in the example's order.
    pub(super) query: &'static [(&'static str, &'static str)],
    pub(super) body: Sent,
    pub(super) build: Build,
}

/// What the example sends. A docs tree need not show every kind.
#[allow(dead_code)]
pub(super) enum Sent {
    Nothing,
    /// JSON, compared as values.
    Json(&'static str),
    /// Media shown as text, compared byte for byte.
    Bytes(&'static str),
}

/// Builds a snippet's request.
pub(super) type Build = fn() -> Result<http::Request<Vec<u8>>, Box<dyn std::error::Error>>;

fn decoded(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// What the built request differs in from its example, if anything.
fn differences(case: &Case, request: &http::Request<Vec<u8>>) -> Vec<String> {
    let mut differences = Vec::new();
    if request.method().as_str() != case.method {
        differences.push(format!(
            "method {} is not {}",
            request.method(),
            case.method
        ));
    }
    let base = http::Uri::from_static(DEFAULT_BASE_URL);
    let path = decoded(
        request
            .uri()
            .path()
            .strip_prefix(base.path())
            .unwrap_or(request.uri().path()),
    );
    // Graph's paths ignore case; the docs' examples do not always match their lines'.
    if !path.eq_ignore_ascii_case(case.path) {
        differences.push(format!("path {path} is not {}", case.path));
    }
    let mut query: Vec<(String, String)> = request
        .uri()
        .query()
        .unwrap_or("")
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((k, v)) => (decoded(k), decoded(v)),
            None => (decoded(p), String::new()),
        })
        .collect();
    // Graph reads query option names ignoring case (`startdatetime` is `startDateTime`); values
    // are compared exactly.
    for (name, _) in &mut query {
        *name = name.to_ascii_lowercase();
    }
    let mut expected: Vec<(String, String)> = case
        .query
        .iter()
        .map(|(k, v)| (k.to_ascii_lowercase(), (*v).to_owned()))
        .collect();
    query.sort();
    expected.sort();
    if query != expected {
        differences.push(format!("query {query:?} is not {expected:?}"));
    }
    match case.body {
        Sent::Json(body) => {
            let expected: serde_json::Value = serde_json::from_str(body).unwrap();
            match serde_json::from_slice::<serde_json::Value>(request.body()) {
                Ok(sent) if same_json(&sent, &expected) => {}
                Ok(sent) => differences.push(format!("body {sent} is not {expected}")),
                Err(e) => differences.push(format!("body is not JSON: {e}")),
            }
        }
        Sent::Bytes(text) if request.body().as_slice() != text.as_bytes() => {
            differences.push(format!(
                "body {:?} is not {text:?}",
                String::from_utf8_lossy(request.body())
            ));
        }
        Sent::Nothing if !request.body().is_empty() => {
            differences.push("a body was sent where the example has none".into());
        }
        Sent::Bytes(_) | Sent::Nothing => {}
    }
    differences
}

#[test]
fn request_examples_build_the_requests_they_show() {
    let cases = super::cases();
    let mut failures = Vec::new();
    for case in &cases {
        match (case.build)() {
            Ok(request) => {
                let differences = differences(case, &request);
                if !differences.is_empty() {
                    failures.push(format!("{}: {}", case.at, differences.join("; ")));
                }
            }
            Err(e) => failures.push(format!("{}: {e}", case.at)),
        }
    }
    println!(
        "{} of {} snippets reproduce their request examples",
        cases.len() - failures.len(),
        cases.len()
    );
    assert!(
        failures.is_empty(),
        "{} snippets differ from their examples:\n\n{}",
        failures.len(),
        failures.join("\n")
    );
}
