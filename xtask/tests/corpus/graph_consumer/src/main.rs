//! Builds the requests a new user of the v1.0 crate writes first, each from the navigation that
//! mirrors its URL, and checks every `http::Request` exactly: method, URI, headers and body.
//! Exits non-zero, saying which and why, when one differs.

use graph_client::models::{AssignedLicense, User};
use graph_client::prelude::*;
use graph_client::requests::UserAssignLicenseBody;
use graph_client::support::{Guid, Nullable, DEFAULT_BASE_URL};
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

    // An empty id is refused, never sent to the collection.
    let refused = Graph::users().by_id("").messages().list().to_http_request(DEFAULT_BASE_URL);
    assert!(refused.is_err(), "an empty id must be refused");
    println!("an empty id is refused: {}", refused.unwrap_err());
}
