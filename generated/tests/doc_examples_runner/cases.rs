//! The runner of `doc_examples/cases.rs`: what a case is, how an example body is checked
//! against its model, and the tests over the `CASES` table that file generates. Hand-written and
//! kept in step with the generator, like `src/support/`.

// Each runner is mounted by its own generated file and stands alone, so the two that compare
// JSON each mount this one file.
#[allow(clippy::duplicate_mod)]
#[path = "json.rs"]
mod json;
use json::same_json;

/// Why an example of a model whose area feature is off is left out.
#[allow(dead_code)]
pub(super) const AREA_DISABLED: &str = "area-disabled";

/// One example body, where it is documented, and what must hold for it.
pub(super) struct Case {
    pub(super) at: &'static str,
    /// Diagnostic codes that keep it from being a round-trip test (`no-model`: the docs name
    /// no model for the body).
    pub(super) codes: &'static [&'static str],
    pub(super) json: &'static str,
    pub(super) check: Check,
}

// Which kinds occur depends on the docs.
#[allow(dead_code)]
pub(super) enum Check {
    RoundTrip(Probe),
    Rejected(Probe),
    LeftOut,
}

/// Runs one example body through its model; `Err` says what went wrong.
pub(super) type Probe = fn(&str) -> Result<(), String>;

/// Reads `json` into `T` and writes it back: the JSON value must be unchanged. Numbers are
/// compared as numbers (`1` and `1.0` are the same JSON number; a `Double` writes `1.0`). The
/// model reads the text itself, as a client does, and a `serde_json::Value` of it, as a
/// dispatch on `@odata.type` does: both must hold.
#[allow(dead_code)] // when no example round-trips
pub(super) fn round_trip<T: serde::Serialize + serde::de::DeserializeOwned>(
    json: &str,
) -> Result<(), String> {
    let original: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    let from_text: T =
        serde_json::from_str(json).map_err(|e| format!("does not fit its model: {e}"))?;
    let from_value: T = serde_json::from_value(original.clone())
        .map_err(|e| format!("does not fit its model (read from a Value): {e}"))?;
    for (model, read) in [(from_text, "the text"), (from_value, "a Value")] {
        let written =
            serde_json::to_value(&model).map_err(|e| format!("does not serialize: {e}"))?;
        if !same_json(&written, &original) {
            return Err(format!(
                "read from {read}, written back:\n{written:#}\noriginal:\n{original:#}"
            ));
        }
    }
    Ok(())
}

/// A body the docs checker rejected for wrong values must not read into its model.
#[allow(dead_code)] // when no example is rejected
pub(super) fn rejected<T: serde::de::DeserializeOwned>(json: &str) -> Result<(), String> {
    let original: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("not JSON: {e}"))?;
    match (
        serde_json::from_str::<T>(json),
        serde_json::from_value::<T>(original),
    ) {
        (Err(_), Err(_)) => Ok(()),
        _ => Err("the docs checker rejected this example but the model read it".into()),
    }
}

/// Runs the checks of one kind and reports every failure with its page and line.
fn run(select: fn(&Check) -> Option<Probe>) -> usize {
    let mut failures = Vec::new();
    let mut ran = 0;
    for case in super::CASES.iter().copied().flatten() {
        if let Some(check) = select(&case.check) {
            ran += 1;
            if let Err(why) = check(case.json) {
                failures.push(format!("{}: {why}", case.at));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {ran} examples failed:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    ran
}

#[test]
fn clean_examples_round_trip_unchanged() {
    run(|c| match c {
        Check::RoundTrip(f) => Some(*f),
        _ => None,
    });
}

#[test]
fn examples_with_wrong_values_are_rejected_by_their_models() {
    run(|c| match c {
        Check::Rejected(f) => Some(*f),
        _ => None,
    });
}

/// Every example is accounted for: checked, or left out with at least one reason.
#[test]
fn every_left_out_example_says_why() {
    for case in super::CASES.iter().copied().flatten() {
        if let Check::LeftOut = case.check {
            assert!(
                !case.codes.is_empty(),
                "{} is left out without a reason",
                case.at
            );
        }
    }
}
