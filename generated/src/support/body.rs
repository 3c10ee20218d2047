//! What travels in a request or response body: JSON for models, raw bytes for media content
//! (`$value`, a drive item's `content`). [`RequestBody`] and [`ResponseBody`] are implemented
//! for every serde type (as JSON) and for [`Bytes`] (as is), so that a request type names its
//! body and response types and the sans-IO contract carries either.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// Raw bytes: the content of a file, a photo, a report. Sent as `application/octet-stream`
/// unless the request sets its own `Content-Type`; read as the body's bytes, whatever they are.
///
/// It has no serde impls on purpose: bytes never pass through JSON.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
pub struct Bytes(pub Vec<u8>);

impl Bytes {
    pub fn as_slice(&self) -> &[u8] {
        &self.0
    }

    pub fn into_inner(self) -> Vec<u8> {
        self.0
    }
}

impl From<Vec<u8>> for Bytes {
    fn from(bytes: Vec<u8>) -> Self {
        Bytes(bytes)
    }
}

impl From<&[u8]> for Bytes {
    fn from(bytes: &[u8]) -> Self {
        Bytes(bytes.to_vec())
    }
}

/// How a request body is written.
pub trait RequestBody {
    /// The `Content-Type` it is sent with.
    fn content_type(&self) -> &'static str;
    /// The bytes sent.
    fn to_body(&self) -> Result<Vec<u8>, serde_json::Error>;
}

impl<T: Serialize> RequestBody for T {
    fn content_type(&self) -> &'static str {
        "application/json"
    }

    fn to_body(&self) -> Result<Vec<u8>, serde_json::Error> {
        serde_json::to_vec(self)
    }
}

impl RequestBody for Bytes {
    fn content_type(&self) -> &'static str {
        "application/octet-stream"
    }

    fn to_body(&self) -> Result<Vec<u8>, serde_json::Error> {
        Ok(self.0.clone())
    }
}

/// How a successful response body is read.
pub trait ResponseBody: Sized {
    fn from_body(body: &[u8]) -> Result<Self, serde_json::Error>;
}

/// JSON. A body that is empty or only whitespace (a `204 No Content`) reads as `null`, so that
/// `()` (an operation that answers nothing) and `Option<T>` accept it.
impl<T: DeserializeOwned> ResponseBody for T {
    fn from_body(body: &[u8]) -> Result<Self, serde_json::Error> {
        let json: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
            b"null"
        } else {
            body
        };
        serde_json::from_slice(json)
    }
}

/// What an operation that answers nothing (`204 No Content`) reads: success, whatever body may
/// still come (Graph answers some writes with a representation when asked, `Prefer:
/// return=representation`); the body is not read.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct NoContent;

impl ResponseBody for NoContent {
    fn from_body(_body: &[u8]) -> Result<Self, serde_json::Error> {
        Ok(NoContent)
    }
}

impl ResponseBody for Bytes {
    fn from_body(body: &[u8]) -> Result<Self, serde_json::Error> {
        Ok(Bytes(body.to_vec()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bytes_travel_as_they_are_and_models_as_json() {
        let png = Bytes(vec![0x89, b'P', b'N', b'G', 0, 0xff]);
        assert_eq!(png.content_type(), "application/octet-stream");
        assert_eq!(png.to_body().unwrap(), png.0);
        assert_eq!(Bytes::from_body(&png.0).unwrap(), png);

        let json = serde_json::json!({ "a": 1 });
        assert_eq!(json.content_type(), "application/json");
        assert_eq!(json.to_body().unwrap(), br#"{"a":1}"#);
        assert_eq!(<serde_json::Value>::from_body(br#"{"a":1}"#).unwrap(), json);
        // An empty 204 body reads as nothing, and bytes that are not JSON fail as JSON.
        <()>::from_body(b"").unwrap();
        assert_eq!(<Option<serde_json::Value>>::from_body(b"").unwrap(), None);
        assert_eq!(NoContent::from_body(br#"{"id":"1"}"#).unwrap(), NoContent);
        assert!(<serde_json::Value>::from_body(&png.0).is_err());
    }
}
