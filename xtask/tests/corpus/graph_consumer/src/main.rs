//! Builds the requests a new user of the v1.0 crate writes first, each from the navigation that
//! mirrors its URL, and checks every `http::Request` exactly: method, URI, headers and body;
//! and reads answers through the request values that asked for them. Exits non-zero, saying
//! which and why, when one differs.

mod loopback;

use graph_client::models::{
    AnyMessage, AssignedLicense, DriveItemUploadableProperties, FileAttachment, Message, Post, User,
};
use graph_client::prelude::*;
use graph_client::requests::{
    DirectoryObjectCheckMemberGroupsBody, DriveItemCreateUploadSessionBody, PostReplyBody,
    UserAssignLicenseBody,
};
use graph_client::support::{Bytes, Guid, Nullable, DEFAULT_BASE_URL};
use serde_json::json;

fn build(request: &impl GraphRequest) -> http::Request<Vec<u8>> {
    request
        .to_http_request(DEFAULT_BASE_URL)
        .expect("the request builds")
}

fn json_body(request: &http::Request<Vec<u8>>) -> serde_json::Value {
    assert_eq!(request.headers()["content-type"], "application/json");
    serde_json::from_slice(request.body()).expect("a JSON body")
}

/// Reads a response as the request's own response type (`Bytes` for a download).
fn read_as<R: GraphRequest>(
    _request: &R,
    response: &http::Response<Vec<u8>>,
) -> Result<R::Response, graph_client::support::ResponseError> {
    graph_client::support::parse_response::<R>(response)
}

fn show(request: &http::Request<Vec<u8>>) {
    println!("{} {}", request.method(), request.uri());
}

fn main() {
    // A user's messages: the five newest with only the subject and sender, unread ones.
    let list = Graph::users()
        .by_id("ada@contoso.com")
        .messages()
        .list()
        .top(5)
        .select(&["subject", "from"])
        .filter("isRead eq false");
    let request = build(&list);
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/users/ada%40contoso.com/messages\
         ?$top=5&$select=subject,from&$filter=isRead%20eq%20false"
    );
    assert!(request.body().is_empty());
    show(&request);

    // The children of the signed-in user's drive root, newest first, with a header the page
    // does not document.
    let children = Graph::me()
        .drive()
        .root()
        .children()
        .list()
        .order_by(&["lastModifiedDateTime desc"])
        .header("x-client-tag", "consumer");
    let request = build(&children);
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/me/drive/root/children\
         ?$orderby=lastModifiedDateTime%20desc"
    );
    assert_eq!(request.headers()["x-client-tag"], "consumer");
    show(&request);

    // An update that clears one property and sets another, and says nothing of the rest, only
    // if the user has not changed since it was read.
    let update = Graph::users()
        .by_id("ada@contoso.com")
        .update(User {
            mobile_phone: Nullable::Null,
            job_title: "Engineer".into(),
            ..User::default()
        })
        .if_match("W/\"1\"");
    let request = build(&update);
    assert_eq!(request.method(), http::Method::PATCH);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/users/ada%40contoso.com"
    );
    assert_eq!(request.headers()["if-match"], "W/\"1\"");
    assert_eq!(
        json_body(&request),
        json!({ "mobilePhone": null, "jobTitle": "Engineer" })
    );
    show(&request);

    // An action with a body: assign one license, remove none.
    let sku = Guid::parse("45715bb8-13f9-4bf6-927f-ef96c102d394").expect("a GUID");
    let assign = Graph::users()
        .by_id("ada@contoso.com")
        .assign_license(UserAssignLicenseBody {
            add_licenses: Nullable::Value(vec![AssignedLicense {
                sku_id: Nullable::Value(sku),
                disabled_plans: Nullable::Value(Vec::new()),
                ..AssignedLicense::default()
            }]),
            remove_licenses: Nullable::Value(Vec::new()),
            ..UserAssignLicenseBody::default()
        });
    let request = build(&assign);
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/users/ada%40contoso.com/assignLicense"
    );
    assert_eq!(
        json_body(&request),
        json!({
            "addLicenses": [{ "disabledPlans": [], "skuId": "45715bb8-13f9-4bf6-927f-ef96c102d394" }],
            "removeLicenses": []
        })
    );
    show(&request);

    // A download: a drive item's content by its path, read as bytes.
    let download = Graph::me()
        .drive()
        .root()
        .by_path("Reports/Q1 summary.pdf")
        .content()
        .get();
    let request = build(&download);
    assert_eq!(request.method(), http::Method::GET);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/me/drive/root:/Reports/Q1%20summary.pdf:/content"
    );
    assert!(request.body().is_empty());
    let answer = http::Response::builder()
        .status(200)
        .body(b"%PDF-1.7".to_vec())
        .expect("a response");
    let bytes = read_as(&download, &answer).expect("bytes");
    assert_eq!(bytes.into_inner(), b"%PDF-1.7");
    show(&request);

    answers_and_bodies();
    loopback::advanced_query_headers_reach_every_page();

    // An empty id is refused, never sent to the collection.
    let refused = Graph::users()
        .by_id("")
        .messages()
        .list()
        .to_http_request(DEFAULT_BASE_URL);
    assert!(refused.is_err(), "an empty id must be refused");
    println!("an empty id is refused: {}", refused.unwrap_err());
}

fn answer(status: u16, content_type: &str, body: &str) -> http::Response<Vec<u8>> {
    http::Response::builder()
        .status(status)
        .header("content-type", content_type)
        .body(body.as_bytes().to_vec())
        .expect("a response")
}

/// What the app asks and what Graph answers, nothing lost either way.
fn answers_and_bodies() {
    // `checkMemberGroups` answers the groups the user is in: a collection of strings, read
    // through the request value that asked.
    let check = Graph::me().check_member_groups(DirectoryObjectCheckMemberGroupsBody {
        group_ids: vec!["fee2c45b".to_owned(), "4fe90ae7".to_owned()].into(),
        ..Default::default()
    });
    let request = build(&check);
    assert_eq!(
        json_body(&request),
        json!({ "groupIds": ["fee2c45b", "4fe90ae7"] })
    );
    let read = check
        .read_response(answer(
            200,
            "application/json",
            r#"{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#Collection(Edm.String)","value":["fee2c45b"]}"#,
        ))
        .expect("a collection of strings");
    assert_eq!(read.body.value, ["fee2c45b"]);
    show(&request);

    // A large upload's session, saying what to do when the name is taken.
    let mut item = DriveItemUploadableProperties {
        name: "big.dat".to_owned().into(),
        ..Default::default()
    };
    item.additional_properties
        .insert("@microsoft.graph.conflictBehavior".into(), json!("rename"));
    let session = Graph::me()
        .drive()
        .items()
        .by_id("01ABC")
        .create_upload_session(DriveItemCreateUploadSessionBody {
            item: item.into(),
            ..Default::default()
        });
    let request = build(&session);
    assert_eq!(request.method(), http::Method::POST);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/me/drive/items/01ABC/createUploadSession"
    );
    assert_eq!(
        json_body(&request),
        json!({ "item": { "@microsoft.graph.conflictBehavior": "rename", "name": "big.dat" } })
    );
    show(&request);

    // A new profile photo: bytes, sent with the content type its page documents unless the app
    // says otherwise.
    let photo = Graph::me().photo().value().upload(vec![0xFF, 0xD8, 0xFF]);
    let request = build(&photo);
    assert_eq!(request.method(), http::Method::PUT);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/me/photo/$value"
    );
    assert_eq!(request.headers()["content-type"], "image/jpeg");
    assert_eq!(request.body(), &[0xFF, 0xD8, 0xFF]);
    show(&request);
    let png = Graph::me()
        .photo()
        .value()
        .upload(Bytes(vec![0x89, b'P']))
        .header("Content-Type", "image/png");
    assert_eq!(build(&png).headers()["content-type"], "image/png");

    // A file attached to a message: the call takes any kind of attachment, and a derived kind
    // says what it is, as Graph needs to read it as one.
    let attach = Graph::me()
        .messages()
        .by_id("m1")
        .attachments()
        .create(FileAttachment {
            name: Nullable::Value("notes.txt".into()),
            content_bytes: Nullable::Value(b"hello".to_vec().into()),
            ..Default::default()
        });
    let request = build(&attach);
    assert_eq!(
        json_body(&request),
        json!({
            "@odata.type": "#microsoft.graph.fileAttachment",
            "name": "notes.txt",
            "contentBytes": "aGVsbG8="
        })
    );
    show(&request);

    // Two preferences, both sent.
    let events = Graph::me()
        .events()
        .list()
        .prefer("outlook.timezone=\"Pacific Standard Time\"")
        .include_unknown_enum_members();
    let request = build(&events);
    let prefer: Vec<&str> = request
        .headers()
        .get_all("prefer")
        .iter()
        .map(|v| v.to_str().expect("ASCII"))
        .collect();
    assert_eq!(
        prefer.join(", "),
        "outlook.timezone=\"Pacific Standard Time\", include-unknown-enum-members"
    );
    show(&request);

    // How many applications there are: `$count`, with the header directory objects need, and
    // its `text/plain` answer (Graph may start it with a byte-order mark).
    let count = Graph::applications().count();
    let request = build(&count);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/applications/$count"
    );
    assert_eq!(request.headers()["consistencylevel"], "eventual");
    let read = count
        .read_response(answer(200, "text/plain", "\u{feff}893"))
        .expect("a count");
    assert_eq!(read.body.get(), 893);
    show(&request);

    // A real inbox mixes messages and meeting requests: every subject, without a match.
    let inbox = Graph::me().messages().list();
    let read = inbox
        .read_response(answer(
            200,
            "application/json",
            r##"{"value":[
                {"@odata.type":"#microsoft.graph.message","subject":"Lunch?"},
                {"@odata.type":"#microsoft.graph.eventMessageRequest","subject":"Planning","meetingMessageType":"meetingRequest"}
            ]}"##,
        ))
        .expect("a page of messages");
    let subjects: Vec<Option<&str>> = read
        .body
        .value
        .iter()
        .map(|m| m.subject().as_deref())
        .collect();
    assert_eq!(subjects, [Some("Lunch?"), Some("Planning")]);
    println!("subjects of a mixed inbox: {subjects:?}");
    // `from` is a property of every message: its reader is `from_()`, so that
    // `AnyMessage::from(…)` is still the conversion.
    let draft = AnyMessage::from(Message {
        subject: Nullable::Value("Draft".into()),
        ..Default::default()
    });
    assert!(draft.from_().is_absent() && draft.subject().value().is_some());

    // A reply to a group post takes the reply's parameters, with its `post`.
    let reply = Graph::groups()
        .by_id("g1")
        .threads()
        .by_id("t1")
        .posts()
        .by_id("p1")
        .reply(PostReplyBody {
            post: Post {
                has_attachments: false.into(),
                ..Default::default()
            }
            .into(),
            ..Default::default()
        });
    let request = build(&reply);
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/groups/g1/threads/t1/posts/p1/reply"
    );
    assert_eq!(
        json_body(&request),
        json!({ "post": { "hasAttachments": false } })
    );
    show(&request);

    // Graph's error details, typed: what support engineers ask for.
    let error = Graph::me()
        .get()
        .read_response(answer(
            404,
            "application/json",
            r#"{"error":{"code":"Request_ResourceNotFound","message":"Gone.","innerError":{"request-id":"r-1","client-request-id":"c-1","date":"2026-12-03T10:00:00"}}}"#,
        ))
        .expect_err("a 404 is an error");
    let graph_client::support::ResponseError::Graph(error) = error else {
        panic!("a Graph error");
    };
    let inner = error.inner_error.as_ref().expect("innerError");
    assert_eq!(error.code.as_deref(), Some("Request_ResourceNotFound"));
    assert_eq!(inner.request_id.as_deref(), Some("r-1"));
    assert_eq!(inner.client_request_id.as_deref(), Some("c-1"));
    assert_eq!(inner.date.as_deref(), Some("2026-12-03T10:00:00"));
    println!("error: {error}");
}
