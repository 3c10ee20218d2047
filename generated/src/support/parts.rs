//! What every generated request type holds (method, filled-in path, body, options) and the
//! blanket [`GraphRequest`] impl over it, so that a generated request is a constructor per
//! documented path, its setters, and three lines naming its body and response types.
//!
//! This is shared code rather than generated code because on all of Graph it would be written
//! out some 7,000 times (once per constructor) and compiled as often.

use super::body::{RequestBody, ResponseBody};
use http::Method;

use super::options::RequestOptions;
use super::request::{encode_path_segment, GraphRequest, RequestError};

/// The method, path, body and options of one request.
#[derive(Clone, Debug, PartialEq)]
pub struct RequestParts<B> {
    method: Method,
    path: String,
    body: Option<B>,
    options: RequestOptions,
    /// The first path parameter given as `""`, if any: such a request is refused when built.
    empty_parameter: Option<usize>,
}

impl<B> RequestParts<B> {
    /// A request to the path `literals[0] + segments[0] + literals[1] + …`, each segment
    /// percent-encoded (see [`encode_path_segment`]).
    ///
    /// # Panics
    ///
    /// Unless there is exactly one more literal than there are segments: any other count would
    /// address some other resource than the one meant.
    pub fn new(method: Method, literals: &[&str], segments: &[&str]) -> Self {
        assert_eq!(
            literals.len(),
            segments.len() + 1,
            "a path needs one more literal than segments: {literals:?} / {segments:?}"
        );
        let mut path = String::new();
        for (i, literal) in literals.iter().enumerate() {
            path.push_str(literal);
            if let Some(segment) = segments.get(i) {
                path.push_str(&encode_path_segment(segment));
            }
        }
        Self {
            method,
            path,
            body: None,
            options: RequestOptions::default(),
            empty_parameter: segments.iter().position(|s| s.is_empty()),
        }
    }

    /// A request to a path [`UrlPath`](super::UrlPath) built, whose argument at
    /// `empty_parameter` (if any) was empty.
    pub(crate) fn from_path(method: Method, path: String, empty_parameter: Option<usize>) -> Self {
        Self {
            method,
            path,
            body: None,
            options: RequestOptions::default(),
            empty_parameter,
        }
    }

    /// The JSON body to send.
    pub fn with_body(mut self, body: B) -> Self {
        self.body = Some(body);
        self
    }

    /// Sets a query option (`$select`, …), replacing an earlier value.
    pub fn query(mut self, name: &str, value: impl Into<String>) -> Self {
        self.options.set_query(name, value);
        self
    }

    /// Sets a request header, replacing an earlier value.
    pub fn header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.options.set_header(name, value);
        self
    }

    /// Asks Graph for enum members added after `unknownFutureValue`.
    pub fn include_unknown_enum_members(mut self) -> Self {
        self.options.include_unknown_enum_members();
        self
    }

    pub fn method(&self) -> &Method {
        &self.method
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn body(&self) -> Option<&B> {
        self.body.as_ref()
    }

    pub fn options(&self) -> &RequestOptions {
        &self.options
    }

    pub fn options_mut(&mut self) -> &mut RequestOptions {
        &mut self.options
    }

    /// Refuses a request with an empty path parameter: `/users/` + `""` would address the
    /// collection, not a user.
    pub fn check(&self) -> Result<(), RequestError> {
        match self.empty_parameter {
            Some(position) => Err(RequestError::EmptyParameter {
                position,
                path: self.path.clone(),
            }),
            None => Ok(()),
        }
    }
}

/// A generated request type: it holds [`RequestParts`] and names its body and response types;
/// [`GraphRequest`] follows from that.
pub trait DocumentedRequest {
    /// What is sent as the body ([`NoBody`](super::NoBody) when the operation has none).
    type Body: RequestBody;
    /// What the success response is read into.
    type Response: ResponseBody;

    fn parts(&self) -> &RequestParts<Self::Body>;

    fn parts_mut(&mut self) -> &mut RequestParts<Self::Body>;
}

impl<T: DocumentedRequest> GraphRequest for T {
    type Body = T::Body;
    type Response = T::Response;

    fn method(&self) -> Method {
        self.parts().method().clone()
    }

    fn path(&self) -> &str {
        self.parts().path()
    }

    fn body(&self) -> Option<&Self::Body> {
        self.parts().body()
    }

    fn options(&self) -> Option<&RequestOptions> {
        Some(self.parts().options())
    }

    fn check(&self) -> Result<(), RequestError> {
        self.parts().check()
    }
}

#[cfg(test)]
mod tests {
    use super::super::NoBody;
    use super::*;

    struct GetThing(RequestParts<NoBody>);

    impl DocumentedRequest for GetThing {
        type Body = NoBody;
        type Response = serde_json::Value;
        fn parts(&self) -> &RequestParts<NoBody> {
            &self.0
        }
        fn parts_mut(&mut self) -> &mut RequestParts<NoBody> {
            &mut self.0
        }
    }

    #[test]
    fn literals_and_encoded_segments_interleave() {
        let parts: RequestParts<NoBody> = RequestParts::new(
            Method::GET,
            &["/users/", "/calendars/", "/events"],
            &["a/b", ".."],
        );
        assert_eq!(parts.path(), "/users/a%2Fb/calendars/%2E%2E/events");
        let parts: RequestParts<NoBody> = RequestParts::new(Method::GET, &["/me?$top=1"], &[]);
        assert_eq!(parts.path(), "/me?$top=1");
    }

    #[test]
    #[should_panic(expected = "one more literal than segments")]
    fn a_segment_without_its_literals_is_refused() {
        let _: RequestParts<NoBody> = RequestParts::new(Method::GET, &["/users/"], &["a", "b"]);
    }

    #[test]
    fn a_documented_request_is_a_graph_request() {
        let thing = GetThing(
            RequestParts::new(Method::GET, &["/things/", ""], &["x y"])
                .query("$select", "id,name")
                .include_unknown_enum_members(),
        );
        let http = thing.to_http_request("https://example.test/v1.0").unwrap();
        assert_eq!(
            http.uri().to_string(),
            "https://example.test/v1.0/things/x%20y?$select=id,name"
        );
        assert_eq!(http.headers()["Prefer"], "include-unknown-enum-members");
        assert!(http.body().is_empty());
    }

    #[test]
    fn a_query_name_with_a_space_still_builds() {
        // Before names were encoded, this failed with "invalid uri character".
        let thing =
            GetThing(RequestParts::new(Method::GET, &["/things"], &[]).query("$filter ", "x"));
        let http = thing.to_http_request("https://example.test").unwrap();
        assert_eq!(http.uri().query(), Some("$filter%20=x"));
    }
}
