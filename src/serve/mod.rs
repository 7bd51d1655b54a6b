//! Live preview for `cjm watch --serve`: a small local web server that shows
//! the rendered maps and swaps in every rebuild through Server-Sent Events.
//!
//! The watch loop owns the compiling; this module only keeps the latest
//! outputs of each file and pushes a notice to every open page:
//!
//! ```no_run
//! use cjm::serve::{MapOutcome, Preview};
//! let preview = Preview::start(None)?; // 127.0.0.1 on a free port
//! println!("preview at {}", preview.url());
//! preview.publish(
//!     "checkout.journey",
//!     MapOutcome::Built { svg: "<svg/>".into(), json: "{}".into(), png: None },
//! );
//! # Ok::<(), std::io::Error>(())
//! ```
//!
//! Routes: `/` (the map itself when one file is served, else an index),
//! `/map/<id>` (a map page), `/map/<id>.svg|.png|.json` (the last good
//! outputs), `/events` (SSE), `/app.js`, `/app.css`. Everything else is 404.
//! Security rules live in `security.rs`.

mod page;
mod routes;
mod security;
mod server;
mod sse;
mod state;

pub use server::Preview;

use serde::Serialize;

use crate::diagnostic::{Diagnostic, Severity, line_col};

/// What one (re)build of a file produced.
#[derive(Debug, Clone)]
pub enum MapOutcome {
    /// The build succeeded: the new outputs replace the old ones.
    Built {
        svg: String,
        json: String,
        /// `None` when PNG output was not asked for; the page then offers no
        /// PNG download.
        png: Option<Vec<u8>>,
    },
    /// The build failed: the last good outputs stay, the page shows these.
    Failed { diagnostics: Vec<DiagnosticView> },
}

/// A diagnostic as the page shows it (positions already resolved).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiagnosticView {
    /// E.g. `cjm::syntax`; empty for failures that have none (rendering).
    pub code: String,
    /// `error` or `warning`.
    pub severity: String,
    pub message: String,
    /// 1-based; 0 when the problem has no place in the text.
    pub line: usize,
    /// 1-based, in characters; 0 with `line` 0.
    pub column: usize,
    pub help: Option<String>,
}

impl DiagnosticView {
    /// Resolves the diagnostic's primary span against the file's source.
    pub fn from_diagnostic(diagnostic: &Diagnostic, source: &str) -> DiagnosticView {
        let (line, column) = line_col(source, diagnostic.span.start);
        DiagnosticView {
            code: diagnostic.code.clone(),
            severity: match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            }
            .to_string(),
            message: diagnostic.message.clone(),
            line,
            column,
            help: diagnostic.help.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    #[test]
    fn diagnostics_are_placed_by_line_and_character_column() {
        let source = "journey \"Trip\"\n  stage Ünïcode oops\n";
        let offset = source.find("oops").unwrap();
        let diagnostic = Diagnostic::error(
            "cjm::syntax",
            "unexpected word",
            Span::new(offset, offset + 4),
        )
        .with_help("remove it");
        let view = DiagnosticView::from_diagnostic(&diagnostic, source);
        assert_eq!(
            view,
            DiagnosticView {
                code: "cjm::syntax".into(),
                severity: "error".into(),
                message: "unexpected word".into(),
                line: 2,
                column: 17,
                help: Some("remove it".into()),
            }
        );
    }

    #[test]
    fn the_preview_can_be_shared_between_threads() {
        fn shareable<T: Send + Sync>() {}
        shareable::<Preview>();
    }
}
