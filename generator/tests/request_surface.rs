//! The request surface is decided by `analyze()`, before any code is written: the seed docs'
//! navigation, calls and snippets are in the `Analysis`, and `--dump-ir` shows them.

#[path = "support/seed_pages.rs"]
mod seed_pages;

use generator::{analyze, SourceFile, SourceSet};

#[test]
fn the_analysis_holds_the_navigation_and_the_snippets_and_the_dump_shows_them() {
    let pages = seed_pages::seed_pages();
    let sources = SourceSet::new(
        pages
            .iter()
            .map(|(path, text)| SourceFile::new(path.clone(), text))
            .collect(),
    );
    let analysis = analyze(&sources);
    let surface = &analysis.surface;
    assert!(!surface.nav.nodes.is_empty());
    // The seeds' five request examples are all defective, and each is left out as such.
    assert_eq!(surface.snippets.left_out.len(), 5);

    let dump = generator::ir_dump::dump_analysis(&analysis);
    let requests = &dump["requests"];
    assert_eq!(requests["root"], "Graph");
    let nodes = requests["nodes"].as_array().unwrap();
    let user = nodes
        .iter()
        .find(|n| n["template"] == "/users/{id}")
        .expect("PATCH /users/{id} makes a node");
    assert_eq!(user["chain"], "Graph::users().by_id(id)");
    assert_eq!(user["type"], "UsersById");
    let update = user["calls"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "update")
        .expect("an update call");
    assert_eq!(update["method"], "PATCH");
    assert_eq!(update["chain"], "Graph::users().by_id(id).update(body)");
    assert_eq!(update["documented_by"], "api/user-update.md");
    // Every request example is either reproduced or left out with its reason.
    let snippets = &requests["snippets"];
    let shown = snippets["reproduced"].as_array().unwrap().len()
        + snippets["left_out"].as_array().unwrap().len();
    assert_eq!(
        shown,
        surface.snippets.made.len() + surface.snippets.left_out.len()
    );
    assert!(snippets["left_out"]
        .as_array()
        .unwrap()
        .iter()
        .all(|l| l["defect_of"] == "example" && l["source"].as_str().unwrap().starts_with("api/")));
}
