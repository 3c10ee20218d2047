//! The five seed pages are in `docs/api/` byte for byte (their defects are part of the input).
//! Runs where `../shared/seeds` exists beside the checkout, as it does in CI.

const SEEDS: &[(&str, &str)] = &[
    (
        "000_35a070f89d65d747.txt",
        "office365activeuserdetail-update.md",
    ),
    (
        "001_dfafb8a89ffcc4b2.txt",
        "office365activeusercounts-update.md",
    ),
    (
        "002_83b8dd4329cd6ee2.txt",
        "office365activationsusercounts-update.md",
    ),
    ("003_1f778da3d6428032.txt", "user-update.md"),
    ("004_e9c61d4aea2f22f4.txt", "azureadlicenseusage-update.md"),
];

#[test]
fn seed_pages_are_unmodified() {
    let root = xtask::project_root();
    let seeds = root.join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!(
            "note: {} not found; nothing to compare against",
            seeds.display()
        );
        return;
    }
    for (seed, page) in SEEDS {
        let original = std::fs::read(seeds.join(seed)).unwrap();
        let copy = std::fs::read(root.join("docs/api").join(page)).unwrap();
        assert!(
            original == copy,
            "docs/api/{page} differs from seeds/{seed}"
        );
    }
}
