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
use std::sync::{Arc, Mutex};

/// What a cache holds: formatted texts by the fingerprint of their tokens, the fingerprint of
/// each file by the key of its inputs, and what each file's builder read (`reuse.rs`). A text
/// is stored once, however it is found. Texts are shared, not copied, between the cache, this
/// run's files and the next cache.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CacheEntries {
    pub texts: HashMap<u128, Arc<str>>,
    pub inputs: HashMap<u128, u128>,
    /// The inputs each file's builder read (`reuse::Input`, raw), by the file's path.
    pub reads: HashMap<String, Vec<u64>>,
}

/// An earlier run's entries, and what this run used of them or added.
pub struct FormatCache {
    previous: CacheEntries,
    used: Mutex<CacheEntries>,
    /// Files found by their inputs key, whose tokens were not built.
    reused: AtomicUsize,
    /// Texts found by their fingerprint or by their inputs.
    hits: AtomicUsize,
}

impl FormatCache {
    pub fn new(previous: CacheEntries) -> Self {
        Self {
            previous,
            used: Mutex::new(CacheEntries::default()),
            reused: AtomicUsize::new(0),
            hits: AtomicUsize::new(0),
        }
    }

    /// The text of the file whose inputs hash to `key`, if an earlier run made it.
    pub(crate) fn by_inputs(&self, key: u128) -> Option<Arc<str>> {
        let fingerprint = *self.previous.inputs.get(&key)?;
        let text = self.previous.texts.get(&fingerprint)?.clone();
        self.reused.fetch_add(1, Ordering::Relaxed);
        self.hits.fetch_add(1, Ordering::Relaxed);
        let mut used = self.lock();
        used.inputs.insert(key, fingerprint);
        used.texts.insert(fingerprint, text.clone());
        Some(text)
    }

    /// What the builder of the file at `path` read in the earlier run (`reuse::Input`s, raw),
    /// if the cache knows.
    pub(crate) fn reads_of(&self, path: &str) -> Option<&[u64]> {
        self.previous.reads.get(path).map(Vec::as_slice)
    }

    /// Remembers what the builder of the file at `path` read.
    pub(crate) fn remember_reads(&self, path: &str, reads: Vec<u64>) {
        self.lock().reads.insert(path.to_owned(), reads);
    }

    /// Remembers that the file whose inputs hash to `key` has the text of `fingerprint`.
    pub(crate) fn remember_inputs(&self, key: u128, fingerprint: u128) {
        self.lock().inputs.insert(key, fingerprint);
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
    ) -> Arc<str> {
        let text = match self.previous.texts.get(&fingerprint) {
            Some(text) => {
                self.hits.fetch_add(1, Ordering::Relaxed);
                text.clone()
            }
            None => format().into(),
        };
        self.lock().texts.insert(fingerprint, text.clone());
        text
    }

    /// Takes what this run used (reused or formatted): the cache to keep for the next run.
    /// Entries the run did not need are dropped, so the cache never outgrows one output.
    pub fn take_used(&self) -> CacheEntries {
        std::mem::take(&mut *self.lock())
    }

    /// Whether this run used exactly what the cache held, so that there is nothing to save.
    pub fn is_unchanged(&self) -> bool {
        let used = self.lock();
        let same_keys = |a: &HashMap<u128, _>, b: &HashMap<u128, _>| {
            a.len() == b.len() && a.keys().all(|k| b.contains_key(k))
        };
        same_keys(&used.texts, &self.previous.texts)
            && used.inputs.len() == self.previous.inputs.len()
            && (used.inputs.iter()).all(|(k, fp)| self.previous.inputs.get(k) == Some(fp))
            && used.reads == self.previous.reads
    }

    /// How many files of this run took their text from the cache, by inputs or by tokens.
    pub fn hits(&self) -> usize {
        self.hits.load(Ordering::Relaxed)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, CacheEntries> {
        // A panic while holding the lock leaves entries that are still whole.
        self.used
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

impl fmt::Debug for FormatCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "FormatCache({} texts, {} inputs remembered)",
            self.previous.texts.len(),
            self.previous.inputs.len()
        )
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
                display(hasher, &ident);
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
                display(hasher, &literal);
            }
        }
    }
}

/// Hashes `value`'s text, then a byte no UTF-8 text holds to end it, without allocating it.
fn display(hasher: &mut Hasher128, value: &dyn fmt::Display) {
    struct Feed<'a>(&'a mut Hasher128);
    impl fmt::Write for Feed<'_> {
        fn write_str(&mut self, s: &str) -> fmt::Result {
            self.0.write(s.as_bytes());
            Ok(())
        }
    }
    use fmt::Write as _;
    write!(Feed(hasher), "{value}").expect("hashing cannot fail");
    hasher.write_u8(0xFF);
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
        let cache = FormatCache::new(CacheEntries {
            texts: HashMap::from([(1, "one".into()), (2, "two".into())]),
            inputs: HashMap::from([(10, 2), (11, 9)]),
            reads: HashMap::new(),
        });
        assert_eq!(
            cache
                .get_or_format(1, || unreachable!("remembered"))
                .as_ref(),
            "one"
        );
        assert_eq!(
            cache.get_or_format(3, || "three".to_owned()).as_ref(),
            "three"
        );
        assert_eq!(cache.by_inputs(10).as_deref(), Some("two"));
        // Inputs whose text is gone, and unknown inputs, are not found.
        assert_eq!(cache.by_inputs(11), None);
        assert_eq!(cache.by_inputs(12), None);
        cache.remember_inputs(13, 3);
        assert_eq!((cache.hits(), cache.reused()), (2, 1));
        assert!(!cache.is_unchanged());
        let used = cache.take_used();
        assert_eq!(used.texts.len(), 3);
        assert_eq!(&*used.texts[&3], "three");
        assert_eq!(used.inputs, HashMap::from([(10, 2), (13, 3)]));
    }
}
