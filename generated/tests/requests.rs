//! The sans-IO layer on the seed operations: each request line becomes the right
//! `http::Request`, path parameters are encoded so that no value can change which resource is
//! addressed, and a PATCH body says exactly what the caller set or cleared.

// The seed models these tests name exist only with every area on.
#![cfg(feature = "full")]

use graph_client::models::{Office365ActivationsUserCounts, User};
use graph_client::requests::Graph;
use graph_client::support::{GraphRequest, Nullable, DEFAULT_BASE_URL};

fn body_json(request: &http::Request<Vec<u8>>) -> serde_json::Value {
    serde_json::from_slice(request.body()).expect("the body is JSON")
}

#[test]
fn patch_me() {
    let request = Graph::me()
        .update(User::default())
        .to_http_request(DEFAULT_BASE_URL)
        .unwrap();
    assert_eq!(request.method(), http::Method::PATCH);
    assert_eq!(request.uri(), "https://graph.microsoft.com/v1.0/me");
    assert_eq!(request.headers()["content-type"], "application/json");
    assert_eq!(body_json(&request), serde_json::json!({}));
}

#[test]
fn patch_users_by_id() {
    let request = Graph::users()
        .by_id("48d31887-5fad-4d73-a9f5-3c356e68a038")
        .update(User::default())
        .to_http_request("https://graph.microsoft.com/v1.0/")
        .unwrap();
    assert_eq!(request.method(), http::Method::PATCH);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/users/48d31887-5fad-4d73-a9f5-3c356e68a038"
    );
}

#[test]
fn patch_office365_activations_user_counts() {
    let body = Office365ActivationsUserCounts {
        activated: Nullable::Value(3),
        ..Default::default()
    };
    let request = Graph::office365_activations_user_counts()
        .update(body)
        .to_http_request(DEFAULT_BASE_URL)
        .unwrap();
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/office365ActivationsUserCounts"
    );
    assert_eq!(body_json(&request), serde_json::json!({ "activated": 3 }));
}

/// No value of a path parameter can leave its segment: `/`, `?`, `#`, `%`, spaces and dot
/// segments are all percent-encoded.
#[test]
fn hostile_ids_stay_in_their_segment() {
    let cases = [
        ("a/b", "/users/a%2Fb"),
        ("../admin", "/users/..%2Fadmin"),
        ("..", "/users/%2E%2E"),
        (".", "/users/%2E"),
        ("x?y#z", "/users/x%3Fy%23z"),
        ("100%", "/users/100%25"),
        ("ada lovelace", "/users/ada%20lovelace"),
        ("ü", "/users/%C3%BC"),
    ];
    for (id, path) in cases {
        let request = Graph::users().by_id(id).update(User::default());
        assert_eq!(request.path(), path, "{id:?}");
        let http = request.to_http_request(DEFAULT_BASE_URL).unwrap();
        assert_eq!(http.uri().path(), format!("/v1.0{path}"), "{id:?}");
        assert_eq!(http.uri().query(), None, "{id:?}");
    }
}

/// The README's example: clear `mobilePhone`, set `jobTitle`, leave everything else alone.
#[test]
fn a_patch_body_has_exactly_the_cleared_and_the_set_keys() {
    let body = User {
        job_title: Nullable::Value("Engineer".into()),
        mobile_phone: Nullable::Null,
        ..User::default()
    };
    let request = Graph::users()
        .by_id("ada")
        .update(body)
        .to_http_request(DEFAULT_BASE_URL)
        .unwrap();
    assert_eq!(
        body_json(&request),
        serde_json::json!({ "jobTitle": "Engineer", "mobilePhone": null })
    );
}

/// Absent and null are told apart on the way in, and unknown properties and annotations are
/// kept on the way back.
#[test]
fn reading_keeps_null_absent_and_unknown_apart() {
    let json = serde_json::json!({
        "@odata.type": "#Microsoft.DirectoryServices.user",
        "@odata.etag": "W/\"1\"",
        "mobilePhone": null,
        "jobTitle": "Engineer",
        "favoriteColor": "teal"
    });
    let user: User = serde_json::from_value(json.clone()).unwrap();
    assert_eq!(user.mobile_phone, Nullable::Null);
    assert_eq!(user.city, Nullable::Absent);
    assert_eq!(user.job_title.as_deref(), Some("Engineer"));
    assert_eq!(user.additional_properties["favoriteColor"], "teal");
    assert_eq!(serde_json::to_value(&user).unwrap(), json);
}

/// A download and an upload, as the generated `$value` and `content` requests are typed: the
/// body goes out as the bytes given, and a response is read as the bytes received, through the
/// same sans-IO contract as every JSON request.
mod media {
    use graph_client::support::__private::UrlPath;
    use graph_client::support::{parse_response, Bytes, Request, Writes, DEFAULT_BASE_URL};

    #[test]
    fn bytes_go_out_and_come_back_as_they_are() {
        let content = Bytes(vec![0x25, 0x50, 0x44, 0x46, 0x00, 0xff]);
        let request: Request<Bytes, Bytes, Writes> = UrlPath::root("/me/drive/root")
            .item_path("report.pdf")
            .push("/content")
            .request(http::Method::PUT)
            .with_body(content.clone());
        let built = request.to_http_request(DEFAULT_BASE_URL).unwrap();
        assert_eq!(
            built.uri(),
            "https://graph.microsoft.com/v1.0/me/drive/root:/report.pdf:/content"
        );
        assert_eq!(built.headers()["content-type"], "application/octet-stream");
        assert_eq!(built.body(), &content.0);

        // A request that sets its own Content-Type keeps it.
        use graph_client::prelude::*;
        let typed = request.clone().header("Content-Type", "application/pdf");
        let built = typed.to_http_request(DEFAULT_BASE_URL).unwrap();
        assert_eq!(built.headers()["content-type"], "application/pdf");
        assert_eq!(built.headers().get_all("content-type").iter().count(), 1);

        let response = http::Response::builder()
            .status(200)
            .body(content.0.clone())
            .unwrap();
        assert_eq!(
            parse_response::<Request<Bytes, Bytes, Writes>>(&response).unwrap(),
            content
        );
    }
}

/// The query options of reads and the by-name escape hatch of every request, as the generated
/// request types get them from the support traits.
mod query_options {
    use graph_client::prelude::*;
    use graph_client::support::__private::UrlPath;
    use graph_client::support::{Collection, NoBody, ReadsCollection, Request, DEFAULT_BASE_URL};

    #[test]
    fn a_collection_read_takes_every_odata_option_and_any_other_by_name() {
        let list: Request<NoBody, Collection<serde_json::Value>, ReadsCollection> =
            UrlPath::root("/users")
                .key("ada@contoso.com")
                .push("/messages")
                .request(http::Method::GET);
        let request = list
            .select(&["subject", "from"])
            .filter("importance eq 'high'")
            .top(5)
            .skip(10)
            .order_by(&["receivedDateTime desc"])
            .expand(&["attachments"])
            .count(true)
            .search("\"budget\"")
            .consistency_level_eventual()
            .query("$format", "json")
            .header("x-ms-trace", "1")
            .include_unknown_enum_members()
            .to_http_request(DEFAULT_BASE_URL)
            .unwrap();
        assert_eq!(
            request.uri(),
            "https://graph.microsoft.com/v1.0/users/ada%40contoso.com/messages?\
             $select=subject,from&$filter=importance%20eq%20'high'&$top=5&$skip=10\
             &$orderby=receivedDateTime%20desc&$expand=attachments&$count=true\
             &$search=%22budget%22&$format=json"
        );
        assert_eq!(request.headers()["consistencylevel"], "eventual");
        assert_eq!(request.headers()["x-ms-trace"], "1");
        assert_eq!(request.headers()["prefer"], "include-unknown-enum-members");
    }
}

/// `Prefer` is a list header: preferences set one after another are all sent, on one line.
mod preferences {
    use graph_client::models::User;
    use graph_client::prelude::*;
    use graph_client::support::DEFAULT_BASE_URL;

    #[test]
    fn prefer_and_unknown_enum_members_are_both_sent() {
        let request = Graph::users()
            .by_id("ada")
            .update(User::default())
            .prefer("outlook.timezone=\"Pacific Standard Time\"")
            .include_unknown_enum_members()
            .prefer("outlook.timezone=\"Pacific Standard Time\"")
            .header("If-Match", "W/\"1\"")
            .header("If-Match", "W/\"2\"")
            .to_http_request(DEFAULT_BASE_URL)
            .unwrap();
        let prefer: Vec<_> = request.headers().get_all("prefer").iter().collect();
        assert_eq!(
            prefer,
            ["outlook.timezone=\"Pacific Standard Time\", include-unknown-enum-members"]
        );
        // An ordinary header is still replaced.
        let if_match: Vec<_> = request.headers().get_all("if-match").iter().collect();
        assert_eq!(if_match, ["W/\"2\""]);
    }
}

/// A request value reads its own response: the response type comes from the value, so no
/// turbofish names the request type.
mod responses {
    use graph_client::models::User;
    use graph_client::requests::Graph;
    use graph_client::support::{GraphRequest, ResponseError};

    fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
        http::Response::builder()
            .status(status)
            .header("etag", "W/\"7\"")
            .body(body.as_bytes().to_vec())
            .unwrap()
    }

    #[test]
    fn a_request_value_reads_its_response() {
        let request = Graph::users().by_id("x").update(User::default());

        let answer = request
            .read_response(response(200, r#"{"id": "x", "jobTitle": "Engineer"}"#))
            .unwrap();
        assert_eq!(answer.status, http::StatusCode::OK);
        assert_eq!(answer.etag(), Some("W/\"7\""));
        let user: User = answer.body.expect("a 200 with a body");
        assert_eq!(user.id.as_deref(), Some("x"));
        assert_eq!(user.job_title.as_deref(), Some("Engineer"));

        let parsed = request.parse_response(&response(204, "")).unwrap();
        assert_eq!(parsed, None, "a 204 update answers nothing");

        let error = request
            .read_response(response(
                404,
                r#"{"error": {"code": "Request_ResourceNotFound"}}"#,
            ))
            .unwrap_err();
        assert!(matches!(error, ResponseError::Graph(_)), "{error:?}");
        assert_eq!(error.status(), 404);
    }
}

/// The answers that are not an entity or a collection: one primitive wrapped in `value`, and
/// the bare number of a `$count`.
mod single_values {
    use graph_client::support::__private::UrlPath;
    use graph_client::support::{Count, GraphRequest, NoBody, PrimitiveValue, Request, Writes};

    fn ok(content_type: &str, body: &[u8]) -> http::Response<Vec<u8>> {
        http::Response::builder()
            .status(200)
            .header("content-type", content_type)
            .body(body.to_vec())
            .unwrap()
    }

    #[test]
    fn a_primitive_answer_reads_its_value() {
        // revokeSignInSessions is documented to return Edm.Boolean.
        let request: Request<NoBody, PrimitiveValue<bool>, Writes> = UrlPath::root("/me")
            .push("/revokeSignInSessions")
            .request(http::Method::POST);
        let body = br#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Edm.Boolean","value":true}"#;
        let answer = request
            .parse_response(&ok("application/json", body))
            .unwrap();
        assert!(answer.into_inner());
    }

    #[test]
    fn a_count_answer_reads_the_text_number() {
        let request: Request<NoBody, Count, Writes> = UrlPath::root("/applications")
            .push("/$count")
            .request(http::Method::GET);
        let answer = request
            .read_response(ok("text/plain", "\u{feff}42".as_bytes()))
            .unwrap();
        assert_eq!(answer.body, Count(42));
        let error = request
            .parse_response(&ok("text/plain", b"forty-two"))
            .unwrap_err();
        assert_eq!(error.status(), 200);
        assert!(error.to_string().contains("$count"), "{error}");
    }
}
