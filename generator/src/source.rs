//! Source files as the generator sees them: a path relative to the docs root, the text, and a line index.

use serde::Serialize;

/// Index of a file in a [`SourceSet`]; stable for the life of one generation run.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FileId(pub u32);

/// A byte range in one source file. Everything the parser produces carries one, so that every
/// diagnostic and every generated doc comment can point back to `file:line:col`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Span {
    pub file: FileId,
    pub start: u32,
    pub end: u32,
}

/// Serialized as `start..end` (byte offsets), which keeps page dumps short and readable.
impl Serialize for Span {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(&format_args!("{}..{}", self.start, self.end))
    }
}

impl Span {
    pub fn new(file: FileId, range: std::ops::Range<usize>) -> Self {
        Span {
            file,
            start: range.start as u32,
            end: range.end as u32,
        }
    }

    /// A span covering `sub`, which is relative to the start of `self`.
    pub fn subspan(self, sub: std::ops::Range<usize>) -> Self {
        Span {
            file: self.file,
            start: self.start + sub.start as u32,
            end: self.start + sub.end as u32,
        }
    }

    pub fn range(self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

/// One markdown page.
#[derive(Debug)]
pub struct SourceFile {
    /// Path relative to the docs root, with `/` separators (e.g. `api/user-update.md`).
    pub path: String,
    pub text: String,
    line_starts: Vec<usize>,
    /// `false` for a file that could not be read as a page (not UTF-8): `text` then holds what
    /// came before the problem, so that a diagnostic can point at it, and it is not parsed.
    pub readable: bool,
}

impl SourceFile {
    /// Makes a source file from raw bytes. A UTF-8 byte-order mark is dropped and CRLF line endings
    /// become LF, so that the same page saved by different editors yields the same output. A lone
    /// CR, which CommonMark also reads as a line ending, becomes LF too: left in, it would reach
    /// generated doc comments, where rustc rejects a bare CR.
    /// A file that cannot be read as a page, with the text before the problem (empty when the
    /// file could not be read at all), so that a diagnostic can point at the problem.
    pub fn unreadable(path: impl Into<String>, text_before_problem: &str) -> Self {
        SourceFile {
            readable: false,
            ..SourceFile::new(path, text_before_problem)
        }
    }

    pub fn new(path: impl Into<String>, text: &str) -> Self {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let text = if text.contains('\r') {
            text.replace("\r\n", "\n").replace('\r', "\n")
        } else {
            text.to_owned()
        };
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            line_starts,
            readable: true,
        }
    }

    /// The file name without its folders and `.md`: `api/post-reply.md` → `post-reply`.
    pub fn stem(&self) -> &str {
        let name = self.path.rsplit('/').next().unwrap_or(&self.path);
        name.strip_suffix(".md").unwrap_or(name)
    }

    /// The byte offset where each line starts (the first is 0).
    pub fn line_starts(&self) -> &[usize] {
        &self.line_starts
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let line = self.line_starts.partition_point(|&s| s <= offset) - 1;
        let start = self.line_starts[line];
        let col = self.text[start..offset.min(self.text.len())]
            .chars()
            .count()
            + 1;
        (line + 1, col)
    }
}

/// All pages of one docs root, sorted by path so that everything downstream is deterministic.
/// Cloning is cheap (shared): an [`crate::Analysis`] keeps the set it was made from.
#[derive(Clone, Debug, Default)]
pub struct SourceSet {
    files: std::sync::Arc<[SourceFile]>,
    /// Lower-cased path → file, for link resolution.
    by_path: std::sync::Arc<std::collections::BTreeMap<String, FileId>>,
}

impl SourceSet {
    /// Builds the set; input order does not matter.
    pub fn new(mut files: Vec<SourceFile>) -> Self {
        files.sort_by(|a, b| a.path.cmp(&b.path));
        let mut by_path = std::collections::BTreeMap::new();
        for (i, f) in files.iter().enumerate() {
            by_path
                .entry(f.path.to_ascii_lowercase())
                .or_insert(FileId(i as u32));
        }
        SourceSet {
            files: files.into(),
            by_path: by_path.into(),
        }
    }

    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// Finds a page by its docs-relative path, ignoring ASCII case as the Graph docs' links do.
    pub fn find(&self, path: &str) -> Option<FileId> {
        self.by_path.get(&path.to_ascii_lowercase()).copied()
    }

    /// `path:line:col` of the start of a span, for messages and generated docs.
    pub fn location(&self, span: Span) -> String {
        let file = self.get(span.file);
        let (line, col) = file.line_col(span.start as usize);
        format!("{}:{line}:{col}", file.path)
    }

    /// `path` and 1-based line of the start of a span.
    pub fn path_line(&self, span: Span) -> (&str, usize) {
        let file = self.get(span.file);
        (&file.path, file.line_col(span.start as usize).0)
    }
}
