//! `Duration` (Edm.Duration): an ISO 8601 duration that writes back exactly as it was read.
//!
//! "PT90M" and "PT1H30M" are the same length of time but different text; a value read from
//! Graph and sent back must not change, so the components are kept as written (which ones were
//! present, leading zeros, the sign, the fraction digits) instead of being normalised.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::ParseError;
use super::text::{serde_str, Cursor, Fraction};

const TYPE_NAME: &str = "Edm.Duration";
const DATE_DESIGNATORS: [u8; 4] = [b'Y', b'M', b'W', b'D'];
const TIME_DESIGNATORS: [u8; 3] = [b'H', b'M', b'S'];
const SECONDS_PER_UNIT: [u64; 7] = [0, 0, 7 * 86_400, 86_400, 3_600, 60, 1];

/// A component's number as written: its value and how many digits (leading zeros included).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Number {
    value: u64,
    width: u8,
}

impl Number {
    /// Without leading zeros, as `parse` records it.
    fn new(value: u64) -> Self {
        let digits = value.checked_ilog10().map_or(1, |log| log + 1);
        // A u64 has at most 20 digits.
        Number {
            value,
            width: digits as u8,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
enum Sign {
    Unsigned,
    Plus,
    Minus,
}

/// An OData `Edm.Duration`, e.g. `PT1H30M`, `P1D`, `-PT5M`, `PT0.5S`.
///
/// Parsing accepts `[+|-]P[nY][nM][nW][nD][T[nH][nM][n[.f]S]]` with at least one component
/// (and at least one after `T`), components in that order, a fraction (1..=9 digits) only on
/// seconds. Years, months and weeks are accepted although OData only uses days and time.
/// `Display`/`Serialize` write the parsed text back exactly. Equality and hashing compare the
/// written form (`PT90M` != `PT1H30M`); there is no ordering because years and months have no
/// fixed length. Convert with [`Duration::to_std`] to compare lengths.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Duration {
    sign: Sign,
    /// Years, months, weeks, days, hours, minutes, whole seconds.
    parts: [Option<Number>; 7],
    /// Fractional seconds; only meaningful when the seconds part is present.
    fraction: Fraction,
}

impl Duration {
    /// Parses an ISO 8601 duration, remembering how it was written.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        parse_duration(text).map_err(|reason| ParseError::new(TYPE_NAME, text, reason))
    }

    /// Written as `P…` with days, hours, minutes and seconds as needed (`PT0S` for zero),
    /// e.g. 90 minutes is `PT1H30M` and 26 hours is `P1DT2H`.
    pub fn from_std(duration: std::time::Duration) -> Self {
        let total = duration.as_secs();
        let whole = [
            total / 86_400,
            total % 86_400 / 3_600,
            total % 3_600 / 60,
            total % 60,
        ];
        let fraction = Fraction::shortest(duration.subsec_nanos());
        let mut parts = [None; 7];
        for (slot, value) in parts[3..].iter_mut().zip(whole) {
            *slot = (value != 0).then(|| Number::new(value));
        }
        if fraction.digits > 0 || parts.iter().all(Option::is_none) {
            parts[6] = Some(Number::new(whole[3]));
        }
        Duration {
            sign: Sign::Unsigned,
            parts,
            fraction,
        }
    }

    /// The length of time, or `None` when it is negative (and not zero), has a non-zero year
    /// or month component (whose length depends on the calendar), or does not fit.
    /// Weeks count as 7 days and days as 24 hours.
    pub fn to_std(&self) -> Option<std::time::Duration> {
        let value = |index: usize| self.parts[index].map_or(0, |number| number.value);
        if value(0) != 0 || value(1) != 0 {
            return None;
        }
        let mut seconds: u64 = 0;
        for (index, unit) in SECONDS_PER_UNIT.iter().enumerate().skip(2) {
            seconds = seconds.checked_add(value(index).checked_mul(*unit)?)?;
        }
        let nanos = if self.parts[6].is_some() {
            self.fraction.nanos
        } else {
            0
        };
        if self.sign == Sign::Minus && (seconds != 0 || nanos != 0) {
            return None;
        }
        Some(std::time::Duration::new(seconds, nanos))
    }

    /// Whether the text starts with `-` (so `-PT0S` is negative, though zero long).
    pub fn is_negative(&self) -> bool {
        self.sign == Sign::Minus
    }
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    let mut cursor = Cursor::new(text);
    let sign = if cursor.eat(b'-') {
        Sign::Minus
    } else if cursor.eat(b'+') {
        Sign::Plus
    } else {
        Sign::Unsigned
    };
    cursor.expect(b'P', "at the start of a duration")?;
    let mut parts = [None; 7];
    let mut fraction = Fraction::default();
    // Index into `parts` of the next component allowed; time components start at 4.
    let mut next = 0;
    let mut in_time = false;
    while !cursor.is_empty() {
        if cursor.eat(b'T') {
            if in_time {
                return Err("'T' appears twice".into());
            }
            in_time = true;
            next = 4;
            if cursor.is_empty() {
                return Err("'T' must be followed by hours, minutes or seconds".into());
            }
            continue;
        }
        let digits = cursor.digits();
        let number_fraction = cursor.fraction(9)?;
        let designator = cursor
            .peek()
            .ok_or("expected a designator after the number")?;
        if !designator.is_ascii() {
            return Err("unexpected non-ASCII character".into());
        }
        if digits.is_empty() {
            return Err(format!("expected a number before '{}'", designator as char));
        }
        cursor.eat(designator);
        let (designators, offset) = if in_time {
            (&TIME_DESIGNATORS[..], 4)
        } else {
            (&DATE_DESIGNATORS[..], 0)
        };
        let index = designators
            .iter()
            .position(|&known| known == designator)
            .map(|position| position + offset)
            .ok_or_else(|| match (in_time, designator) {
                (false, b'H' | b'S') => format!("'{}' needs 'T' before it", designator as char),
                (true, b'Y' | b'W' | b'D') => {
                    format!("'{}' must come before 'T'", designator as char)
                }
                _ => format!("unknown designator '{}'", designator as char),
            })?;
        if index < next {
            return Err(format!(
                "'{}' is repeated or out of order",
                designator as char
            ));
        }
        if number_fraction.digits > 0 && index != 6 {
            return Err("only seconds may have a fraction".into());
        }
        parts[index] = Some(parse_number(digits)?);
        if index == 6 {
            fraction = number_fraction;
        }
        next = index + 1;
    }
    if parts.iter().all(Option::is_none) {
        return Err("a duration needs at least one component, e.g. PT0S".into());
    }
    Ok(Duration {
        sign,
        parts,
        fraction,
    })
}

fn parse_number(digits: &str) -> Result<Number, String> {
    let width = u8::try_from(digits.len()).map_err(|_| "a number has too many digits")?;
    let value = digits
        .parse()
        .map_err(|_| format!("{digits} is too large"))?;
    Ok(Number { value, width })
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self.sign {
            Sign::Unsigned => "",
            Sign::Plus => "+",
            Sign::Minus => "-",
        })?;
        f.write_str("P")?;
        let designators = DATE_DESIGNATORS.iter().chain(&TIME_DESIGNATORS);
        for (index, (part, designator)) in self.parts.iter().zip(designators).enumerate() {
            if index == 4 && self.parts[4..].iter().any(Option::is_some) {
                f.write_str("T")?;
            }
            if let Some(Number { value, width }) = part {
                write!(f, "{value:0width$}", width = usize::from(*width))?;
                if index == 6 {
                    self.fraction.write(f)?;
                }
                write!(f, "{}", *designator as char)?;
            }
        }
        Ok(())
    }
}

impl fmt::Debug for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Duration({self})")
    }
}

impl FromStr for Duration {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        Self::parse(text)
    }
}

impl From<std::time::Duration> for Duration {
    fn from(duration: std::time::Duration) -> Self {
        Self::from_std(duration)
    }
}

/// Zero, written `PT0S`.
impl Default for Duration {
    fn default() -> Self {
        Self::from_std(std::time::Duration::ZERO)
    }
}

impl Serialize for Duration {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Duration {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_str::deserialize(deserializer, "an ISO 8601 duration string such as PT1H30M")
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration as StdDuration;

    use proptest::prelude::*;

    use super::*;

    #[test]
    fn graph_durations_round_trip_exactly() {
        for text in [
            "PT1H30M",
            "P1D",
            "PT0S",
            "P2DT3H",
            "-PT5M",
            "PT0.5S",
            "P1Y2M",
            "+P1W",
            "PT90M",
            "PT01H05M",
            "P0Y0M0DT0H0M0.000S",
            "P1Y2M3W4DT5H6M7.123456789S",
        ] {
            let value = Duration::parse(text).unwrap();
            assert_eq!(value.to_string(), text);
            let json = format!("\"{text}\"");
            let from_json: Duration = serde_json::from_str(&json).unwrap();
            assert_eq!(from_json, value);
            assert_eq!(serde_json::to_string(&from_json).unwrap(), json);
        }
        assert_ne!(
            Duration::parse("PT90M").unwrap(),
            Duration::parse("PT1H30M").unwrap()
        );
    }

    #[test]
    fn converts_to_std_when_unambiguous() {
        let std = |text: &str| Duration::parse(text).unwrap().to_std();
        assert_eq!(std("PT1H30M"), Some(StdDuration::from_secs(5_400)));
        assert_eq!(std("P1D"), Some(StdDuration::from_secs(86_400)));
        assert_eq!(std("P1W"), Some(StdDuration::from_secs(604_800)));
        assert_eq!(std("PT0.5S"), Some(StdDuration::from_millis(500)));
        assert_eq!(std("P0Y0M1DT1S"), Some(StdDuration::from_secs(86_401)));
        assert_eq!(std("-PT0S"), Some(StdDuration::ZERO));
        assert_eq!(std("-PT5M"), None);
        assert_eq!(std("P1Y2M"), None);
        assert_eq!(std("P1M"), None);
        assert_eq!(std("PT18446744073709551615H"), None);
        assert!(Duration::parse("-PT5M").unwrap().is_negative());
    }

    #[test]
    fn converts_from_std_in_days_and_time() {
        let text = |duration: StdDuration| Duration::from(duration).to_string();
        assert_eq!(text(StdDuration::from_secs(5_400)), "PT1H30M");
        assert_eq!(text(StdDuration::ZERO), "PT0S");
        assert_eq!(text(StdDuration::from_secs(86_400)), "P1D");
        assert_eq!(text(StdDuration::from_millis(93_784_500)), "P1DT2H3M4.5S");
        assert_eq!(text(StdDuration::from_millis(250)), "PT0.25S");
        assert_eq!(text(StdDuration::new(1, 1)), "PT1.000000001S");
        assert_eq!(Duration::default().to_string(), "PT0S");
    }

    #[test]
    fn rejects_malformed_durations() {
        for (text, reason) in [
            ("P", "at least one component"),
            ("PT", "'T' must be followed"),
            ("P1DT", "'T' must be followed"),
            ("1H", "expected 'P'"),
            ("PTH", "expected a number before 'H'"),
            ("", "expected 'P'"),
            ("p1d", "expected 'P'"),
            ("PT1H1H", "repeated or out of order"),
            ("PT1M1H", "repeated or out of order"),
            ("P1DT1HT1M", "'T' appears twice"),
            ("P1H", "needs 'T'"),
            ("PT1D", "must come before 'T'"),
            ("P1.5D", "only seconds"),
            ("PT1.S", "digits after '.'"),
            ("PT.5S", "expected a number before 'S'"),
            ("P1", "designator"),
            ("P1X", "unknown designator"),
            ("P1,5D", "unknown designator"),
            ("PT1.1234567890S", "at most 9"),
            ("PT99999999999999999999S", "too large"),
            ("P1Dü", "non-ASCII"),
            ("--P1D", "expected 'P'"),
        ] {
            let error = Duration::parse(text).unwrap_err();
            assert_eq!(error.type_name(), "Edm.Duration");
            assert!(
                error.reason().contains(reason),
                "{text}: {} should mention {reason}",
                error.reason()
            );
        }
        let error = serde_json::from_str::<Duration>("\"PTH\"").unwrap_err();
        assert!(error.to_string().contains("invalid Edm.Duration \"PTH\""));
    }

    fn number() -> impl Strategy<Value = Option<String>> {
        prop::option::of("[0-9]{1,6}")
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_iso_duration_round_trips(
            sign in prop_oneof![Just(""), Just("+"), Just("-")],
            date in [number(), number(), number(), number()],
            time in [number(), number()],
            seconds in prop::option::of(("[0-9]{1,6}", prop::option::of("[0-9]{1,9}"))),
        ) {
            prop_assume!(date.iter().chain(&time).any(Option::is_some) || seconds.is_some());
            let mut text = format!("{sign}P");
            for (part, designator) in date.iter().zip(["Y", "M", "W", "D"]) {
                if let Some(digits) = part {
                    text += &format!("{digits}{designator}");
                }
            }
            if time.iter().any(Option::is_some) || seconds.is_some() {
                text.push('T');
            }
            for (part, designator) in time.iter().zip(["H", "M"]) {
                if let Some(digits) = part {
                    text += &format!("{digits}{designator}");
                }
            }
            if let Some((whole, fraction)) = &seconds {
                let fraction = fraction.as_ref().map(|f| format!(".{f}")).unwrap_or_default();
                text += &format!("{whole}{fraction}S");
            }
            let value = Duration::parse(&text).unwrap();
            prop_assert_eq!(&value.to_string(), &text);
            let json = serde_json::to_string(&value).unwrap();
            prop_assert_eq!(serde_json::from_str::<Duration>(&json).unwrap(), value);
        }

        #[test]
        fn std_durations_survive_a_round_trip(secs in 0..=u64::MAX / 2, nanos in 0..1_000_000_000u32) {
            let std = StdDuration::new(secs, nanos);
            let value = Duration::from_std(std);
            prop_assert_eq!(value.to_std(), Some(std));
            let reparsed = Duration::parse(&value.to_string()).unwrap();
            prop_assert_eq!(reparsed, value);
        }
    }
}
