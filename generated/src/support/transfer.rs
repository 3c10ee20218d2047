//! Moving file bytes: large uploads through an upload session ([`Client::upload`],
//! [`Client::resume_upload`], [`Client::upload_session`]) and downloads read as they arrive
//! ([`Client::download`], [`Download`]).

use std::pin::Pin;
use std::time::{Instant, SystemTime};

use futures_util::stream::{self, Stream};
use http::header::HeaderMap;
use http::StatusCode;
use serde::de::DeserializeOwned;

use super::body::Bytes;
use super::client::{into_http_response, Authorize, Client, ClientError};
use super::graph_request::{graph_error, GraphRequest, Response, ResponseError};
use super::retry::{is_transient, jitter, RetryPolicy};
use super::upload::{SliceOutcome, UploadError, UploadNext, UploadSession, UploadSource};

impl Client {
    /// Uploads `source` to `upload_url` (a `createUploadSession` answer's `uploadUrl`) from its
    /// first byte, in slices of [`DEFAULT_UPLOAD_SLICE_SIZE`](super::DEFAULT_UPLOAD_SLICE_SIZE),
    /// and reads the created item as `T` (a `DriveItem`, say). See [`Client::upload_session`].
    pub async fn upload<T, S>(
        &self,
        upload_url: &str,
        source: &mut S,
        progress: impl FnMut(u64, u64),
    ) -> Result<Response<T>, UploadError>
    where
        T: DeserializeOwned,
        S: UploadSource + ?Sized,
    {
        let total = source.size().map_err(UploadError::Source)?;
        let session = UploadSession::new(upload_url, total)?;
        self.upload_session(session, source, progress).await
    }

    /// Goes on with an upload to `upload_url` that was interrupted (in this process or
    /// another): asks the session which bytes it still expects (`GET uploadUrl`) and sends only
    /// those. See [`Client::upload_session`].
    pub async fn resume_upload<T, S>(
        &self,
        upload_url: &str,
        source: &mut S,
        progress: impl FnMut(u64, u64),
    ) -> Result<Response<T>, UploadError>
    where
        T: DeserializeOwned,
        S: UploadSource + ?Sized,
    {
        let total = source.size().map_err(UploadError::Source)?;
        let session = UploadSession::resume(upload_url, total)?;
        self.upload_session(session, source, progress).await
    }

    /// Drives `session` to its end: reads each slice from `source`, `PUT`s it, and calls
    /// `progress(bytes the session has, total)` after each accepted slice.
    ///
    /// The upload URL is pre-authenticated: no request to it carries the bearer token. A slice
    /// that fails (broken connection, 5xx, 429) is not blindly sent again, since the session
    /// may have its bytes: after a wait as the [`RetryPolicy`] says (its `Retry-After`, else
    /// backoff), the session is asked which bytes it expects, and the upload goes on from
    /// there; at most `max_retries` failures in a row, within `max_elapsed`. Then the last error
    /// is returned, and [`Client::resume_upload`] can go on later.
    pub async fn upload_session<T, S>(
        &self,
        mut session: UploadSession,
        source: &mut S,
        mut progress: impl FnMut(u64, u64),
    ) -> Result<Response<T>, UploadError>
    where
        T: DeserializeOwned,
        S: UploadSource + ?Sized,
    {
        // Each request is sent once here; the loop below decides what follows a failure.
        let once = Client {
            retry: RetryPolicy::NONE,
            ..self.clone()
        };
        let total = session.total();
        let mut failures = 0;
        let mut failing_since = Instant::now();
        loop {
            let failure = match session.next() {
                UploadNext::Finished => {
                    return Err(UploadError::Protocol(
                        "the upload finished without its item".into(),
                    ))
                }
                UploadNext::AskStatus => {
                    match once
                        .execute(session.status_request(), Authorize::None)
                        .await
                    {
                        Ok(answer) if is_transient(answer.status()) => Failure::Answer(answer),
                        Ok(answer) => {
                            session.read_status(answer)?;
                            progress(session.received(), total);
                            failures = 0;
                            continue;
                        }
                        Err(error) => Failure::Transport(error),
                    }
                }
                UploadNext::Send(range) => {
                    let bytes = source.read_range(range).map_err(UploadError::Source)?;
                    let request = session.slice_request(range, bytes)?;
                    match once.execute(request, Authorize::None).await {
                        Ok(answer) if is_transient(answer.status()) => Failure::Answer(answer),
                        Ok(answer) => match session.read_slice_response::<T>(answer)? {
                            SliceOutcome::Continue => {
                                progress(session.received(), total);
                                failures = 0;
                                continue;
                            }
                            SliceOutcome::Done(item) => {
                                progress(total, total);
                                return Ok(item);
                            }
                        },
                        Err(error) => Failure::Transport(error),
                    }
                }
            };
            if failures == 0 {
                failing_since = Instant::now();
            }
            let wait = match &failure {
                // Any method: a slice that failed is never sent blindly, its status is asked.
                Failure::Answer(answer) => self
                    .retry
                    .retry_delay(
                        &http::Method::GET,
                        answer.status(),
                        answer.headers(),
                        failures,
                        SystemTime::now(),
                        jitter(),
                    )
                    // A 500 or 502 has no `Retry-After` to obey but is worth asking again.
                    .or_else(|| self.retry.backoff(failures, jitter())),
                Failure::Transport(_) => self.retry.backoff(failures, jitter()),
            }
            .filter(|wait| self.retry.within_budget(failing_since.elapsed(), *wait));
            match (wait, failure) {
                (Some(wait), _) => {
                    failures += 1;
                    session.forget_position();
                    tokio::time::sleep(wait).await;
                }
                (None, Failure::Answer(answer)) => {
                    return Err(ResponseError::from(graph_error(&answer)).into())
                }
                (None, Failure::Transport(error)) => return Err(UploadError::Client(error)),
            }
        }
    }

    /// Sends a download (`$value`, a drive item's `content`) and hands back its body as it
    /// arrives, chunk by chunk, instead of holding it all in memory: for files of any size.
    /// A status other than 2xx is read whole and returned as the Graph error it carries.
    pub async fn download<R: GraphRequest<Response = Bytes>>(
        &self,
        request: &R,
    ) -> Result<Download, ClientError> {
        let http = request.to_http_request(&self.base_url)?;
        let response = self.execute_streaming(http).await?;
        if !response.status().is_success() {
            let response = into_http_response(response).await?;
            return Err(ResponseError::from(graph_error(&response)).into());
        }
        Ok(Download {
            status: response.status(),
            headers: response.headers().clone(),
            body: response,
        })
    }
}

/// Why an upload step did not go on.
enum Failure {
    /// An answer worth trying again after (see [`is_transient`]).
    Answer(http::Response<Vec<u8>>),
    Transport(ClientError),
}

/// A download under way: the status and headers of a successful response, and its body read
/// chunk by chunk ([`Download::chunk`], or [`Download::into_stream`]).
#[derive(Debug)]
pub struct Download {
    pub status: StatusCode,
    pub headers: HeaderMap,
    body: reqwest::Response,
}

impl Download {
    /// A header's value as text, when it is present and ASCII.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name)?.to_str().ok()
    }

    /// The next chunk of the body as it arrives; `None` at its end.
    pub async fn chunk(&mut self) -> Result<Option<Vec<u8>>, ClientError> {
        Ok(self.body.chunk().await?.map(|chunk| chunk.to_vec()))
    }

    /// The rest of the body as a stream of chunks: `Unpin` (`.try_next().await` needs no
    /// pinning) and `Send`.
    pub fn into_stream(self) -> Pin<Box<dyn Stream<Item = Result<Vec<u8>, ClientError>> + Send>> {
        Box::pin(stream::try_unfold(self, |mut download| async move {
            Ok(download.chunk().await?.map(|chunk| (chunk, download)))
        }))
    }
}
