//! A crate for another service: the seed docs with a `codegen.toml` whose `[crate]` and
//! `[service]` tables name `acme-client`, root `Acme` and `https://api.acme.test/v2`. The
//! generated crate builds under that name, its tests and snippets use it, and a request built
//! from `Acme` goes to the configured service root.

mod common;

use common::{args, copy_dir};
use std::path::{Path, PathBuf};
use std::process::Command;

const CONFIG: &str = r#"
[crate]
name = "acme-client"
version = "2.1.0"
description = "Typed Acme API models and requests"
license = "MIT"
repository = "https://github.com/acme/acme-client"
keywords = ["acme", "api"]
categories = ["api-bindings"]
publish = true

[service]
root = "Acme"
base-url = "https://api.acme.test/v2"
scope = "https://api.acme.test/.default"
"#;

const REQUEST_TEST: &str = r#"
use acme_client::prelude::*;
use acme_client::support::DEFAULT_BASE_URL;

#[test]
fn a_request_goes_to_the_configured_service_root() {
    assert_eq!(DEFAULT_BASE_URL, "https://api.acme.test/v2");
    assert_eq!(acme_client::requests::DEFAULT_SCOPE, "https://api.acme.test/.default");
    let update = Acme::users()
        .by_id("ada@acme.test")
        .update(acme_client::models::User::default());
    let request = update.to_http_request(DEFAULT_BASE_URL).unwrap();
    assert_eq!(request.uri(), "https://api.acme.test/v2/users/ada%40acme.test");
}
"#;

fn target_dir() -> PathBuf {
    // Beside the hostile-names crate of the generator's tests: the same dependencies, built once.
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| xtask::project_root().join("target"))
        .join("hostile-names")
}

fn cargo(dir: &Path, args: &[&str]) {
    let output = Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()))
        .args(args)
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir())
        .env("RUSTFLAGS", "-D warnings")
        .env_remove("CARGO_ENCODED_RUSTFLAGS")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "`cargo {}` failed on the acme crate:\n{}\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr),
        String::from_utf8_lossy(&output.stdout)
    );
}

#[test]
fn a_crate_for_another_service_builds_under_its_own_names() {
    let temp = tempfile::tempdir().unwrap();
    let (docs, out) = (temp.path().join("docs"), temp.path().join("acme"));
    copy_dir(&xtask::project_root().join("docs"), &docs);
    std::fs::write(docs.join("codegen.toml"), CONFIG).unwrap();
    let outcome = xtask::codegen::run(&args(&docs, &out, false)).unwrap();
    assert_eq!(outcome.errors, 0);

    let manifest = std::fs::read_to_string(out.join("Cargo.toml")).unwrap();
    for line in [
        "name = \"acme-client\"",
        "version = \"2.1.0\"",
        "repository = \"https://github.com/acme/acme-client\"",
        "keywords = [\"acme\", \"api\"]",
    ] {
        assert!(manifest.contains(line), "{line} not in:\n{manifest}");
    }
    assert!(!manifest.contains("publish = false"));
    let requests = std::fs::read_to_string(out.join("src/requests/mod.rs")).unwrap();
    assert!(requests.contains("pub struct Acme;"));
    assert!(
        !requests.contains("Graph::"),
        "the root is named Acme everywhere"
    );

    std::fs::copy(
        xtask::project_root().join("Cargo.lock"),
        out.join("Cargo.lock"),
    )
    .unwrap();
    std::fs::write(out.join("tests/acme.rs"), REQUEST_TEST).unwrap();
    // Every test of the crate: the request above, and the generated snippets and round trips,
    // which name the crate `acme_client`.
    cargo(&out, &["test", "--quiet"]);
}
