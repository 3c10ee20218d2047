//! Command-line parsing and dispatch for `cargo xtask`.
//!
//! Exit codes: 0 success; 1 drift (with `--check`) or error-level diagnostics; 2 bad usage or
//! an I/O failure that stopped the run.

use crate::codegen::{self, CodegenArgs, MessageFormat};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    about = "Project automation for the Graph docs code generator"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Regenerate the client crate from the docs (or, with --check, verify it is up to date).
    Codegen {
        /// Compare instead of writing; exit 1 when a generated file is stale or missing.
        #[arg(long)]
        check: bool,
        /// Docs root to read (default: `docs/` of this workspace).
        #[arg(long)]
        docs: Option<PathBuf>,
        /// Crate to write into (default: `generated/` of this workspace).
        #[arg(long)]
        out: Option<PathBuf>,
        /// How to print diagnostics: `human` (default) or `json` (one object per line).
        #[arg(long, value_enum, default_value_t = MessageFormat::Human)]
        message_format: MessageFormat,
    },
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Codegen {
            check,
            docs,
            out,
            message_format,
        } => {
            let root = crate::project_root();
            let args = CodegenArgs {
                docs: docs.unwrap_or_else(|| root.join("docs")),
                out: out.unwrap_or_else(|| root.join("generated")),
                check,
                message_format,
            };
            match codegen::run(&args) {
                Ok(outcome) => ExitCode::from(outcome.exit_code()),
                Err(e) => {
                    eprintln!("error: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}
