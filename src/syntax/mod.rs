//! Text → AST. Wraps the pest grammar (`grammar/journey.pest`) and turns
//! its errors into `cjm::syntax` diagnostics with words, never rule names.

pub(crate) mod ast;

use crate::diagnostic::Diagnostic;

/// Parses a whole file, recovering after a bad statement so that every
/// syntax error of the file is reported.
pub(crate) fn parse(_source: &str) -> (ast::File, Vec<Diagnostic>) {
    todo!("syntax::parse")
}
