//! The README's examples compile and run: its `rust` block under "Using the generated crate"
//! becomes the `main` of a crate outside the workspace that depends on the generated crate, as
//! a user's would, and so does the block under "Beyond one request" (batches, uploads, Azure
//! identity and the testing kit), with the features it needs.
//!
//! By default that is this workspace's `generated/` (the seed crate). `.ci/run` runs the test
//! again with `README_USAGE_CRATE` naming the crate generated from Graph v1.0 and
//! `README_USAGE_TARGET` its target directory, so the usage block is held against both. The
//! helpers' block is held against the seed crate only: what it shows is `src/support/`, the
//! same in every generated crate, and building the v1.0 crate again with the client features
//! would cost more than it checks.

use std::path::{Path, PathBuf};
use std::process::Command;

/// The first ```` ```rust ```` block after `heading`, as written.
fn rust_block(readme: &str, heading: &str) -> String {
    let section = readme
        .split_once(heading)
        .unwrap_or_else(|| panic!("README.md has a {heading:?} heading"))
        .1;
    let start = section
        .find("```rust\n")
        .expect("the section has a rust block")
        + "```rust\n".len();
    let end = section[start..]
        .find("```")
        .expect("the rust block is closed");
    section[start..start + end].to_owned()
}

/// Builds and runs a crate in `target/<name>` with `main.rs` and these `[dependencies]` lines
/// (besides `graph-client`, which `graph_client` declares), in `target` as its target
/// directory, and asserts that it ran to the end, printing `done`.
fn run_consumer(name: &str, graph_client: &str, dependencies: &str, main: &str, target: &Path) {
    let root = xtask::project_root();
    let dir = root.join("target").join(name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\n{graph_client}\n{dependencies}\n[workspace]\n"
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
    // The workspace's lock file, so that the example builds with the versions CI tested.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        // Its own target directory: the workspace's is locked by the `cargo test` running us.
        .env("CARGO_TARGET_DIR", target)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "{name} failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&output.stdout).trim(), "done");
}

#[test]
fn the_readme_usage_example_builds_and_runs() {
    let root = xtask::project_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let block = rust_block(&readme, "## Using the generated crate\n");
    let krate = std::env::var_os("README_USAGE_CRATE")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("generated"));
    let krate = std::fs::canonicalize(&krate).expect("the crate directory exists");
    let target = std::env::var_os("README_USAGE_TARGET")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/consumer"));
    let main = format!(
        "//! The README's usage block, as written.\n\n\
         fn main() -> Result<(), Box<dyn std::error::Error>> {{\n{block}\n    println!(\"done\");\n    Ok(())\n}}\n"
    );
    let graph_client = format!(
        "graph-client = {{ path = {:?} }}",
        krate.display().to_string()
    );
    let dependencies = "http = \"1\"\nserde_json = \"1\"\n";
    run_consumer("readme-usage", &graph_client, dependencies, &main, &target);
}

#[test]
fn the_readme_helper_examples_build_and_run() {
    let root = xtask::project_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let block = rust_block(&readme, "### Beyond one request\n");
    let krate = root.join("generated").display().to_string();
    let graph_client = format!(
        "graph-client = {{ path = {krate:?}, features = [\"testing\", \"azure-identity\"] }}"
    );
    let dependencies = "serde_json = \"1\"\n\
        tokio = { version = \"1\", default-features = false, features = [\"macros\", \"rt\"] }\n";
    let main = format!(
        "//! The README's block of helper examples, as written.\n\n\
         #[tokio::main(flavor = \"current_thread\")]\n\
         async fn main() -> Result<(), Box<dyn std::error::Error>> {{\n{block}\n    println!(\"done\");\n    Ok(())\n}}\n"
    );
    let target = root.join("target/consumer");
    run_consumer(
        "readme-helpers",
        &graph_client,
        dependencies,
        &main,
        &target,
    );
}
