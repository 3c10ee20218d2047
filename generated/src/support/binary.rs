//! `Base64` (Edm.Binary): bytes that travel in JSON as a standard, padded base64 string.

use std::fmt;
use std::str::FromStr;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::ParseError;
use super::text::serde_str;

/// An OData `Edm.Binary` value, e.g. a file attachment's `contentBytes`.
///
/// Graph writes these with the standard alphabet (`+`, `/`) and `=` padding, so that is the
/// only form accepted: the base64 crate's `STANDARD` engine rejects missing padding, the URL-safe
/// alphabet and non-zero trailing bits, which means every accepted string is the one encoding of
/// its bytes and deserialize → serialize gives back the same text.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Base64(pub Vec<u8>);

impl Base64 {
    /// Decodes standard, padded base64.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        STANDARD
            .decode(text)
            .map(Base64)
            .map_err(|error| ParseError::new("Edm.Binary", text, error.to_string()))
    }

    /// The decoded bytes.
    pub fn as_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The decoded bytes, by value.
    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl fmt::Display for Base64 {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&STANDARD.encode(&self.0))
    }
}

impl FromStr for Base64 {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        Self::parse(text)
    }
}

impl From<Vec<u8>> for Base64 {
    fn from(bytes: Vec<u8>) -> Self {
        Base64(bytes)
    }
}

impl From<&[u8]> for Base64 {
    fn from(bytes: &[u8]) -> Self {
        Base64(bytes.to_vec())
    }
}

impl From<Base64> for Vec<u8> {
    fn from(value: Base64) -> Self {
        value.0
    }
}

impl AsRef<[u8]> for Base64 {
    fn as_ref(&self) -> &[u8] {
        &self.0
    }
}

impl Serialize for Base64 {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&STANDARD.encode(&self.0))
    }
}

impl<'de> Deserialize<'de> for Base64 {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_str::deserialize(deserializer, "a standard, padded base64 string")
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    #[test]
    fn standard_padded_base64_round_trips() {
        for (text, bytes) in [
            ("aGVsbG8=", &b"hello"[..]),
            ("", &b""[..]),
            ("+/8=", &[0xfb, 0xff][..]),
        ] {
            let value = Base64::parse(text).unwrap();
            assert_eq!(value.as_bytes(), bytes);
            assert_eq!(value.to_string(), text);
            let json = format!("\"{text}\"");
            let from_json: Base64 = serde_json::from_str(&json).unwrap();
            assert_eq!(from_json, value);
            assert_eq!(serde_json::to_string(&from_json).unwrap(), json);
        }
        let value = Base64::from(b"hi".to_vec());
        assert_eq!(value.clone().into_inner(), b"hi");
        assert_eq!(Vec::from(value), b"hi");
    }

    #[test]
    fn rejects_anything_but_canonical_standard_base64() {
        for text in [
            "aGVsbG8",
            "aGVsbG9=",
            "-_8=",
            "aGVs bG8=",
            "aGVsbG8=\n",
            "é",
        ] {
            let error = Base64::parse(text).unwrap_err();
            assert_eq!(error.type_name(), "Edm.Binary", "{text}");
        }
        let error = serde_json::from_str::<Base64>("\"aGVsbG8\"").unwrap_err();
        assert!(error.to_string().contains("invalid Edm.Binary"));
        assert!(serde_json::from_str::<Base64>("[104, 105]").is_err());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_bytes_round_trip(bytes in prop::collection::vec(any::<u8>(), 0..64)) {
            let value = Base64(bytes.clone());
            let text = value.to_string();
            let parsed = Base64::parse(&text).unwrap();
            prop_assert_eq!(&parsed.to_string(), &text);
            prop_assert_eq!(parsed.as_bytes(), &bytes[..]);
            let json = serde_json::to_string(&value).unwrap();
            prop_assert_eq!(&json, &format!("\"{text}\""));
            prop_assert_eq!(serde_json::from_str::<Base64>(&json).unwrap(), value);
        }
    }
}
