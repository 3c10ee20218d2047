//! `DateTimeOffset` (Edm.DateTimeOffset) and `TimeOfDay` (Edm.TimeOfDay), kept exactly as written.
//!
//! Graph writes the same instant in several ways ("…35.6179565+00:00", "…00Z", "…06.12-08:00").
//! Re-formatting through chrono would change the digits or the offset, so a value that is read
//! and written back (e.g. an ETag-like timestamp echoed in a PATCH) would no longer be byte-equal.
//! Each type therefore keeps the chrono value together with a small record of how it was written.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveTime, Timelike, Utc};
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use super::error::ParseError;
use super::text::{serde_str, Cursor, Fraction};

const DATE_TIME_OFFSET: &str = "Edm.DateTimeOffset";
const TIME_OF_DAY: &str = "Edm.TimeOfDay";
const NANOS_PER_SECOND: u32 = 1_000_000_000;

/// The character between date and time: RFC 3339 allows `T`, `t` and (in its note) a space.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Separator {
    UpperT,
    LowerT,
    Space,
}

/// How the offset was written. `Z`, `z` and `-00:00` all mean offset zero but read differently
/// (RFC 3339 gives `-00:00` the meaning "local offset unknown").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum OffsetStyle {
    UpperZ,
    LowerZ,
    /// `+HH:MM` or `-HH:MM` from the offset's sign; zero is written `+00:00`.
    Numeric,
    NegativeZero,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Layout {
    fraction_digits: u8,
    offset: OffsetStyle,
    separator: Separator,
}

/// An OData `Edm.DateTimeOffset`: an RFC 3339 date-time that writes back exactly as it was read.
///
/// * Parsing accepts RFC 3339 `date-time` with 0..=9 fractional-second digits (chrono keeps
///   nanoseconds; more digits are rejected rather than silently dropped), `T`/`t`/space as the
///   separator, `Z`/`z`/`±HH:MM` offsets and the leap second `:60`.
/// * `Display` and `Serialize` write the parsed form back byte for byte, including trailing
///   zeros of the fraction, `Z` versus `+00:00`, and `-00:00`.
/// * Equality and hashing compare the **written form**: `…T00:00:00Z` and `…T00:00:00+00:00`
///   are different values, as are `…00Z` and `…00.0Z`. Use [`DateTimeOffset::instant_eq`] to
///   compare instants. Ordering sorts by instant first (then by offset and layout, so that it
///   agrees with equality).
#[derive(Clone, Copy)]
pub struct DateTimeOffset {
    value: DateTime<FixedOffset>,
    layout: Layout,
}

impl DateTimeOffset {
    /// Parses an RFC 3339 date-time, remembering how it was written.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        parse_date_time(text).map_err(|reason| ParseError::new(DATE_TIME_OFFSET, text, reason))
    }

    /// The chrono value (nanosecond precision, offset as written).
    pub fn as_chrono(&self) -> &DateTime<FixedOffset> {
        &self.value
    }

    /// The same instant in UTC.
    pub fn to_utc(&self) -> DateTime<Utc> {
        self.value.with_timezone(&Utc)
    }

    /// Whether both values denote the same instant, however they were written.
    pub fn instant_eq(&self, other: &Self) -> bool {
        self.value == other.value
    }

    /// The fields that together identify the written form; `Ord` and `Hash` use them.
    fn key(&self) -> (DateTime<FixedOffset>, i32, Layout) {
        (
            self.value,
            self.value.offset().local_minus_utc(),
            self.layout,
        )
    }
}

fn parse_date_time(text: &str) -> Result<DateTimeOffset, String> {
    let mut cursor = Cursor::new(text);
    let year = cursor.fixed_digits(4, "year")?;
    cursor.expect(b'-', "after the year")?;
    let month = cursor.fixed_digits(2, "month")?;
    cursor.expect(b'-', "after the month")?;
    let day = cursor.fixed_digits(2, "day")?;
    let separator = if cursor.eat(b'T') {
        Separator::UpperT
    } else if cursor.eat(b't') {
        Separator::LowerT
    } else if cursor.eat(b' ') {
        Separator::Space
    } else {
        return Err("expected 'T' between date and time".into());
    };
    // Four digits never exceed i32::MAX.
    let date = NaiveDate::from_ymd_opt(year as i32, month, day)
        .ok_or_else(|| format!("{year:04}-{month:02}-{day:02} is not a calendar date"))?;
    let (time, fraction) = parse_hms(&mut cursor, 9)?;

    let (offset_seconds, offset) = if cursor.eat(b'Z') {
        (0, OffsetStyle::UpperZ)
    } else if cursor.eat(b'z') {
        (0, OffsetStyle::LowerZ)
    } else {
        let negative = if cursor.eat(b'-') {
            true
        } else if cursor.eat(b'+') {
            false
        } else {
            return Err("expected an offset ('Z', '+HH:MM' or '-HH:MM')".into());
        };
        let hours = cursor.fixed_digits(2, "offset hours")?;
        cursor.expect(b':', "in the offset")?;
        let minutes = cursor.fixed_digits(2, "offset minutes")?;
        if hours > 23 || minutes > 59 {
            return Err(format!("offset {hours:02}:{minutes:02} is out of range"));
        }
        // At most 86_340, far inside i32.
        let magnitude = (hours * 3600 + minutes * 60) as i32;
        match (negative, magnitude) {
            (true, 0) => (0, OffsetStyle::NegativeZero),
            (true, _) => (-magnitude, OffsetStyle::Numeric),
            (false, _) => (magnitude, OffsetStyle::Numeric),
        }
    };
    if !cursor.is_empty() {
        return Err("unexpected text after the offset".into());
    }
    let zone = FixedOffset::east_opt(offset_seconds).ok_or("offset is out of range")?;
    let value = date
        .and_time(time)
        .and_local_timezone(zone)
        .single()
        .ok_or("date-time is out of the supported range")?;
    Ok(DateTimeOffset {
        value,
        layout: Layout {
            fraction_digits: fraction.digits,
            offset,
            separator,
        },
    })
}

/// Parses `HH:MM:SS[.fraction]`; second 60 is a leap second (chrono stores it as :59 plus
/// one extra second of nanoseconds).
fn parse_hms(cursor: &mut Cursor<'_>, max_digits: usize) -> Result<(NaiveTime, Fraction), String> {
    let hour = cursor.fixed_digits(2, "hour")?;
    cursor.expect(b':', "after the hour")?;
    let minute = cursor.fixed_digits(2, "minute")?;
    cursor.expect(b':', "after the minute")?;
    let second = cursor.fixed_digits(2, "second")?;
    let fraction = cursor.fraction(max_digits)?;
    let time = build_time(hour, minute, second, fraction.nanos)?;
    Ok((time, fraction))
}

fn build_time(hour: u32, minute: u32, second: u32, nanos: u32) -> Result<NaiveTime, String> {
    if hour > 23 || minute > 59 || second > 60 {
        return Err(format!(
            "{hour:02}:{minute:02}:{second:02} is not a time of day"
        ));
    }
    let (second, nanos) = if second == 60 {
        (59, nanos + NANOS_PER_SECOND)
    } else {
        (second, nanos)
    };
    NaiveTime::from_hms_nano_opt(hour, minute, second, nanos)
        .ok_or_else(|| "time of day is out of range".into())
}

/// Writes `HH:MM:SS` (`:60` for a leap second) and returns the nanoseconds within the second.
fn write_hms(f: &mut fmt::Formatter<'_>, time: &NaiveTime) -> Result<u32, fmt::Error> {
    let (second, nanos) = match time.nanosecond() {
        leap if leap >= NANOS_PER_SECOND => (60, leap - NANOS_PER_SECOND),
        nanos => (time.second(), nanos),
    };
    write!(f, "{:02}:{:02}:{second:02}", time.hour(), time.minute())?;
    Ok(nanos)
}

impl fmt::Display for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let local = self.value.naive_local();
        // RFC 3339 only has four-digit years; a chrono value outside 0..=9999 (only reachable
        // through `From`) is written in ISO 8601's expanded form, which `parse` rejects.
        match local.year() {
            year @ 0..=9999 => write!(f, "{year:04}")?,
            year if year < 0 => write!(f, "-{:04}", -i64::from(year))?,
            year => write!(f, "+{year}")?,
        }
        write!(f, "-{:02}-{:02}", local.month(), local.day())?;
        f.write_str(match self.layout.separator {
            Separator::UpperT => "T",
            Separator::LowerT => "t",
            Separator::Space => " ",
        })?;
        let nanos = write_hms(f, &local.time())?;
        Fraction {
            nanos,
            sub_nanos: 0,
            digits: self.layout.fraction_digits,
        }
        .write(f)?;
        match self.layout.offset {
            OffsetStyle::UpperZ => f.write_str("Z"),
            OffsetStyle::LowerZ => f.write_str("z"),
            OffsetStyle::NegativeZero => f.write_str("-00:00"),
            OffsetStyle::Numeric => {
                let seconds = self.value.offset().local_minus_utc();
                let sign = if seconds < 0 { '-' } else { '+' };
                let minutes = seconds.unsigned_abs() / 60;
                write!(f, "{sign}{:02}:{:02}", minutes / 60, minutes % 60)
            }
        }
    }
}

impl fmt::Debug for DateTimeOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "DateTimeOffset({self})")
    }
}

impl FromStr for DateTimeOffset {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        Self::parse(text)
    }
}

/// Uses the shortest fraction that keeps the nanoseconds, `Z` for offset zero and `±HH:MM`
/// otherwise. RFC 3339 offsets have no seconds, so a chrono offset with seconds is converted
/// to the same instant in UTC.
impl From<DateTime<FixedOffset>> for DateTimeOffset {
    fn from(value: DateTime<FixedOffset>) -> Self {
        let seconds = value.offset().local_minus_utc();
        let (value, offset) = match seconds {
            0 => (value, OffsetStyle::UpperZ),
            _ if seconds % 60 == 0 => (value, OffsetStyle::Numeric),
            _ => (
                value.with_timezone(&Utc).fixed_offset(),
                OffsetStyle::UpperZ,
            ),
        };
        let fraction = Fraction::shortest(value.nanosecond() % NANOS_PER_SECOND);
        DateTimeOffset {
            value,
            layout: Layout {
                fraction_digits: fraction.digits,
                offset,
                separator: Separator::UpperT,
            },
        }
    }
}

impl From<DateTime<Utc>> for DateTimeOffset {
    fn from(value: DateTime<Utc>) -> Self {
        value.fixed_offset().into()
    }
}

impl From<DateTimeOffset> for DateTime<FixedOffset> {
    fn from(value: DateTimeOffset) -> Self {
        value.value
    }
}

/// The Unix epoch, `1970-01-01T00:00:00Z`, like chrono's `DateTime<FixedOffset>`.
impl Default for DateTimeOffset {
    fn default() -> Self {
        DateTime::<FixedOffset>::default().into()
    }
}

impl PartialEq for DateTimeOffset {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for DateTimeOffset {}

impl Hash for DateTimeOffset {
    fn hash<H: Hasher>(&self, state: &mut H) {
        let (value, offset, layout) = self.key();
        (value.naive_utc(), offset, layout).hash(state);
    }
}

impl PartialOrd for DateTimeOffset {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for DateTimeOffset {
    fn cmp(&self, other: &Self) -> Ordering {
        self.key().cmp(&other.key())
    }
}

impl Serialize for DateTimeOffset {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for DateTimeOffset {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_str::deserialize(deserializer, "an RFC 3339 date-time string")
    }
}

/// An OData `Edm.TimeOfDay` (`HH:MM[:SS[.fraction]]`) that writes back exactly as it was read.
///
/// OData allows 1..=12 fractional digits; chrono keeps nanoseconds, so digits 10..=12 are kept
/// beside the chrono value (they are written back but [`TimeOfDay::as_chrono`] truncates them).
/// Seconds may be omitted as OData allows; `:60` is accepted as a leap second so that every
/// `NaiveTime` can be written. Equality, hashing and ordering compare the written form, ordering
/// by time of day first.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TimeOfDay {
    // Field order matters: the derived `Ord` sorts by time first.
    time: NaiveTime,
    fraction: Fraction,
    has_seconds: bool,
}

impl TimeOfDay {
    /// Parses `HH:MM`, `HH:MM:SS` or `HH:MM:SS.f` (1..=12 digits), remembering how it was written.
    pub fn parse(text: &str) -> Result<Self, ParseError> {
        parse_time_of_day(text).map_err(|reason| ParseError::new(TIME_OF_DAY, text, reason))
    }

    /// The chrono value, truncated to nanoseconds.
    pub fn as_chrono(&self) -> &NaiveTime {
        &self.time
    }
}

fn parse_time_of_day(text: &str) -> Result<TimeOfDay, String> {
    let mut cursor = Cursor::new(text);
    let hour = cursor.fixed_digits(2, "hour")?;
    cursor.expect(b':', "after the hour")?;
    let minute = cursor.fixed_digits(2, "minute")?;
    let (time, fraction, has_seconds) = if cursor.eat(b':') {
        let second = cursor.fixed_digits(2, "second")?;
        let fraction = cursor.fraction(12)?;
        let time = build_time(hour, minute, second, fraction.nanos)?;
        (time, fraction, true)
    } else {
        let time = build_time(hour, minute, 0, 0)?;
        (time, Fraction::default(), false)
    };
    if !cursor.is_empty() {
        return Err("unexpected text after the time".into());
    }
    Ok(TimeOfDay {
        time,
        fraction,
        has_seconds,
    })
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if !self.has_seconds {
            return write!(f, "{:02}:{:02}", self.time.hour(), self.time.minute());
        }
        let nanos = write_hms(f, &self.time)?;
        Fraction {
            nanos,
            ..self.fraction
        }
        .write(f)
    }
}

impl fmt::Debug for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "TimeOfDay({self})")
    }
}

impl FromStr for TimeOfDay {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        Self::parse(text)
    }
}

/// Writes seconds always and the shortest fraction that keeps the nanoseconds.
impl From<NaiveTime> for TimeOfDay {
    fn from(time: NaiveTime) -> Self {
        TimeOfDay {
            time,
            fraction: Fraction::shortest(time.nanosecond() % NANOS_PER_SECOND),
            has_seconds: true,
        }
    }
}

impl From<TimeOfDay> for NaiveTime {
    fn from(value: TimeOfDay) -> Self {
        value.time
    }
}

/// Midnight, `00:00:00`.
impl Default for TimeOfDay {
    fn default() -> Self {
        NaiveTime::MIN.into()
    }
}

impl Serialize for TimeOfDay {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for TimeOfDay {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        serde_str::deserialize(deserializer, "an HH:MM:SS time-of-day string")
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use proptest::prelude::*;

    use super::*;

    const GRAPH_EXAMPLES: [&str; 3] = [
        "2016-12-31T23:59:35.6179565+00:00",
        "2017-01-01T00:00:00Z",
        "2019-02-03T04:05:06.12-08:00",
    ];

    #[test]
    fn date_time_offset_round_trips_exactly() {
        let others = [
            "2019-02-03T04:05:06.120-00:00",
            "2019-02-03t04:05:06z",
            "2019-02-03 04:05:06+05:30",
            "2019-02-03T04:05:06.000000000+14:00",
            "1990-12-31T23:59:60Z",
            "1990-12-31T15:59:60.5-08:00",
            "0000-01-01T00:00:00+01:00",
            "9999-12-31T23:59:59.999999999-23:59",
        ];
        for text in GRAPH_EXAMPLES.iter().chain(&others) {
            let value = DateTimeOffset::parse(text).unwrap();
            assert_eq!(value.to_string(), *text);
            let json = format!("\"{text}\"");
            let from_json: DateTimeOffset = serde_json::from_str(&json).unwrap();
            assert_eq!(from_json, value);
            assert_eq!(serde_json::to_string(&from_json).unwrap(), json);
            let chrono = DateTime::parse_from_rfc3339(text).unwrap();
            assert_eq!(*value.as_chrono(), chrono, "{text}");
            assert_eq!(value.as_chrono().offset(), chrono.offset(), "{text}");
        }
    }

    #[test]
    fn date_time_offset_keeps_the_parsed_instant() {
        let value: DateTimeOffset = "2016-12-31T23:59:35.6179565+00:00".parse().unwrap();
        assert_eq!(value.as_chrono().nanosecond(), 617_956_500);
        let pacific = DateTimeOffset::parse("2019-02-03T04:05:06.12-08:00").unwrap();
        assert_eq!(
            pacific.to_utc().to_rfc3339(),
            "2019-02-03T12:05:06.120+00:00"
        );
    }

    #[test]
    fn date_time_offset_rejects_malformed_text() {
        for text in [
            "",
            "2017-01-01",
            "2017-01-01T00:00:00",
            "2017-01-01T00:00Z",
            "17-01-01T00:00:00Z",
            "2017-1-01T00:00:00Z",
            "2017-13-01T00:00:00Z",
            "2017-02-29T00:00:00Z",
            "2017-01-01T24:00:00Z",
            "2017-01-01T00:60:00Z",
            "2017-01-01T00:00:61Z",
            "2017-01-01T00:00:00.Z",
            "2017-01-01T00:00:00.1234567890Z",
            "2017-01-01T00:00:00+24:00",
            "2017-01-01T00:00:00+01:60",
            "2017-01-01T00:00:00+0100",
            "2017-01-01T00:00:00Zjunk",
            "2017-01-01X00:00:00Z",
            "2017-01-01T00:00:00ü",
            " 2017-01-01T00:00:00Z",
        ] {
            let error = DateTimeOffset::parse(text).unwrap_err();
            assert_eq!(error.type_name(), "Edm.DateTimeOffset");
            assert_eq!(error.input(), text);
        }
        let message = DateTimeOffset::parse("2017-02-29T00:00:00Z")
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            "invalid Edm.DateTimeOffset \"2017-02-29T00:00:00Z\": \
             2017-02-29 is not a calendar date"
        );
    }

    #[test]
    fn date_time_offset_deserialize_errors_name_the_problem() {
        let error = serde_json::from_str::<DateTimeOffset>("\"yesterday\"").unwrap_err();
        assert!(error
            .to_string()
            .contains("invalid Edm.DateTimeOffset \"yesterday\""));
        let error = serde_json::from_str::<DateTimeOffset>("5").unwrap_err();
        assert!(error.to_string().contains("an RFC 3339 date-time string"));
    }

    #[test]
    fn equality_is_the_written_form_and_ordering_follows_the_instant() {
        let z = DateTimeOffset::parse("2017-01-01T00:00:00Z").unwrap();
        let numeric = DateTimeOffset::parse("2017-01-01T00:00:00+00:00").unwrap();
        let shifted = DateTimeOffset::parse("2017-01-01T01:00:00+01:00").unwrap();
        let digits = DateTimeOffset::parse("2017-01-01T00:00:00.0Z").unwrap();
        for other in [numeric, shifted, digits] {
            assert_ne!(z, other);
            assert_ne!(z.cmp(&other), Ordering::Equal);
            assert!(z.instant_eq(&other));
        }
        let set: HashSet<_> = [z, numeric, shifted, digits, z].into_iter().collect();
        assert_eq!(set.len(), 4);

        let later = DateTimeOffset::parse("2017-01-01T00:30:00Z").unwrap();
        let earlier_in_paris = DateTimeOffset::parse("2017-01-01T01:00:00+01:00").unwrap();
        assert!(earlier_in_paris < later);
    }

    #[test]
    fn date_time_offset_from_chrono_uses_the_shortest_form() {
        let plus_two = FixedOffset::east_opt(7200).unwrap();
        let value = NaiveDate::from_ymd_opt(2020, 5, 6)
            .unwrap()
            .and_hms_nano_opt(7, 8, 9, 120_000_000)
            .unwrap()
            .and_local_timezone(plus_two)
            .unwrap();
        assert_eq!(
            DateTimeOffset::from(value).to_string(),
            "2020-05-06T07:08:09.12+02:00"
        );
        assert_eq!(
            DateTimeOffset::from(value.with_timezone(&Utc)).to_string(),
            "2020-05-06T05:08:09.12Z"
        );
        // RFC 3339 offsets have no seconds: such a value is written in UTC.
        let odd = value.with_timezone(&FixedOffset::east_opt(3601).unwrap());
        let converted = DateTimeOffset::from(odd);
        assert_eq!(converted.to_string(), "2020-05-06T05:08:09.12Z");
        assert_eq!(DateTime::<FixedOffset>::from(converted), value);
        assert_eq!(
            DateTimeOffset::default().to_string(),
            "1970-01-01T00:00:00Z"
        );
    }

    #[test]
    fn time_of_day_round_trips_exactly() {
        for text in [
            "08:30:00",
            "23:59:59.9999999",
            "00:00:00.000000000000",
            "12:34:56.123456789012",
            "12:34:56.1",
            "07:05",
            "23:59:60.25",
        ] {
            let value = TimeOfDay::parse(text).unwrap();
            assert_eq!(value.to_string(), text);
            let json = format!("\"{text}\"");
            let from_json: TimeOfDay = serde_json::from_str(&json).unwrap();
            assert_eq!(from_json, value);
            assert_eq!(serde_json::to_string(&from_json).unwrap(), json);
        }
        let precise = TimeOfDay::parse("12:34:56.123456789012").unwrap();
        assert_eq!(
            *precise.as_chrono(),
            NaiveTime::from_hms_nano_opt(12, 34, 56, 123_456_789).unwrap()
        );
        assert_ne!(precise, TimeOfDay::parse("12:34:56.123456789").unwrap());
    }

    #[test]
    fn time_of_day_rejects_malformed_text() {
        for text in [
            "",
            "12",
            "1:00:00",
            "24:00:00",
            "12:60:00",
            "12:00:61",
            "12:00:00.",
            "12:00:00.1234567890123",
            "12:00:00Z",
            "12:00:00+01:00",
            "12:00:",
            "12-00-00",
        ] {
            let error = TimeOfDay::parse(text).unwrap_err();
            assert_eq!(error.type_name(), "Edm.TimeOfDay", "{text}");
        }
        assert!(serde_json::from_str::<TimeOfDay>("\"25:00:00\"").is_err());
    }

    #[test]
    fn time_of_day_orders_by_time_and_converts_from_chrono() {
        let eight = TimeOfDay::parse("08:00").unwrap();
        let nine = TimeOfDay::parse("09:00:00.5").unwrap();
        assert!(eight < nine);
        let time = NaiveTime::from_hms_milli_opt(0, 0, 1, 500).unwrap();
        assert_eq!(TimeOfDay::from(time).to_string(), "00:00:01.5");
        assert_eq!(NaiveTime::from(TimeOfDay::from(time)), time);
        assert_eq!(TimeOfDay::default().to_string(), "00:00:00");
    }

    fn offset_text() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("Z".to_owned()),
            Just("z".to_owned()),
            Just("-00:00".to_owned()),
            (prop::bool::ANY, 0..=23u32, 0..=59u32).prop_map(|(plus, hours, minutes)| {
                format!("{}{hours:02}:{minutes:02}", if plus { '+' } else { '-' })
            }),
        ]
    }

    fn fraction_text(max: usize) -> impl Strategy<Value = String> {
        prop::option::of(proptest::string::string_regex(&format!("[0-9]{{1,{max}}}")).unwrap())
            .prop_map(|digits| {
                digits
                    .map(|digits| format!(".{digits}"))
                    .unwrap_or_default()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn any_rfc3339_date_time_round_trips(
            (year, month, day) in (0..=9999i32, 1..=12u32, 1..=31u32)
                .prop_filter("calendar date", |&(y, m, d)| NaiveDate::from_ymd_opt(y, m, d).is_some()),
            separator in prop_oneof![Just('T'), Just('t'), Just(' ')],
            (hour, minute, second) in (0..=23u32, 0..=59u32, 0..=60u32),
            fraction in fraction_text(9),
            offset in offset_text(),
        ) {
            let text = format!(
                "{year:04}-{month:02}-{day:02}{separator}{hour:02}:{minute:02}:{second:02}{fraction}{offset}"
            );
            let value = DateTimeOffset::parse(&text).unwrap();
            prop_assert_eq!(&value.to_string(), &text);
            let json = serde_json::to_string(&value).unwrap();
            prop_assert_eq!(serde_json::from_str::<DateTimeOffset>(&json).unwrap(), value);
            if second < 60 {
                let chrono = DateTime::parse_from_rfc3339(&text).unwrap();
                prop_assert_eq!(*value.as_chrono(), chrono);
            }
            // A chrono value converted in writes a string that parses to the same instant.
            let converted = DateTimeOffset::from(*value.as_chrono());
            prop_assert!(DateTimeOffset::parse(&converted.to_string()).unwrap().instant_eq(&value));
        }

        #[test]
        fn any_time_of_day_round_trips(
            (hour, minute) in (0..=23u32, 0..=59u32),
            seconds in prop::option::of((0..=59u32, fraction_text(12))),
        ) {
            let seconds = seconds
                .map(|(second, fraction)| format!(":{second:02}{fraction}"))
                .unwrap_or_default();
            let text = format!("{hour:02}:{minute:02}{seconds}");
            let value = TimeOfDay::parse(&text).unwrap();
            prop_assert_eq!(&value.to_string(), &text);
            let json = serde_json::to_string(&value).unwrap();
            prop_assert_eq!(serde_json::from_str::<TimeOfDay>(&json).unwrap(), value);
        }
    }
}
