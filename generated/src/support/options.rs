//! Query options and extra headers a request carries besides its path and body: the documented
//! OData options (`$select`, `$filter`, `$top`, …) and headers (`Prefer`, `ConsistencyLevel`,
//! `If-Match`, …) that generated request types expose as typed setters.

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Characters left as they are in a query option's name and value: RFC 3986 unreserved
/// characters and the punctuation OData is written with (`$filter=startswith(name,'a')`,
/// `@p1`). Everything else, `&`, `=`, `#`, `+`, `%` and spaces among it, is percent-encoded, so
/// neither a name nor a value can add or end a query option, nor make the URI unparsable.
const QUERY_TEXT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~')
    .remove(b'$')
    .remove(b',')
    .remove(b'\'')
    .remove(b'(')
    .remove(b')')
    .remove(b'*')
    .remove(b':')
    .remove(b'@')
    .remove(b'/');

/// The `Prefer` value that asks Graph for enum members added after `unknownFutureValue`.
pub const INCLUDE_UNKNOWN_ENUM_MEMBERS: &str = "include-unknown-enum-members";

/// Query options and headers, in the order they were set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestOptions {
    query: Vec<(String, String)>,
    headers: Vec<(String, String)>,
}

impl RequestOptions {
    /// Sets a query option (replacing an earlier value of the same name). Name and value are
    /// percent-encoded when the query string is built ([`RequestOptions::query_string`]).
    pub fn set_query(&mut self, name: &str, value: impl Into<String>) {
        self.query.retain(|(n, _)| n != name);
        self.query.push((name.to_owned(), value.into()));
    }

    /// Sets a header (replacing an earlier value of the same name, ignoring case).
    pub fn set_header(&mut self, name: &str, value: impl Into<String>) {
        self.headers.retain(|(n, _)| !n.eq_ignore_ascii_case(name));
        self.headers.push((name.to_owned(), value.into()));
    }

    /// Asks for enum members added after `unknownFutureValue` (Graph's evolvable enums): without
    /// this `Prefer` header the service sends `unknownFutureValue` in their place.
    pub fn include_unknown_enum_members(&mut self) {
        self.set_header("Prefer", INCLUDE_UNKNOWN_ENUM_MEMBERS);
    }

    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }

    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// `name=value&…` with names and values percent-encoded (`$`, `@` and OData's punctuation
    /// left readable, so `$filter` stays `$filter`); empty when no option is set.
    pub fn query_string(&self) -> String {
        self.query
            .iter()
            .map(|(name, value)| {
                // Names too: one written with a space (`"$filter "`, as a docs page has it)
                // would otherwise make the whole URI unparsable.
                format!(
                    "{}={}",
                    utf8_percent_encode(name, QUERY_TEXT),
                    utf8_percent_encode(value, QUERY_TEXT)
                )
            })
            .collect::<Vec<_>>()
            .join("&")
    }
}

#[cfg(test)]
mod tests {
    use super::RequestOptions;

    #[test]
    fn values_cannot_add_options() {
        let mut options = RequestOptions::default();
        options.set_query("$filter", "startswith(displayName,'a b') & x=1#");
        options.set_query("$top", "5");
        assert_eq!(
            options.query_string(),
            "$filter=startswith(displayName,'a%20b')%20%26%20x%3D1%23&$top=5"
        );
    }

    #[test]
    fn names_are_encoded_too() {
        let mut options = RequestOptions::default();
        options.set_query("$filter ", "a eq 1");
        options.set_query("@p1", "'x'");
        options.set_query("a&b=c#", "1");
        options.set_query("$top", "2");
        assert_eq!(
            options.query_string(),
            "$filter%20=a%20eq%201&@p1='x'&a%26b%3Dc%23=1&$top=2"
        );
    }

    #[test]
    fn setting_again_replaces() {
        let mut options = RequestOptions::default();
        options.set_query("$top", "5");
        options.set_query("$top", "7");
        options.set_header("Prefer", "a");
        options.set_header("prefer", "b");
        assert_eq!(options.query_string(), "$top=7");
        assert_eq!(options.headers(), [("prefer".to_owned(), "b".to_owned())]);
    }
}
