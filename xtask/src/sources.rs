//! The files diagnostics point into, as the renderers read them: for `codegen` a docs tree's
//! pages, for `check-metadata` the pages and, after them, the CSDL file. A trait rather than a
//! `SourceSet` because the generator's set holds only what it analyzes, and the CSDL is not a
//! page.

use generator::{FileId, SourceFile, SourceSet, Span};

pub trait Sources {
    /// How many files there are; `FileId(0)` to `FileId(count - 1)` name them.
    fn file_count(&self) -> usize;
    fn file(&self, id: FileId) -> &SourceFile;

    /// `path:line:col` of the start of a span (the path as the file names itself).
    fn location(&self, span: Span) -> String {
        let file = self.file(span.file);
        let (line, column) = file.line_col(span.start as usize);
        format!("{}:{line}:{column}", file.path)
    }
}

impl Sources for SourceSet {
    fn file_count(&self) -> usize {
        self.len()
    }

    fn file(&self, id: FileId) -> &SourceFile {
        self.get(id)
    }
}

/// A docs tree's pages, then one more file (`FileId(pages.len())`).
pub struct PagesAnd<'a> {
    pub pages: &'a SourceSet,
    pub last: &'a SourceFile,
}

impl PagesAnd<'_> {
    /// The id of the file after the pages.
    pub fn last_id(pages: &SourceSet) -> FileId {
        FileId(pages.len() as u32)
    }
}

impl Sources for PagesAnd<'_> {
    fn file_count(&self) -> usize {
        self.pages.len() + 1
    }

    fn file(&self, id: FileId) -> &SourceFile {
        if id == Self::last_id(self.pages) {
            self.last
        } else {
            self.pages.get(id)
        }
    }
}
