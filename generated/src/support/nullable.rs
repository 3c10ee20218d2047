//! `Nullable<T>`: a property that can be absent, explicitly `null`, or a value. A PATCH body
//! needs all three (leave alone, clear, set), and a value read and written back must keep an
//! explicit `null` apart from a missing key; `Option<T>` can only say two of these.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// One property of a model: absent (not sent, not received), `null`, or a value.
///
/// Model fields are declared with `#[serde(default, skip_serializing_if = "Nullable::is_absent")]`,
/// so an absent property is not written and a missing key reads as `Absent`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Nullable<T> {
    /// Not present: a PATCH leaves the property alone.
    #[default]
    Absent,
    /// Present as JSON `null`: a PATCH clears the property.
    Null,
    /// Present with a value.
    Value(T),
}

impl<T> Nullable<T> {
    pub fn is_absent(&self) -> bool {
        matches!(self, Nullable::Absent)
    }

    pub fn is_null(&self) -> bool {
        matches!(self, Nullable::Null)
    }

    /// The value, if there is one.
    pub fn value(&self) -> Option<&T> {
        match self {
            Nullable::Value(v) => Some(v),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// The value through `Deref`, e.g. `Option<&str>` from a `Nullable<String>`.
    pub fn as_deref(&self) -> Option<&T::Target>
    where
        T: std::ops::Deref,
    {
        self.value().map(|v| &**v)
    }

    pub fn value_mut(&mut self) -> Option<&mut T> {
        match self {
            Nullable::Value(v) => Some(v),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    /// The value, if there is one; absent and null both become `None`.
    pub fn into_option(self) -> Option<T> {
        match self {
            Nullable::Value(v) => Some(v),
            Nullable::Absent | Nullable::Null => None,
        }
    }

    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(v),
        }
    }

    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Nullable::Absent => Nullable::Absent,
            Nullable::Null => Nullable::Null,
            Nullable::Value(v) => Nullable::Value(f(v)),
        }
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Nullable::Value(value)
    }
}

/// `job_title: "Engineer".into()` for a string property.
impl From<&str> for Nullable<String> {
    fn from(value: &str) -> Self {
        Nullable::Value(value.to_owned())
    }
}

impl<T> From<Option<T>> for Nullable<T> {
    /// `None` is an explicit `null`: converting from an `Option` means the caller has a say.
    fn from(value: Option<T>) -> Self {
        value.map_or(Nullable::Null, Nullable::Value)
    }
}

impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            // Reached only without `skip_serializing_if`; `null` is the closest JSON can say.
            Nullable::Absent | Nullable::Null => serializer.serialize_none(),
            Nullable::Value(v) => serializer.serialize_some(v),
        }
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    /// Called only when the key is present (a missing key is `Absent` through `#[serde(default)]`).
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<T>::deserialize(deserializer)?.into())
    }
}

#[cfg(test)]
mod tests {
    use super::Nullable;
    use proptest::prelude::*;
    use serde::{Deserialize, Serialize};

    #[derive(Debug, Default, PartialEq, Serialize, Deserialize)]
    struct Patch {
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        a: Nullable<String>,
        #[serde(default, skip_serializing_if = "Nullable::is_absent")]
        b: Nullable<i64>,
    }

    #[test]
    fn values_convert_into_nullable() {
        let title: Nullable<String> = "Engineer".into();
        assert_eq!(title, Nullable::Value("Engineer".to_owned()));
        let count: Nullable<i64> = 7.into();
        assert_eq!(count, Nullable::Value(7));
        let cleared: Nullable<i64> = None.into();
        assert_eq!(cleared, Nullable::Null);
    }

    #[test]
    fn absent_null_and_value_are_three_different_bodies() {
        let cleared_and_set = Patch {
            a: Nullable::Null,
            b: Nullable::Value(7),
        };
        assert_eq!(
            serde_json::to_string(&cleared_and_set).unwrap(),
            r#"{"a":null,"b":7}"#
        );
        assert_eq!(serde_json::to_string(&Patch::default()).unwrap(), "{}");
    }

    #[test]
    fn reading_tells_absent_from_null() {
        let p: Patch = serde_json::from_str(r#"{"a":null}"#).unwrap();
        assert_eq!(
            p,
            Patch {
                a: Nullable::Null,
                b: Nullable::Absent
            }
        );
        let p: Patch = serde_json::from_str(r#"{"b":3}"#).unwrap();
        assert_eq!(
            p,
            Patch {
                a: Nullable::Absent,
                b: Nullable::Value(3)
            }
        );
    }

    fn nullable() -> impl Strategy<Value = Nullable<i64>> {
        prop_oneof![
            Just(Nullable::Absent),
            Just(Nullable::Null),
            any::<i64>().prop_map(Nullable::Value)
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn every_state_round_trips(b in nullable(), a in proptest::option::of(".*")) {
            let patch = Patch { a: a.map_or(Nullable::Absent, Nullable::Value), b };
            let json = serde_json::to_string(&patch).unwrap();
            prop_assert_eq!(serde_json::from_str::<Patch>(&json).unwrap(), patch);
        }
    }
}
