//! What an API page's request headers table says: the headers a request takes besides the
//! ones every request has, and the one media type its `Content-Type` row names, which is what
//! a body that is not JSON (a photo, an app package) is sent as.

use crate::parse::{Page, Table};

/// The tables under the page's `Request headers` sections.
fn header_tables(page: &Page) -> impl Iterator<Item = &Table> {
    page.sections_named(&["Request headers"])
        .flat_map(|s| &s.blocks)
        .filter_map(|b| match b {
            crate::parse::Block::Table(t) => Some(t),
            _ => None,
        })
}

/// Header names from the request headers table, without the ones every request has.
pub fn request_headers(page: &Page) -> Vec<String> {
    let mut names: Vec<String> = header_tables(page)
        .flat_map(|t| &t.rows)
        .filter_map(|r| r.cells.first())
        .map(|c| c.text.trim().trim_matches('`').trim().to_owned())
        .filter(|n| {
            !n.is_empty()
                && n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')
                && !["authorization", "content-type", "content-length"]
                    .contains(&n.to_ascii_lowercase().as_str())
        })
        .collect();
    names.dedup();
    names
}

/// The media type the `Content-Type` row names (`image/jpeg. Required.` → `image/jpeg`), when
/// it names exactly one; a row that offers several (`application/json` or `text/plain`) or
/// only describes one in words says nothing.
pub fn content_type(page: &Page) -> Option<String> {
    let row = header_tables(page).flat_map(|t| &t.rows).find(|r| {
        r.cells.first().is_some_and(|c| {
            c.text
                .trim()
                .trim_matches('`')
                .eq_ignore_ascii_case("content-type")
        })
    })?;
    let mut types: Vec<String> = row.cells[1..]
        .iter()
        .flat_map(|c| media_types(&c.text))
        .collect();
    types.dedup();
    match types.as_slice() {
        [one] => Some(one.clone()),
        _ => None,
    }
}

/// The `type/subtype` words of a cell, lowercased.
fn media_types(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| c.is_whitespace() || c == ',' || c == ';' || c == '`')
        .map(|w| w.trim_end_matches(['.', ')']).trim_start_matches('('))
        .filter(|w| is_media_type(w))
        .map(str::to_ascii_lowercase)
}

/// `type/subtype` with RFC 6838's restricted name characters on both sides.
fn is_media_type(word: &str) -> bool {
    let name = |s: &str| {
        !s.is_empty()
            && s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || "!#$&-^_.+".contains(c))
    };
    word.split_once('/')
        .is_some_and(|(kind, sub)| name(kind) && name(sub) && !sub.contains('/'))
}

/// Whether a media type is JSON (`application/json`, `application/merge-patch+json`).
pub fn is_json(media_type: &str) -> bool {
    media_type == "application/json" || media_type.ends_with("+json")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cell_names_a_media_type_among_words() {
        let found: Vec<String> = media_types("`image/jpeg`. Required.").collect();
        assert_eq!(found, ["image/jpeg"]);
        let found: Vec<String> = media_types(
            "Use `application/json` for a JSON object and `text/plain` for MIME content.",
        )
        .collect();
        assert_eq!(found, ["application/json", "text/plain"]);
        assert_eq!(
            media_types("Nature of the data in the body. Required.").count(),
            0
        );
        assert!(!is_media_type("https://graph.microsoft.com/v1.0"));
        assert!(is_json("application/json") && is_json("application/merge-patch+json"));
        assert!(!is_json("application/zip"));
    }
}
