//! Printing diagnostics in the format the user chose (cli.md "Diagnostics
//! formats"). The wording lives in the library (`cjm::report`); this file
//! only picks the format and the colour, and writes to stderr.

use std::io::{IsTerminal, Write};

use cjm::{Diagnostic, Severity};

use super::args::DiagnosticsFormat;
use super::panics;

#[derive(Debug, Clone, Copy)]
pub(crate) struct Reporter {
    pub format: DiagnosticsFormat,
    color: bool,
}

impl Reporter {
    pub(crate) fn new(format: DiagnosticsFormat) -> Self {
        // Colour only on a terminal, and never when NO_COLOR is set.
        let color = std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        Reporter { format, color }
    }

    /// Whether free-text lines (summaries, progress, status) may go to
    /// stderr: not when stderr is a stream of JSON objects.
    pub(crate) fn allows_chatter(&self) -> bool {
        self.format != DiagnosticsFormat::Json
    }

    /// The diagnostics of one file, rendered.
    pub(crate) fn render(&self, path: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
        if diagnostics.is_empty() {
            return String::new();
        }
        let rendered = panics::catch(|| match self.format {
            DiagnosticsFormat::Human => cjm::report::human(path, source, diagnostics, self.color),
            DiagnosticsFormat::Json => cjm::report::json_lines(path, source, diagnostics),
            DiagnosticsFormat::Github => cjm::report::github(path, source, diagnostics),
        });
        // A bug in a report must not hide the diagnostics themselves.
        rendered.unwrap_or_else(|_| plain(path, source, diagnostics))
    }

    pub(crate) fn print(&self, path: &str, source: &str, diagnostics: &[Diagnostic]) {
        let text = self.render(path, source, diagnostics);
        eprint_str(&text);
    }
}

/// Writes to stderr in one call (so parallel writers don't interleave
/// within a report), ending with a newline.
pub(crate) fn eprint_str(text: &str) {
    if text.is_empty() {
        return;
    }
    let mut out = text.to_string();
    if !out.ends_with('\n') {
        out.push('\n');
    }
    let stderr = std::io::stderr();
    let mut lock = stderr.lock();
    // Nothing sensible to do if stderr is gone.
    let _ = lock.write_all(out.as_bytes());
    let _ = lock.flush();
}

/// The simplest rendering, `path:line:column: severity[code]: message`.
fn plain(path: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    let mut out = String::new();
    for d in diagnostics {
        let (line, column) = cjm::diagnostic::line_col(source, d.span.start);
        let severity = match d.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        out.push_str(&format!(
            "{path}:{line}:{column}: {severity}[{}]: {}\n",
            d.code, d.message
        ));
        if let Some(help) = &d.help {
            out.push_str(&format!("  help: {help}\n"));
        }
    }
    out
}
