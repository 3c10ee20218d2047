//! Diagnostics as they meet people and CI at Graph scale: a 5,000-character source line and a
//! 700-member enum render within a bounded width, columns still those of the page; the GitHub
//! format is one workflow command per diagnostic with its properties escaped; the JSON format
//! closes with a summary object.

use codespan_reporting::term::termcolor::NoColor;
use generator::{generate, Code, EmitOptions, SourceFile, SourceSet};
use xtask::render::{render_github, render_human_at, summary_json, summary_table, DisplayRoot};

/// No human-format line may be longer: the gutter, a source line cut to
/// `excerpt::MAX_LINE` characters, and a label cut to `render::MAX_TEXT`, with room to spare.
const MAX_OUTPUT_LINE: usize = 400;

fn docs() -> SourceSet {
    let members: String = (0..700)
        .map(|i| format!("|member{i}|{i}|Member {i}.|\n"))
        .collect();
    let shade = format!(
        "---\ntitle: \"shade enum type\"\ndoc_type: enumPageType\n---\n\n# shade enum type\n\nNamespace: microsoft.graph\n\n\
         |Member|Value|Description|\n|:---|:---|:---|\n{members}"
    );
    let widget = "---\ntitle: \"widget resource type\"\ndoc_type: resourcePageType\n---\n\n# widget resource type\n\n\
        Namespace: microsoft.graph\n\n## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n\
        |id|String|Id.|\n|shade|[shade](shade.md)|The shade.|\n|size|Int32|The size.|\n";
    let padding = "x".repeat(5_000);
    let page = format!(
        "---\ntitle: \"Get widget\"\ndoc_type: apiPageType\n---\n\n# Get widget\n\nNamespace: microsoft.graph\n\n\
         ## HTTP request\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\nGET /widgets/{{id}}\n```\n\n\
         ## Response\nReturns a [widget](../resources/widget.md) object.\n\n## Example\n\
         <!-- {{ \"blockType\": \"response\", \"@odata.type\": \"microsoft.graph.widget\" }} -->\n\
         ```http\nHTTP/1.1 200 OK\nContent-type: application/json\n\n\
         {{\"id\": \"{padding}\", \"shade\": \"notAShade\", \"size\": \"{padding}\"}}\n```\n"
    );
    SourceSet::new(vec![
        SourceFile::new("resources/shade.md", &shade),
        SourceFile::new("resources/widget.md", widget),
        SourceFile::new("api/widget-get.md", &page),
    ])
}

#[test]
fn long_lines_and_long_member_lists_render_within_the_bound() {
    let sources = docs();
    let generation = generate(&sources, &EmitOptions::default());
    let diagnostics = &generation.analysis.diagnostics;
    assert!(diagnostics
        .iter()
        .any(|d| d.code == Code::ExampleEnumMember));
    assert!(diagnostics
        .iter()
        .any(|d| d.code == Code::ExampleValueMismatch));

    let mut out = NoColor::new(Vec::new());
    render_human_at(
        &sources,
        &DisplayRoot::new("docs".as_ref()),
        diagnostics,
        &mut out,
    );
    let text = String::from_utf8(out.into_inner()).unwrap();
    let longest = text.lines().map(|l| l.chars().count()).max().unwrap();
    assert!(
        longest <= MAX_OUTPUT_LINE,
        "a {longest}-character line:\n{text}"
    );
    // The member list is summarised with a count, the cut line marked, the path clickable from
    // where the command runs, and the column that of the page: on line 25, `{"id": "` (8
    // characters), 5,000 `x`, `", "shade": ` (12): the enum value starts at column 5,021.
    assert!(text.contains("and 692 more"), "{text}");
    assert!(text.contains('…'), "{text}");
    assert!(text.contains("docs/api/widget-get.md:25:5021"), "{text}");
}

#[test]
fn github_annotations_are_workflow_commands_with_escaped_properties() {
    let sources = docs();
    let generation = generate(&sources, &EmitOptions::default());
    let diagnostics = &generation.analysis.diagnostics;
    let root = DisplayRoot::new("my docs, v1:0".as_ref());
    let text = render_github(&sources, &root, diagnostics);
    assert_eq!(text.lines().count(), diagnostics.len());
    for line in text.lines() {
        // `::warning file=…,line=…,col=…,endLine=…,endColumn=…,title=…::message`, the message on
        // one line.
        let (command, message) = line[2..]
            .split_once("::")
            .expect("a `::` before the message");
        let (kind, properties) = command.split_once(' ').expect("properties after the kind");
        assert!(["error", "warning", "notice"].contains(&kind), "{line}");
        let keys: Vec<&str> = properties
            .split(',')
            .map(|p| p.split_once('=').expect("key=value").0)
            .collect();
        assert_eq!(
            keys,
            ["file", "line", "col", "endLine", "endColumn", "title"]
        );
        assert!(properties.starts_with("file=my docs%2C v1%3A0/"), "{line}");
        assert!(!message.is_empty() && !message.contains('\n'));
    }
    let enum_line = text
        .lines()
        .find(|l| l.contains("title=example-enum-member"))
        .unwrap();
    assert!(
        enum_line
            .starts_with("::warning file=my docs%2C v1%3A0/api/widget-get.md,line=25,col=5021,"),
        "{enum_line}"
    );
    assert!(
        enum_line.contains("%0A"),
        "label and help follow the message: {enum_line}"
    );
}

#[test]
fn the_summary_counts_every_code() {
    let sources = docs();
    let generation = generate(&sources, &EmitOptions::default());
    let diagnostics = &generation.analysis.diagnostics;
    let summary = summary_json(diagnostics, 1);
    let by_code = &summary["summary"]["by_code"];
    let total: u64 = by_code
        .as_object()
        .unwrap()
        .values()
        .map(|n| n.as_u64().unwrap())
        .sum();
    assert_eq!(total as usize, diagnostics.len());
    assert_eq!(by_code["example-enum-member"], 1);
    assert_eq!(summary["summary"]["shown"], 1);
    let table = summary_table(diagnostics);
    assert!(table.contains("warning example-enum-member"), "{table}");
}

#[test]
fn sarif_reads_back_through_a_sarif_model_with_rules_locations_and_levels() {
    use serde_sarif::sarif::Sarif;
    let sources = docs();
    let generation = generate(&sources, &EmitOptions::default());
    let diagnostics = &generation.analysis.diagnostics;
    let text =
        xtask::render::render_sarif(&sources, &DisplayRoot::new("docs".as_ref()), diagnostics);
    let log: Sarif = serde_json::from_str(&text).expect("a SARIF 2.1.0 log");
    assert_eq!(log.runs.len(), 1);
    let run = &log.runs[0];
    let rules = run.tool.driver.rules.as_ref().expect("rules");
    // Every code the generator reports is a rule; check-metadata's are its own log's.
    let codes = xtask::codes::codegen();
    assert_eq!(rules.len(), codes.len(), "every code is a rule");
    assert!(codes.len() < Code::ALL.len());
    let results = run.results.as_ref().expect("results");
    assert_eq!(results.len(), diagnostics.len());
    let as_json = |v: &dyn erased::Json| v.json();
    let enum_result = results
        .iter()
        .find(|r| r.rule_id.as_deref() == Some("example-enum-member"))
        .expect("the enum diagnostic");
    assert_eq!(as_json(&enum_result.level), serde_json::json!("warning"));
    let location = &enum_result.locations.as_ref().unwrap()[0];
    let physical = location.physical_location.as_ref().unwrap();
    assert_eq!(
        physical.artifact_location.as_ref().unwrap().uri.as_deref(),
        Some("docs/api/widget-get.md")
    );
    let region = physical.region.as_ref().unwrap();
    assert_eq!(
        (region.start_line, region.start_column),
        (Some(25), Some(5021))
    );
    // The rule a result names is the rule at its index.
    let index = enum_result.rule_index.unwrap() as usize;
    assert_eq!(rules[index].id, "example-enum-member");
}

/// Compares serde-sarif's typed values by their JSON, whatever Rust type a version gives them.
mod erased {
    pub trait Json {
        fn json(&self) -> serde_json::Value;
    }
    impl<T: serde::Serialize> Json for T {
        fn json(&self) -> serde_json::Value {
            serde_json::to_value(self).unwrap()
        }
    }
}
