//! `--format markdown`: a heading, a one-line summary, then tables: the
//! emotion scores, the numbers (reach, metrics, funnel), everything else.
//! Ready to post as a pull-request comment.

use std::fmt::Write;

use super::text::{delta, element, field_name, shown};
use super::{Change, Diff, Kind, What};

pub fn markdown(diff: &Diff) -> String {
    let mut out = String::new();
    let file = diff.new.file.or(diff.old.file).unwrap_or("journey");
    let title = diff
        .new
        .journey
        .or(diff.old.journey)
        .map(|j| j.title.as_str())
        .unwrap_or("");
    let _ = writeln!(out, "#### {} — {}\n", code(file), cell(title));
    let summary = diff.summary();
    let mut line = format!("**{}**", summary.counts());
    let emotions = summary.emotions();
    if !emotions.is_empty() {
        let _ = write!(line, " · **{emotions}**");
    }
    if diff.old.journey.is_none() {
        line.push_str(" · new file");
    } else if diff.new.journey.is_none() {
        line.push_str(" · file deleted");
    }
    let _ = writeln!(out, "{line}");
    let (emotions, rest): (Vec<&Change>, Vec<&Change>) = diff
        .changes
        .iter()
        .partition(|c| c.field.as_deref() == Some("emotion"));
    let (numbers, rest): (Vec<&Change>, Vec<&Change>) =
        rest.into_iter().partition(|c| is_number(c));
    if !emotions.is_empty() {
        out.push_str("\n| Touchpoint | Persona | Old | New | Δ |\n|---|---|---:|---:|---:|\n");
        for c in emotions {
            let d = delta(c).map(|d| arrow(c, &d)).unwrap_or_default();
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {d} |",
                where_(diff, c),
                c.persona
                    .as_deref()
                    .map(|p| cell(&element(diff, Kind::Persona, p)))
                    .unwrap_or_default(),
                value(diff, c, c.old.as_ref()),
                value(diff, c, c.new.as_ref()),
            );
        }
    }
    if !numbers.is_empty() {
        out.push_str("\n| Where | Number | Old | New | Change |\n|---|---|---:|---:|---:|\n");
        for c in numbers {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                where_(diff, c),
                cell(&field_name(c)),
                value(diff, c, c.old.as_ref()),
                value(diff, c, c.new.as_ref()),
                delta(c).map(|d| cell(&d)).unwrap_or_default(),
            );
        }
    }
    if !rest.is_empty() {
        out.push_str("\n| | Where | Change |\n|---|---|---|\n");
        for c in rest {
            let what = if c.field.is_none() && matches!(c.change, What::Added | What::Removed) {
                word(c.change).to_string()
            } else {
                cell(&super::text::line(diff, c, false))
            };
            let _ = writeln!(out, "| {} | {} | {what} |", sign(c.change), where_(diff, c));
        }
    }
    out
}

fn is_number(c: &Change) -> bool {
    let f = c.field.as_deref().unwrap_or_default();
    c.change == What::Changed
        && (c.kind == Kind::Funnel || f == "reach" || f.starts_with("metrics."))
}

/// `▼ -2` for an emotion that got worse, `▲ +1` for one that got better.
fn arrow(c: &Change, d: &str) -> String {
    match c.emotion_delta() {
        Some(x) if x < 0.0 => format!("▼ {d}"),
        Some(x) if x > 0.0 => format!("▲ {d}"),
        _ => d.to_string(),
    }
}

/// The text format's signs, in code style so that Markdown takes them
/// literally (and no emoji font is needed).
fn sign(what: What) -> &'static str {
    match what {
        What::Added => "`+`",
        What::Removed => "`-`",
        What::Changed => "`~`",
        What::Renamed | What::Moved => "`>`",
    }
}

fn word(what: What) -> &'static str {
    match what {
        What::Added => "added",
        What::Removed => "removed",
        _ => "",
    }
}

/// The element a change is about: `touchpoint pay "Pay" (stage checkout)`.
fn where_(diff: &Diff, c: &Change) -> String {
    let Some(id) = c.id.as_deref() else {
        return "journey".to_string();
    };
    let mut s = format!("{} {}", c.kind.name(), code(id));
    if let Some(label) = diff.label_of(c.kind, id).filter(|l| *l != id) {
        // Isolated, so that a right-to-left label does not reorder the
        // words around it.
        let _ = write!(s, " \u{2068}{}\u{2069}", cell(label));
    }
    if let (Kind::Touchpoint, Some(stage)) = (c.kind, c.stage.as_deref()) {
        let _ = write!(s, " (stage {})", code(stage));
    }
    s
}

fn value(diff: &Diff, c: &Change, v: Option<&serde_json::Value>) -> String {
    v.map(|v| cell(&shown(diff, c, v)))
        .unwrap_or_else(|| "—".to_string())
}

/// Text safe inside a table cell: no line breaks, pipes escaped, and
/// Markdown's emphasis and HTML characters taken literally.
fn cell(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '\n' | '\r' => s.push(' '),
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '\\' | '#' | '~' => {
                s.push('\\');
                s.push(ch);
            }
            _ => s.push(ch),
        }
    }
    s
}

/// An ID in code style; a backtick inside is impossible in an ID, but a
/// file name may hold one.
fn code(text: &str) -> String {
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}
