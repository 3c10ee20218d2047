//! Arbitrary markdown-like input never makes the generator panic. Pages are built from the
//! fragments Graph pages are made of (front matter, headings, tables with stray pipes,
//! annotations with broken JSON, code fences, placeholders), mixed with unicode, CR/LF and BOMs,
//! and the whole docs set goes through `generate`. The case count is bounded so CI stays fast;
//! `cargo fuzz` (see `fuzz/`) explores the same ground without a bound.

use generator::{generate, EmitOptions, SourceFile, SourceSet};
use proptest::prelude::*;

fn options() -> EmitOptions {
    EmitOptions::default()
}

/// Short text with the characters that matter to markdown and to names.
fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z][a-zA-Z0-9]{0,8}",
        Just("type".to_owned()),
        Just("self".to_owned()),
        Just("Self".to_owned()),
        Just("String".to_owned()),
        Just("id".to_owned()),
        Just("@odata.type".to_owned()),
        Just("1st".to_owned()),
        Just("ünïcödé".to_owned()),
        Just("名前".to_owned()),
        Just("🦀".to_owned()),
        Just("e\u{301}".to_owned()),
        Just("\u{200b}".to_owned()),
        Just("a b".to_owned()),
        Just("a-b.c".to_owned()),
        Just("*/".to_owned()),
        Just("\"#".to_owned()),
        Just("`".to_owned()),
        Just("<b>".to_owned()),
        Just("[x](".to_owned()),
        Just("\\|".to_owned()),
        "[ -~]{0,6}",
        any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ]
}

fn type_cell() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("String".to_owned()),
        Just("Int32".to_owned()),
        Just("Guid collection".to_owned()),
        Just("Collection(Edm.String)".to_owned()),
        Just("Collection(".to_owned()),
        Just("Collection of Boolean".to_owned()),
        Just("DateTimeOffset".to_owned()),
        Just("[user](../resources/user.md)".to_owned()),
        Just("[thing](thing.md) collection".to_owned()),
        Just("[x][]".to_owned()),
        Just("microsoft.graph.thing".to_owned()),
        Just("`".to_owned()),
        word(),
    ]
}

fn line_end() -> impl Strategy<Value = &'static str> {
    prop_oneof![4 => Just("\n"), 1 => Just("\r\n"), 1 => Just("\r"), 1 => Just("")]
}

fn table() -> impl Strategy<Value = String> {
    let header = prop_oneof![
        Just("|Property|Type|Description|".to_owned()),
        Just("| Name | Type | Description |".to_owned()),
        Just("|Parameter|Type|Description|".to_owned()),
        Just("|Member|Value|Description|".to_owned()),
        Just("|Relationship|Type|Description|".to_owned()),
        Just("Property|Type".to_owned()),
        Just("|a|".to_owned()),
    ];
    let delimiter = prop_oneof![
        Just("|:---|:---|:---|".to_owned()),
        Just("|---|---|".to_owned()),
        Just("|:--\t|--|--|".to_owned()),
        Just("---".to_owned()),
        Just("|".to_owned()),
    ];
    let cell = prop_oneof![word(), type_cell(), Just(String::new())];
    let row = (
        prop::collection::vec(cell, 0..5),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(cells, lead, trail)| {
            format!(
                "{}{}{}",
                if lead { "|" } else { "" },
                cells.join("|"),
                if trail { "|" } else { "" }
            )
        });
    (
        header,
        delimiter,
        prop::collection::vec((row, line_end()), 0..6),
    )
        .prop_map(|(h, d, rows)| {
            let mut out = format!("{h}\n{d}\n");
            for (r, end) in rows {
                out.push_str(&r);
                out.push_str(end);
            }
            out
        })
}

fn annotation() -> impl Strategy<Value = String> {
    let body = prop_oneof![
        Just(r#"{ "blockType": "resource", "@odata.type": "microsoft.graph.thing", "keyProperty": "id" }"#.to_owned()),
        Just(r#"{ "blockType": "request", "name": "update_thing" }"#.to_owned()),
        Just(r#"{ "blockType": "response", "@odata.type": "microsoft.graph.thing", "truncated": true }"#.to_owned()),
        Just(r#"{ "blockType": "resource", "@type": "x.", "baseType": "" }"#.to_owned()),
        Just(r#"{ "blockType": "request", }"#.to_owned()),
        Just(r#"{ "blockType": // comment
               "response" }"#.to_owned()),
        Just(r#"{ "blockType": "#.to_owned()),
        Just("{".to_owned()),
        Just("{ 'a': 1 }".to_owned()),
        Just(r#"{ "a": 1e999, "b": -0 }"#.to_owned()),
        Just(r#"{ "@odata.type": 5 }"#.to_owned()),
        word().prop_map(|w| format!(r#"{{ "blockType": "{w}" }}"#)),
    ];
    let close = prop_oneof![Just("-->"), Just("}-->"), Just(""), Just("-- >")];
    (body, close).prop_map(|(b, c)| format!("<!-- {b} {c}"))
}

fn code_fence() -> impl Strategy<Value = String> {
    let info = prop_oneof![
        Just("http"),
        Just("json"),
        Just(" http "),
        Just(""),
        Just("rust"),
    ];
    let content = prop_oneof![
        Just("PATCH /users/{id}\nGET /me\n".to_owned()),
        Just("PATCH /users/{id\nPOST\n/x\nGET https://graph.microsoft.com/v1.0/me\n".to_owned()),
        Just("PATCH https://graph.microsoft.com/v1.0/users/{id}\nContent-type: application/json\n\n{\n  \"type\": 1,\n  \"displayName\": \"x\"\n}\n".to_owned()),
        Just("HTTP/1.1 200 OK\nContent-type: application/json\n{\n  \"value\": [ { \"id\": \"1\" } ]\n}\n".to_owned()),
        Just("{ \"a\": [1, 2,], /* c */ }".to_owned()),
        Just("{\"@odata.type\": \"#microsoft.graph.thing\", \"x\": {\"y\": [[[]]]}}".to_owned()),
        Just("[".to_owned()),
        word(),
    ];
    let fence = prop_oneof![Just("```"), Just("~~~"), Just("``")];
    let close = prop_oneof![Just("```"), Just(""), Just("~~~")];
    (annotation(), any::<bool>(), fence, info, content, close).prop_map(
        |(ann, annotated, fence, info, content, close)| {
            format!(
                "{}{fence}{info}\n{content}\n{close}\n",
                if annotated { ann + "\n" } else { String::new() }
            )
        },
    )
}

fn front_matter() -> impl Strategy<Value = String> {
    let entry = prop_oneof![
        Just("title: \"thing resource type\"".to_owned()),
        Just("doc_type: resourcePageType".to_owned()),
        Just("doc_type: apiPageType".to_owned()),
        Just("doc_type: enumPageType".to_owned()),
        Just("doc_type: conceptualPageType".to_owned()),
        Just("author: \"**TODO: Provide Github Name**\"".to_owned()),
        Just("description: 'x'".to_owned()),
        Just("  nested: [1, 2]".to_owned()),
        Just("no colon here".to_owned()),
        Just("key: \"".to_owned()),
        word().prop_map(|w| format!("{w}: {w}")),
    ];
    let close = prop_oneof![Just("---"), Just("..."), Just("")];
    (prop::collection::vec(entry, 0..5), close)
        .prop_map(|(entries, close)| format!("---\n{}\n{close}\n", entries.join("\n")))
}

fn heading() -> impl Strategy<Value = String> {
    let text = prop_oneof![
        Just("thing resource type".to_owned()),
        Just("Update thing".to_owned()),
        Just("color enum type".to_owned()),
        Just("Properties".to_owned()),
        Just("Relationships".to_owned()),
        Just("HTTP request".to_owned()),
        Just("Request body".to_owned()),
        Just("Response".to_owned()),
        Just("Examples".to_owned()),
        Just("Permissions".to_owned()),
        Just("Request".to_owned()),
        word(),
    ];
    (1usize..=7, text).prop_map(|(level, t)| format!("{} {t}\n", "#".repeat(level)))
}

fn paragraph() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Namespace: microsoft.graph\n".to_owned()),
        Just("Namespace: \n".to_owned()),
        Just("Namespace: ünï.côdé\n".to_owned()),
        Just("Inherits from [entity](entity.md).\n".to_owned()),
        Just("In the request body, supply a JSON representation of the [thing](../resources/thing.md) object.\n".to_owned()),
        Just("If successful, this method returns a `200 OK` response code and a collection of [thing](../resources/thing.md) objects.\n".to_owned()),
        Just("**TODO: Add Description**\n".to_owned()),
        Just("**TODO: x **\n".to_owned()),
        Just("**TODO".to_owned()),
        Just("*unclosed **emphasis _and_ `code\n".to_owned()),
        Just("<div>html <b>block</div>\n".to_owned()),
        Just("> quote\n> > nested\n".to_owned()),
        Just("- a\n  - b\n    - c\n".to_owned()),
        Just("[ref]: https://example.com\n".to_owned()),
        Just("[!INCLUDE [x](x.md)]\n".to_owned()),
        Just("\u{feff}".to_owned()),
        Just("\r\n".to_owned()),
        Just("\t\t|\n".to_owned()),
        prop::collection::vec(word(), 0..6).prop_map(|w| w.join(" ") + "\n"),
    ]
}

fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => heading(),
        3 => table(),
        2 => code_fence(),
        2 => annotation().prop_map(|a| a + "\n"),
        2 => paragraph(),
        1 => front_matter(),
        1 => Just("\n".to_owned()),
    ]
}

/// A page: optional front matter, then fragments; sometimes with a BOM or all CRLF.
fn page() -> impl Strategy<Value = String> {
    (
        proptest::option::of(front_matter()),
        prop::collection::vec(fragment(), 0..16),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(fm, fragments, bom, crlf)| {
            let mut text = fm.unwrap_or_default() + &fragments.join("\n");
            if crlf {
                text = text.replace('\n', "\r\n");
            }
            if bom {
                text.insert(0, '\u{feff}');
            }
            text
        })
}

proptest! {
    // 64 cases unless PROPTEST_CASES says otherwise (for longer local runs). Failures are not
    // persisted to a file: each one found becomes a test in `tests/regressions.rs`.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(64),
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn markdown_like_input_never_panics(pages in prop::collection::vec(page(), 1..4)) {
        let files = pages
            .iter()
            .enumerate()
            .map(|(i, text)| {
                let dir = if i % 2 == 0 { "resources" } else { "api" };
                SourceFile::new(format!("{dir}/page{i}.md"), text)
            })
            .collect();
        let sources = SourceSet::new(files);
        let generation = generate(&sources, &options());
        for file in &generation.files {
            prop_assert!(!file.contents.is_empty(), "{} is empty", file.path);
        }
        for d in &generation.analysis.diagnostics {
            // Every diagnostic can be located.
            let _ = sources.location(d.primary.span);
            for s in &d.secondary {
                let _ = sources.location(s.span);
            }
        }
    }
}
