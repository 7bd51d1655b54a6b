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
