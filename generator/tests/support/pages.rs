//! Builders of small Graph-style pages for tests that need a docs tree of their own: a resource
//! page with property and relationship tables, and an API page with request lines, a request
//! body section and response prose. Shared by the generator's and xtask's tests (`#[path]`).

// Each test uses the builders it needs.
#![allow(dead_code)]

use generator::SourceFile;

/// `resources/<name>.md` declaring `name`, derived from `base` when given, with `|name|type|
/// description|` rows of properties and relationships.
pub fn resource_page(
    name: &str,
    base: Option<&str>,
    properties: &[&str],
    relationships: &[&str],
) -> SourceFile {
    let inherits = base.map_or(String::new(), |b| {
        format!("Inherits from [{b}]({b}.md).\n\n")
    });
    let text = format!(
        "---\ntitle: \"{name} resource type\"\ndoc_type: resourcePageType\n---\n\n# {name} resource type\n\n\
         Namespace: microsoft.graph\n\n{inherits}## Properties\n|Property|Type|Description|\n|:---|:---|:---|\n{}\n\n\
         ## Relationships\n|Relationship|Type|Description|\n|:---|:---|:---|\n{}\n",
        properties.join("\n"),
        relationships.join("\n"),
    );
    SourceFile::new(format!("resources/{}.md", name.to_ascii_lowercase()), &text)
}

/// `api/<name>.md`: its request lines, its request body section and its response prose.
pub fn api_page(name: &str, lines: &[&str], body: &str, response: &str) -> SourceFile {
    let text = format!(
        "---\ntitle: \"{name}\"\ndoc_type: apiPageType\n---\n\n# {name}\n\nNamespace: microsoft.graph\n\n\
         ## HTTP request\n<!-- {{ \"blockType\": \"ignored\" }} -->\n```http\n{}\n```\n\n\
         ## Request body\n{body}\n\n## Response\n{response}\n",
        lines.join("\n")
    );
    SourceFile::new(format!("api/{name}.md"), &text)
}
