//! The source that a human-format diagnostic shows, with long lines cut as rustc cuts them: a
//! line longer than [`MAX_LINE`] characters that a label points into is shown as a window around
//! the first label on it, with `…` where text was left out. Line and column numbers stay those
//! of the page. Files whose labelled lines are short are shown as they are, without copying.

use crate::sources::Sources;
use codespan_reporting::files::{Error, Files};
use generator::FileId;
use std::collections::BTreeMap;
use std::ops::Range;

/// The most characters of a source line a diagnostic shows.
pub const MAX_LINE: usize = 200;
/// How many characters before the first label of a cut line stay visible.
const BEFORE: usize = 40;
const ELLIPSIS: &str = "…";

/// The files one diagnostic is rendered from: the pages, some with long lines cut.
pub struct ExcerptFiles<'s> {
    sources: &'s dyn Sources,
    names: &'s [String],
    cut: BTreeMap<usize, Cut>,
}

/// One page's text with some lines cut.
struct Cut {
    text: String,
    line_starts: Vec<usize>,
    /// Original byte offset → offset in `text`, by the lines that changed.
    lines: Vec<CutLine>,
}

struct CutLine {
    /// The original line, without its newline.
    original: Range<usize>,
    /// The part of it kept.
    kept: Range<usize>,
    /// Where the line starts in `text`.
    at: usize,
    /// Characters left out before `kept`.
    chars_before: usize,
}

impl<'s> ExcerptFiles<'s> {
    /// `names[i]` is how file `i` is named in the output. `labels` are the diagnostic's
    /// spans: the lines they touch are the ones that may be cut.
    pub fn new(
        sources: &'s dyn Sources,
        names: &'s [String],
        labels: &[(FileId, Range<usize>)],
    ) -> Self {
        let mut by_file: BTreeMap<usize, Vec<Range<usize>>> = BTreeMap::new();
        for (file, range) in labels {
            by_file
                .entry(file.0 as usize)
                .or_default()
                .push(range.clone());
        }
        let cut = by_file
            .into_iter()
            .filter_map(|(file, ranges)| {
                let text = &sources.file(FileId(file as u32)).text;
                Some((file, Cut::new(text, &ranges)?))
            })
            .collect();
        ExcerptFiles {
            sources,
            names,
            cut,
        }
    }

    /// Where an offset of the page is in the text shown.
    pub fn map(&self, file: usize, offset: usize) -> usize {
        self.cut.get(&file).map_or(offset, |c| c.map(offset))
    }
}

impl Cut {
    /// `None` when no labelled line is long: the page is shown as it is.
    fn new(text: &str, labels: &[Range<usize>]) -> Option<Cut> {
        let mut lines: Vec<CutLine> = Vec::new();
        let mut touched: BTreeMap<usize, usize> = BTreeMap::new();
        for range in labels {
            let (first, last) = (range.start.min(text.len()), range.end.min(text.len()));
            let line_of = |point: usize| text[..point].rfind('\n').map_or(0, |i| i + 1);
            // The first label point on a line anchors its window; the lines a label spans are
            // shown too, so they are cut from their start.
            touched.entry(line_of(first)).or_insert(first);
            let mut line = line_of(first);
            while let Some(next) = text[line..last].find('\n').map(|i| line + i + 1) {
                touched.entry(next).or_insert(next);
                line = next;
            }
            touched.entry(line_of(last)).or_insert(last);
        }
        for (start, anchor) in touched {
            let end = text[start..].find('\n').map_or(text.len(), |i| start + i);
            let line = &text[start..end];
            if line.chars().count() <= MAX_LINE {
                continue;
            }
            let anchor_chars = text[start..anchor].chars().count();
            let first_char = anchor_chars.saturating_sub(BEFORE);
            let byte_at = |chars: usize| {
                line.char_indices()
                    .nth(chars)
                    .map_or(line.len(), |(i, _)| i)
            };
            let kept = start + byte_at(first_char)..start + byte_at(first_char + MAX_LINE);
            lines.push(CutLine {
                original: start..end,
                kept,
                at: 0,
                chars_before: first_char,
            });
        }
        if lines.is_empty() {
            return None;
        }
        let mut shown = String::with_capacity(text.len());
        let mut from = 0;
        for line in &mut lines {
            shown.push_str(&text[from..line.original.start]);
            line.at = shown.len();
            if line.kept.start > line.original.start {
                shown.push_str(ELLIPSIS);
            }
            shown.push_str(&text[line.kept.clone()]);
            if line.kept.end < line.original.end {
                shown.push_str(ELLIPSIS);
            }
            from = line.original.end;
        }
        shown.push_str(&text[from..]);
        let line_starts = std::iter::once(0)
            .chain(shown.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Some(Cut {
            text: shown,
            line_starts,
            lines,
        })
    }

    fn map(&self, offset: usize) -> usize {
        let mut shift: isize = 0;
        for line in &self.lines {
            if offset < line.original.start {
                break;
            }
            let lead = if line.kept.start > line.original.start {
                ELLIPSIS.len()
            } else {
                0
            };
            if offset <= line.original.end {
                let inside = offset.clamp(line.kept.start, line.kept.end) - line.kept.start;
                return line.at + lead + inside;
            }
            let trail = if line.kept.end < line.original.end {
                ELLIPSIS.len()
            } else {
                0
            };
            let shown_len = lead + line.kept.len() + trail;
            shift += shown_len as isize - line.original.len() as isize;
        }
        (offset as isize + shift) as usize
    }

    /// Characters of the page's line left out before what is shown, for line `index`.
    fn chars_before(&self, index: usize) -> Option<usize> {
        let start = *self.line_starts.get(index)?;
        self.lines
            .iter()
            .find(|l| l.at == start)
            .map(|l| l.chars_before)
    }
}

impl ExcerptFiles<'_> {
    fn line_starts(&self, id: usize) -> &[usize] {
        match self.cut.get(&id) {
            Some(cut) => &cut.line_starts,
            None => self.sources.file(FileId(id as u32)).line_starts(),
        }
    }
}

impl<'a> Files<'a> for ExcerptFiles<'_> {
    type FileId = usize;
    type Name = &'a str;
    type Source = &'a str;

    fn name(&'a self, id: usize) -> Result<&'a str, Error> {
        self.names
            .get(id)
            .map(String::as_str)
            .ok_or(Error::FileMissing)
    }

    fn source(&'a self, id: usize) -> Result<&'a str, Error> {
        match self.cut.get(&id) {
            Some(cut) => Ok(&cut.text),
            None => Ok(&self.sources.file(FileId(id as u32)).text),
        }
    }

    fn line_index(&'a self, id: usize, byte_index: usize) -> Result<usize, Error> {
        let starts = self.line_starts(id);
        Ok(starts
            .partition_point(|&s| s <= byte_index)
            .saturating_sub(1))
    }

    fn line_range(&'a self, id: usize, line_index: usize) -> Result<Range<usize>, Error> {
        let source = self.source(id)?;
        let starts = self.line_starts(id);
        let start = *starts.get(line_index).ok_or(Error::LineTooLarge {
            given: line_index,
            max: starts.len().saturating_sub(1),
        })?;
        let end = starts.get(line_index + 1).copied().unwrap_or(source.len());
        Ok(start..end)
    }

    fn column_number(
        &'a self,
        id: usize,
        line_index: usize,
        byte_index: usize,
    ) -> Result<usize, Error> {
        let source = self.source(id)?;
        let line = self.line_range(id, line_index)?;
        let shown = source[line.start..byte_index.clamp(line.start, line.end)]
            .chars()
            .count();
        // A cut line's columns count what was left out, not the `…` shown for it.
        let before = self
            .cut
            .get(&id)
            .and_then(|c| c.chars_before(line_index))
            .map_or(0, |n| n.saturating_sub(1));
        Ok(shown + before + 1)
    }
}
