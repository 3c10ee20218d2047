//! Builds `PATCH /users/{id}` with the typed `User` model from the v1.0 crate built with only the
//! `users` feature: `mobilePhone` cleared (`null`), `jobTitle` set, nothing else sent. Exits
//! non-zero, saying why, when the request is not exactly that.

use graph_client::models::User;
use graph_client::requests::Graph;
use graph_client::support::{GraphRequest, Nullable, DEFAULT_BASE_URL};

fn main() {
    let body = User {
        mobile_phone: Nullable::Null,
        job_title: Nullable::Value("Engineer".to_owned()),
        ..User::default()
    };
    let request = Graph::users()
        .by_id("ada@contoso.com")
        .update(body)
        .to_http_request(DEFAULT_BASE_URL)
        .expect("the request builds");
    assert_eq!(request.method(), "PATCH");
    assert_eq!(
        request.uri(),
        "https://graph.microsoft.com/v1.0/users/ada%40contoso.com"
    );
    assert_eq!(request.headers()["content-type"], "application/json");
    let sent: serde_json::Value = serde_json::from_slice(request.body()).expect("a JSON body");
    assert_eq!(
        sent,
        serde_json::json!({ "mobilePhone": null, "jobTitle": "Engineer" })
    );
    println!("{} {} {sent}", request.method(), request.uri());
}
