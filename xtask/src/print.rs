//! Prints a run's shown diagnostics in the `--message-format` asked for, the same way for
//! `codegen` and `check-metadata`: rustc-like text through codespan, JSON lines, GitHub
//! workflow commands or one SARIF log, each with paths as the user reaches them.

use crate::render::{
    render_github, render_human_at, render_json_at, render_sarif_with, DisplayRoot,
    SarifProvenance, SarifTool,
};
use crate::sources::Sources;
use crate::triage::Triage;
use codespan_reporting::term::termcolor::{BufferedStandardStream, ColorChoice};
use generator::Diagnostic;
use std::io::IsTerminal;

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum MessageFormat {
    Human,
    Json,
    /// GitHub Actions workflow commands (`::warning file=…::…`), shown as pull-request
    /// annotations.
    Github,
    /// One SARIF 2.1.0 log, for code-scanning uploads.
    Sarif,
}

/// Where the human format goes. `codegen` prints its diagnostics on stderr, beside its
/// progress; `check-metadata`'s diagnostics and figures are its output, which CI keeps in a
/// file (`.ci/run`), so they go to stdout.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HumanTo {
    Stderr,
    Stdout,
}

/// The diagnostics of a run that are shown, and what to print them with.
pub struct Shown<'a> {
    pub sources: &'a dyn Sources,
    pub root: &'a DisplayRoot,
    pub diagnostics: &'a [Diagnostic],
    /// Their places among all the run's, which the triage (fingerprints, baseline states) is
    /// indexed by.
    pub indices: &'a [usize],
    pub triage: &'a Triage,
    /// The command and its codes, for SARIF.
    pub tool: SarifTool<'a>,
}

/// Prints `shown` in `format`: the human format as `human_to` says, the others on stdout.
pub fn diagnostics(format: MessageFormat, shown: &Shown, human_to: HumanTo) {
    let Shown {
        sources,
        root,
        diagnostics,
        indices,
        triage,
        tool,
    } = shown;
    match format {
        MessageFormat::Human => {
            // termcolor's `Auto` does not look at whether the stream is a terminal; do it here
            // so that logs and pipes get plain text.
            let terminal = match human_to {
                HumanTo::Stderr => std::io::stderr().is_terminal(),
                HumanTo::Stdout => std::io::stdout().is_terminal(),
            };
            let color = if terminal && std::env::var_os("NO_COLOR").is_none() {
                ColorChoice::Auto
            } else {
                ColorChoice::Never
            };
            // Buffered: codespan writes each diagnostic in hundreds of small pieces, and stderr
            // is unbuffered (one system call each, hundreds of thousands on a large corpus).
            let mut out = match human_to {
                HumanTo::Stderr => BufferedStandardStream::stderr(color),
                HumanTo::Stdout => BufferedStandardStream::stdout(color),
            };
            render_human_at(*sources, root, diagnostics, &mut out);
            let _ = std::io::Write::flush(&mut out);
        }
        MessageFormat::Json => out(&render_json_at(*sources, root, diagnostics)),
        MessageFormat::Github => out(&render_github(*sources, root, diagnostics)),
        MessageFormat::Sarif => {
            let provenance: Vec<SarifProvenance> = indices
                .iter()
                .map(|&i| SarifProvenance {
                    fingerprint: triage.fingerprints[i].clone(),
                    state: triage.state(i),
                })
                .collect();
            let absent = triage.comparison.as_ref().map_or(Vec::new(), |c| {
                c.fixed.iter().chain(&c.gone).cloned().collect()
            });
            out(&render_sarif_with(
                tool,
                *sources,
                root,
                diagnostics,
                &provenance,
                &absent,
            ));
        }
    }
}

/// Writes `text` to stdout. `print!` panics when stdout is closed early (`| head`); a reader
/// that stopped reading has all it wanted, and the exit code still says how the run went.
pub fn out(text: &str) {
    let _ = std::io::Write::write_all(&mut std::io::stdout().lock(), text.as_bytes());
}

/// Appends `markdown` to the file `GITHUB_STEP_SUMMARY` names, when it is set (GitHub Actions
/// shows it on the run's page).
pub fn write_step_summary(markdown: &str) {
    let Some(path) = std::env::var_os("GITHUB_STEP_SUMMARY") else {
        return;
    };
    let written = std::fs::OpenOptions::new()
        .append(true)
        .create(true)
        .open(&path)
        .and_then(|mut file| std::io::Write::write_all(&mut file, markdown.as_bytes()));
    if let Err(e) = written {
        eprintln!("note: the step summary was not written: {e}");
    }
}
