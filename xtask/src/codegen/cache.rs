//! The format cache of one run: read from its file before generating, shared with the
//! generator, then saved on a thread of its own while the run prints and writes.

use super::CodegenArgs;
use generator::emit::FormatCache;
use std::path::PathBuf;
use std::sync::Arc;
use std::thread::JoinHandle;

pub struct RunCache {
    file: Option<PathBuf>,
    cache: Option<Arc<FormatCache>>,
}

impl RunCache {
    /// Reads the cache file `args` names. `--check` is the drift gate CI trusts: it formats
    /// every file, so it has no cache.
    pub fn open(args: &CodegenArgs) -> RunCache {
        let file = args.format_cache.clone().filter(|_| !args.check);
        let cache = file
            .as_deref()
            .map(|path| Arc::new(FormatCache::new(crate::format_cache_file::load(path))));
        RunCache { file, cache }
    }

    /// What the generator formats through.
    pub fn shared(&self) -> Option<Arc<FormatCache>> {
        self.cache.clone()
    }

    /// Whether the run reads and saves a cache file.
    pub fn in_use(&self) -> bool {
        self.file.is_some()
    }

    /// Files whose formatted text came from the cache, and of those the files whose inputs had
    /// not changed.
    pub fn hits(&self) -> (usize, usize) {
        self.cache
            .as_ref()
            .map_or((0, 0), |c| (c.hits(), c.reused()))
    }

    /// Starts saving what this run used, unless nothing changed. The cache is saved while the
    /// diagnostics are printed and the files written (on a large corpus it holds the text of
    /// every generated file); the run waits for it at the end.
    pub fn save_in_background(self) -> Saving {
        Saving(
            match (self.file, self.cache.filter(|c| !c.is_unchanged())) {
                (Some(path), Some(cache)) => {
                    let entries = cache.take_used();
                    Some(std::thread::spawn(move || {
                        crate::format_cache_file::save(&path, &entries)
                    }))
                }
                _ => None,
            },
        )
    }
}

/// A save under way, if any.
pub struct Saving(Option<JoinHandle<Result<(), String>>>);

impl Saving {
    pub fn wait(self) {
        let Some(saving) = self.0 else { return };
        // Only a cache: a run that cannot keep it is slower next time, not wrong.
        match saving.join() {
            Ok(Ok(())) => {}
            Ok(Err(e)) => eprintln!("note: the format cache was not saved: {e}"),
            Err(_) => eprintln!("note: the format cache was not saved: its writer panicked"),
        }
    }
}
