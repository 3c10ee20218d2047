//! A crate outside the workspace depends on the generated crate by path and builds
//! `PATCH /users/{id}` with a body (see `tests/consumer/`).

use std::process::Command;

#[test]
fn an_outside_crate_builds_a_patch_request() {
    let root = xtask::project_root();
    let manifest = root.join("xtask/tests/consumer/Cargo.toml");
    let output = Command::new(env!("CARGO"))
        .args(["run", "--quiet", "--manifest-path"])
        .arg(&manifest)
        // Its own target directory: the workspace's is locked by the `cargo test` running us.
        .env("CARGO_TARGET_DIR", root.join("target/consumer"))
        .output()
        .expect("cargo runs");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(
        output.status.success(),
        "consumer failed:\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            "PATCH https://graph.microsoft.com/v1.0/users/ada%40contoso.com",
            "application/json",
            r#"{"accountEnabled":true,"jobTitle":"Engineer","mobilePhone":null}"#,
        ]
    );
}
