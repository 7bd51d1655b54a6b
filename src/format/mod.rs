//! AST → canonical text (`cjm fmt`). Only parses, never compiles.

use crate::diagnostic::Diagnostic;

/// The canonical form of `source`, comments kept where they were; the
/// syntax errors when it does not parse (the file is then left alone).
pub fn format(_source: &str) -> Result<String, Vec<Diagnostic>> {
    todo!("format::format")
}
