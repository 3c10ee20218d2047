//! `PrimitiveValue<T>`: the answer OData gives for one primitive value (a function or action
//! returning `Edm.Boolean`, `Edm.String`, …, or a GET of one primitive property), which is the
//! value wrapped in an object, `{"@odata.context": "…", "value": true}`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One primitive value as OData answers it: `{"@odata.context": "…", "value": …}`.
///
/// Generated code uses it as the response type of an operation that returns a single
/// primitive, so that `T` is read from `value`. Every other member (`@odata.context`, …) is
/// kept in `additional`, so that an answer read and written back is unchanged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrimitiveValue<T> {
    /// The value itself.
    pub value: T,
    /// Every other member of the answer.
    #[serde(flatten)]
    pub additional: BTreeMap<String, serde_json::Value>,
}

impl<T> PrimitiveValue<T> {
    /// `value` with no other members.
    pub fn new(value: T) -> Self {
        PrimitiveValue {
            value,
            additional: BTreeMap::new(),
        }
    }

    /// The value, without the answer's other members.
    pub fn into_inner(self) -> T {
        self.value
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::support::ResponseBody;

    #[test]
    fn reads_the_value_and_keeps_the_rest() {
        let body = br#"{"@odata.context":"x","value":true}"#;
        let answer = PrimitiveValue::<bool>::from_body(body).unwrap();
        assert!(answer.value);
        assert_eq!(answer.additional["@odata.context"], "x");
        let written = serde_json::to_value(&answer).unwrap();
        assert_eq!(
            written,
            serde_json::from_slice::<serde_json::Value>(body).unwrap()
        );
        assert!(answer.into_inner());
    }

    #[test]
    fn other_primitives_and_what_is_not_one() {
        let text: PrimitiveValue<String> = serde_json::from_value(json!({"value": "a"})).unwrap();
        assert_eq!(text, PrimitiveValue::new("a".to_owned()));
        assert_eq!(serde_json::to_value(&text).unwrap(), json!({"value": "a"}));
        let count: PrimitiveValue<Option<i64>> =
            serde_json::from_value(json!({"value": null})).unwrap();
        assert_eq!(count.into_inner(), None);
        // A value of another type, or no value at all, is an error, not a default.
        assert!(serde_json::from_value::<PrimitiveValue<bool>>(json!({"value": "true"})).is_err());
        assert!(
            serde_json::from_value::<PrimitiveValue<bool>>(json!({"@odata.context": "x"})).is_err()
        );
    }
}
