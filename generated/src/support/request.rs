//! [`Request`], the value every generated call returns (`Graph::users().by_id(id).update(body)`):
//! a sans-IO request typed by its body, its answer and the query options it takes, and the
//! markers of those options ([`ReadsCollection`], [`ReadsEntity`], [`ReadsCount`], [`Writes`]).
//!
//! One generic type rather than a type per operation: on all of Graph that would be thousands
//! of types, each compiled on its own. A request goes to an `http::Request` through
//! [`GraphRequest`], or is sent by the `client` feature's `Client::send`.

use std::fmt;
use std::marker::PhantomData;

use http::Method;

use super::body::{RequestBody, ResponseBody};
use super::graph_request::{GraphRequest, RequestError};
use super::options::RequestOptions;
use super::query::{CollectionQuery, CountQuery, EntityQuery, RequestExt};

/// Marks a request that reads a collection: it takes `$select`, `$filter`, `$top`, `$skip`,
/// `$orderby`, `$expand`, `$count` and `$search` ([`CollectionQuery`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadsCollection {}

/// Marks a request that reads one entity or value: it takes `$select` and `$expand`
/// ([`EntityQuery`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadsEntity {}

/// Marks a request that counts a collection (`…/$count`): it takes `$filter` and `$search`
/// ([`CountQuery`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadsCount {}

/// Marks any other request (a write, an action, a download).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Writes {}

/// A request a generated call returns: method, path, body and options, with the body type `B`,
/// the answer's type `R` and the kind `K` of query options it takes in its type.
///
/// Name it to hand a request around: `Request<User, Option<User>, Writes>` is an update of a
/// user that answers the user or nothing. Query options and headers come from
/// [`RequestExt`] and the trait its kind allows ([`CollectionQuery`] on a
/// `Request<_, _, ReadsCollection>`, …); [`GraphRequest`] turns it into an `http::Request`
/// and reads its answer.
pub struct Request<B, R, K = Writes> {
    method: Method,
    /// Filled in and percent-encoded, relative to the base URL.
    path: String,
    body: Option<B>,
    options: RequestOptions,
    /// The first path argument given as `""`, if any: such a request is refused when built.
    empty_argument: Option<usize>,
    kind: PhantomData<fn() -> (R, K)>,
}

impl<B, R, K> Request<B, R, K> {
    /// A request to `path` (built by the navigation), whose argument number `empty_argument`
    /// (from 0), if any, was empty.
    pub(crate) fn new(method: Method, path: String, empty_argument: Option<usize>) -> Self {
        Request {
            method,
            path,
            body: None,
            options: RequestOptions::default(),
            empty_argument,
            kind: PhantomData,
        }
    }

    /// A request the docs do not document (a newer or a beta endpoint): `method` to `path`,
    /// relative to the base URL, with each segment already percent-encoded
    /// ([`encode_path_segment`](super::encode_path_segment)). Its type says what it sends,
    /// what its answer is read into and which query options it takes:
    ///
    /// ```
    /// use graph_client::support::{
    ///     encode_path_segment, EntityQuery, GraphRequest, NoBody, ReadsEntity, Request,
    /// };
    ///
    /// let path = format!("/users/{}/insights/trending", encode_path_segment("ada@contoso.com"));
    /// let trending: Request<NoBody, serde_json::Value, ReadsEntity> =
    ///     Request::custom(http::Method::GET, path).select(&["id"]);
    /// let http = trending.to_http_request("https://graph.microsoft.com/v1.0").unwrap();
    /// assert_eq!(
    ///     http.uri(),
    ///     "https://graph.microsoft.com/v1.0/users/ada%40contoso.com/insights/trending?$select=id"
    /// );
    /// ```
    pub fn custom(method: Method, path: impl Into<String>) -> Self {
        Request::new(method, path.into(), None)
    }

    /// The body to send.
    pub fn with_body(mut self, body: B) -> Self {
        self.body = Some(body);
        self
    }

    /// A query option a final call takes as an argument (`startDateTime`).
    pub fn with_query(mut self, name: &str, value: impl Into<String>) -> Self {
        self.options.set_query(name, value);
        self
    }

    /// A header the call's page documents for every request (the `Content-Type` of a body
    /// that is not JSON, `image/jpeg` for a photo); a later `.header(name, …)` replaces it.
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.options.set_header(name, value);
        self
    }
}

impl<B: RequestBody, R: ResponseBody, K> GraphRequest for Request<B, R, K> {
    type Body = B;
    type Response = R;

    fn method(&self) -> Method {
        self.method.clone()
    }

    fn path(&self) -> &str {
        &self.path
    }

    fn body(&self) -> Option<&B> {
        self.body.as_ref()
    }

    fn options(&self) -> Option<&RequestOptions> {
        Some(&self.options)
    }

    /// Refuses a request with an empty path argument: `/users/` + `""` would address the
    /// collection, not a user.
    fn check(&self) -> Result<(), RequestError> {
        match self.empty_argument {
            Some(position) => Err(RequestError::EmptyParameter {
                position,
                path: self.path.clone(),
            }),
            None => Ok(()),
        }
    }
}

impl<B, R, K> RequestExt for Request<B, R, K> {
    fn query(mut self, name: &str, value: impl Into<String>) -> Self {
        self.options.set_query(name, value);
        self
    }

    fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.options.set_header(name, value);
        self
    }

    fn append_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.options.append_header(name, value);
        self
    }

    fn include_unknown_enum_members(mut self) -> Self {
        self.options.include_unknown_enum_members();
        self
    }
}

impl<B, R> CollectionQuery for Request<B, R, ReadsCollection> {}

impl<B, R> EntityQuery for Request<B, R, ReadsEntity> {}

impl<B, R> CountQuery for Request<B, R, ReadsCount> {}

impl<B: Clone, R, K> Clone for Request<B, R, K> {
    fn clone(&self) -> Self {
        Request {
            method: self.method.clone(),
            path: self.path.clone(),
            body: self.body.clone(),
            options: self.options.clone(),
            empty_argument: self.empty_argument,
            kind: PhantomData,
        }
    }
}

impl<B: fmt::Debug, R, K> fmt::Debug for Request<B, R, K> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("body", &self.body)
            .field("options", &self.options)
            .finish_non_exhaustive()
    }
}

impl<B: PartialEq, R, K> PartialEq for Request<B, R, K> {
    fn eq(&self, other: &Self) -> bool {
        self.method == other.method
            && self.path == other.path
            && self.body == other.body
            && self.options == other.options
            && self.empty_argument == other.empty_argument
    }
}

#[cfg(test)]
mod tests {
    use super::super::NoBody;
    use super::*;

    fn get(path: &str) -> Request<NoBody, serde_json::Value, ReadsCollection> {
        Request::new(Method::GET, path.to_owned(), None)
    }

    #[test]
    fn a_custom_request_sends_its_body_and_reads_its_answer_like_a_generated_one() {
        let request: Request<serde_json::Value, serde_json::Value> =
            Request::custom(Method::POST, "/me/sendMail").with_body(serde_json::json!({"a": 1}));
        let http = request
            .to_http_request("https://graph.microsoft.com/v1.0/")
            .unwrap();
        assert_eq!(http.method(), Method::POST);
        assert_eq!(http.uri(), "https://graph.microsoft.com/v1.0/me/sendMail");
        assert_eq!(http.body(), br#"{"a":1}"#);
        let answer = http::Response::builder()
            .status(200)
            .body(br#"{"ok":true}"#.to_vec())
            .unwrap();
        let read = request.read_response(answer).unwrap();
        assert_eq!(read.body, serde_json::json!({"ok": true}));
    }

    #[test]
    fn options_and_headers_reach_the_http_request() {
        let request = get("/things/x%20y")
            .select(&["id", "name"])
            .include_unknown_enum_members()
            .prefer("return=minimal");
        let http = request
            .to_http_request("https://example.test/v1.0")
            .unwrap();
        assert_eq!(
            http.uri().to_string(),
            "https://example.test/v1.0/things/x%20y?$select=id,name"
        );
        assert_eq!(
            http.headers()["Prefer"],
            "include-unknown-enum-members, return=minimal"
        );
        assert!(http.body().is_empty());
    }

    #[test]
    fn a_query_name_with_a_space_still_builds() {
        // Before names were encoded, this failed with "invalid uri character".
        let request = get("/things").query("$filter ", "x");
        let http = request.to_http_request("https://example.test").unwrap();
        assert_eq!(http.uri().query(), Some("$filter%20=x"));
    }

    #[test]
    fn an_empty_argument_is_refused_when_built() {
        let request = Request::<NoBody, (), Writes>::new(Method::GET, "/users/".into(), Some(0));
        match request.to_http_request("https://example.test") {
            Err(RequestError::EmptyParameter { position, path }) => {
                assert_eq!((position, path.as_str()), (0, "/users/"))
            }
            other => panic!("{other:?}"),
        }
    }
}
