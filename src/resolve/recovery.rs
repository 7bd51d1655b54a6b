//! After syntax errors, a definition that failed to parse is missing from
//! the AST. References to it would each raise an unknown-reference that
//! only repeats the syntax error, so the raw text is scanned for what
//! looks like a definition (`team sales …`) and those IDs are spared.

use std::collections::BTreeSet;

const DEFINING: &[&str] = &["persona", "team", "channel", "stage", "touchpoint"];

/// IDs that some statement seems to define, and whether a `stage`
/// statement seems to be there.
pub(crate) fn unparsed_definitions(source: &str) -> (BTreeSet<String>, bool) {
    let mut ids = BTreeSet::new();
    let mut stage = false;
    for statement in source.lines().flat_map(|line| line.split([';', '{', '}'])) {
        let mut words = statement.split_whitespace();
        let (Some(keyword), Some(id)) = (words.next(), words.next()) else {
            continue;
        };
        if DEFINING.contains(&keyword) {
            stage |= keyword == "stage";
            ids.insert(id.trim_matches('"').to_string());
        }
    }
    (ids, stage)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_definition_like_statements() {
        let (ids, stage) = unparsed_definitions(
            "team sales \"Sales\n  stage a { touchpoint b; channel web online }",
        );
        assert!(stage);
        for id in ["sales", "a", "b", "web"] {
            assert!(ids.contains(id), "{id}");
        }
    }
}
