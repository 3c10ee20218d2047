//! The `testing` feature's replay server, used as a user of the crate would use it: a
//! collection followed across two pages by its rewritten `@odata.nextLink`, a throttled update
//! answered by a sequence and retried, a batch whose POST body is recorded, an unmatched request
//! whose error says what was missed, query-specific replies, and a chunked body read whole.
//! Every test is bounded in time, so a bug fails it instead of hanging it.
#![cfg(all(feature = "testing", feature = "full"))]

use std::future::Future;
use std::time::Duration;

use futures_util::TryStreamExt as _;
use graph_client::models::User;
use graph_client::prelude::*;
use graph_client::support::testing::{ReplayServer, Reply};
use graph_client::support::{Batch, Collection, GraphRequest, NoBody, RetryPolicy};
use serde_json::json;
use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

async fn bounded<T>(test: impl Future<Output = T>) -> T {
    tokio::time::timeout(Duration::from_secs(30), test)
        .await
        .expect("the test finished in time")
}

/// `GET /users`, a collection the seed docs do not document: a request any user can write.
struct ListUsers;

impl GraphRequest for ListUsers {
    type Body = NoBody;
    type Response = Collection<User>;

    fn method(&self) -> http::Method {
        http::Method::GET
    }

    fn path(&self) -> &str {
        "/users"
    }

    fn body(&self) -> Option<&NoBody> {
        None
    }
}

fn user(name: &str) -> serde_json::Value {
    json!({"displayName": name})
}

fn title(job_title: &str) -> User {
    User {
        job_title: job_title.into(),
        ..User::default()
    }
}

#[tokio::test]
async fn a_collection_pages_through_its_rewritten_next_link_to_its_delta_link() {
    bounded(async {
        let server = ReplayServer::start().await;
        // Links as Graph sends them: on graph.microsoft.com, which the server moves to itself.
        server.reply(
            "GET",
            "/users",
            Reply::json(
                200,
                json!({
                    "value": [user("Ada"), user("Grace")],
                    "@odata.nextLink": "https://graph.microsoft.com/v1.0/users?$skiptoken=page%272%27"
                }),
            ),
        );
        server.reply(
            "GET",
            "/users?$skiptoken=page'2'",
            Reply::json(
                200,
                json!({
                    "value": [user("Katherine")],
                    "@odata.deltaLink": "https://graph.microsoft.com/v1.0/users/delta?$deltatoken=d1"
                }),
            ),
        );

        let pages: Vec<Collection<User>> = server
            .client()
            .pages(ListUsers)
            .try_collect()
            .await
            .expect("both pages are answered");
        let names: Vec<String> = pages
            .iter()
            .flat_map(|page| &page.value)
            .map(|user| user.display_name.clone().into_option().unwrap())
            .collect();
        assert_eq!(names, ["Ada", "Grace", "Katherine"]);
        let delta = pages[1].delta_link.as_deref().unwrap();
        assert_eq!(
            delta,
            format!("{}/users/delta?$deltatoken=d1", server.base_url())
        );

        let sent = server.requests();
        assert_eq!(sent.len(), 2);
        assert_eq!((sent[0].path.as_str(), sent[0].query.as_deref()), ("/users", None));
        assert_eq!(sent[1].path, "/users");
        assert_eq!(
            sent[1].query_pairs(),
            [("$skiptoken".to_owned(), "page'2'".to_owned())]
        );
        for request in &sent {
            assert_eq!(request.method, http::Method::GET);
            let bearer = format!("Bearer {}", ReplayServer::TOKEN);
            assert_eq!(request.header("authorization"), Some(bearer.as_str()));
        }
    })
    .await;
}

#[tokio::test]
async fn a_throttled_update_is_retried_through_the_sequence_whose_last_reply_repeats() {
    bounded(async {
        let server = ReplayServer::start().await;
        let updated = json!({"id": "1", "jobTitle": "Engineer"});
        server.reply_sequence(
            "PATCH",
            "/users/ada@contoso.com",
            [
                Reply::throttled(),
                Reply::throttled(),
                Reply::json(200, updated),
            ],
        );
        let client = server.client();
        let update = Graph::users()
            .by_id("ada@contoso.com")
            .update(title("Engineer"));

        let answer = client
            .send(&update)
            .await
            .expect("the third attempt succeeds");
        let user = answer.body.expect("the updated user");
        assert_eq!(user.job_title.into_option().as_deref(), Some("Engineer"));
        let sent = server.requests();
        assert_eq!(sent.len(), 3, "two throttled attempts and the one answered");
        let ids: Vec<_> = sent.iter().map(|r| r.header("client-request-id")).collect();
        assert!(
            ids[0].is_some() && ids.iter().all(|id| *id == ids[0]),
            "{ids:?}"
        );
        for request in &sent {
            assert_eq!(request.path, "/users/ada@contoso.com");
            assert_eq!(request.json(), json!({"jobTitle": "Engineer"}));
        }

        // The sequence is used up: its last reply answers from now on.
        client.send(&update).await.expect("the last reply again");
        assert_eq!(server.requests().len(), 4);
    })
    .await;
}

#[tokio::test]
async fn a_batch_post_body_is_recorded_and_its_steps_read_from_the_reply() {
    bounded(async {
        let server = ReplayServer::start().await;
        let mut batch = Batch::new();
        let ada = Graph::users().by_id("ada@contoso.com").update(title("Engineer"));
        let grace = Graph::users().by_id("grace@contoso.com").update(title("Admiral"));
        let first = batch.add(&ada).unwrap();
        let second = batch.add(&grace).unwrap();
        server.reply(
            "POST",
            "/$batch",
            Reply::json(
                200,
                json!({"responses": [
                    {"id": "1", "status": 204},
                    {"id": "2", "status": 404, "body": {"error": {"code": "Request_ResourceNotFound", "message": "No grace."}}}
                ]}),
            ),
        );

        let answers = server
            .client()
            .send_batch(&batch.requests().unwrap())
            .await
            .expect("the batch is answered");
        assert!(answers.read(&first).unwrap().unwrap().body.is_none());
        let missing = answers.read(&second).unwrap().unwrap_err();
        assert_eq!(missing.status(), 404);

        let sent = server.requests();
        assert_eq!(sent.len(), 1);
        assert_eq!(sent[0].method, http::Method::POST);
        assert_eq!(sent[0].header("content-type"), Some("application/json"));
        let body = sent[0].json();
        let steps = body["requests"].as_array().unwrap();
        assert_eq!(steps.len(), 2);
        assert_eq!(steps[0]["method"], "PATCH");
        assert_eq!(steps[0]["url"], "/users/ada%40contoso.com");
        assert_eq!(steps[1]["body"], json!({"jobTitle": "Admiral"}));
    })
    .await;
}

#[tokio::test]
async fn an_unmatched_request_is_a_404_naming_it_and_what_is_registered() {
    bounded(async {
        let server = ReplayServer::start().await;
        server.reply("PATCH", "/users/ada@contoso.com", Reply::status(204));
        server.reply(
            "GET",
            "/users?$top=1",
            Reply::json(200, json!({"value": []})),
        );
        let update = Graph::users()
            .by_id("grace@contoso.com")
            .update(title("Admiral"));

        let error = server.client().send(&update).await.unwrap_err();
        assert_eq!(error.status(), Some(http::StatusCode::NOT_FOUND));
        let graph = error.graph_error().expect("a Graph error body");
        assert_eq!(graph.code.as_deref(), Some("unmatchedRequest"));
        let message = graph.message.as_deref().unwrap();
        assert!(
            message.contains("PATCH /users/grace@contoso.com;"),
            "{message}"
        );
        assert!(
            message.contains("registered: PATCH /users/ada@contoso.com, GET /users?$top=1"),
            "{message}"
        );
        assert!(error.to_string().contains("grace@contoso.com"), "{error}");
        // Recorded all the same, so a test can see what its code sent.
        assert_eq!(server.requests()[0].path, "/users/grace@contoso.com");
    })
    .await;
}

#[tokio::test]
async fn a_reply_with_a_query_wins_over_one_without_and_a_later_one_over_an_earlier() {
    bounded(async {
        let server = ReplayServer::start().await;
        let page = |name: &str| Reply::json(200, json!({"value": [user(name)]}));
        server.reply("GET", "/users", page("any query"));
        server.reply(
            "GET",
            "/users?$top=1&$select=displayName",
            page("this query"),
        );
        server.reply("GET", "/users", page("any query, later"));
        let client = server.client();
        let first = |request: ListUsersWith| {
            let client = client.clone();
            async move {
                let page = client.send(&request).await.unwrap().body;
                page.value[0].display_name.clone().into_option().unwrap()
            }
        };

        // The same options in the other order, one of them encoded.
        let with = ListUsersWith("/users?$select=displayName&%24top=1");
        assert_eq!(first(with).await, "this query");
        assert_eq!(
            first(ListUsersWith("/users?$top=2")).await,
            "any query, later"
        );
        assert_eq!(first(ListUsersWith("/users")).await, "any query, later");
    })
    .await;
}

/// `GET` of a path with a query of its own, read as a page of users.
struct ListUsersWith(&'static str);

impl GraphRequest for ListUsersWith {
    type Body = NoBody;
    type Response = Collection<User>;

    fn method(&self) -> http::Method {
        http::Method::GET
    }

    fn path(&self) -> &str {
        self.0
    }

    fn body(&self) -> Option<&NoBody> {
        None
    }
}

#[tokio::test]
async fn a_chunked_body_is_recorded_whole_and_the_connection_kept_for_the_next_request() {
    bounded(async {
        let server = ReplayServer::start().await;
        server.reply("POST", "/echo", Reply::status(202));
        let address = server.base_url().replace("http://", "");
        let address = address.split('/').next().unwrap().to_owned();
        let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
        stream
            .write_all(
                b"POST /v1.0/echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n\
                  5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n\r\n\
                  POST /v1.0/echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc",
            )
            .await
            .unwrap();
        let mut answers = String::new();
        while answers.matches("HTTP/1.1 202 Accepted").count() < 2 {
            let mut chunk = [0u8; 1024];
            let read = stream.read(&mut chunk).await.unwrap();
            assert!(read > 0, "the connection closed after: {answers}");
            answers.push_str(&String::from_utf8_lossy(&chunk[..read]));
        }

        let sent = server.requests();
        let bodies: Vec<&[u8]> = sent.iter().map(|r| r.body.as_slice()).collect();
        assert_eq!(bodies, [&b"hello, world"[..], b"abc"]);
    })
    .await;
}

#[tokio::test]
async fn a_dropped_server_answers_no_more() {
    bounded(async {
        let server = ReplayServer::start().await;
        server.reply("PATCH", "/users/ada@contoso.com", Reply::status(204));
        let client = server.client().with_retry_policy(RetryPolicy::NONE);
        let update = Graph::users()
            .by_id("ada@contoso.com")
            .update(title("Engineer"));
        client.send(&update).await.expect("answered while it runs");
        drop(server);
        // The server's tasks end when the runtime next polls them: until then a request may
        // still be answered, after that none is (the test's bound fails it otherwise).
        loop {
            match client.send(&update).await {
                Ok(_) => tokio::task::yield_now().await,
                Err(error) if error.status().is_none() => break,
                Err(error) => panic!("an answer from a dropped server: {error}"),
            }
        }
    })
    .await;
}
