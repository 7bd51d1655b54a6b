//! What becomes of each lint warning: in-file `allow`/`deny` first, the
//! command line over them, then `--deny-warnings` (language.md §6).

use std::collections::BTreeMap;

use super::{Level, LintConfig};
use crate::diagnostic::{Diagnostic, Severity};

/// Drops allowed lints and turns denied ones into errors.
pub(crate) fn apply(
    warnings: Vec<Diagnostic>,
    in_file: &BTreeMap<String, Level>,
    config: &LintConfig,
) -> Vec<Diagnostic> {
    // The command line may name a lint with or without its `cjm::` prefix.
    let command_line: BTreeMap<&str, Level> = config
        .levels
        .iter()
        .map(|(name, level)| (name.strip_prefix("cjm::").unwrap_or(name), *level))
        .collect();
    warnings
        .into_iter()
        .filter_map(|mut diagnostic| {
            let name = diagnostic
                .code
                .strip_prefix("cjm::")
                .unwrap_or(&diagnostic.code);
            let level = command_line
                .get(name)
                .or_else(|| in_file.get(name))
                .copied()
                .unwrap_or(Level::Warn);
            match level {
                Level::Allow => return None,
                Level::Deny => diagnostic.severity = Severity::Error,
                Level::Warn if config.deny_warnings => diagnostic.severity = Severity::Error,
                Level::Warn => {}
            }
            Some(diagnostic)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Span;

    fn warning(name: &str) -> Diagnostic {
        Diagnostic::warning(&format!("cjm::{name}"), "m", Span::default())
    }

    #[test]
    fn command_line_overrides_file_and_deny_warnings_applies_last() {
        let in_file = BTreeMap::from([
            ("empty-stage".to_string(), Level::Allow),
            ("no-owner".to_string(), Level::Deny),
        ]);
        let mut config = LintConfig::default();
        config
            .levels
            .insert("cjm::no-owner".to_string(), Level::Warn);
        let out = apply(
            vec![warning("empty-stage"), warning("no-owner")],
            &in_file,
            &config,
        );
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].severity, Severity::Warning);
        config.deny_warnings = true;
        let out = apply(vec![warning("no-owner")], &in_file, &config);
        assert_eq!(out[0].severity, Severity::Error);
    }
}
