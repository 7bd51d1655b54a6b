//! What spans stages: flows, the funnel, the lowest emotion point.

use std::collections::HashMap;

use serde_json::{Value, json};

use super::compare::Target;
use super::matching::Renames;
use super::{Change, Kind, What};
use crate::model::{EmotionLow, Journey};

/// Flows by their ends (old ends in new IDs): added, removed, label changed.
pub(crate) fn flows(old: &Journey, new: &Journey, renames: &Renames, out: &mut Vec<Change>) {
    let ends = |from: &str, to: &str| format!("{from} -> {to}");
    let old_flows: Vec<(String, Option<&str>)> = old
        .flows
        .iter()
        .map(|f| {
            (
                ends(renames.map_node(&f.from), renames.map_node(&f.to)),
                f.label.as_deref(),
            )
        })
        .collect();
    let mut used = vec![false; old_flows.len()];
    // Ends → the old flows with them, last first, each taken once.
    let mut by_ends: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, (k, _)) in old_flows.iter().enumerate().rev() {
        by_ends.entry(k).or_default().push(i);
    }
    for f in &new.flows {
        let id = ends(&f.from, &f.to);
        let found = by_ends.get_mut(id.as_str()).and_then(Vec::pop);
        let Some(i) = found else {
            out.push(
                Change::new(Kind::Flow, Some(&id), What::Added)
                    .values(None, f.label.clone().map(Value::from)),
            );
            continue;
        };
        used[i] = true;
        let t = Target {
            kind: Kind::Flow,
            id: Some(&id),
            stage: None,
            touchpoint: None,
        };
        t.text(out, "label", old_flows[i].1, f.label.as_deref());
    }
    for (i, (id, label)) in old_flows.iter().enumerate() {
        if !used[i] {
            out.push(
                Change::new(Kind::Flow, Some(id), What::Removed)
                    .values(label.map(Value::from), None),
            );
        }
    }
}

/// Funnel steps by their stages: the conversion's change in percentage
/// points; steps that appear or go away with a stage's reach.
pub(crate) fn funnel(old: &Journey, new: &Journey, renames: &Renames, out: &mut Vec<Change>) {
    let id = |from: &str, to: &str| format!("{from} -> {to}");
    let old_steps: Vec<(String, f64)> = old
        .funnel
        .iter()
        .map(|s| {
            (
                id(
                    renames.map(Kind::Stage, &s.from),
                    renames.map(Kind::Stage, &s.to),
                ),
                s.conversion,
            )
        })
        .collect();
    for s in &new.funnel {
        let key = id(&s.from, &s.to);
        match old_steps.iter().find(|(k, _)| *k == key) {
            None => out.push(
                Change::new(Kind::Funnel, Some(&key), What::Added)
                    .field("conversion")
                    .values(None, Some(super::number(s.conversion))),
            ),
            Some((_, before)) if (before - s.conversion).abs() > 1e-9 => out.push(
                Change::new(Kind::Funnel, Some(&key), What::Changed)
                    .field("conversion")
                    .values(
                        Some(super::number(*before)),
                        Some(super::number(s.conversion)),
                    )
                    .delta((s.conversion - before) * 100.0),
            ),
            Some(_) => {}
        }
    }
    for (key, before) in &old_steps {
        if !new.funnel.iter().any(|s| id(&s.from, &s.to) == *key) {
            out.push(
                Change::new(Kind::Funnel, Some(key), What::Removed)
                    .field("conversion")
                    .values(Some(super::number(*before)), None),
            );
        }
    }
}

/// The journey's lowest emotion point: moved to another touchpoint (or
/// persona), or the same point with another score.
pub(crate) fn emotion_low(old: &Journey, new: &Journey, renames: &Renames, out: &mut Vec<Change>) {
    let value = |e: &EmotionLow, tp: &str, persona: Option<&str>| json!({"persona": persona, "touchpoint": tp, "score": e.score});
    let a = old.emotion_low.as_ref().map(|e| {
        let tp = renames.map(Kind::Touchpoint, &e.touchpoint);
        let persona = e.persona.as_deref().map(|p| renames.map(Kind::Persona, p));
        (tp, persona, value(e, tp, persona))
    });
    let b = new.emotion_low.as_ref().map(|e| {
        (
            e.touchpoint.as_str(),
            e.persona.as_deref(),
            value(e, &e.touchpoint, e.persona.as_deref()),
        )
    });
    let what = match (&a, &b) {
        (None, None) => return,
        (Some(x), Some(y)) if x.2 == y.2 => return,
        (None, Some(_)) => What::Added,
        (Some(_), None) => What::Removed,
        (Some(x), Some(y)) if x.0 == y.0 && x.1 == y.1 => What::Changed,
        _ => What::Moved,
    };
    let delta = match (&old.emotion_low, &new.emotion_low) {
        (Some(x), Some(y)) if what == What::Changed => {
            Some(f64::from(y.score) - f64::from(x.score))
        }
        _ => None,
    };
    let mut c = Change::new(Kind::Journey, None, what)
        .field("emotion_low")
        .values(a.map(|x| x.2), b.map(|x| x.2));
    if let Some(d) = delta {
        c = c.delta(d);
    }
    out.push(c);
}
