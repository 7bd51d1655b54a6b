//! Stages and their touchpoints: matched by ID (renames mapped), moves
//! between stages and inside one, and every property compared.

use std::collections::HashMap;

use serde_json::Value;

use super::compare::Target;
use super::matching::Renames;
use super::{Change, Kind, What};
use crate::model::{Journey, Stage, Touchpoint};

pub(crate) fn stages(old: &Journey, new: &Journey, renames: &Renames, out: &mut Vec<Change>) {
    let old_stage: HashMap<&str, usize> = old
        .stages
        .iter()
        .enumerate()
        .map(|(i, s)| (s.id.as_str(), i))
        .collect();
    // Old touchpoint ID → (stage index, index in the stage).
    let mut old_tp: HashMap<&str, (usize, usize)> = HashMap::new();
    for (si, s) in old.stages.iter().enumerate() {
        for (ti, t) in s.touchpoints.iter().enumerate() {
            old_tp.insert(&t.id, (si, ti));
        }
    }
    let mut seen_tp = vec![Vec::new(); old.stages.len()];
    for (si, s) in old.stages.iter().enumerate() {
        seen_tp[si] = vec![false; s.touchpoints.len()];
    }
    // Which old touchpoints live on in the new version, wherever they are
    // now: the others are removed.
    for t in new.touchpoints() {
        let from = renames.from(Kind::Touchpoint, &t.id).unwrap_or(&t.id);
        if let Some(&(si, ti)) = old_tp.get(from) {
            seen_tp[si][ti] = true;
        }
    }
    let find_stage = |id: &str| {
        let from = renames.from(Kind::Stage, id).unwrap_or(id);
        old_stage.get(from).copied()
    };
    let matched: Vec<Option<usize>> = new.stages.iter().map(|s| find_stage(&s.id)).collect();
    let stage_moved = out_of_order(&matched);
    for (ni, b) in new.stages.iter().enumerate() {
        let stage = Target {
            kind: Kind::Stage,
            id: Some(&b.id),
            stage: Some(&b.id),
            touchpoint: None,
        };
        let a = matched[ni].map(|i| &old.stages[i]);
        match a {
            None => out.push(
                Change::new(Kind::Stage, Some(&b.id), What::Added)
                    .values(None, Some(b.label.clone().into()))
                    .at(Some(&b.id), None),
            ),
            Some(a) => {
                if a.id != b.id {
                    out.push(renamed(Kind::Stage, &a.id, &b.id).at(Some(&b.id), None));
                }
                if stage_moved[ni] {
                    let old_place = matched[ni].map_or(0, |i| i + 1);
                    out.push(
                        stage
                            .change(What::Moved, "position")
                            .values(Some(Value::from(old_place)), Some(Value::from(ni + 1))),
                    );
                }
                stage_fields(&stage, a, b, renames, out);
            }
        }
        // The touchpoints, in the new order; those that stayed in this
        // stage and left the order of the others are "moved" in it.
        let found: Vec<Option<(usize, usize)>> = b
            .touchpoints
            .iter()
            .map(|t| {
                let from = renames.from(Kind::Touchpoint, &t.id).unwrap_or(&t.id);
                old_tp.get(from).copied()
            })
            .collect();
        let same_stage: Vec<Option<usize>> = found
            .iter()
            .map(|f| {
                f.filter(|(si, _)| Some(*si) == matched[ni])
                    .map(|(_, ti)| ti)
            })
            .collect();
        let moved_inside = out_of_order(&same_stage);
        for (ti, t) in b.touchpoints.iter().enumerate() {
            let target = Target {
                kind: Kind::Touchpoint,
                id: Some(&t.id),
                stage: Some(&b.id),
                touchpoint: Some(&t.id),
            };
            let Some((osi, oti)) = found[ti] else {
                out.push(
                    Change::new(Kind::Touchpoint, Some(&t.id), What::Added)
                        .values(None, Some(t.label.clone().into()))
                        .at(Some(&b.id), Some(&t.id)),
                );
                continue;
            };
            let before = &old.stages[osi].touchpoints[oti];
            if before.id != t.id {
                out.push(renamed(Kind::Touchpoint, &before.id, &t.id).at(Some(&b.id), Some(&t.id)));
            }
            if Some(osi) != matched[ni] {
                let from = renames.map(Kind::Stage, &old.stages[osi].id);
                out.push(
                    target
                        .change(What::Moved, "stage")
                        .values(Some(from.into()), Some(b.id.clone().into())),
                );
            } else if moved_inside[ti] {
                out.push(
                    target
                        .change(What::Moved, "position")
                        .values(Some(Value::from(oti + 1)), Some(Value::from(ti + 1))),
                );
            }
            touchpoint_fields(&target, before, t, renames, out);
        }
        // What this stage lost, at the end of its section.
        if let Some(osi) = matched[ni] {
            removed_touchpoints(old, osi, &b.id, &seen_tp[osi], renames, out);
        }
    }
    for (osi, a) in old.stages.iter().enumerate() {
        if matched.contains(&Some(osi)) {
            continue;
        }
        out.push(
            Change::new(Kind::Stage, Some(&a.id), What::Removed)
                .values(Some(a.label.clone().into()), None)
                .at(Some(&a.id), None),
        );
        removed_touchpoints(old, osi, &a.id, &seen_tp[osi], renames, out);
    }
}

fn renamed(kind: Kind, from: &str, to: &str) -> Change {
    let mut c =
        Change::new(kind, Some(to), What::Renamed).values(Some(from.into()), Some(to.into()));
    c.from_id = Some(from.to_string());
    c
}

fn removed_touchpoints(
    old: &Journey,
    osi: usize,
    stage: &str,
    seen: &[bool],
    renames: &Renames,
    out: &mut Vec<Change>,
) {
    for (ti, t) in old.stages[osi].touchpoints.iter().enumerate() {
        if !seen[ti] && !renames.renamed(Kind::Touchpoint, &t.id) {
            out.push(
                Change::new(Kind::Touchpoint, Some(&t.id), What::Removed)
                    .values(Some(t.label.clone().into()), None)
                    .at(Some(stage), Some(&t.id)),
            );
        }
    }
}

/// For a sequence of old positions (None: not from the same list), which
/// entries are out of order: those off one longest increasing run, so that
/// one element moved is reported, not every element it jumped over.
fn out_of_order(positions: &[Option<usize>]) -> Vec<bool> {
    let items: Vec<(usize, usize)> = positions
        .iter()
        .enumerate()
        .filter_map(|(i, p)| p.map(|p| (i, p)))
        .collect();
    // Patience sorting: tails[k] is the index in `items` ending the best
    // run of length k + 1; `prev` links each item to the one before it.
    let mut tails: Vec<usize> = Vec::new();
    let mut prev = vec![usize::MAX; items.len()];
    for (k, &(_, p)) in items.iter().enumerate() {
        let at = tails.partition_point(|&t| items[t].1 < p);
        if at > 0 {
            prev[k] = tails[at - 1];
        }
        if at == tails.len() {
            tails.push(k);
        } else {
            tails[at] = k;
        }
    }
    let mut moved = vec![false; positions.len()];
    for &(i, _) in &items {
        moved[i] = true;
    }
    let mut k = tails.last().copied().unwrap_or(usize::MAX);
    while k != usize::MAX {
        moved[items[k].0] = false;
        k = prev[k];
    }
    moved
}

fn mapped(renames: &Renames, kind: Kind, ids: &[String]) -> Vec<String> {
    ids.iter()
        .map(|id| renames.map(kind, id).to_string())
        .collect()
}

fn stage_fields(t: &Target, a: &Stage, b: &Stage, renames: &Renames, out: &mut Vec<Change>) {
    t.text(out, "label", Some(&a.label), Some(&b.label));
    t.text(
        out,
        "description",
        a.description.as_deref(),
        b.description.as_deref(),
    );
    t.set(
        out,
        "owners",
        &mapped(renames, Kind::Team, &a.owners),
        &b.owners,
    );
    t.amount(
        out,
        "reach",
        a.reach.map(|r| r as f64),
        b.reach.map(|r| r as f64),
        None,
    );
    t.metrics(out, &a.metrics, &b.metrics);
    t.texts(out, "pains", &a.pains, &b.pains);
    t.texts(out, "opportunities", &a.opportunities, &b.opportunities);
    t.texts(out, "insights", &a.insights, &b.insights);
    t.lane_texts(out, &a.lane_texts, &b.lane_texts, &|l| {
        renames.map(Kind::Lane, l).to_string()
    });
}

fn touchpoint_fields(
    t: &Target,
    a: &Touchpoint,
    b: &Touchpoint,
    renames: &Renames,
    out: &mut Vec<Change>,
) {
    t.text(out, "label", Some(&a.label), Some(&b.label));
    t.text(
        out,
        "description",
        a.description.as_deref(),
        b.description.as_deref(),
    );
    let channel = a.channel.as_deref().map(|c| renames.map(Kind::Channel, c));
    t.text(out, "channel", channel, b.channel.as_deref());
    t.set(
        out,
        "owners",
        &mapped(renames, Kind::Team, &a.owners),
        &b.owners,
    );
    emotions(t, a, b, renames, out);
    t.texts(out, "actions", &a.actions, &b.actions);
    t.texts(out, "thoughts", &a.thoughts, &b.thoughts);
    t.texts(out, "pains", &a.pains, &b.pains);
    t.texts(out, "opportunities", &a.opportunities, &b.opportunities);
    t.texts(out, "insights", &a.insights, &b.insights);
    t.lane_texts(out, &a.lane_texts, &b.lane_texts, &|l| {
        renames.map(Kind::Lane, l).to_string()
    });
    let mot = |x: &Touchpoint| {
        x.moment_of_truth
            .as_ref()
            .and_then(|m| serde_json::to_value(m).ok())
    };
    t.value(out, "moment_of_truth", mot(a), mot(b));
    t.amount(
        out,
        "reach",
        a.reach.map(|r| r as f64),
        b.reach.map(|r| r as f64),
        None,
    );
    t.metrics(out, &a.metrics, &b.metrics);
    t.text(out, "link", a.link.as_deref(), b.link.as_deref());
}

/// Per persona (old persona IDs in new IDs): the score with its signed
/// delta, and the label.
fn emotions(t: &Target, a: &Touchpoint, b: &Touchpoint, renames: &Renames, out: &mut Vec<Change>) {
    let old: Vec<(Option<String>, i8, Option<&str>)> = a
        .emotions
        .iter()
        .map(|e| {
            let p = e
                .persona
                .as_deref()
                .map(|p| renames.map(Kind::Persona, p).to_string());
            (p, e.score, e.label.as_deref())
        })
        .collect();
    let mut personas: Vec<Option<String>> = b.emotions.iter().map(|e| e.persona.clone()).collect();
    for (p, ..) in &old {
        if !personas.contains(p) {
            personas.push(p.clone());
        }
    }
    for persona in personas {
        let before = old.iter().find(|(p, ..)| *p == persona);
        let after = b.emotions.iter().find(|e| e.persona == persona);
        let with = |c: Change| Change {
            persona: persona.clone(),
            ..c
        };
        match (before, after) {
            (None, Some(e)) => out.push(with(
                t.change(What::Added, "emotion")
                    .values(None, Some(e.score.into())),
            )),
            (Some((_, s, _)), None) => out.push(with(
                t.change(What::Removed, "emotion")
                    .values(Some((*s).into()), None),
            )),
            (Some((_, s, label)), Some(e)) => {
                if *s != e.score {
                    let c = t
                        .change(What::Changed, "emotion")
                        .values(Some((*s).into()), Some(e.score.into()))
                        .delta(f64::from(e.score) - f64::from(*s));
                    out.push(with(c));
                }
                let mut labels = Vec::new();
                t.text(&mut labels, "emotion_label", *label, e.label.as_deref());
                out.extend(labels.into_iter().map(with));
            }
            (None, None) => {}
        }
    }
}
