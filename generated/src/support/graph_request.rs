//! The sans-IO request contract: a [`GraphRequest`] (the [`Request`](super::Request) every
//! generated call returns, a [`BatchRequest`](super::BatchRequest), or a type of your own for a
//! request the docs do not document) becomes an `http::Request`, and a received
//! `http::Response` becomes its typed answer or a [`GraphError`], so that any HTTP client (or
//! none, in tests) can carry the bytes.

use std::collections::BTreeMap;
use std::fmt;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde::{Deserialize, Serialize};

use super::body::{RequestBody, ResponseBody};
use super::options::RequestOptions;

/// The service root that `path()` values are relative to: the one the crate's docs send their
/// examples to (`https://graph.microsoft.com/v1.0` for Graph v1.0, `…/beta` for beta).
pub const DEFAULT_BASE_URL: &str = crate::requests::SERVICE_ROOT;

/// A request to the service, ready to turn into an HTTP request without any HTTP client: its
/// method, path, body and options, and the types its body and answer have.
pub trait GraphRequest {
    /// What is sent as the body: a model (as JSON), [`Bytes`](super::Bytes), or [`NoBody`]
    /// when the operation has none.
    type Body: RequestBody;
    /// What the success response is read into: a model, `()` for an empty body (see
    /// [`parse_response`]), or [`Bytes`](super::Bytes) for media content.
    type Response: ResponseBody;

    /// HTTP method, e.g. PATCH.
    fn method(&self) -> http::Method;

    /// Path with parameters filled in and percent-encoded (see [`encode_path_segment`]),
    /// starting with '/', relative to the base URL.
    fn path(&self) -> &str;

    /// Body to send, if any.
    fn body(&self) -> Option<&Self::Body>;

    /// Query options and extra headers set on the request (none by default).
    fn options(&self) -> Option<&RequestOptions> {
        None
    }

    /// Whether the request may be sent at all (an empty path parameter may not); checked by
    /// [`GraphRequest::to_http_request`] before anything is built.
    fn check(&self) -> Result<(), RequestError> {
        Ok(())
    }

    /// Builds the request against `base_url` (no trailing slash needed; a trailing slash is
    /// tolerated): method, URI = base_url + path, and the body when there is one, with its
    /// `Content-Type` (`application/json` for a model, `application/octet-stream` for bytes,
    /// unless the request's own headers set one); an empty body otherwise.
    fn to_http_request(&self, base_url: &str) -> Result<http::Request<Vec<u8>>, RequestError> {
        self.check()?;
        let path = self.path();
        let separator = if path.starts_with('/') { "" } else { "/" };
        let mut uri = format!("{}{separator}{path}", base_url.trim_end_matches('/'));
        let query = self
            .options()
            .map(RequestOptions::query_string)
            .unwrap_or_default();
        if !query.is_empty() {
            // A documented path may carry a query of its own (`/users?$select=id`).
            uri.push(if uri.contains('?') { '&' } else { '?' });
            uri.push_str(&query);
        }
        let parsed: http::Uri =
            uri.parse()
                .map_err(|error: http::uri::InvalidUri| RequestError::InvalidUri {
                    uri: uri.clone(),
                    reason: error.to_string(),
                })?;
        if parsed.scheme().is_none() || parsed.authority().is_none() {
            return Err(RequestError::InvalidUri {
                uri,
                reason: "the base URL must be absolute, e.g. https://graph.microsoft.com/v1.0"
                    .into(),
            });
        }
        let mut builder = http::Request::builder().method(self.method()).uri(parsed);
        let mut content_type_set = false;
        for (name, value) in self
            .options()
            .map(RequestOptions::headers)
            .unwrap_or_default()
        {
            content_type_set |= name.eq_ignore_ascii_case("content-type");
            builder = builder.header(name.as_str(), value.as_str());
        }
        let request = match self.body() {
            Some(body) => {
                if !content_type_set {
                    builder = builder.header(http::header::CONTENT_TYPE, body.content_type());
                }
                builder.body(body.to_body().map_err(RequestError::Body)?)
            }
            None => builder.body(Vec::new()),
        };
        request.map_err(RequestError::Http)
    }

    /// Reads the response to this request as [`read_response`] does, with the response type
    /// taken from the request value: `let answer = request.read_response(http_response)?;`
    /// instead of naming the request type in `read_response::<…>(http_response)`.
    fn read_response(
        &self,
        response: http::Response<Vec<u8>>,
    ) -> Result<Response<Self::Response>, ResponseError>
    where
        Self: Sized,
    {
        read_response::<Self>(response)
    }

    /// Parses the response to this request as [`parse_response`] does (the typed body only),
    /// with the response type taken from the request value.
    fn parse_response(
        &self,
        response: &http::Response<Vec<u8>>,
    ) -> Result<Self::Response, ResponseError>
    where
        Self: Sized,
    {
        parse_response::<Self>(response)
    }
}

/// The `Body` of an operation that sends none.
///
/// It is an empty enum: no value of it can exist, so `body()` can only return `None` and a
/// request type cannot accidentally send one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoBody {}

impl serde::Serialize for NoBody {
    fn serialize<S: serde::Serializer>(&self, _serializer: S) -> Result<S::Ok, S::Error> {
        match *self {}
    }
}

/// Why a request could not be built.
#[derive(Debug)]
pub enum RequestError {
    /// `base_url` + `path()` is not an absolute URI.
    InvalidUri { uri: String, reason: String },
    /// The body model failed to serialize.
    Body(serde_json::Error),
    /// `http` rejected the request (e.g. an invalid header value).
    Http(http::Error),
    /// Path parameter `position` (from 0) was empty: `/users/` + `""` would address the
    /// collection instead of one of its members, so the request is never built.
    EmptyParameter { position: usize, path: String },
}

impl fmt::Display for RequestError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RequestError::InvalidUri { uri, reason } => {
                write!(f, "invalid request URI {uri:?}: {reason}")
            }
            RequestError::Body(error) => write!(f, "could not serialize the request body: {error}"),
            RequestError::Http(error) => write!(f, "could not build the HTTP request: {error}"),
            RequestError::EmptyParameter { position, path } => write!(
                f,
                "path parameter {} of {path:?} is empty; an empty id would address the collection",
                position + 1
            ),
        }
    }
}

impl std::error::Error for RequestError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            RequestError::InvalidUri { .. } | RequestError::EmptyParameter { .. } => None,
            RequestError::Body(error) => Some(error),
            RequestError::Http(error) => Some(error),
        }
    }
}

/// Everything but RFC 3986 unreserved characters (ALPHA / DIGIT / "-" / "." / "_" / "~").
const PATH_SEGMENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path segment: everything except RFC 3986 unreserved characters
/// (ALPHA / DIGIT / "-" / "." / "_" / "~") is encoded (non-ASCII as its UTF-8 bytes), so a value
/// containing '/', '?', '#', '%', ' ' can never change which resource is addressed. A value
/// that is exactly "." or ".." is encoded as "%2E" / "%2E%2E" so it cannot be treated as a
/// dot-segment. An empty value stays empty; callers must not put one in a path.
pub fn encode_path_segment(value: &str) -> String {
    match value {
        "." => "%2E".to_owned(),
        ".." => "%2E%2E".to_owned(),
        _ => utf8_percent_encode(value, PATH_SEGMENT).to_string(),
    }
}

/// A response that did not yield the operation's model.
#[derive(Debug)]
pub enum ResponseError {
    /// The status was not 2xx. Holds Graph's error details when the body had them.
    ///
    /// Boxed: with its typed details a [`GraphError`] is some 270 bytes, and every `Result`
    /// carrying this error (the `client` feature's `ClientError` too) would otherwise be as
    /// large, on the success path as well.
    Graph(Box<GraphError>),
    /// The status was 2xx but the body did not match the response model.
    Decode {
        status: http::StatusCode,
        source: serde_json::Error,
        body: Vec<u8>,
    },
}

impl ResponseError {
    /// The HTTP status of the response.
    pub fn status(&self) -> http::StatusCode {
        match self {
            ResponseError::Graph(error) => error.status,
            ResponseError::Decode { status, .. } => *status,
        }
    }
}

/// A non-2xx response, with the fields of Graph's error body
/// `{"error": {"code", "message", "target", "details": […], "innerError": {"request-id", …}}}`.
///
/// Built by [`parse_response`] (or [`GraphError::from_response`]); `#[non_exhaustive]` so that
/// members Graph adds to its error body can be added here without breaking code that matches
/// on it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct GraphError {
    pub status: http::StatusCode,
    /// e.g. `Request_ResourceNotFound`; `None` when the body is not a Graph error.
    pub code: Option<String>,
    pub message: Option<String>,
    /// From the `request-id` response header, else from `innerError`; quote it to Microsoft.
    pub request_id: Option<String>,
    /// The body as received, for anything the fields above do not cover.
    pub body: Vec<u8>,
    /// What the error is about, e.g. a property or query option name.
    pub target: Option<String>,
    /// The individual errors behind this one (e.g. one per invalid property); empty when the
    /// body has none.
    pub details: Vec<ErrorDetail>,
    /// `innerError` (also spelled `innererror`): the service's own diagnostics.
    pub inner_error: Option<InnerError>,
    /// From the `client-request-id` response header, else from `innerError`: the id the
    /// caller sent in its own `client-request-id` header, echoed back.
    pub client_request_id: Option<String>,
}

/// One member of a Graph error's `details`: `{"code", "message", "target"}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct ErrorDetail {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub message: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// A Graph error's `innerError`: the ids and time Microsoft support asks for, and every other
/// member it has (a service-specific `code`, a nested `innerError`, …) as it was sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct InnerError {
    /// `request-id`.
    #[serde(
        rename = "request-id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub request_id: Option<String>,
    /// `client-request-id`.
    #[serde(
        rename = "client-request-id",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub client_request_id: Option<String>,
    /// `date`, as sent (e.g. `2024-05-01T10:20:30`, without a time zone).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Every other member.
    #[serde(flatten)]
    pub additional: BTreeMap<String, serde_json::Value>,
}

impl InnerError {
    /// Reads each member on its own, so that one of an unexpected type (a `date` that is not
    /// text) is kept among `additional` without taking the others with it.
    fn from_members(members: &serde_json::Map<String, serde_json::Value>) -> InnerError {
        let mut inner = InnerError::default();
        for (name, value) in members {
            let field = match name.as_str() {
                "request-id" => &mut inner.request_id,
                "client-request-id" => &mut inner.client_request_id,
                "date" => &mut inner.date,
                _ => {
                    inner.additional.insert(name.clone(), value.clone());
                    continue;
                }
            };
            match value.as_str() {
                Some(text) => *field = Some(text.to_owned()),
                None => {
                    inner.additional.insert(name.clone(), value.clone());
                }
            }
        }
        inner
    }
}

impl GraphError {
    /// Graph's error from `response`, whatever its status: its body's `error` object if it has
    /// one, else only the status, the id headers and the raw body. A member of an unexpected
    /// type is left out (it is still in `body`) rather than costing the others.
    pub fn from_response(response: &http::Response<Vec<u8>>) -> GraphError {
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|value| value.to_str().ok())
                .map(str::to_owned)
        };
        let mut error = GraphError {
            status: response.status(),
            code: None,
            message: None,
            request_id: None,
            body: response.body().clone(),
            target: None,
            details: Vec::new(),
            inner_error: None,
            client_request_id: None,
        };
        let json = serde_json::from_slice::<serde_json::Value>(response.body()).ok();
        if let Some(body) = json.as_ref().and_then(|json| json.get("error")) {
            error.code = text_member(body, "code");
            error.message = text_member(body, "message");
            error.target = text_member(body, "target");
            error.details = body
                .get("details")
                .and_then(|details| details.as_array())
                .map(|details| {
                    details
                        .iter()
                        .filter(|detail| detail.is_object())
                        .map(|detail| ErrorDetail {
                            code: text_member(detail, "code"),
                            message: text_member(detail, "message"),
                            target: text_member(detail, "target"),
                        })
                        .collect()
                })
                .unwrap_or_default();
            error.inner_error = ["innerError", "innererror"]
                .iter()
                .find_map(|name| body.get(name)?.as_object())
                .map(InnerError::from_members);
        }
        let inner = error.inner_error.as_ref();
        error.request_id =
            header("request-id").or_else(|| inner.and_then(|inner| inner.request_id.clone()));
        error.client_request_id = header("client-request-id")
            .or_else(|| inner.and_then(|inner| inner.client_request_id.clone()));
        error
    }
}

impl fmt::Display for GraphError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Graph returned {}", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        }
        if let Some(request_id) = &self.request_id {
            write!(f, " (request-id {request_id})")?;
        }
        Ok(())
    }
}

impl std::error::Error for GraphError {}

impl From<GraphError> for ResponseError {
    fn from(error: GraphError) -> Self {
        ResponseError::Graph(Box::new(error))
    }
}

impl fmt::Display for ResponseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ResponseError::Graph(error) => error.fmt(f),
            ResponseError::Decode { status, source, .. } => {
                write!(f, "could not decode the {status} response body: {source}")
            }
        }
    }
}

impl std::error::Error for ResponseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ResponseError::Graph(error) => Some(&**error),
            ResponseError::Decode { source, .. } => Some(source),
        }
    }
}

/// Parses a successful response body into the operation's response type.
///
/// A 2xx JSON body that is empty or only whitespace (e.g. `204 No Content`) is read as JSON
/// `null`, so `Response = ()` or `Option<T>` accepts it; a [`Bytes`](super::Bytes) response
/// takes the body as it is. Any other status becomes [`ResponseError::Graph`].
pub fn parse_response<R: GraphRequest>(
    response: &http::Response<Vec<u8>>,
) -> Result<R::Response, ResponseError> {
    let status = response.status();
    let body = response.body();
    if !status.is_success() {
        return Err(graph_error(response).into());
    }
    R::Response::from_body(body).map_err(|source| ResponseError::Decode {
        status,
        source,
        body: body.clone(),
    })
}

/// A successful response: the typed body with the status and headers it came with.
#[derive(Clone, Debug, PartialEq)]
pub struct Response<T> {
    pub status: http::StatusCode,
    pub headers: http::HeaderMap,
    pub body: T,
}

impl<T> Response<T> {
    /// A header's value as text, when it is present and ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// `ETag`: the version of what was read or written, for a later `If-Match`.
    pub fn etag(&self) -> Option<&str> {
        self.header("etag")
    }

    /// `Location`: where a created entity, or a long-running operation's status, is.
    pub fn location(&self) -> Option<&str> {
        self.header("location")
    }

    /// `request-id`: quote it to Microsoft about this request.
    pub fn request_id(&self) -> Option<&str> {
        self.header("request-id")
    }

    pub fn into_body(self) -> T {
        self.body
    }
}

/// Reads a response as [`parse_response`] does, keeping its status and headers beside the typed
/// body.
pub fn read_response<R: GraphRequest>(
    response: http::Response<Vec<u8>>,
) -> Result<Response<R::Response>, ResponseError> {
    let body = parse_response::<R>(&response)?;
    let (parts, _) = response.into_parts();
    Ok(Response {
        status: parts.status,
        headers: parts.headers,
        body,
    })
}

/// The member `name` of a JSON object, when it is text.
fn text_member(object: &serde_json::Value, name: &str) -> Option<String> {
    object.get(name)?.as_str().map(str::to_owned)
}

/// Graph's error details from a response that is not a success.
pub(crate) fn graph_error(response: &http::Response<Vec<u8>>) -> GraphError {
    GraphError::from_response(response)
}

#[cfg(test)]
mod tests {
    use percent_encoding::percent_decode_str;
    use proptest::prelude::*;
    use serde::Serialize;

    use super::*;

    #[derive(Serialize)]
    struct UserPatch {
        #[serde(rename = "displayName")]
        display_name: String,
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct User {
        id: String,
    }

    struct UpdateUser {
        path: String,
        body: UserPatch,
    }

    impl GraphRequest for UpdateUser {
        type Body = UserPatch;
        type Response = ();

        fn method(&self) -> http::Method {
            http::Method::PATCH
        }

        fn path(&self) -> &str {
            &self.path
        }

        fn body(&self) -> Option<&UserPatch> {
            Some(&self.body)
        }
    }

    struct GetUser {
        path: String,
    }

    impl GetUser {
        fn new(id: &str) -> Self {
            GetUser {
                path: format!("/users/{}", encode_path_segment(id)),
            }
        }
    }

    impl GraphRequest for GetUser {
        type Body = NoBody;
        type Response = User;

        fn method(&self) -> http::Method {
            http::Method::GET
        }

        fn path(&self) -> &str {
            &self.path
        }

        fn body(&self) -> Option<&NoBody> {
            None
        }
    }

    #[test]
    fn encodes_hostile_path_segments() {
        for (value, encoded) in [
            ("a/b", "a%2Fb"),
            ("../admin", "..%2Fadmin"),
            ("..", "%2E%2E"),
            (".", "%2E"),
            ("...", "..."),
            ("x?y#z", "x%3Fy%23z"),
            ("100%", "100%25"),
            ("a b", "a%20b"),
            ("ü", "%C3%BC"),
            ("A-z_0.9~", "A-z_0.9~"),
            ("user@contoso.com", "user%40contoso.com"),
            ("", ""),
        ] {
            assert_eq!(encode_path_segment(value), encoded, "{value}");
        }
    }

    #[test]
    fn builds_a_request_with_a_json_body() {
        let request = UpdateUser {
            path: format!("/users/{}", encode_path_segment("a/b")),
            body: UserPatch {
                display_name: "Adele".into(),
            },
        };
        // The crate's own root is its docs' (`DEFAULT_BASE_URL`); a trailing slash is fine.
        for base in [
            "https://graph.microsoft.com/v1.0",
            "https://graph.microsoft.com/v1.0/",
        ] {
            let http = request.to_http_request(base).unwrap();
            assert_eq!(http.method(), http::Method::PATCH);
            assert_eq!(
                http.uri().to_string(),
                "https://graph.microsoft.com/v1.0/users/a%2Fb"
            );
            assert_eq!(
                http.headers()[http::header::CONTENT_TYPE],
                "application/json"
            );
            assert_eq!(http.body(), br#"{"displayName":"Adele"}"#);
        }
    }

    #[test]
    fn builds_a_request_without_a_body() {
        let http = GetUser::new("..")
            .to_http_request("https://example.test/beta")
            .unwrap();
        assert_eq!(http.method(), http::Method::GET);
        // The dot-segment stays encoded, so it cannot climb out of /users.
        assert_eq!(http.uri().path(), "/beta/users/%2E%2E");
        assert!(http.headers().get(http::header::CONTENT_TYPE).is_none());
        assert!(http.body().is_empty());
    }

    #[test]
    fn rejects_base_urls_that_are_not_absolute() {
        for base in ["graph.microsoft.com/v1.0", "/v1.0", "https://bad host"] {
            let error = GetUser::new("1").to_http_request(base).unwrap_err();
            assert!(
                matches!(error, RequestError::InvalidUri { .. }),
                "{base}: {error}"
            );
            assert!(error.to_string().starts_with("invalid request URI"));
        }
    }

    fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
        http::Response::builder()
            .status(status)
            .body(body.as_bytes().to_vec())
            .unwrap()
    }

    const NOT_FOUND: &str = r#"{"error": {"code": "Request_ResourceNotFound",
        "message": "Resource 'x' does not exist.",
        "innerError": {"request-id": "inner-id", "date": "2024-01-01T00:00:00"}}}"#;

    #[test]
    fn parses_a_successful_response() {
        let user = parse_response::<GetUser>(&response(200, r#"{"id": "42", "extra": 1}"#));
        assert_eq!(user.unwrap(), User { id: "42".into() });
        parse_response::<UpdateUser>(&response(204, "")).unwrap();
    }

    #[test]
    fn reports_a_graph_error() {
        let mut not_found = response(404, NOT_FOUND);
        let error = parse_response::<GetUser>(&not_found).unwrap_err();
        let ResponseError::Graph(graph) = &error else {
            panic!("expected a Graph error, got {error:?}");
        };
        assert_eq!(graph.status, http::StatusCode::NOT_FOUND);
        assert_eq!(graph.code.as_deref(), Some("Request_ResourceNotFound"));
        assert_eq!(
            graph.message.as_deref(),
            Some("Resource 'x' does not exist.")
        );
        assert_eq!(graph.request_id.as_deref(), Some("inner-id"));
        assert_eq!(graph.body, NOT_FOUND.as_bytes());
        assert_eq!(error.status(), 404);
        assert_eq!(
            error.to_string(),
            "Graph returned 404 Not Found Request_ResourceNotFound: \
             Resource 'x' does not exist. (request-id inner-id)"
        );

        not_found
            .headers_mut()
            .insert("request-id", "header-id".parse().unwrap());
        match parse_response::<GetUser>(&not_found).unwrap_err() {
            ResponseError::Graph(graph) => {
                assert_eq!(graph.request_id.as_deref(), Some("header-id"))
            }
            other => panic!("expected a Graph error, got {other:?}"),
        }
    }

    /// As Graph answers a bad `$filter`: a target, details, and an `innerError` with its ids, a
    /// service code and a nested `innerError` of its own.
    const BAD_FILTER: &str = r#"{"error": {
        "code": "BadRequest",
        "message": "Invalid filter clause: property 'foo' does not exist.",
        "target": "$filter",
        "details": [
            {"code": "PropertyNotFound", "message": "'foo' is not a property of user.",
             "target": "foo"},
            {"code": "Other", "target": 3},
            "not an object"
        ],
        "innerError": {
            "code": "invalidFilter",
            "date": "2024-05-01T10:20:30",
            "request-id": "9a1c0d4e-2f3b-4c5d-8e9f-0a1b2c3d4e5f",
            "client-request-id": "body-client-id",
            "innerError": {"code": "deeper"}
        }
    }}"#;

    #[test]
    fn reads_every_member_of_a_graph_error() {
        let error = GraphError::from_response(&response(400, BAD_FILTER));
        assert_eq!(error.status, http::StatusCode::BAD_REQUEST);
        assert_eq!(error.code.as_deref(), Some("BadRequest"));
        assert_eq!(error.target.as_deref(), Some("$filter"));
        // The item that is not an object is left out, and a member that is not text; both are
        // still in `body`.
        let first = ErrorDetail {
            code: Some("PropertyNotFound".into()),
            message: Some("'foo' is not a property of user.".into()),
            target: Some("foo".into()),
        };
        let second = ErrorDetail {
            code: Some("Other".into()),
            ..ErrorDetail::default()
        };
        assert_eq!(error.details, [first, second]);
        let inner = error.inner_error.as_ref().expect("an innerError");
        assert_eq!(
            inner.request_id.as_deref(),
            Some("9a1c0d4e-2f3b-4c5d-8e9f-0a1b2c3d4e5f")
        );
        assert_eq!(inner.client_request_id.as_deref(), Some("body-client-id"));
        assert_eq!(inner.date.as_deref(), Some("2024-05-01T10:20:30"));
        assert_eq!(
            serde_json::Value::Object(inner.additional.clone().into_iter().collect()),
            serde_json::json!({"code": "invalidFilter", "innerError": {"code": "deeper"}})
        );
        // Nothing is lost: the inner error writes back as it was read.
        let sent: serde_json::Value = serde_json::from_str(BAD_FILTER).unwrap();
        assert_eq!(
            serde_json::to_value(inner).unwrap(),
            sent["error"]["innerError"]
        );
        assert_eq!(
            error.request_id.as_deref(),
            Some("9a1c0d4e-2f3b-4c5d-8e9f-0a1b2c3d4e5f")
        );
        assert_eq!(error.client_request_id.as_deref(), Some("body-client-id"));

        // The response headers win over the body, as for `request_id`.
        let mut with_headers = response(400, BAD_FILTER);
        for (name, value) in [
            ("request-id", "header-id"),
            ("client-request-id", "header-client-id"),
        ] {
            with_headers
                .headers_mut()
                .insert(name, value.parse().unwrap());
        }
        let error = GraphError::from_response(&with_headers);
        assert_eq!(error.request_id.as_deref(), Some("header-id"));
        assert_eq!(error.client_request_id.as_deref(), Some("header-client-id"));
    }

    #[test]
    fn an_odd_graph_error_keeps_what_it_can() {
        // The lowercase spelling; a `date` that is not text; a `details` that is not a list.
        let body = r#"{"error": {"code": 7, "message": "m", "details": {"code": "x"},
            "innererror": {"date": 5, "request-id": "r"}}}"#;
        let mut with_header = response(500, body);
        with_header
            .headers_mut()
            .insert("client-request-id", "c".parse().unwrap());
        let error = GraphError::from_response(&with_header);
        assert_eq!(error.code, None);
        assert_eq!(error.message.as_deref(), Some("m"));
        assert!(error.details.is_empty());
        let inner = error.inner_error.expect("innererror is read");
        assert_eq!(inner.date, None);
        assert_eq!(inner.additional["date"], 5);
        assert_eq!(inner.request_id.as_deref(), Some("r"));
        assert_eq!(inner.additional.len(), 1);
        assert_eq!(error.client_request_id.as_deref(), Some("c"));
    }

    #[test]
    fn keeps_a_non_graph_error_body() {
        let error = parse_response::<GetUser>(&response(502, "<html>Bad Gateway</html>"));
        match error.unwrap_err() {
            ResponseError::Graph(graph) => {
                assert_eq!(graph.status, http::StatusCode::BAD_GATEWAY);
                assert_eq!(graph.code, None);
                assert_eq!(graph.message, None);
                assert_eq!(graph.body, b"<html>Bad Gateway</html>");
                assert_eq!(graph.target, None);
                assert!(graph.details.is_empty());
                assert_eq!(graph.inner_error, None);
                assert_eq!(graph.client_request_id, None);
            }
            other => panic!("expected a Graph error, got {other:?}"),
        }
    }

    #[test]
    fn reports_an_undecodable_success_body() {
        let error = parse_response::<GetUser>(&response(200, r#"{"name": "no id"}"#)).unwrap_err();
        assert_eq!(error.status(), 200);
        assert!(matches!(error, ResponseError::Decode { .. }));
        assert!(error
            .to_string()
            .starts_with("could not decode the 200 OK response body"));
        assert!(std::error::Error::source(&error).is_some());
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]

        #[test]
        fn encoded_segments_are_inert_and_reversible(value in any::<String>()) {
            let encoded = encode_path_segment(&value);
            prop_assert!(encoded
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-._~%".contains(&b)));
            prop_assert!(encoded != "." && encoded != "..");
            let decoded = percent_decode_str(&encoded).decode_utf8().unwrap();
            prop_assert_eq!(decoded, value.as_str());
        }
    }
}
