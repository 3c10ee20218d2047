//! Typed Microsoft Graph models and requests, generated from the markdown API reference in
//! `docs/` by `cargo xtask codegen`: a model for every documented type in [`models`], and for
//! every documented request line a navigation from [`Graph`](requests::Graph) that mirrors its
//! URL in [`requests`]. Nothing here does I/O: a request becomes an [`http::Request`] that any
//! HTTP client can send, and a received [`http::Response`] becomes the typed answer.
//!
//! # Quick start
//!
//! Read an entity from JSON, and update one, clearing a property and setting another (in a
//! crate generated from docs without Graph's `user` pages these examples are shown as text only):
//!
//! ```
//! use graph_client::models::User;
//! use graph_client::prelude::*; // `Graph` and the request traits
//! use graph_client::support::{Nullable, DEFAULT_BASE_URL};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! // Reading: absent, `null` and a value stay apart, and what the docs do not describe is kept.
//! let user: User = serde_json::from_str(
//!     r#"{"jobTitle": "Engineer", "mobilePhone": null, "favoriteColor": "teal"}"#,
//! )?;
//! assert_eq!(user.job_title, Nullable::Value("Engineer".to_owned()));
//! assert_eq!(user.mobile_phone, Nullable::Null);
//! assert_eq!(user.city, Nullable::Absent);
//! assert_eq!(user.additional_properties["favoriteColor"], "teal");
//!
//! // Updating: only what is set or cleared is sent.
//! let update = Graph::users()
//!     .by_id("ada@contoso.com")
//!     .update(User {
//!         job_title: "Principal Engineer".into(),
//!         mobile_phone: Nullable::Null,
//!         ..User::default()
//!     });
//! let request = update.to_http_request(DEFAULT_BASE_URL)?;
//! assert_eq!(request.method(), "PATCH");
//! assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/users/ada%40contoso.com");
//! let sent: serde_json::Value = serde_json::from_slice(request.body())?;
//! assert_eq!(sent, serde_json::json!({"jobTitle": "Principal Engineer", "mobilePhone": null}));
//! # Ok(())
//! # }
//! ```
//!
//! Each step of a chain is named from its URL segment (`users()`, `by_id(id)`, `by_path(path)`
//! for OneDrive's `root:/{path}:`), each final call by what it does (`get`, `list`, `create`,
//! `update`, `delete`, or the action's name); the [`requests`] module lists every documented
//! `METHOD /path` beside the chain that sends it. Reads take the OData query options
//! (`.select(…)`, `.filter(…)`, `.top(…)` on collections), every request any option or header by
//! name (`.query(…)`, `.header(…)`), through the traits of [`prelude`].
//!
//! # Sending requests: the `client` feature
//!
//! With `features = ["client"]`, `support::Client` sends any request with a bearer token,
//! retries 429 and 503 as `Retry-After` says, follows `@odata.nextLink`, runs delta rounds and
//! streams downloads:
//!
//! ```no_run
//! # #[cfg(feature = "client")]
//! # async fn example() -> Result<(), graph_client::support::ClientError> {
//! use graph_client::models::User;
//! use graph_client::prelude::*;
//! use graph_client::support::{Client, StaticToken, DEFAULT_BASE_URL};
//!
//! let client = Client::new(DEFAULT_BASE_URL, StaticToken("eyJ0…".into()));
//! let body = User { job_title: "Engineer".into(), ..User::default() };
//! let response = client.send(&Graph::users().by_id("ada@contoso.com").update(body)).await?;
//! println!("{:?} {:?}", response.status, response.etag());
//! # Ok(())
//! # }
//! ```
//!
//! # Beyond one request
//!
//! Batches ([`support::Batch`]: at most 20 steps per `POST /$batch`, each `depends_on` chain
//! kept together, each step's answer read through its own request's type) and large uploads
//! ([`support::UploadSession`]: slices, `Content-Range`, resuming) are sans-IO values too;
//! with the `client` feature `Client::send_batch` and `Client::upload` drive them, and
//! `support::CachedToken` (and `support::AzureTokenSource`, feature `azure-identity`) supply
//! tokens; `support::testing` (feature `testing`) answers a client from a replay server on
//! 127.0.0.1, so that code using it is tested without a network. Each module's docs end in a
//! complete example. Two updates in one batch, the second run after the first:
//!
//! ```
//! use graph_client::models::User;
//! use graph_client::prelude::*;
//! use graph_client::support::{Batch, StepOptions, DEFAULT_BASE_URL};
//!
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let title = |t: &str| User { job_title: t.into(), ..User::default() };
//! let mut batch = Batch::new();
//! let ada = batch.add(&Graph::users().by_id("ada@contoso.com").update(title("Engineer")))?;
//! let after = StepOptions::new().depends_on(&ada);
//! batch.add_with(&Graph::users().by_id("grace@contoso.com").update(title("Admiral")), after)?;
//! let requests = batch.requests()?;
//! assert_eq!(requests.len(), 1);
//! let post = requests[0].to_http_request(DEFAULT_BASE_URL)?;
//! assert_eq!(post.uri(), "https://graph.microsoft.com/v1.0/$batch");
//! let body: serde_json::Value = serde_json::from_slice(post.body())?;
//! assert_eq!(body["requests"][1]["dependsOn"][0], body["requests"][0]["id"]);
//! # Ok(())
//! # }
//! ```
//!
//! # Areas
//!
//! Every model and request belongs to the product area of its page, and each area is a cargo
//! feature; `full`, the default, enables them all. With `default-features = false` and only the
//! areas you use, the crate builds in a fraction of the time; a model of an area that is off is
//! `serde_json::Value`, so references into it still compile.
//!
//! # Values the docs do not list
//!
//! Every model field is a [`support::Nullable`]: `Absent` (not sent), `Null` (sent as `null`)
//! or `Value`. An enum member the docs do not list reads as its `Unrecognized` variant and is
//! written back unchanged, and a property they do not list is kept in `additional_properties`,
//! so a value read and written back is the value received.
// On docs.rs (`--cfg docsrs`), rustdoc marks each item with the feature that gates it.
#![cfg_attr(docsrs, feature(doc_cfg))]
// No `#![deny(warnings)]`: a lint that a future compiler adds must not break the builds of the
// crates that depend on this one. CI denies warnings instead (`cargo clippy -- -D warnings`).

// Generated modules are formatted by the generator (prettyplease); rustfmt must leave them
// alone or `cargo fmt` would make them drift from what `cargo xtask codegen --check` expects.
#[rustfmt::skip]
pub mod models;
#[rustfmt::skip]
pub mod requests;
pub mod support;

/// The request traits: `use graph_client::prelude::*;` brings `to_http_request`, `.query(…)`,
/// `.header(…)`, and `.select(…)`, `.filter(…)`, `.top(…)` on reads into scope.
pub use support::prelude;
