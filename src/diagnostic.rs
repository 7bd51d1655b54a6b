//! Diagnostics are data: every stage returns them, only `cli/` renders them.

use serde::Serialize;

/// A byte range into the source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    /// The smallest span covering both.
    pub fn join(self, other: Span) -> Span {
        Span::new(self.start.min(other.start), self.end.max(other.end))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// A secondary labelled place in the source ("first defined here").
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

/// One problem found in a journey file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The full code, e.g. `cjm::unknown-reference` or `cjm::empty-stage`.
    pub code: String,
    pub severity: Severity,
    pub message: String,
    /// The primary place.
    pub span: Span,
    /// Text shown at the primary place.
    pub label: Option<String>,
    /// Further places.
    pub labels: Vec<Label>,
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            code: code.to_string(),
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            labels: Vec::new(),
            help: None,
        }
    }
    pub fn warning(code: &str, message: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(code, message, span)
        }
    }
    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }
    pub fn with_secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.labels.push(Label {
            span,
            message: message.into(),
        });
        self
    }
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// 1-based line and column (columns counted in characters) of a byte offset.
pub fn line_col(source: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(source.len());
    let mut line = 1;
    let mut line_start = 0;
    for (i, b) in source.as_bytes()[..offset].iter().enumerate() {
        if *b == b'\n' {
            line += 1;
            line_start = i + 1;
        }
    }
    // Offsets inside a multi-byte character count as that character.
    let mut end = offset;
    while !source.is_char_boundary(end) {
        end -= 1;
    }
    let column = source[line_start..end].chars().count() + 1;
    (line, column)
}

/// `line_col` for many offsets into one source: finds the line by binary
/// search instead of scanning from the start each time.
#[derive(Debug)]
pub struct LineIndex<'a> {
    source: &'a str,
    /// Byte offset where each line starts.
    starts: Vec<usize>,
    /// The last answer, `(offset, line, column)`: the next offset on the
    /// same line counts characters from there, not from the line start, so
    /// a whole file written on one line costs linear time, not quadratic.
    /// (A mutex, not a `Cell`, so the index stays `Sync`.)
    last: std::sync::Mutex<(usize, usize, usize)>,
}

impl Clone for LineIndex<'_> {
    fn clone(&self) -> Self {
        LineIndex {
            source: self.source,
            starts: self.starts.clone(),
            last: std::sync::Mutex::new(self.last_answer()),
        }
    }
}

impl<'a> LineIndex<'a> {
    pub fn new(source: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(
                source
                    .bytes()
                    .enumerate()
                    .filter(|(_, b)| *b == b'\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        LineIndex {
            source,
            starts,
            last: std::sync::Mutex::new((0, 1, 1)),
        }
    }

    /// Same as `line_col(source, offset)`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.source.len());
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        // `starts[0]` is 0 <= offset, so `line` >= 1.
        let line = self.starts.partition_point(|&start| start <= offset);
        let start = self.starts[line - 1];
        let (last_offset, last_line, last_column) = self.last_answer();
        let column = if last_line == line && last_offset <= offset {
            last_column + self.source[last_offset..offset].chars().count()
        } else {
            self.source[start..offset].chars().count() + 1
        };
        if let Ok(mut last) = self.last.lock() {
            *last = (offset, line, column);
        }
        (line, column)
    }

    /// A poisoned lock (a panic elsewhere while holding it, which the
    /// code above cannot do) only costs the shortcut.
    fn last_answer(&self) -> (usize, usize, usize) {
        self.last.lock().map_or((0, 1, 1), |last| *last)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_agrees_with_line_col() {
        let source = "ab\nמודעות x\r\n\nآگاهی\n";
        let index = LineIndex::new(source);
        for offset in 0..=source.len() + 2 {
            assert_eq!(index.line_col(offset), line_col(source, offset), "{offset}");
        }
        // Backwards too, and jumping between lines.
        for offset in (0..=source.len() + 2).rev().chain([3, 1, 12, 4, 20, 5]) {
            assert_eq!(index.line_col(offset), line_col(source, offset), "{offset}");
        }
    }
}
