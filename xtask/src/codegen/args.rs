//! What `cargo xtask codegen` was asked to do: the docs and output, the mode, how diagnostics
//! are printed and which of them, and what fails the run.

pub use crate::print::MessageFormat;
use std::path::PathBuf;

/// Which diagnostics are printed. The exit code and the summary's counts always cover all of
/// them: a filter changes what is read, not whether the run passes.
#[derive(Clone, Debug, Default)]
pub struct DiagnosticFilter {
    /// Only these codes (all when empty).
    pub codes: Vec<generator::Code>,
    /// Only this severity and worse.
    pub min_severity: Option<generator::Severity>,
}

impl DiagnosticFilter {
    pub fn shows(&self, d: &generator::Diagnostic) -> bool {
        (self.codes.is_empty() || self.codes.contains(&d.code))
            && self.min_severity.is_none_or(|min| d.severity >= min)
    }
}

#[derive(Clone, Debug)]
pub struct CodegenArgs {
    pub docs: PathBuf,
    pub out: PathBuf,
    pub check: bool,
    /// Write the IR as JSON here instead of generating the crate.
    pub dump_ir: Option<PathBuf>,
    pub message_format: MessageFormat,
    /// `--deny warnings`: report warnings as errors (and fail the run on them).
    pub deny_warnings: bool,
    /// The format cache file to read and then rewrite (`format_cache_file::path_for(out)` from
    /// the command line), or `None` to format every file.
    pub format_cache: Option<PathBuf>,
    /// Which diagnostics are printed.
    pub filter: DiagnosticFilter,
    /// Print how long each stage took.
    pub timings: bool,
    /// A baseline to compare with or write, and `--changed-since`.
    pub triage: crate::triage::TriageArgs,
    /// `--deny new`: fail the run on a warning or error that is the change's (new against the
    /// baseline, on a page changed since the revision).
    pub deny_new: bool,
}

impl CodegenArgs {
    /// Whether the run writes the crate (neither `--check` nor `--dump-ir`).
    pub fn writes(&self) -> bool {
        self.dump_ir.is_none() && !self.check
    }

    /// The command that regenerates `out` from `docs`, for messages.
    pub fn regenerate_command(&self) -> String {
        let root = crate::project_root();
        if self.docs == root.join("docs") && self.out == root.join("generated") {
            "cargo xtask codegen".to_owned()
        } else {
            format!(
                "cargo xtask codegen --docs {} --out {}",
                self.docs.display(),
                self.out.display()
            )
        }
    }
}
