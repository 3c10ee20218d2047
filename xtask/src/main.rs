//! `cargo xtask`: the command line of the project (see `xtask::cli`).

fn main() -> std::process::ExitCode {
    xtask::cli::main()
}
