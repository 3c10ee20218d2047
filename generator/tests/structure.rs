//! The generator's source stays livable: every file says what it is in a `//!` line, none is
//! over 600 lines, and no two modules import each other, directly or around a circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

const MAX_LINES: usize = 600;

/// Every `.rs` file under `src/`, by module path (`surface::snippets::route`; `""` for lib.rs).
fn modules() -> BTreeMap<String, String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut found = BTreeMap::new();
    let mut stack = vec![root.clone()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(&root).unwrap().with_extension("");
                let mut parts: Vec<String> = rel
                    .iter()
                    .map(|p| p.to_string_lossy().into_owned())
                    .collect();
                if matches!(parts.last().map(String::as_str), Some("mod" | "lib")) {
                    parts.pop();
                }
                found.insert(parts.join("::"), std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    found
}

#[test]
fn every_file_says_what_it_is_and_stays_under_the_limit() {
    let mut problems = Vec::new();
    for (module, text) in modules() {
        if !text.starts_with("//!") {
            problems.push(format!("`{module}` does not start with a `//!` line"));
        }
        let lines = text.lines().count();
        if lines > MAX_LINES {
            problems.push(format!(
                "`{module}` has {lines} lines (at most {MAX_LINES})"
            ));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The module a path such as `crate::surface::tree::NavTree` or `super::steps::path_steps`
/// names, from `module`: its longest prefix that is a module.
fn target(modules: &BTreeMap<String, String>, module: &str, path: &str) -> Option<String> {
    let mut segments: Vec<&str> = path.split("::").collect();
    let mut base: Vec<&str> = match segments[0] {
        "crate" => Vec::new(),
        "super" | "self" => module.split("::").filter(|s| !s.is_empty()).collect(),
        _ => return None,
    };
    while let Some(&"super") = segments.first() {
        base.pop();
        segments.remove(0);
    }
    if segments
        .first()
        .is_some_and(|s| *s == "crate" || *s == "self")
    {
        segments.remove(0);
    }
    (0..=segments.len()).rev().find_map(|n| {
        let candidate: Vec<&str> = base.iter().chain(&segments[..n]).copied().collect();
        let candidate = candidate.join("::");
        modules.contains_key(&candidate).then_some(candidate)
    })
}

/// `crate::…`, `super::…` and `self::…` paths in code (comments and tests left out).
fn paths(text: &str) -> Vec<String> {
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let mut found = Vec::new();
    for line in code.lines() {
        let line = line.split("//").next().unwrap_or("");
        let bytes = line.as_bytes();
        for start in ["crate::", "super::", "self::"]
            .iter()
            .flat_map(|p| line.match_indices(p).map(|(i, _)| i))
        {
            if start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_') {
                continue;
            }
            let end = line[start..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .map_or(line.len(), |n| start + n);
            found.push(line[start..end].trim_end_matches(':').to_owned());
        }
    }
    found
}

/// Every circle in `edges`, as `a -> b -> a`: a module that reaches itself.
fn circles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<String> {
    let mut circles = Vec::new();
    for start in edges.keys() {
        let mut seen = BTreeSet::new();
        let mut stack: Vec<(String, Vec<String>)> = vec![(start.clone(), vec![start.clone()])];
        while let Some((at, trail)) = stack.pop() {
            for next in edges.get(&at).into_iter().flatten() {
                if next == start {
                    circles.push(format!("{} -> {start}", trail.join(" -> ")));
                } else if seen.insert(next.clone()) {
                    let mut longer = trail.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    circles
}

#[test]
fn no_module_imports_one_that_imports_it_back() {
    let modules = modules();
    let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (module, text) in &modules {
        for path in paths(text) {
            let Some(to) = target(&modules, module, &path) else {
                continue;
            };
            // A parent and its children share items by design (`super::Context`).
            let nested = |a: &str, b: &str| a.is_empty() || b.starts_with(&format!("{a}::"));
            if to != *module && !nested(module, &to) && !nested(&to, module) {
                edges.entry(module.clone()).or_default().insert(to);
            }
        }
    }
    let circles = circles(&edges);
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_checker_sees_a_circle_and_a_nested_path() {
    let modules: BTreeMap<String, String> = [("a", ""), ("b", ""), ("b::c", "")]
        .into_iter()
        .map(|(m, t)| (m.to_owned(), t.to_owned()))
        .collect();
    assert_eq!(
        target(&modules, "a", "crate::b::c::Item").as_deref(),
        Some("b::c")
    );
    assert_eq!(
        target(&modules, "b::c", "super::Item").as_deref(),
        Some("b")
    );
    assert_eq!(
        target(&modules, "b::c", "super::super::a::f").as_deref(),
        Some("a")
    );
    assert_eq!(
        paths("use crate::a::f; // crate::b\nfn x() { super::y(); }"),
        ["crate::a::f", "super::y"]
    );
    let edges = |pairs: &[(&str, &str)]| {
        let mut edges: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for (from, to) in pairs {
            edges
                .entry((*from).into())
                .or_default()
                .insert((*to).into());
        }
        edges
    };
    assert_eq!(
        circles(&edges(&[("a", "b"), ("b", "c"), ("c", "a")])),
        ["a -> b -> c -> a", "b -> c -> a -> b", "c -> a -> b -> c"]
    );
    assert!(circles(&edges(&[("a", "b"), ("b", "c"), ("a", "c")])).is_empty());
}
