//! `Flags<T>`: the value of a flags enum, a comma-separated list of members (`"read,write"`),
//! kept in the order it was written and written back the same way.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// An enum the generator made: a wire name for each member, and any other name kept as is.
pub trait WireEnum: Sized {
    fn as_str(&self) -> &str;
    fn from_wire(value: &str) -> Self;
}

/// A set of flags-enum members, in written order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Flags<T>(pub Vec<T>);

impl<T: WireEnum + PartialEq> Flags<T> {
    pub fn contains(&self, member: &T) -> bool {
        self.0.contains(member)
    }
}

impl<T: WireEnum> Serialize for Flags<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let names: Vec<&str> = self.0.iter().map(WireEnum::as_str).collect();
        serializer.serialize_str(&names.join(","))
    }
}

impl<'de, T: WireEnum> Deserialize<'de> for Flags<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        if text.is_empty() {
            return Ok(Flags(Vec::new()));
        }
        Ok(Flags(
            text.split(',').map(|m| T::from_wire(m.trim())).collect(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::{Flags, WireEnum};
    use proptest::prelude::*;

    #[derive(Clone, Debug, PartialEq)]
    enum Access {
        Read,
        Write,
        Other(String),
    }

    impl WireEnum for Access {
        fn as_str(&self) -> &str {
            match self {
                Access::Read => "read",
                Access::Write => "write",
                Access::Other(s) => s,
            }
        }
        fn from_wire(value: &str) -> Self {
            match value {
                "read" => Access::Read,
                "write" => Access::Write,
                other => Access::Other(other.to_owned()),
            }
        }
    }

    #[test]
    fn members_and_unknown_names_round_trip() {
        let flags: Flags<Access> = serde_json::from_str("\"write,read,execute\"").unwrap();
        assert_eq!(
            flags.0,
            [Access::Write, Access::Read, Access::Other("execute".into())]
        );
        assert_eq!(
            serde_json::to_string(&flags).unwrap(),
            "\"write,read,execute\""
        );
        let none: Flags<Access> = serde_json::from_str("\"\"").unwrap();
        assert_eq!(serde_json::to_string(&none).unwrap(), "\"\"");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn any_list_of_names_round_trips(names in proptest::collection::vec("[a-zA-Z][a-zA-Z0-9]{0,8}", 1..5)) {
            let json = serde_json::to_string(&names.join(",")).unwrap();
            let flags: Flags<Access> = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(serde_json::to_string(&flags).unwrap(), json);
        }
    }
}
