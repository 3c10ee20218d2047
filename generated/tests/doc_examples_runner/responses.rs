//! The runner of `doc_examples/responses.rs`: what a documented response is, how it is read
//! through its request type as a client reads it, and the test over the `cases()` that file
//! generates. Hand-written and kept in step with the generator, like `src/support/`.

use super::krate::support::{parse_response, GraphRequest};

/// One documented response, where it is documented, and what must hold for it.
pub(super) struct Case {
    pub(super) at: &'static str,
    pub(super) status: u16,
    pub(super) body: &'static str,
    /// Why a case that is not clean may not parse, or why it is not tried.
    pub(super) codes: &'static [&'static str],
    pub(super) expect: Expect,
    pub(super) probe: Option<Probe>,
}

#[derive(PartialEq)]
#[allow(dead_code)] // which kinds occur depends on the docs
pub(super) enum Expect {
    Parses,
    Tried,
    LeftOut,
}

pub(super) type Probe = fn(u16, &str) -> Result<(), String>;

/// Reads a response with `status` and `body` as a client does, through `R`'s parser.
#[allow(dead_code)] // when no operation has a typed response
pub(super) fn parse<R: GraphRequest>(status: u16, body: &str) -> Result<(), String> {
    let response = http::Response::builder()
        .status(status)
        .body(body.as_bytes().to_vec())
        .map_err(|e| e.to_string())?;
    parse_response::<R>(&response)
        .map(|_| ())
        .map_err(|e| e.to_string())
}

/// Clean responses must parse; the others are tried, counted and listed with their codes.
#[test]
fn documented_responses_parse_through_their_request_types() {
    let (mut failures, mut must) = (Vec::new(), 0);
    let (mut tried, mut tried_ok, mut left_out) = (0, 0, 0);
    let mut others = Vec::new();
    for case in super::cases() {
        let Some(probe) = case.probe else {
            left_out += 1;
            continue;
        };
        let result = probe(case.status, case.body);
        if case.expect == Expect::Parses {
            must += 1;
            if let Err(why) = result {
                failures.push(format!("{}: {why}", case.at));
            }
        } else {
            tried += 1;
            match result {
                Ok(()) => tried_ok += 1,
                Err(why) => others.push(format!("{} [{}]: {why}", case.at, case.codes.join(", "))),
            }
        }
    }
    println!(
        "{} of {must} clean responses parse; {tried_ok} of {tried} others parse; {left_out} not tried (or gated off)",
        must - failures.len()
    );
    for other in &others {
        println!("does not parse: {other}");
    }
    assert!(
        failures.is_empty(),
        "{} of {must} clean responses failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}
