//! The human format: miette's graphical report, one per diagnostic.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};

use crate::diagnostic::{Diagnostic, Severity};

/// A fixed width so reports (and their snapshots) don't depend on the
/// terminal.
const WIDTH: usize = 100;

pub(super) fn render(path: &str, source: &str, diagnostics: &[Diagnostic], color: bool) -> String {
    let theme = if color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(WIDTH)
        .with_links(false)
        .with_urls(false);
    let visible = visible(source);
    let source = Source::new(path, &visible);
    let mut out = String::new();
    for diagnostic in diagnostics {
        let shown = source.shows(diagnostic);
        let report = Report {
            diagnostic,
            source: shown.then_some(&source),
            len: source.text.len(),
            at: (!shown).then(|| source.line_col(diagnostic.span.start)),
        };
        if handler.render_report(&mut out, &report).is_err() {
            // Rendering into a String only fails if miette itself does;
            // fall back to the plain message so nothing is lost.
            out.push_str(&format!("{}: {}\n", diagnostic.code, diagnostic.message));
        }
        out.push('\n');
    }
    out
}

/// The source as quoted in a report: control characters (other than tab
/// and line ends) could drive the terminal that shows it, e.g. an escape
/// sequence in a comment retitling the window or hiding lines. Each is
/// replaced by a character of the same UTF-8 length, so spans still fit.
fn visible(source: &str) -> std::borrow::Cow<'_, str> {
    let hidden = |c: char| c.is_control() && !matches!(c, '\t' | '\n' | '\r');
    if !source.chars().any(hidden) {
        return std::borrow::Cow::Borrowed(source);
    }
    let shown = source
        .chars()
        .map(|c| match c {
            c if hidden(c) && c.len_utf8() == 1 => '?',
            c if hidden(c) => '¿', // C1 controls: two bytes, as is '¿'
            c => c,
        })
        .collect();
    std::borrow::Cow::Owned(shown)
}

/// Lines longer than this are not quoted: a hostile or generated file on
/// one line would otherwise be printed in full for every diagnostic.
const MAX_QUOTED_LINE: usize = 2000;

/// The source as miette reads it, one window of lines at a time: miette's
/// own `SourceCode` for a string scans from the file's start on every
/// read, which makes reporting many diagnostics on a large file quadratic.
struct Source<'a> {
    name: &'a str,
    text: &'a str,
    /// Byte offset where each line starts (after `\n`).
    starts: Vec<usize>,
    index: crate::diagnostic::LineIndex<'a>,
}

impl<'a> Source<'a> {
    fn new(name: &'a str, text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        Source {
            name,
            text,
            starts,
            index: crate::diagnostic::LineIndex::new(text),
        }
    }

    /// 0-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        // `starts[0]` is 0 <= offset, so the count is at least 1.
        self.starts.partition_point(|&s| s <= offset) - 1
    }

    /// Byte range of lines `first..=last` (clamped to the file).
    fn lines(&self, first: usize, last: usize) -> (usize, usize) {
        let last = last.min(self.starts.len() - 1);
        let start = self.starts[first.min(last)];
        let end = self
            .starts
            .get(last + 1)
            .copied()
            .unwrap_or(self.text.len());
        (start, end)
    }

    /// Whether the lines around the diagnostic's places are short enough
    /// to quote.
    fn shows(&self, diagnostic: &Diagnostic) -> bool {
        let spans =
            std::iter::once(diagnostic.span).chain(diagnostic.labels.iter().map(|l| l.span));
        spans.into_iter().all(|span| {
            let first = self.line_of(span.start.min(self.text.len()));
            let last = self.line_of(span.end.min(self.text.len()));
            (first.saturating_sub(1)..=last + 1).all(|line| {
                let (start, end) = self.lines(line, line);
                end - start <= MAX_QUOTED_LINE
            })
        })
    }

    /// 1-based line and column (in characters) of `offset`.
    fn line_col(&self, offset: usize) -> (usize, usize) {
        self.index.line_col(offset)
    }
}

impl SourceCode for Source<'_> {
    fn read_span<'b>(
        &'b self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'b> + 'b>, MietteError> {
        let len = self.text.len();
        let first = self.line_of(span.offset().min(len));
        let last = self.line_of((span.offset() + span.len()).min(len));
        // One more line each side than asked: miette decides where the
        // context ends by the line ends it sees. Lines start at line
        // starts, so miette counts columns in the window as in the file.
        let (start, end) = self.lines(first.saturating_sub(before + 1), last + after + 1);
        let window = &self.text.as_bytes()[start..end];
        let local = SourceSpan::new(span.offset().saturating_sub(start).into(), span.len());
        let contents = window.read_span(&local, before, after)?;
        let lines_before = self.line_of(start);
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.to_string(),
            contents.data(),
            SourceSpan::new(
                (contents.span().offset() + start).into(),
                contents.span().len(),
            ),
            contents.line() + lines_before,
            contents.column(),
            contents.line_count() + lines_before,
        )))
    }
}

/// One diagnostic seen through miette's eyes.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    /// `None` when the lines are too long to quote.
    source: Option<&'a Source<'a>>,
    len: usize,
    /// Where the diagnostic is, told in words when its lines are not quoted.
    at: Option<(usize, usize)>,
}

impl Report<'_> {
    /// miette wants spans inside the source.
    fn clamp(&self, span: crate::diagnostic::Span) -> (usize, usize) {
        let start = span.start.min(self.len);
        (start, span.end.clamp(start, self.len) - start)
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.diagnostic, f)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)?;
        match (self.at, self.source) {
            (Some((line, column)), None) => write!(
                f,
                "\n    at line {line}, column {column} (the line is too long to quote)"
            ),
            _ => Ok(()),
        }
    }
}

impl std::error::Error for Report<'_> {}

impl miette::Diagnostic for Report<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        Some(Box::new(&self.diagnostic.code))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.map(|s| s as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        self.source?;
        let primary = LabeledSpan::new_primary_with_span(
            self.diagnostic.label.clone(),
            self.clamp(self.diagnostic.span),
        );
        let secondary = self
            .diagnostic
            .labels
            .iter()
            .map(|l| LabeledSpan::new_with_span(Some(l.message.clone()), self.clamp(l.span)));
        Some(Box::new(std::iter::once(primary).chain(secondary)))
    }
}
