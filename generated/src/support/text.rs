//! Private helpers shared by the text-encoded scalars: a tiny byte cursor, fractional-second
//! digits, and the serde glue that maps a string through `FromStr`/`Display`.

use std::fmt;

/// Reads ASCII tokens off the front of a string; every scalar grammar here is ASCII-only.
pub(crate) struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        Cursor { rest: text }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.rest.is_empty()
    }

    pub(crate) fn peek(&self) -> Option<u8> {
        self.rest.as_bytes().first().copied()
    }

    /// Consumes `byte` if it comes next; only ASCII bytes can match, so slicing stays on a
    /// character boundary.
    pub(crate) fn eat(&mut self, byte: u8) -> bool {
        if byte.is_ascii() && self.peek() == Some(byte) {
            self.rest = &self.rest[1..];
            true
        } else {
            false
        }
    }

    pub(crate) fn expect(&mut self, byte: u8, context: &str) -> Result<(), String> {
        if self.eat(byte) {
            Ok(())
        } else {
            Err(format!("expected '{}' {context}", byte as char))
        }
    }

    /// Consumes the longest run of ASCII digits (possibly empty).
    pub(crate) fn digits(&mut self) -> &'a str {
        let len = self.rest.bytes().take_while(u8::is_ascii_digit).count();
        let (run, rest) = self.rest.split_at(len);
        self.rest = rest;
        run
    }

    /// Consumes exactly `count` ASCII digits, e.g. the two of a month.
    pub(crate) fn fixed_digits(&mut self, count: usize, what: &str) -> Result<u32, String> {
        let run = self.rest.as_bytes().get(..count);
        match run {
            Some(run) if run.iter().all(u8::is_ascii_digit) => {
                self.rest = &self.rest[count..];
                Ok(run
                    .iter()
                    .fold(0, |acc, digit| acc * 10 + u32::from(digit - b'0')))
            }
            _ => Err(format!("expected {count} digits for the {what}")),
        }
    }

    /// Reads an optional `.` fraction of 1..=`max` digits, as (digit count, nanoseconds,
    /// digits 10..=12 as thousandths of a nanosecond).
    pub(crate) fn fraction(&mut self, max: usize) -> Result<Fraction, String> {
        if !self.eat(b'.') {
            return Ok(Fraction::default());
        }
        let digits = self.digits();
        if digits.is_empty() {
            return Err("expected digits after '.'".into());
        }
        if digits.len() > max {
            return Err(format!(
                "{} fractional-second digits, at most {max} are supported",
                digits.len()
            ));
        }
        Ok(Fraction::from_digits(digits))
    }
}

/// Fractional seconds as written: how many digits, and their value.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct Fraction {
    pub(crate) nanos: u32,
    /// Digits 10..=12 (only `Edm.TimeOfDay` allows them), in thousandths of a nanosecond.
    pub(crate) sub_nanos: u16,
    pub(crate) digits: u8,
}

impl Fraction {
    /// `digits` holds 1..=12 ASCII digits.
    fn from_digits(digits: &str) -> Self {
        let mut padded = [b'0'; 12];
        padded[..digits.len()].copy_from_slice(digits.as_bytes());
        let value = |bytes: &[u8]| {
            bytes
                .iter()
                .fold(0, |acc, d| acc * 10 + u32::from(d - b'0'))
        };
        Fraction {
            nanos: value(&padded[..9]),
            // At most 999, so the narrowing cannot truncate.
            sub_nanos: value(&padded[9..]) as u16,
            digits: digits.len() as u8,
        }
    }

    /// The shortest digits that keep `nanos` (below one second) exact.
    pub(crate) fn shortest(nanos: u32) -> Self {
        let mut digits = 9;
        let mut rest = nanos;
        while digits > 0 && rest.is_multiple_of(10) {
            rest /= 10;
            digits -= 1;
        }
        Fraction {
            nanos,
            sub_nanos: 0,
            digits,
        }
    }

    /// Writes `.` and the digits, or nothing when there were none.
    pub(crate) fn write(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.digits == 0 {
            return Ok(());
        }
        let all = format!("{:09}{:03}", self.nanos, self.sub_nanos);
        write!(f, ".{}", &all[..usize::from(self.digits)])
    }
}

/// Serde glue shared by the string-encoded scalars: serialize with `Display`, deserialize
/// from a JSON string with `FromStr`, and report a `ParseError` as the serde error message.
pub(crate) mod serde_str {
    use std::fmt;
    use std::marker::PhantomData;
    use std::str::FromStr;

    use serde::de::{self, Deserializer, Visitor};

    pub(crate) fn deserialize<'de, D, T>(
        deserializer: D,
        expecting: &'static str,
    ) -> Result<T, D::Error>
    where
        D: Deserializer<'de>,
        T: FromStr,
        T::Err: fmt::Display,
    {
        struct StrVisitor<T> {
            expecting: &'static str,
            marker: PhantomData<T>,
        }

        impl<T> Visitor<'_> for StrVisitor<T>
        where
            T: FromStr,
            T::Err: fmt::Display,
        {
            type Value = T;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.expecting)
            }

            fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
                value.parse().map_err(E::custom)
            }
        }

        deserializer.deserialize_str(StrVisitor {
            expecting,
            marker: PhantomData,
        })
    }
}
