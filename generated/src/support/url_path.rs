//! What generated navigation is made of: [`UrlPath`], the path a chain of steps has built so
//! far (`Graph::users().by_id(id).messages()`), which a final call turns into its
//! [`Request`](super::Request). Plumbing of the generated code, not API.
//!
//! Every generated step is one line that calls into this module; the encoding rules live here
//! once instead of in thousands of generated functions.

use std::fmt;

use http::Method;

use super::graph_request::encode_path_segment;
use super::request::Request;

/// A request path under construction: literal text and percent-encoded arguments. The first
/// empty argument is remembered, so that the request built from it is refused
/// ([`RequestError::EmptyParameter`](super::RequestError::EmptyParameter)) rather than sent to
/// some other resource (`/users/` + `""` is the collection, not a user).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UrlPath {
    path: String,
    arguments: usize,
    empty_argument: Option<usize>,
    /// The path ends in an item path's closing `:`, which a request to the item itself drops
    /// (`/me/drive/root:/a.txt`, as the docs write it).
    ends_in_item_path: bool,
}

impl UrlPath {
    /// A path that starts with `literal` (`/users`).
    pub fn root(literal: &str) -> Self {
        UrlPath {
            path: literal.to_owned(),
            arguments: 0,
            empty_argument: None,
            ends_in_item_path: false,
        }
    }

    /// Appends fixed text (`/messages`).
    pub fn push(mut self, literal: &str) -> Self {
        self.path.push_str(literal);
        self.ends_in_item_path = false;
        self
    }

    /// Appends `/` and a key, percent-encoded as one segment.
    pub fn key(self, key: &str) -> Self {
        self.push("/").argument(key)
    }

    /// Appends an argument, percent-encoded as one segment.
    pub fn argument(mut self, value: &str) -> Self {
        self.note(value);
        self.path.push_str(&encode_path_segment(value));
        self.ends_in_item_path = false;
        self
    }

    /// Appends an argument that sits between `'…'` in the path (a function's string
    /// parameter): a `'` in it is doubled, as OData escapes it, then percent-encoded.
    pub fn quoted(mut self, value: &str) -> Self {
        self.note(value);
        self.path
            .push_str(&encode_path_segment(&value.replace('\'', "''")));
        self.ends_in_item_path = false;
        self
    }

    /// OneDrive's path addressing: `:/` + the item path (each of its `/`-separated parts
    /// percent-encoded, the `/` kept) + `:` when more follows, so that
    /// `Graph::me().drive().root().by_path("a/b.txt").content()` is
    /// `/me/drive/root:/a/b.txt:/content`, and a request to the item itself
    /// `/me/drive/root:/a/b.txt`.
    pub fn item_path(mut self, path: &str) -> Self {
        let trimmed = path.trim_matches('/');
        self.note(trimmed);
        self.path.push_str(":/");
        let parts: Vec<String> = trimmed.split('/').map(encode_path_segment).collect();
        self.path.push_str(&parts.join("/"));
        self.path.push(':');
        self.ends_in_item_path = true;
        self
    }

    fn note(&mut self, value: &str) {
        if value.is_empty() && self.empty_argument.is_none() {
            self.empty_argument = Some(self.arguments);
        }
        self.arguments += 1;
    }

    /// The path built so far.
    pub fn as_str(&self) -> &str {
        &self.path
    }

    /// The request this path ends in.
    pub fn request<B, R, K>(mut self, method: Method) -> Request<B, R, K> {
        if self.ends_in_item_path {
            self.path.pop();
        }
        Request::new(method, self.path, self.empty_argument)
    }
}

impl fmt::Display for UrlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.path)
    }
}

#[cfg(test)]
mod tests {
    use super::super::{GraphRequest, NoBody, ReadsEntity, RequestError};
    use super::*;

    fn get(path: UrlPath) -> Request<NoBody, serde_json::Value, ReadsEntity> {
        path.request(Method::GET)
    }

    #[test]
    fn keys_and_arguments_are_percent_encoded() {
        let path = UrlPath::root("/users")
            .key("ada@contoso.com")
            .push("/messages");
        assert_eq!(path.as_str(), "/users/ada%40contoso.com/messages");
        let path = UrlPath::root("/reports")
            .push("/getX(period='")
            .quoted("it's")
            .push("')");
        assert_eq!(path.as_str(), "/reports/getX(period='it%27%27s')");
    }

    #[test]
    fn an_item_path_keeps_its_slashes_between_colons() {
        let path = UrlPath::root("/me")
            .push("/drive/root")
            .item_path("/Documents/Q1 report.docx")
            .push("/content");
        assert_eq!(
            path.as_str(),
            "/me/drive/root:/Documents/Q1%20report.docx:/content"
        );
    }

    #[test]
    fn a_request_to_the_item_itself_drops_the_closing_colon() {
        let request = get(UrlPath::root("/me/drive/root").item_path("a/b.txt"));
        assert_eq!(
            request
                .to_http_request("https://example.test")
                .unwrap()
                .uri(),
            "https://example.test/me/drive/root:/a/b.txt"
        );
    }

    #[test]
    fn an_empty_argument_is_refused_when_the_request_is_built() {
        let request = get(UrlPath::root("/users").key("").push("/messages"));
        match request.to_http_request("https://example.test") {
            Err(RequestError::EmptyParameter { position, .. }) => assert_eq!(position, 0),
            other => panic!("{other:?}"),
        }
        let request = get(UrlPath::root("/me").push("/drive/root").item_path("/"));
        assert!(request.to_http_request("https://example.test").is_err());
    }
}
