//! Docs of another service, whose example URLs start with its own root and version
//! (`https://api.acme.test/v2/frames/1`): with that root as `[service] base-url`, its examples
//! match their request lines and become snippets as Graph's do.

#[path = "support/frame_pages.rs"]
mod frame_pages;

use generator::{analyze, Code, SourceFile, SourceSet};

/// The frame pages, their example URLs under `root`, with `config` as `codegen.toml` if any.
fn docs(root: &str, config: Option<&str>) -> SourceSet {
    let mut files: Vec<SourceFile> = (frame_pages::EXTRA.iter())
        .map(|(path, text)| {
            let text = text.replace("https://graph.microsoft.com/v1.0", root);
            SourceFile::new(*path, &text)
        })
        .collect();
    files.extend(config.map(|text| SourceFile::new("codegen.toml", text)));
    SourceSet::new(files)
}

fn unmatched(sources: &SourceSet) -> (usize, usize) {
    let analysis = analyze(sources);
    let unmatched = (analysis.diagnostics.iter())
        .filter(|d| d.code == Code::ExampleUrlUnmatched)
        .count();
    (unmatched, analysis.surface.snippets.made.len())
}

#[test]
fn examples_under_the_configured_root_match_their_lines() {
    let (graph_unmatched, graph_snippets) =
        unmatched(&docs("https://graph.microsoft.com/v1.0", None));
    assert_eq!(graph_unmatched, 0);
    assert!(graph_snippets >= 2, "{graph_snippets} snippets");
    let config = "[service]\nbase-url = \"https://api.acme.test/v2\"\n";
    let acme = unmatched(&docs("https://api.acme.test/v2", Some(config)));
    assert_eq!(acme, (0, graph_snippets));
    // Without the root configured, `v2` is read as the first segment of each path.
    let (unconfigured, _) = unmatched(&docs("https://api.acme.test/v2", None));
    assert!(unconfigured >= 2, "{unconfigured} unmatched");
}
