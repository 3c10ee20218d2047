//! `Decimal` (Edm.Decimal): a base-10 number that travels as a JSON number or a JSON string.
//!
//! OData writes decimals as JSON numbers, or as strings when the client asks for
//! `IEEE754Compatible=true` because a JavaScript-style reader would round them through `f64`.
//! We accept both, and write a number only when an `f64` reader gets the exact value (same digits,
//! same scale) back; anything else is written as a string so that no digit is lost in transit.

use std::fmt;
use std::str::FromStr;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

use super::error::ParseError;

const TYPE_NAME: &str = "Edm.Decimal";

/// An OData `Edm.Decimal`, wrapping [`rust_decimal::Decimal`] (28 significant digits).
///
/// * Deserializes from a JSON integer (exact), a JSON float (through `f64`, as serde_json has
///   already rounded it: a number written `1.50` arrives as `1.5`) or a JSON string (exact;
///   scientific notation such as `"1.5E+3"` is accepted too).
/// * Serializes as a JSON number when `f64` holds it exactly, i.e. the shortest `f64` text equals
///   the decimal's text (`1.5`, `100`, `0.1`), otherwise as a string (`"1.50"`,
///   `"12345678901234567890.123"`). So a value always deserializes back to the same digits.
/// * Equality, hashing and ordering are numeric (`1.5 == 1.50`), as in `rust_decimal`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Decimal(pub rust_decimal::Decimal);

impl Decimal {
    /// Parses decimal text such as `-12.340` (exactly) or `1.5E+3`.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        let exact = rust_decimal::Decimal::from_str_exact(text);
        let value = match exact {
            Err(_) if text.contains(['e', 'E']) => rust_decimal::Decimal::from_scientific(text),
            other => other,
        };
        value
            .map(Decimal)
            .map_err(|error| ParseError::new(TYPE_NAME, text, error.to_string()))
    }

    /// The `rust_decimal` value.
    pub fn into_inner(self) -> rust_decimal::Decimal {
        self.0
    }

    /// The `f64` that writes out as exactly this decimal's text, if there is one.
    fn exact_f64(&self) -> Option<f64> {
        let text = self.0.to_string();
        let float: f64 = text.parse().ok()?;
        (float.is_finite() && float.to_string() == text).then_some(float)
    }
}

impl fmt::Display for Decimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.0, f)
    }
}

impl FromStr for Decimal {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        Self::parse(text)
    }
}

impl From<rust_decimal::Decimal> for Decimal {
    fn from(value: rust_decimal::Decimal) -> Self {
        Decimal(value)
    }
}

impl From<Decimal> for rust_decimal::Decimal {
    fn from(value: Decimal) -> Self {
        value.0
    }
}

impl Serialize for Decimal {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self.exact_f64() {
            // Integers go out as integers, so `100` is not written `100.0`.
            Some(float) if self.0.scale() == 0 => match i64::try_from(self.0) {
                Ok(integer) => serializer.serialize_i64(integer),
                Err(_) => serializer.serialize_f64(float),
            },
            Some(float) => serializer.serialize_f64(float),
            None => serializer.collect_str(&self.0),
        }
    }
}

impl<'de> Deserialize<'de> for Decimal {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(DecimalVisitor)
    }
}

struct DecimalVisitor;

impl Visitor<'_> for DecimalVisitor {
    type Value = Decimal;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a decimal number or a string holding one")
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<Decimal, E> {
        Ok(Decimal(value.into()))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<Decimal, E> {
        Ok(Decimal(value.into()))
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<Decimal, E> {
        // `f64`'s Display is its shortest exact text without exponent, so `0.1` becomes
        // 0.1 rather than 0.1000000000000000055511151231257827.
        let text = value.to_string();
        rust_decimal::Decimal::from_str(&text)
            .map(Decimal)
            .map_err(|error| E::custom(ParseError::new(TYPE_NAME, &text, error.to_string())))
    }

    fn visit_str<E: de::Error>(self, value: &str) -> Result<Decimal, E> {
        Decimal::parse(value).map_err(E::custom)
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn round_trip(json: &str) -> String {
        let value: Decimal = serde_json::from_str(json).unwrap();
        serde_json::to_string(&value).unwrap()
    }

    #[test]
    fn numbers_stay_numbers_when_f64_is_exact() {
        for json in [
            "1.5",
            "100",
            "0",
            "-2.5",
            "0.1",
            "123456.789",
            "-9007199254740992",
        ] {
            assert_eq!(round_trip(json), json);
        }
        // serde_json hands over the f64, so the written scale of a number is not kept.
        assert_eq!(round_trip("1.50"), "1.5");
        assert_eq!(round_trip("1e3"), "1000");
    }

    #[test]
    fn strings_are_exact_and_stay_strings_when_f64_is_not() {
        for json in [
            "\"1.50\"",
            "\"12345678901234567890.123\"",
            "\"79228162514264337593543950335\"",
            "\"9007199254740993\"",
        ] {
            assert_eq!(round_trip(json), json);
        }
        // A string that f64 holds exactly is written as the plain number.
        assert_eq!(round_trip("\"2.25\""), "2.25");
        assert_eq!(round_trip("\"1.5E+3\""), "1500");
        assert_eq!(round_trip("\"0.0000000000000000000000000001\""), "1e-28");
        let huge: Decimal = serde_json::from_str("\"100000000000000000000\"").unwrap();
        assert_eq!(serde_json::to_string(&huge).unwrap(), "1e+20");
        assert_eq!(round_trip("1e+20"), "1e+20");
        let big: Decimal = serde_json::from_str("12345678901234567890").unwrap();
        assert_eq!(big.to_string(), "12345678901234567890");
        assert_eq!(
            serde_json::to_string(&big).unwrap(),
            "\"12345678901234567890\""
        );
    }

    #[test]
    fn equality_is_numeric() {
        let a: Decimal = "1.5".parse().unwrap();
        let b: Decimal = "1.50".parse().unwrap();
        assert_eq!(a, b);
        assert_eq!(b.to_string(), "1.50");
        assert_eq!(rust_decimal::Decimal::from(a), a.into_inner());
    }

    #[test]
    fn rejects_non_decimals() {
        for json in [
            "\"abc\"",
            "\"1.2.3\"",
            "\"\"",
            "true",
            "null",
            "[1]",
            "1e300",
        ] {
            assert!(serde_json::from_str::<Decimal>(json).is_err(), "{json}");
        }
        let error = Decimal::parse("1,5").unwrap_err();
        assert_eq!(error.type_name(), "Edm.Decimal");
        assert!(serde_json::from_str::<Decimal>("\"abc\"")
            .unwrap_err()
            .to_string()
            .contains("invalid Edm.Decimal \"abc\""));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn serialized_decimals_read_back_with_the_same_digits(
            mantissa in any::<i64>(),
            scale in 0..=18u32,
        ) {
            let value = Decimal(rust_decimal::Decimal::new(mantissa, scale));
            let json = serde_json::to_string(&value).unwrap();
            let back: Decimal = serde_json::from_str(&json).unwrap();
            prop_assert_eq!(back.to_string(), value.to_string());
        }
    }
}
