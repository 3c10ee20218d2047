//! Dropping what a run no longer reads on threads of its own: the parsed pages, the IR and the
//! files are many small allocations, and the caller has what it needs before they are freed.

use std::sync::{Mutex, PoisonError};
use std::thread::JoinHandle;

/// The threads freeing what earlier runs of this process left (see [`wait_for_freeing`]).
static FREEING: Mutex<Vec<JoinHandle<()>>> = Mutex::new(Vec::new());

/// Drops `value` on a thread of its own.
pub fn free_later<T: Send + 'static>(value: T) {
    let thread = std::thread::spawn(move || drop(value));
    FREEING
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .push(thread);
}

/// Waits until what earlier runs left has been freed: a process that runs the generator several
/// times (the bench) calls it between runs, so that one run's freeing does not overlap the
/// next run's work.
pub fn wait_for_freeing() {
    let threads = std::mem::take(&mut *FREEING.lock().unwrap_or_else(PoisonError::into_inner));
    for thread in threads {
        // A panic while freeing is no concern of the runs that follow.
        let _ = thread.join();
    }
}
