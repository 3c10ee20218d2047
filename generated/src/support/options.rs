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

    /// Adds `value` to a list header (RFC 9110 §5.3), such as `Prefer` (RFC 7240): the header
    /// keeps one entry whose value is the elements joined by `, `, and an element already
    /// present (compared exactly, after trimming spaces) is not added again. `value` may itself
    /// be a list (`a, b`); commas inside a quoted string do not split it. Without an earlier
    /// value of that name (ignoring case) this is [`RequestOptions::set_header`].
    ///
    /// One joined line rather than a line per value: a list header's lines mean the same as
    /// their values joined by commas (RFC 9110 §5.3), and one entry keeps
    /// [`RequestOptions::headers`] a list of distinct names that `set_header` can still
    /// replace as a whole.
    pub fn append_header(&mut self, name: &str, value: impl Into<String>) {
        let value = value.into();
        let Some((_, current)) = self
            .headers
            .iter_mut()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
        else {
            self.headers.push((name.to_owned(), value));
            return;
        };
        let mut elements: Vec<String> = list_elements(current).map(str::to_owned).collect();
        for element in list_elements(&value) {
            if !elements.iter().any(|present| present == element) {
                elements.push(element.to_owned());
            }
        }
        *current = elements.join(", ");
    }

    /// Asks for enum members added after `unknownFutureValue` (Graph's evolvable enums): without
    /// this `Prefer` header the service sends `unknownFutureValue` in their place. It is added
    /// to any other preference already set ([`RequestOptions::append_header`]).
    pub fn include_unknown_enum_members(&mut self) {
        self.append_header("Prefer", INCLUDE_UNKNOWN_ENUM_MEMBERS);
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

/// The non-empty elements of a comma-separated header value, trimmed. A comma inside a
/// quoted string (`outlook.timezone="a, b"`, with `\"` escapes) belongs to its element.
fn list_elements(value: &str) -> impl Iterator<Item = &str> {
    let mut elements = Vec::new();
    let (mut start, mut quoted, mut escaped) = (0, false, false);
    for (at, byte) in value.bytes().enumerate() {
        match byte {
            _ if escaped => escaped = false,
            b'\\' if quoted => escaped = true,
            b'"' => quoted = !quoted,
            b',' if !quoted => {
                elements.push(&value[start..at]);
                start = at + 1;
            }
            _ => {}
        }
    }
    elements.push(&value[start..]);
    elements
        .into_iter()
        .map(str::trim)
        .filter(|element| !element.is_empty())
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
    fn list_headers_accumulate_once_each() {
        let mut options = RequestOptions::default();
        options.set_header("ConsistencyLevel", "eventual");
        options.append_header("Prefer", "outlook.timezone=\"Pacific Standard Time\"");
        options.include_unknown_enum_members();
        options.include_unknown_enum_members();
        options.append_header(
            "prefer",
            "odata.maxpagesize=5, include-unknown-enum-members",
        );
        options.append_header("Prefer", "outlook.body-content-type=\"text, html\" ,");
        assert_eq!(
            options.headers(),
            [
                ("ConsistencyLevel".to_owned(), "eventual".to_owned()),
                (
                    "Prefer".to_owned(),
                    "outlook.timezone=\"Pacific Standard Time\", include-unknown-enum-members, \
                     odata.maxpagesize=5, outlook.body-content-type=\"text, html\""
                        .to_owned()
                ),
            ]
        );
        // Setting still replaces, list header or not.
        options.set_header("Prefer", "return=minimal");
        assert_eq!(options.headers()[1].1, "return=minimal");
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
