//! `Guid` (Edm.Guid): a `uuid::Uuid` that remembers whether it was written in upper case, so a
//! GUID read from the service is written back exactly as it came (Graph sends both cases).

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::ParseError;
use super::text::serde_str;

/// A GUID in the hyphenated form OData uses, e.g. `5b4c7bd4-36c2-4fb0-8a7b-4f5e9e0d8f41`.
///
/// Equality and ordering compare the written form; compare [`Guid::uuid`] for the value alone.
#[derive(Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Guid {
    uuid: uuid::Uuid,
    /// Written with upper-case hex digits. Mixed case is read but written in lower case.
    upper: bool,
}

impl Guid {
    /// Parses the hyphenated form (8-4-4-4-12 hex digits, either case).
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let well_formed = text.len() == 36
            && text.char_indices().all(|(i, c)| match i {
                8 | 13 | 18 | 23 => c == '-',
                _ => c.is_ascii_hexdigit(),
            });
        if !well_formed {
            return Err(ParseError::new(
                "Guid",
                text,
                "expected 8-4-4-4-12 hexadecimal digits",
            ));
        }
        let uuid = uuid::Uuid::parse_str(text)
            .map_err(|e| ParseError::new("Guid", text, e.to_string()))?;
        let upper = text.bytes().any(|b| b.is_ascii_uppercase())
            && !text.bytes().any(|b| b.is_ascii_lowercase());
        Ok(Guid { uuid, upper })
    }

    /// The value, whatever case it was written in.
    pub fn uuid(&self) -> uuid::Uuid {
        self.uuid
    }
}

impl From<uuid::Uuid> for Guid {
    fn from(uuid: uuid::Uuid) -> Self {
        Guid { uuid, upper: false }
    }
}

impl From<Guid> for uuid::Uuid {
    fn from(guid: Guid) -> Self {
        guid.uuid
    }
}

impl FromStr for Guid {
    type Err = ParseError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Guid::parse(text)
    }
}

impl fmt::Display for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let hyphenated = self.uuid.hyphenated();
        if self.upper {
            write!(f, "{hyphenated:X}")
        } else {
            write!(f, "{hyphenated:x}")
        }
    }
}

impl fmt::Debug for Guid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Guid({self})")
    }
}

impl Serialize for Guid {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Guid {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_str::deserialize(deserializer, "a hyphenated GUID string")
    }
}

#[cfg(test)]
mod tests {
    use super::Guid;
    use proptest::prelude::*;

    #[test]
    fn both_cases_are_written_back_as_read() {
        for text in [
            "0118a350-71fc-4ec3-8f0c-6a1cb8867561",
            "0118A350-71FC-4EC3-8F0C-6A1CB8867561",
        ] {
            assert_eq!(Guid::parse(text).unwrap().to_string(), text);
        }
        assert_eq!(
            Guid::parse("0118A350-71fc-4ec3-8f0c-6a1cb8867561")
                .unwrap()
                .to_string(),
            "0118a350-71fc-4ec3-8f0c-6a1cb8867561"
        );
    }

    #[test]
    fn other_forms_are_rejected() {
        for bad in [
            "Guid",
            "0118a35071fc4ec38f0c6a1cb8867561",
            "{0118a350-71fc-4ec3-8f0c-6a1cb8867561}",
            "",
        ] {
            assert!(Guid::parse(bad).is_err(), "{bad}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn round_trips(bytes in any::<[u8; 16]>(), upper in any::<bool>()) {
            let text = uuid::Uuid::from_bytes(bytes).hyphenated().to_string();
            let text = if upper { text.to_ascii_uppercase() } else { text };
            let json = serde_json::to_string(&text).unwrap();
            let guid: Guid = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(serde_json::to_string(&guid).unwrap(), json);
        }
    }
}
