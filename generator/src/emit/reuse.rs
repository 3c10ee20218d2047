//! Reuse of a generated file whose inputs did not change since the last run. A file's builder
//! reads the analysis through a recording `Context` (`context/`); the inputs it read are
//! kept with the file in the format cache, and the file's key hashes its path, its item and the
//! content of each of those inputs. The next run hashes the same inputs' contents as they are
//! now: if the key is one the cache holds, the file's text is reused without building it.
//!
//! This is sound because a builder is a function of its item and what it reads: if none of
//! those changed, it would read the same inputs again and build the same tokens. An input is
//! named by its kind and position; its content is hashed from the `Debug` text of what it
//! covers (the IR holds no hash maps, so that text is deterministic, and it covers every field
//! without a list to keep in step with the IR).

use super::format_cache::Hasher128;
use std::collections::HashMap;
use std::fmt::{self, Debug, Write as _};
use std::hash::Hasher;
use std::sync::Mutex;

/// One thing a file's text may depend on: a kind, and a position for the kinds that have many.
/// A key hashes the input's content, so an input that moved (a page inserted before it) reads
/// as changed, never as another's.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Input(u64);

impl Debug for Input {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} {}", self.kind(), self.index())
    }
}

/// The kinds of `Input` (its top 16 bits; the position is the rest). What each covers is
/// `Facts::content` (`context/facts.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[repr(u16)]
pub(crate) enum Kind {
    Settings = 1,
    Names = 2,
    Shapes = 3,
    Areas = 4,
    NavIndex = 5,
    LeftOut = 6,
    Page = 10,
    Type = 11,
    Operation = 12,
    Example = 13,
    EmptyResponse = 14,
    Bodiless = 15,
    Node = 16,
    NodeSnippets = 17,
    Snippet = 18,
    Lines = 19,
    Counts = 20,
}

const KINDS: &[Kind] = &[
    Kind::Settings,
    Kind::Names,
    Kind::Shapes,
    Kind::Areas,
    Kind::NavIndex,
    Kind::LeftOut,
    Kind::Page,
    Kind::Type,
    Kind::Operation,
    Kind::Example,
    Kind::EmptyResponse,
    Kind::Bodiless,
    Kind::Node,
    Kind::NodeSnippets,
    Kind::Snippet,
    Kind::Lines,
    Kind::Counts,
];

impl Input {
    pub(crate) fn new(kind: Kind, index: usize) -> Input {
        Input((kind as u64) << 48 | index as u64)
    }

    /// The input a cache names by `raw`, if it names one this build knows.
    pub(crate) fn from_raw(raw: u64) -> Option<Input> {
        let kind = (raw >> 48) as u16;
        KINDS
            .iter()
            .any(|k| *k as u16 == kind)
            .then_some(Input(raw))
    }

    pub(crate) fn raw(self) -> u64 {
        self.0
    }

    pub(crate) fn kind(self) -> Kind {
        let kind = (self.0 >> 48) as u16;
        *KINDS
            .iter()
            .find(|k| **k as u16 == kind)
            .expect("inputs are made from kinds")
    }

    pub(crate) fn index(self) -> usize {
        (self.0 & ((1 << 48) - 1)) as usize
    }
}

/// The contents of this run's inputs, each hashed once, when asked for.
#[derive(Default)]
pub(crate) struct Reuse {
    contents: Mutex<HashMap<Input, Option<u128>>>,
}

impl Reuse {
    /// The hash of a file's item, by its `Debug` text.
    pub fn item_hash(&self, item: &dyn Debug) -> u128 {
        let mut hasher = ContentHasher::new();
        hasher.debug(item);
        hasher.finish()
    }

    /// The key of the file at `path` built from the item hashing to `item` after reading
    /// `reads`, as they are in this run; `None` when one of them is not in this run.
    /// `content` hashes one input (`Facts::content`).
    pub fn key(
        &self,
        stamp: &str,
        path: &str,
        item: u128,
        reads: &[Input],
        content: &dyn Fn(Input) -> Option<u128>,
    ) -> Option<u128> {
        let mut key = ContentHasher::new();
        key.str("reads v1");
        // The header atop every file, outside what its builder makes.
        key.str(stamp);
        key.str(path);
        key.bytes(&item.to_le_bytes());
        for &input in reads {
            key.bytes(&input.0.to_le_bytes());
            key.bytes(&self.content(input, content)?.to_le_bytes());
        }
        Some(key.finish())
    }

    fn content(&self, input: Input, content: &dyn Fn(Input) -> Option<u128>) -> Option<u128> {
        let lock = || self.contents.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(known) = lock().get(&input) {
            return *known;
        }
        // Hashed outside the lock: two threads may both hash an input, and agree.
        let hash = content(input);
        lock().insert(input, hash);
        hash
    }
}

/// Streams values into a 128-bit hash, each ended by a byte no UTF-8 text holds, so that
/// ("ab", "c") and ("a", "bc") differ.
pub(crate) struct ContentHasher(Hasher128);

impl ContentHasher {
    pub fn new() -> Self {
        ContentHasher(Hasher128::new())
    }

    pub fn finish(&self) -> u128 {
        self.0.finish128()
    }

    pub fn str(&mut self, text: &str) {
        self.0.write(text.as_bytes());
        self.0.write_u8(0xFF);
    }

    pub fn bytes(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
    }

    /// `value`'s `Debug` text, streamed into the hash.
    pub fn debug(&mut self, value: &dyn Debug) {
        write!(HashWriter(&mut self.0), "{value:?}").expect("hashing cannot fail");
        self.0.write_u8(0xFF);
    }
}

struct HashWriter<'a>(&'a mut Hasher128);

impl fmt::Write for HashWriter<'_> {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_keep_their_kind_and_position_through_the_cache() {
        for &kind in KINDS {
            let input = Input::new(kind, 12345);
            let back = Input::from_raw(input.raw()).expect("a known kind");
            assert_eq!((back.kind(), back.index()), (kind, 12345));
        }
        assert_eq!(Input::from_raw(99 << 48), None);
    }

    #[test]
    fn a_key_changes_with_each_read_content_and_is_none_for_a_missing_input() {
        let reuse = Reuse::default();
        let reads = [Input::new(Kind::Page, 0), Input::new(Kind::Type, 3)];
        let key = |content: &dyn Fn(Input) -> Option<u128>| {
            Reuse::default().key("stamp", "src/a.rs", 7, &reads, content)
        };
        let base = key(&|i| Some(i.index() as u128));
        assert!(base.is_some());
        assert_ne!(base, key(&|i| Some(i.index() as u128 + 1)));
        assert_ne!(
            base,
            key(&|i| Some(if i.kind() == Kind::Type { 9 } else { 0 }))
        );
        assert_eq!(key(&|i| (i.kind() == Kind::Page).then_some(0)), None);
        // The same reads with the same contents, in another file or for another item, differ.
        let content = |i: Input| Some(i.index() as u128);
        assert_ne!(base, reuse.key("stamp", "src/b.rs", 7, &reads, &content));
        assert_ne!(base, reuse.key("stamp", "src/a.rs", 8, &reads, &content));
        assert_eq!(base, reuse.key("stamp", "src/a.rs", 7, &reads, &content));
    }
}
