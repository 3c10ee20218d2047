//! The service root a crate talks to by default: the one its docs' request examples send to
//! (`https://graph.microsoft.com/beta` for the beta reference), so that a crate generated from
//! one version of the docs does not call another.

use crate::ir::Ir;
use std::collections::BTreeMap;

/// Graph v1.0's root, for docs whose examples name none.
const FALLBACK: &str = "https://graph.microsoft.com/v1.0";

/// Fewer request examples than this that name a version say too little to move a crate off
/// Graph v1.0 (the seed docs have one, a `beta` URL among `changelog` and broken ones).
const ENOUGH: usize = 10;

/// `scheme://host/version` that most request examples' URLs start with, counting only URLs
/// whose first path segment is a version (`v1.0`, `v2`, `beta`), when at least [`ENOUGH`] do
/// and it is at least half of them; ties go to the first in order, so the choice is the same on
/// every run. Otherwise Graph v1.0's root.
pub fn service_root(ir: &Ir) -> String {
    let urls = (ir.examples.iter())
        .filter_map(|e| e.request.as_ref().map(|(_, url, _)| url.as_str()))
        .chain(ir.bodiless_requests.iter().map(|r| r.url.as_str()));
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for root in urls.filter_map(root_of) {
        *counts.entry(root).or_insert(0) += 1;
    }
    let total: usize = counts.values().sum();
    let most = counts.values().copied().max().unwrap_or(0);
    if total < ENOUGH || most * 2 < total {
        return FALLBACK.to_owned();
    }
    counts
        .into_iter()
        .find(|(_, n)| *n == most)
        .map_or_else(|| FALLBACK.to_owned(), |(root, _)| root)
}

/// `https://graph.microsoft.com/beta/me` → `https://graph.microsoft.com/beta`.
fn root_of(url: &str) -> Option<String> {
    let url = crate::lower::http::split_url(url.trim());
    let origin = url.origin?;
    let host = origin
        .strip_prefix("https://")
        .or_else(|| origin.strip_prefix("http://"))?;
    (!host.is_empty()).then_some(())?;
    // Another service's version (`v2`) names its root too.
    let version = (url.version).or_else(|| {
        url.path
            .split('/')
            .next()
            .filter(|s| crate::lower::http::is_version(s))
    })?;
    Some(format!("{origin}/{version}"))
}

#[cfg(test)]
mod tests {
    use super::{root_of, service_root};
    use crate::source::{SourceFile, SourceSet};

    /// `n` API pages whose examples send to `root`.
    fn docs(root: &str, n: usize) -> SourceSet {
        let pages = (0..n).map(|i| {
            let text = format!(
                "---\ntitle: \"Get widget {i}\"\ndoc_type: apiPageType\n---\n\n# Get widget {i}\n\n\
                 ## HTTP request\n```http\nGET /widgets{i}/{{id}}\n```\n\n## Example\n\
                 <!-- {{ \"blockType\": \"request\", \"name\": \"get_{i}\" }} -->\n\
                 ```http\nGET {root}/widgets{i}/1\n```\n"
            );
            SourceFile::new(format!("api/widget{i}-get.md"), &text)
        });
        SourceSet::new(pages.collect())
    }

    #[test]
    fn the_docs_examples_decide_the_root_when_they_say_enough() {
        let beta = crate::analyze(&docs("https://graph.microsoft.com/beta", 12));
        assert_eq!(service_root(&beta.ir), "https://graph.microsoft.com/beta");
        // One example is too little to move off v1.0.
        let one = crate::analyze(&docs("https://graph.microsoft.com/beta", 1));
        assert_eq!(service_root(&one.ir), "https://graph.microsoft.com/v1.0");
    }

    #[test]
    fn a_root_is_scheme_host_and_version() {
        assert_eq!(
            root_of("https://graph.microsoft.com/beta/me/events?$top=1").as_deref(),
            Some("https://graph.microsoft.com/beta")
        );
        assert_eq!(
            root_of("https://graph.microsoft.com/v1.0/users").as_deref(),
            Some("https://graph.microsoft.com/v1.0")
        );
        assert_eq!(
            root_of("https://api.acme.test/v2/widgets/1").as_deref(),
            Some("https://api.acme.test/v2")
        );
        assert_eq!(root_of("https://graph.microsoft.com/changelog/me"), None);
        assert_eq!(root_of("/me/events"), None);
    }
}
