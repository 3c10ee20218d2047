//! Snapshots of every stage for each seed page in `docs/api/`: the parsed page, the IR it
//! contributes, the code emitted for it, and its rendered diagnostics. A diff shows which layer
//! changed. Review changes with `cargo insta review` (or `INSTA_UPDATE=always cargo test`).

mod common;

use codespan_reporting::term::termcolor::NoColor;
use generator::ir_dump::dump_ir;
use xtask::codegen::generate_from;
use xtask::render::render_human;

const SEED_PAGES: &[&str] = &[
    "api/azureadlicenseusage-update.md",
    "api/office365activationsusercounts-update.md",
    "api/office365activeusercounts-update.md",
    "api/office365activeuserdetail-update.md",
    "api/user-update.md",
];

#[test]
fn every_stage_of_every_seed_page() {
    let root = xtask::project_root();
    let args = common::args(&root.join("docs"), &root.join("generated"), true);
    let (sources, generation, diagnostics) = generate_from(&args).expect("docs load");
    let ir = dump_ir(&sources, &generation.analysis.ir);
    for page_path in SEED_PAGES {
        let stem = page_path.trim_start_matches("api/").trim_end_matches(".md");
        let page = generation
            .analysis
            .pages
            .iter()
            .find(|p| sources.get(p.file).path == *page_path)
            .unwrap_or_else(|| panic!("{page_path} is in docs/"));
        insta::assert_snapshot!(format!("page__{stem}"), pretty(page));

        // The IR this page contributes: what it declares, operates on, and exemplifies.
        let from_page = |v: &serde_json::Value| {
            v["source"]
                .as_str()
                .is_some_and(|s| s.starts_with(&format!("{page_path}:")))
        };
        let types: Vec<_> = ir["types"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|t| {
                t["sources"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .any(|s| s.as_str().unwrap().starts_with(&format!("{page_path}:")))
            })
            .collect();
        let operations: Vec<_> = ir["operations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|o| from_page(o))
            .collect();
        let examples: Vec<_> = ir["examples"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| from_page(e))
            .collect();
        insta::assert_snapshot!(
            format!("ir__{stem}"),
            pretty(
                &serde_json::json!({ "types": types, "operations": operations, "examples": examples })
            )
        );

        // Code emitted from this page: files whose doc comments point back to it.
        let marker = format!("`docs/{page_path}` line");
        let code: String = generation
            .files
            .iter()
            .filter(|f| {
                !f.path.starts_with("tests/doc_examples/cases") && f.contents.contains(&marker)
            })
            .map(|f| format!("==> {} <==\n{}\n", f.path, f.contents))
            .collect();
        insta::assert_snapshot!(format!("code__{stem}"), code);

        let own: Vec<_> = diagnostics
            .iter()
            .filter(|d| sources.get(d.primary.span.file).path == *page_path)
            .cloned()
            .collect();
        let mut rendered = NoColor::new(Vec::new());
        render_human(&sources, &own, &mut rendered);
        insta::assert_snapshot!(
            format!("diagnostics__{stem}"),
            String::from_utf8(rendered.into_inner()).unwrap()
        );
    }
}

fn pretty(value: &impl serde::Serialize) -> String {
    serde_json::to_string_pretty(value).expect("serializable")
}
