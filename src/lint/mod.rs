//! Lints: the seeds' advice as warnings (language.md §6).

use std::collections::BTreeMap;

/// How a lint is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Level {
    Allow,
    Warn,
    Deny,
}

/// Every lint, by its kebab-case name.
pub const LINTS: &[&str] = &[
    "missing-persona",
    "empty-stage",
    "no-owner",
    "missing-emotion",
    "unaddressed-pain",
    "unused-definition",
    "open-journey",
    "funnel-increase",
];

/// Lint levels chosen on the command line. In-file `allow`/`deny` apply
/// first; the command line overrides them; `deny_warnings` turns every
/// remaining warning into an error.
#[derive(Debug, Clone, Default)]
pub struct LintConfig {
    pub levels: BTreeMap<String, Level>,
    pub deny_warnings: bool,
}

mod checks;
mod levels;

pub(crate) use checks::check;
pub(crate) use levels::apply;

use crate::diagnostic::Span;

/// Where the things lints talk about are written, gathered by `resolve`
/// (the model keeps no byte spans).
#[derive(Debug, Clone, Default)]
pub(crate) struct Sites {
    /// The `journey` keyword.
    pub journey: Span,
    /// The ID of every definition.
    pub ids: BTreeMap<String, Span>,
    /// The first `pain` statement of each stage and touchpoint, by its ID.
    pub pains: BTreeMap<String, Span>,
    /// The `reach` statement of each stage, by its ID.
    pub reach: BTreeMap<String, Span>,
}
