//! What the compiler works out from a resolved journey (language.md §4):
//! loops, the funnel, the emotion curve's averages and low point, and the
//! reading direction. Fractions are rounded so the JSON bytes are stable.

use std::collections::HashMap;

use super::values;
use crate::model::{
    CustomEntry, Direction, EmotionLow, Flow, FunnelStep, Journey, LaneTexts, Stage,
};

/// Marks every flow edge whose target comes at or before its source in
/// map order. A stage stands where its first touchpoint stands; a stage
/// without touchpoints stands just after the previous stage's last one.
pub(crate) fn mark_loops(stages: &[Stage], flows: &mut [Flow]) {
    // (slot, stage index): touchpoint n has slot 2n + 2, an empty stage
    // after touchpoint n slot 2n + 3 (1 before any touchpoint); empty
    // stages in the same slot keep their file order by stage index.
    // Only looked up: its order never shows.
    let mut place: HashMap<&str, (usize, usize)> = HashMap::new();
    let mut next_touchpoint = 0usize;
    for (index, stage) in stages.iter().enumerate() {
        let stage_slot = if stage.touchpoints.is_empty() {
            2 * next_touchpoint + 1
        } else {
            2 * next_touchpoint + 2
        };
        place.entry(&stage.id).or_insert((stage_slot, index));
        for tp in &stage.touchpoints {
            place
                .entry(&tp.id)
                .or_insert((2 * next_touchpoint + 2, index));
            next_touchpoint += 1;
        }
    }
    for flow in flows {
        if let (Some(from), Some(to)) = (place.get(flow.from.as_str()), place.get(flow.to.as_str()))
        {
            flow.is_loop = to <= from;
        }
    }
}

/// Conversion between consecutive stages that both have a reach. A step
/// from a stage reaching nobody has no conversion and is left out.
pub(crate) fn funnel(stages: &[Stage]) -> Vec<FunnelStep> {
    stages
        .windows(2)
        .filter_map(|pair| {
            let (from, to) = (pair[0].reach?, pair[1].reach?);
            if from == 0 {
                return None;
            }
            let conversion = round(to as f64 / from as f64, 4);
            Some(FunnelStep {
                from: pair[0].id.clone(),
                to: pair[1].id.clone(),
                conversion,
                drop: round(1.0 - conversion, 4),
            })
        })
        .collect()
}

/// Each stage's mean emotion score over all personas, to 2 decimals.
pub(crate) fn emotion_averages(stages: &mut [Stage]) {
    for stage in stages {
        let scores: Vec<f64> = stage
            .touchpoints
            .iter()
            .flat_map(|t| t.emotions.iter().map(|e| f64::from(e.score)))
            .collect();
        stage.emotion_average = (!scores.is_empty())
            .then(|| round(scores.iter().sum::<f64>() / scores.len() as f64, 2));
    }
}

/// The lowest score of the journey over every persona; the first in map
/// order on ties.
pub(crate) fn emotion_low(journey: &Journey) -> Option<EmotionLow> {
    let mut low: Option<EmotionLow> = None;
    for tp in journey.touchpoints() {
        for emotion in &tp.emotions {
            if low.as_ref().is_none_or(|l| emotion.score < l.score) {
                low = Some(EmotionLow {
                    persona: emotion.persona.clone(),
                    touchpoint: tp.id.clone(),
                    score: emotion.score,
                });
            }
        }
    }
    low
}

/// `ltr`/`rtl` as written, else from `lang`, else from the letters of
/// every text of the journey.
pub(crate) fn direction(written: Option<Direction>, journey: &Journey) -> Direction {
    if let Some(direction) = written {
        return direction;
    }
    if let Some(lang) = &journey.lang {
        return if values::is_rtl_lang(lang) {
            Direction::Rtl
        } else {
            Direction::Ltr
        };
    }
    values::direction_of_letters(texts(journey).into_iter())
}

/// Every label and string of the journey.
fn texts(j: &Journey) -> Vec<&str> {
    let mut out: Vec<&str> = vec![j.title.as_str()];
    out.extend(j.description.as_deref());
    for p in &j.personas {
        out.push(&p.label);
        out.extend(p.description.as_deref());
        out.extend(
            p.goals
                .iter()
                .chain(&p.needs)
                .chain(&p.frustrations)
                .map(String::as_str),
        );
        out.extend(p.quote.as_deref());
    }
    out.extend(j.teams.iter().map(|t| t.label.as_str()));
    out.extend(j.channels.iter().map(|c| c.label.as_str()));
    out.extend(j.lanes.iter().map(|l| l.label.as_str()));
    for s in &j.stages {
        lane_texts(&s.lane_texts, &mut out);
        out.push(&s.label);
        out.extend(s.description.as_deref());
        out.extend(
            s.pains
                .iter()
                .chain(&s.opportunities)
                .chain(&s.insights)
                .map(String::as_str),
        );
        for t in &s.touchpoints {
            out.push(&t.label);
            out.extend(t.description.as_deref());
            let lists = t.actions.iter().chain(&t.thoughts).chain(&t.pains);
            out.extend(
                lists
                    .chain(&t.opportunities)
                    .chain(&t.insights)
                    .map(String::as_str),
            );
            out.extend(t.emotions.iter().filter_map(|e| e.label.as_deref()));
            out.extend(t.moment_of_truth.as_ref().and_then(|m| m.note.as_deref()));
            lane_texts(&t.lane_texts, &mut out);
        }
    }
    out.extend(j.flows.iter().filter_map(|f| f.label.as_deref()));
    out
}

/// The blueprint texts and custom lane texts and labels of a stage or touchpoint.
fn lane_texts<'j>(lanes: &'j LaneTexts, out: &mut Vec<&'j str>) {
    let blueprint = lanes.evidence.iter().chain(&lanes.frontstage);
    let blueprint = blueprint.chain(&lanes.backstage).chain(&lanes.support);
    out.extend(blueprint.map(String::as_str));
    out.extend(lanes.custom.iter().filter_map(|entry| match entry {
        CustomEntry::Text { text, .. } => Some(text.as_str()),
        CustomEntry::Score { label, .. } => label.as_deref(),
    }));
}

fn round(value: f64, decimals: i32) -> f64 {
    let factor = 10f64.powi(decimals);
    let rounded = (value * factor).round() / factor;
    // No "-0" in the output.
    if rounded == 0.0 { 0.0 } else { rounded }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::sample;

    fn stage(id: &str, touchpoints: &[&str], reach: Option<u64>) -> Stage {
        let touchpoints = touchpoints
            .iter()
            .map(|t| sample::touchpoint(t, t))
            .collect();
        Stage {
            reach,
            ..sample::stage(id, id, touchpoints)
        }
    }

    fn flow(from: &str, to: &str) -> Flow {
        Flow {
            from: from.into(),
            to: to.into(),
            label: None,
            is_loop: false,
        }
    }

    #[test]
    fn loops_follow_map_order() {
        let stages = [
            stage("empty0", &[], None),
            stage("s1", &["a", "b"], None),
            stage("gap1", &[], None),
            stage("gap2", &[], None),
            stage("s2", &["c"], None),
        ];
        let cases = [
            ("a", "b", false),
            ("b", "a", true),
            ("a", "a", true),
            ("s1", "a", true), // a stage stands where its first touchpoint stands
            ("a", "s1", true),
            ("s1", "b", false),
            ("b", "gap1", false), // an empty stage stands after the previous last touchpoint
            ("gap1", "b", true),
            ("gap1", "gap2", false),
            ("gap2", "gap1", true),
            ("gap2", "c", false),
            ("c", "gap2", true),
            ("empty0", "a", false),
            ("a", "empty0", true),
        ];
        let mut flows: Vec<Flow> = cases.iter().map(|(f, t, _)| flow(f, t)).collect();
        mark_loops(&stages, &mut flows);
        for ((from, to, expected), flow) in cases.iter().zip(&flows) {
            assert_eq!(flow.is_loop, *expected, "{from} -> {to}");
        }
    }

    #[test]
    fn funnel_needs_two_consecutive_reaches() {
        let stages = [
            stage("a", &[], Some(12000)),
            stage("b", &[], Some(900)),
            stage("c", &[], None),
            stage("d", &[], Some(300)),
            stage("e", &[], Some(0)),
            stage("f", &[], Some(10)),
        ];
        let steps = funnel(&stages);
        assert_eq!(steps.len(), 2, "{steps:?}");
        assert_eq!((steps[0].conversion, steps[0].drop), (0.075, 0.925));
        assert_eq!(
            (steps[1].from.as_str(), steps[1].conversion, steps[1].drop),
            ("d", 0.0, 1.0)
        );
    }

    #[test]
    fn rounding_is_stable() {
        assert_eq!(round(900.0 / 12000.0, 4), 0.075);
        assert_eq!(round(1.0 - 0.075, 4), 0.925);
        assert_eq!(round(2.0 / 3.0, 2), 0.67);
        assert_eq!(round(-0.001, 2).to_string(), "0");
    }
}
