//! After syntax errors, a definition that failed to parse is missing from
//! the AST. References to it would each raise an unknown-reference that
//! only repeats the syntax error, so the raw text is scanned for what
//! looks like a definition (`team sales …`) that is not in the AST, and
//! those IDs are spared.

use std::collections::BTreeSet;

use crate::syntax::ast::{self, JourneyStmt, StageStmt};

const DEFINING: &[&str] = &["persona", "team", "channel", "lane", "stage", "touchpoint"];

/// IDs that some unparsed statement seems to define, and whether an
/// unparsed `stage` statement seems to be there.
pub(crate) fn unparsed_definitions(
    source: &str,
    journey: &ast::Journey,
) -> (BTreeSet<String>, bool) {
    let parsed = parsed_keywords(journey);
    let mut ids = BTreeSet::new();
    let mut stage = false;
    let mut offset = 0;
    for piece in source.split_inclusive(['\n', ';', '{', '}']) {
        let start = offset;
        offset += piece.len();
        let trimmed = piece.trim_start();
        let at = start + (piece.len() - trimmed.len());
        let mut words = trimmed.split_whitespace();
        let (Some(keyword), Some(id)) = (words.next(), words.next()) else {
            continue;
        };
        if DEFINING.contains(&keyword) && !parsed.contains(&at) {
            stage |= keyword == "stage";
            let id = id.trim_end_matches([';', '{', '}']).trim_matches('"');
            ids.insert(id.to_string());
        }
    }
    (ids, stage)
}

/// Where every statement the parser understood starts.
fn parsed_keywords(journey: &ast::Journey) -> BTreeSet<usize> {
    let mut starts = BTreeSet::new();
    for stmt in &journey.body {
        starts.insert(stmt.keyword.start);
        if let JourneyStmt::Stage(stage) = &stmt.kind {
            for inner in &stage.body {
                starts.insert(inner.keyword.start);
                if let StageStmt::Touchpoint(tp) = &inner.kind {
                    starts.extend(tp.body.iter().flatten().map(|s| s.keyword.start));
                }
            }
        }
    }
    starts
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_unparsed_definitions_only() {
        let source = "journey \"J\" {\n  team sales \"Sales\n  channel web online\n  stage a { touchpoint b \"B\" { channel web } }\n}\n";
        let (file, errors) = crate::syntax::parse(source);
        assert!(!errors.is_empty());
        let journey = file.journey.unwrap();
        let (ids, stage) = unparsed_definitions(source, &journey);
        assert!(!stage, "the stage parsed");
        assert_eq!(ids.into_iter().collect::<Vec<_>>(), ["sales"]);
    }
}
