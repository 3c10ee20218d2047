//! Arbitrary bytes → if UTF-8, one page through `SourceFile::new` and `parse_page`.
#![no_main]

use generator::diagnostic::Diagnostics;
use generator::{FileId, SourceFile};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let file = SourceFile::new("resources/fuzz.md", text);
    let mut diags = Diagnostics::default();
    let page = generator::parse::parse_page(FileId(0), &file, &mut diags);
    // Every span the parser hands out must be showable.
    for d in diags.into_sorted() {
        let _ = file.line_col(d.primary.span.start as usize);
    }
    let _ = page;
});
