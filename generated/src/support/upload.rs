//! Large-file upload through an upload session, sans-IO: the `PUT` of each slice to the
//! session's `uploadUrl` (a `createUploadSession` answer's), reading each answer, resuming from
//! the session's status, and cancelling.
//!
//! Graph's rules, which [`UploadSession`] keeps: each slice but the last is a multiple of
//! 320 KiB ([`UPLOAD_SLICE_UNIT`]) and every slice is under 60 MiB; each `PUT` says where its
//! bytes go with `Content-Range: bytes a-b/total`; the upload URL is pre-authenticated, so no
//! request to it carries `Authorization` (Graph refuses one that does). An answer `202
//! Accepted` lists the `nextExpectedRanges`, from which the next slice starts, which is also how
//! an interrupted upload resumes; `200 OK` or `201 Created` carries the created item.
//!
//! ```
//! use graph_client::support::{SliceOutcome, UploadNext, UploadSession};
//!
//! let file = vec![7u8; 700_000];
//! let mut session = UploadSession::new("https://contoso.sharepoint.com/up/abc", 700_000)
//!     .unwrap()
//!     .with_slice_size(2 * 320 * 1024)
//!     .unwrap();
//! let UploadNext::Send(range) = session.next() else { unreachable!() };
//! let put = session.slice_request(range, file[range.start as usize..=range.end as usize].to_vec());
//! assert_eq!(put.unwrap().headers()["content-range"], "bytes 0-655359/700000");
//! // What the service answers:
//! let accepted = http::Response::builder()
//!     .status(202)
//!     .body(br#"{"nextExpectedRanges": ["655360-"]}"#.to_vec())
//!     .unwrap();
//! let outcome = session.read_slice_response::<serde_json::Value>(accepted).unwrap();
//! assert!(matches!(outcome, SliceOutcome::Continue));
//! let UploadNext::Send(last) = session.next() else { unreachable!() };
//! assert_eq!((last.start, last.end), (655_360, 699_999));
//! ```

use std::fmt;

use serde::de::DeserializeOwned;
use serde::Deserialize;

use super::body::ResponseBody;
use super::graph_request::{graph_error, Response, ResponseError};

/// Every slice but the last must be a multiple of this many bytes: 320 KiB.
pub const UPLOAD_SLICE_UNIT: u64 = 320 * 1024;

/// The slice size of a new [`UploadSession`]: 10 × 320 KiB (3.125 MiB), a few seconds on a
/// slow link, so that a failure costs little to send again.
pub const DEFAULT_UPLOAD_SLICE_SIZE: u64 = 10 * UPLOAD_SLICE_UNIT;

/// Graph takes less than 60 MiB in one request.
const MAX_SLICE_BYTES: u64 = 60 * 1024 * 1024;

/// Bytes `start` to `end` of the file, both included (as `Content-Range` counts them).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ByteRange {
    pub start: u64,
    pub end: u64,
}

impl ByteRange {
    /// How many bytes the range holds.
    pub fn len(&self) -> u64 {
        self.end - self.start + 1
    }

    /// Never true: a range holds at least its first byte. (Here for clippy's `len` rule.)
    pub fn is_empty(&self) -> bool {
        false
    }
}

/// What to do next in an [`UploadSession`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UploadNext {
    /// Ask the session where to go on ([`UploadSession::status_request`]): a resumed session,
    /// or one whose last slice's fate is unknown.
    AskStatus,
    /// Send these bytes ([`UploadSession::slice_request`]).
    Send(ByteRange),
    /// The item was created; nothing more to send.
    Finished,
}

/// What the answer to a slice says.
#[derive(Clone, Debug, PartialEq)]
pub enum SliceOutcome<T> {
    /// `202 Accepted`: more to send, from the ranges the answer lists.
    Continue,
    /// `200 OK` / `201 Created`: the upload is whole and this is the created item.
    Done(Response<T>),
}

/// Why an upload step failed.
#[derive(Debug)]
#[non_exhaustive]
pub enum UploadError {
    /// The upload URL is not an absolute `http(s)` URI.
    InvalidUrl { url: String, reason: String },
    /// A slice size that is zero, not a multiple of [`UPLOAD_SLICE_UNIT`], or 60 MiB or more.
    SliceSize(u64),
    /// A file of no bytes: an upload session cannot take one (send it with a simple `PUT`).
    EmptyFile,
    /// The bytes given for a slice are not as many as its range holds.
    SliceLength { range: ByteRange, given: u64 },
    /// The service's answer does not make sense for this upload (unreadable or out-of-bounds
    /// `nextExpectedRanges`, none left but no item, an unexpected success status).
    Protocol(String),
    /// An error status (the typed Graph error), or a created item that did not fit its type.
    Response(ResponseError),
    /// Reading the file failed (the `client` feature's upload).
    Source(std::io::Error),
    /// Sending failed (the `client` feature's upload), after its retries.
    #[cfg(feature = "client")]
    Client(super::ClientError),
}

impl fmt::Display for UploadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UploadError::InvalidUrl { url, reason } => {
                write!(f, "invalid upload URL {url:?}: {reason}")
            }
            UploadError::SliceSize(size) => write!(
                f,
                "an upload slice of {size} bytes is not a multiple of 320 KiB under 60 MiB"
            ),
            UploadError::EmptyFile => f.write_str("an upload session cannot upload an empty file"),
            UploadError::SliceLength { range, given } => write!(
                f,
                "bytes {}-{} are {} bytes, but {given} were given",
                range.start,
                range.end,
                range.len()
            ),
            UploadError::Protocol(what) => write!(f, "unexpected upload session answer: {what}"),
            UploadError::Response(error) => error.fmt(f),
            UploadError::Source(error) => write!(f, "could not read the file to upload: {error}"),
            #[cfg(feature = "client")]
            UploadError::Client(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for UploadError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            UploadError::Response(error) => Some(error),
            UploadError::Source(error) => Some(error),
            #[cfg(feature = "client")]
            UploadError::Client(error) => Some(error),
            _ => None,
        }
    }
}

impl From<ResponseError> for UploadError {
    fn from(error: ResponseError) -> Self {
        UploadError::Response(error)
    }
}

/// The file an upload reads its slices from, by range: so that a slice can be read again (a
/// retry) or from anywhere (a resume).
pub trait UploadSource {
    /// The file's size (`&mut`: measuring a reader seeks it).
    fn size(&mut self) -> std::io::Result<u64>;
    /// The bytes of `range`, exactly.
    fn read_range(&mut self, range: ByteRange) -> std::io::Result<Vec<u8>>;
}

/// Bytes in memory.
impl UploadSource for [u8] {
    fn size(&mut self) -> std::io::Result<u64> {
        Ok(self.len() as u64)
    }

    fn read_range(&mut self, range: ByteRange) -> std::io::Result<Vec<u8>> {
        let start = usize::try_from(range.start).map_err(std::io::Error::other)?;
        let end = usize::try_from(range.end).map_err(std::io::Error::other)?;
        self.get(start..=end).map(<[u8]>::to_vec).ok_or_else(|| {
            std::io::Error::new(std::io::ErrorKind::UnexpectedEof, "range past the end")
        })
    }
}

/// Bytes in memory.
impl UploadSource for Vec<u8> {
    fn size(&mut self) -> std::io::Result<u64> {
        self.as_mut_slice().size()
    }

    fn read_range(&mut self, range: ByteRange) -> std::io::Result<Vec<u8>> {
        self.as_mut_slice().read_range(range)
    }
}

/// A file or anything else that reads and seeks (`std::fs::File`, `Cursor`): each slice is
/// read with a seek and blocking reads of at most one slice, which a slice's few MiB keep
/// short.
#[derive(Debug)]
pub struct SeekSource<R>(pub R);

impl<R: std::io::Read + std::io::Seek> UploadSource for SeekSource<R> {
    // Every read seeks to its own start, so where `size` leaves the reader does not matter.
    fn size(&mut self) -> std::io::Result<u64> {
        self.0.seek(std::io::SeekFrom::End(0))
    }

    fn read_range(&mut self, range: ByteRange) -> std::io::Result<Vec<u8>> {
        self.0.seek(std::io::SeekFrom::Start(range.start))?;
        let mut bytes = vec![0; usize::try_from(range.len()).map_err(std::io::Error::other)?];
        self.0.read_exact(&mut bytes)?;
        Ok(bytes)
    }
}

/// An upload session's status, as `GET uploadUrl` and a `202` answer give it.
#[derive(Deserialize)]
struct SessionStatus {
    #[serde(rename = "nextExpectedRanges", default)]
    next_expected_ranges: Vec<String>,
}

/// Where an upload stands.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Position {
    /// Not known: ask the session.
    Unknown,
    /// The ranges the session still expects, in order.
    Expecting(Vec<ByteRange>),
    Finished,
}

/// One file's upload through an upload session: which bytes go next, the requests that carry
/// them, and what the answers say. Holds no bytes and does no I/O.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UploadSession {
    url: http::Uri,
    total: u64,
    slice_size: u64,
    position: Position,
}

impl UploadSession {
    /// A new upload of `total` bytes to `upload_url`, from its first byte, in slices of
    /// [`DEFAULT_UPLOAD_SLICE_SIZE`].
    pub fn new(upload_url: &str, total: u64) -> Result<Self, UploadError> {
        let url: http::Uri =
            upload_url
                .parse()
                .map_err(|error: http::uri::InvalidUri| UploadError::InvalidUrl {
                    url: upload_url.to_owned(),
                    reason: error.to_string(),
                })?;
        let web = matches!(url.scheme_str(), Some("https" | "http"));
        if !web || url.authority().is_none() {
            return Err(UploadError::InvalidUrl {
                url: upload_url.to_owned(),
                reason: "an upload URL is an absolute https URL".into(),
            });
        }
        if total == 0 {
            return Err(UploadError::EmptyFile);
        }
        Ok(UploadSession {
            url,
            total,
            slice_size: DEFAULT_UPLOAD_SLICE_SIZE,
            position: Position::Expecting(vec![ByteRange {
                start: 0,
                end: total - 1,
            }]),
        })
    }

    /// An upload of `total` bytes to `upload_url` that was under way (by this process or
    /// another): it starts by asking the session which bytes it still expects.
    pub fn resume(upload_url: &str, total: u64) -> Result<Self, UploadError> {
        let mut session = UploadSession::new(upload_url, total)?;
        session.position = Position::Unknown;
        Ok(session)
    }

    /// Slices of `size` bytes (the last may be shorter): a multiple of [`UPLOAD_SLICE_UNIT`],
    /// under 60 MiB.
    pub fn with_slice_size(mut self, size: u64) -> Result<Self, UploadError> {
        if size == 0 || !size.is_multiple_of(UPLOAD_SLICE_UNIT) || size >= MAX_SLICE_BYTES {
            return Err(UploadError::SliceSize(size));
        }
        self.slice_size = size;
        Ok(self)
    }

    pub fn upload_url(&self) -> &http::Uri {
        &self.url
    }

    /// The file's size.
    pub fn total(&self) -> u64 {
        self.total
    }

    pub fn slice_size(&self) -> u64 {
        self.slice_size
    }

    /// How many bytes the session has, as far as is known (0 while it is to be asked).
    pub fn received(&self) -> u64 {
        match &self.position {
            Position::Unknown => 0,
            Position::Expecting(ranges) => {
                self.total - ranges.iter().map(ByteRange::len).sum::<u64>()
            }
            Position::Finished => self.total,
        }
    }

    /// What to send next: the next slice of the first range the session expects, no longer
    /// than the slice size nor than that range.
    pub fn next(&self) -> UploadNext {
        match &self.position {
            Position::Finished => UploadNext::Finished,
            Position::Unknown => UploadNext::AskStatus,
            Position::Expecting(ranges) => match ranges.first() {
                Some(range) => UploadNext::Send(ByteRange {
                    start: range.start,
                    end: range.end.min(range.start + self.slice_size - 1),
                }),
                None => UploadNext::AskStatus,
            },
        }
    }

    /// Forgets where the upload stands, so that [`UploadSession::next`] asks the session:
    /// after a slice whose answer was lost (the connection broke), the session may or may not
    /// have its bytes, and only it knows.
    pub fn forget_position(&mut self) {
        if self.position != Position::Finished {
            self.position = Position::Unknown;
        }
    }

    /// `PUT uploadUrl` with `bytes` (exactly those of `range`), `Content-Range: bytes
    /// a-b/total` and `Content-Length`; no `Authorization`.
    pub fn slice_request(
        &self,
        range: ByteRange,
        bytes: Vec<u8>,
    ) -> Result<http::Request<Vec<u8>>, UploadError> {
        if bytes.len() as u64 != range.len() || range.end >= self.total {
            return Err(UploadError::SliceLength {
                range,
                given: bytes.len() as u64,
            });
        }
        let content_range = format!("bytes {}-{}/{}", range.start, range.end, self.total);
        Ok(http::Request::put(self.url.clone())
            .header(http::header::CONTENT_RANGE, content_range)
            .header(http::header::CONTENT_LENGTH, bytes.len())
            .body(bytes)
            .expect("a checked URI and ASCII header values"))
    }

    /// Reads the answer to a slice: `202` gives the ranges still expected; `200`/`201` the
    /// created item, typed as `T`; any other status is an error (after which
    /// [`UploadSession::forget_position`] and a status request find where to go on).
    pub fn read_slice_response<T: DeserializeOwned>(
        &mut self,
        response: http::Response<Vec<u8>>,
    ) -> Result<SliceOutcome<T>, UploadError> {
        let status = response.status();
        match status {
            http::StatusCode::ACCEPTED => {
                self.read_ranges(response.body())?;
                Ok(SliceOutcome::Continue)
            }
            http::StatusCode::OK | http::StatusCode::CREATED => {
                let body =
                    T::from_body(response.body()).map_err(|source| ResponseError::Decode {
                        status,
                        source,
                        body: response.body().clone(),
                    })?;
                self.position = Position::Finished;
                let (parts, _) = response.into_parts();
                Ok(SliceOutcome::Done(Response {
                    status,
                    headers: parts.headers,
                    body,
                }))
            }
            _ if status.is_success() => Err(UploadError::Protocol(format!(
                "{status} to a slice, neither 202 nor the created item"
            ))),
            _ => Err(ResponseError::from(graph_error(&response)).into()),
        }
    }

    /// `GET uploadUrl`: the session's status, to resume from; no `Authorization`.
    pub fn status_request(&self) -> http::Request<Vec<u8>> {
        http::Request::get(self.url.clone())
            .body(Vec::new())
            .expect("a checked URI")
    }

    /// Reads the session's status: from now on, slices start where it says.
    pub fn read_status(&mut self, response: http::Response<Vec<u8>>) -> Result<(), UploadError> {
        if !response.status().is_success() {
            return Err(ResponseError::from(graph_error(&response)).into());
        }
        self.read_ranges(response.body())
    }

    /// `DELETE uploadUrl`: cancels the session (its bytes are dropped); no `Authorization`.
    pub fn cancel_request(&self) -> http::Request<Vec<u8>> {
        http::Request::delete(self.url.clone())
            .body(Vec::new())
            .expect("a checked URI")
    }

    /// Takes `nextExpectedRanges` (`"a-b"`, or `"a-"` for "to the end") from a status body.
    fn read_ranges(&mut self, body: &[u8]) -> Result<(), UploadError> {
        let status: SessionStatus = serde_json::from_slice(body)
            .map_err(|error| UploadError::Protocol(format!("unreadable status: {error}")))?;
        let mut ranges = Vec::new();
        for text in &status.next_expected_ranges {
            let bad = || UploadError::Protocol(format!("next expected range {text:?}"));
            let (start, end) = text.split_once('-').ok_or_else(bad)?;
            let start: u64 = start.trim().parse().map_err(|_| bad())?;
            let end: u64 = match end.trim() {
                "" => self.total - 1,
                end => end.parse().map_err(|_| bad())?,
            };
            if start > end || end >= self.total {
                return Err(bad());
            }
            ranges.push(ByteRange { start, end });
        }
        if ranges.is_empty() {
            return Err(UploadError::Protocol(
                "no range is expected, yet no item was created".into(),
            ));
        }
        ranges.sort_by_key(|range| range.start);
        self.position = Position::Expecting(ranges);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const URL: &str =
        "https://contoso.sharepoint.com/_api/v2.0/drive/items/01/uploadSession?guid=x";
    /// 1 MiB and a bit: three full slices of 320 KiB and a short last one.
    const TOTAL: u64 = 1024 * 1024 + 12_345;

    #[derive(Debug, PartialEq, Deserialize)]
    struct DriveItem {
        id: String,
        size: u64,
    }

    fn answer(status: u16, body: &str) -> http::Response<Vec<u8>> {
        http::Response::builder()
            .status(status)
            .body(body.as_bytes().to_vec())
            .unwrap()
    }

    fn send(session: &UploadSession) -> ByteRange {
        match session.next() {
            UploadNext::Send(range) => range,
            other => panic!("expected a slice, got {other:?}"),
        }
    }

    #[test]
    fn slices_a_file_in_multiples_of_320_kib_to_its_last_byte() {
        let mut session = UploadSession::new(URL, TOTAL)
            .unwrap()
            .with_slice_size(UPLOAD_SLICE_UNIT)
            .unwrap();
        let mut sent = Vec::new();
        loop {
            let range = send(&session);
            let request = session
                .slice_request(range, vec![0; range.len() as usize])
                .unwrap();
            assert_eq!(request.method(), http::Method::PUT);
            assert_eq!(request.uri().to_string(), URL);
            assert!(request.headers().get(http::header::AUTHORIZATION).is_none());
            assert_eq!(
                request.headers()["content-length"],
                range.len().to_string().as_str()
            );
            sent.push(
                request.headers()["content-range"]
                    .to_str()
                    .unwrap()
                    .to_owned(),
            );
            let next = range.end + 1;
            let reply = if next == TOTAL {
                answer(201, r#"{"id": "01NEW", "size": 1060921}"#)
            } else {
                answer(202, &format!(r#"{{"nextExpectedRanges": ["{next}-"]}}"#))
            };
            match session.read_slice_response::<DriveItem>(reply).unwrap() {
                SliceOutcome::Continue => assert_eq!(session.received(), next),
                SliceOutcome::Done(item) => {
                    assert_eq!(item.status, 201);
                    assert_eq!(
                        item.body,
                        DriveItem {
                            id: "01NEW".into(),
                            size: TOTAL
                        }
                    );
                    break;
                }
            }
        }
        assert_eq!(
            sent,
            [
                "bytes 0-327679/1060921",
                "bytes 327680-655359/1060921",
                "bytes 655360-983039/1060921",
                "bytes 983040-1060920/1060921",
            ]
        );
        assert_eq!(session.next(), UploadNext::Finished);
    }

    #[test]
    fn the_default_slice_is_ten_units_and_bad_sizes_are_refused() {
        let session = UploadSession::new(URL, 40 * 1024 * 1024).unwrap();
        assert_eq!(session.slice_size(), 3_276_800);
        assert_eq!(
            send(&session),
            ByteRange {
                start: 0,
                end: 3_276_799
            }
        );
        for bad in [0, 1000, UPLOAD_SLICE_UNIT + 1, 192 * UPLOAD_SLICE_UNIT] {
            assert!(
                matches!(session.clone().with_slice_size(bad), Err(UploadError::SliceSize(s)) if s == bad),
                "{bad}"
            );
        }
        assert!(session
            .clone()
            .with_slice_size(191 * UPLOAD_SLICE_UNIT)
            .is_ok());
        assert!(matches!(
            UploadSession::new(URL, 0),
            Err(UploadError::EmptyFile)
        ));
        for url in ["/relative", "ftp://host/x", "not a url"] {
            assert!(
                matches!(
                    UploadSession::new(url, 1),
                    Err(UploadError::InvalidUrl { .. })
                ),
                "{url}"
            );
        }
    }

    #[test]
    fn a_resumed_session_asks_first_and_goes_on_from_next_expected_ranges() {
        let mut session = UploadSession::resume(URL, TOTAL)
            .unwrap()
            .with_slice_size(UPLOAD_SLICE_UNIT)
            .unwrap();
        assert_eq!(session.next(), UploadNext::AskStatus);
        let status = session.status_request();
        assert_eq!(status.method(), http::Method::GET);
        assert_eq!(status.uri().to_string(), URL);
        assert!(
            status.headers().is_empty(),
            "no Authorization, nothing else"
        );
        session
            .read_status(answer(
                200,
                r#"{"expirationDateTime": "2030-01-01T00:00:00Z", "nextExpectedRanges": ["655360-"]}"#,
            ))
            .unwrap();
        assert_eq!(session.received(), 655_360);
        assert_eq!(
            send(&session),
            ByteRange {
                start: 655_360,
                end: 983_039
            }
        );

        // A closed range bounds the slice, even below the slice size.
        session
            .read_status(answer(
                200,
                r#"{"nextExpectedRanges": ["900000-950000", "1000000-"]}"#,
            ))
            .unwrap();
        assert_eq!(
            send(&session),
            ByteRange {
                start: 900_000,
                end: 950_000
            }
        );

        // A lost answer: the position is asked again.
        session.forget_position();
        assert_eq!(session.next(), UploadNext::AskStatus);
    }

    #[test]
    fn odd_answers_are_errors() {
        let mut session = UploadSession::new(URL, TOTAL).unwrap();
        for body in [
            r#"{"nextExpectedRanges": ["x-"]}"#,
            r#"{"nextExpectedRanges": ["2000000-"]}"#,
            r#"{"nextExpectedRanges": ["10-5"]}"#,
            r#"{"nextExpectedRanges": []}"#,
            "not json",
        ] {
            let error = session
                .read_slice_response::<DriveItem>(answer(202, body))
                .unwrap_err();
            assert!(matches!(error, UploadError::Protocol(_)), "{body}: {error}");
        }
        let error = session
            .read_slice_response::<DriveItem>(answer(
                416,
                r#"{"error": {"code": "invalidRange", "message": "Fragment overlaps"}}"#,
            ))
            .unwrap_err();
        match error {
            UploadError::Response(ResponseError::Graph(graph)) => {
                assert_eq!(graph.code.as_deref(), Some("invalidRange"))
            }
            other => panic!("{other:?}"),
        }
        let wrong = session.slice_request(ByteRange { start: 0, end: 9 }, vec![0; 9]);
        assert!(matches!(
            wrong,
            Err(UploadError::SliceLength { given: 9, .. })
        ));
    }

    #[test]
    fn cancelling_is_a_delete_without_authorization() {
        let session = UploadSession::new(URL, TOTAL).unwrap();
        let cancel = session.cancel_request();
        assert_eq!(cancel.method(), http::Method::DELETE);
        assert_eq!(cancel.uri().to_string(), URL);
        assert!(cancel.headers().get(http::header::AUTHORIZATION).is_none());
    }
}
