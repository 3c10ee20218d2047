//! The `client` feature against a real HTTP/1.1 server on 127.0.0.1 (an ephemeral port), run
//! inside each test: a PATCH with the docs' example body, a 204 update with its ETag and
//! Location, a Graph error, a throttled request that is retried, a collection of two pages, a
//! download, a delta round to its `@odata.deltaLink`, a cached token fetched once for several
//! requests, redirects that keep the token within the origin and drop it on another host or
//! port, and an empty id refused before any request.
//!
//! The server is a small hand-rolled HTTP/1.1 responder on tokio's `TcpListener`: it answers a
//! fixed list of replies, one connection each (`Connection: close`), records what it received,
//! and then stops. Every accept, read and client call is bounded by a timeout, so a bug fails
//! the test instead of hanging it.
#![cfg(all(feature = "client", feature = "full"))]

use std::future::Future;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant, SystemTime};

use futures_util::TryStreamExt as _;
use graph_client::models::User;
use graph_client::prelude::{CollectionQuery as _, RequestExt as _};
use graph_client::requests::Graph;
// Requests to paths the seed docs do not document, built as generated calls build theirs.
use graph_client::support::__private::UrlPath;
use graph_client::support::{
    Batch, Bytes, CachedToken, Client, ClientError, Collection, ExpiringToken, GraphRequest,
    NoBody, ReadsCollection, Request, RequestError, ResponseBody, ResponseError, RetryPolicy,
    SeekSource, StaticToken, TokenError, UploadError, UploadSession, Writes,
};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;
use tokio::time::timeout;

/// The seed page whose request and response examples the PATCH test sends and answers.
const USER_UPDATE_PAGE: &str = include_str!("../../docs/api/user-update.md");
const TOKEN: &str = "loopback-token";
/// The bound on any one step: accepting, reading a request, a client call.
const STEP: Duration = Duration::from_secs(10);
/// The bound on a whole test.
const WHOLE_TEST: Duration = Duration::from_secs(60);
const MAX_HEAD: usize = 64 * 1024;
const MAX_BODY: usize = 1024 * 1024;

// ---------------------------------------------------------------------------------------------
// The docs' examples

/// The text of the code block that follows the annotation with `"blockType": "<block_type>"`.
fn example_block<'a>(page: &'a str, block_type: &str) -> &'a str {
    let marker = format!("\"blockType\": \"{block_type}\"");
    let annotation = page
        .find(&marker)
        .unwrap_or_else(|| panic!("no {marker} annotation in user-update.md"));
    let rest = &page[annotation..];
    let fence = rest.find("```").expect("a code block after the annotation");
    let rest = &rest[fence..];
    let content = &rest[rest.find('\n').expect("a fence line") + 1..];
    &content[..content.find("\n```").expect("a closing fence")]
}

/// The request example's body: what follows the first empty line of its HTTP block.
fn request_example() -> Value {
    let block = example_block(USER_UPDATE_PAGE, "request");
    let (_, body) = block
        .split_once("\n\n")
        .expect("an empty line between the request head and body");
    serde_json::from_str(body).expect("the request example body is JSON")
}

/// The response example's body. That block has no empty line after its headers, so the body
/// is taken from the first `{`.
fn response_example() -> Value {
    let block = example_block(USER_UPDATE_PAGE, "response");
    let body = &block[block
        .find('{')
        .expect("a JSON body in the response example")..];
    serde_json::from_str(body).expect("the response example body is JSON")
}

// ---------------------------------------------------------------------------------------------
// The loopback server

/// One request as the server read it; header names are lowercased.
#[derive(Debug)]
struct Received {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Received {
    /// The value of a header the request must carry exactly once.
    fn header(&self, name: &str) -> &str {
        let values: Vec<&str> = self
            .headers
            .iter()
            .filter(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
            .collect();
        match values[..] {
            [value] => value,
            _ => panic!("expected one {name} header, got {values:?}"),
        }
    }

    fn has_header(&self, name: &str) -> bool {
        self.headers.iter().any(|(key, _)| key == name)
    }

    fn json(&self) -> Value {
        serde_json::from_slice(&self.body).expect("the request body is JSON")
    }
}

struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: String,
    /// Read the request, then reset the connection instead of answering.
    reset: bool,
}

impl Reply {
    fn json(status: u16, body: impl ToString) -> Self {
        Reply {
            status,
            headers: vec![("Content-Type", "application/json".into())],
            body: body.to_string(),
            reset: false,
        }
    }

    /// No answer: the connection is reset (RST) once the request has been read.
    fn reset() -> Self {
        Reply {
            reset: true,
            ..Reply::json(0, "")
        }
    }

    fn with_header(mut self, name: &'static str, value: &str) -> Self {
        self.headers.push((name, value.into()));
        self
    }
}

struct Server {
    listener: TcpListener,
    origin: String,
}

impl Server {
    async fn bind() -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind 127.0.0.1 on an ephemeral port");
        let origin = format!("http://{}", listener.local_addr().unwrap());
        Server { listener, origin }
    }

    /// The base URL the client is given.
    fn base_url(&self) -> String {
        format!("{}/v1.0", self.origin)
    }

    /// Answers one request per reply, in order, one connection each, then stops and returns
    /// what it received. Panics (failing the test) if a client does not connect or send in
    /// time.
    fn serve(self, replies: Vec<Reply>) -> JoinHandle<Vec<Received>> {
        self.serve_waiting(replies, None)
    }

    /// As [`Server::serve`], but a request that does not come within `patience` ends the
    /// serving quietly: for tests that check a request is NOT sent (again).
    fn serve_patiently(self, replies: Vec<Reply>, patience: Duration) -> JoinHandle<Vec<Received>> {
        self.serve_waiting(replies, Some(patience))
    }

    /// Answers `count` requests, one connection each, with what `respond` makes of each (it
    /// sees every request, so it can keep state, as an upload session does).
    fn serve_with(
        self,
        count: usize,
        mut respond: impl FnMut(&Received) -> Reply + Send + 'static,
    ) -> JoinHandle<Vec<Received>> {
        tokio::spawn(async move {
            let mut received = Vec::new();
            for index in 0..count {
                let (stream, _) = timeout(STEP, self.listener.accept())
                    .await
                    .unwrap_or_else(|_| panic!("request {index} did not arrive in time"))
                    .expect("accept");
                let request = timeout(STEP, exchange(stream, &mut respond))
                    .await
                    .unwrap_or_else(|_| panic!("request {index} was not read in time"));
                received.push(request);
            }
            received
        })
    }

    fn serve_waiting(
        self,
        replies: Vec<Reply>,
        patience: Option<Duration>,
    ) -> JoinHandle<Vec<Received>> {
        tokio::spawn(async move {
            let mut received = Vec::new();
            for (index, reply) in replies.into_iter().enumerate() {
                let accepted = timeout(patience.unwrap_or(STEP), self.listener.accept()).await;
                if accepted.is_err() && patience.is_some() {
                    break;
                }
                let (stream, _) = accepted
                    .unwrap_or_else(|_| panic!("request {index} did not arrive in time"))
                    .expect("accept");
                let request = timeout(STEP, exchange(stream, |_| reply))
                    .await
                    .unwrap_or_else(|_| panic!("request {index} was not read in time"));
                received.push(request);
            }
            received
        })
    }
}

/// Reads one HTTP/1.1 request (head, then a `Content-Length` body) and writes the reply
/// `respond` makes of it.
async fn exchange(mut stream: TcpStream, respond: impl FnOnce(&Received) -> Reply) -> Received {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|window| window == b"\r\n\r\n") {
            break at;
        }
        assert!(buffer.len() <= MAX_HEAD, "request head too long");
        let read = stream.read(&mut chunk).await.expect("read the request");
        assert!(read > 0, "connection closed inside the request head");
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = std::str::from_utf8(&buffer[..head_end]).expect("an ASCII request head");
    let mut lines = head.split("\r\n");
    let request_line: Vec<&str> = lines.next().unwrap().split(' ').collect();
    let [method, target, "HTTP/1.1"] = request_line[..] else {
        panic!("not an HTTP/1.1 request line: {request_line:?}");
    };
    let headers: Vec<(String, String)> = lines
        .map(|line| {
            let (name, value) = line.split_once(':').expect("a `name: value` header");
            (name.trim().to_ascii_lowercase(), value.trim().to_owned())
        })
        .collect();
    let header = |name: &str| {
        headers
            .iter()
            .find(|(key, _)| key == name)
            .map(|(_, value)| value.as_str())
    };
    assert_eq!(
        header("transfer-encoding"),
        None,
        "only Content-Length bodies"
    );
    let length: usize = header("content-length").map_or(0, |value| value.parse().unwrap());
    assert!(length <= MAX_BODY, "request body too long");
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let read = stream
            .read(&mut chunk)
            .await
            .expect("read the request body");
        assert!(read > 0, "connection closed inside the request body");
        body.extend_from_slice(&chunk[..read]);
    }
    assert_eq!(body.len(), length, "bytes after the request body");

    let received = Received {
        method: method.to_owned(),
        target: target.to_owned(),
        headers,
        body,
    };
    let reply = respond(&received);
    if reply.reset {
        // SO_LINGER 0: closing sends RST, as a peer that crashed or a middlebox would.
        stream.set_zero_linger().expect("set SO_LINGER");
        drop(stream);
        return received;
    }
    let status = http::StatusCode::from_u16(reply.status).unwrap();
    let mut response = format!(
        "HTTP/1.1 {} {}\r\nContent-Length: {}\r\nConnection: close\r\n",
        status.as_u16(),
        status.canonical_reason().unwrap_or("Unknown"),
        reply.body.len()
    );
    for (name, value) in &reply.headers {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    response.push_str("\r\n");
    response.push_str(&reply.body);
    stream
        .write_all(response.as_bytes())
        .await
        .expect("write the response");
    stream.shutdown().await.expect("close the connection");
    received
}

// ---------------------------------------------------------------------------------------------
// Helpers

/// A client for `server` that never goes through a proxy from the environment.
fn client(server: &Server) -> Client {
    let http = Client::http_client_builder()
        .no_proxy()
        .timeout(STEP)
        .build()
        .expect("a reqwest client");
    Client::with_http_client(http, server.base_url(), StaticToken(TOKEN.into()))
}

/// Runs a client call, bounded by `STEP`.
async fn bounded<T>(call: impl Future<Output = T>) -> T {
    timeout(STEP, call)
        .await
        .expect("the client call finished in time")
}

/// Waits for the server to stop and returns what it received.
async fn finished(server: JoinHandle<Vec<Received>>) -> Vec<Received> {
    timeout(STEP, server)
        .await
        .expect("the server stopped in time")
        .expect("the server did not panic")
}

/// Runs a whole test, bounded by `WHOLE_TEST`.
async fn whole_test(test: impl Future<Output = ()>) {
    timeout(WHOLE_TEST, test)
        .await
        .expect("the test finished in time");
}

const USER_ID: &str = "ada lovelace/x@contoso.com";
const ENCODED_USER_PATH: &str = "/v1.0/users/ada%20lovelace%2Fx%40contoso.com";

fn update_user() -> Request<User, Option<User>, Writes> {
    let body: User = serde_json::from_value(request_example()).expect("the example fits User");
    Graph::users().by_id(USER_ID).update(body)
}

fn assert_sent_the_update(received: &Received) {
    assert_eq!(received.method, "PATCH");
    assert_eq!(received.target, ENCODED_USER_PATH);
    assert_eq!(received.header("content-type"), "application/json");
    assert_eq!(received.header("authorization"), format!("Bearer {TOKEN}"));
    assert_eq!(received.json(), request_example());
}

// ---------------------------------------------------------------------------------------------
// Tests

#[tokio::test]
async fn patch_user_sends_the_doc_example_and_reads_the_doc_response() {
    whole_test(async {
        let server = Server::bind().await;
        let client = client(&server);
        let server = server.serve(vec![Reply::json(200, response_example())]);

        let result = bounded(client.send(&update_user())).await;
        let received = finished(server).await;

        assert_eq!(received.len(), 1);
        assert_sent_the_update(&received[0]);
        let response = result.expect("the PATCH succeeds");
        assert_eq!(response.status, http::StatusCode::OK);
        let user = response.body.expect("a 200 carries the user");
        let expected: User =
            serde_json::from_value(response_example()).expect("the response example fits User");
        assert_eq!(user, expected);
        assert_eq!(serde_json::to_value(&user).unwrap(), response_example());
        assert_eq!(
            user.id.value().map(String::as_str),
            Some("b1872668-2668-b187-6826-87b1682687b1")
        );
    })
    .await;
}

#[tokio::test]
async fn a_graph_error_body_becomes_a_typed_error() {
    whole_test(async {
        let server = Server::bind().await;
        let client = client(&server);
        let not_found = json!({"error": {
            "code": "Request_ResourceNotFound",
            "message": "Resource 'ada lovelace/x@contoso.com' does not exist.",
            "target": "id",
            "details": [{"code": "NotFound", "message": "No such user.", "target": "id"}],
            "innerError": {
                "request-id": "5a9b1bd0-0ad5-4ac4-9c3f-3a1d1d0e1c2a",
                "date": "2024-05-01T10:20:30"
            }
        }});
        let server = server.serve(vec![
            Reply::json(404, &not_found).with_header("client-request-id", "7f0e-client")
        ]);

        let result = bounded(client.send(&update_user())).await;
        let received = finished(server).await;

        assert_eq!(received.len(), 1, "a 404 is not retried");
        assert_sent_the_update(&received[0]);
        let error = result.expect_err("a 404 is an error");
        assert!(
            matches!(&error, ClientError::Response(ResponseError::Graph(_))),
            "{error:?}"
        );
        assert_eq!(error.status(), Some(http::StatusCode::NOT_FOUND));
        let graph = error.graph_error().expect("a Graph error");
        assert_eq!(graph.status, http::StatusCode::NOT_FOUND);
        assert_eq!(graph.code.as_deref(), Some("Request_ResourceNotFound"));
        assert_eq!(
            graph.message.as_deref(),
            Some("Resource 'ada lovelace/x@contoso.com' does not exist.")
        );
        assert_eq!(
            graph.request_id.as_deref(),
            Some("5a9b1bd0-0ad5-4ac4-9c3f-3a1d1d0e1c2a")
        );
        assert_eq!(graph.target.as_deref(), Some("id"));
        assert_eq!(graph.details.len(), 1);
        assert_eq!(graph.details[0].code.as_deref(), Some("NotFound"));
        assert_eq!(graph.details[0].target.as_deref(), Some("id"));
        let inner = graph.inner_error.as_ref().expect("an innerError");
        assert_eq!(inner.date.as_deref(), Some("2024-05-01T10:20:30"));
        // Only the header carries the client request id here.
        assert_eq!(inner.client_request_id, None);
        assert_eq!(graph.client_request_id.as_deref(), Some("7f0e-client"));
        assert_eq!(
            serde_json::from_slice::<Value>(&graph.body).unwrap(),
            not_found
        );
        assert!(error.to_string().contains("404"), "{error}");
    })
    .await;
}

#[tokio::test]
async fn a_throttled_request_is_retried_after_retry_after() {
    whole_test(async {
        let server = Server::bind().await;
        let client = client(&server);
        let throttled = json!({"error": {
            "code": "TooManyRequests",
            "message": "Too many requests.",
            "innerError": {"request-id": "throttled-1", "date": "2024-05-01T10:20:30"}
        }});
        let server = server.serve(vec![
            Reply::json(429, throttled).with_header("Retry-After", "1"),
            Reply::json(200, response_example()),
        ]);

        let started = Instant::now();
        let result = bounded(client.send(&update_user())).await;
        let waited = started.elapsed();
        let received = finished(server).await;

        assert_eq!(received.len(), 2, "one 429, then one retry");
        for request in &received {
            assert_sent_the_update(request);
        }
        let user = result.expect("the retry succeeds").body;
        assert_eq!(serde_json::to_value(&user).unwrap(), response_example());
        assert!(
            waited >= Duration::from_millis(950),
            "Retry-After: 1 was not honoured, retried after {waited:?}"
        );
    })
    .await;
}

/// A GET of `path` whose response reads as `R`, as a generated request for a collection, a
/// delta function or media content is typed.
struct Get<R> {
    path: &'static str,
    response: std::marker::PhantomData<fn() -> R>,
}

impl<R> Get<R> {
    const fn new(path: &'static str) -> Self {
        Get {
            path,
            response: std::marker::PhantomData,
        }
    }
}

impl<R: ResponseBody> GraphRequest for Get<R> {
    type Body = NoBody;
    type Response = R;

    fn method(&self) -> http::Method {
        http::Method::GET
    }

    fn path(&self) -> &str {
        self.path
    }

    fn body(&self) -> Option<&NoBody> {
        None
    }
}

/// `GET /users?$select=id,displayName`, a collection.
const LIST_USERS: Get<Collection<User>> = Get::new("/users?$select=id,displayName");

#[tokio::test]
async fn a_two_page_collection_is_followed_to_its_end() {
    whole_test(async {
        let server = Server::bind().await;
        let client = client(&server);
        let next_link = format!(
            "{}/v1.0/users?$select=id,displayName&$skiptoken=X%27p2%27",
            server.origin
        );
        let first_page = json!({
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(id,displayName)",
            "@odata.nextLink": next_link,
            "value": [
                {"id": "1", "displayName": "Adele"},
                {"id": "2", "displayName": "Alex"}
            ]
        });
        let last_page = json!({
            "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users(id,displayName)",
            "value": [{"id": "3", "displayName": "Allan"}]
        });
        let server = server.serve(vec![
            Reply::json(200, first_page),
            Reply::json(200, last_page),
        ]);

        // The stream owns what it needs (Send + 'static), so it can run on another task.
        let items = tokio::spawn(client.items(LIST_USERS).try_collect::<Vec<User>>());
        let result = bounded(items)
            .await
            .expect("the collecting task did not panic");
        let received = finished(server).await;

        assert_eq!(received.len(), 2, "two pages, two requests");
        assert_eq!(received[0].target, "/v1.0/users?$select=id,displayName");
        // The next link is followed as it is, query string and encoding included.
        assert_eq!(
            received[1].target,
            "/v1.0/users?$select=id,displayName&$skiptoken=X%27p2%27"
        );
        for request in &received {
            assert_eq!(request.method, "GET");
            assert_eq!(request.header("authorization"), format!("Bearer {TOKEN}"));
            assert!(!request.has_header("content-type"), "a GET has no body");
            assert!(request.body.is_empty());
        }
        let users = result.expect("both pages arrive");
        let seen: Vec<(Option<&str>, Option<&str>)> = users
            .iter()
            .map(|user| (user.id.as_deref(), user.display_name.as_deref()))
            .collect();
        assert_eq!(
            seen,
            [
                (Some("1"), Some("Adele")),
                (Some("2"), Some("Alex")),
                (Some("3"), Some("Allan"))
            ]
        );
    })
    .await;
}

#[tokio::test]
async fn pages_keep_their_page_members_and_stop_after_an_error() {
    whole_test(async {
        let server = Server::bind().await;
        let client = client(&server);
        let next_link = format!("{}/v1.0/users?$skiptoken=2", server.origin);
        let first_page =
            json!({"@odata.count": 3, "@odata.nextLink": next_link, "value": [{"id": "1"}]});
        let failure = json!({"error": {"code": "InternalServerError", "message": "boom"}});
        let server = server.serve(vec![
            Reply::json(200, first_page),
            Reply::json(500, failure),
        ]);

        let pages: Vec<Result<Collection<User>, ClientError>> =
            bounded(futures_util::StreamExt::collect(client.pages(LIST_USERS))).await;
        let received = finished(server).await;

        assert_eq!(received.len(), 2, "a 500 is not retried");
        assert_eq!(pages.len(), 2, "the stream ends after the error");
        let first = pages[0].as_ref().expect("the first page arrives");
        assert_eq!(first.value.len(), 1);
        assert_eq!(first.next_link.as_deref(), Some(next_link.as_str()));
        assert_eq!(first.additional["@odata.count"], json!(3));
        let error = pages[1].as_ref().expect_err("the second page fails");
        let graph = error.graph_error().expect("a Graph error");
        assert_eq!(graph.status, http::StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(graph.code.as_deref(), Some("InternalServerError"));
    })
    .await;
}

#[tokio::test]
async fn a_204_update_is_success_and_its_headers_are_read() {
    whole_test(async {
        let server = Server::bind().await;
        let client = client(&server);
        let mut no_content = Reply::json(204, "");
        no_content.headers.clear();
        let server = server.serve(vec![no_content
            .with_header("ETag", "W/\"J0fIk7Sd7k2E\"")
            .with_header("Location", "https://graph.microsoft.com/v1.0/users/1")
            .with_header("request-id", "4b2f-update")]);

        let result = bounded(client.send(&update_user())).await;
        let received = finished(server).await;

        assert_eq!(received.len(), 1);
        assert_sent_the_update(&received[0]);
        let response = result.expect("a 204 is success for an update");
        assert_eq!(response.status, http::StatusCode::NO_CONTENT);
        assert_eq!(response.body, None, "nothing to read");
        assert_eq!(response.etag(), Some("W/\"J0fIk7Sd7k2E\""));
        assert_eq!(
            response.location(),
            Some("https://graph.microsoft.com/v1.0/users/1")
        );
        assert_eq!(response.request_id(), Some("4b2f-update"));
    })
    .await;
}

#[tokio::test]
async fn a_download_reads_the_bytes_as_they_are() {
    whole_test(async {
        let server = Server::bind().await;
        let client = client(&server);
        // Not JSON, not text: a JPEG's first bytes (as the UTF-8 the test server writes).
        let jpeg = "\u{7f}JFIF\u{0}\u{1}{\"not\": json";
        let mut reply = Reply::json(200, jpeg);
        reply.headers = vec![("Content-Type", "image/jpeg".into())];
        let server = server.serve(vec![reply]);

        let result = bounded(client.send(&Get::<Bytes>::new("/me/photo/$value"))).await;
        let received = finished(server).await;

        assert_eq!(received[0].target, "/v1.0/me/photo/$value");
        let response = result.expect("the download succeeds");
        assert_eq!(response.header("content-type"), Some("image/jpeg"));
        assert_eq!(response.body, Bytes(jpeg.as_bytes().to_vec()));
    })
    .await;
}

#[tokio::test]
async fn a_streamed_download_yields_every_byte_and_a_failed_one_the_graph_error() {
    whole_test(async {
        let server = Server::bind().await;
        let client = client(&server);
        // Large enough to arrive in several chunks.
        let content: String = (0..200_000).map(|i| char::from(b'a' + (i % 26) as u8)).collect();
        let mut reply = Reply::json(200, &content);
        reply.headers = vec![("Content-Type", "application/octet-stream".into())];
        let mut missing = Reply::json(
            404,
            json!({"error": {"code": "itemNotFound", "message": "The resource could not be found."}}),
        );
        missing.headers.push(("request-id", "4b2f-missing".into()));
        let server = server.serve(vec![reply, missing]);

        // The seed docs document no download: a hand-built `Bytes` request stands in.
        let download = Get::<Bytes>::new("/me/drive/items/01ABC/content");
        let streamed = bounded(async {
            let download = client.download(&download).await?;
            assert_eq!(download.header("content-type"), Some("application/octet-stream"));
            // Polled as it is: the stream is `Unpin`.
            let mut chunks = download.into_stream();
            let mut all = Vec::new();
            while let Some(chunk) = chunks.try_next().await? {
                all.extend_from_slice(&chunk);
            }
            Ok::<_, ClientError>(all)
        })
        .await;
        let failed = bounded(client.download(&download)).await;
        let received = finished(server).await;

        assert_eq!(received.len(), 2);
        assert_eq!(received[0].target, "/v1.0/me/drive/items/01ABC/content");
        assert_eq!(streamed.expect("the download succeeds"), content.as_bytes());
        let error = failed.expect_err("a 404 is an error");
        assert_eq!(error.status(), Some(http::StatusCode::NOT_FOUND));
        assert_eq!(
            error.graph_error().and_then(|e| e.code.as_deref()),
            Some("itemNotFound")
        );
    })
    .await;
}

#[tokio::test]
async fn a_delta_round_pages_to_its_delta_link_and_the_next_round_starts_there() {
    whole_test(async {
        let server = Server::bind().await;
        let client = client(&server);
        let next_link = format!("{}/v1.0/users/delta?$skiptoken=p2", server.origin);
        let delta_link = format!("{}/v1.0/users/delta?$deltatoken=d1", server.origin);
        let next_delta_link = format!("{}/v1.0/users/delta?$deltatoken=d2", server.origin);
        let server = server.serve(vec![
            Reply::json(
                200,
                json!({"@odata.nextLink": next_link, "value": [{"id": "1"}, {"id": "2"}]}),
            ),
            Reply::json(
                200,
                json!({"@odata.deltaLink": delta_link, "value": [{"id": "3"}]}),
            ),
            Reply::json(
                200,
                json!({"@odata.deltaLink": next_delta_link, "value": []}),
            ),
        ]);

        let first = bounded(client.delta(Get::<Collection<User>>::new("/users/delta")))
            .await
            .expect("the first round");
        let link = first
            .delta_link
            .clone()
            .expect("a round ends with a delta link");
        let second = bounded(client.delta_from::<User>(&link))
            .await
            .expect("the next round");
        let received = finished(server).await;

        let ids: Vec<Option<&str>> = first.items.iter().map(|u| u.id.as_deref()).collect();
        assert_eq!(ids, [Some("1"), Some("2"), Some("3")]);
        assert_eq!(link, delta_link);
        assert!(second.items.is_empty(), "nothing changed since");
        assert_eq!(second.delta_link.as_deref(), Some(next_delta_link.as_str()));
        let targets: Vec<&str> = received.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(
            targets,
            [
                "/v1.0/users/delta",
                "/v1.0/users/delta?$skiptoken=p2",
                "/v1.0/users/delta?$deltatoken=d1"
            ]
        );
    })
    .await;
}

const GROUP_ID: &str = "02bd9fd6-8f93-4758-87c3-1fb73740a315";

/// `GET /groups/{id}/members?$count=true`, an advanced query: it needs `ConsistencyLevel:
/// eventual` on every page, and asks for two preferences.
fn count_group_members() -> Request<NoBody, Collection<Value>, ReadsCollection> {
    let list: Request<NoBody, Collection<Value>, ReadsCollection> = UrlPath::root("/groups")
        .key(GROUP_ID)
        .push("/members")
        .request(http::Method::GET);
    list.count(true)
        .consistency_level_eventual()
        .prefer("odata.maxpagesize=1")
        .include_unknown_enum_members()
}

/// What every page of `count_group_members` must carry: its headers, and one `Authorization`,
/// the client's.
fn assert_sent_the_advanced_query_headers(request: &Received) {
    assert_eq!(request.method, "GET");
    assert_eq!(request.header("consistencylevel"), "eventual");
    assert_eq!(
        request.header("prefer"),
        "odata.maxpagesize=1, include-unknown-enum-members"
    );
    assert_eq!(request.header("authorization"), format!("Bearer {TOKEN}"));
    assert!(!request.has_header("content-type"), "a GET has no body");
}

#[tokio::test]
async fn the_first_requests_headers_are_sent_with_every_page() {
    whole_test(async {
        let server = Server::bind().await;
        let client = client(&server);
        let next_link = format!(
            "{}/v1.0/groups/{GROUP_ID}/members?$count=true&$skiptoken=RFNwdAIAAQAAAA",
            server.origin
        );
        let server = server.serve(vec![
            Reply::json(
                200,
                json!({"@odata.count": 2, "@odata.nextLink": next_link, "value": [{"id": "a"}]}),
            ),
            Reply::json(200, json!({"@odata.count": 2, "value": [{"id": "b"}]})),
        ]);

        // No `pin!` and no `Box::pin`: the stream is `Unpin`, or this would not compile.
        let mut members = client.items(count_group_members());
        let mut ids = Vec::new();
        while let Some(member) = bounded(members.try_next())
            .await
            .expect("both pages arrive")
        {
            ids.push(member["id"].clone());
        }
        let received = finished(server).await;

        assert_eq!(ids, [json!("a"), json!("b")]);
        assert_eq!(received.len(), 2);
        assert_eq!(
            received[0].target,
            format!("/v1.0/groups/{GROUP_ID}/members?$count=true")
        );
        assert_eq!(
            received[1].target,
            format!("/v1.0/groups/{GROUP_ID}/members?$count=true&$skiptoken=RFNwdAIAAQAAAA")
        );
        for request in &received {
            assert_sent_the_advanced_query_headers(request);
        }
    })
    .await;
}

#[tokio::test]
async fn every_page_of_a_delta_round_and_of_the_next_carries_the_headers() {
    whole_test(async {
        let server = Server::bind().await;
        let client = client(&server);
        let next_link = format!("{}/v1.0/users/delta?$skiptoken=p2", server.origin);
        let delta_link = format!("{}/v1.0/users/delta?$deltatoken=d1", server.origin);
        let server = server.serve(vec![
            Reply::json(
                200,
                json!({"@odata.nextLink": next_link, "value": [{"id": "1"}]}),
            ),
            Reply::json(200, json!({"@odata.deltaLink": delta_link, "value": []})),
            Reply::json(
                200,
                json!({"@odata.deltaLink": delta_link, "value": [{"id": "2"}]}),
            ),
        ]);

        let first: Request<NoBody, Collection<User>, ReadsCollection> =
            UrlPath::root("/users/delta").request(http::Method::GET);
        let first = first.prefer("return=minimal");
        // The options of the first round, with an `Authorization` and a `Content-Type` of the
        // caller's that no page may carry.
        let mut options = first.options().expect("a request has options").clone();
        options.set_header("Authorization", "Bearer not-the-clients");
        options.set_header("Content-Type", "application/json");

        let round = bounded(client.delta(first)).await.expect("the first round");
        let link = round.delta_link.expect("a round ends with a delta link");
        let next = bounded(client.delta_from_with::<User>(&link, &options))
            .await
            .expect("the next round");
        let received = finished(server).await;

        assert_eq!(round.items.len(), 1);
        assert_eq!(next.items.len(), 1);
        let targets: Vec<&str> = received.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(
            targets,
            [
                "/v1.0/users/delta",
                "/v1.0/users/delta?$skiptoken=p2",
                "/v1.0/users/delta?$deltatoken=d1"
            ]
        );
        for request in &received {
            assert_eq!(request.header("prefer"), "return=minimal");
            assert_eq!(request.header("authorization"), format!("Bearer {TOKEN}"));
            assert!(!request.has_header("content-type"));
        }
    })
    .await;
}

#[tokio::test]
async fn a_page_fetched_by_link_alone_carries_no_header_of_the_first() {
    whole_test(async {
        let server = Server::bind().await;
        let client = client(&server);
        let link = format!(
            "{}/v1.0/groups/{GROUP_ID}/members?$skiptoken=x",
            server.origin
        );
        let page = json!({"value": [{"id": "b"}]});
        let server = server.serve(vec![Reply::json(200, &page), Reply::json(200, &page)]);

        let bare = bounded(client.next_page::<Value>(&link)).await;
        let options = count_group_members()
            .options()
            .expect("a request has options")
            .clone();
        let with = bounded(client.next_page_with::<Value>(&link, &options)).await;
        let received = finished(server).await;

        assert_eq!(bare.expect("the bare page").value, [json!({"id": "b"})]);
        assert_eq!(with.expect("the page with headers").value.len(), 1);
        assert!(!received[0].has_header("consistencylevel"));
        assert!(!received[0].has_header("prefer"));
        assert_sent_the_advanced_query_headers(&received[1]);
    })
    .await;
}

/// The paging streams can be moved to another task and polled without pinning (a download's
/// stream is polled unpinned in the streamed download test).
#[test]
fn the_streams_are_unpin_and_send() {
    fn unpin_and_send<S: Unpin + Send + 'static>(_: &S) {}
    let client = Client::new(
        "https://graph.microsoft.com/v1.0",
        StaticToken(TOKEN.into()),
    );
    unpin_and_send(&client.pages(count_group_members()));
    unpin_and_send(&client.items(count_group_members()));
}

#[tokio::test]
async fn an_empty_id_is_refused_before_any_request() {
    whole_test(async {
        let server = Server::bind().await;
        let client = client(&server);
        let server = server.serve(Vec::new());

        let request = Graph::users().by_id("").update(User::default());
        let result = bounded(client.send(&request)).await;
        let received = finished(server).await;

        assert!(received.is_empty(), "nothing was sent");
        let error = result.expect_err("an empty id is refused");
        assert!(
            matches!(
                &error,
                ClientError::Request(RequestError::EmptyParameter { position: 0, .. })
            ),
            "{error:?}"
        );
        assert!(error.to_string().contains("empty"), "{error}");
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Surviving the network

/// A client for `server` that retries quickly: 10 ms, then 20 ms, … without `Retry-After`.
fn quick_retrying_client(server: &Server) -> Client {
    client(server).with_retry_policy(RetryPolicy {
        max_retries: 3,
        max_wait: Duration::from_secs(2),
        fallback_wait: Duration::from_millis(10),
        max_elapsed: Duration::from_secs(5),
    })
}

fn get_user() -> Request<NoBody, Value, Writes> {
    UrlPath::root("/users").key("1").request(http::Method::GET)
}

#[tokio::test]
async fn a_503_then_a_504_then_a_200_succeeds_with_one_client_request_id() {
    whole_test(async {
        let server = Server::bind().await;
        let seen_requests = Arc::new(Mutex::new(Vec::new()));
        let seen_responses = Arc::new(Mutex::new(Vec::new()));
        let (requests_log, responses_log) = (seen_requests.clone(), seen_responses.clone());
        let client = quick_retrying_client(&server)
            .on_request(move |parts| {
                let id = parts.headers.get("client-request-id").cloned();
                let has_token = parts.headers.contains_key("authorization");
                requests_log
                    .lock()
                    .unwrap()
                    .push((parts.method.clone(), id, has_token));
            })
            .on_response(move |status, _headers, elapsed| {
                responses_log.lock().unwrap().push((*status, elapsed));
            });
        let unavailable = json!({"error": {"code": "serviceNotAvailable", "message": "later"}});
        let server = server.serve(vec![
            Reply::json(503, &unavailable).with_header("Retry-After", "0"),
            Reply::json(504, &unavailable),
            Reply::json(200, json!({"id": "1"})),
        ]);

        let result = bounded(client.send(&get_user())).await;
        let received = finished(server).await;

        assert_eq!(
            result.expect("the third attempt succeeds").body,
            json!({"id": "1"})
        );
        assert_eq!(received.len(), 3);
        let id = received[0].header("client-request-id").to_owned();
        let uuid = uuid::Uuid::parse_str(&id).expect("a UUID");
        assert_eq!(uuid.get_version_num(), 4);
        for request in &received {
            assert_eq!(request.target, "/v1.0/users/1");
            assert_eq!(
                request.header("client-request-id"),
                id,
                "one id for every attempt"
            );
            assert_eq!(request.header("authorization"), format!("Bearer {TOKEN}"));
        }
        let requests = seen_requests.lock().unwrap();
        assert_eq!(requests.len(), 3, "the hook sees every attempt");
        for (method, hooked_id, has_token) in requests.iter() {
            assert_eq!(method, http::Method::GET);
            assert_eq!(hooked_id.as_ref().unwrap(), id.as_str());
            assert!(!has_token, "the hook never sees the token");
        }
        let statuses: Vec<u16> = seen_responses
            .lock()
            .unwrap()
            .iter()
            .map(|(s, _)| s.as_u16())
            .collect();
        assert_eq!(statuses, [503, 504, 200]);
    })
    .await;
}

#[tokio::test]
async fn a_callers_client_request_id_is_kept() {
    whole_test(async {
        let server = Server::bind().await;
        let client = client(&server);
        let server = server.serve(vec![Reply::json(200, json!({"id": "1"}))]);

        let request = get_user().header("client-request-id", "caller-chosen");
        bounded(client.send(&request)).await.expect("a 200");
        let received = finished(server).await;

        assert_eq!(received[0].header("client-request-id"), "caller-chosen");
    })
    .await;
}

#[tokio::test]
async fn a_post_answered_by_a_connection_reset_is_not_retried() {
    whole_test(async {
        let server = Server::bind().await;
        let client = quick_retrying_client(&server);
        // A second reply is there for a retry to take; none must come.
        let server = server.serve_patiently(
            vec![Reply::reset(), Reply::json(201, json!({"id": "2"}))],
            Duration::from_secs(1),
        );

        let create: Request<Value, Value, Writes> = UrlPath::root("/users")
            .request(http::Method::POST)
            .with_body(json!({"displayName": "Ada"}));
        let result = bounded(client.send(&create)).await;
        let received = finished(server).await;

        assert_eq!(received.len(), 1, "a POST is never sent twice");
        let error = result.expect_err("the reset is the answer");
        assert!(matches!(error, ClientError::Transport(_)), "{error:?}");
    })
    .await;
}

#[tokio::test]
async fn a_get_answered_by_a_connection_reset_is_retried() {
    whole_test(async {
        let server = Server::bind().await;
        let client = quick_retrying_client(&server);
        let server = server.serve(vec![Reply::reset(), Reply::json(200, json!({"id": "1"}))]);

        let result = bounded(client.send(&get_user())).await;
        let received = finished(server).await;

        assert_eq!(received.len(), 2);
        assert_eq!(result.expect("the retry succeeds").body, json!({"id": "1"}));
    })
    .await;
}

#[tokio::test]
async fn a_slow_answer_times_out_and_a_post_is_not_retried() {
    whole_test(async {
        let server = Server::bind().await;
        let http = Client::http_client_builder().no_proxy().build().unwrap();
        let client = Client::with_http_client(http, server.base_url(), StaticToken(TOKEN.into()))
            .with_timeout(Some(Duration::from_millis(300)));
        // Accepts and reads the request, then answers nothing; reports whether another
        // connection (a retry) came within a second after.
        let listener = server.listener;
        let holder = tokio::spawn(async move {
            let (mut stream, _) = timeout(STEP, listener.accept())
                .await
                .expect("the POST arrives")
                .expect("accept");
            let mut buffer = [0u8; 4096];
            let _ = stream.read(&mut buffer).await;
            let again = timeout(Duration::from_secs(1), listener.accept()).await;
            drop(stream);
            again.is_ok()
        });

        let create: Request<Value, Value, Writes> = UrlPath::root("/users")
            .request(http::Method::POST)
            .with_body(json!({}));
        let started = Instant::now();
        let result = bounded(client.send(&create)).await;
        let elapsed = started.elapsed();
        let retried = bounded(holder).await.expect("the holder did not panic");

        match result.expect_err("no answer in time") {
            ClientError::Transport(error) => assert!(error.is_timeout(), "{error}"),
            other => panic!("{other:?}"),
        }
        assert!(!retried, "a POST that timed out is not sent again");
        assert!(
            elapsed < Duration::from_secs(3),
            "bounded by the timeout: {elapsed:?}"
        );
    })
    .await;
}

#[tokio::test]
async fn a_redirect_to_another_origin_does_not_carry_the_token() {
    whole_test(async {
        let here = Server::bind().await;
        let elsewhere = Server::bind().await;
        let target = format!("{}/elsewhere/photo", elsewhere.origin);
        let client = client(&here);
        let here = here.serve(vec![Reply::json(307, "").with_header("Location", &target)]);
        let elsewhere = elsewhere.serve(vec![Reply::json(200, json!({"ok": true}))]);

        let result = bounded(client.send(&get_user())).await;
        let first = finished(here).await;
        let second = finished(elsewhere).await;

        assert_eq!(
            result.expect("the redirect is followed").body,
            json!({"ok": true})
        );
        assert_eq!(first[0].header("authorization"), format!("Bearer {TOKEN}"));
        assert_eq!(second[0].target, "/elsewhere/photo");
        assert!(
            !second[0].has_header("authorization"),
            "another port is another origin: no token"
        );
    })
    .await;
}

#[tokio::test]
async fn a_redirect_to_another_host_on_the_same_port_does_not_carry_the_token() {
    whole_test(async {
        // One listener, reached first as 127.0.0.1 and then, after a 302, as localhost: only
        // the host differs, so that is what keeps the token back (reqwest compares scheme,
        // host and port, and drops Authorization and cookies when any differs).
        let server = Server::bind().await;
        let port = server.listener.local_addr().unwrap().port();
        let target = format!("http://localhost:{port}/v1.0/users/1");
        let client = client(&server);
        let server = server.serve(vec![
            Reply::json(302, "").with_header("Location", &target),
            Reply::json(200, json!({"id": "1"})),
        ]);

        let result = bounded(client.send(&get_user())).await;
        let received = finished(server).await;

        assert_eq!(
            result.expect("the redirect is followed").body,
            json!({"id": "1"})
        );
        assert_eq!(received.len(), 2);
        assert_eq!(received[0].header("host"), format!("127.0.0.1:{port}"));
        assert_eq!(
            received[0].header("authorization"),
            format!("Bearer {TOKEN}")
        );
        assert_eq!(received[1].header("host"), format!("localhost:{port}"));
        assert_eq!(received[1].target, "/v1.0/users/1");
        assert!(
            !received[1].has_header("authorization"),
            "another host: no token"
        );
    })
    .await;
}

#[tokio::test]
async fn a_redirect_to_another_host_and_port_does_not_carry_the_token() {
    whole_test(async {
        let here = Server::bind().await;
        let elsewhere = Server::bind().await;
        let port = elsewhere.listener.local_addr().unwrap().port();
        let target = format!("http://localhost:{port}/photo");
        let client = client(&here);
        let here = here.serve(vec![Reply::json(302, "").with_header("Location", &target)]);
        let elsewhere = elsewhere.serve(vec![Reply::json(200, json!({"ok": true}))]);

        let result = bounded(client.send(&get_user())).await;
        let first = finished(here).await;
        let second = finished(elsewhere).await;

        assert_eq!(
            result.expect("the redirect is followed").body,
            json!({"ok": true})
        );
        assert_eq!(first[0].header("authorization"), format!("Bearer {TOKEN}"));
        assert_eq!(second[0].header("host"), format!("localhost:{port}"));
        assert!(!second[0].has_header("authorization"), "no token elsewhere");
    })
    .await;
}

#[tokio::test]
async fn a_redirect_within_the_origin_keeps_the_token() {
    whole_test(async {
        let server = Server::bind().await;
        let absolute = format!("{}/v1.0/users/3", server.origin);
        let client = client(&server);
        // A relative Location, then an absolute one to the same scheme, host and port.
        let server = server.serve(vec![
            Reply::json(302, "").with_header("Location", "/v1.0/users/2"),
            Reply::json(302, "").with_header("Location", &absolute),
            Reply::json(200, json!({"id": "3"})),
        ]);

        let result = bounded(client.send(&get_user())).await;
        let received = finished(server).await;

        assert_eq!(
            result.expect("the redirects are followed").body,
            json!({"id": "3"})
        );
        let targets: Vec<&str> = received.iter().map(|r| r.target.as_str()).collect();
        assert_eq!(targets, ["/v1.0/users/1", "/v1.0/users/2", "/v1.0/users/3"]);
        for request in &received {
            assert_eq!(request.method, "GET");
            assert_eq!(request.header("authorization"), format!("Bearer {TOKEN}"));
        }
    })
    .await;
}

#[tokio::test]
async fn a_cached_token_is_fetched_once_for_several_requests() {
    whole_test(async {
        let server = Server::bind().await;
        let fetches = Arc::new(AtomicUsize::new(0));
        let counter = fetches.clone();
        let tokens = CachedToken::new(move || {
            let n = counter.fetch_add(1, Ordering::SeqCst) + 1;
            let expires_at = SystemTime::now() + Duration::from_secs(3600);
            async move { Ok::<_, TokenError>(ExpiringToken::new(format!("cached-{n}"), expires_at)) }
        });
        let http = Client::http_client_builder()
            .no_proxy()
            .timeout(STEP)
            .build()
            .expect("a reqwest client");
        let client = Client::with_http_client(http, server.base_url(), tokens);
        let server = server.serve(vec![
            Reply::json(200, json!({"id": "1"})),
            Reply::json(200, json!({"id": "1"})),
            Reply::json(200, json!({"id": "1"})),
        ]);

        for _ in 0..3 {
            bounded(client.send(&get_user())).await.expect("a 200");
        }
        let received = finished(server).await;

        assert_eq!(fetches.load(Ordering::SeqCst), 1);
        for request in &received {
            assert_eq!(request.header("authorization"), "Bearer cached-1");
        }
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Batching

#[tokio::test]
async fn a_throttled_batch_step_is_sent_again_alone_and_every_step_answered_once() {
    whole_test(async {
        let server = Server::bind().await;
        let client = quick_retrying_client(&server);
        let first_answer = json!({"responses": [
            {"id": "2", "status": 404, "headers": {"Content-Type": "application/json"},
             "body": {"error": {"code": "Request_ResourceNotFound", "message": "No user 2."}}},
            {"id": "3", "status": 429,
             "headers": {"Content-Type": "application/json", "Retry-After": "1"},
             "body": {"error": {"code": "TooManyRequests", "message": "Slow down."}}},
            {"id": "1", "status": 200, "headers": {"Content-Type": "application/json"},
             "body": {"id": "1"}}
        ]});
        let second_answer = json!({"responses": [
            {"id": "3", "status": 200, "headers": {"Content-Type": "application/json"},
             "body": {"id": "3"}}
        ]});
        let server = server.serve(vec![
            Reply::json(200, first_answer),
            Reply::json(200, second_answer),
        ]);

        let user = |id: &str| -> Request<NoBody, Value, Writes> {
            UrlPath::root("/users").key(id).request(http::Method::GET)
        };
        let mut batch = Batch::new();
        let one = batch.add(&user("1")).unwrap();
        let two = batch.add(&user("2")).unwrap();
        let three = batch.add(&user("3")).unwrap();
        let started = Instant::now();
        let result = bounded(client.send_batch(&batch.requests().unwrap())).await;
        let waited = started.elapsed();
        let received = finished(server).await;

        assert_eq!(received.len(), 2);
        for request in &received {
            assert_eq!(request.method, "POST");
            assert_eq!(request.target, "/v1.0/$batch");
        }
        let ids = |request: &Received| -> Vec<String> {
            request.json()["requests"]
                .as_array()
                .unwrap()
                .iter()
                .map(|step| step["id"].as_str().unwrap().to_owned())
                .collect()
        };
        assert_eq!(ids(&received[0]), ["1", "2", "3"]);
        assert_eq!(ids(&received[1]), ["3"], "only the throttled step again");
        assert_eq!(received[1].json()["requests"][0]["url"], "/users/3");
        assert!(
            waited >= Duration::from_millis(950),
            "Retry-After: 1, waited {waited:?}"
        );

        let answers = result.expect("both batches answered");
        let answered: Vec<(&str, u16)> = answers
            .responses
            .iter()
            .map(|answer| (answer.id.as_str(), answer.status.as_u16()))
            .collect();
        assert_eq!(
            answered,
            [("1", 200), ("2", 404), ("3", 200)],
            "each step once"
        );
        assert_eq!(
            answers.read(&one).unwrap().unwrap().body,
            json!({"id": "1"})
        );
        let missing = answers.read(&two).unwrap().unwrap_err();
        assert_eq!(missing.status(), 404);
        assert_eq!(
            answers.read(&three).unwrap().unwrap().body,
            json!({"id": "3"})
        );
    })
    .await;
}

// ---------------------------------------------------------------------------------------------
// Large-file upload

#[derive(Debug, PartialEq, serde::Deserialize)]
struct DriveItem {
    id: String,
    name: String,
    size: u64,
}

/// `bytes a-b/total` as (a, b).
fn content_range(request: &Received) -> (usize, usize) {
    let value = request.header("content-range");
    let range = value.strip_prefix("bytes ").expect("bytes a-b/total");
    let (range, _) = range.split_once('/').expect("a total");
    let (start, end) = range.split_once('-').expect("a-b");
    (start.parse().unwrap(), end.parse().unwrap())
}

#[tokio::test]
async fn an_interrupted_upload_resumes_from_a_new_client_with_only_the_upload_url() {
    whole_test(async {
        const SLICE: u64 = 320 * 1024;
        // 1 MiB and a bit: slices 0-327679, 327680-655359, 655360-983039, 983040-1060920.
        let file: Vec<u8> = (0..1024 * 1024 + 12_345)
            .map(|i| (i * 7 % 251) as u8)
            .collect();
        let total = file.len();
        let server = Server::bind().await;
        let upload_url = format!("{}/up/session-1?tempauth=abc", server.origin);
        // The session: what it has, and the ranges it was sent, in order.
        let assembled = Arc::new(Mutex::new(vec![None::<u8>; total]));
        let session = assembled.clone();
        let mut index = 0;
        let server = server.serve_with(6, move |request| {
            let this = index;
            index += 1;
            let mut have = session.lock().unwrap();
            if request.method == "PUT" {
                let (start, end) = content_range(request);
                assert_eq!(request.body.len(), end - start + 1);
                for (at, byte) in request.body.iter().enumerate() {
                    have[start + at] = Some(*byte);
                }
            }
            // The third slice is kept but its answer lost; so is the status asked after it.
            if this == 2 || this == 3 {
                return Reply::reset();
            }
            let next = have.iter().position(Option::is_none);
            match next {
                Some(next) => Reply::json(
                    if request.method == "PUT" { 202 } else { 200 },
                    json!({"expirationDateTime": "2030-01-01T00:00:00Z",
                           "nextExpectedRanges": [format!("{next}-")]}),
                ),
                None => Reply::json(
                    201,
                    json!({"id": "01NEW", "name": "big.bin", "size": total}),
                ),
            }
        });

        let quick = RetryPolicy {
            max_retries: 1,
            max_wait: Duration::from_secs(1),
            fallback_wait: Duration::from_millis(10),
            max_elapsed: Duration::from_secs(5),
        };
        let session = |url: &str| {
            UploadSession::new(url, total as u64)
                .unwrap()
                .with_slice_size(SLICE)
                .unwrap()
        };
        let first_client = client_for(&upload_url).with_retry_policy(quick);
        let mut source = file.clone();
        let mut first_progress = Vec::new();
        let interrupted = bounded(first_client.upload_session::<DriveItem, _>(
            session(&upload_url),
            &mut source,
            |done, all| first_progress.push((done, all)),
        ))
        .await;
        assert!(
            matches!(
                interrupted,
                Err(UploadError::Client(ClientError::Transport(_)))
            ),
            "{interrupted:?}"
        );

        // Another client, as another process would have: the URL and the file, nothing else.
        let second_client = client_for(&upload_url);
        let mut resumed_progress = Vec::new();
        let mut reader = SeekSource(std::io::Cursor::new(file.clone()));
        let resumed = bounded(second_client.resume_upload::<DriveItem, _>(
            &upload_url,
            &mut reader,
            |done, all| resumed_progress.push((done, all)),
        ))
        .await;
        let received = finished(server).await;

        let item = resumed.expect("the resumed upload creates the item");
        assert_eq!(item.status, 201);
        assert_eq!(
            item.body,
            DriveItem {
                id: "01NEW".into(),
                name: "big.bin".into(),
                size: total as u64
            }
        );
        let have: Vec<u8> = assembled
            .lock()
            .unwrap()
            .iter()
            .map(|b| b.expect("every byte"))
            .collect();
        assert!(have == file, "the session assembled the file exactly");

        let sent: Vec<(String, Option<(usize, usize)>)> = received
            .iter()
            .map(|r| {
                (
                    r.method.clone(),
                    (r.method == "PUT").then(|| content_range(r)),
                )
            })
            .collect();
        assert_eq!(
            sent,
            [
                ("PUT".to_owned(), Some((0, 327_679))),
                ("PUT".to_owned(), Some((327_680, 655_359))),
                ("PUT".to_owned(), Some((655_360, 983_039))),
                // The first client's one retry: it asks, rather than sending the slice again.
                ("GET".to_owned(), None),
                // The second client: asks, then sends only what the session lacks.
                ("GET".to_owned(), None),
                ("PUT".to_owned(), Some((983_040, total - 1))),
            ]
        );
        for request in &received {
            assert_eq!(request.target, "/up/session-1?tempauth=abc");
            assert!(
                !request.has_header("authorization"),
                "the upload URL never sees a token"
            );
        }
        let all = total as u64;
        assert_eq!(first_progress, [(327_680, all), (655_360, all)]);
        assert_eq!(resumed_progress, [(983_040, all), (all, all)]);
    })
    .await;
}

/// A client whose base URL is `url`'s origin (an upload goes to its own URL, not the base).
fn client_for(url: &str) -> Client {
    let http = Client::http_client_builder()
        .no_proxy()
        .timeout(STEP)
        .build()
        .expect("a reqwest client");
    let origin: String = url.split('/').take(3).collect::<Vec<_>>().join("/");
    Client::with_http_client(http, format!("{origin}/v1.0"), StaticToken(TOKEN.into()))
}

#[test]
fn the_doc_examples_are_found() {
    let request = request_example();
    let response = response_example();
    assert_eq!(request["displayName"], "Display Name value");
    assert_eq!(response["id"], "b1872668-2668-b187-6826-87b1682687b1");
    assert!(request.get("id").is_none(), "the request example has no id");
}
