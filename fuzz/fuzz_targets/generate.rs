//! A small docs set: the input is split into up to 4 pages at `\n=====\n`, alternately placed
//! under `resources/` and `api/`, and run through the whole generator in memory.
#![no_main]

use generator::{generate, EmitOptions, SourceFile, SourceSet};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let pages: Vec<SourceFile> = text
        .splitn(4, "\n=====\n")
        .enumerate()
        .map(|(i, page)| {
            let dir = if i % 2 == 0 { "resources" } else { "api" };
            SourceFile::new(format!("{dir}/page{i}.md"), page)
        })
        .collect();
    let sources = SourceSet::new(pages);
    let generation = generate(&sources, &EmitOptions::default());
    for file in &generation.files {
        assert!(!file.contents.is_empty(), "{} is empty", file.path);
    }
    for d in &generation.analysis.diagnostics {
        let _ = sources.location(d.primary.span);
    }
});
