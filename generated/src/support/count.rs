//! `Count`: the answer to a `$count` segment (`GET /applications/$count`), which Graph sends
//! as `text/plain`, the number alone and sometimes after a UTF-8 byte order mark, not as JSON.

use std::fmt;

use serde::de::Error as _;

use super::body::ResponseBody;

/// The number a `$count` request answers.
///
/// It reads the body as text: an optional UTF-8 BOM, optional surrounding whitespace, and
/// ASCII digits that fit a `u64`; anything else is a decoding error. It has no `Deserialize`
/// impl on purpose: the answer is not JSON, and [`ResponseBody`] is implemented for it by hand.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Count(pub u64);

impl Count {
    /// The number.
    pub fn get(self) -> u64 {
        self.0
    }
}

impl From<Count> for u64 {
    fn from(count: Count) -> u64 {
        count.0
    }
}

impl fmt::Display for Count {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

const BOM: &[u8] = "\u{feff}".as_bytes();

impl ResponseBody for Count {
    fn from_body(body: &[u8]) -> Result<Self, serde_json::Error> {
        let text = body.strip_prefix(BOM).unwrap_or(body).trim_ascii();
        // Digits only: `u64::from_str` would also take a leading `+`.
        let digits = std::str::from_utf8(text)
            .ok()
            .filter(|text| !text.is_empty() && text.bytes().all(|byte| byte.is_ascii_digit()));
        let count = digits.and_then(|digits| digits.parse().ok());
        count.map(Count).ok_or_else(|| {
            serde_json::Error::custom(format!(
                "a $count answer must be a non-negative integer, got {:?}",
                String::from_utf8_lossy(body)
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_number_with_or_without_a_bom() {
        assert_eq!(Count::from_body(b"42").unwrap(), Count(42));
        assert_eq!(
            Count::from_body("\u{feff}42\r\n".as_bytes()).unwrap().get(),
            42
        );
        assert_eq!(Count::from_body(b" 0\n").unwrap(), Count(0));
        let max = u64::MAX.to_string();
        assert_eq!(
            u64::from(Count::from_body(max.as_bytes()).unwrap()),
            u64::MAX
        );
    }

    #[test]
    fn rejects_anything_else() {
        for body in [
            &b"abc"[..],
            b"",
            "\u{feff}".as_bytes(),
            b"+42",
            b"-1",
            b"4 2",
            b"42.0",
            b"\"42\"",
            b"{\"value\": 42}",
            b"18446744073709551616",
            b"\xff42",
        ] {
            let error = Count::from_body(body).unwrap_err();
            assert!(
                error.to_string().starts_with("a $count answer must be"),
                "{body:?}: {error}"
            );
        }
    }
}
