//! JSON batching, sans-IO: many typed requests in one `POST /$batch`, and each step's answer
//! read back through its own request's response type.
//!
//! A [`Batch`] collects steps from any [`GraphRequest`]; [`Batch::requests`] splits them into
//! [`BatchRequest`]s of at most [`MAX_BATCH_STEPS`] steps, each itself a [`GraphRequest`]
//! (`POST /$batch`) whose response reads as a [`BatchResponse`]. A [`StepId`] handed back when a
//! step is added reads that step's answer with [`BatchResponse::read`], through the same
//! [`read_response`](super::read_response) every other request goes through, so a step's
//! Graph error is the same typed [`GraphError`](super::GraphError) as anywhere else.
//!
//! ```
//! use graph_client::models::User;
//! use graph_client::prelude::*;
//! use graph_client::support::Batch;
//!
//! let title = User { job_title: "Engineer".into(), ..User::default() };
//! let mut batch = Batch::new();
//! let step = batch.add(&Graph::users().by_id("ada@contoso.com").update(title)).unwrap();
//! let requests = batch.requests().unwrap();
//! assert_eq!(requests.len(), 1);
//!
//! // What Graph answers to the one POST /$batch: the update's own 204.
//! let answer = http::Response::new(br#"{"responses":[{"id":"1","status":204}]}"#.to_vec());
//! let answers = requests[0].parse_response(&answer).unwrap();
//! let updated = answers.read(&step).expect("step 1 was answered").unwrap();
//! assert_eq!(updated.status, 204);
//! ```

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::marker::PhantomData;

use base64::Engine as _;
use serde::{Deserialize, Deserializer, Serialize};

use super::graph_request::{read_response, GraphRequest, RequestError, Response, ResponseError};

/// The most steps Graph accepts in one `$batch` body.
pub const MAX_BATCH_STEPS: usize = 20;

/// The origin requests are built against before their path and query are cut out of the URI;
/// it never appears in a batch body.
const PLACEHOLDER_ORIGIN: &str = "https://batch.invalid";

/// Steps to send in one or more `POST /$batch` bodies.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Batch {
    steps: Vec<BatchStep>,
}

/// One request inside a batch body, as Graph reads it:
/// `{"id", "method", "url", "headers"?, "body"?, "dependsOn"?}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BatchStep {
    id: String,
    method: String,
    /// Relative: the request's path and query, without the base URL.
    url: String,
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    headers: BTreeMap<String, String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    body: Option<serde_json::Value>,
    #[serde(rename = "dependsOn", skip_serializing_if = "Vec::is_empty")]
    depends_on: Vec<String>,
}

impl BatchStep {
    /// The step's id, unique in its batch.
    pub fn id(&self) -> &str {
        &self.id
    }

    /// The HTTP method, e.g. `GET`.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The request's path and query, relative to the base URL (`/users/1?$select=id`).
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The ids of the steps this one runs after.
    pub fn depends_on(&self) -> &[String] {
        &self.depends_on
    }
}

impl BatchStep {
    /// Whether this step may be sent again without changing the outcome: GET, HEAD, PUT,
    /// DELETE, OPTIONS.
    pub fn is_idempotent(&self) -> bool {
        matches!(
            self.method.as_str(),
            "GET" | "HEAD" | "PUT" | "DELETE" | "OPTIONS"
        )
    }
}

/// The steps of `sent` to send again after `answers`: those whose answer `retry` accepts
/// (throttled, unavailable), and those answered `424 Failed Dependency` because a step they
/// depend on is sent again, since they never ran. A step sent again keeps only the dependencies
/// that are sent again too: the others have run. In the order of `sent`.
#[cfg(feature = "client")]
pub(crate) fn steps_to_retry(
    sent: &[BatchStep],
    answers: &BatchResponse,
    mut retry: impl FnMut(&BatchStep, &StepResponse) -> bool,
) -> Vec<BatchStep> {
    let mut again: std::collections::HashSet<&str> = sent
        .iter()
        .filter(|step| {
            answers
                .step(&step.id)
                .is_some_and(|answer| retry(step, answer))
        })
        .map(|step| step.id.as_str())
        .collect();
    // Dependents answered 424 join until none is left to add (chains are at most 20 long).
    loop {
        let before = again.len();
        for step in sent {
            let failed_dependency = answers
                .step(&step.id)
                .is_some_and(|answer| answer.status == http::StatusCode::FAILED_DEPENDENCY);
            if failed_dependency && step.depends_on.iter().any(|id| again.contains(id.as_str())) {
                again.insert(step.id.as_str());
            }
        }
        if again.len() == before {
            break;
        }
    }
    sent.iter()
        .filter(|step| again.contains(step.id.as_str()))
        .map(|step| {
            let mut step = step.clone();
            step.depends_on.retain(|id| again.contains(id.as_str()));
            step
        })
        .collect()
}

/// How a step is added: its id (generated `"1"`, `"2"`, … when not given) and the steps it
/// must run after.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StepOptions {
    id: Option<String>,
    depends_on: Vec<String>,
}

impl StepOptions {
    /// No id of its own, no dependency.
    pub fn new() -> Self {
        StepOptions::default()
    }

    /// The step's id.
    pub fn id(mut self, id: impl Into<String>) -> Self {
        self.id = Some(id.into());
        self
    }

    /// Runs after `step` (Graph answers this one `424 Failed Dependency` if `step` fails).
    pub fn depends_on<R>(self, step: &StepId<R>) -> Self {
        self.depends_on_id(step.id())
    }

    /// Runs after the step with id `id`.
    pub fn depends_on_id(mut self, id: impl Into<String>) -> Self {
        self.depends_on.push(id.into());
        self
    }
}

/// A step of a [`Batch`], typed by the request it was added from, to read its answer with
/// [`BatchResponse::read`].
pub struct StepId<R> {
    id: String,
    request: PhantomData<fn() -> R>,
}

impl<R> StepId<R> {
    /// The step's id in the batch body.
    pub fn id(&self) -> &str {
        &self.id
    }
}

impl<R> Clone for StepId<R> {
    fn clone(&self) -> Self {
        StepId {
            id: self.id.clone(),
            request: PhantomData,
        }
    }
}

impl<R> fmt::Debug for StepId<R> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("StepId").field(&self.id).finish()
    }
}

impl<R> PartialEq for StepId<R> {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

/// Why a step could not be added, or a batch not be split into bodies.
#[derive(Debug)]
#[non_exhaustive]
pub enum BatchError {
    /// The step's request could not be built (an empty path parameter, a body that does not
    /// serialize, …).
    Request(RequestError),
    /// Two steps have this id.
    DuplicateId(String),
    /// Step `step` depends on `missing`, which is not in the batch.
    UnknownDependency { step: String, missing: String },
    /// The steps depend on each other in a circle through `step`: none could ever run.
    Cycle { step: String },
    /// These steps are linked by `dependsOn` and so must go in one body, but they are more than
    /// [`MAX_BATCH_STEPS`].
    ChainTooLong { steps: Vec<String> },
    /// The request says its body is JSON (`Content-Type`) but the body is not.
    BodyNotJson { step: String },
}

impl fmt::Display for BatchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BatchError::Request(error) => error.fmt(f),
            BatchError::DuplicateId(id) => write!(f, "two batch steps have the id {id:?}"),
            BatchError::UnknownDependency { step, missing } => write!(
                f,
                "batch step {step:?} depends on {missing:?}, which is not in the batch"
            ),
            BatchError::Cycle { step } => {
                write!(f, "batch step {step:?} depends on itself through dependsOn")
            }
            BatchError::ChainTooLong { steps } => write!(
                f,
                "{} batch steps are linked by dependsOn; one body takes at most {MAX_BATCH_STEPS}",
                steps.len()
            ),
            BatchError::BodyNotJson { step } => write!(
                f,
                "batch step {step:?} has a JSON Content-Type but a body that is not JSON"
            ),
        }
    }
}

impl std::error::Error for BatchError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            BatchError::Request(error) => Some(error),
            _ => None,
        }
    }
}

impl From<RequestError> for BatchError {
    fn from(error: RequestError) -> Self {
        BatchError::Request(error)
    }
}

/// Whether a `Content-Type` value is JSON (`application/json`, `…+json`, with parameters).
fn is_json(content_type: &str) -> bool {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

impl Batch {
    /// An empty batch.
    pub fn new() -> Self {
        Batch::default()
    }

    /// Adds `request` with the next free generated id (`"1"`, `"2"`, …).
    pub fn add<R: GraphRequest>(&mut self, request: &R) -> Result<StepId<R>, BatchError> {
        self.add_with(request, StepOptions::new())
    }

    /// Adds `request` with the id and dependencies of `options`. The request is built now (so
    /// an empty path parameter is refused here); a dependency may name a step added later, and
    /// is checked by [`Batch::requests`].
    pub fn add_with<R: GraphRequest>(
        &mut self,
        request: &R,
        options: StepOptions,
    ) -> Result<StepId<R>, BatchError> {
        let id = match options.id {
            Some(id) => {
                if self.contains(&id) {
                    return Err(BatchError::DuplicateId(id));
                }
                id
            }
            None => (self.steps.len() + 1..)
                .map(|n| n.to_string())
                .find(|id| !self.contains(id))
                .expect("an unbounded range has a free number"),
        };
        let http = request.to_http_request(PLACEHOLDER_ORIGIN)?;
        let (parts, bytes) = http.into_parts();
        let url = parts
            .uri
            .path_and_query()
            .map_or("/", |path| path.as_str())
            .to_owned();
        let mut headers = BTreeMap::new();
        let mut content_type = None;
        for (name, value) in &parts.headers {
            // Header values that are not text cannot go in a JSON body; `to_http_request` only
            // builds text ones from `RequestOptions`.
            let value = String::from_utf8_lossy(value.as_bytes()).into_owned();
            if name == http::header::CONTENT_TYPE {
                content_type = Some(value.clone());
            }
            headers.insert(name.as_str().to_owned(), value);
        }
        let body = if request.body().is_none() {
            None
        } else if content_type.as_deref().is_some_and(is_json) {
            let json = serde_json::from_slice(&bytes)
                .map_err(|_| BatchError::BodyNotJson { step: id.clone() })?;
            Some(json)
        } else {
            // Graph's rule for a body that is not JSON: base64 text, with the content type
            // saying what it decodes to.
            Some(serde_json::Value::String(
                base64::engine::general_purpose::STANDARD.encode(&bytes),
            ))
        };
        self.steps.push(BatchStep {
            id: id.clone(),
            method: parts.method.as_str().to_owned(),
            url,
            headers,
            body,
            depends_on: options.depends_on,
        });
        Ok(StepId {
            id,
            request: PhantomData,
        })
    }

    fn contains(&self, id: &str) -> bool {
        self.steps.iter().any(|step| step.id == id)
    }

    /// The steps, in the order they were added.
    pub fn steps(&self) -> &[BatchStep] {
        &self.steps
    }

    pub fn len(&self) -> usize {
        self.steps.len()
    }

    pub fn is_empty(&self) -> bool {
        self.steps.is_empty()
    }

    /// The `POST /$batch` requests that carry every step: as few bodies as first-fit packing
    /// makes, each of at most [`MAX_BATCH_STEPS`] steps, with all the steps that `dependsOn`
    /// links (directly or not) in the same body, in the order they were added. An empty batch
    /// is no request.
    ///
    /// Refused when a step depends on an id not in the batch, when dependencies go in a circle,
    /// or when linked steps alone are more than one body takes.
    pub fn requests(&self) -> Result<Vec<BatchRequest>, BatchError> {
        let index: HashMap<&str, usize> = self
            .steps
            .iter()
            .enumerate()
            .map(|(at, step)| (step.id.as_str(), at))
            .collect();
        // Union-find over the dependency links: each group must travel in one body.
        let mut parent: Vec<usize> = (0..self.steps.len()).collect();
        fn root(parent: &mut [usize], mut at: usize) -> usize {
            while parent[at] != at {
                parent[at] = parent[parent[at]];
                at = parent[at];
            }
            at
        }
        for (at, step) in self.steps.iter().enumerate() {
            for dependency in &step.depends_on {
                let Some(&other) = index.get(dependency.as_str()) else {
                    return Err(BatchError::UnknownDependency {
                        step: step.id.clone(),
                        missing: dependency.clone(),
                    });
                };
                let (a, b) = (root(&mut parent, at), root(&mut parent, other));
                parent[a] = b;
            }
        }
        self.check_acyclic(&index)?;
        // Groups in the order of their first step.
        let mut groups: Vec<Vec<usize>> = Vec::new();
        let mut group_of_root: HashMap<usize, usize> = HashMap::new();
        for at in 0..self.steps.len() {
            let group = *group_of_root
                .entry(root(&mut parent, at))
                .or_insert_with(|| {
                    groups.push(Vec::new());
                    groups.len() - 1
                });
            groups[group].push(at);
        }
        let mut bodies: Vec<Vec<usize>> = Vec::new();
        for group in groups {
            if group.len() > MAX_BATCH_STEPS {
                return Err(BatchError::ChainTooLong {
                    steps: group.iter().map(|&at| self.steps[at].id.clone()).collect(),
                });
            }
            match bodies
                .iter_mut()
                .find(|body| body.len() + group.len() <= MAX_BATCH_STEPS)
            {
                Some(body) => body.extend(group),
                None => bodies.push(group),
            }
        }
        Ok(bodies
            .into_iter()
            .map(|mut body| {
                body.sort_unstable();
                BatchRequest::from_steps(body.into_iter().map(|at| self.steps[at].clone()))
            })
            .collect())
    }

    /// Refuses dependencies that go in a circle (Graph would answer none of those steps).
    fn check_acyclic(&self, index: &HashMap<&str, usize>) -> Result<(), BatchError> {
        // 0 unvisited, 1 on the current path, 2 done.
        let mut state = vec![0u8; self.steps.len()];
        for start in 0..self.steps.len() {
            if state[start] != 0 {
                continue;
            }
            // Iterative depth-first search: (step, next dependency to look at).
            let mut stack = vec![(start, 0usize)];
            state[start] = 1;
            while let Some((at, next)) = stack.pop() {
                match self.steps[at].depends_on.get(next) {
                    Some(dependency) => {
                        stack.push((at, next + 1));
                        let other = index[dependency.as_str()];
                        match state[other] {
                            0 => {
                                state[other] = 1;
                                stack.push((other, 0));
                            }
                            1 => {
                                return Err(BatchError::Cycle {
                                    step: self.steps[other].id.clone(),
                                })
                            }
                            _ => {}
                        }
                    }
                    None => state[at] = 2,
                }
            }
        }
        Ok(())
    }
}

/// The body of one `POST /$batch`: `{"requests": […]}`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct BatchBody {
    pub requests: Vec<BatchStep>,
}

/// One `POST /$batch` with at most [`MAX_BATCH_STEPS`] steps; send it as any other
/// [`GraphRequest`], and read its response as a [`BatchResponse`].
#[derive(Clone, Debug, PartialEq)]
pub struct BatchRequest {
    body: BatchBody,
}

impl BatchRequest {
    /// The requests that carry `steps` (with `dependsOn` naming only steps among them), split
    /// as [`Batch::requests`] splits.
    #[cfg(feature = "client")]
    pub(crate) fn split(steps: Vec<BatchStep>) -> Vec<BatchRequest> {
        Batch { steps }
            .requests()
            .expect("steps taken from checked requests, with dependencies among themselves")
    }

    /// A request carrying `steps` as they are (their `dependsOn` must name steps among them).
    pub(crate) fn from_steps(steps: impl IntoIterator<Item = BatchStep>) -> Self {
        BatchRequest {
            body: BatchBody {
                requests: steps.into_iter().collect(),
            },
        }
    }

    /// The steps this body carries.
    pub fn steps(&self) -> &[BatchStep] {
        &self.body.requests
    }
}

impl GraphRequest for BatchRequest {
    type Body = BatchBody;
    type Response = BatchResponse;

    fn method(&self) -> http::Method {
        http::Method::POST
    }

    fn path(&self) -> &str {
        "/$batch"
    }

    fn body(&self) -> Option<&BatchBody> {
        Some(&self.body)
    }
}

/// What Graph answers to a `POST /$batch`: `{"responses": [{"id", "status", "headers",
/// "body"}]}`, in any order.
#[derive(Clone, Debug, Default, PartialEq, Deserialize)]
pub struct BatchResponse {
    pub responses: Vec<StepResponse>,
}

/// One step's answer inside a [`BatchResponse`].
#[derive(Clone, Debug, PartialEq, Deserialize)]
pub struct StepResponse {
    pub id: String,
    #[serde(deserialize_with = "status_code")]
    pub status: http::StatusCode,
    #[serde(default)]
    pub headers: BTreeMap<String, String>,
    /// JSON inline; base64 text when the step's `Content-Type` is not JSON.
    #[serde(default)]
    pub body: Option<serde_json::Value>,
}

fn status_code<'de, D: Deserializer<'de>>(deserializer: D) -> Result<http::StatusCode, D::Error> {
    let code = u16::deserialize(deserializer)?;
    http::StatusCode::from_u16(code).map_err(serde::de::Error::custom)
}

impl StepResponse {
    /// A header's value, its name compared ignoring case.
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(key, _)| key.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The answer as the `http::Response` it stands for: the status, the headers (any that
    /// `http` does not accept are left out), and the body as bytes: the JSON re-serialized, or,
    /// when the `Content-Type` is not JSON, the base64 text decoded (the text itself when it is
    /// not base64). No body is an empty one.
    pub fn to_http_response(&self) -> http::Response<Vec<u8>> {
        let json = self.header("content-type").is_none_or(is_json);
        let body = match &self.body {
            None | Some(serde_json::Value::Null) => Vec::new(),
            Some(serde_json::Value::String(text)) if !json => {
                base64::engine::general_purpose::STANDARD
                    .decode(text)
                    .unwrap_or_else(|_| text.as_bytes().to_vec())
            }
            Some(value) => serde_json::to_vec(value).expect("a JSON value serializes"),
        };
        let mut response = http::Response::new(body);
        *response.status_mut() = self.status;
        for (name, value) in &self.headers {
            if let (Ok(name), Ok(value)) = (
                http::HeaderName::try_from(name.as_str()),
                http::HeaderValue::try_from(value.as_str()),
            ) {
                response.headers_mut().append(name, value);
            }
        }
        response
    }
}

impl BatchResponse {
    /// The answer to the step with id `id`.
    pub fn step(&self, id: &str) -> Option<&StepResponse> {
        self.responses.iter().find(|response| response.id == id)
    }

    /// Reads the answer to `step` through its request's response type, as
    /// [`read_response`] reads a response of its own: the typed body of a 2xx, or the typed
    /// Graph error. `None` when this response has no answer with the step's id (it went in
    /// another body).
    pub fn read<R: GraphRequest>(
        &self,
        step: &StepId<R>,
    ) -> Option<Result<Response<R::Response>, ResponseError>> {
        let answer = self.step(step.id())?;
        Some(read_response::<R>(answer.to_http_response()))
    }
}

#[cfg(test)]
mod tests {
    use super::super::url_path::UrlPath;
    use super::super::{Bytes, NoBody, Request, Writes};
    use super::*;
    use serde_json::{json, Value};

    fn get(path: &str) -> Request<NoBody, Value, Writes> {
        UrlPath::root(path).request(http::Method::GET)
    }

    #[test]
    fn a_step_is_relative_with_its_query_headers_and_json_body() {
        let mut batch = Batch::new();
        let patch: Request<Value, (), Writes> = UrlPath::root("/users")
            .key("a b")
            .request(http::Method::PATCH);
        let patch = patch
            .with_body(json!({"jobTitle": "Engineer"}))
            .with_query("$select", "id");
        let step = batch.add(&patch).unwrap();
        let [request] = &batch.requests().unwrap()[..] else {
            panic!("one body")
        };
        let body = serde_json::to_value(request.body().unwrap()).unwrap();
        assert_eq!(
            body,
            json!({"requests": [{
                "id": step.id(),
                "method": "PATCH",
                "url": "/users/a%20b?$select=id",
                "headers": {"content-type": "application/json"},
                "body": {"jobTitle": "Engineer"}
            }]})
        );
        let http = request.to_http_request("https://graph.test/v1.0").unwrap();
        assert_eq!(http.method(), http::Method::POST);
        assert_eq!(http.uri(), "https://graph.test/v1.0/$batch");
    }

    #[test]
    fn a_bytes_body_travels_as_base64_with_its_content_type() {
        let put: Request<Bytes, Value, Writes> = UrlPath::root("/me/photo/$value")
            .request(http::Method::PUT)
            .with_body(Bytes(vec![0xff, 0xd8, 0xff, 0x00]));
        let mut batch = Batch::new();
        batch.add(&put).unwrap();
        let step = &batch.steps()[0];
        assert_eq!(step.body, Some(json!("/9j/AA==")));
        assert_eq!(step.headers["content-type"], "application/octet-stream");
    }

    #[test]
    fn ids_are_generated_around_given_ones_and_never_repeat() {
        let mut batch = Batch::new();
        batch
            .add_with(&get("/a"), StepOptions::new().id("2"))
            .unwrap();
        let generated = batch.add(&get("/b")).unwrap();
        assert_eq!(generated.id(), "3");
        let error = batch
            .add_with(&get("/c"), StepOptions::new().id("3"))
            .unwrap_err();
        assert!(matches!(error, BatchError::DuplicateId(ref id) if id == "3"));
        assert_eq!(batch.len(), 2);
    }

    #[test]
    fn an_empty_path_parameter_is_refused_when_added() {
        let request: Request<NoBody, Value, Writes> =
            UrlPath::root("/users").key("").request(http::Method::GET);
        let error = Batch::new().add(&request).unwrap_err();
        assert!(matches!(
            error,
            BatchError::Request(RequestError::EmptyParameter { .. })
        ));
    }

    #[test]
    fn twenty_five_steps_split_in_two_with_the_chain_together() {
        let mut batch = Batch::new();
        // 15 independent steps, then a chain of 8 whose later links depend on the earlier,
        // then 2 more: the chain cannot be cut where 20 would fall.
        let mut ids = Vec::new();
        for n in 0..15 {
            ids.push(batch.add(&get(&format!("/users/{n}"))).unwrap());
        }
        let mut chain = vec![batch
            .add_with(&get("/chain/0"), StepOptions::new().id("chain-0"))
            .unwrap()];
        for n in 1..8 {
            let after = chain.last().unwrap().clone();
            chain.push(
                batch
                    .add_with(
                        &get(&format!("/chain/{n}")),
                        StepOptions::new()
                            .id(format!("chain-{n}"))
                            .depends_on(&after),
                    )
                    .unwrap(),
            );
        }
        ids.push(batch.add(&get("/tail/0")).unwrap());
        ids.push(batch.add(&get("/tail/1")).unwrap());
        assert_eq!(batch.len(), 25);

        let requests = batch.requests().unwrap();
        assert_eq!(requests.len(), 2);
        let holding = |id: &str| {
            requests
                .iter()
                .position(|request| request.steps().iter().any(|step| step.id() == id))
                .unwrap()
        };
        let chain_body = holding("chain-0");
        for link in &chain {
            assert_eq!(holding(link.id()), chain_body, "{}", link.id());
        }
        for request in &requests {
            assert!(request.steps().len() <= MAX_BATCH_STEPS);
        }
        let total: usize = requests.iter().map(|r| r.steps().len()).sum();
        assert_eq!(total, 25, "every step once");
        let body = serde_json::to_value(requests[chain_body].body().unwrap()).unwrap();
        let chain_json: Vec<&Value> = body["requests"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|step| step["id"].as_str().unwrap().starts_with("chain-"))
            .collect();
        assert_eq!(chain_json[0].get("dependsOn"), None);
        assert_eq!(chain_json[3]["dependsOn"], json!(["chain-2"]));
        assert_eq!(ids.len(), 17);
    }

    #[test]
    fn bad_dependencies_are_refused() {
        let mut batch = Batch::new();
        batch
            .add_with(&get("/a"), StepOptions::new().depends_on_id("nowhere"))
            .unwrap();
        assert!(matches!(
            batch.requests().unwrap_err(),
            BatchError::UnknownDependency { ref missing, .. } if missing == "nowhere"
        ));

        let mut circle = Batch::new();
        circle
            .add_with(&get("/a"), StepOptions::new().id("a").depends_on_id("b"))
            .unwrap();
        circle
            .add_with(&get("/b"), StepOptions::new().id("b").depends_on_id("a"))
            .unwrap();
        assert!(matches!(
            circle.requests().unwrap_err(),
            BatchError::Cycle { .. }
        ));

        let mut long = Batch::new();
        let mut last = long.add(&get("/0")).unwrap();
        for n in 1..21 {
            last = long
                .add_with(&get(&format!("/{n}")), StepOptions::new().depends_on(&last))
                .unwrap();
        }
        match long.requests().unwrap_err() {
            BatchError::ChainTooLong { steps } => assert_eq!(steps.len(), 21),
            other => panic!("{other:?}"),
        }
    }

    #[derive(Debug, PartialEq, Deserialize)]
    struct User {
        id: String,
    }

    #[test]
    fn every_step_reads_through_its_own_type() {
        let mut batch = Batch::new();
        let user: Request<NoBody, User, Writes> =
            UrlPath::root("/users/1").request(http::Method::GET);
        let delete: Request<NoBody, (), Writes> =
            UrlPath::root("/users/2").request(http::Method::DELETE);
        let photo: Request<NoBody, Bytes, Writes> =
            UrlPath::root("/users/3/photo/$value").request(http::Method::GET);
        let missing = get("/users/4");
        let user = batch.add(&user).unwrap();
        let delete = batch.add(&delete).unwrap();
        let photo = batch.add(&photo).unwrap();
        let missing = batch.add(&missing).unwrap();
        let other = StepId::<Request<NoBody, Value, Writes>> {
            id: "elsewhere".into(),
            request: PhantomData,
        };

        let answer = json!({"responses": [
            {"id": missing.id(), "status": 404,
             "headers": {"Content-Type": "application/json", "request-id": "r-4"},
             "body": {"error": {"code": "Request_ResourceNotFound", "message": "No user 4."}}},
            {"id": delete.id(), "status": 204, "headers": {}},
            {"id": photo.id(), "status": 200, "headers": {"Content-Type": "image/jpeg"},
             "body": "/9j/AA=="},
            {"id": user.id(), "status": 200,
             "headers": {"Content-Type": "application/json", "ETag": "W/\"1\""},
             "body": {"id": "1", "displayName": "Ada"}}
        ]});
        let requests = batch.requests().unwrap();
        let http = http::Response::new(serde_json::to_vec(&answer).unwrap());
        let answers = requests[0].parse_response(&http).unwrap();

        let read = answers.read(&user).unwrap().unwrap();
        assert_eq!(read.status, 200);
        assert_eq!(read.body, User { id: "1".into() });
        assert_eq!(read.etag(), Some("W/\"1\""));
        let read = answers.read(&delete).unwrap().unwrap();
        assert_eq!(read.status, 204);
        let read = answers.read(&photo).unwrap().unwrap();
        assert_eq!(read.body, Bytes(vec![0xff, 0xd8, 0xff, 0x00]));
        let error = answers.read(&missing).unwrap().unwrap_err();
        let ResponseError::Graph(graph) = error else {
            panic!("a Graph error")
        };
        assert_eq!(graph.status, 404);
        assert_eq!(graph.code.as_deref(), Some("Request_ResourceNotFound"));
        assert_eq!(graph.request_id.as_deref(), Some("r-4"));
        assert!(answers.read(&other).is_none());
    }

    #[test]
    fn a_step_answer_with_a_bad_status_does_not_parse() {
        let body = br#"{"responses": [{"id": "1", "status": 1000}]}"#;
        assert!(serde_json::from_slice::<BatchResponse>(body).is_err());
    }
}
