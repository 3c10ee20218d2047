//! Formatted files remembered by a fingerprint of the tokens they were formatted from, so that a
//! re-run formats only the files whose tokens changed. Formatting (syn re-parsing the tokens,
//! then prettyplease) is most of emit; building the tokens and fingerprinting them is a fraction.
//! The same map holds files by a key of their inputs (`reuse.rs`), so that a re-run does not
//! even build the tokens of a file whose inputs did not change.
//!
//! The cache is only as trustworthy as its key: a fingerprint covers the file's header and every
//! token (kind, text, delimiter, spacing), and the caller must discard a cache written by a
//! different build of the generator (`xtask` keys its cache file by the binary), since another
//! prettyplease could format the same tokens differently.

use proc_macro2::{Delimiter, Spacing, TokenStream, TokenTree};
use std::collections::HashMap;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// Formatted text by fingerprint or by inputs key: what an earlier run left, and what this run
/// used.
pub struct FormatCache {
    previous: HashMap<u128, String>,
    used: Mutex<HashMap<u128, String>>,
    /// Files found by their inputs key, whose tokens were not built.
    reused: AtomicUsize,
}

impl FormatCache {
    pub fn new(previous: HashMap<u128, String>) -> Self {
        Self {
            previous,
            used: Mutex::new(HashMap::new()),
            reused: AtomicUsize::new(0),
        }
    }

    /// The text of the file whose inputs hash to `key`: remembered, or made by `build` (which
    /// builds and formats it) and remembered.
    pub(crate) fn get_or_build(&self, key: u128, build: impl FnOnce() -> String) -> String {
        if self.previous.contains_key(&key) {
            self.reused.fetch_add(1, Ordering::Relaxed);
        }
        self.get_or_format(key, build)
    }

    /// How many files of this run were found by their inputs, without building their tokens.
    pub fn reused(&self) -> usize {
        self.reused.load(Ordering::Relaxed)
    }

    /// The text for `fingerprint`: remembered, or made by `format` and remembered.
    pub(crate) fn get_or_format(
        &self,
        fingerprint: u128,
        format: impl FnOnce() -> String,
    ) -> String {
        let text = match self.previous.get(&fingerprint) {
            Some(text) => text.clone(),
            None => format(),
        };
        self.lock().insert(fingerprint, text.clone());
        text
    }

    /// Takes what this run used (reused or formatted): the cache to keep for the next run.
    /// Entries the run did not need are dropped, so the cache never outgrows one output.
    pub fn take_used(&self) -> HashMap<u128, String> {
        std::mem::take(&mut *self.lock())
    }

    /// Whether this run used exactly what the cache held, so that there is nothing to save.
    pub fn is_unchanged(&self) -> bool {
        let used = self.lock();
        used.len() == self.previous.len() && used.keys().all(|k| self.previous.contains_key(k))
    }

    /// How many texts of this run were found in the cache, by inputs or by tokens.
    pub fn hits(&self) -> usize {
        let used = self.lock();
        used.keys()
            .filter(|k| self.previous.contains_key(k))
            .count()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<u128, String>> {
        // A panic while holding the lock leaves a map that is still whole.
        self.used
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl fmt::Debug for FormatCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "FormatCache({} remembered)", self.previous.len())
    }
}

/// XXH3 with its 128-bit digest, so that an accidental collision between a few thousand files
/// (or a damaged cache that still parses) is out of reach (about 2^-100). Also the format cache
/// file's checksum (`xtask`). Not a defence against crafted input: the cache is local.
pub struct Hasher128(xxhash_rust::xxh3::Xxh3Default);

impl Hasher128 {
    pub fn new() -> Self {
        Self(xxhash_rust::xxh3::Xxh3Default::new())
    }

    pub fn finish128(&self) -> u128 {
        self.0.digest128()
    }
}

impl Default for Hasher128 {
    fn default() -> Self {
        Self::new()
    }
}

impl Hasher for Hasher128 {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    fn finish(&self) -> u64 {
        self.0.digest()
    }
}

/// A 128-bit fingerprint of `header` and `tokens`.
pub fn fingerprint(header: &str, tokens: &TokenStream) -> u128 {
    let mut hasher = Hasher128::new();
    header.hash(&mut hasher);
    feed(&mut hasher, tokens);
    hasher.finish128()
}

fn feed(hasher: &mut Hasher128, tokens: &TokenStream) {
    for tree in tokens.clone() {
        match tree {
            TokenTree::Group(group) => {
                hasher.write_u8(match group.delimiter() {
                    Delimiter::Parenthesis => 1,
                    Delimiter::Brace => 2,
                    Delimiter::Bracket => 3,
                    Delimiter::None => 4,
                });
                feed(hasher, &group.stream());
                // Closes the group, so that `(a) b` and `(a b)` differ.
                hasher.write_u8(5);
            }
            TokenTree::Ident(ident) => {
                hasher.write_u8(6);
                ident.to_string().hash(hasher);
            }
            TokenTree::Punct(punct) => {
                hasher.write_u8(match punct.spacing() {
                    Spacing::Alone => 7,
                    Spacing::Joint => 8,
                });
                hasher.write_u32(punct.as_char() as u32);
            }
            TokenTree::Literal(literal) => {
                hasher.write_u8(9);
                literal.to_string().hash(hasher);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use quote::quote;

    #[test]
    fn fingerprints_tell_apart_what_formats_differently() {
        let fp = |header: &str, tokens: TokenStream| fingerprint(header, &tokens);
        let base = fp(
            "h",
            quote!(
                fn a() {
                    b(c)
                }
            ),
        );
        assert_eq!(
            base,
            fp(
                "h",
                quote!(
                    fn a() {
                        b(c)
                    }
                )
            )
        );
        for other in [
            fp(
                "h2",
                quote!(
                    fn a() {
                        b(c)
                    }
                ),
            ),
            fp(
                "h",
                quote!(
                    fn a() {
                        b(d)
                    }
                ),
            ),
            fp(
                "h",
                quote!(
                    fn a() {
                        b[c]
                    }
                ),
            ),
            fp(
                "h",
                quote!(
                    fn a() {
                        b(c);
                    }
                ),
            ),
            fp("h", quote!(fn a() { b() c })),
            fp(
                "h",
                quote!(
                    const A: &str = "x";
                ),
            ),
        ] {
            assert_ne!(base, other);
        }
        // Spacing is part of the token: `a: :b` is not `a::b`.
        assert_ne!(fp("h", quote!(a::b)), fp("h", "a: :b".parse().unwrap()));
    }

    #[test]
    fn the_cache_reuses_remembered_text_and_keeps_only_what_was_used() {
        let cache = FormatCache::new(HashMap::from([
            (1, "one".to_owned()),
            (2, "two".to_owned()),
        ]));
        assert_eq!(cache.get_or_format(1, || unreachable!("remembered")), "one");
        assert_eq!(cache.get_or_format(3, || "three".to_owned()), "three");
        assert_eq!(cache.hits(), 1);
        assert!(!cache.is_unchanged());
        let used = cache.take_used();
        assert_eq!(used.len(), 2);
        assert_eq!(used[&3], "three");
        assert!(!used.contains_key(&2));
    }
}
