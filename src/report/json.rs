//! The json format: one object per diagnostic and line, for tools.

use serde_json::json;

use super::Place;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::LineIndex;

pub(super) fn render(path: &str, source: &str, diagnostics: &[Diagnostic]) -> String {
    let lines = LineIndex::new(source);
    let mut out = String::new();
    for d in diagnostics {
        let place = Place::of(&lines, d);
        // Every labelled place: the primary one first (when it has a
        // label), then the secondary ones.
        let primary = d.label.as_ref().map(|message| (d.span, message));
        let labels: Vec<_> = primary
            .into_iter()
            .chain(d.labels.iter().map(|l| (l.span, &l.message)))
            .map(|(span, message)| {
                let (line, column) = lines.line_col(span.start);
                json!({ "message": message, "line": line, "column": column })
            })
            .collect();
        let object = json!({
            "file": path,
            "severity": d.severity,
            "code": d.code,
            "message": d.message,
            "line": place.line,
            "column": place.column,
            "end_line": place.end_line,
            "end_column": place.end_column,
            "help": d.help,
            "labels": labels,
        });
        out.push_str(&object.to_string());
        out.push('\n');
    }
    out
}
