//! Descriptions as the IR carries them: inline markdown in one normal form, written by the
//! parser from pulldown-cmark's events and read back by the emitter, which renders it for
//! rustdoc (links resolved, notes named). The form is small: literal text with every character
//! that could mean something backslash-escaped, code spans, `**strong**`, `*emphasis*` and
//! `[text](<target>)`; and, until `lower` splices them, the docs' include directives as the
//! literal text `\[!INCLUDE …\]`.

use std::ops::Range;

/// `text` as literal markdown: each ASCII character that markdown could read as syntax is
/// backslash-escaped (CommonMark allows that before any ASCII punctuation), so that parsing
/// the result gives back `text` as one text run.
pub fn escape_literal(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for (i, c) in text.char_indices() {
        let at_start = i == 0;
        let syntax = matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '&' | '~' | '|')
            // What opens a block only at the start: a heading, a list, a quote, a thematic break.
            || (at_start && matches!(c, '#' | '-' | '+' | '=' | '>'));
        if syntax {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `text` as one code span, whatever it contains: fenced by more backticks than its longest
/// run (padded with spaces where it starts or ends with one), with bidirectional controls
/// dropped and line breaks made spaces.
pub fn code_span(text: &str) -> String {
    let text: String = text
        .chars()
        .filter(|c| !is_bidi_control(*c))
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{text}{pad}{fence}")
}

/// Bidirectional controls could make a comment read differently from the code (rustc denies
/// them in comments); they carry no meaning in a description.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

/// An include directive in the normal form: `\[!INCLUDE [name](<path>)\]`, or the bare
/// `\[!INCLUDE name\]` that names no file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IncludeDirective {
    /// The whole directive in the markdown.
    pub range: Range<usize>,
    /// The path its link names, as written.
    pub target: Option<String>,
}

/// The include directives of `markdown` (in the normal form), in order.
pub fn include_directives(markdown: &str) -> Vec<IncludeDirective> {
    const OPEN: &str = "\\[!INCLUDE";
    let mut found = Vec::new();
    // Most cells and paragraphs hold no `!`: one memchr, not a substring searcher's set-up.
    if !markdown.contains('!') {
        return found;
    }
    let mut from = 0;
    while let Some(at) = markdown[from..].find(OPEN).map(|at| from + at) {
        let rest = &markdown[at + OPEN.len()..];
        // The link's target is `(<…>)`, which holds no `>`; the directive ends at the first
        // escaped `]` after it.
        let target_at = rest
            .find("](<")
            .filter(|&t| rest[..t].find("\\]").is_none());
        let (target, search_from) = match target_at {
            Some(t) => {
                let inner = &rest[t + 3..];
                let end = inner.find(">)").unwrap_or(inner.len());
                (Some(inner[..end].to_owned()), t + 3 + end)
            }
            None => (None, 0),
        };
        let close = rest[search_from..]
            .find("\\]")
            .map_or(rest.len(), |c| search_from + c + 2);
        let end = at + OPEN.len() + close;
        found.push(IncludeDirective {
            range: at..end,
            target,
        });
        from = end;
    }
    found
}

/// A link target as the normal form writes it inside `(<…>)`, which holds anything but angle
/// brackets and line breaks.
pub fn written_target(target: &str) -> String {
    target
        .chars()
        .filter(|c| !matches!(c, '<' | '>') && !c.is_control())
        .collect()
}

/// Whitespace runs made one space, and the ends trimmed.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// [`collapse_whitespace`] of a text the caller owns, which keeps its allocation when there is
/// nothing to collapse (most cells and paragraphs of a page: the parser builds them with single
/// spaces already).
pub fn collapse_whitespace_owned(text: String) -> String {
    // Whether every whitespace is one space between two words, as `split_whitespace` and `join`
    // would leave it. ASCII text (most of it) is checked byte by byte: its whitespace is
    // U+0009 to U+000D and the space, as for `char::is_whitespace`.
    if text.is_ascii() {
        let bytes = text.as_bytes();
        let single_spaces = bytes.first() != Some(&b' ')
            && bytes.last() != Some(&b' ')
            && !bytes.windows(2).any(|w| w == b"  ")
            && !bytes.iter().any(|b| (9..=13).contains(b));
        return if single_spaces {
            text
        } else {
            collapse_whitespace(&text)
        };
    }
    let mut after_space = true;
    for c in text.chars() {
        if c == ' ' {
            if after_space {
                return collapse_whitespace(&text);
            }
            after_space = true;
        } else if c.is_whitespace() {
            return collapse_whitespace(&text);
        } else {
            after_space = false;
        }
    }
    if after_space && !text.is_empty() {
        return collapse_whitespace(&text);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn owned_collapse_agrees_with_the_borrowed_one() {
        for text in [
            "", " ", "a", "a b", " a", "a ", "a  b", "a\tb", "a\nb", "a\u{a0}b", "é ü", "x\r\ny ",
            "a\u{b}b", "a\u{c}b", "a\u{1f}b", " é", "é ", "é  ü", "é\tü",
        ] {
            assert_eq!(
                collapse_whitespace_owned(text.to_owned()),
                collapse_whitespace(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn literal_text_escapes_what_markdown_reads_as_syntax() {
        assert_eq!(escape_literal("a_b *c* [d]"), "a\\_b \\*c\\* \\[d\\]");
        assert_eq!(escape_literal("# not a heading"), "\\# not a heading");
        assert_eq!(escape_literal("x # y"), "x # y");
        assert_eq!(escape_literal("&lt; <br>"), "\\&lt; \\<br\\>");
    }

    #[test]
    fn include_directives_are_found_with_and_without_a_path() {
        let md = "Id. \\[!INCLUDE outlook-beta-id\\] Read-only. \\[!INCLUDE [x](<../includes/x.md>)\\] end";
        let found = include_directives(md);
        assert_eq!(found.len(), 2);
        assert_eq!(
            &md[found[0].range.clone()],
            "\\[!INCLUDE outlook-beta-id\\]"
        );
        assert_eq!(found[0].target, None);
        assert_eq!(
            &md[found[1].range.clone()],
            "\\[!INCLUDE [x](<../includes/x.md>)\\]"
        );
        assert_eq!(found[1].target.as_deref(), Some("../includes/x.md"));
    }

    #[test]
    fn an_unclosed_directive_runs_to_the_end() {
        let found = include_directives("a \\[!INCLUDE b");
        assert_eq!(found[0].range, 2..14);
    }
}
