//! Reading and writing the JSON object behind every model: the generated `Serialize` and
//! `Deserialize` impls are one line a property calling into this module.
//!
//! Why not `#[derive(Serialize, Deserialize)]`: on all of Graph the derives expand to a field
//! enum, a visitor and a match arm for each of thousands of properties, and type-checking that
//! expansion was most of the crate's compile time. These functions are compiled once.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de;
use serde::ser::{SerializeMap, Serializer};
use serde::{Deserializer, Serialize};
use serde_json::Value;

use super::Nullable;

/// A model read member by member, straight from the deserializer: each documented member
/// into its field, the rest into the map that keeps them. Nothing is buffered: a member's value
/// is read once, by the type of its field.
///
/// The generated `Deserialize` impl of a model is one call to [`read_object`], and its
/// `ReadObject` impl one match arm a property calling [`read_member`].
pub trait ReadObject {
    /// The type's qualified name, for errors (`expected a JSON object (microsoft.graph.user)`).
    const TYPE_NAME: &'static str;

    /// Reads the value of the member `name` into its field from `access`; `Ok(false)`, with
    /// the value not read, when the model documents no such member.
    fn read_documented<'de, A: de::MapAccess<'de>>(
        &mut self,
        name: &str,
        access: &mut A,
    ) -> Result<bool, A::Error>;

    /// Where the members the model does not document are kept.
    fn rest(&mut self) -> &mut BTreeMap<String, Value>;
}

/// A base type with derived types (an `Any<Type>` enum), read as whichever of them the
/// object's `@odata.type` names; its `ReadObject` impl reads into the variant chosen.
pub trait ReadPolymorphic: ReadObject + Sized {
    /// The empty variant of the type `odata_type` names (lowercase, without `#`); the base
    /// type's for any other name.
    fn variant(odata_type: &str) -> Self;

    /// The variant's `@odata.type` field.
    fn odata_type(&mut self) -> &mut Option<String>;
}

/// Reads a JSON object into the model `T`; anything else is an error naming its type.
pub fn read_object<'de, T: ReadObject + Default, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(ObjectVisitor(PhantomData))
}

/// Reads a JSON object into the variant of `T` that its `@odata.type` names. When that is the
/// first member, as services write it, the object streams into the variant like any other;
/// otherwise the object is buffered first, to find it.
pub fn read_polymorphic<'de, T: ReadPolymorphic, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<T, D::Error> {
    deserializer.deserialize_map(PolymorphicVisitor(PhantomData))
}

struct ObjectVisitor<T>(PhantomData<T>);

impl<'de, T: ReadObject + Default> de::Visitor<'de> for ObjectVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a JSON object ({})", T::TYPE_NAME)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut access: A) -> Result<T, A::Error> {
        let mut object = T::default();
        read_members(&mut object, &mut access)?;
        Ok(object)
    }
}

/// Reads the (remaining) members of an object into `object`.
fn read_members<'de, T: ReadObject, A: de::MapAccess<'de>>(
    object: &mut T,
    access: &mut A,
) -> Result<(), A::Error> {
    while let Some(name) = access.next_key_seed(NameSeed)? {
        if !object.read_documented(name.as_str(), access)? {
            // A member the docs do not describe: kept as it is. Sent twice, the last value is
            // kept, as a map keeps it.
            let value: Value = access.next_value()?;
            object.rest().insert(name.into_string(), value);
        }
    }
    Ok(())
}

struct PolymorphicVisitor<T>(PhantomData<T>);

impl<'de, T: ReadPolymorphic> de::Visitor<'de> for PolymorphicVisitor<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a JSON object ({})", T::TYPE_NAME)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut access: A) -> Result<T, A::Error> {
        let Some(first) = access.next_key_seed(NameSeed)? else {
            return Ok(T::variant(""));
        };
        if first.as_str() == "@odata.type" {
            let named: Option<String> = access
                .next_value()
                .map_err(|error| in_member("@odata.type", error))?;
            let mut object = T::variant(&variant_key(named.as_deref()));
            *object.odata_type() = named;
            read_members(&mut object, &mut access)?;
            return Ok(object);
        }
        // `@odata.type` comes later, if at all: the object is buffered to find it, then read
        // from the buffer. Names sent twice are remembered, since the buffer keeps one value.
        let mut members = serde_json::Map::new();
        let mut repeated = Vec::new();
        members.insert(first.into_string(), access.next_value()?);
        while let Some((name, value)) = access.next_entry::<String, Value>()? {
            if members.insert(name.clone(), value).is_some() {
                repeated.push(name);
            }
        }
        let named = members.get("@odata.type").and_then(Value::as_str);
        let mut object = T::variant(&variant_key(named));
        de::Deserializer::deserialize_map(Value::Object(members), FillVisitor(&mut object))
            .map_err(de::Error::custom)?;
        if let Some(name) = repeated
            .iter()
            .find(|name| !object.rest().contains_key(*name))
        {
            return Err(de::Error::custom(format_args!(
                "duplicate member `{name}` in {}",
                T::TYPE_NAME
            )));
        }
        Ok(object)
    }
}

/// An `@odata.type` as the variants are matched: without `#`, in lowercase.
fn variant_key(odata_type: Option<&str>) -> String {
    odata_type
        .unwrap_or_default()
        .trim_start_matches('#')
        .to_ascii_lowercase()
}

/// Reads a buffered object's members into a variant already chosen.
struct FillVisitor<'a, T>(&'a mut T);

impl<'de, T: ReadObject> de::Visitor<'de> for FillVisitor<'_, T> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "a JSON object ({})", T::TYPE_NAME)
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        read_members(self.0, &mut access)
    }
}

/// Reads the value of the documented member `name` into `field`. A member sent twice is an
/// error (which of the values was meant is unknowable); an error names the member, so that a
/// nested one reads as a path: `manager: ageGroup: …`.
pub fn read_member<'de, A, T>(
    field: &mut T,
    name: &str,
    type_name: &str,
    access: &mut A,
) -> Result<(), A::Error>
where
    A: de::MapAccess<'de>,
    T: Member + de::Deserialize<'de>,
{
    if !field.is_absent() {
        return Err(de::Error::custom(format_args!(
            "duplicate member `{name}` in {type_name}"
        )));
    }
    *field = access
        .next_value()
        .map_err(|error| in_member(name, error))?;
    Ok(())
}

/// `error` as the error of the member `name`: its message prefixed with the name. The position
/// a JSON reader appended to the inner message is dropped, since the reader appends the
/// position again to the error the object returns.
fn in_member<E: de::Error>(name: &str, error: E) -> E {
    let message = error.to_string();
    E::custom(format_args!("{name}: {}", without_position(&message)))
}

/// `message` without a trailing ` at line N column M`.
fn without_position(message: &str) -> &str {
    let Some(at) = message.rfind(" at line ") else {
        return message;
    };
    let tail = &message[at + " at line ".len()..];
    let positional = tail.split_once(" column ").is_some_and(|(line, column)| {
        !line.is_empty()
            && !column.is_empty()
            && line.bytes().all(|b| b.is_ascii_digit())
            && column.bytes().all(|b| b.is_ascii_digit())
    });
    if positional {
        &message[..at]
    } else {
        message
    }
}

/// A member name, borrowed from the input where the deserializer can lend it (so that a
/// documented member costs no allocation), owned where it cannot.
enum MemberName<'de> {
    Borrowed(&'de str),
    Owned(String),
}

impl MemberName<'_> {
    fn as_str(&self) -> &str {
        match self {
            MemberName::Borrowed(name) => name,
            MemberName::Owned(name) => name,
        }
    }

    fn into_string(self) -> String {
        match self {
            MemberName::Borrowed(name) => name.to_owned(),
            MemberName::Owned(name) => name,
        }
    }
}

struct NameSeed;

impl<'de> de::DeserializeSeed<'de> for NameSeed {
    type Value = MemberName<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> de::Visitor<'de> for NameSeed {
    type Value = MemberName<'de>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E: de::Error>(self, name: &'de str) -> Result<Self::Value, E> {
        Ok(MemberName::Borrowed(name))
    }

    fn visit_str<E: de::Error>(self, name: &str) -> Result<Self::Value, E> {
        Ok(MemberName::Owned(name.to_owned()))
    }

    fn visit_string<E: de::Error>(self, name: String) -> Result<Self::Value, E> {
        Ok(MemberName::Owned(name))
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
            read_object(deserializer)
        }
    }

    impl ReadObject for Sample {
        const TYPE_NAME: &'static str = "sample";

        fn read_documented<'de, A: de::MapAccess<'de>>(
            &mut self,
            name: &str,
            access: &mut A,
        ) -> Result<bool, A::Error> {
            match name {
                "@odata.type" => read_member(&mut self.odata_type, name, Self::TYPE_NAME, access)?,
                "name" => read_member(&mut self.name, name, Self::TYPE_NAME, access)?,
                "count" => read_member(&mut self.count, name, Self::TYPE_NAME, access)?,
                _ => return Ok(false),
            }
            Ok(true)
        }

        fn rest(&mut self) -> &mut BTreeMap<String, Value> {
            &mut self.additional_properties
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

    /// A hand-written `Any<Type>`, shaped as the generated ones are.
    #[derive(Debug, PartialEq)]
    enum AnySample {
        Base(Box<Sample>),
        Derived(Box<Sample>),
    }

    impl<'de> Deserialize<'de> for AnySample {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            read_polymorphic(deserializer)
        }
    }

    impl ReadObject for AnySample {
        const TYPE_NAME: &'static str = "sample";

        fn read_documented<'de, A: de::MapAccess<'de>>(
            &mut self,
            name: &str,
            access: &mut A,
        ) -> Result<bool, A::Error> {
            match self {
                Self::Base(model) | Self::Derived(model) => model.read_documented(name, access),
            }
        }

        fn rest(&mut self) -> &mut BTreeMap<String, Value> {
            match self {
                Self::Base(model) | Self::Derived(model) => model.rest(),
            }
        }
    }

    impl ReadPolymorphic for AnySample {
        fn variant(odata_type: &str) -> Self {
            match odata_type {
                "derived" => Self::Derived(Box::default()),
                _ => Self::Base(Box::default()),
            }
        }

        fn odata_type(&mut self) -> &mut Option<String> {
            match self {
                Self::Base(model) | Self::Derived(model) => &mut model.odata_type,
            }
        }
    }

    #[test]
    fn a_polymorphic_value_reads_as_its_odata_type_wherever_that_is() {
        // First, as services send it: streamed.
        let first: AnySample =
            serde_json::from_str(r##"{"@odata.type":"#Derived","name":"a","x":1}"##).unwrap();
        // Later: buffered, then read the same way.
        let later: AnySample =
            serde_json::from_str(r##"{"name":"a","x":1,"@odata.type":"#Derived"}"##).unwrap();
        assert_eq!(first, later);
        let AnySample::Derived(model) = &first else {
            panic!("{first:?}")
        };
        assert_eq!(model.odata_type.as_deref(), Some("#Derived"));
        assert_eq!(model.name, Nullable::Value("a".into()));
        assert_eq!(model.additional_properties["x"], 1);
        // None, or an unknown one: the base.
        let base: AnySample = serde_json::from_str(r#"{"name":"a"}"#).unwrap();
        assert!(matches!(base, AnySample::Base(_)), "{base:?}");
        let base: AnySample = serde_json::from_str(r##"{"@odata.type":"#other"}"##).unwrap();
        assert!(matches!(base, AnySample::Base(_)), "{base:?}");
        // A documented member twice is an error on either path; an undocumented one is not.
        for json in [
            r##"{"@odata.type":"#Derived","name":"a","name":"b"}"##,
            r##"{"name":"a","name":"b","@odata.type":"#Derived"}"##,
        ] {
            let error = serde_json::from_str::<AnySample>(json).unwrap_err();
            assert!(
                error.to_string().contains("duplicate member `name`"),
                "{error}"
            );
        }
        let kept: AnySample = serde_json::from_str(r#"{"x":1,"x":2}"#).unwrap();
        assert_eq!(
            kept,
            AnySample::Base(Box::new(Sample {
                additional_properties: BTreeMap::from([("x".into(), Value::from(2))]),
                ..Sample::default()
            }))
        );
    }

    #[test]
    fn a_value_reads_as_its_text_does() {
        let json = r##"{"@odata.type":"#x","name":"a","count":null,"extra":{"k":[1,2]}}"##;
        let from_text: Sample = serde_json::from_str(json).unwrap();
        let value: Value = serde_json::from_str(json).unwrap();
        let from_value: Sample = serde_json::from_value(value.clone()).unwrap();
        assert_eq!(from_text, from_value);
        assert_eq!(from_text.odata_type.as_deref(), Some("#x"));
        assert_eq!(serde_json::to_value(&from_text).unwrap(), value);
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
        // The position is the reader's, said once, also for a nested member.
        let error = serde_json::from_str::<Sample>("{\n  \"count\": true}").unwrap_err();
        assert_eq!(error.to_string().matches(" at line ").count(), 1, "{error}");
        assert_eq!((error.line(), error.column()), (2, 16), "{error}");
        // A repeated member that no property takes keeps its last value, as a map does.
        let sample: Sample = serde_json::from_str(r#"{"x":1,"x":2}"#).unwrap();
        assert_eq!(sample.additional_properties["x"], 2);
    }
}
