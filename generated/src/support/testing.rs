//! Testing code that uses [`Client`] without a network (cargo feature `testing`): a
//! [`ReplayServer`] on 127.0.0.1 answers from [`Reply`]s registered by method and path,
//! records every request it receives, and hands out a client pointed at itself.
//!
//! - **Matching.** A reply is registered for a method and a path relative to the base URL, as
//!   the docs write request lines (`"/users/ada@contoso.com"`); paths are compared
//!   percent-decoded, so the client's `ada%40contoso.com` matches. A path with a query
//!   (`"/users?$top=2"`) matches only requests with those query options, in any order;
//!   without one it matches any query. A registration with a query wins over one without,
//!   and a later one over an earlier.
//! - **Sequences.** [`ReplayServer::reply_sequence`] answers its replies in turn, the last
//!   one from then on: a 429 and then a 200 for a retry test.
//! - **Links.** `@odata.nextLink`, `@odata.deltaLink` and `uploadUrl` in a JSON reply are
//!   moved to the server's origin when registered, so recorded Graph pages page here.
//! - **Unmatched requests** are answered 404 with a Graph error whose message names the
//!   method, the URL and what is registered, so a failing test says what it missed.
//!
//! ```
//! use graph_client::models::User;
//! use graph_client::prelude::*;
//! use graph_client::support::testing::{ReplayServer, Reply};
//! use graph_client::support::{Client, ClientError};
//!
//! // The code under test.
//! async fn promote(client: &Client, id: &str) -> Result<(), ClientError> {
//!     let body = User { job_title: "Principal Engineer".into(), ..User::default() };
//!     client.send(&Graph::users().by_id(id).update(body)).await?;
//!     Ok(())
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! let server = ReplayServer::start().await;
//! let path = "/users/ada@contoso.com";
//! server.reply_sequence("PATCH", path, [Reply::throttled(), Reply::status(204)]);
//! promote(&server.client(), "ada@contoso.com").await.unwrap();
//!
//! let sent = server.requests();
//! assert_eq!(sent.len(), 2, "throttled once, then sent again");
//! assert_eq!(sent[1].json()["jobTitle"], "Principal Engineer");
//! # }
//! ```

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use http::header::{HeaderMap, HeaderName, HeaderValue};
use http::{Method, StatusCode};
use http_body_util::{BodyExt as _, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::TokioIo;
use percent_encoding::percent_decode_str;
use serde_json::{json, Value};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

use super::client::Client;
use super::token::StaticToken;
use super::DEFAULT_BASE_URL;

/// The members of a JSON reply whose URL is moved to the server when the reply is registered.
const LINKS: [&str; 3] = ["@odata.nextLink", "@odata.deltaLink", "uploadUrl"];

/// An HTTP/1.1 server on 127.0.0.1 (an ephemeral port) that answers registered [`Reply`]s.
///
/// It runs on the tokio runtime it was started in, and stops when dropped.
#[derive(Debug)]
pub struct ReplayServer {
    address: SocketAddr,
    state: Arc<Mutex<State>>,
    accepting: JoinHandle<()>,
}

impl ReplayServer {
    /// The bearer token of [`ReplayServer::client`], which every request it sends carries.
    pub const TOKEN: &'static str = "replay-token";

    /// Binds a port on 127.0.0.1 and starts answering.
    ///
    /// # Panics
    ///
    /// Outside a tokio runtime, or when no port on 127.0.0.1 can be bound.
    pub async fn start() -> ReplayServer {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("the replay server binds a port on 127.0.0.1");
        let address = listener
            .local_addr()
            .expect("a bound listener has an address");
        let state = Arc::new(Mutex::new(State::default()));
        let shared = Arc::clone(&state);
        let accepting = tokio::spawn(async move {
            // Dropped with this task when the server is: no connection outlives it.
            let mut connections = JoinSet::new();
            while let Ok((stream, _)) = listener.accept().await {
                connections.spawn(serve(stream, Arc::clone(&shared)));
                while connections.try_join_next().is_some() {}
            }
        });
        ReplayServer {
            address,
            state,
            accepting,
        }
    }

    /// The server's base URL: its origin and the path of
    /// [`DEFAULT_BASE_URL`] (`http://127.0.0.1:PORT/v1.0`).
    pub fn base_url(&self) -> String {
        format!("{}{}", self.origin(), split_origin(DEFAULT_BASE_URL).1)
    }

    /// A [`Client`] for [`ReplayServer::base_url`], as [`Client::new`] makes it, with the
    /// token [`ReplayServer::TOKEN`].
    pub fn client(&self) -> Client {
        Client::new(self.base_url(), StaticToken(Self::TOKEN.to_owned()))
    }

    /// Answers `reply` to every `method` request to `path` (see the module docs for how paths
    /// and queries match).
    pub fn reply(&self, method: &str, path: &str, reply: Reply) {
        self.reply_sequence(method, path, [reply]);
    }

    /// Answers `replies` in turn to `method` requests to `path`, and the last one to every
    /// request after them.
    ///
    /// # Panics
    ///
    /// When `replies` is empty.
    pub fn reply_sequence(
        &self,
        method: &str,
        path: &str,
        replies: impl IntoIterator<Item = Reply>,
    ) {
        let origin = self.origin();
        let replies: Vec<Reply> = replies.into_iter().map(|r| r.local(&origin)).collect();
        assert!(!replies.is_empty(), "a reply sequence needs a reply");
        let (bare, query) = match path.split_once('?') {
            Some((bare, query)) => (bare, Some(sorted_pairs(query))),
            None => (path, None),
        };
        let method = method.to_ascii_uppercase();
        self.lock().routes.push(Route {
            label: format!("{method} {path}"),
            method,
            path: decode(bare),
            query,
            replies,
            answered: 0,
        });
    }

    /// Every request received so far, in the order they arrived.
    pub fn requests(&self) -> Vec<RecordedRequest> {
        self.lock().received.clone()
    }

    fn origin(&self) -> String {
        format!("http://{}", self.address)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        lock(&self.state)
    }
}

impl Drop for ReplayServer {
    fn drop(&mut self) {
        self.accepting.abort();
    }
}

/// What the server answers: a status, headers and a body.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply {
    status: StatusCode,
    headers: Vec<(HeaderName, HeaderValue)>,
    body: Body,
}

#[derive(Clone, Debug, PartialEq)]
enum Body {
    Empty,
    Json(Value),
    Bytes(Vec<u8>),
}

impl Reply {
    /// `status` with no body (`204`, say).
    ///
    /// # Panics
    ///
    /// When `status` is not an HTTP status code (100 to 999).
    pub fn status(status: u16) -> Reply {
        Reply {
            status: StatusCode::from_u16(status).expect("an HTTP status code"),
            headers: Vec::new(),
            body: Body::Empty,
        }
    }

    /// `status` with a JSON body (`Content-Type: application/json`).
    pub fn json(status: u16, body: Value) -> Reply {
        Reply {
            body: Body::Json(body),
            ..Reply::status(status)
        }
        .header("Content-Type", "application/json")
    }

    /// `status` with these bytes and their `Content-Type`.
    pub fn bytes(status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Reply {
        Reply {
            body: Body::Bytes(body.into()),
            ..Reply::status(status)
        }
        .header("Content-Type", content_type)
    }

    /// A Graph error: `status` with `{"error": {"code": code, "message": message}}`.
    pub fn graph_error(status: u16, code: &str, message: &str) -> Reply {
        Reply::json(status, json!({"error": {"code": code, "message": message}}))
    }

    /// `429 Too Many Requests` with `Retry-After: 0`, so that a retry comes at once.
    pub fn throttled() -> Reply {
        Reply::graph_error(429, "TooManyRequests", "Too many requests.").header("Retry-After", "0")
    }

    /// Adds a header.
    ///
    /// # Panics
    ///
    /// When `name` is not a header name or `value` not a header value.
    pub fn header(mut self, name: &str, value: &str) -> Reply {
        let name = HeaderName::from_bytes(name.as_bytes()).expect("a header name");
        let value = HeaderValue::from_str(value).expect("a header value");
        self.headers.push((name, value));
        self
    }

    fn into_response(self) -> http::Response<Full<bytes::Bytes>> {
        let body = match self.body {
            Body::Empty => Vec::new(),
            Body::Json(value) => value.to_string().into_bytes(),
            Body::Bytes(bytes) => bytes,
        };
        let mut response = http::Response::new(Full::from(body));
        *response.status_mut() = self.status;
        for (name, value) in self.headers {
            response.headers_mut().append(name, value);
        }
        response
    }

    /// This reply with its links moved to `origin`.
    fn local(mut self, origin: &str) -> Reply {
        if let Body::Json(value) = &mut self.body {
            relink(value, origin);
        }
        self
    }
}

/// One request as the server received it.
#[derive(Clone, Debug)]
pub struct RecordedRequest {
    pub method: Method,
    /// The path relative to the base URL, percent-decoded (`/users/ada@contoso.com`); a path
    /// outside the base URL's (an upload URL's) as it is.
    pub path: String,
    /// The query as sent, without the `?`.
    pub query: Option<String>,
    pub headers: HeaderMap,
    /// The body, de-chunked when it came in chunks.
    pub body: Vec<u8>,
}

impl RecordedRequest {
    /// The body as JSON.
    ///
    /// # Panics
    ///
    /// When the body is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body).unwrap_or_else(|error| {
            let body = String::from_utf8_lossy(&self.body);
            panic!(
                "the body of {} {} is not JSON ({error}): {body}",
                self.method, self.path
            )
        })
    }

    /// A header's value, when it is there and is text.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|value| value.to_str().ok())
    }

    /// The query options, percent-decoded, in the order sent.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        self.query.as_deref().map(pairs).unwrap_or_default()
    }
}

#[derive(Debug, Default)]
struct State {
    routes: Vec<Route>,
    received: Vec<RecordedRequest>,
}

#[derive(Debug)]
struct Route {
    /// The method and path as registered, for the message of an unmatched request.
    label: String,
    method: String,
    path: String,
    query: Option<Vec<(String, String)>>,
    replies: Vec<Reply>,
    answered: usize,
}

impl State {
    /// Records `request` and picks its reply: the latest route with a query that matches,
    /// else the latest without one, else a 404 that says what was asked and what is there.
    fn answer(&mut self, request: RecordedRequest) -> Reply {
        let query = sorted_pairs(request.query.as_deref().unwrap_or(""));
        let fits = |route: &Route| {
            route.method == request.method.as_str()
                && route.path == request.path
                && route.query.as_ref().is_none_or(|wanted| *wanted == query)
        };
        let chosen = (self
            .routes
            .iter()
            .rposition(|r| r.query.is_some() && fits(r)))
        .or_else(|| self.routes.iter().rposition(fits));
        let reply = match chosen {
            Some(at) => {
                let route = &mut self.routes[at];
                let reply = route.replies[route.answered.min(route.replies.len() - 1)].clone();
                route.answered += 1;
                reply
            }
            None => self.unmatched(&request),
        };
        self.received.push(request);
        reply
    }

    fn unmatched(&self, request: &RecordedRequest) -> Reply {
        let query = request.query.as_ref().map(|q| format!("?{q}"));
        let registered: Vec<&str> = self.routes.iter().map(|r| r.label.as_str()).collect();
        let message = format!(
            "the replay server has no reply for {} {}{}; registered: {}",
            request.method,
            request.path,
            query.unwrap_or_default(),
            if registered.is_empty() {
                "nothing".to_owned()
            } else {
                registered.join(", ")
            }
        );
        Reply::graph_error(404, "unmatchedRequest", &message)
    }
}

/// Reads each request of one connection whole, records it and answers it. hyper does the
/// HTTP/1.1: `Content-Length` and chunked bodies, keep-alive, HEAD and bodiless statuses.
async fn serve(stream: TcpStream, state: Arc<Mutex<State>>) {
    let service = service_fn(move |request: http::Request<Incoming>| {
        let state = Arc::clone(&state);
        async move {
            let (head, body) = request.into_parts();
            let body = body.collect().await?.to_bytes().to_vec();
            let path = decode(head.uri.path());
            let path = match path.strip_prefix(split_origin(DEFAULT_BASE_URL).1) {
                Some(rest) if rest.is_empty() || rest.starts_with('/') => rest.to_owned(),
                _ => path,
            };
            let request = RecordedRequest {
                method: head.method,
                path,
                query: head.uri.query().map(str::to_owned),
                headers: head.headers,
                body,
            };
            let reply = lock(&state).answer(request);
            Ok::<_, hyper::Error>(reply.into_response())
        }
    });
    // A connection the client breaks off ends here; its requests so far are recorded.
    let _ = http1::Builder::new()
        .serve_connection(TokioIo::new(stream), service)
        .await;
}

/// The state, also after a panic elsewhere while it was held (it holds whole values).
fn lock(state: &Mutex<State>) -> std::sync::MutexGuard<'_, State> {
    state.lock().unwrap_or_else(|e| e.into_inner())
}

/// `https://graph.microsoft.com/v1.0` as its origin and its path (`/v1.0`, or `""`).
fn split_origin(url: &str) -> (&str, &str) {
    let authority = url.find("://").map_or(0, |at| at + 3);
    let path = url[authority..]
        .find('/')
        .map_or(url.len(), |at| authority + at);
    url.split_at(path)
}

/// Moves every link of [`LINKS`] in `value`, at any depth, to `origin`.
fn relink(value: &mut Value, origin: &str) {
    match value {
        Value::Object(members) => {
            for (name, member) in members.iter_mut() {
                match member {
                    Value::String(link)
                        if LINKS.contains(&name.as_str()) && link.contains("://") =>
                    {
                        *link = format!("{origin}{}", split_origin(link).1);
                    }
                    _ => relink(member, origin),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|item| relink(item, origin)),
        _ => {}
    }
}

fn decode(text: &str) -> String {
    percent_decode_str(text).decode_utf8_lossy().into_owned()
}

/// `a=1&b=2` as decoded pairs, in order.
fn pairs(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(name), decode(value))
        })
        .collect()
}

/// The query's pairs in a fixed order, so that two queries compare whatever their order.
fn sorted_pairs(query: &str) -> Vec<(String, String)> {
    let mut pairs = pairs(query);
    pairs.sort();
    pairs
}
