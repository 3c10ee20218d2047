//! Hostile names and descriptions: property, type, enum-member and parameter names that are Rust
//! keywords, start with a digit, contain spaces, dashes, dots or `@`, collide after case
//! conversion or shadow prelude types; descriptions with `*/`, `"#`, backticks, HTML and broken
//! markdown. The generated crate must build with warnings denied (`RUSTFLAGS=-D warnings`),
//! its tests (round trips, and the wire-name checks written below) must pass, and its rustdoc
//! must build with warnings denied. The crate is built in a temporary directory with `CARGO_TARGET_DIR` under the
//! workspace's `target/`, so dependencies are compiled once and reused.

use generator::{generate, EmitOptions, Generation, SourceFile, SourceSet};
use std::path::{Path, PathBuf};
use std::process::Command;

fn options() -> EmitOptions {
    EmitOptions::default()
}

/// Descriptions that break naive escaping: comment ends, raw-string ends, backticks, HTML and
/// broken markdown.
const NASTY: &str =
    "Ends a comment */ and /* opens one; ends a raw string \"# and \"## and r#\"x\"#; \
    backticks ``` `` ` and `code */ \"#` and an unclosed span; HTML <b>bold</b> <div>block</div> \
    <script>alert(1)</script> <!-- comment --> &amp; &lt;; a [broken link]( and [text][undefined] \
    and [`Vec`] and [Self]; **unclosed bold and _unclosed emphasis; \
    a backslash \\ and {braces} and a #hash and @at and 100% and $dollar.";

/// A resource page declaring `name` (qualified by `namespace`) with `(property, type, description)` rows.
fn resource(namespace: &str, name: &str, rows: &[(&str, &str, &str)]) -> String {
    let mut page = format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n\
         # {name} resource type\n\nNamespace: {namespace}\n\n{NASTY}\n\n## Properties\n\n\
         |Property|Type|Description|\n|:---|:---|:---|\n"
    );
    for (property, ty, description) in rows {
        page.push_str(&format!("|{property}|{ty}|{description}|\n"));
    }
    page.push_str(&format!(
        "\n## JSON representation\n\n<!-- {{\n  \"blockType\": \"resource\",\n  \"@odata.type\": \"{namespace}.{name}\"\n}} -->\n```json\n{{}}\n```\n"
    ));
    page
}

/// Property names of `hostile`: every kind of hostile name, each with a nasty description.
const HOSTILE_PROPERTIES: &[(&str, &str)] = &[
    ("id", "String"),
    ("type", "String"),
    ("self", "String"),
    ("Self", "String"),
    ("crate", "String"),
    ("move", "Int32"),
    ("super", "String"),
    ("async", "String"),
    ("r#type", "String"),
    ("1stPlace", "String"),
    ("42", "String"),
    ("display name", "String"),
    ("foo-bar", "String"),
    ("foo.bar", "String"),
    ("@odata.etag", "String"),
    ("@odata.type", "String"),
    ("odataType", "String"),
    ("odata_type", "String"),
    ("additionalProperties", "String"),
    ("fooBar", "String"),
    ("foo_bar", "String"),
    ("FooBar", "String"),
    ("FOO_BAR", "String"),
    ("_", "String"),
    ("__", "String"),
    ("string", "microsoft.graph.String"),
    ("option", "microsoft.graph.Option"),
    ("result", "microsoft.graph.Result collection"),
    ("vec", "microsoft.graph.Vec"),
    ("box", "microsoft.graph.Box"),
    ("color", "microsoft.graph.color collection"),
    ("typeType", "microsoft.graph.type"),
    ("selfType", "microsoft.graph.self"),
    ("crateType", "microsoft.graph.crate"),
    ("digitType", "microsoft.graph.3dModel"),
    ("spaceType", "microsoft.graph.my type"),
    ("fooBarType", "microsoft.graph.fooBar"),
    ("foo_barType", "microsoft.graph.foo_bar"),
    ("dashType", "microsoft.graph.foo-bar"),
    ("atType", "microsoft.graph.@thing"),
    ("abcType", "microsoft.graph.abc"),
    ("cType", "microsoft.graph.c"),
    ("otherCType", "a.b.c"),
];

/// Enum members: keywords, digits, punctuation, case collisions, the catch-all's own name.
const COLOR_MEMBERS: &[&str] = &[
    "type",
    "self",
    "Self",
    "crate",
    "move",
    "1st",
    "42",
    "foo-bar",
    "foo.bar",
    "@odd",
    "fooBar",
    "foo_bar",
    "FooBar",
    "Unrecognized",
    "None",
    "Some",
    "Ok",
    "Err",
    "unknownFutureValue",
];

/// Body parameters of the `doIt` action.
const PARAMETERS: &[(&str, &str)] = &[
    ("type", "String"),
    ("self", "String"),
    ("Self", "String"),
    ("crate", "String"),
    ("1st", "String"),
    ("foo-bar", "String"),
    ("foo.bar", "String"),
    ("@x", "String"),
    ("fooBar", "String"),
    ("foo_bar", "String"),
    ("body", "String"),
    ("additionalProperties", "String"),
    ("string", "microsoft.graph.String"),
    ("color", "microsoft.graph.color"),
];

fn pages() -> Vec<(String, String)> {
    let mut pages = Vec::new();
    let nasty_rows: Vec<(&str, &str, &str)> = HOSTILE_PROPERTIES
        .iter()
        .map(|(p, t)| (*p, *t, NASTY))
        .collect();
    pages.push((
        "resources/hostile.md".to_owned(),
        resource("microsoft.graph", "hostile", &nasty_rows),
    ));
    // Types named after Rust keywords and prelude types, or with names that only differ in
    // punctuation or case, or whose module names could meet.
    for (file, namespace, name) in [
        ("string", "microsoft.graph", "String"),
        ("option", "microsoft.graph", "Option"),
        ("result", "microsoft.graph", "Result"),
        ("vec", "microsoft.graph", "Vec"),
        ("type", "microsoft.graph", "type"),
        ("self", "microsoft.graph", "self"),
        ("crate", "microsoft.graph", "crate"),
        ("move", "microsoft.graph", "move"),
        ("3dmodel", "microsoft.graph", "3dModel"),
        ("mytype", "microsoft.graph", "my type"),
        ("foobar", "microsoft.graph", "fooBar"),
        ("foo_bar", "microsoft.graph", "foo_bar"),
        ("foo-bar", "microsoft.graph", "foo-bar"),
        ("atthing", "microsoft.graph", "@thing"),
        ("abc", "microsoft.graph", "abc"),
        ("c", "microsoft.graph", "c"),
        ("a.b.c", "a.b", "c"),
    ] {
        pages.push((
            format!("resources/{file}.md"),
            resource(
                namespace,
                name,
                &[
                    ("value", "String", "`*/` \"# <b>x</b>"),
                    ("type", "String", "A keyword."),
                    (
                        "self",
                        "microsoft.graph.self",
                        "Refers to a type named self.",
                    ),
                ],
            ),
        ));
    }
    let mut color =
        "---\ntitle: \"color enum type\"\ndoc_type: enumPageType\n---\n\n# color enum type\n\n\
        Namespace: microsoft.graph\n\n## Members\n\n|Member|Value|Description|\n|:---|:---|:---|\n"
            .to_owned();
    for (i, m) in COLOR_MEMBERS.iter().enumerate() {
        color.push_str(&format!("|{m}|{i}|{NASTY}|\n"));
    }
    pages.push(("resources/color.md".into(), color));
    pages.push((
        "resources/box.md".into(),
        "# Box enum type\n\nNamespace: microsoft.graph\n\n|Member|Description|\n|:---|:---|\n\
         |Some|x|\n|None|*/|\n|Ok|\"#|\n|Err|`|\n"
            .into(),
    ));

    let mut action = format!(
        "---\ntitle: \"hostile: doIt\"\ndescription: \"{}\"\ndoc_type: apiPageType\n---\n\n\
         # hostile: doIt\n\nNamespace: microsoft.graph\n\n{NASTY}\n\n## HTTP request\n\n```http\n\
         POST /hostiles/{{type}}/doIt\n\
         POST /hostiles/{{selfId}}/{{Self}}/doIt\n\
         POST /hostiles/{{crate}}/do/it\n\
         POST /hostiles/{{body}}/{{1st}}/{{foo-bar}}/{{foo.bar}}/{{@x}}/{{fooBar}}/{{foo_bar}}/doIt\n\
         POST /hostiles/{{id | userPrincipalName}}/{{move}}/doIt\n\
         POST /me/doIt\n\
         POST /me/doIt/\n\
         POST /$metadata\n\
         ```\n\n## Request body\n\n|Parameter|Type|Description|\n|:---|:---|:---|\n",
        NASTY.replace('"', "'"),
    );
    for (p, t) in PARAMETERS {
        action.push_str(&format!("|{p}|{t}|{NASTY}|\n"));
    }
    action.push_str(
        "\n## Response\n\nIf successful, this method returns a `200 OK` response code and a \
         [hostile](../resources/hostile.md) object in the response body.\n",
    );
    pages.push(("api/hostile-doit.md".into(), action));

    // An update page with a request and a response example using every hostile wire name.
    let example = serde_json::to_string_pretty(&hostile_json()).unwrap();
    pages.push((
        "api/hostile-update.md".into(),
        format!(
            "---\ntitle: \"Update hostile\"\ndescription: \"{}\"\ndoc_type: apiPageType\n---\n\n\
             # Update hostile\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nPATCH /hostiles/{{id}}\n```\n\n\
             ## Request body\n\nIn the request body, supply a JSON representation of the \
             [hostile](../resources/hostile.md) object.\n\n\
             ## Response\n\nIf successful, this method returns a `200 OK` response code and an updated \
             [hostile](../resources/hostile.md) object.\n\n## Examples\n\n### Request\n\n\
             <!-- {{\n  \"blockType\": \"request\",\n  \"name\": \"update_hostile\"\n}} -->\n```http\n\
             PATCH https://graph.microsoft.com/v1.0/hostiles/{{id}}\nContent-type: application/json\n\n{example}\n```\n\n\
             ### Response\n\n<!-- {{\n  \"blockType\": \"response\",\n  \"@odata.type\": \"microsoft.graph.hostile\"\n}} -->\n\
             ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n{example}\n```\n",
            NASTY.replace('"', "'"),
        ),
    ));
    pages.extend(odd_pages());
    // An operation whose title is a keyword, returning a collection of a prelude-named type.
    pages.push((
        "api/self-get.md".into(),
        "# Self\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\nGET /items/{self}?$select=type\nGET /items/{typeId}/{type}\n```\n\n\
         ## Response\n\nIf successful, this method returns a `200 OK` response code and a collection of \
         [Vec](../resources/vec.md) objects.\n"
            .into(),
    ));
    pages
}

/// Property names of `odd`: non-ASCII, empty once sanitized, quotes, backslashes, controls.
const ODD_PROPERTIES: &[&str] = &[
    "名前",
    "naïve",
    "ﬁle",
    "Ａ",
    "а",
    "a",
    "x²",
    "٣x",
    "a\"b",
    "a\\b",
    "a\u{202e}b",
    "-",
    "$value",
];

/// Members of `oddEnum`.
const ODD_MEMBERS: &[&str] = &["-", "@@", "名前", "x²", "٣x", "a\"b", "ﬁ"];

/// Names that sanitize to nothing or to non-ASCII identifiers, quotes, backslashes and control
/// characters in wire names, a lone CR, and types named after crates and support types.
fn odd_pages() -> Vec<(String, String)> {
    let odd_rows: Vec<(&str, &str, &str)> = ODD_PROPERTIES
        .iter()
        .map(|p| (*p, "String", "An odd name."))
        .collect();
    let mut pages = vec![
        (
            "api/cr-get.md".to_owned(),
            "---\ntitle: \"Get cr\"\ndescription: \"a bare\rCR\"\n---\n# Get cr\n\n\
             Namespace: microsoft.graph\n\n## HTTP request\n\n```http\nGET /cr\n```\n"
                .to_owned(),
        ),
        (
            "resources/odd.md".to_owned(),
            resource("microsoft.graph", "odd", &odd_rows),
        ),
    ];
    // An unbalanced backtick before an intra-doc-link look-alike, and a description that starts
    // with a code fence.
    pages.push((
        "resources/backtick.md".to_owned(),
        resource(
            "microsoft.graph",
            "backtick",
            &[
                ("value", "String", "an unclosed `span and [text][undefined]"),
                ("fence", "String", "```rust"),
            ],
        ),
    ));
    let mut members =
        "# oddEnum enum type\n\nNamespace: microsoft.graph\n\n|Member|Description|\n|:---|:---|\n"
            .to_owned();
    for m in ODD_MEMBERS {
        members.push_str(&format!("|{m}|x|\n"));
    }
    pages.push(("resources/oddenum.md".to_owned(), members));
    for (file, name) in [
        ("std", "std"),
        ("serde", "serde"),
        ("nullable", "Nullable"),
        ("dash", "-"),
    ] {
        pages.push((
            format!("resources/type-{file}.md"),
            resource("microsoft.graph", name, &[("value", "String", "x")]),
        ));
    }
    pages
}

/// Hostile input that once broke the generated crate, one problem a page (each was found by an
/// earlier run of this test and fixed in emit).
fn once_failing_pages() -> Vec<(String, String)> {
    vec![
        // Constructor names joined from escaped keywords: `by_self__and_self__and_crate_`
        // (non_snake_case).
        (
            "api/keywordpath-get.md".to_owned(),
            "# Get keywordPath\n\nNamespace: microsoft.graph\n\n## HTTP request\n\n```http\n\
             GET /x/{self}/{Self}/{crate}\nGET /x/{type}/{type}\n```\n"
                .to_owned(),
        ),
        // An unmatched run of three backticks: the escaping once paired single backticks in
        // order, so it took ` [text][undefined] ` for code and left it unescaped, while CommonMark
        // (rustdoc) reads `a` as the code span and the brackets as an intra-doc link to nothing
        // (rustdoc::broken_intra_doc_links).
        (
            "resources/backtickruns.md".to_owned(),
            resource(
                "microsoft.graph",
                "backtickRuns",
                &[("value", "String", "``` `a` [text][undefined] `b`")],
            ),
        ),
        // A URL in a description is a bare URL to rustdoc (rustdoc::bare_urls).
        (
            "resources/url.md".to_owned(),
            resource(
                "microsoft.graph",
                "url",
                &[(
                    "value",
                    "String",
                    "see <https://example.com> and https://example.org",
                )],
            ),
        ),
        // Bidirectional-text control characters in a doc comment
        // (text_direction_codepoint_in_comment, deny by default).
        (
            "resources/bidi.md".to_owned(),
            resource(
                "microsoft.graph",
                "bidi",
                &[
                    ("value", "String", "evil \u{202e}txet\u{202c} here"),
                    // In a code span and a URL, and before indentation (which, kept, would
                    // have opened an indented code block: a doctest).
                    ("spans", "String", "`a\u{202e}b` https://x/\u{2066}y"),
                    ("indented", "String", "\u{202e}    std::process::exit(1)"),
                ],
            ),
        ),
        // A description that starts with a `~~~` fence opens a code block in the doc comment,
        // which becomes a failing doctest.
        (
            "resources/fence.md".to_owned(),
            resource("microsoft.graph", "fence", &[("value", "String", "~~~")]),
        ),
    ]
    .into_iter()
    // Areas named after what the test harnesses import: each area's examples are a module of
    // the harness (`mod models;` beside `use graph_client::models;` is E0255).
    .chain(["models", "requests", "graph-client"].map(area_page))
    .collect()
}

/// An API page of `area` with a request line and a response example.
fn area_page(area: &str) -> (String, String) {
    let slug = area.replace('-', "");
    (
        format!("api/{slug}-get.md"),
        format!(
            "---\ntitle: \"Get {slug}\"\nms.prod: \"{area}\"\n---\n# Get {slug}\n\n\
             Namespace: microsoft.graph\n\n## HTTP request\n\n```http\nGET /{slug}\n```\n\n\
             ## Example\n\n### Response\n\n<!-- {{ \"blockType\": \"response\" }} -->\n\
             ```http\nHTTP/1.1 200 OK\nContent-Type: application/json\n\n{{ \"value\": 1 }}\n```\n"
        ),
    )
}

/// A `hostile` value with every documented property set (to null where a value would need a
/// type; `@odata.type` as the annotation).
fn hostile_json() -> serde_json::Value {
    let mut object = serde_json::Map::new();
    for (name, ty) in HOSTILE_PROPERTIES {
        let value = match (*name, *ty) {
            ("@odata.type", _) => serde_json::json!("#microsoft.graph.hostile"),
            (_, "String") => serde_json::json!(format!("value of {name}")),
            (_, "Int32") => serde_json::json!(42),
            _ => serde_json::Value::Null,
        };
        object.insert((*name).to_owned(), value);
    }
    serde_json::Value::Object(object)
}

fn generation(pages: Vec<(String, String)>) -> (SourceSet, Generation) {
    let sources = SourceSet::new(
        pages
            .into_iter()
            .map(|(path, text)| SourceFile::new(path, &text))
            .collect(),
    );
    let generation = generate(&sources, &options());
    (sources, generation)
}

/// The generated text parses as Rust, and every wire name appears exactly as written.
#[test]
fn every_hostile_name_keeps_its_wire_name() {
    let (_, generation) = generation(pages());
    let model = |path: &str| {
        &generation
            .files
            .iter()
            .find(|f| f.path == path)
            .unwrap_or_else(|| panic!("{path} not generated: {:?}", paths(&generation)))
            .contents
    };
    let hostile = model("src/models/hostile.rs");
    for (name, _) in HOSTILE_PROPERTIES {
        // Read and written under the exact wire name.
        for call in [format!("{name:?} =>"), format!("member({name:?},")] {
            assert!(hostile.contains(&call), "{call} missing from hostile.rs");
        }
    }
    let color = model("src/models/color.rs");
    for m in COLOR_MEMBERS {
        assert!(
            color.contains(&format!("{m:?}")),
            "{m} missing from color.rs"
        );
    }
    for file in generation.files.iter().filter(|f| f.path.ends_with(".rs")) {
        syn::parse_file(&file.contents)
            .unwrap_or_else(|e| panic!("{} does not parse: {e}", file.path));
    }
}

fn paths(generation: &Generation) -> Vec<&str> {
    generation.files.iter().map(|f| f.path.as_str()).collect()
}

/// Tests written into the generated crate: every wire name deserializes into its field (nothing
/// lands in `additional_properties`) and is written back exactly; every enum member is its own
/// variant; the action's body parameters keep their names.
fn wire_name_tests() -> String {
    let hostile = serde_json::to_string(&hostile_json()).unwrap();
    let members = serde_json::to_string(COLOR_MEMBERS).unwrap();
    let mut params = serde_json::Map::new();
    for (p, t) in PARAMETERS {
        let value = if *t == "String" {
            serde_json::json!(format!("value of {p}"))
        } else {
            serde_json::Value::Null
        };
        params.insert((*p).to_owned(), value);
    }
    let params = serde_json::to_string(&serde_json::Value::Object(params)).unwrap();
    let odd: serde_json::Map<String, serde_json::Value> = ODD_PROPERTIES
        .iter()
        .map(|p| ((*p).to_owned(), serde_json::json!(format!("value of {p}"))))
        .collect();
    let odd = serde_json::to_string(&odd).unwrap();
    let odd_members = serde_json::to_string(ODD_MEMBERS).unwrap();
    format!(
        r####"//! Written by generator/tests/hostile_names.rs.
use graph_client::models::{{Color, Hostile, Odd, OddEnum}};
use graph_client::support::GraphRequest;

#[test]
fn hostile_properties_keep_their_wire_names() {{
    let json: serde_json::Value = serde_json::from_str({hostile:?}).unwrap();
    let model: Hostile = serde_json::from_value(json.clone()).unwrap();
    assert!(model.additional_properties.is_empty(), "not matched to fields: {{:?}}", model.additional_properties.keys());
    assert_eq!(model.odata_type.as_deref(), Some("#microsoft.graph.hostile"));
    assert_eq!(serde_json::to_value(&model).unwrap(), json);
}}

#[test]
fn enum_members_keep_their_wire_names() {{
    let members: Vec<String> = serde_json::from_str({members:?}).unwrap();
    for m in &members {{
        let value: Color = serde_json::from_value(serde_json::Value::String(m.clone())).unwrap();
        assert!(!matches!(value, Color::Unrecognized(_)), "{{m}} is not a documented variant");
        assert_eq!(value.as_str(), m);
        assert_eq!(serde_json::to_value(&value).unwrap(), serde_json::Value::String(m.clone()));
    }}
}}

#[test]
fn action_parameters_keep_their_wire_names() {{
    let json: serde_json::Value = serde_json::from_str({params:?}).unwrap();
    // The body struct is named by the type the action is bound to and the action.
    let body: graph_client::requests::HostileDoItBody = serde_json::from_value(json.clone()).unwrap();
    let request = graph_client::requests::Graph::me().do_it(body);
    let written = serde_json::to_value(request.body().unwrap()).unwrap();
    assert_eq!(written, json);
}}

#[test]
fn odd_properties_keep_their_wire_names() {{
    let json: serde_json::Value = serde_json::from_str({odd:?}).unwrap();
    let model: Odd = serde_json::from_value(json.clone()).unwrap();
    assert!(model.additional_properties.is_empty(), "not matched to fields: {{:?}}", model.additional_properties.keys());
    assert_eq!(serde_json::to_value(&model).unwrap(), json);
}}

#[test]
fn odd_enum_members_keep_their_wire_names() {{
    let members: Vec<String> = serde_json::from_str({odd_members:?}).unwrap();
    for m in &members {{
        let value = OddEnum::from_wire(m);
        assert!(!matches!(value, OddEnum::Unrecognized(_)), "{{m}} is not a documented variant");
        assert_eq!(value.as_str(), m);
    }}
}}
"####
    )
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// Copies the hand-written parts of `generated/` as `xtask::scaffold` does, then writes the
/// generated files and the wire-name tests.
fn write_crate(dir: &Path, generation: &Generation) {
    let template = workspace().join("generated");
    let mut files = vec![
        PathBuf::from("Cargo.toml"),
        PathBuf::from("src/lib.rs"),
        PathBuf::from("tests/doc_examples.rs"),
    ];
    for entry in std::fs::read_dir(template.join("src/support")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "rs") {
            files.push(Path::new("src/support").join(path.file_name().unwrap()));
        }
    }
    for rel in files {
        let mut text = std::fs::read_to_string(template.join(&rel)).unwrap();
        if rel == Path::new("Cargo.toml") {
            text.push_str("\n[workspace]\n");
        }
        // The runtime's examples use Graph's `user`, which these docs lack: `xtask::scaffold`
        // shows them as text in such a crate.
        if rel != Path::new("Cargo.toml") {
            for fence in ["//! ```", "/// ```"] {
                for kind in ["\n", "no_run\n", "rust\n"] {
                    text = text.replace(&format!("{fence}{kind}"), &format!("{fence}text\n"));
                }
            }
        }
        let to = dir.join(&rel);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, text).unwrap();
    }
    // The workspace's lock file, so that the same dependency versions are used (and reused).
    std::fs::copy(workspace().join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();
    for file in &generation.files {
        let to = dir.join(&file.path);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, file.contents.as_bytes()).unwrap();
    }
    std::fs::write(dir.join("tests/hostile_wire_names.rs"), wire_name_tests()).unwrap();
}

fn cargo(dir: &Path, args: &[&str]) -> Command {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| workspace().join("target"))
        .join("hostile-names");
    let mut command = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    command
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        // The library no longer denies warnings itself (a dependant's build must survive a
        // new compiler lint); the test denies them for it.
        .env("RUSTFLAGS", "-D warnings")
        .env("RUSTDOCFLAGS", "-D warnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    command
}

fn run(dir: &Path, args: &[&str]) {
    let output = cargo(dir, args).output().unwrap();
    assert!(
        output.status.success(),
        "`cargo {}` failed on the hostile-names crate:\n{}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
}

fn build_test_and_document(pages: Vec<(String, String)>) {
    let (_, generation) = generation(pages);
    let temp = tempfile::tempdir().unwrap();
    write_crate(temp.path(), &generation);
    run(temp.path(), &["build", "--all-targets", "--quiet"]);
    run(temp.path(), &["test", "--quiet"]);
    run(temp.path(), &["doc", "--no-deps", "--quiet"]);
}

#[test]
fn the_generated_crate_builds_tests_and_documents_with_warnings_denied() {
    let mut all = pages();
    all.extend(once_failing_pages());
    build_test_and_document(all);
}
