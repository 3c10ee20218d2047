//! The README's table of diagnostic codes lists every code with its default severity.

use generator::{Code, Severity};

#[test]
fn every_code_is_documented_in_the_readme() {
    let readme = std::fs::read_to_string(xtask::project_root().join("README.md")).unwrap();
    for code in Code::ALL {
        let severity = match code.default_severity() {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        };
        let row = format!("| `{}` | {severity} |", code.name());
        assert!(readme.contains(&row), "README.md lacks the row `{row} …`");
    }
}
