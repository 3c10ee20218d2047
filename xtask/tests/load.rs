//! Files in `docs/` that cannot be read as pages (not UTF-8, binary, unreadable, a dangling link,
//! a symlink loop) each get a diagnostic naming the file, and every other page still loads.

use generator::Code;
use std::path::Path;
use xtask::load::{load_docs, Loaded};

const PAGE: &str = "# thing resource type\n\nNamespace: microsoft.graph\n\n## Properties\n\n\
    |Property|Type|Description|\n|:---|:---|:---|\n|id|String|x|\n";

/// A docs root with two good pages around whatever `add` puts in.
fn docs_with(add: impl FnOnce(&Path)) -> (tempfile::TempDir, Loaded) {
    let temp = tempfile::tempdir().unwrap();
    let root = temp.path();
    std::fs::create_dir_all(root.join("resources")).unwrap();
    std::fs::write(root.join("resources/a-good.md"), PAGE).unwrap();
    std::fs::write(root.join("resources/z-good.md"), PAGE).unwrap();
    add(root);
    let loaded = load_docs(root).expect("the root itself is readable");
    (temp, loaded)
}

fn assert_good_pages_loaded(loaded: &Loaded) {
    for path in ["resources/a-good.md", "resources/z-good.md"] {
        let id = loaded
            .sources
            .find(path)
            .unwrap_or_else(|| panic!("{path} not loaded"));
        assert_eq!(loaded.sources.get(id).text, PAGE);
    }
}

/// The one `unreadable-page` diagnostic, located at `path:1:1`; returns its message.
/// The one `unreadable-page` diagnostic, at the start of `path` unless `path:line:col` is given.
fn unreadable(loaded: &Loaded, path: &str) -> String {
    unreadable_at(loaded, path, &format!("{path}:1:1"))
}

fn unreadable_at(loaded: &Loaded, path: &str, at: &str) -> String {
    let found: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnreadablePage)
        .collect();
    assert_eq!(found.len(), 1, "{:?}", loaded.diagnostics);
    assert_eq!(loaded.sources.location(found[0].primary.span), at);
    assert!(
        found[0].message.contains(path),
        "message does not name {path}: {}",
        found[0].message
    );
    found[0].message.clone()
}

#[test]
fn a_non_utf8_file() {
    let (_t, loaded) = docs_with(|root| {
        std::fs::write(
            root.join("resources/latin1.md"),
            b"# caf\xe9 resource type\n",
        )
        .unwrap();
    });
    assert_good_pages_loaded(&loaded);
    // `# caf` and then the Latin-1 `é`.
    let message = unreadable_at(&loaded, "resources/latin1.md", "resources/latin1.md:1:6");
    assert!(message.contains("not UTF-8"), "{message}");
}

/// The diagnostic points at the first byte that is not UTF-8, by the line and column it is on,
/// and the page is not read.
#[test]
fn a_non_utf8_file_is_reported_at_its_first_bad_byte() {
    let (_t, loaded) = docs_with(|root| {
        std::fs::write(
            root.join("resources/latin1.md"),
            b"---\ntitle: x\n---\n# caf\xe9 resource type\n\xff\n",
        )
        .unwrap();
    });
    let found: Vec<_> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::UnreadablePage)
        .collect();
    assert_eq!(found.len(), 1);
    assert_eq!(
        loaded.sources.location(found[0].primary.span),
        "resources/latin1.md:4:6"
    );
    assert_eq!(found[0].primary.message, "byte 0xE9 is not UTF-8");
    let (_, file) = loaded
        .sources
        .iter()
        .find(|(_, f)| f.path == "resources/latin1.md")
        .unwrap();
    assert!(!file.readable, "a page that is not UTF-8 is not parsed");
}

#[test]
fn a_binary_file() {
    let (_t, loaded) = docs_with(|root| {
        let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
        png.extend((0..=255u8).cycle().take(4096));
        std::fs::write(root.join("resources/image.md"), png).unwrap();
    });
    assert_good_pages_loaded(&loaded);
    unreadable(&loaded, "resources/image.md");
}

/// Binary bytes that happen to be UTF-8 (NULs, control characters) load as a page; generation
/// names it in a note and still generates the others.
#[test]
fn a_binary_file_that_is_valid_utf8() {
    let (_t, loaded) = docs_with(|root| {
        let bytes: Vec<u8> = (0..4096u32).map(|i| (i % 32) as u8).collect();
        std::fs::write(root.join("resources/zeros.md"), bytes).unwrap();
    });
    assert_good_pages_loaded(&loaded);
    assert!(loaded.diagnostics.is_empty());
    let generation = generator::generate(&loaded.sources, &generator::EmitOptions::default());
    assert!(generation
        .analysis
        .diagnostics
        .iter()
        .any(|d| loaded.sources.location(d.primary.span) == "resources/zeros.md:1:1"));
    assert!(generation
        .files
        .iter()
        .any(|f| f.path == "src/models/thing.rs"));
}

#[cfg(unix)]
#[test]
fn an_unreadable_file() {
    use std::os::unix::fs::PermissionsExt;
    let (_t, loaded) = docs_with(|root| {
        let path = root.join("resources/secret.md");
        std::fs::write(&path, PAGE).unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).unwrap();
    });
    assert_good_pages_loaded(&loaded);
    if loaded
        .sources
        .find("resources/secret.md")
        .is_some_and(|id| !loaded.sources.get(id).text.is_empty())
    {
        // Running as root: permissions do not stop reading, so there is nothing to report.
        eprintln!("skipped: this user can read a file with mode 000");
        return;
    }
    let message = unreadable(&loaded, "resources/secret.md");
    assert!(message.contains("ermission denied"), "{message}");
}

/// A file whose read fails even for root: `/proc/self/mem` answers a read at offset 0 with EIO.
#[cfg(target_os = "linux")]
#[test]
fn a_file_whose_read_fails() {
    let (_t, loaded) = docs_with(|root| {
        std::os::unix::fs::symlink("/proc/self/mem", root.join("resources/mem.md")).unwrap();
    });
    assert_good_pages_loaded(&loaded);
    let message = unreadable(&loaded, "resources/mem.md");
    assert!(message.contains("cannot read"), "{message}");
}

/// A link to nothing cannot be read whoever runs the test.
#[cfg(unix)]
#[test]
fn a_dangling_symlink() {
    let (_t, loaded) = docs_with(|root| {
        std::os::unix::fs::symlink(root.join("nowhere.md"), root.join("resources/dangling.md"))
            .unwrap();
    });
    assert_good_pages_loaded(&loaded);
    unreadable(&loaded, "resources/dangling.md");
}

/// A directory that links to its ancestor: walking stops there with a diagnostic instead of
/// looping, and the pages are loaded once.
#[cfg(unix)]
#[test]
fn a_symlink_loop() {
    let (_t, loaded) = docs_with(|root| {
        std::os::unix::fs::symlink(root, root.join("resources/loop")).unwrap();
    });
    assert_good_pages_loaded(&loaded);
    let message = unreadable(&loaded, "resources/loop");
    assert!(message.to_ascii_lowercase().contains("loop"), "{message}");
    assert_eq!(loaded.sources.len(), 3, "pages loaded more than once");
}

/// Two links that point at each other.
#[cfg(unix)]
#[test]
fn a_pair_of_symlinks_to_each_other() {
    let (_t, loaded) = docs_with(|root| {
        std::os::unix::fs::symlink(root.join("resources/b.md"), root.join("resources/a.md"))
            .unwrap();
        std::os::unix::fs::symlink(root.join("resources/a.md"), root.join("resources/b.md"))
            .unwrap();
    });
    assert_good_pages_loaded(&loaded);
    let names: Vec<String> = loaded
        .diagnostics
        .iter()
        .map(|d| loaded.sources.location(d.primary.span))
        .collect();
    assert_eq!(names, ["resources/a.md:1:1", "resources/b.md:1:1"]);
}

#[test]
fn a_missing_root_is_a_clear_error() {
    let temp = tempfile::tempdir().unwrap();
    let missing = temp.path().join("no-docs-here");
    let err = load_docs(&missing).err().expect("a missing root fails");
    assert!(err.contains("no-docs-here"), "{err}");
}
