//! Renders diagnostics for people and tools: miette's graphical report,
//! JSON lines and GitHub Actions annotations (cli.md "Diagnostics formats").
//! The library never prints; the CLI writes these strings to stderr.

mod github;
mod human;
mod json;

use crate::diagnostic::{Diagnostic, LineIndex};

/// miette's graphical report of every diagnostic; colour only when asked.
pub fn human(path: &str, source: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    human::render(path, source, diagnostics, color)
}

/// One JSON object per line.
pub fn json_lines(path: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    json::render(path, source, diagnostics)
}

/// `::error file=…,line=…::message` workflow commands, one per line.
pub fn github(path: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    github::render(path, source, diagnostics)
}

/// Where a diagnostic starts and ends: 1-based lines, columns in
/// characters; the end is the position just after the span.
struct Place {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

impl Place {
    fn of(lines: &LineIndex, diagnostic: &Diagnostic) -> Place {
        let (line, column) = lines.line_col(diagnostic.span.start);
        let end = diagnostic.span.end.max(diagnostic.span.start);
        let (end_line, end_column) = lines.line_col(end);
        Place {
            line,
            column,
            end_line,
            end_column,
        }
    }
}
