//! The human format: miette's graphical report, one per diagnostic.

use std::fmt;

use miette::{GraphicalReportHandler, GraphicalTheme, LabeledSpan, NamedSource, SourceCode};

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
    let named = NamedSource::new(path, source.to_string());
    let mut out = String::new();
    for diagnostic in diagnostics {
        let report = Report {
            diagnostic,
            source: &named,
            len: source.len(),
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

/// One diagnostic seen through miette's eyes.
struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: &'a NamedSource<String>,
    len: usize,
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
        f.write_str(&self.diagnostic.message)
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
        Some(self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
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
