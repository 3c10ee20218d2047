//! The format cache on disk (see `generator::emit::FormatCache`): one file per output directory
//! under `target/codegen-cache/`, valid only for the `xtask` binary that wrote it.
//!
//! A cache is an optimisation, never a source of truth: a missing, foreign, truncated or
//! otherwise unreadable file reads as empty, and the run formats everything.

use generator::emit::{CacheEntries, Hasher128};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

const MAGIC: &[u8; 8] = b"GDCFMT03";

/// Where the cache of output directory `out` lives: the workspace's target directory (or
/// `CARGO_TARGET_DIR`), named by a hash of the directory's absolute path.
pub fn path_for(out: &Path) -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| crate::project_root().join("target"));
    let absolute = std::path::absolute(out).unwrap_or_else(|_| out.to_path_buf());
    let mut hasher = DefaultHasher::new();
    absolute.hash(&mut hasher);
    target
        .join("codegen-cache")
        .join(format!("{:016x}.bin", hasher.finish()))
}

/// This build of `xtask`: a hash of its executable's bytes, read once per process (hashing the
/// executable is cheap beside a run, but not free), so that load and save agree even if the
/// file is replaced mid-run.
/// Another build may carry another generator or prettyplease, which could format the same
/// tokens differently; timestamps and sizes are not trusted to tell builds apart.
fn build_identity() -> Option<u128> {
    static IDENTITY: std::sync::OnceLock<Option<u128>> = std::sync::OnceLock::new();
    *IDENTITY.get_or_init(|| {
        let bytes = std::fs::read(std::env::current_exe().ok()?).ok()?;
        Some(hash128(&bytes))
    })
}

fn hash128(bytes: &[u8]) -> u128 {
    let mut hasher = Hasher128::new();
    hasher.write(bytes);
    hasher.finish128()
}

/// The entries of the cache at `path`, or none when it is missing, unreadable or not this
/// build's.
pub fn load(path: &Path) -> CacheEntries {
    let (Some(identity), Ok(bytes)) = (build_identity(), std::fs::read(path)) else {
        return CacheEntries::default();
    };
    decode(&bytes, identity).unwrap_or_default()
}

/// Writes `entries` as the cache at `path` (a temporary file of this process renamed over the
/// old one, so a killed run, or two runs at once, leave one whole cache or the other).
pub fn save(path: &Path, entries: &CacheEntries) -> Result<(), String> {
    let identity = build_identity().ok_or("cannot identify the running xtask binary")?;
    let dir = path.parent().ok_or("the cache path has no directory")?;
    std::fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    let temp = path.with_extension(format!("{}.tmp", std::process::id()));
    std::fs::write(&temp, encode(entries, identity))
        .map_err(|e| format!("cannot write {}: {e}", temp.display()))?;
    std::fs::rename(&temp, path).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// The layout: magic, build identity, the texts (count, then key, length and bytes each), the
/// inputs (count, then key and fingerprint each), the reads (count, then the path's length and
/// bytes, and the inputs' count and each input, each), and a checksum of all of it.
fn encode(entries: &CacheEntries, identity: u128) -> Vec<u8> {
    let size: usize = entries.texts.values().map(|t| t.len() + 24).sum();
    let mut bytes = Vec::with_capacity(48 + size + 32 * entries.inputs.len());
    bytes.extend_from_slice(MAGIC);
    bytes.extend_from_slice(&identity.to_le_bytes());
    bytes.extend_from_slice(&(entries.texts.len() as u64).to_le_bytes());
    for (key, text) in &entries.texts {
        bytes.extend_from_slice(&key.to_le_bytes());
        bytes.extend_from_slice(&(text.len() as u64).to_le_bytes());
        bytes.extend_from_slice(text.as_bytes());
    }
    bytes.extend_from_slice(&(entries.inputs.len() as u64).to_le_bytes());
    for (key, fingerprint) in &entries.inputs {
        bytes.extend_from_slice(&key.to_le_bytes());
        bytes.extend_from_slice(&fingerprint.to_le_bytes());
    }
    bytes.extend_from_slice(&(entries.reads.len() as u64).to_le_bytes());
    for (path, reads) in &entries.reads {
        bytes.extend_from_slice(&(path.len() as u64).to_le_bytes());
        bytes.extend_from_slice(path.as_bytes());
        bytes.extend_from_slice(&(reads.len() as u64).to_le_bytes());
        for input in reads {
            bytes.extend_from_slice(&input.to_le_bytes());
        }
    }
    // A checksum of everything before it: damage that still parses is not trusted.
    let checksum = hash128(&bytes);
    bytes.extend_from_slice(&checksum.to_le_bytes());
    bytes
}

fn decode(bytes: &[u8], identity: u128) -> Option<CacheEntries> {
    let (body, checksum) = bytes.split_at_checked(bytes.len().checked_sub(16)?)?;
    if u128::from_le_bytes(checksum.try_into().ok()?) != hash128(body) {
        return None;
    }
    let mut rest = body.strip_prefix(MAGIC)?;
    let mut take = |n: usize| -> Option<&[u8]> {
        let (head, tail) = (rest.get(..n)?, rest.get(n..)?);
        rest = tail;
        Some(head)
    };
    let u128_of = |b: &[u8]| b.try_into().ok().map(u128::from_le_bytes);
    let usize_of = |b: &[u8]| usize::try_from(u64::from_le_bytes(b.try_into().ok()?)).ok();
    if u128_of(take(16)?)? != identity {
        return None;
    }
    let mut entries = CacheEntries::default();
    for _ in 0..usize_of(take(8)?)? {
        let key = u128_of(take(16)?)?;
        let len = usize_of(take(8)?)?;
        let text = std::str::from_utf8(take(len)?).ok()?;
        entries.texts.insert(key, text.into());
    }
    for _ in 0..usize_of(take(8)?)? {
        let key = u128_of(take(16)?)?;
        let fingerprint = u128_of(take(16)?)?;
        entries.inputs.insert(key, fingerprint);
    }
    for _ in 0..usize_of(take(8)?)? {
        let len = usize_of(take(8)?)?;
        let path = std::str::from_utf8(take(len)?).ok()?.to_owned();
        let count = usize_of(take(8)?)?;
        let reads = (0..count)
            .map(|_| Some(u64::from_le_bytes(take(8)?.try_into().ok()?)))
            .collect::<Option<Vec<u64>>>()?;
        entries.reads.insert(path, reads);
    }
    take(1).is_none().then_some(entries)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    #[test]
    fn entries_round_trip_and_anything_else_reads_as_empty() {
        let entries = CacheEntries {
            texts: HashMap::from([(1u128, "fn a() {}\n".into()), (u128::MAX, "ü".into())]),
            inputs: HashMap::from([(5, 1), (6, u128::MAX)]),
            reads: HashMap::from([
                ("src/a.rs".to_owned(), vec![1, u64::MAX]),
                ("src/ü.rs".to_owned(), vec![]),
            ]),
        };
        let bytes = encode(&entries, 7);
        assert_eq!(decode(&bytes, 7), Some(entries));
        // Another build, a truncated file, trailing bytes, another format, a flipped bit.
        assert_eq!(decode(&bytes, 8), None);
        let mut flipped = bytes.clone();
        flipped[40] ^= 1;
        assert_eq!(decode(&flipped, 7), None);
        assert_eq!(decode(&bytes[..bytes.len() - 1], 7), None);
        assert_eq!(decode(&[bytes.as_slice(), b"x"].concat(), 7), None);
        assert_eq!(decode(b"GDCFMT00", 7), None);
    }

    #[test]
    fn a_missing_or_corrupt_cache_file_loads_as_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cache.bin");
        assert_eq!(load(&path), CacheEntries::default());
        std::fs::write(&path, b"not a cache").unwrap();
        assert_eq!(load(&path), CacheEntries::default());
        let entries = CacheEntries {
            texts: HashMap::from([(3u128, "x".into())]),
            inputs: HashMap::from([(4u128, 3u128)]),
            reads: HashMap::from([("src/a.rs".to_owned(), vec![2])]),
        };
        save(&path, &entries).unwrap();
        assert_eq!(load(&path), entries);
    }
}
