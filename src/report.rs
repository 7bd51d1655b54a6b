//! Renders diagnostics for people and tools: miette's graphical report,
//! JSON lines and GitHub Actions annotations (cli.md "Diagnostics formats").
//! The library never prints; the CLI writes these strings to stderr.

use crate::diagnostic::Diagnostic;

/// miette's graphical report of every diagnostic; colour only when asked.
pub fn human(_path: &str, _source: &str, _diagnostics: &[Diagnostic], _color: bool) -> String {
    todo!("report::human")
}

/// One JSON object per line.
pub fn json_lines(_path: &str, _source: &str, _diagnostics: &[Diagnostic]) -> String {
    todo!("report::json_lines")
}

/// `::error file=…,line=…::message` workflow commands, one per line.
pub fn github(_path: &str, _source: &str, _diagnostics: &[Diagnostic]) -> String {
    todo!("report::github")
}
