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
    let mut text = text.replace("graph_client", crate_ident);
    if !examples_apply {
        for fence in ["//! ```", "/// ```"] {
            for kind in ["\n", "no_run\n", "rust\n"] {
                text = text.replace(&format!("{fence}{kind}"), &format!("{fence}text\n"));
            }
        }
    }
    text
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
