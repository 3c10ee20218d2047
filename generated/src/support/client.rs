//! An async client for the sans-IO requests (cargo feature `client`).
//!
//! [`Client::send`] builds the `http::Request` with [`GraphRequest::to_http_request`], adds
//! `Authorization: Bearer …` from a [`TokenProvider`], sends it with reqwest (rustls with ring's
//! crypto, or aws-lc-rs's with the `aws-lc-rs` feature; see [`Client::http_client_builder`]), and
//! hands the `http::Response` to [`parse_response`], so that typed Graph errors come from one
//! place whether or not this client is used. Throttling (429), unavailability (503), and for
//! requests safe to repeat a gateway timeout (504) or a broken connection, are retried a
//! bounded number of times within a time budget, waiting as `Retry-After` says or backing off
//! with jitter ([`RetryPolicy`]). Every request carries a `client-request-id` (the caller's,
//! or a fresh UUID v4) and, from [`Client::new`], a timeout; hooks see each request and
//! response ([`Client::on_request`], [`Client::on_response`]). [`Client::send_batch`] sends a
//! [`Batch`](super::Batch) and sends throttled steps again; [`Client::upload`] and
//! [`Client::resume_upload`] drive an [`UploadSession`] without the token.
//! [`Client::pages`] and [`Client::items`] follow `@odata.nextLink` through a collection;
//! [`Client::download`] reads a file's bytes as they arrive.
//!
//! Needs a tokio runtime (reqwest's, and `tokio::time::sleep` for the retry waits).
//!
//! ```no_run
//! # async fn example() -> Result<(), graph_client::support::ClientError> {
//! use graph_client::models::User;
//! use graph_client::requests::Graph;
//! use graph_client::support::{Client, StaticToken, DEFAULT_BASE_URL};
//!
//! let client = Client::new(DEFAULT_BASE_URL, StaticToken("eyJ0…".into()));
//! let body = User { job_title: "Engineer".to_owned().into(), ..User::default() };
//! let user = client.send(&Graph::users().by_id("ada@contoso.com").update(body)).await?;
//! # let _ = user;
//! # Ok(())
//! # }
//! ```

use std::fmt;
use std::future::Future;
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use futures_util::stream::{self, Stream, StreamExt as _, TryStreamExt as _};
use http::header::{
    HeaderMap, HeaderName, HeaderValue, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE, RETRY_AFTER,
};
use http::StatusCode;
use serde::de::DeserializeOwned;

use super::batch::{steps_to_retry, BatchRequest, BatchResponse, BatchStep, StepResponse};
use super::body::Bytes;
use super::collection::Collection;
use super::graph_request::{
    graph_error, parse_response, read_response, GraphError, GraphRequest, NoBody, RequestError,
    Response, ResponseError,
};
use super::options::RequestOptions;
use super::upload::{SliceOutcome, UploadError, UploadNext, UploadSession, UploadSource};

/// The reqwest this client is built on, so that a caller can configure a `reqwest::Client`
/// (timeouts, proxy, …) of the same version for [`Client::with_http_client`].
pub use reqwest;

/// Why a [`TokenProvider`] could not supply a token: whatever error the caller's code has.
pub type TokenError = Box<dyn std::error::Error + Send + Sync>;

/// The future a [`TokenProvider`] returns (boxed, so that providers can be stored as trait
/// objects and the client needs no type parameter).
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<String, TokenError>> + Send + 'a>>;

/// Supplies the bearer token for each request, e.g. from a cache that refreshes it.
///
/// It is asked once per HTTP request sent (each retry and each page included), so a provider
/// that refreshes expiring tokens keeps long pagings working. The token is the bare string,
/// without the `Bearer ` prefix.
///
/// Implemented for [`StaticToken`] and for closures `Fn() -> impl Future<Output =
/// Result<String, TokenError>>`:
///
/// ```
/// use graph_client::support::{Client, TokenError};
///
/// let client = Client::new("https://graph.microsoft.com/v1.0", || async {
///     Ok::<_, TokenError>(std::env::var("GRAPH_TOKEN")?)
/// });
/// # let _ = client;
/// ```
pub trait TokenProvider: Send + Sync {
    /// The current access token.
    fn token(&self) -> TokenFuture<'_>;
}

/// A token that never changes (tests, scripts, a token obtained elsewhere).
#[derive(Clone, PartialEq, Eq)]
pub struct StaticToken(pub String);

/// Does not print the token.
impl fmt::Debug for StaticToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("StaticToken(..)")
    }
}

impl TokenProvider for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(std::future::ready(Ok(self.0.clone())))
    }
}

impl<F, Fut> TokenProvider for F
where
    F: Fn() -> Fut + Send + Sync,
    Fut: Future<Output = Result<String, TokenError>> + Send + 'static,
{
    fn token(&self) -> TokenFuture<'_> {
        Box::pin(self())
    }
}

/// When a request is sent again, and after how long.
///
/// Retried: 429 Too Many Requests and 503 Service Unavailable, whatever the method (the service
/// says it did not act); 504 Gateway Timeout and a failed connection (refused, reset, timed out,
/// cut before the whole answer came) only for methods that are safe to repeat (GET, HEAD, PUT,
/// DELETE, OPTIONS), since a POST or PATCH may have been carried out before the answer was
/// lost.
///
/// At most `max_retries` times, and only while the time since the first attempt plus the next
/// wait stays within `max_elapsed`. The wait is what `Retry-After` asks for (delay-seconds or
/// an HTTP-date), never longer than `max_wait`; without a usable `Retry-After` it is
/// `fallback_wait` doubled on each retry (capped by `max_wait`), with jitter: a random point
/// in its upper half, so that clients throttled together do not come back together.
///
/// When the retries are used up, the last response is returned as usual (a
/// [`ClientError::Response`] holding the Graph error), or the last transport error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Retries after the first attempt; 0 turns retrying off.
    pub max_retries: u32,
    /// The longest wait before a retry; a longer `Retry-After` is cut to this.
    pub max_wait: Duration,
    /// The first wait when the response has no usable `Retry-After`.
    pub fallback_wait: Duration,
    /// The most time from the first attempt to the start of the last retry: a retry whose wait
    /// would end later is not made.
    pub max_elapsed: Duration,
}

impl RetryPolicy {
    /// Never retry.
    pub const NONE: RetryPolicy = RetryPolicy {
        max_retries: 0,
        max_wait: Duration::ZERO,
        fallback_wait: Duration::ZERO,
        max_elapsed: Duration::ZERO,
    };

    /// Whether a response with `status` to a `method` request is worth sending again.
    fn is_retried_status(method: &http::Method, status: StatusCode) -> bool {
        status == StatusCode::TOO_MANY_REQUESTS
            || status == StatusCode::SERVICE_UNAVAILABLE
            || (status == StatusCode::GATEWAY_TIMEOUT && is_idempotent(method))
    }

    /// How long to wait before retrying a response with `status` and `headers` to a `method`
    /// request, when `retries_done` retries have already been made; `None` when it is not to
    /// be retried. `jitter` (from 0 to 1) picks the point in the upper half of a backoff wait.
    fn retry_delay(
        &self,
        method: &http::Method,
        status: StatusCode,
        headers: &HeaderMap,
        retries_done: u32,
        now: SystemTime,
        jitter: f64,
    ) -> Option<Duration> {
        if !Self::is_retried_status(method, status) {
            return None;
        }
        let asked = headers
            .get(RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, now));
        match asked {
            Some(wait) if retries_done < self.max_retries => Some(wait.min(self.max_wait)),
            Some(_) => None,
            None => self.backoff(retries_done, jitter),
        }
    }

    /// The wait before retry number `retries_done + 1` when the answer did not say how long:
    /// `fallback_wait` × 2^`retries_done`, capped by `max_wait`, then moved to a point in its
    /// upper half by `jitter` (0 the middle, 1 the top). `None` when the retries are used up.
    fn backoff(&self, retries_done: u32, jitter: f64) -> Option<Duration> {
        if retries_done >= self.max_retries {
            return None;
        }
        let full = self
            .fallback_wait
            .saturating_mul(2u32.saturating_pow(retries_done))
            .min(self.max_wait);
        let jitter = jitter.clamp(0.0, 1.0);
        Some(full.div_f64(2.0) + full.div_f64(2.0).mul_f64(jitter))
    }

    /// Whether a retry that waits `wait` after `elapsed` since the first attempt is within
    /// `max_elapsed`.
    fn within_budget(&self, elapsed: Duration, wait: Duration) -> bool {
        elapsed.saturating_add(wait) <= self.max_elapsed
    }
}

/// 3 retries, waits of at most 60 s, 1 s (then 2 s, 4 s, each with jitter) without
/// `Retry-After`, all within 2 minutes.
impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_retries: 3,
            max_wait: Duration::from_secs(60),
            fallback_wait: Duration::from_secs(1),
            max_elapsed: Duration::from_secs(120),
        }
    }
}

/// Whether a request with `method` may be sent again without changing the outcome (RFC 9110
/// §9.2.2): GET, HEAD, PUT, DELETE, OPTIONS (TRACE too, which Graph does not use).
fn is_idempotent(method: &http::Method) -> bool {
    matches!(
        *method,
        http::Method::GET
            | http::Method::HEAD
            | http::Method::PUT
            | http::Method::DELETE
            | http::Method::OPTIONS
            | http::Method::TRACE
    )
}

/// Makes the crate's rustls crypto provider the process default, unless one is installed.
fn install_crypto_provider() {
    if rustls::crypto::CryptoProvider::get_default().is_some() {
        return;
    }
    #[cfg(feature = "aws-lc-rs")]
    let provider = rustls::crypto::aws_lc_rs::default_provider();
    #[cfg(not(feature = "aws-lc-rs"))]
    let provider = rustls::crypto::ring::default_provider();
    // An error means another thread installed one in between: that one serves as well.
    let _ = provider.install_default();
}

/// A number from 0 to 1 that differs from call to call and from process to process, for the
/// jitter of backoff waits: the system time's nanoseconds and a counter, hashed with the
/// randomly keyed SipHash of std's `RandomState`. Cheap, and no random-number crate needed;
/// good enough to spread retries, not for anything secret.
fn jitter() -> f64 {
    (random_u64() >> 11) as f64 / (1u64 << 53) as f64
}

/// 64 bits that differ from call to call and from process to process (see [`jitter`]).
fn random_u64() -> u64 {
    use std::hash::{BuildHasher as _, Hasher as _};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    let nanos = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    hasher.write_u128(nanos);
    hasher.finish()
}

/// Reads a `Retry-After` value (RFC 9110 §10.2.3): delay-seconds (`120`), or an HTTP-date
/// (`Wed, 21 Oct 2015 07:28:00 GMT`) turned into the time from `now` until then (zero when it
/// is past). `None` when the value is neither.
fn parse_retry_after(value: &str, now: SystemTime) -> Option<Duration> {
    let value = value.trim();
    if !value.is_empty() && value.bytes().all(|byte| byte.is_ascii_digit()) {
        // Only digits, so parsing can fail only by overflow: wait "forever" (capped later).
        let seconds = value.parse().unwrap_or(u64::MAX);
        return Some(Duration::from_secs(seconds));
    }
    // IMF-fixdate, the form senders must use, is RFC 2822 syntax with the zone `GMT`.
    let date = chrono::DateTime::parse_from_rfc2822(value).ok()?;
    let at = SystemTime::from(date);
    Some(at.duration_since(now).unwrap_or(Duration::ZERO))
}

/// Why [`Client::send`] (or a page of [`Client::pages`]) produced no model.
#[derive(Debug)]
pub enum ClientError {
    /// The request could not be built: base URL or next link not absolute (or, for a next
    /// link, on another host than the base URL), body not serializable, token not a valid
    /// header value.
    Request(RequestError),
    /// The [`TokenProvider`] failed.
    Token(TokenError),
    /// Nothing usable came back: connection, TLS, timeout or body-reading failure.
    Transport(reqwest::Error),
    /// A response came back but was an error status (after any retries), or a success whose
    /// body did not fit the response model.
    Response(ResponseError),
}

impl ClientError {
    /// The Graph error of a non-2xx response (status, code, message, request id).
    pub fn graph_error(&self) -> Option<&GraphError> {
        match self {
            ClientError::Response(ResponseError::Graph(error)) => Some(error),
            _ => None,
        }
    }

    /// The HTTP status, when a response was received.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            ClientError::Response(error) => Some(error.status()),
            _ => None,
        }
    }
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ClientError::Request(error) => error.fmt(f),
            ClientError::Token(error) => write!(f, "could not get an access token: {error}"),
            ClientError::Transport(error) => write!(f, "HTTP request failed: {error}"),
            ClientError::Response(error) => error.fmt(f),
        }
    }
}

impl std::error::Error for ClientError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            ClientError::Request(error) => error.source(),
            ClientError::Token(error) => Some(&**error),
            ClientError::Transport(error) => Some(error),
            ClientError::Response(error) => error.source(),
        }
    }
}

impl From<RequestError> for ClientError {
    fn from(error: RequestError) -> Self {
        ClientError::Request(error)
    }
}

impl From<ResponseError> for ClientError {
    fn from(error: ResponseError) -> Self {
        ClientError::Response(error)
    }
}

impl From<reqwest::Error> for ClientError {
    fn from(error: reqwest::Error) -> Self {
        ClientError::Transport(error)
    }
}

/// Sends [`GraphRequest`]s to one base URL with one token provider. Cheap to clone (the
/// reqwest client and the provider are shared).
#[derive(Clone)]
pub struct Client {
    http: reqwest::Client,
    base_url: Arc<str>,
    tokens: Arc<dyn TokenProvider>,
    retry: RetryPolicy,
    timeout: Option<Duration>,
    hooks: Hooks,
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base_url", &self.base_url)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client for `base_url` (e.g. [`DEFAULT_BASE_URL`](super::DEFAULT_BASE_URL)) with the
    /// default [`RetryPolicy`], a timeout of [`Client::DEFAULT_TIMEOUT`] on each request
    /// (change it with [`Client::with_timeout`]), and a default `reqwest::Client` (rustls, the
    /// platform's certificate verifier; see [`Client::http_client_builder`]).
    ///
    /// Redirects are followed as reqwest does by default: at most 10, and `Authorization` (with
    /// cookies) is dropped when one leads to another scheme, host or port, so the token never
    /// goes anywhere but where it was meant for.
    ///
    /// # Panics
    ///
    /// As `reqwest::Client::new`: when the TLS backend cannot be initialized. To handle that
    /// instead, build the reqwest client yourself (from [`Client::http_client_builder`]) and
    /// use [`Client::with_http_client`].
    pub fn new(base_url: impl Into<String>, token_provider: impl TokenProvider + 'static) -> Self {
        let http = Self::http_client_builder()
            .build()
            .expect("the TLS backend could not be initialized");
        Self::with_http_client(http, base_url, token_provider)
            .with_timeout(Some(Self::DEFAULT_TIMEOUT))
    }

    /// A `reqwest::ClientBuilder` to configure (proxy, timeouts, root certificates, …) for
    /// [`Client::with_http_client`], with a rustls crypto provider in place.
    ///
    /// reqwest is built here without a crypto provider of its own (its default, aws-lc-rs,
    /// takes most of the build time), and a `reqwest::Client` built while the process has none
    /// panics. This installs ring's (aws-lc-rs's with the `aws-lc-rs` feature) as the
    /// process default, unless the application has installed one already, which is then kept.
    /// Use it, or install a provider yourself, before `reqwest::Client::builder()`.
    pub fn http_client_builder() -> reqwest::ClientBuilder {
        install_crypto_provider();
        reqwest::Client::builder()
    }

    /// The timeout [`Client::new`] gives each request: from connecting until the whole answer
    /// is read, for each attempt.
    pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(100);

    /// A client that sends with `http` (its timeouts, proxy, TLS settings, redirect policy,
    /// …); see [`Client::new`]. No timeout of its own is added to `http`'s unless
    /// [`Client::with_timeout`] says so.
    ///
    /// Build `http` from [`Client::http_client_builder`], not `reqwest::Client::builder()`:
    /// reqwest is compiled here without a crypto provider, and one built before a provider is
    /// installed panics. Whatever redirect policy `http` has, reqwest drops `Authorization`
    /// when a redirect leads to another scheme, host or port, so the token stays within the
    /// origin as with [`Client::new`]; but a policy that does not follow redirects
    /// (`reqwest::redirect::Policy::none()`) makes a download that Graph redirects to its
    /// pre-authenticated URL fail with the `302`.
    pub fn with_http_client(
        http: reqwest::Client,
        base_url: impl Into<String>,
        token_provider: impl TokenProvider + 'static,
    ) -> Self {
        Client {
            http,
            base_url: base_url.into().into(),
            tokens: Arc::new(token_provider),
            retry: RetryPolicy::default(),
            timeout: None,
            hooks: Hooks::default(),
        }
    }

    /// Bounds each attempt of each request, from connecting until its whole answer is read
    /// (a download's: until its head arrives, since its body may take any time); `None` leaves
    /// only the reqwest client's own timeout. A request that times out is retried when its
    /// method is idempotent, as [`RetryPolicy`] says.
    pub fn with_timeout(mut self, timeout: Option<Duration>) -> Self {
        self.timeout = timeout;
        self
    }

    /// Calls `hook` before each HTTP request is sent (each retry and page too), with its method,
    /// URI and headers, `client-request-id` included but not `Authorization`, so that logging
    /// them cannot leak the token.
    pub fn on_request(
        mut self,
        hook: impl Fn(&http::request::Parts) + Send + Sync + 'static,
    ) -> Self {
        self.hooks.on_request = Some(Arc::new(hook));
        self
    }

    /// Calls `hook` when each HTTP response's head arrives (each retried one too) with its
    /// status, headers, and the time since that attempt was sent.
    pub fn on_response(
        mut self,
        hook: impl Fn(&StatusCode, &HeaderMap, Duration) + Send + Sync + 'static,
    ) -> Self {
        self.hooks.on_response = Some(Arc::new(hook));
        self
    }

    /// Retries throttled and unavailable responses as `policy` says.
    pub fn with_retry_policy(mut self, policy: RetryPolicy) -> Self {
        self.retry = policy;
        self
    }

    /// The base URL that request paths are relative to.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// Sends `request` and reads the response into its typed body, with the status and headers
    /// (`ETag`, `Location`, `request-id`) it came with, retrying 429 and 503 as the
    /// [`RetryPolicy`] says. A request with an empty path parameter is refused before anything
    /// is sent.
    pub async fn send<R: GraphRequest>(
        &self,
        request: &R,
    ) -> Result<Response<R::Response>, ClientError> {
        let http = request.to_http_request(&self.base_url)?;
        let response = self.execute(http, Authorize::Bearer).await?;
        Ok(read_response::<R>(response)?)
    }

    /// Sends the `$batch` requests of a [`Batch`](super::Batch) (from
    /// [`Batch::requests`](super::Batch::requests)) one after the other, and answers every step
    /// once, with its final answer: steps answered 429 or 503 (504 too when their method is
    /// idempotent, as [`RetryPolicy`] says) are sent again in a later batch after the longest
    /// `Retry-After` among them, with the steps that failed (424) only because they depended on
    /// one of them, as often as the [`RetryPolicy`] allows. A step still throttled when the
    /// retries are used up keeps its last answer.
    ///
    /// Read each step's answer with [`BatchResponse::read`] and the
    /// [`StepId`](super::StepId) its step was added with. The answers are in the order of the
    /// steps. An error of a `POST /$batch` itself (after the client's own retries) ends the
    /// whole call.
    pub async fn send_batch(
        &self,
        requests: &[BatchRequest],
    ) -> Result<BatchResponse, ClientError> {
        let order: Vec<String> = requests
            .iter()
            .flat_map(BatchRequest::steps)
            .map(|step| step.id().to_owned())
            .collect();
        let mut answers: std::collections::HashMap<String, StepResponse> = Default::default();
        let mut round: Vec<BatchRequest> = requests.to_vec();
        let mut retries_done = 0;
        let started = std::time::Instant::now();
        while !round.is_empty() {
            let mut again: Vec<BatchStep> = Vec::new();
            let mut wait = Duration::ZERO;
            for request in &round {
                let response = self.send(request).await?.body;
                let now = SystemTime::now();
                let retry = |step: &BatchStep, answer: &StepResponse| {
                    let delay = self.retry.retry_delay(
                        &step_method(step),
                        answer.status,
                        answer.to_http_response().headers(),
                        retries_done,
                        now,
                        jitter(),
                    );
                    // `None` for an answer not to retry, or when the retries are used up (for
                    // every step alike: the bound is one for the whole batch).
                    if let Some(delay) = delay {
                        wait = wait.max(delay);
                    }
                    delay.is_some()
                };
                let retried = steps_to_retry(request.steps(), &response, retry);
                for answer in response.responses {
                    answers.insert(answer.id.clone(), answer);
                }
                again.extend(retried);
            }
            if again.is_empty() || !self.retry.within_budget(started.elapsed(), wait) {
                break;
            }
            tokio::time::sleep(wait).await;
            retries_done += 1;
            round = BatchRequest::split(again);
        }
        let responses = order.iter().filter_map(|id| answers.remove(id)).collect();
        Ok(BatchResponse { responses })
    }

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

    /// A delta round: sends `first` (a delta function's request, or one built from an earlier
    /// round's `@odata.deltaLink`), follows `@odata.nextLink` through every page, and returns
    /// all the items with the `@odata.deltaLink` of the last page, from which the next round
    /// starts (with [`Client::delta_from_with`] and a clone of `first`'s
    /// [`options`](GraphRequest::options), to send its headers again).
    ///
    /// Every page after the first is sent with the first request's headers (`Prefer`,
    /// `ConsistencyLevel`, …), as [`Client::pages`] does.
    pub async fn delta<R, T>(&self, first: R) -> Result<DeltaRound<T>, ClientError>
    where
        R: GraphRequest<Response = Collection<T>>,
        T: DeserializeOwned,
    {
        let http = first.to_http_request(&self.base_url)?;
        let headers = later_page_headers(http.headers());
        let page = self.fetch_page(http).await?;
        self.finish_round(page, &headers).await
    }

    /// Fetches `delta_link` (a [`DeltaRound::delta_link`]) and follows its pages: the changes
    /// since that round, and the link to the next. No header is sent but `Authorization`: to
    /// send the first round's `Prefer` and the like again, use [`Client::delta_from_with`].
    pub async fn delta_from<T: DeserializeOwned>(
        &self,
        delta_link: &str,
    ) -> Result<DeltaRound<T>, ClientError> {
        self.delta_from_with(delta_link, &RequestOptions::default())
            .await
    }

    /// [`Client::delta_from`], sending the headers of `options` (e.g. the first round's request
    /// [`options`](GraphRequest::options)) with every page, as [`Client::next_page_with`]
    /// does.
    pub async fn delta_from_with<T: DeserializeOwned>(
        &self,
        delta_link: &str,
        options: &RequestOptions,
    ) -> Result<DeltaRound<T>, ClientError> {
        let headers = options_headers(options)?;
        let page = self.get_page(delta_link, &headers).await?;
        self.finish_round(page, &headers).await
    }

    /// Fetches the page at `next_link` (a collection's `@odata.nextLink`), as it is: an
    /// absolute URL, not rebuilt from the base URL. It must be on the base URL's scheme and
    /// host, so that the bearer token is never sent anywhere else. No header is sent but
    /// `Authorization`: to send the first page's headers again, use
    /// [`Client::next_page_with`].
    pub async fn next_page<T: DeserializeOwned>(
        &self,
        next_link: &str,
    ) -> Result<Collection<T>, ClientError> {
        self.get_page(next_link, &HeaderMap::new()).await
    }

    /// [`Client::next_page`], sending the headers of `options` too: those of the request the
    /// first page came from ([`GraphRequest::options`]), since advanced queries
    /// (`ConsistencyLevel: eventual`) and preferences (`Prefer`) apply only to the requests
    /// that carry them, page by page. Its query options are not added: the link has them.
    /// `Authorization` (the client adds its own), `Content-Type` and `Content-Length` (a page
    /// is a GET without a body) are left out.
    pub async fn next_page_with<T: DeserializeOwned>(
        &self,
        next_link: &str,
        options: &RequestOptions,
    ) -> Result<Collection<T>, ClientError> {
        self.get_page(next_link, &options_headers(options)?).await
    }

    /// Sends `first` and then follows `@odata.nextLink` until a page has none, yielding each
    /// page. After an error the stream ends.
    ///
    /// Every later page is sent with the first request's headers (as
    /// [`Client::next_page_with`] says), so `ConsistencyLevel: eventual`, `Prefer` and the
    /// like hold on every page, not only the first.
    ///
    /// The stream is `Unpin` (`.try_next().await` needs no pinning) and `Send`, and borrows
    /// nothing: `first` is turned into its HTTP request here, and the stream holds its own
    /// clone of the client, so it can be moved to another task.
    pub fn pages<R, T>(
        &self,
        first: R,
    ) -> Pin<Box<dyn Stream<Item = Result<Collection<T>, ClientError>> + Send>>
    where
        R: GraphRequest<Response = Collection<T>>,
        T: DeserializeOwned + 'static,
    {
        let client = self.clone();
        // Built now rather than when first polled, so that the stream does not hold `first`
        // and asks nothing of `R` (neither `Send` nor `'static`). An error is still the
        // stream's first item.
        let first = first.to_http_request(&self.base_url);
        let headers = Arc::new(match &first {
            Ok(http) => later_page_headers(http.headers()),
            Err(_) => HeaderMap::new(),
        });
        Box::pin(stream::unfold(Next::First(Box::new(first)), move |next| {
            let client = client.clone();
            let headers = Arc::clone(&headers);
            async move {
                let page = match next {
                    Next::First(first) => match *first {
                        Ok(http) => client.fetch_page(http).await,
                        Err(error) => Err(error.into()),
                    },
                    Next::Link(link) => client.get_page(&link, &headers).await,
                    Next::Done => return None,
                };
                Some(match page {
                    Ok(page) => {
                        let next = match &page.next_link {
                            Some(link) => Next::Link(link.clone()),
                            None => Next::Done,
                        };
                        (Ok(page), next)
                    }
                    Err(error) => (Err(error), Next::Done),
                })
            }
        }))
    }

    /// The items of every page of [`Client::pages`], in order, with the same headers on every
    /// page. After an error the stream ends. `Unpin` and `Send`, as [`Client::pages`] is.
    pub fn items<R, T>(
        &self,
        first: R,
    ) -> Pin<Box<dyn Stream<Item = Result<T, ClientError>> + Send>>
    where
        R: GraphRequest<Response = Collection<T>>,
        T: DeserializeOwned + Send + 'static,
    {
        Box::pin(
            self.pages(first)
                .map_ok(|page| stream::iter(page.value).map(Ok))
                .try_flatten(),
        )
    }

    /// Reads the pages after `page` to the end of its delta round.
    async fn finish_round<T: DeserializeOwned>(
        &self,
        mut page: Collection<T>,
        headers: &HeaderMap,
    ) -> Result<DeltaRound<T>, ClientError> {
        let mut items = Vec::new();
        loop {
            items.extend(page.value);
            match page.next_link {
                Some(link) => page = self.get_page(&link, headers).await?,
                None => {
                    return Ok(DeltaRound {
                        items,
                        delta_link: page.delta_link,
                    })
                }
            }
        }
    }

    /// GETs `link` (checked as [`Client::next_page`] says) with `headers`.
    async fn get_page<T: DeserializeOwned>(
        &self,
        link: &str,
        headers: &HeaderMap,
    ) -> Result<Collection<T>, ClientError> {
        let uri = self.checked_next_link(link)?;
        let mut request = http::Request::get(uri)
            .body(Vec::new())
            .map_err(RequestError::Http)?;
        *request.headers_mut() = headers.clone();
        self.fetch_page(request).await
    }

    /// Sends a request for a page and reads the page.
    async fn fetch_page<T: DeserializeOwned>(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<Collection<T>, ClientError> {
        let response = self.execute(request, Authorize::Bearer).await?;
        Ok(parse_response::<PageRequest<T>>(&response)?)
    }

    fn checked_next_link(&self, next_link: &str) -> Result<http::Uri, RequestError> {
        let invalid = |reason: String| RequestError::InvalidUri {
            uri: next_link.to_owned(),
            reason,
        };
        let uri: http::Uri = next_link
            .parse()
            .map_err(|error: http::uri::InvalidUri| invalid(error.to_string()))?;
        let base: Option<http::Uri> = self.base_url.parse().ok();
        let origin = |uri: &http::Uri| (uri.scheme().cloned(), uri.authority().cloned());
        match (origin(&uri), base.as_ref().map(origin)) {
            ((Some(scheme), Some(authority)), Some((Some(base_scheme), Some(base_authority))))
                if scheme == base_scheme && authority == base_authority =>
            {
                Ok(uri)
            }
            ((Some(_), Some(_)), _) => Err(invalid(format!(
                "a next link must be on the base URL's scheme and host ({})",
                self.base_url
            ))),
            _ => Err(invalid("a next link must be an absolute URL".into())),
        }
    }

    /// Sends `request` (with a fresh bearer token when `authorize` says so), retrying as the
    /// policy says, and reads the whole answer, whatever its status; a connection cut while the
    /// body arrives is retried like one cut before (for idempotent methods).
    async fn execute(
        &self,
        request: http::Request<Vec<u8>>,
        authorize: Authorize,
    ) -> Result<http::Response<Vec<u8>>, ClientError> {
        self.attempts(request, authorize, into_http_response).await
    }

    /// As [`Client::execute`] with a bearer token, but returns the answer with its body not
    /// yet read (a download's), so a body cut short is not retried.
    async fn execute_streaming(
        &self,
        request: http::Request<Vec<u8>>,
    ) -> Result<reqwest::Response, ClientError> {
        self.attempts(request, Authorize::Bearer, |response| async move {
            Ok::<_, reqwest::Error>(response)
        })
        .await
    }

    /// The retry loop: each attempt gets the same `client-request-id` (the caller's, or a
    /// fresh one), the hooks are called, and `finish` takes the response (reads its body or
    /// not); a transport error in `finish` counts as one in sending.
    async fn attempts<T, F, Fut>(
        &self,
        request: http::Request<Vec<u8>>,
        authorize: Authorize,
        mut finish: F,
    ) -> Result<T, ClientError>
    where
        F: FnMut(reqwest::Response) -> Fut,
        Fut: Future<Output = Result<T, reqwest::Error>>,
    {
        let (mut parts, body) = request.into_parts();
        let url = reqwest::Url::parse(&parts.uri.to_string()).map_err(|error| {
            RequestError::InvalidUri {
                uri: parts.uri.to_string(),
                reason: error.to_string(),
            }
        })?;
        if !parts.headers.contains_key(CLIENT_REQUEST_ID) {
            let id = HeaderValue::try_from(new_client_request_id())
                .map_err(|error| RequestError::Http(error.into()))?;
            parts.headers.insert(CLIENT_REQUEST_ID, id);
        }
        let started = Instant::now();
        let mut retries_done = 0;
        loop {
            if let Some(hook) = &self.hooks.on_request {
                let mut seen = http::Request::new(());
                *seen.method_mut() = parts.method.clone();
                *seen.uri_mut() = parts.uri.clone();
                *seen.headers_mut() = parts.headers.clone();
                hook(&seen.into_parts().0);
            }
            let mut builder = self
                .http
                .request(parts.method.clone(), url.clone())
                .headers(parts.headers.clone());
            if authorize == Authorize::Bearer {
                let token = self.tokens.token().await.map_err(ClientError::Token)?;
                let mut authorization = HeaderValue::try_from(format!("Bearer {token}"))
                    .map_err(|error| RequestError::Http(error.into()))?;
                authorization.set_sensitive(true);
                builder = builder.header(AUTHORIZATION, authorization);
            }
            if let Some(timeout) = self.timeout {
                builder = builder.timeout(timeout);
            }
            if !body.is_empty() {
                builder = builder.body(body.clone());
            }
            let sent = Instant::now();
            let error = match builder.send().await {
                Ok(response) => {
                    if let Some(hook) = &self.hooks.on_response {
                        hook(&response.status(), response.headers(), sent.elapsed());
                    }
                    let delay = self.retry.retry_delay(
                        &parts.method,
                        response.status(),
                        response.headers(),
                        retries_done,
                        SystemTime::now(),
                        jitter(),
                    );
                    if let Some(wait) =
                        delay.filter(|wait| self.retry.within_budget(started.elapsed(), *wait))
                    {
                        retries_done += 1;
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    match finish(response).await {
                        Ok(done) => return Ok(done),
                        Err(error) => error,
                    }
                }
                Err(error) => error,
            };
            // Sent again only when repeating it cannot do twice what was meant once.
            let wait = if is_idempotent(&parts.method) && is_connection_error(&error) {
                self.retry
                    .backoff(retries_done, jitter())
                    .filter(|wait| self.retry.within_budget(started.elapsed(), *wait))
            } else {
                None
            };
            match wait {
                Some(wait) => {
                    retries_done += 1;
                    tokio::time::sleep(wait).await;
                }
                None => return Err(error.into()),
            }
        }
    }
}

/// Why an upload step did not go on.
enum Failure {
    /// An answer worth trying again after (see [`is_transient`]).
    Answer(http::Response<Vec<u8>>),
    Transport(ClientError),
}

/// An answer that says "not now" rather than "no": throttled, or a server-side failure.
fn is_transient(status: StatusCode) -> bool {
    status == StatusCode::TOO_MANY_REQUESTS || status.is_server_error()
}

/// Whether a request carries the client's bearer token: not to a pre-authenticated URL (an
/// upload session's), which must not see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Authorize {
    Bearer,
    None,
}

/// The header Graph echoes back and logs with the request, to trace it from both ends.
const CLIENT_REQUEST_ID: HeaderName = HeaderName::from_static("client-request-id");

/// A fresh UUID v4 for `client-request-id`. The `uuid` dependency has no `v4` feature (it would
/// pull in a random-number crate), so its 122 random bits come from [`random_u64`], which is
/// unpredictable enough to keep ids from colliding.
fn new_client_request_id() -> String {
    let mut bytes = [0u8; 16];
    bytes[..8].copy_from_slice(&random_u64().to_le_bytes());
    bytes[8..].copy_from_slice(&random_u64().to_le_bytes());
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// Whether a transport error means the exchange broke (connection refused, reset or closed,
/// timed out, body cut short), as opposed to a request that could not be built or a redirect
/// loop: only the former is worth sending again.
fn is_connection_error(error: &reqwest::Error) -> bool {
    error.is_connect() || error.is_request() || error.is_body() || error.is_timeout()
}

/// The callbacks set with [`Client::on_request`] and [`Client::on_response`].
#[derive(Clone, Default)]
struct Hooks {
    on_request: Option<Arc<RequestHook>>,
    on_response: Option<Arc<ResponseHook>>,
}

/// What [`Client::on_request`] takes.
type RequestHook = dyn Fn(&http::request::Parts) + Send + Sync;
/// What [`Client::on_response`] takes.
type ResponseHook = dyn Fn(&StatusCode, &HeaderMap, Duration) + Send + Sync;

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

/// A batch step's method (an unknown one is treated as not idempotent: never repeated on a
/// 504).
fn step_method(step: &BatchStep) -> http::Method {
    http::Method::from_bytes(step.method().as_bytes()).unwrap_or(http::Method::POST)
}

/// Reads the whole body and gives the response the form `parse_response` takes.
async fn into_http_response(
    response: reqwest::Response,
) -> Result<http::Response<Vec<u8>>, reqwest::Error> {
    let status = response.status();
    let version = response.version();
    let headers = response.headers().clone();
    let body = response.bytes().await?.to_vec();
    let mut converted = http::Response::new(body);
    *converted.status_mut() = status;
    *converted.version_mut() = version;
    *converted.headers_mut() = headers;
    Ok(converted)
}

/// What one delta round read: every changed item, and where the next round starts.
#[derive(Clone, Debug, PartialEq)]
pub struct DeltaRound<T> {
    pub items: Vec<T>,
    /// `@odata.deltaLink` of the round's last page.
    pub delta_link: Option<String>,
}

/// Where [`Client::pages`] goes next.
enum Next {
    /// The first request, built (or not) when the stream was made; boxed, as it is ten times
    /// the size of a link.
    First(Box<Result<http::Request<Vec<u8>>, RequestError>>),
    Link(String),
    Done,
}

/// The headers of a collection's first request that its later pages are sent with: all but
/// `Authorization` (`execute` adds the current token; a second one would be sent beside it),
/// and `Content-Type` and `Content-Length`, which describe a body a page's GET does not have.
fn later_page_headers(first: &HeaderMap) -> HeaderMap {
    let mut headers = first.clone();
    for name in [AUTHORIZATION, CONTENT_TYPE, CONTENT_LENGTH] {
        headers.remove(name);
    }
    headers
}

/// The headers of `options` as [`later_page_headers`] keeps them.
fn options_headers(options: &RequestOptions) -> Result<HeaderMap, RequestError> {
    let mut headers = HeaderMap::new();
    for (name, value) in options.headers() {
        let name = HeaderName::try_from(name.as_str()).map_err(|e| RequestError::Http(e.into()))?;
        let value =
            HeaderValue::try_from(value.as_str()).map_err(|e| RequestError::Http(e.into()))?;
        headers.append(name, value);
    }
    Ok(later_page_headers(&headers))
}

/// Stands for "GET a next link" so that its response goes through `parse_response` like any
/// other; its request is built by `Client::next_page`, never by `to_http_request`.
struct PageRequest<T>(PhantomData<fn() -> T>);

impl<T: DeserializeOwned> GraphRequest for PageRequest<T> {
    type Body = NoBody;
    type Response = Collection<T>;

    fn method(&self) -> http::Method {
        http::Method::GET
    }

    fn path(&self) -> &str {
        ""
    }

    fn body(&self) -> Option<&NoBody> {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(seconds: u64) -> SystemTime {
        SystemTime::UNIX_EPOCH + Duration::from_secs(seconds)
    }

    /// 2015-10-21T07:28:00Z.
    const OCT_21_2015: u64 = 1_445_412_480;

    #[test]
    fn reads_delay_seconds() {
        let now = at(OCT_21_2015);
        for (value, seconds) in [
            ("0", 0),
            ("1", 1),
            ("120", 120),
            (" 7 ", 7),
            ("007", 7),
            ("99999999999999999999999", u64::MAX),
        ] {
            assert_eq!(
                parse_retry_after(value, now),
                Some(Duration::from_secs(seconds)),
                "{value}"
            );
        }
    }

    #[test]
    fn reads_an_http_date() {
        let date = "Wed, 21 Oct 2015 07:28:00 GMT";
        let secs = Duration::from_secs;
        assert_eq!(
            parse_retry_after(date, at(OCT_21_2015 - 30)),
            Some(secs(30))
        );
        assert_eq!(parse_retry_after(date, at(OCT_21_2015)), Some(secs(0)));
        // A date in the past means "now".
        assert_eq!(parse_retry_after(date, at(OCT_21_2015 + 5)), Some(secs(0)));
        // The fraction of a second left before the date is kept.
        let now = at(OCT_21_2015 - 2) + Duration::from_millis(250);
        assert_eq!(
            parse_retry_after(date, now),
            Some(Duration::from_millis(1750))
        );
    }

    #[test]
    fn rejects_other_values() {
        let now = at(OCT_21_2015);
        for value in [
            "",
            " ",
            "-1",
            "1.5",
            "+3",
            "soon",
            "1e3",
            "21 Oct 2015",
            "0x10",
        ] {
            assert_eq!(parse_retry_after(value, now), None, "{value:?}");
        }
    }

    fn headers(retry_after: Option<&str>) -> HeaderMap {
        let mut headers = HeaderMap::new();
        if let Some(value) = retry_after {
            headers.insert(RETRY_AFTER, value.parse().unwrap());
        }
        headers
    }

    const GET: http::Method = http::Method::GET;

    #[test]
    fn retries_429_503_and_504_when_idempotent() {
        let policy = RetryPolicy::default();
        let now = at(OCT_21_2015);
        let with_header = headers(Some("2"));
        for (method, status) in [
            ("GET", 429),
            ("POST", 429),
            ("PATCH", 503),
            ("GET", 503),
            ("GET", 504),
            ("PUT", 504),
            ("DELETE", 504),
        ] {
            let method = http::Method::from_bytes(method.as_bytes()).unwrap();
            let status = StatusCode::from_u16(status).unwrap();
            assert_eq!(
                policy.retry_delay(&method, status, &with_header, 0, now, 1.0),
                Some(Duration::from_secs(2)),
                "{method} {status}"
            );
        }
        // A POST or PATCH may have been carried out behind a gateway that timed out.
        for method in [http::Method::POST, http::Method::PATCH] {
            let status = StatusCode::GATEWAY_TIMEOUT;
            assert_eq!(
                policy.retry_delay(&method, status, &with_header, 0, now, 1.0),
                None
            );
        }
        for status in [200, 204, 400, 401, 403, 404, 500, 502] {
            let status = StatusCode::from_u16(status).unwrap();
            assert_eq!(
                policy.retry_delay(&GET, status, &with_header, 0, now, 1.0),
                None,
                "{status}"
            );
        }
    }

    #[test]
    fn stops_after_max_retries() {
        let policy = RetryPolicy {
            max_retries: 2,
            ..RetryPolicy::default()
        };
        let now = at(OCT_21_2015);
        let headers = headers(Some("1"));
        let status = StatusCode::TOO_MANY_REQUESTS;
        assert!(policy
            .retry_delay(&GET, status, &headers, 0, now, 1.0)
            .is_some());
        assert!(policy
            .retry_delay(&GET, status, &headers, 1, now, 1.0)
            .is_some());
        assert_eq!(
            policy.retry_delay(&GET, status, &headers, 2, now, 1.0),
            None
        );
        assert_eq!(
            RetryPolicy::NONE.retry_delay(&GET, status, &headers, 0, now, 1.0),
            None
        );
    }

    #[test]
    fn caps_the_wait() {
        let policy = RetryPolicy {
            max_wait: Duration::from_secs(10),
            ..RetryPolicy::default()
        };
        let now = at(OCT_21_2015);
        let status = StatusCode::SERVICE_UNAVAILABLE;
        for value in [
            "3600",
            "99999999999999999999999",
            "Thu, 22 Oct 2015 07:28:00 GMT",
        ] {
            assert_eq!(
                policy.retry_delay(&GET, status, &headers(Some(value)), 0, now, 1.0),
                Some(Duration::from_secs(10)),
                "{value}"
            );
        }
    }

    #[test]
    fn backs_off_without_a_usable_retry_after() {
        let policy = RetryPolicy {
            max_retries: 10,
            max_wait: Duration::from_secs(5),
            fallback_wait: Duration::from_secs(1),
            max_elapsed: Duration::from_secs(60),
        };
        let now = at(OCT_21_2015);
        let status = StatusCode::TOO_MANY_REQUESTS;
        for missing in [headers(None), headers(Some("later"))] {
            let waits: Vec<_> = (0..5)
                .map(|done| {
                    policy
                        .retry_delay(&GET, status, &missing, done, now, 1.0)
                        .unwrap()
                })
                .map(|wait| wait.as_secs())
                .collect();
            assert_eq!(waits, [1, 2, 4, 5, 5]);
        }
        // Huge retry counts saturate instead of overflowing.
        let policy = RetryPolicy {
            max_retries: u32::MAX,
            ..policy
        };
        assert_eq!(
            policy.retry_delay(&GET, status, &headers(None), 40, now, 1.0),
            Some(Duration::from_secs(5))
        );
    }

    #[test]
    fn jitter_picks_a_point_in_the_upper_half_of_the_backoff() {
        let policy = RetryPolicy {
            max_retries: 5,
            max_wait: Duration::from_secs(60),
            fallback_wait: Duration::from_secs(2),
            max_elapsed: Duration::from_secs(60),
        };
        assert_eq!(policy.backoff(0, 0.0), Some(Duration::from_secs(1)));
        assert_eq!(policy.backoff(0, 0.5), Some(Duration::from_millis(1500)));
        assert_eq!(policy.backoff(2, 1.0), Some(Duration::from_secs(8)));
        // Out of range is clamped rather than waiting longer than the backoff.
        assert_eq!(policy.backoff(0, 7.0), Some(Duration::from_secs(2)));
        assert_eq!(policy.backoff(5, 1.0), None);
        // A Retry-After is obeyed as it is, without jitter.
        let status = StatusCode::TOO_MANY_REQUESTS;
        let now = at(OCT_21_2015);
        assert_eq!(
            policy.retry_delay(&GET, status, &headers(Some("3")), 0, now, 0.0),
            Some(Duration::from_secs(3))
        );
        // The source differs from call to call and stays within [0, 1).
        let draws: Vec<f64> = (0..64).map(|_| jitter()).collect();
        assert!(draws.iter().all(|draw| (0.0..1.0).contains(draw)));
        assert!(draws.windows(2).any(|pair| pair[0] != pair[1]));
    }

    #[test]
    fn the_time_budget_bounds_the_retries() {
        let policy = RetryPolicy {
            max_elapsed: Duration::from_secs(10),
            ..RetryPolicy::default()
        };
        let secs = Duration::from_secs;
        assert!(policy.within_budget(secs(4), secs(6)));
        assert!(!policy.within_budget(secs(4), secs(7)));
        assert!(!RetryPolicy::NONE.within_budget(Duration::ZERO, Duration::from_millis(1)));
    }

    #[test]
    fn client_request_ids_are_fresh_uuid_v4s() {
        let ids: Vec<String> = (0..100).map(|_| new_client_request_id()).collect();
        for id in &ids {
            let uuid = uuid::Uuid::parse_str(id).unwrap();
            assert_eq!(uuid.get_version_num(), 4, "{id}");
            assert_eq!(uuid.get_variant(), uuid::Variant::RFC4122, "{id}");
        }
        let distinct: std::collections::HashSet<&String> = ids.iter().collect();
        assert_eq!(distinct.len(), ids.len());
    }

    #[test]
    fn next_links_must_stay_on_the_base_host() {
        let client = Client::new("https://graph.microsoft.com/v1.0", StaticToken("t".into()));
        for link in [
            "https://graph.microsoft.com/v1.0/users?$skiptoken=abc",
            "https://GRAPH.microsoft.com/beta/users?$skiptoken=abc",
        ] {
            assert!(client.checked_next_link(link).is_ok(), "{link}");
        }
        for (link, reason) in [
            ("https://evil.example/v1.0/users", "scheme and host"),
            ("http://graph.microsoft.com/v1.0/users", "scheme and host"),
            (
                "https://graph.microsoft.com:8443/v1.0/users",
                "scheme and host",
            ),
            ("/v1.0/users?$skiptoken=abc", "absolute"),
            ("https://bad host/", "invalid"),
        ] {
            let error = client.checked_next_link(link).unwrap_err();
            assert!(error.to_string().contains(reason), "{link}: {error}");
        }
    }

    #[test]
    fn the_http_client_builder_installs_the_features_crypto_provider() {
        Client::http_client_builder()
            .build()
            .expect("a reqwest client with rustls");
        let provider = rustls::crypto::CryptoProvider::get_default().expect("a provider");
        let groups: Vec<String> = provider
            .kx_groups
            .iter()
            .map(|group| format!("{:?}", group.name()))
            .collect();
        // ring has no post-quantum key exchange; aws-lc-rs offers X25519MLKEM768 by default.
        #[cfg(not(feature = "aws-lc-rs"))]
        assert_eq!(groups, ["X25519", "secp256r1", "secp384r1"]);
        #[cfg(feature = "aws-lc-rs")]
        assert!(
            groups.iter().any(|group| group == "X25519MLKEM768"),
            "{groups:?}"
        );
    }

    #[test]
    fn static_tokens_are_not_printed() {
        assert_eq!(
            format!("{:?}", StaticToken("secret".into())),
            "StaticToken(..)"
        );
        let client = Client::new(
            "https://graph.microsoft.com/v1.0",
            StaticToken("secret-token".into()),
        );
        let debug = format!("{client:?}");
        assert!(debug.contains("graph.microsoft.com"), "{debug}");
        assert!(!debug.contains("secret-token"), "{debug}");
    }
}
