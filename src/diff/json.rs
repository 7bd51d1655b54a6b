//! `--format json`: the contract's object on one line (JSON lines with
//! `--rev`, one object per file).

use serde_json::{Value, json};

use super::{Diff, Side};

pub fn json(diff: &Diff) -> String {
    let side = |s: &Side| {
        json!({
            "file": s.file,
            "title": s.journey.map(|j| j.title.clone()),
        })
    };
    let value = json!({
        "version": 1,
        "old": side(&diff.old),
        "new": side(&diff.new),
        "changes": diff.changes.iter().map(|c| serde_json::to_value(c).unwrap_or(Value::Null)).collect::<Vec<_>>(),
    });
    let mut line = value.to_string();
    line.push('\n');
    line
}
