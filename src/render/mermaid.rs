//! The model → a Mermaid `journey` diagram (cli.md "v1.1: … the Mermaid
//! format"): stages → sections, touchpoints → tasks, each persona with an
//! emotion on a touchpoint → an actor, score + 3. Lossy by nature: what
//! Mermaid cannot show is listed in a `%%` comment at the top, with counts.
//!
//! Mermaid gives a task one score for all its actors, so a touchpoint where
//! personas feel differently becomes one task per score, in a row and of
//! the same name (`cjm import mermaid` reads them back as one touchpoint).

use std::fmt::Write as _;

use crate::model::{Journey, Touchpoint};

pub(crate) fn write(journey: &Journey) -> String {
    let mut out = String::new();
    let replaced = std::cell::Cell::new(false);
    let clean = |text: &str, name: bool| {
        let (text, changed) = mermaid_text(text, name);
        replaced.set(replaced.get() | changed);
        text
    };
    let mut body = String::new();
    body.push_str("journey\n");
    let _ = writeln!(body, "  title {}", clean(&journey.title, false));
    if let Some(description) = &journey.description {
        if description.contains('\n') {
            let _ = writeln!(body, "  accDescr {{");
            for line in description.lines() {
                replaced.set(replaced.get() | line.contains('}'));
                let _ = writeln!(
                    body,
                    "    {}",
                    line.replace('}', &look_alike('}').to_string())
                );
            }
            let _ = writeln!(body, "  }}");
        } else {
            let _ = writeln!(body, "  accDescr: {description}");
        }
    }
    let mut without_emotion = 0;
    for stage in &journey.stages {
        let _ = writeln!(body, "  section {}", clean(&stage.label, true));
        for touchpoint in &stage.touchpoints {
            let name = task_name(clean(&touchpoint.label, true));
            let tasks = tasks(journey, touchpoint);
            if tasks.is_empty() {
                without_emotion += 1;
                let _ = writeln!(body, "    {name}: 3");
            }
            for (score, actors) in tasks {
                let actors: Vec<String> = actors
                    .iter()
                    .map(|a| {
                        // `,` separates actors.
                        replaced.set(replaced.get() | a.contains(','));
                        clean(&a.replace(',', &look_alike(',').to_string()), true)
                    })
                    .collect();
                if actors.is_empty() {
                    let _ = writeln!(body, "    {name}: {score}");
                } else {
                    let _ = writeln!(body, "    {name}: {score}: {}", actors.join(", "));
                }
            }
        }
    }
    let lost = lost(journey, without_emotion, replaced.get());
    out.push_str("%% ");
    out.push_str(crate::import::EXPORT_HEADER);
    out.push_str(" \"");
    out.push_str(&journey.title.replace('\n', " "));
    out.push_str("\".\n");
    if lost.is_empty() {
        out.push_str("%% Everything in the journey is shown.\n");
    } else {
        out.push_str("%% Mermaid's journey cannot show:\n");
        for line in lost {
            let _ = writeln!(out, "%%   - {line}");
        }
    }
    out.push_str(&body);
    out
}

/// The touchpoint's tasks: (Mermaid score, actor names), one per distinct
/// score, in the order the personas' emotions were written.
fn tasks<'a>(journey: &'a Journey, touchpoint: &'a Touchpoint) -> Vec<(i8, Vec<&'a str>)> {
    let mut tasks: Vec<(i8, Vec<&str>)> = Vec::new();
    for emotion in &touchpoint.emotions {
        let score = emotion.score + 3;
        let actor = emotion.persona.as_deref().map(|id| {
            journey
                .personas
                .iter()
                .find(|p| p.id == id)
                .map_or(id, |p| p.label.as_str())
        });
        let at = match tasks.iter().position(|(s, _)| *s == score) {
            Some(i) => i,
            None => {
                tasks.push((score, Vec::new()));
                tasks.len() - 1
            }
        };
        tasks[at].1.extend(actor);
    }
    tasks
}

/// A task name that Mermaid's lexer would read as a keyword (`title …`,
/// `section …`, `journey…`, `acc…`, a `%%` comment) starts with a
/// zero-width space, which it does not skip as blank and no reader sees.
fn task_name(name: String) -> String {
    let lower = name.to_lowercase();
    let keyword = ["title", "section"].iter().any(|k| {
        lower
            .strip_prefix(k)
            .is_some_and(|rest| rest.starts_with(char::is_whitespace))
    }) || ["journey", "acctitle", "accdescr", "%%"]
        .iter()
        .any(|k| lower.starts_with(k));
    if keyword {
        format!("\u{200B}{name}")
    } else {
        name
    }
}

/// Text as Mermaid can hold it on one line: `#` and `;` (and `:` in names)
/// end a Mermaid token, so they are written as look-alike characters; a
/// newline becomes a space. Returns whether anything was replaced.
fn mermaid_text(text: &str, name: bool) -> (String, bool) {
    let mut changed = false;
    let out: String = text
        .chars()
        .map(|c| {
            let replacement = match c {
                '#' | ';' => look_alike(c),
                ':' if name => look_alike(c),
                '\n' | '\r' | '\t' => ' ',
                c => c,
            };
            changed |= replacement != c;
            replacement
        })
        .collect();
    (out.trim().to_string(), changed)
}

/// The character written for `c`, which would end a Mermaid token; `cjm
/// import mermaid` reads it back as `c`.
fn look_alike(c: char) -> char {
    crate::import::LOOK_ALIKES
        .iter()
        .find(|(original, _)| *original == c)
        .map_or(c, |(_, look_alike)| *look_alike)
}

/// What the journey holds and the diagram does not, as `what (count)`.
fn lost(journey: &Journey, without_emotion: usize, replaced: bool) -> Vec<String> {
    let touchpoints = || journey.stages.iter().flat_map(|s| &s.touchpoints);
    let mut lost = Vec::new();
    let mut count = |what: &str, n: usize| {
        if n > 0 {
            lost.push(format!("{what} ({n})"));
        }
    };
    count("channels", journey.channels.len());
    count("teams", journey.teams.len());
    let details = journey
        .personas
        .iter()
        .filter(|p| {
            p.description.is_some()
                || !p.goals.is_empty()
                || !p.needs.is_empty()
                || !p.frustrations.is_empty()
                || p.quote.is_some()
        })
        .count();
    count(
        "persona descriptions, goals, needs, frustrations and quotes",
        details,
    );
    count(
        "stage descriptions",
        journey
            .stages
            .iter()
            .filter(|s| s.description.is_some())
            .count(),
    );
    count(
        "touchpoint descriptions",
        touchpoints().filter(|t| t.description.is_some()).count(),
    );
    count("actions", touchpoints().map(|t| t.actions.len()).sum());
    count("thoughts", touchpoints().map(|t| t.thoughts.len()).sum());
    count(
        "emotion labels",
        touchpoints()
            .flat_map(|t| &t.emotions)
            .filter(|e| e.label.is_some())
            .count(),
    );
    let stage_and_touchpoint = |f: fn(&crate::model::Stage) -> usize,
                                g: fn(&Touchpoint) -> usize| {
        journey
            .stages
            .iter()
            .map(|s| f(s) + s.touchpoints.iter().map(g).sum::<usize>())
            .sum::<usize>()
    };
    count(
        "pains",
        stage_and_touchpoint(|s| s.pains.len(), |t| t.pains.len()),
    );
    count(
        "opportunities",
        stage_and_touchpoint(|s| s.opportunities.len(), |t| t.opportunities.len()),
    );
    count(
        "insights",
        stage_and_touchpoint(|s| s.insights.len(), |t| t.insights.len()),
    );
    count(
        "moments of truth",
        touchpoints()
            .filter(|t| t.moment_of_truth.is_some())
            .count(),
    );
    count(
        "reach figures",
        stage_and_touchpoint(
            |s| s.reach.is_some() as usize,
            |t| t.reach.is_some() as usize,
        ),
    );
    count(
        "metrics",
        stage_and_touchpoint(|s| s.metrics.len(), |t| t.metrics.len()),
    );
    count("links", touchpoints().filter(|t| t.link.is_some()).count());
    count("flows", journey.flows.len());
    count("custom lanes", journey.lanes.len());
    count(
        "service blueprint and custom lane entries",
        stage_and_touchpoint(
            |s| lane_entries(&s.lane_texts),
            |t| lane_entries(&t.lane_texts),
        ),
    );
    if without_emotion > 0 {
        lost.push(format!(
            "touchpoints without an emotion ({without_emotion}): drawn at the neutral score 3"
        ));
    }
    if replaced {
        lost.push(format!(
            "characters Mermaid reads as syntax (`#`, `;`, `:` in names, `,` in actor names, `}}` \
             in the description): written as look-alikes ({})",
            crate::import::LOOK_ALIKES
                .map(|(_, l)| l.to_string())
                .join(" ")
        ));
    }
    lost
}

fn lane_entries(texts: &crate::model::LaneTexts) -> usize {
    texts.evidence.len()
        + texts.frontstage.len()
        + texts.backstage.len()
        + texts.support.len()
        + texts.custom.len()
}
