//! `cargo xtask`: the command line of the project (see `xtask::cli`).

/// Emit builds and drops millions of small token trees and strings; glibc's allocator was a
/// third of the generator's profile (malloc, free and their consolidation), mimalloc is made
/// for this pattern and for allocating from several threads.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    xtask::cli::main()
}
