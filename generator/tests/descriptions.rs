//! Descriptions as rustdoc shows them: the docs' markdown rendered (emphasis, intra-doc links
//! to documented types, notes named) and include directives spliced or reported.

use generator::{generate, EmitOptions, SourceFile, SourceSet};

const WIDGET: &str = "---\ntitle: \"widget resource type\"\n---\n\
# widget resource type\n\nNamespace: microsoft.graph\n\n\
A **widget** holds [gadgets](gadget.md); see [the site](https://example.com/widgets) or [a guide](../concepts/guide.md).\n\n\
## Properties\n\n\
| Property | Type | Description |\n|:---|:---|:---|\n\
| id | String | Its id. [!INCLUDE [id-note](../includes/id-note.md)] Read-only. |\n\
| name | String | The name. [!INCLUDE outlook-beta-id] Required. |\n\
| gadget | [gadget](gadget.md) | The *main* gadget, a `gadget` or \\[none\\]. |\n";

const GADGET: &str = "---\ntitle: \"gadget resource type\"\n---\n\
# gadget resource type\n\nNamespace: microsoft.graph\n\n\
> [!NOTE]\n> Gadgets are **experimental**.\n\n\
## Properties\n\n\
| Property | Type | Description |\n|:---|:---|:---|\n\
| id | String | The id. |\n";

const ID_NOTE: &str =
    "<!-- markdownlint-disable MD041-->\n\n> Ids are **opaque**; do not parse them.\n";

fn generation() -> generator::Generation {
    let sources = SourceSet::new(vec![
        SourceFile::new("resources/widget.md", WIDGET),
        SourceFile::new("resources/gadget.md", GADGET),
        SourceFile::new("includes/id-note.md", ID_NOTE),
    ]);
    generate(&sources, &EmitOptions::default())
}

fn file<'a>(generation: &'a generator::Generation, path: &str) -> &'a str {
    &generation
        .files
        .iter()
        .find(|f| f.path == path)
        .unwrap_or_else(|| panic!("{path} generated"))
        .contents
}

#[test]
fn markdown_is_rendered_for_rustdoc() {
    let generation = generation();
    let widget = file(&generation, "src/models/widget.rs");
    assert!(
        widget.contains(
            "/// A **widget** holds [gadgets](crate::models::Gadget); see [the site](https://example.com/widgets) or a guide."
        ),
        "{widget}"
    );
    assert!(
        widget.contains("/// The *main* gadget, a `gadget` or \\[none\\]."),
        "{widget}"
    );
    let gadget = file(&generation, "src/models/gadget.rs");
    assert!(
        gadget.contains("/// **Note:** Gadgets are **experimental**."),
        "{gadget}"
    );
}

#[test]
fn an_include_in_the_docs_is_spliced_and_a_missing_one_reported() {
    let generation = generation();
    let widget = file(&generation, "src/models/widget.rs");
    assert!(
        widget.contains("/// Its id. Ids are **opaque**; do not parse them. Read-only."),
        "{widget}"
    );
    // The bare directive names no file: it leaves nothing in the text, and is reported.
    assert!(widget.contains("/// The name. Required."), "{widget}");
    let missing: Vec<_> = generation
        .analysis
        .diagnostics
        .iter()
        .filter(|d| d.code == generator::Code::IncludeMissing)
        .map(|d| d.message.clone())
        .collect();
    assert_eq!(
        missing,
        ["`[!INCLUDE]` of `outlook-beta-id`, which names no file"]
    );
}
