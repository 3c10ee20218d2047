//! `cargo xtask bench-models --docs DIR`: how fast the generated models read and write JSON,
//! beside `serde_json::Value` and a serde-derive mirror of the same types.
//!
//! It generates the crate of DIR into `target/bench-models/graph-client`, takes the largest
//! clean response example of each benched type (one the docs check finds nothing wrong with, so
//! that the mirror, which skips unknown members, reads what the model reads), replicates it
//! (whitespace removed, as a service sends it) into a JSON array of a few MB, writes the mirror
//! (`mirror.rs`) and a runner crate (`models_bench_runner/main.rs`), and runs it in release.

mod mirror;

use generator::check::ExampleOutcome;
use generator::ir::{ExampleKind, QualifiedName};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The types benched: what a mail, calendar, files or directory sync reads by the million.
const TYPES: &[&str] = &["user", "event", "message", "driveItem"];

#[derive(Clone, Debug)]
pub struct ModelsBenchArgs {
    pub docs: PathBuf,
    /// Bytes of JSON per type (each example is copied until the array is at least this long).
    pub bytes: usize,
    pub samples: usize,
    /// Another generated crate (of an earlier generator, say) whose models are benched beside.
    pub baseline: Option<PathBuf>,
}

pub fn run(args: &ModelsBenchArgs) -> Result<(), String> {
    let root = crate::project_root().join("target/bench-models");
    let crate_dir = root.join("graph-client");
    let runner = root.join("runner");
    let data = root.join("data");
    for dir in [&runner.join("src"), &data] {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    eprintln!(
        "generating the crate of {} into {}",
        args.docs.display(),
        crate_dir.display()
    );
    let xtask = std::env::current_exe().map_err(|e| e.to_string())?;
    let status = Command::new(xtask)
        .args(["codegen", "--severity", "error", "--docs"])
        .arg(&args.docs)
        .arg("--out")
        .arg(&crate_dir)
        .status()
        .map_err(|e| e.to_string())?;
    // Exit 1 is error-level diagnostics in the docs: the crate is still written.
    if !matches!(status.code(), Some(0 | 1)) {
        return Err(format!("codegen failed: {status}"));
    }

    let loaded = crate::load::load_docs(&args.docs)?;
    let analysis = generator::analyze(&loaded.sources);
    let names = generator::names::type_names(&analysis.ir, generator::lower::DEFAULT_NAMESPACE);
    let mut roots = Vec::new();
    let mut cases = String::from(
        "//! Written by `cargo xtask bench-models`: the benched types and their data.\n\n\
         pub fn cases(data: &std::path::Path) -> Vec<crate::Case> {\n    vec![\n",
    );
    for &ty in TYPES {
        let q = QualifiedName::new(generator::lower::DEFAULT_NAMESPACE, ty);
        let Some(name) = names.get(&q) else {
            eprintln!("skipped {q}: the docs do not define it");
            continue;
        };
        let Some((at, body)) = largest_example(&analysis, &q) else {
            eprintln!("skipped {q}: no response example of it round-trips");
            continue;
        };
        let file = format!("{ty}.json");
        let copies = args.bytes.div_ceil(body.len() + 1).max(1);
        let array = format!("[{}]", vec![body.as_str(); copies].join(","));
        std::fs::write(data.join(&file), array).map_err(|e| e.to_string())?;
        eprintln!("{name}: {at}, {} bytes, {copies} copies", body.len());
        let baseline = match &args.baseline {
            Some(_) => format!(".with_baseline::<graph_client_baseline::models::{name}>()"),
            None => String::new(),
        };
        cases.push_str(&format!(
            "        crate::case::<graph_client::models::{name}, crate::mirror::{}>({name:?}, &data.join({file:?})){baseline},\n",
            mirror::mirror_name(&names, &q)
        ));
        roots.push(q);
    }
    cases.push_str("    ]\n}\n");
    write(&runner.join("src/cases.rs"), &cases)?;
    write(
        &runner.join("src/mirror.rs"),
        &mirror::mirror_source(&analysis.ir, &names, &roots),
    )?;
    write(
        &runner.join("src/main.rs"),
        include_str!("../../models_bench_runner/main.rs"),
    )?;
    let mut manifest = RUNNER_MANIFEST.to_owned();
    if let Some(baseline) = &args.baseline {
        // The baseline is the same package: a copy renamed, so that both can be dependencies.
        let copy = root.join("baseline");
        copy_crate(baseline, &copy)?;
        let toml_path = copy.join("Cargo.toml");
        let toml = std::fs::read_to_string(&toml_path).map_err(|e| e.to_string())?;
        write(
            &toml_path,
            &toml.replacen(
                "name = \"graph-client\"",
                "name = \"graph-client-baseline\"",
                1,
            ),
        )?;
        manifest.push_str("\n[dependencies.graph-client-baseline]\npath = \"../baseline\"\n");
    }
    write(&runner.join("Cargo.toml"), &manifest)?;
    let lock = crate::project_root().join("Cargo.lock");
    std::fs::copy(&lock, runner.join("Cargo.lock")).map_err(|e| e.to_string())?;

    eprintln!("building the runner in release (the whole generated crate: minutes on 2 cores)");
    let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
        .args(["run", "--release", "--quiet", "--manifest-path"])
        .arg(runner.join("Cargo.toml"))
        .arg("--")
        .arg(&data)
        .arg(args.samples.to_string())
        .env("CARGO_TARGET_DIR", root.join("target"))
        .status()
        .map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the runner failed: {status}"))
    }
}

const RUNNER_MANIFEST: &str = r#"# Written by `cargo xtask bench-models`.
[package]
name = "models-bench-runner"
version = "0.0.0"
edition = "2021"
publish = false

[dependencies]
graph-client = { path = "../graph-client" }
serde = { version = "1", features = ["derive"] }
serde_json = "1"

[workspace]
"#;

/// Copies a crate's manifest and `src/` (not its tests or build output).
fn copy_crate(from: &Path, to: &Path) -> Result<(), String> {
    let _ = std::fs::remove_dir_all(to);
    for entry in walkdir::WalkDir::new(from.join("src")) {
        let entry = entry.map_err(|e| e.to_string())?;
        let target = to.join(entry.path().strip_prefix(from).expect("below from"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).map_err(|e| e.to_string())?;
        } else {
            std::fs::copy(entry.path(), &target).map_err(|e| e.to_string())?;
        }
    }
    std::fs::copy(from.join("Cargo.toml"), to.join("Cargo.toml")).map_err(|e| e.to_string())?;
    Ok(())
}

fn write(path: &Path, text: &str) -> Result<(), String> {
    std::fs::write(path, text).map_err(|e| format!("{}: {e}", path.display()))
}

/// The largest clean response example of `q` (one object, not a collection, no diagnostic
/// inside it: no undocumented member the mirror would skip while the model keeps it), with
/// where it is documented, whitespace removed.
fn largest_example(analysis: &generator::Analysis, q: &QualifiedName) -> Option<(String, String)> {
    let flagged = |span: generator::Span| {
        analysis.diagnostics.iter().any(|d| {
            let at = d.primary.span;
            at.file == span.file && at.start >= span.start && at.end <= span.end
        })
    };
    analysis
        .ir
        .examples
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            e.kind == ExampleKind::Response
                && e.ty.as_ref() == Some(q)
                && !e.collection
                && analysis.verdicts.examples[*i] == ExampleOutcome::RoundTrip
                && !analysis.verdicts.recovered.contains_key(i)
                && !flagged(e.span)
                && names_no_other_type(&e.json, q)
        })
        .max_by_key(|(_, e)| e.json.len())
        .map(|(_, e)| (analysis.sources.location(e.span), minified(&e.json)))
}

/// Whether a body's `@odata.type`, if any, names `q` itself: a body of a derived type reads
/// its own members into the model's map, where the mirror would skip them.
fn names_no_other_type(json: &str, q: &QualifiedName) -> bool {
    let value: serde_json::Value = serde_json::from_str(json).unwrap_or_default();
    match value.get("@odata.type").and_then(serde_json::Value::as_str) {
        None => true,
        Some(named) => named
            .trim_start_matches('#')
            .eq_ignore_ascii_case(&q.to_string()),
    }
}

/// `json` without the whitespace between its tokens.
fn minified(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in json.chars() {
        if in_string {
            out.push(c);
            match (escaped, c) {
                (true, _) => escaped = false,
                (false, '\\') => escaped = true,
                (false, '"') => in_string = false,
                _ => {}
            }
        } else if !c.is_whitespace() {
            in_string = c == '"';
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn minified_keeps_strings_whole() {
        assert_eq!(
            super::minified("{ \"a b\": [1, \"x \\\" y\"],\n \"c\" : null }"),
            "{\"a b\":[1,\"x \\\" y\"],\"c\":null}"
        );
    }
}
