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
//! This file holds the `Client` itself and [`ClientError`]: its construction, hooks,
//! [`Client::send`], [`Client::send_batch`] and the send loop with its `client-request-id`. The
//! rest of it is in the files beside it: `token.rs` (token providers), `retry.rs` (the retry
//! policy), `paging.rs` (pages and delta rounds) and `transfer.rs` (uploads and downloads).
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
//!
//! [`parse_response`]: super::parse_response
//! [`UploadSession`]: super::UploadSession

use std::fmt;
use std::future::Future;
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime};

use http::header::{HeaderMap, HeaderName, HeaderValue, AUTHORIZATION};
use http::StatusCode;

use super::batch::{steps_to_retry, BatchRequest, BatchResponse, BatchStep, StepResponse};
use super::graph_request::{
    read_response, GraphError, GraphRequest, RequestError, Response, ResponseError,
};
use super::retry::{is_connection_error, is_idempotent, jitter, random_u64, RetryPolicy};
use super::token::{TokenError, TokenProvider};

/// The reqwest this client is built on, so that a caller can configure a `reqwest::Client`
/// (timeouts, proxy, …) of the same version for [`Client::with_http_client`].
pub use reqwest;

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
    pub(super) http: reqwest::Client,
    pub(super) base_url: Arc<str>,
    pub(super) tokens: Arc<dyn TokenProvider>,
    pub(super) retry: RetryPolicy,
    pub(super) timeout: Option<Duration>,
    pub(super) hooks: Hooks,
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

    /// Sends `request` (with a fresh bearer token when `authorize` says so), retrying as the
    /// policy says, and reads the whole answer, whatever its status; a connection cut while the
    /// body arrives is retried like one cut before (for idempotent methods).
    pub(super) async fn execute(
        &self,
        request: http::Request<Vec<u8>>,
        authorize: Authorize,
    ) -> Result<http::Response<Vec<u8>>, ClientError> {
        self.attempts(request, authorize, into_http_response).await
    }

    /// As [`Client::execute`] with a bearer token, but returns the answer with its body not
    /// yet read (a download's), so a body cut short is not retried.
    pub(super) async fn execute_streaming(
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

/// Whether a request carries the client's bearer token: not to a pre-authenticated URL (an
/// upload session's), which must not see it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Authorize {
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

/// The callbacks set with [`Client::on_request`] and [`Client::on_response`].
#[derive(Clone, Default)]
pub(super) struct Hooks {
    on_request: Option<Arc<RequestHook>>,
    on_response: Option<Arc<ResponseHook>>,
}

/// What [`Client::on_request`] takes.
type RequestHook = dyn Fn(&http::request::Parts) + Send + Sync;
/// What [`Client::on_response`] takes.
type ResponseHook = dyn Fn(&StatusCode, &HeaderMap, Duration) + Send + Sync;

/// A batch step's method (an unknown one is treated as not idempotent: never repeated on a
/// 504).
fn step_method(step: &BatchStep) -> http::Method {
    http::Method::from_bytes(step.method().as_bytes()).unwrap_or(http::Method::POST)
}

/// Reads the whole body and gives the response the form `parse_response` takes.
pub(super) async fn into_http_response(
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
