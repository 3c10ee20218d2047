//! Reuse of unchanged files between runs (`emit/reuse.rs`): after each kind of docs edit, a run
//! with the cache of the run before writes exactly what a cold run writes, and a local edit
//! rebuilds only the files it touches.

#[path = "support/frame_pages.rs"]
mod frame_pages;
#[path = "support/seed_pages.rs"]
mod seed_pages;

use frame_pages::EXTRA;

use generator::emit::{CacheEntries, FormatCache};
use generator::{generate, EmitOptions, GeneratedFile, SourceFile, SourceSet};
use std::sync::Arc;

fn pages() -> Vec<(String, String)> {
    let mut pages = seed_pages::seed_pages();
    pages.extend(EXTRA.iter().map(|(p, t)| (p.to_string(), t.to_string())));
    // The crate's name as it would be without a `codegen.toml`, said so an edit can change it.
    pages.push((
        "codegen.toml".into(),
        "[crate]\nname = \"graph-client\"\n".into(),
    ));
    pages.sort();
    pages
}

fn sources(pages: &[(String, String)]) -> SourceSet {
    SourceSet::new(
        pages
            .iter()
            .map(|(path, text)| SourceFile::new(path.clone(), text))
            .collect(),
    )
}

/// What a run with a cache did.
struct Warm {
    files: Vec<GeneratedFile>,
    /// Files found by their inputs: not built.
    reused: usize,
    /// Files whose text came from the cache, by inputs or by tokens.
    hits: usize,
    /// The cache for the next run.
    next: CacheEntries,
}

/// Generates with the cache an earlier run left.
fn warm(pages: &[(String, String)], previous: CacheEntries) -> Warm {
    warm_with(pages, previous, EmitOptions::default())
}

/// Generates with `options` and the cache an earlier run left.
fn warm_with(pages: &[(String, String)], previous: CacheEntries, options: EmitOptions) -> Warm {
    let cache = Arc::new(FormatCache::new(previous));
    let options = EmitOptions {
        format_cache: Some(cache.clone()),
        ..options
    };
    let files = generate(&sources(pages), &options).files;
    Warm {
        files,
        reused: cache.reused(),
        hits: cache.hits(),
        next: cache.take_used(),
    }
}

fn cold(pages: &[(String, String)]) -> Vec<GeneratedFile> {
    generate(&sources(pages), &EmitOptions::default()).files
}

fn edit(pages: &mut [(String, String)], path: &str, from: &str, to: &str) {
    let page = pages
        .iter_mut()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("{path} is a page"));
    assert!(page.1.contains(from), "{path} holds {from:?}");
    page.1 = page.1.replacen(from, to, 1);
}

/// Each edit, then how many files it must rebuild (`None`: any number, for edits that change
/// what every file may read). An edit of `api/user-update.md` rebuilds the 6 files that read
/// that page: the `user` model (whose properties it lists), the `me` and `users` request
/// files, the `core` parts of the example and response tests, and the snippets' harness (which
/// lists the page's request example as not reproduced, by line).
type Edit = (&'static str, fn(&mut Vec<(String, String)>), Option<usize>);

const EDITS: &[Edit] = &[
    (
        "a resource page's summary",
        |p| {
            edit(
                p,
                "resources/licenseInfoDetail.md",
                "License counts for one",
                "Counts for one",
            )
        },
        // Its model only.
        Some(1),
    ),
    (
        "an API page's description in the front matter",
        |p| {
            edit(
                p,
                "api/user-update.md",
                "description: \"Update the properties of a user object.\"",
                "description: \"Update a user.\"",
            )
        },
        Some(6),
    ),
    (
        "the description of an API page whose request has a file of its own",
        |p| {
            edit(
                p,
                "api/frame-get-label.md",
                "description: \"Get a frame's label.\"",
                "description: \"Read a frame's label.\"",
            )
        },
        // `src/requests/frames/frames_by_id_label.rs` only: the page has no examples, and the
        // request index lists its line, which did not change.
        Some(1),
    ),
    (
        "a key renamed on the pages of a part and of the node above it",
        |p| {
            edit(
                p,
                "api/frame-update.md",
                "PATCH /frames/{id}",
                "PATCH /frames/{frame-id}",
            );
            edit(
                p,
                "api/frame-get-label.md",
                "GET /frames/{id}/label",
                "GET /frames/{frame-id}/label",
            )
        },
        None,
    ),
    (
        "lines added above everything on an API page",
        |p| {
            edit(
                p,
                "api/user-update.md",
                "# Update user\n",
                "# Update user\n\n\n\n",
            )
        },
        // The same 6: every line it points to moved, and nothing else reads the page.
        Some(6),
    ),
    (
        "lines added above everything on an API page with a snippet",
        |p| {
            edit(
                p,
                "api/frame-update.md",
                "# Update frame\n",
                "# Update frame\n\n\n",
            )
        },
        // The lines its cases point to moved: the `core` parts of the three test files, and the
        // snippets' harness, keyed by its parts; and `frames.rs`, whose call docs show the
        // snippet and link to the page's lines.
        Some(5),
    ),
    (
        "a property description of a base type",
        |p| edit(p, "resources/shape.md", "Its color.", "Its colour."),
        // The base's model and the derived one's, which has the property too, and the base's
        // `Any` enum, which reads both definitions for their fields (its text is unchanged).
        Some(3),
    ),
    (
        "a value in a request example",
        |p| {
            edit(
                p,
                "api/user-update.md",
                "\"Office Location value\"",
                "\"Building 1\"",
            )
        },
        Some(6),
    ),
    (
        "a value of the wrong type in a request example (the counts in the test files' docs)",
        |p| {
            edit(
                p,
                "api/frame-update.md",
                "\"text\": \"hello\"",
                "\"text\": 5",
            )
        },
        // Its model must now reject the body, and no snippet can write it: the `core` parts of
        // the three test files (the snippets' loses the case), the harnesses of the example and
        // snippet tests (whose docs count them), and `frames.rs`, whose call docs showed the
        // snippet.
        Some(6),
    ),
    (
        "a request body no longer documented (the request index shows `body` in the call)",
        |p| {
            edit(
                p,
                "api/frame-refresh.md",
                "supply a JSON representation of",
                "supply",
            )
        },
        None,
    ),
    (
        "a property's type (the shape every file may read)",
        |p| {
            edit(
                p,
                "resources/shape.md",
                "| color | String |",
                "| color | Int32 |",
            )
        },
        None,
    ),
    (
        "a property renamed that a request example's snippet sets",
        |p| edit(p, "resources/label.md", "| text |", "| caption |"),
        None,
    ),
    (
        "a reference back to a type that holds it (boxing in the holder)",
        |p| {
            edit(
                p,
                "resources/label.md",
                "| caption |",
                "| frame | [frame](frame.md) | Its frame. |\n| caption |",
            )
        },
        None,
    ),
    (
        "a self-reference removed (boxing)",
        |p| {
            edit(
                p,
                "resources/shape.md",
                "| inner | [shape](shape.md) |",
                "| inner | String |",
            )
        },
        None,
    ),
    (
        "a page's area",
        |p| {
            edit(
                p,
                "resources/circle.md",
                "ms.prod: \"drawing\"",
                "ms.prod: \"geometry\"",
            )
        },
        None,
    ),
    (
        "a status line without a body",
        |p| {
            edit(
                p,
                "api/frame-update.md",
                "HTTP/1.1 204 No Content",
                "HTTP/1.1 202 Accepted",
            )
        },
        // The operation and the page's examples read it: `frames.rs` (its call's docs), and the
        // `core` parts of the three test files.
        Some(4),
    ),
    (
        "a request example's URL that no request line matches (the snippets left out)",
        |p| {
            edit(
                p,
                "api/user-update.md",
                "PATCH https://graph.microsoft.com/changelog/me",
                "PATCH https://graph.microsoft.com/changelog/mee",
            )
        },
        // The same 6 as any edit of the page; the example was left out of the snippets already
        // (it names `/changelog/me`), so the snippets' table lists it with its new URL.
        Some(6),
    ),
    (
        "the crate's name in codegen.toml",
        |p| edit(p, "codegen.toml", "graph-client", "frames-client"),
        // What names the crate or reads the settings: the three test files and their `core`
        // parts (`use frames_client`), the request index (the token scope), the model index
        // (the docs label), and `frames.rs`, whose call docs show a snippet in the crate's name.
        Some(9),
    ),
    (
        "an API page added whose request line is not usable (the request index lists it)",
        // Named to sort last, so that its operation comes after every other and no position
        // moves: only the number of operations tells the request index about it.
        |p| {
            p.push((
                "api/zz-frame-archive.md".into(),
                "---\ntitle: \"Archive frame\"\ndescription: \"Archive a frame.\"\n---\n\
                 # Archive frame\n\nNamespace: microsoft.graph\n\nArchive a frame.\n\n\
                 ## HTTP request\n\n```http\nPOST /frames/{id/archive\n```\n\n\
                 ## Response\n\nIf successful, this method returns a `204 No Content` response code.\n"
                    .into(),
            ));
            p.sort();
        },
        None,
    ),
    (
        "a page added",
        |p| {
            p.push((
                "resources/square.md".into(),
                "---\ntitle: \"square resource type\"\n---\n# square resource type\n\n\
                 Namespace: microsoft.graph\n\nA square.\n\n## Properties\n\n\
                 | Property | Type | Description |\n|:---|:---|:---|\n| side | Double | Its side. |\n"
                    .into(),
            ));
            p.sort();
        },
        None,
    ),
];

#[test]
fn a_run_after_each_edit_writes_what_a_cold_run_writes_and_rebuilds_only_what_changed() {
    let mut pages = pages();
    let Warm {
        files,
        reused,
        next: mut cache,
        ..
    } = warm(&pages, CacheEntries::default());
    assert_eq!(reused, 0);
    assert_eq!(files, cold(&pages));
    let total = files.len();
    assert!(total > 25, "{total} files");
    // The test files keep their harness and mount one part per area.
    let snippets = files
        .iter()
        .find(|f| f.path == "tests/doc_examples/snippets/core.rs");
    assert!(
        snippets.is_some_and(
            |f| f.contents.contains("Graph::frames()") && f.contents.contains("text: ")
        ),
        "the frame's request example is a snippet"
    );
    assert!(files
        .iter()
        .any(|f| f.path == "tests/doc_examples/snippets.rs"
            && f.contents.contains("#[path = \"snippets/core.rs\"]")));
    // A node the root's key reaches by a segment has a file of its own, which the root's
    // module re-exports.
    let frames = files.iter().find(|f| f.path == "src/requests/frames.rs");
    assert!(
        frames.is_some_and(|f| f.contents.contains("mod frames_by_id_label;")
            && f.contents.contains("pub use frames_by_id_label::*;")),
        "the label's requests are a part of `frames`"
    );
    assert!(files
        .iter()
        .any(|f| f.path == "src/requests/frames/frames_by_id_label.rs"));

    let Warm {
        mut files,
        reused,
        next,
        ..
    } = warm(&pages, cache);
    assert_eq!(files, cold(&pages));
    // Every file but the manifest and the lock, which are not formatted, comes back unbuilt.
    assert_eq!(reused, total - 2, "a run with nothing changed");
    cache = next;

    for (what, apply, expected_rebuilt) in EDITS {
        apply(&mut pages);
        let previous = files;
        let Warm {
            files: now,
            reused,
            hits,
            next,
        } = warm(&pages, cache);
        files = now;
        let expected = cold(&pages);
        assert_eq!(files.len(), expected.len(), "after {what}");
        for (got, want) in files.iter().zip(&expected) {
            assert_eq!(got.path, want.path, "after {what}");
            assert!(
                got.contents == want.contents,
                "after {what}, {} differs from a cold run's",
                got.path
            );
        }
        let rebuilt = files.len() - 2 - reused;
        assert!(rebuilt > 0, "after {what}, nothing was rebuilt");
        // A rebuilt file whose text did not change is not formatted again, even after runs
        // that found it by its inputs alone: its text is kept by the fingerprint of its tokens.
        let unchanged = (files
            .iter()
            .filter(|f| f.path != "Cargo.toml" && f.path != "codegen.lock"))
        .filter(|f| {
            previous
                .iter()
                .any(|p| p.path == f.path && p.contents == f.contents)
        })
        .count();
        assert_eq!(hits, unchanged, "after {what}: files from the cache");
        if let Some(expected) = expected_rebuilt {
            assert_eq!(
                rebuilt,
                *expected,
                "after {what}: files rebuilt, of {}",
                files.len()
            );
        }
        cache = next;
    }

    // The docs named another way (`--docs` by another path into the same `--out`): the header
    // atop every file names them, so no file is reused with the old name.
    let label = EmitOptions {
        docs_label: "reference".into(),
        ..EmitOptions::default()
    };
    let relabelled = warm_with(&pages, cache, label.clone());
    assert_eq!(relabelled.reused, 0, "a run with the docs named anew");
    assert_eq!(relabelled.files, generate(&sources(&pages), &label).files);
}
