//! Text → AST. An outer pass (`split`) cuts the text into statements and
//! blocks; each statement head is parsed with its pest rule
//! (`grammar/journey.pest`) and lowered once (`lower`). Errors become
//! `cjm::syntax` diagnostics with words, never rule names.

pub(crate) mod ast;
mod fast;
mod grammar;
pub(crate) use grammar::is_identifier;
pub(crate) mod keywords;
mod lower;
mod scan;
mod split;
pub(crate) mod strings;
#[cfg(test)]
mod tests;

use crate::diagnostic::Diagnostic;

/// Parses a whole file, recovering after a bad statement so that every
/// syntax error of the file is reported (in source order).
pub(crate) fn parse(source: &str) -> (ast::File, Vec<Diagnostic>) {
    let split = split::split(source);
    let mut lower = lower::Lower {
        src: source,
        diagnostics: split.diagnostics,
        tokens: Vec::new(),
    };
    let journey = lower.file(&split.stmts);
    let mut diagnostics = lower.diagnostics;
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    let file = ast::File {
        journey,
        comments: split.comments,
    };
    (file, diagnostics)
}
