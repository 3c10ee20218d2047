//! The `client` feature against a server on 127.0.0.1: every page of an advanced query
//! (`$count` with `ConsistencyLevel: eventual`) carries the first request's headers, as Graph
//! needs them on each page, and the items of both pages arrive in order.

use futures_util::TryStreamExt;
use graph_client::prelude::*;
use graph_client::support::{Client, StaticToken};
use std::io::{BufRead, BufReader, Write};
use std::net::TcpListener;
use std::thread;
use std::time::Duration;

/// What the server saw of one request: its target and headers (names lowercased).
struct Seen {
    target: String,
    headers: Vec<(String, String)>,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        let found = self.headers.iter().find(|(n, _)| n == name);
        found.map(|(_, v)| v.as_str())
    }
}

/// Answers one request per body, in order, on its own connection; returns what it saw.
fn serve(listener: TcpListener, bodies: Vec<String>) -> thread::JoinHandle<Vec<Seen>> {
    thread::spawn(move || {
        let mut seen = Vec::new();
        for body in bodies {
            let (stream, _) = listener.accept().expect("a request arrives");
            stream
                .set_read_timeout(Some(Duration::from_secs(10)))
                .expect("a read timeout");
            let mut reader = BufReader::new(stream.try_clone().expect("a second handle"));
            let mut line = String::new();
            reader.read_line(&mut line).expect("a request line");
            let target = line.split(' ').nth(1).unwrap_or_default().to_owned();
            let mut headers = Vec::new();
            loop {
                line.clear();
                reader.read_line(&mut line).expect("a header line");
                let Some((name, value)) = line.trim_end().split_once(':') else {
                    break;
                };
                headers.push((name.to_ascii_lowercase(), value.trim().to_owned()));
            }
            let mut stream = stream;
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            )
            .expect("an answer is written");
            seen.push(Seen { target, headers });
        }
        seen
    })
}

pub fn advanced_query_headers_reach_every_page() {
    let listener = TcpListener::bind("127.0.0.1:0").expect("a loopback port");
    let origin = format!("http://{}", listener.local_addr().expect("its address"));
    let next = format!("{origin}/v1.0/groups/g1/members?$count=true&$skiptoken=page2");
    let server = serve(
        listener,
        vec![
            format!(
                r##"{{"@odata.count":2,"@odata.nextLink":"{next}","value":[{{"@odata.type":"#microsoft.graph.user","id":"a"}}]}}"##
            ),
            r##"{"@odata.count":2,"value":[{"@odata.type":"#microsoft.graph.group","id":"b"}]}"##
                .to_owned(),
        ],
    );
    let http = Client::http_client_builder()
        .no_proxy()
        .timeout(Duration::from_secs(10))
        .build()
        .expect("a reqwest client");
    let client = Client::with_http_client(http, format!("{origin}/v1.0"), StaticToken("t".into()));
    let members = Graph::groups()
        .by_id("g1")
        .members()
        .list()
        .count(true)
        .consistency_level_eventual();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    let ids: Vec<String> = runtime
        .block_on(client.items(members).try_collect::<Vec<_>>())
        .expect("both pages arrive")
        .iter()
        .map(|member| member.id().value().cloned().unwrap_or_default())
        .collect();
    let seen = server.join().expect("the server ends");
    assert_eq!(ids, ["a", "b"]);
    assert_eq!(seen.len(), 2);
    assert_eq!(
        seen[1].target,
        "/v1.0/groups/g1/members?$count=true&$skiptoken=page2"
    );
    for (page, request) in seen.iter().enumerate() {
        assert_eq!(
            request.header("consistencylevel"),
            Some("eventual"),
            "page {}",
            page + 1
        );
        assert_eq!(
            request.header("authorization"),
            Some("Bearer t"),
            "page {}",
            page + 1
        );
    }
    println!("ConsistencyLevel: eventual on both pages of GET /groups/{{id}}/members?$count=true");
}
