//! Reading and writing the JSON object behind every model: the generated `Serialize` and
//! `Deserialize` impls are one line a property calling into this module.
//!
//! Why not `#[derive(Serialize, Deserialize)]`: on all of Graph the derives expand to a field
//! enum, a visitor and a match arm for each of thousands of properties, and type-checking that
//! expansion was most of the crate's compile time. These functions are compiled once.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned};
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserializer, Serialize};
use serde_json::{Map, Value};

use super::Nullable;

/// The members of one JSON object being read into a model. Each documented property is taken
/// out by its wire name; what is left over is kept in the model's `additional_properties`.
pub struct ObjectReader<E> {
    members: Map<String, Value>,
    /// Members the object repeated: an error if a property takes one (which of the values was
    /// meant is unknowable, and the derived impls said so too); for the rest the last value is
    /// kept, as a map keeps it.
    repeated: Vec<String>,
    type_name: &'static str,
    /// The error type of the deserializer the object came from.
    error: PhantomData<E>,
}

impl<E: de::Error> ObjectReader<E> {
    /// Reads a JSON object; anything else is an error naming `type_name`.
    pub fn read<'de, D>(deserializer: D, type_name: &'static str) -> Result<Self, E>
    where
        D: Deserializer<'de, Error = E>,
    {
        struct ObjectVisitor(&'static str);
        impl<'de> de::Visitor<'de> for ObjectVisitor {
            type Value = (Map<String, Value>, Vec<String>);
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "a JSON object ({})", self.0)
            }
            fn visit_map<A: de::MapAccess<'de>>(
                self,
                mut access: A,
            ) -> Result<Self::Value, A::Error> {
                let mut members = Map::new();
                let mut repeated = Vec::new();
                while let Some((name, value)) = access.next_entry::<String, Value>()? {
                    if members.contains_key(&name) {
                        repeated.push(name.clone());
                    }
                    members.insert(name, value);
                }
                Ok((members, repeated))
            }
        }
        let (members, repeated) = deserializer.deserialize_map(ObjectVisitor(type_name))?;
        Ok(Self {
            members,
            repeated,
            type_name,
            error: PhantomData,
        })
    }

    /// Takes out the member `name` as a `T`; a missing member is `T::default()` (absent). An
    /// error names the member, so a nested one reads as a path: `manager: ageGroup: …`.
    pub fn take<T: DeserializeOwned + Default>(&mut self, name: &str) -> Result<T, E> {
        if self.repeated.iter().any(|r| r == name) {
            return Err(E::custom(format_args!(
                "duplicate member `{name}` in {}",
                self.type_name
            )));
        }
        match self.members.remove(name) {
            None => Ok(T::default()),
            Some(value) => {
                T::deserialize(value).map_err(|error| E::custom(format_args!("{name}: {error}")))
            }
        }
    }

    /// The members no property took, for `additional_properties`.
    pub fn into_rest(self) -> BTreeMap<String, Value> {
        self.members.into_iter().collect()
    }
}

/// A model field that may be left out of the JSON it writes: an absent [`Nullable`], or an
/// `@odata.type` that is `None`.
pub trait Member: Serialize {
    fn is_absent(&self) -> bool;
}

impl<T: Serialize> Member for Nullable<T> {
    fn is_absent(&self) -> bool {
        Nullable::is_absent(self)
    }
}

impl<T: Serialize> Member for Option<T> {
    fn is_absent(&self) -> bool {
        self.is_none()
    }
}

/// Writes one JSON object, member by member, in the order the model declares them.
pub struct ObjectWriter<M> {
    map: M,
}

impl<M: SerializeMap> ObjectWriter<M> {
    pub fn begin<S: Serializer<SerializeMap = M>>(serializer: S) -> Result<Self, S::Error> {
        Ok(Self {
            map: serializer.serialize_map(None)?,
        })
    }

    /// Writes `name: value` unless the value is absent.
    pub fn member(&mut self, name: &str, value: &impl Member) -> Result<(), M::Error> {
        if value.is_absent() {
            return Ok(());
        }
        self.map.serialize_entry(name, value)
    }

    /// Writes the members the docs do not describe, after the documented ones, and closes the
    /// object.
    pub fn end(mut self, rest: &BTreeMap<String, Value>) -> Result<M::Ok, M::Error> {
        for (name, value) in rest {
            self.map.serialize_entry(name, value)?;
        }
        self.map.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    /// A hand-written model shaped as the generated ones are.
    #[derive(Debug, Default, PartialEq)]
    struct Sample {
        odata_type: Option<String>,
        name: Nullable<String>,
        count: Nullable<i32>,
        additional_properties: BTreeMap<String, Value>,
    }

    impl Serialize for Sample {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut object = ObjectWriter::begin(serializer)?;
            object.member("@odata.type", &self.odata_type)?;
            object.member("name", &self.name)?;
            object.member("count", &self.count)?;
            object.end(&self.additional_properties)
        }
    }

    impl<'de> Deserialize<'de> for Sample {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let mut object = ObjectReader::read(deserializer, "sample")?;
            Ok(Self {
                odata_type: object.take("@odata.type")?,
                name: object.take("name")?,
                count: object.take("count")?,
                additional_properties: object.into_rest(),
            })
        }
    }

    #[test]
    fn members_round_trip_with_absent_null_and_unknown_kept_apart() {
        let json = r#"{"name":null,"count":3,"zeta":[1],"@odata.etag":"x"}"#;
        let sample: Sample = serde_json::from_str(json).unwrap();
        assert_eq!(sample.name, Nullable::Null);
        assert_eq!(sample.count, Nullable::Value(3));
        assert_eq!(sample.odata_type, None);
        assert_eq!(sample.additional_properties.len(), 2);
        // Documented members first, in declaration order, then the rest by name.
        assert_eq!(
            serde_json::to_string(&sample).unwrap(),
            r#"{"name":null,"count":3,"@odata.etag":"x","zeta":[1]}"#
        );
    }

    #[test]
    fn errors_name_the_member_and_the_type() {
        let error = serde_json::from_str::<Sample>(r#"{"count":"three"}"#).unwrap_err();
        assert!(
            error
                .to_string()
                .starts_with("count: invalid type: string \"three\""),
            "{error}"
        );
        let error = serde_json::from_str::<Sample>("[1]").unwrap_err();
        assert!(
            error
                .to_string()
                .contains("expected a JSON object (sample)"),
            "{error}"
        );
        let error = serde_json::from_str::<Sample>(r#"{"name":"a","name":"b"}"#).unwrap_err();
        assert!(
            error
                .to_string()
                .contains("duplicate member `name` in sample"),
            "{error}"
        );
        // A repeated member that no property takes keeps its last value, as a map does.
        let sample: Sample = serde_json::from_str(r#"{"x":1,"x":2}"#).unwrap();
        assert_eq!(sample.additional_properties["x"], 2);
    }
}
