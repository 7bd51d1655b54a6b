//! `--format text`: one line per change, grouped under the stage and
//! touchpoint it belongs to; `+` added, `-` removed, `~` changed, `>`
//! moved or renamed.

use std::fmt::Write;

use serde_json::Value;

use super::{Change, Diff, Kind, What};

pub fn text(diff: &Diff) -> String {
    let mut out = String::new();
    let name = |side: &super::Side| side.file.unwrap_or("/dev/null").to_string();
    let _ = writeln!(out, "--- {}", name(&diff.old));
    let _ = writeln!(out, "+++ {}", name(&diff.new));
    let summary = diff.summary();
    let emotions = summary.emotions();
    let _ = write!(out, "{}", summary.counts());
    if !emotions.is_empty() {
        let _ = write!(out, "; {emotions}");
    }
    out.push('\n');
    let mut stage: Option<&str> = None;
    let mut touchpoint: Option<&str> = None;
    for c in &diff.changes {
        let Some(s) = c.stage.as_deref() else {
            stage = None;
            touchpoint = None;
            let _ = writeln!(out, "{} {}", c.change.sign(), line(diff, c, true));
            continue;
        };
        let own = c.field.is_none() && matches!(c.change, What::Added | What::Removed);
        if stage != Some(s) {
            stage = Some(s);
            touchpoint = None;
            if c.kind == Kind::Stage && own {
                let _ = writeln!(out, "{} {}", c.change.sign(), line(diff, c, true));
                continue;
            }
            let _ = writeln!(out, "stage {}", element(diff, Kind::Stage, s));
        }
        match c.touchpoint.as_deref() {
            None => {
                let _ = writeln!(out, "  {} {}", c.change.sign(), line(diff, c, false));
            }
            Some(_) if own && c.kind == Kind::Touchpoint => {
                touchpoint = None;
                let _ = writeln!(out, "  {} {}", c.change.sign(), line(diff, c, true));
            }
            Some(t) => {
                if touchpoint != Some(t) {
                    touchpoint = Some(t);
                    let _ = writeln!(out, "  touchpoint {}", element(diff, Kind::Touchpoint, t));
                }
                let _ = writeln!(out, "    {} {}", c.change.sign(), line(diff, c, false));
            }
        }
    }
    out
}

/// `pay "Pay"`: an element's ID and label.
pub(crate) fn element(diff: &Diff, kind: Kind, id: &str) -> String {
    match diff.label_of(kind, id) {
        Some(label) if label != id => format!("{id} {}", quote(label)),
        _ => id.to_string(),
    }
}

fn quote(text: &str) -> String {
    format!("\"{}\"", text.replace('\n', " "))
}

/// What one change says. `named`: start with the element's kind and ID
/// (the line is not under the element's own heading).
pub(crate) fn line(diff: &Diff, c: &Change, named: bool) -> String {
    let who = match (&c.id, c.kind) {
        (None, _) => String::new(),
        (Some(id), kind) => format!("{} {id}", kind.name()),
    };
    if c.field.is_none() {
        let body = match c.change {
            What::Renamed => format!("renamed from {}", c.from_id.as_deref().unwrap_or("?")),
            What::Added | What::Removed if c.kind == Kind::Journey => {
                let title = c
                    .new
                    .as_ref()
                    .or(c.old.as_ref())
                    .and_then(Value::as_str)
                    .map(quote)
                    .unwrap_or_default();
                format!("journey {} {title}", word(c.change))
            }
            What::Added | What::Removed => {
                let label = c.new.as_ref().or(c.old.as_ref()).and_then(Value::as_str);
                let id = c.id.as_deref().unwrap_or_default();
                return match label {
                    Some(l) if l != id => format!("{who} {}", quote(l)),
                    _ => who,
                };
            }
            _ => word(c.change).to_string(),
        };
        return prefixed(named, &who, body);
    }
    prefixed(named, &who, describe(diff, c))
}

fn prefixed(named: bool, who: &str, body: String) -> String {
    if named && !who.is_empty() {
        format!("{who}: {body}")
    } else {
        body
    }
}

fn word(what: What) -> &'static str {
    match what {
        What::Added => "added",
        What::Removed => "removed",
        What::Renamed => "renamed",
        What::Moved => "moved",
        What::Changed => "changed",
    }
}

/// The field name as a reader says it: `metrics.NPS` → `metric NPS`,
/// `pains` → `pain`, `emotion` with its persona.
pub(crate) fn field_name(c: &Change) -> String {
    let field = c.field.as_deref().unwrap_or_default();
    if let Some(name) = field.strip_prefix("metrics.") {
        return format!("metric {name}");
    }
    if let Some(lane) = field.strip_prefix("custom.") {
        return match lane.strip_suffix(".label") {
            Some(lane) => format!("lane {lane} label"),
            None => format!("lane {lane}"),
        };
    }
    let persona = c
        .persona
        .as_deref()
        .map(|p| format!(" ({p})"))
        .unwrap_or_default();
    let name = match field {
        "actions" => "action",
        "thoughts" => "thought",
        "pains" => "pain",
        "opportunities" => "opportunity",
        "insights" => "insight",
        "goals" => "goal",
        "needs" => "need",
        "frustrations" => "frustration",
        "emotion_label" => "emotion label",
        "moment_of_truth" => "moment of truth",
        "emotion_low" => "lowest emotion point",
        "lane_order" => "lanes",
        other => other,
    };
    format!("{name}{persona}")
}

/// `pain "Slow"`, `emotion (michal) -2 → 0 (+2)`, `reach 100 → 120 (+20, +20%)`.
pub(crate) fn describe(diff: &Diff, c: &Change) -> String {
    let name = field_name(c);
    let value = |v: &Option<Value>| v.as_ref().map(|v| shown(diff, c, v)).unwrap_or_default();
    match (c.change, c.field.as_deref()) {
        (What::Moved, Some("stage")) => {
            format!("moved from stage {} to {}", value(&c.old), value(&c.new))
        }
        (What::Moved, Some("position")) => {
            format!(
                "moved from place {} to {} in its stage",
                value(&c.old),
                value(&c.new)
            )
        }
        (What::Moved, _) => format!("{name} moved from {} to {}", value(&c.old), value(&c.new)),
        (What::Added, _) => format!("{name} {}", value(&c.new)).trim_end().to_string(),
        (What::Removed, _) => format!("{name} {}", value(&c.old)).trim_end().to_string(),
        _ => {
            let mut s = format!("{name} {} → {}", value(&c.old), value(&c.new));
            if let Some(d) = delta(c) {
                let _ = write!(s, " ({d})");
            }
            s
        }
    }
}

/// `+2`, `+600, +25%`, `+7.5 pp`.
pub(crate) fn delta(c: &Change) -> Option<String> {
    let d = c.delta.as_ref()?.as_f64()?;
    let signed = |x: f64| {
        let x = (x * 100.0).round() / 100.0;
        if x > 0.0 {
            format!("+{x}")
        } else {
            format!("{x}")
        }
    };
    let field = c.field.as_deref().unwrap_or_default();
    if c.kind == Kind::Funnel {
        return Some(format!("{} pp", signed(d)));
    }
    if field == "reach" || field.starts_with("metrics.") {
        let unit = if c.unit.as_deref() == Some("%") {
            " pp"
        } else {
            ""
        };
        let mut s = format!("{}{unit}", signed(d));
        if let Some(old) = c.old.as_ref().and_then(Value::as_f64).filter(|o| *o != 0.0) {
            let _ = write!(s, ", {}%", signed(d / old.abs() * 100.0));
        }
        return Some(s);
    }
    Some(signed(d))
}

/// A value as the text shows it: texts quoted, lists joined, numbers with
/// their unit, conversions as percentages.
pub(crate) fn shown(diff: &Diff, c: &Change, v: &Value) -> String {
    match v {
        Value::Number(n) if c.kind == Kind::Funnel => {
            let pct = n.as_f64().unwrap_or_default() * 100.0;
            format!("{}%", (pct * 100.0).round() / 100.0)
        }
        Value::Number(n) => format!("{n}{}", c.unit.as_deref().unwrap_or("")),
        Value::String(s) if matches!(c.field.as_deref(), Some("stage" | "channel")) => s.clone(),
        Value::String(s) => quote(s),
        Value::Array(items) => {
            let list: Vec<String> = items
                .iter()
                .map(|i| i.as_str().unwrap_or_default().to_string())
                .collect();
            if list.is_empty() {
                "(none)".to_string()
            } else {
                list.join(", ")
            }
        }
        Value::Object(map) if c.field.as_deref() == Some("moment_of_truth") => {
            match map.get("note") {
                Some(Value::String(note)) => quote(note),
                _ => "(no note)".to_string(),
            }
        }
        Value::Object(map) if c.field.as_deref() == Some("emotion_low") => {
            let tp = map
                .get("touchpoint")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let persona = map.get("persona").and_then(Value::as_str);
            let score = map.get("score").map(Value::to_string).unwrap_or_default();
            let at = element(diff, Kind::Touchpoint, tp);
            match persona {
                Some(p) => format!("{at} for {p} ({score})"),
                None => format!("{at} ({score})"),
            }
        }
        other => other.to_string(),
    }
}
