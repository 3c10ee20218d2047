//! The seed pages' known defects (see `shared/seeds/README.md`) are each reported once, at the
//! line and column checked by hand against the page.

mod common;

use generator::Code;
use xtask::codegen::generate_from;

fn seed_diagnostics() -> Vec<(Code, String)> {
    let root = xtask::project_root();
    let args = common::args(&root.join("docs"), &root.join("generated"), true);
    let (sources, _, diagnostics) = generate_from(&args).expect("docs load");
    diagnostics
        .iter()
        .map(|d| (d.code, sources.location(d.primary.span)))
        .collect()
}

fn locations_of(all: &[(Code, String)], code: Code) -> Vec<&str> {
    all.iter()
        .filter(|(c, _)| *c == code)
        .map(|(_, l)| l.as_str())
        .collect()
}

#[test]
fn broken_request_lines_are_reported_where_they_are() {
    let all = seed_diagnostics();
    assert_eq!(
        locations_of(&all, Code::RequestLineInvalid),
        [
            // The HTTP request section's line, then the example request's.
            "api/azureadlicenseusage-update.md:29:1",
            "api/azureadlicenseusage-update.md:63:7",
            "api/office365activeusercounts-update.md:31:1",
            "api/office365activeusercounts-update.md:73:7",
            "api/office365activeuserdetail-update.md:29:1",
            "api/office365activeuserdetail-update.md:85:7",
        ]
    );
}

#[test]
fn type_names_as_example_values_are_reported_per_example() {
    let all = seed_diagnostics();
    // The first offending value of each request and response example ("Integer" or "Date").
    assert_eq!(
        locations_of(&all, Code::ExampleValueMismatch),
        [
            "api/office365activationsusercounts-update.md:77:16",
            "api/office365activationsusercounts-update.md:100:16",
            "api/office365activeusercounts-update.md:79:24",
            "api/office365activeusercounts-update.md:107:24",
            "api/office365activeuserdetail-update.md:91:24",
            "api/office365activeuserdetail-update.md:135:24",
        ]
    );
}

#[test]
fn the_changelog_url_matches_no_documented_path() {
    let all = seed_diagnostics();
    assert_eq!(
        locations_of(&all, Code::ExampleUrlUnmatched),
        ["api/user-update.md:121:7"]
    );
}

#[test]
fn nothing_in_the_seeds_is_an_error() {
    let all = seed_diagnostics();
    assert!(
        all.iter()
            .all(|(c, _)| c.default_severity() != generator::Severity::Error),
        "{all:?}"
    );
}

#[test]
fn an_include_of_a_file_the_docs_lack_is_reported() {
    let all = seed_diagnostics();
    // `[!INCLUDE [beta-disclaimer](../../includes/beta-disclaimer.md)]`: the link's span.
    assert_eq!(
        locations_of(&all, Code::IncludeMissing),
        ["api/office365activationsusercounts-update.md:13:11"]
    );
}
