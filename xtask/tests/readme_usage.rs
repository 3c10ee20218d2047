//! The README's usage example compiles and runs: its `rust` block under "Using the generated
//! crate" becomes the `main` of a crate outside the workspace that depends on the generated
//! crate, as a user's would.
//!
//! By default that is this workspace's `generated/` (the seed crate). `.ci/run` runs the test
//! again with `README_USAGE_CRATE` naming the crate generated from Graph v1.0 and
//! `README_USAGE_TARGET` its target directory, so the same block is held against both.

use std::path::PathBuf;
use std::process::Command;

/// The first ```` ```rust ```` block after the heading, as written.
fn usage_block(readme: &str) -> String {
    let section = readme
        .split_once("## Using the generated crate\n")
        .expect("README.md has a \"Using the generated crate\" section")
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

#[test]
fn the_readme_usage_example_builds_and_runs() {
    let root = xtask::project_root();
    let readme = std::fs::read_to_string(root.join("README.md")).unwrap();
    let block = usage_block(&readme);
    let krate = std::env::var_os("README_USAGE_CRATE")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("generated"));
    let krate = std::fs::canonicalize(&krate).expect("the crate directory exists");
    let target = std::env::var_os("README_USAGE_TARGET")
        .map(PathBuf::from)
        .unwrap_or_else(|| root.join("target/consumer"));

    let dir = root.join("target/readme-usage");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    let manifest = format!(
        "[package]\nname = \"readme-usage\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\ngraph-client = {{ path = {:?} }}\nhttp = \"1\"\nserde_json = \"1\"\n\n[workspace]\n",
        krate.display().to_string()
    );
    std::fs::write(dir.join("Cargo.toml"), manifest).unwrap();
    let main = format!(
        "//! The README's usage block, as written.\n\n\
         fn main() -> Result<(), Box<dyn std::error::Error>> {{\n{block}\n    println!(\"README usage ran\");\n    Ok(())\n}}\n"
    );
    std::fs::write(dir.join("src/main.rs"), main).unwrap();
    // The workspace's lock file, so that the example builds with the versions CI tested.
    std::fs::copy(root.join("Cargo.lock"), dir.join("Cargo.lock")).unwrap();

    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--manifest-path"])
        .arg(dir.join("Cargo.toml"))
        // Its own target directory: the workspace's is locked by the `cargo test` running us.
        .env("CARGO_TARGET_DIR", &target)
        .output()
        .expect("cargo runs");
    assert!(
        output.status.success(),
        "the README's usage example failed against {}:\n{}",
        krate.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&output.stdout).trim(),
        "README usage ran"
    );
}
