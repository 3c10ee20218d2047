//! Turns description text from the docs into markdown that rustdoc reads as the plain prose it
//! is: no stray links, HTML, emphasis, code blocks (which would become doctests) or bare URLs
//! (a rustdoc lint), while code spans and URLs keep working.

pub use crate::prose::code_span;
use crate::prose::is_bidi_control;

/// Escapes `text` for a doc comment. Code spans (backtick runs closed by a run of the same
/// length, as CommonMark pairs them) are kept; everything else is escaped where markdown would
/// give it meaning.
pub fn escape(text: &str) -> String {
    escape_with(text, true, true)
}

/// Escapes `text` as literal text: like [`escape`], but a backtick never opens a code span
/// (the text of a markdown text run, whose code spans were separate events). `at_line_start`
/// says whether `text` starts a line (where indentation is dropped) or continues one.
pub fn literal(text: &str, at_line_start: bool) -> String {
    escape_with(text, false, at_line_start)
}

fn escape_with(text: &str, code_spans: bool, at_line_start: bool) -> String {
    // Bidirectional controls go first, wherever they are (code spans and URLs too): rustc denies
    // them in comments, and dropping one mid-scan must not change what starts a line.
    let without_bidi: String;
    let text = if text.chars().any(is_bidi_control) {
        without_bidi = text.chars().filter(|c| !is_bidi_control(*c)).collect();
        &without_bidi
    } else {
        text
    };
    let closers = ClosingRuns::new(text);
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    let mut at_line_start = at_line_start;
    // End of the current line: a code span never crosses it here, so that no line inside one
    // can be read as the start of a block (a fence, say) before the span is seen.
    let mut line_end = 0;
    let mut i = 0;
    while i < text.len() {
        if i >= line_end {
            line_end = text[i..].find('\n').map_or(text.len(), |at| i + at + 1);
        }
        let rest = &text[i..];
        let c = rest.chars().next().expect("i is on a char boundary");
        if at_line_start && (c == ' ' || c == '\t') {
            // Leading indentation would make an indented code block (a doctest) or a list
            // continuation; in a description it is never meant.
            i += c.len_utf8();
            continue;
        }
        if c == '`' {
            let run = rest.bytes().take_while(|&b| b == b'`').count();
            // A run of three or more at the start of a line opens a fenced code block even
            // when a matching run follows, so it is never a code span there.
            let may_open = code_spans && !(at_line_start && run >= 3);
            let close = closers
                .next_of_length(run, i + run)
                .filter(|&close| may_open && close < line_end);
            match close {
                Some(close) => {
                    out.push_str(&text[i..close + run]);
                    at_line_start = false;
                    i = close + run;
                }
                None => {
                    out.extend(std::iter::repeat_n("\\`", run));
                    at_line_start = false;
                    i += run;
                }
            }
            continue;
        }
        if let Some(len) = url_len(rest) {
            // rustdoc links an autolink and warns about a bare URL (rustdoc::bare_urls).
            out.push('<');
            out.push_str(&rest[..len]);
            out.push('>');
            at_line_start = false;
            i += len;
            continue;
        }
        if c == '<' {
            // The URL first: looking for `>` first would scan to the end for every `<`.
            if let Some(len) = url_len(&rest[1..]).filter(|&len| rest[1 + len..].starts_with('>')) {
                // Already an autolink: `<https://…>`.
                out.push_str(&rest[..len + 2]);
                at_line_start = false;
                i += len + 2;
                continue;
            }
        }
        match c {
            '[' => out.push_str("\\["),
            ']' => out.push_str("\\]"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '*' => out.push_str("\\*"),
            '_' => out.push_str("\\_"),
            // `~~~` fences a code block, `~~x~~` strikes through.
            '~' => out.push_str("\\~"),
            '\\' => out.push_str("\\\\"),
            _ => out.push(c),
        }
        at_line_start = c == '\n';
        i += c.len_utf8();
    }
    out
}

/// The byte length of an `http://` or `https://` URL at the start of `text`, without the
/// punctuation that usually ends the sentence around it.
fn url_len(text: &str) -> Option<usize> {
    let scheme = ["https://", "http://"]
        .into_iter()
        .find(|scheme| text.starts_with(scheme))?;
    let end = text
        .find(|c: char| c.is_whitespace() || c.is_control() || matches!(c, '<' | '>' | '`' | '"'))
        .unwrap_or(text.len());
    let trimmed = text[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', ')', ']']);
    (trimmed.len() > scheme.len()).then_some(trimmed.len())
}

/// Where each backtick run starts, by run length, so the closer of a code span is found in
/// amortised constant time: the scan only moves forward, and so does each length's cursor.
struct ClosingRuns {
    /// `(length, start)` of every run, sorted; a length's runs are contiguous and in order.
    runs: Vec<(usize, usize)>,
}

impl ClosingRuns {
    fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut runs = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i] == b'`' {
                let len = bytes[i..].iter().take_while(|&&b| b == b'`').count();
                runs.push((len, i));
                i += len;
            } else {
                i += 1;
            }
        }
        runs.sort_unstable();
        Self { runs }
    }

    /// The start of the first run of exactly `len` backticks at or after `from`.
    fn next_of_length(&self, len: usize, from: usize) -> Option<usize> {
        let at = self.runs.partition_point(|&run| run < (len, from));
        self.runs
            .get(at)
            .filter(|&&(run_len, _)| run_len == len)
            .map(|&(_, start)| start)
    }
}

#[cfg(test)]
mod tests {
    use super::{code_span, escape};

    #[test]
    fn prose_is_escaped_and_code_is_not() {
        assert_eq!(escape("a [b] `x[0]` c"), "a \\[b\\] `x[0]` c");
        assert_eq!(escape("<br> *x* a_b"), "&lt;br&gt; \\*x\\* a\\_b");
    }

    #[test]
    fn an_unclosed_backtick_is_literal() {
        assert_eq!(
            escape("an unclosed `span and [t][u]"),
            "an unclosed \\`span and \\[t\\]\\[u\\]"
        );
    }

    #[test]
    fn backtick_runs_pair_by_length() {
        // CommonMark: ``` has no closer, so `a` and `b` are the code spans.
        assert_eq!(
            escape("``` `a` [t][u] `b`"),
            "\\`\\`\\` `a` \\[t\\]\\[u\\] `b`"
        );
        assert_eq!(escape("``a ` b`` c"), "``a ` b`` c");
        // Not across lines.
        assert_eq!(escape("`a\n```\nb`"), "\\`a\n\\`\\`\\`\nb\\`");
    }

    #[test]
    fn fences_and_indented_code_are_not_opened() {
        assert_eq!(escape("~~~"), "\\~\\~\\~");
        assert_eq!(escape("```rust\nx\n```"), "\\`\\`\\`rust\nx\n\\`\\`\\`");
        assert_eq!(escape("a\n\n    code?"), "a\n\ncode?");
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code_span("aboutMe"), "`aboutMe`");
        assert_eq!(code_span("a``b"), "```a``b```");
        assert_eq!(code_span("`x"), "`` `x ``");
        assert_eq!(code_span("e\u{202e}vil\n"), "`evil `");
    }

    #[test]
    fn urls_become_autolinks() {
        assert_eq!(
            escape("see https://example.org/a_b."),
            "see <https://example.org/a_b>."
        );
        assert_eq!(
            escape("see <https://example.com> (https://x.y)"),
            "see <https://example.com> (<https://x.y>)"
        );
        assert_eq!(escape("http:// alone"), "http:// alone");
    }

    #[test]
    fn bidi_controls_are_dropped_everywhere() {
        // Before indentation (which must still not open a code block), in a code span, in a URL.
        assert_eq!(escape("\u{202e}    x()"), "x()");
        assert_eq!(escape("`a\u{202e}b`"), "`ab`");
        assert_eq!(escape("https://x/\u{2066}y"), "<https://x/y>");
    }
}
