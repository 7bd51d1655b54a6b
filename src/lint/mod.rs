//! Lints: the seeds' advice as warnings (language.md §6).

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

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
    "missing-glyph",
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
mod glyphs;
mod levels;

pub(crate) use checks::check;
pub(crate) use glyphs::missing_glyphs;
pub(crate) use levels::apply;

use crate::diagnostic::Span;

/// Where the things lints talk about are written, gathered by `resolve`
/// (the model keeps no byte spans). IDs are borrowed from the source (see
/// `resolve`); the maps are only looked up, so their order never shows.
#[derive(Debug, Clone, Default)]
pub(crate) struct Sites<'a> {
    /// The `journey` keyword.
    pub journey: Span,
    /// The ID of every definition.
    pub ids: HashMap<Cow<'a, str>, Span>,
    /// The first `pain` statement of each stage and touchpoint, by its ID.
    pub pains: HashMap<Cow<'a, str>, Span>,
    /// The `reach` statement of each stage, by its ID.
    pub reach: HashMap<Cow<'a, str>, Span>,
}
