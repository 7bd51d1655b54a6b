//! The eight lints of language.md §6, run on a journey that resolved
//! without errors. Each returns warnings; `levels::apply` decides what
//! finally becomes of them.

use std::collections::BTreeSet;

use super::Sites;
use crate::diagnostic::{Diagnostic, Span};
use crate::model::{CustomEntry, Journey, LaneKind};

/// Every lint warning of the journey.
pub(crate) fn check(journey: &Journey, sites: &Sites) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    missing_persona(journey, sites, &mut out);
    empty_stage(journey, sites, &mut out);
    touchpoints(journey, sites, &mut out);
    unaddressed_pain(journey, sites, &mut out);
    unused_definition(journey, sites, &mut out);
    open_journey(journey, sites, &mut out);
    funnel_increase(journey, sites, &mut out);
    out
}

fn lint(name: &str, message: String, span: Span) -> Diagnostic {
    Diagnostic::warning(&format!("cjm::{name}"), message, span)
}

fn id_span(sites: &Sites, id: &str) -> Span {
    sites.ids.get(id).copied().unwrap_or(sites.journey)
}

fn missing_persona(journey: &Journey, sites: &Sites, out: &mut Vec<Diagnostic>) {
    if journey.personas.is_empty() {
        out.push(
            lint(
                "missing-persona",
                "the journey has no persona".to_string(),
                sites.journey,
            )
            .with_label("whose journey is this?")
            .with_help(
                "a journey map is drawn from one customer's point of view: add \
                 `persona michal \"Michal\" { goal \"…\" }` and give emotions to it",
            ),
        );
    }
}

fn empty_stage(journey: &Journey, sites: &Sites, out: &mut Vec<Diagnostic>) {
    for stage in journey.stages.iter().filter(|s| s.touchpoints.is_empty()) {
        out.push(
            lint(
                "empty-stage",
                format!("stage `{}` has no touchpoint", stage.id),
                id_span(sites, &stage.id),
            )
            .with_label("no touchpoint")
            .with_help(
                "a gap between touchpoints is where customers drop: add a \
                 `touchpoint ID \"Label\"` to this stage",
            ),
        );
    }
}

/// `no-owner` and `missing-emotion`, both about single touchpoints.
fn touchpoints(journey: &Journey, sites: &Sites, out: &mut Vec<Diagnostic>) {
    for stage in &journey.stages {
        for tp in &stage.touchpoints {
            // Looked up only for a warning: most touchpoints have none.
            let span = || id_span(sites, &tp.id);
            if tp.owners.is_empty() {
                out.push(
                    lint(
                        "no-owner",
                        format!("touchpoint `{}` has no owner", tp.id),
                        span(),
                    )
                    .with_label("nobody owns this")
                    .with_help(format!(
                        "say which team moves the customer on: `owner TEAM` in this \
                             touchpoint or in stage `{}`",
                        stage.id
                    )),
                );
            }
            if tp.emotions.is_empty() {
                out.push(
                    lint(
                        "missing-emotion",
                        format!("touchpoint `{}` has no emotion", tp.id),
                        span(),
                    )
                    .with_label("how does the customer feel here?")
                    .with_help(
                        "add `emotion SCORE \"Label\"` (-2 very negative … +2 very \
                         positive) so the emotion curve has no hole",
                    ),
                );
            }
        }
    }
}

fn unaddressed_pain(journey: &Journey, sites: &Sites, out: &mut Vec<Diagnostic>) {
    let mut places = Vec::new();
    for stage in &journey.stages {
        places.push(("stage", &stage.id, &stage.pains, &stage.opportunities));
        for tp in &stage.touchpoints {
            places.push(("touchpoint", &tp.id, &tp.pains, &tp.opportunities));
        }
    }
    for (kind, id, pains, opportunities) in places {
        if pains.is_empty() || !opportunities.is_empty() {
            continue;
        }
        let span = sites
            .pains
            .get(id.as_str())
            .copied()
            .unwrap_or_else(|| id_span(sites, id));
        out.push(
            lint(
                "unaddressed-pain",
                format!("{kind} `{id}` has a pain but no opportunity"),
                span,
            )
            .with_label("this pain has no answer")
            .with_help(format!(
                "add `opportunity \"…\"` to {kind} `{id}`: the improvement this pain suggests"
            )),
        );
    }
}

fn unused_definition(journey: &Journey, sites: &Sites, out: &mut Vec<Diagnostic>) {
    let mut owners = BTreeSet::new();
    let mut channels = BTreeSet::new();
    // A lane is used by an entry or by naming it in `lanes`.
    let mut lanes: BTreeSet<&str> = journey
        .lane_order
        .iter()
        .flatten()
        .map(String::as_str)
        .collect();
    for stage in &journey.stages {
        owners.extend(stage.owners.iter().map(String::as_str));
        lanes.extend(stage.lane_texts.custom.iter().map(entry_lane));
        for tp in &stage.touchpoints {
            owners.extend(tp.owners.iter().map(String::as_str));
            channels.extend(tp.channel.as_deref());
            lanes.extend(tp.lane_texts.custom.iter().map(entry_lane));
        }
    }
    let teams = journey
        .teams
        .iter()
        .map(|t| ("team", &t.id, owners.contains(t.id.as_str()), None));
    let chans = journey
        .channels
        .iter()
        .map(|c| ("channel", &c.id, channels.contains(c.id.as_str()), None));
    let custom = journey
        .lanes
        .iter()
        .map(|l| ("lane", &l.id, lanes.contains(l.id.as_str()), Some(l)));
    for (kind, id, used, lane) in teams.chain(chans).chain(custom) {
        if used {
            continue;
        }
        let help = match kind {
            "team" => format!("use it in a stage or touchpoint with `owner {id}`, or remove it"),
            "channel" => {
                format!("use it in a stage or touchpoint with `channel {id}`, or remove it")
            }
            _ => match lane {
                Some(lane) if lane.kind == LaneKind::Score => format!(
                    "score touchpoints in it with `lane {id} {}`, or remove it",
                    lane.max.unwrap_or(1.0)
                ),
                _ => {
                    format!("fill it in a stage or touchpoint with `lane {id} \"…\"`, or remove it")
                }
            },
        };
        out.push(
            lint(
                "unused-definition",
                format!("{kind} `{id}` is never used"),
                id_span(sites, id),
            )
            .with_label("defined but unused")
            .with_help(help),
        );
    }
}

fn entry_lane(entry: &CustomEntry) -> &str {
    match entry {
        CustomEntry::Text { lane, .. } | CustomEntry::Score { lane, .. } => lane,
    }
}

fn open_journey(journey: &Journey, sites: &Sites, out: &mut Vec<Diagnostic>) {
    if journey.flows.iter().any(|f| f.is_loop) {
        return;
    }
    let last = journey.touchpoints().last().map(|t| t.id.as_str());
    let first = journey.stages.first().map(|s| s.id.as_str());
    let example = match (last, first) {
        (Some(last), Some(first)) => format!(", e.g. `flow {last} -> {first} \"Comes back\"`"),
        _ => String::new(),
    };
    out.push(
        lint(
            "open-journey",
            "no flow leads back to an earlier point: the journey is not circular".to_string(),
            sites.journey,
        )
        .with_label("this journey ends")
        .with_help(format!(
            "returning customers and referrals belong on the map: add a flow to an earlier \
             stage or touchpoint{example}"
        )),
    );
}

fn funnel_increase(journey: &Journey, sites: &Sites, out: &mut Vec<Diagnostic>) {
    for pair in journey.stages.windows(2) {
        let (prev, next) = (&pair[0], &pair[1]);
        let (Some(before), Some(after)) = (prev.reach, next.reach) else {
            continue;
        };
        if after <= before {
            continue;
        }
        let span = sites
            .reach
            .get(next.id.as_str())
            .copied()
            .unwrap_or_else(|| id_span(sites, &next.id));
        let mut diagnostic = lint(
            "funnel-increase",
            format!(
                "stage `{}` reaches {after} customers, more than the {before} of stage `{}` before it",
                next.id, prev.id
            ),
            span,
        )
        .with_label("more than the stage before")
        .with_help(
            "a funnel narrows: check both figures, or reorder the stages if this one comes earlier",
        );
        if let Some(prev_span) = sites.reach.get(prev.id.as_str()) {
            diagnostic = diagnostic.with_secondary(*prev_span, "the previous stage's reach");
        }
        out.push(diagnostic);
    }
}
