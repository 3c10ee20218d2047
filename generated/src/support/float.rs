//! `Single` and `Double` (Edm.Single, Edm.Double): floating-point numbers that also read and
//! write the strings OData uses for values JSON numbers cannot express: `"NaN"`, `"INF"`, `"-INF"`.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

macro_rules! odata_float {
    ($name:ident, $float:ty, $edm:literal) => {
        #[doc = concat!("Edm.", $edm, ": a `", stringify!($float), "` that also reads and writes `\"NaN\"`, `\"INF\"` and `\"-INF\"`.")]
        #[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
        pub struct $name(pub $float);

        impl From<$float> for $name {
            fn from(value: $float) -> Self {
                $name(value)
            }
        }

        impl From<$name> for $float {
            fn from(value: $name) -> Self {
                value.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = $float;
            fn deref(&self) -> &$float {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                fmt::Display::fmt(&self.0, f)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                let value = self.0;
                if value.is_nan() {
                    serializer.serialize_str("NaN")
                } else if value.is_infinite() {
                    serializer.serialize_str(if value > 0.0 { "INF" } else { "-INF" })
                } else {
                    value.serialize(serializer)
                }
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                struct FloatVisitor;
                // One macro serves f32 and f64; for f64 the casts below are no-ops.
                #[allow(clippy::unnecessary_cast)]
                impl Visitor<'_> for FloatVisitor {
                    type Value = $name;
                    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                        f.write_str("a number, or \"NaN\", \"INF\" or \"-INF\"")
                    }
                    fn visit_f64<E: de::Error>(self, v: f64) -> Result<$name, E> {
                        Ok($name(v as $float))
                    }
                    fn visit_i64<E: de::Error>(self, v: i64) -> Result<$name, E> {
                        Ok($name(v as $float))
                    }
                    fn visit_u64<E: de::Error>(self, v: u64) -> Result<$name, E> {
                        Ok($name(v as $float))
                    }
                    fn visit_str<E: de::Error>(self, v: &str) -> Result<$name, E> {
                        match v {
                            "NaN" => Ok($name(<$float>::NAN)),
                            "INF" => Ok($name(<$float>::INFINITY)),
                            "-INF" => Ok($name(<$float>::NEG_INFINITY)),
                            other => Err(E::invalid_value(de::Unexpected::Str(other), &self)),
                        }
                    }
                }
                deserializer.deserialize_any(FloatVisitor)
            }
        }
    };
}

odata_float!(Single, f32, "Single");
odata_float!(Double, f64, "Double");

#[cfg(test)]
mod tests {
    use super::{Double, Single};
    use proptest::prelude::*;

    #[test]
    fn special_values_are_strings() {
        for (json, check) in [
            ("\"NaN\"", f64::is_nan as fn(f64) -> bool),
            ("\"INF\"", |v: f64| v == f64::INFINITY),
            ("\"-INF\"", |v: f64| v == f64::NEG_INFINITY),
        ] {
            let value: Double = serde_json::from_str(json).unwrap();
            assert!(check(value.0), "{json}");
            assert_eq!(serde_json::to_string(&value).unwrap(), json);
        }
        assert!(serde_json::from_str::<Double>("\"Infinity\"").is_err());
        assert_eq!(serde_json::from_str::<Single>("3").unwrap(), Single(3.0));
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn finite_doubles_round_trip(v in any::<f64>().prop_filter("finite", |v| v.is_finite())) {
            let json = serde_json::to_string(&Double(v)).unwrap();
            prop_assert_eq!(serde_json::from_str::<Double>(&json).unwrap(), Double(v));
        }
    }
}
