//! Builds `PATCH /users/{id}` through the generated crate, setting `jobTitle` and `accountEnabled`
//! and clearing `mobilePhone`, and prints the request.

use graph_client::models::User;
use graph_client::requests::Graph;
use graph_client::support::{GraphRequest, Nullable, DEFAULT_BASE_URL};

fn main() {
    let body = User {
        job_title: Nullable::Value("Engineer".to_owned()),
        mobile_phone: Nullable::Null,
        account_enabled: true.into(),
        ..User::default()
    };
    let request = Graph::users()
        .by_id("ada@contoso.com")
        .update(body)
        .to_http_request(DEFAULT_BASE_URL)
        .expect("request builds");
    let body: serde_json::Value = serde_json::from_slice(request.body()).expect("JSON body");
    println!("{} {}", request.method(), request.uri());
    println!("{}", request.headers()["content-type"].to_str().unwrap());
    println!("{body}");
}
