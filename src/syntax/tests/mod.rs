//! Parser behaviour: the AST of the spec's example, recovery, spans and
//! messages.

mod errors;
mod shape;

use super::ast::*;
use super::parse;
use crate::diagnostic::{Diagnostic, Span};

const SPEC_EXAMPLE: &str = include_str!("../spec_example.journey");

fn ok(source: &str) -> Journey {
    let (file, diagnostics) = parse(source);
    assert!(
        diagnostics.is_empty(),
        "unexpected errors: {diagnostics:#?}"
    );
    file.journey.expect("a journey")
}

fn errors(source: &str) -> Vec<Diagnostic> {
    let (_, diagnostics) = parse(source);
    assert!(diagnostics.iter().all(|d| d.code == "cjm::syntax"));
    diagnostics
}

fn text(source: &str, span: Span) -> &str {
    &source[span.start..span.end]
}
