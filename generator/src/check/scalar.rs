//! Whether a JSON string or number is a well-formed value of an OData primitive type, as the
//! generated crate's support types will read it.

use crate::ir::Primitive;
use crate::json::{JsonKind, JsonNode};

/// Checks one non-null value against a primitive type; `Err` says what was expected.
pub fn fits(primitive: Primitive, value: &JsonNode) -> Result<(), String> {
    let ok = match (primitive, &value.kind) {
        (Primitive::String, JsonKind::String(_)) => true,
        (Primitive::Boolean, JsonKind::Bool(_)) => true,
        (Primitive::Byte, JsonKind::Number(n)) => integer_in(n, 0, 255),
        (Primitive::SByte, JsonKind::Number(n)) => integer_in(n, -128, 127),
        (Primitive::Int16, JsonKind::Number(n)) => integer_in(n, i16::MIN.into(), i16::MAX.into()),
        (Primitive::Int32, JsonKind::Number(n)) => integer_in(n, i32::MIN.into(), i32::MAX.into()),
        (Primitive::Int64, JsonKind::Number(n)) => integer_in(n, i64::MIN.into(), i64::MAX.into()),
        (Primitive::Single | Primitive::Double | Primitive::Decimal, JsonKind::Number(_)) => true,
        (Primitive::Single | Primitive::Double, JsonKind::String(s)) => {
            matches!(s.as_str(), "NaN" | "INF" | "-INF")
        }
        (Primitive::Guid, JsonKind::String(s)) => is_guid(s),
        (Primitive::Binary | Primitive::Stream, JsonKind::String(s)) => is_base64(s),
        (Primitive::Date, JsonKind::String(s)) => is_date(s),
        (Primitive::TimeOfDay, JsonKind::String(s)) => is_time_of_day(s),
        (Primitive::DateTimeOffset, JsonKind::String(s)) => is_date_time_offset(s),
        (Primitive::Duration, JsonKind::String(s)) => is_duration(s),
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(expectation(primitive).to_owned())
    }
}

/// Whether a JSON string is a well-formed value of a primitive that reads strings (a GUID, a
/// date, base64, …), as the generated crate's support types parse it.
pub fn text_fits(primitive: Primitive, text: &str) -> bool {
    match primitive {
        Primitive::Guid => is_guid(text),
        Primitive::Binary | Primitive::Stream => is_base64(text),
        Primitive::Date => is_date(text),
        Primitive::TimeOfDay => is_time_of_day(text),
        Primitive::DateTimeOffset => is_date_time_offset(text),
        Primitive::Duration => is_duration(text),
        Primitive::Decimal => text.parse::<f64>().is_ok(),
        Primitive::String => true,
        _ => false,
    }
}

/// What a value of the type looks like, for messages.
fn expectation(primitive: Primitive) -> &'static str {
    match primitive {
        Primitive::String => "a string",
        Primitive::Boolean => "`true` or `false`",
        Primitive::Byte => "an integer from 0 to 255",
        Primitive::SByte => "an integer from -128 to 127",
        Primitive::Int16 => "a 16-bit integer",
        Primitive::Int32 => "a 32-bit integer",
        Primitive::Int64 => "a 64-bit integer",
        Primitive::Single | Primitive::Double => "a number (or \"NaN\", \"INF\", \"-INF\")",
        Primitive::Decimal => "a number",
        Primitive::Guid => "a GUID string such as \"5b4c7bd4-36c2-4fb0-8a7b-4f5e9e0d8f41\"",
        Primitive::Binary | Primitive::Stream => "a base64 string",
        Primitive::Date => "a date string such as \"2021-07-16\"",
        Primitive::TimeOfDay => "a time string such as \"13:45:00\"",
        Primitive::DateTimeOffset => "a date-time string such as \"2021-07-16T13:45:00Z\"",
        Primitive::Duration => "an ISO 8601 duration string such as \"PT1H30M\"",
    }
}

fn integer_in(text: &str, min: i128, max: i128) -> bool {
    text.parse::<i128>().is_ok_and(|n| (min..=max).contains(&n))
}

fn digits(s: &str, n: usize) -> Option<u32> {
    (s.len() == n && s.bytes().all(|b| b.is_ascii_digit())).then(|| s.parse().ok())?
}

pub fn is_guid(s: &str) -> bool {
    let groups: Vec<&str> = s.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, n)| g.len() == n && g.bytes().all(|b| b.is_ascii_hexdigit()))
}

pub fn is_base64(s: &str) -> bool {
    let body = s.trim_end_matches('=');
    let padding = s.len() - body.len();
    s.len().is_multiple_of(4)
        && padding <= 2
        && body
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'+' || b == b'/')
}

pub fn is_date(s: &str) -> bool {
    let mut parts = s.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let (Some(y), Some(m), Some(d)) = (digits(y, 4), digits(m, 2), digits(d, 2)) else {
        return false;
    };
    let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&d)
}

pub fn is_time_of_day(s: &str) -> bool {
    let (hms, fraction) = match s.split_once('.') {
        Some((hms, f)) => (hms, Some(f)),
        None => (s, None),
    };
    let mut parts = hms.split(':');
    let (Some(h), Some(m), Some(sec), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return false;
    };
    let fraction_ok = fraction
        .is_none_or(|f| (1..=9).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()));
    matches!((digits(h, 2), digits(m, 2), digits(sec, 2)), (Some(h), Some(m), Some(s)) if h < 24 && m < 60 && s < 60)
        && fraction_ok
}

pub fn is_date_time_offset(s: &str) -> bool {
    let Some((date, rest)) = s.split_once('T') else {
        return false;
    };
    let (time, offset_ok) = if let Some(time) = rest.strip_suffix('Z') {
        (time, true)
    } else if let Some(i) = rest.rfind(['+', '-']) {
        let offset = &rest[i + 1..];
        let ok = offset.len() == 5
            && matches!((digits(&offset[..2], 2), &offset[2..3], digits(&offset[3..], 2)), (Some(h), ":", Some(m)) if h < 24 && m < 60);
        (&rest[..i], ok)
    } else {
        return false;
    };
    is_date(date) && is_time_of_day(time) && offset_ok
}

pub fn is_duration(s: &str) -> bool {
    let s = s.strip_prefix('-').unwrap_or(s);
    let Some(s) = s.strip_prefix('P') else {
        return false;
    };
    let (date, time) = match s.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (s, None),
    };
    let components = |text: &str, units: &[char], fraction_unit: Option<char>| -> Option<usize> {
        let mut count = 0;
        let mut rest = text;
        let mut allowed = units;
        while !rest.is_empty() {
            let end = rest.find(|c: char| !c.is_ascii_digit() && c != '.')?;
            let (number, unit) = (&rest[..end], rest[end..].chars().next()?);
            let position = allowed.iter().position(|&u| u == unit)?;
            let fraction_ok = !number.contains('.') || Some(unit) == fraction_unit;
            let number_ok = !number.is_empty()
                && number.split('.').count() <= 2
                && number
                    .split('.')
                    .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
            if !fraction_ok || !number_ok {
                return None;
            }
            allowed = &allowed[position + 1..];
            rest = &rest[end + unit.len_utf8()..];
            count += 1;
        }
        Some(count)
    };
    let Some(date_count) = components(date, &['Y', 'M', 'W', 'D'], None) else {
        return false;
    };
    match time {
        None => date_count > 0,
        Some(t) => components(t, &['H', 'M', 'S'], Some('S')).is_some_and(|n| n > 0),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats() {
        assert!(is_date("2016-02-29") && !is_date("2017-02-29") && !is_date("Date"));
        assert!(is_date_time_offset("2016-12-31T23:59:35.6179565+00:00"));
        assert!(is_date_time_offset("2017-01-01T00:00:00Z"));
        assert!(
            !is_date_time_offset("2017-01-01 00:00:00Z")
                && !is_date_time_offset("String (timestamp)")
        );
        assert!(
            is_time_of_day("13:45:00")
                && is_time_of_day("13:45:00.1234567")
                && !is_time_of_day("25:00:00")
        );
        assert!(is_guid("c406e236-e236-c406-36e2-06c436e206c4") && !is_guid("Guid"));
        assert!(is_base64("a2V5TWF0ZXJpYWw=") && !is_base64("not base64!") && !is_base64("abc"));
        for ok in [
            "PT1H30M", "P1D", "PT0S", "P2DT3H", "-PT5M", "PT0.5S", "P1Y2M",
        ] {
            assert!(is_duration(ok), "{ok}");
        }
        for bad in ["P", "PT", "1H", "PTH", "P1H", "PT1.5M", "PT1M1H"] {
            assert!(!is_duration(bad), "{bad}");
        }
    }
}
