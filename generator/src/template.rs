//! The hand-written parts of a generated crate, kept in this workspace's `generated/`, and how
//! their text is fitted to one crate. The library reads no files: `xtask`'s scaffold copies them
//! into an `--out` crate, and tests that build a crate of their own do the same, through these.

/// Written into a fresh crate only, then left to the crate's owner.
pub const ONCE: &[&str] = &["src/lib.rs", "tests/doc_examples.rs"];

/// Every `.rs` file of these directories is what generated code calls into (the runtime, and the
/// runners of the doc-example tests): kept in step with the generator, rewritten when it differs.
pub const KEPT_IN_STEP: &[&str] = &["src/support", "tests/doc_examples_runner"];

/// A template file's text for the crate `crate_ident`: its examples name the crate by that name,
/// and where they do not apply (docs without Graph's `user`, another root type) they become
/// text, so that the crate's doctests do not fail on them.
pub fn fit_text(text: &str, crate_ident: &str, examples_apply: bool) -> String {
    let text = text.replace("graph_client", crate_ident);
    if examples_apply {
        return text;
    }
    // Only an opening fence takes the info string: a closing fence with one would not close
    // the block, and the rest of the docs would read as code.
    let mut open = false;
    let mut fitted = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        let body = line.trim_end_matches('\n');
        let indent = body.len() - body.trim_start().len();
        let (lead, rest) = body.split_at(indent);
        let fence = ["//! ```", "/// ```"]
            .iter()
            .find_map(|f| rest.strip_prefix(f).map(|info| (&rest[..f.len()], info)));
        match fence {
            Some((fence, info)) if !open => {
                open = true;
                let info = match info.trim() {
                    "" | "no_run" | "rust" => "text",
                    other => other,
                };
                fitted.push_str(&format!("{lead}{fence}{info}"));
                fitted.push_str(&line[body.len()..]);
            }
            Some(_) => {
                open = false;
                fitted.push_str(line);
            }
            None => fitted.push_str(line),
        }
    }
    fitted
}

#[cfg(test)]
mod tests {
    use super::fit_text;

    #[test]
    fn examples_name_the_crate_and_become_text_where_they_do_not_apply() {
        let doc =
            "//! ```no_run\n//! use graph_client::Graph;\n//! ```\n/// ```\n/// x();\n/// ```\n";
        assert_eq!(fit_text(doc, "graph_client", true), doc);
        assert_eq!(
            fit_text(doc, "acme_client", false),
            "//! ```text\n//! use acme_client::Graph;\n//! ```\n/// ```text\n/// x();\n/// ```\n"
        );
    }
}
