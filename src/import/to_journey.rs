//! A Mermaid journey diagram → journey-language text (cli.md "v1.1: `cjm
//! import`"): `title` → title, `accDescr` → description, each `section` → a
//! stage (tasks before any section go to a stage named after the title),
//! each task → a touchpoint, its actors → personas, its score 1–5 → an
//! emotion of score − 3 for each actor. The text is then put in canonical
//! form by `format`, the same printer `cjm fmt` uses.

use crate::diagnostic::{Diagnostic, Span};
use crate::syntax::strings::escape;

use super::ids::Ids;
use super::mermaid::{Diagram, Item, NOT_CARRIED, SCORE, SYNTAX, Task, Text};

/// What one diagram became.
pub(crate) struct Converted {
    pub title: String,
    /// Canonical `.journey` text.
    pub text: String,
}

/// A persona made from an actor's name.
struct Persona {
    id: String,
    name: String,
}

/// A stage being built: its label and its touchpoints.
struct Stage {
    label: String,
    tasks: Vec<Touchpoint>,
    /// Comments that came before the section line.
    comments: Vec<String>,
}

struct Touchpoint {
    name: String,
    /// (persona index, emotion score); `None`: no actor.
    emotions: Vec<(Option<usize>, i8)>,
    comments: Vec<String>,
}

pub(crate) fn convert(
    diagram: &Diagram,
    default_title: &str,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Converted> {
    let errors_before = diagnostics.iter().filter(|d| d.is_error()).count();
    let title = title(diagram, default_title, diagnostics);
    let mut ids = Ids::default();
    let mut personas: Vec<Persona> = Vec::new();
    let mut stages: Vec<Stage> = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    for item in &diagram.items {
        match item {
            Item::Comment(text) => pending.push(text.clone()),
            Item::Section(name) => stages.push(Stage {
                label: name.text.clone(),
                tasks: Vec::new(),
                comments: std::mem::take(&mut pending),
            }),
            Item::Task(task) => {
                let Some(score) = score(task, diagnostics) else {
                    continue;
                };
                if stages.is_empty() {
                    stages.push(Stage {
                        label: title.clone(),
                        tasks: Vec::new(),
                        comments: Vec::new(),
                    });
                }
                let actors = actors(task, &mut personas, &mut ids, diagnostics);
                if let Some(extra) = &task.extra {
                    diagnostics.push(
                        Diagnostic::warning(
                            NOT_CARRIED,
                            format!("`{}` after the actors is not carried over", extra.text),
                            extra.span,
                        )
                        .with_label("Mermaid ignores this too")
                        .with_help("a task is `name: score: actor, actor`"),
                    );
                }
                let stage = stages.last_mut().expect("a stage was just made");
                let emotions: Vec<(Option<usize>, i8)> = if actors.is_empty() {
                    vec![(None, score)]
                } else {
                    actors.iter().map(|&a| (Some(a), score)).collect()
                };
                // A touchpoint felt differently by two actors is written
                // as two tasks of the same name in a row (the way
                // `--format mermaid` writes it): one touchpoint again.
                if let Some(last) = stage.tasks.last_mut().filter(|last| {
                    pending.is_empty()
                        && last.name == task.name.text
                        && !actors.is_empty()
                        && last
                            .emotions
                            .iter()
                            .all(|(p, _)| p.is_some_and(|p| !actors.contains(&p)))
                }) {
                    last.emotions.extend(emotions);
                    continue;
                }
                stage.tasks.push(Touchpoint {
                    name: task.name.text.clone(),
                    emotions,
                    comments: std::mem::take(&mut pending),
                });
            }
        }
    }
    if diagnostics.iter().filter(|d| d.is_error()).count() > errors_before {
        return None;
    }
    let mut out = String::new();
    // The header `--format mermaid` writes lists what the diagram lacks:
    // stale once the journey is cjm's again.
    if !diagram
        .header
        .first()
        .is_some_and(|c| c.starts_with(super::mermaid::EXPORT_HEADER))
    {
        comments(&mut out, &diagram.header);
    }
    out.push_str(&format!("journey {} {{\n", escape(&title)));
    if let Some(descr) = &diagram.acc_descr {
        out.push_str(&format!("description {}\n", escape(&descr.text)));
    }
    for persona in &personas {
        out.push_str(&format!(
            "persona {} {}\n",
            persona.id,
            escape(&persona.name)
        ));
    }
    let several = personas.len() >= 2;
    for stage in &stages {
        comments(&mut out, &stage.comments);
        let id = ids.make(&stage.label, "stage");
        out.push_str(&format!("stage {id} {} {{\n", escape(&stage.label)));
        for touchpoint in &stage.tasks {
            comments(&mut out, &touchpoint.comments);
            let id = ids.make(&touchpoint.name, "touchpoint");
            out.push_str(&format!(
                "touchpoint {id} {} {{\n",
                escape(&touchpoint.name)
            ));
            for &(persona, score) in &touchpoint.emotions {
                match persona {
                    Some(p) => out.push_str(&format!("emotion {} {score}\n", personas[p].id)),
                    // With one persona an emotion without one is hers
                    // (language.md §3); written out, the text stays the
                    // same through an export and an import again.
                    None if personas.len() == 1 => {
                        out.push_str(&format!("emotion {} {score}\n", personas[0].id))
                    }
                    None if several => out.push_str(&format!(
                        "# Mermaid score {} for no actor: the journey has several personas\n",
                        score + 3
                    )),
                    None => out.push_str(&format!("emotion {score}\n")),
                }
            }
            out.push_str("}\n");
        }
        out.push_str("}\n");
    }
    comments(&mut out, &pending);
    out.push_str("}\n");
    let text = match crate::format::format(&out) {
        Ok(text) => text,
        Err(errors) => {
            // The text above is ours: failing to read it back is a bug,
            // reported instead of writing a broken file.
            diagnostics.push(Diagnostic::error(
                "cjm::internal",
                format!(
                    "the imported journey could not be read back: {}",
                    errors.first().map_or("", |e| e.message.as_str())
                ),
                Span::new(0, 0),
            ));
            return None;
        }
    };
    warn_actorless(diagram, several, diagnostics);
    Some(Converted { title, text })
}

fn comments(out: &mut String, comments: &[String]) {
    for comment in comments {
        out.push_str(&format!("# {comment}\n"));
    }
}

/// `title`, else the front matter's (already in `title`), else `accTitle`,
/// else the default.
fn title(diagram: &Diagram, default_title: &str, diagnostics: &mut Vec<Diagnostic>) -> String {
    match (&diagram.title, &diagram.acc_title) {
        (Some(title), Some(acc)) if acc.text != title.text => {
            diagnostics.push(
                Diagnostic::warning(
                    NOT_CARRIED,
                    "`accTitle` is not carried over: the journey's title is its `title`",
                    acc.span,
                )
                .with_secondary(title.span, "the title")
                .with_help("cjm writes the title as the SVG's accessible name"),
            );
            title.text.clone()
        }
        (Some(title), _) => title.text.clone(),
        (None, Some(acc)) => acc.text.clone(),
        (None, None) => default_title.to_string(),
    }
}

/// The emotion score (−2..=+2) of a task's Mermaid score (1..=5): clamped
/// and rounded with a warning; `None` (and an error) when not a number.
fn score(task: &Task, diagnostics: &mut Vec<Diagnostic>) -> Option<i8> {
    let Text { text, span } = &task.score;
    let Ok(value) = text.parse::<f64>() else {
        diagnostics.push(
            Diagnostic::error(
                SYNTAX,
                format!(
                    "the score `{text}` of task `{}` is not a number",
                    task.name.text
                ),
                *span,
            )
            .with_label("expected a score from 1 to 5")
            .with_help(format!("e.g. `{}: 3`", task.name.text)),
        );
        return None;
    };
    if !value.is_finite() {
        diagnostics.push(Diagnostic::error(
            SYNTAX,
            format!("the score `{text}` is not a number from 1 to 5"),
            *span,
        ));
        return None;
    }
    let clamped = value.clamp(1.0, 5.0);
    let rounded = clamped.round();
    if clamped != value {
        diagnostics.push(
            Diagnostic::warning(
                SCORE,
                format!("the score {text} is outside 1–5; it is imported as {rounded}"),
                *span,
            )
            .with_label("Mermaid's scores run from 1 to 5"),
        );
    } else if rounded != value {
        diagnostics.push(
            Diagnostic::warning(
                SCORE,
                format!("the score {text} is not whole; it is imported as {rounded}"),
                *span,
            )
            .with_label("emotions are whole numbers from -2 to +2"),
        );
    }
    Some(rounded as i8 - 3)
}

/// The task's actors as persona indices, new personas made on the way;
/// an actor named twice counts once, with a warning.
fn actors(
    task: &Task,
    personas: &mut Vec<Persona>,
    ids: &mut Ids,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let mut out = Vec::new();
    for actor in &task.actors {
        let name = actor.text.clone();
        let index = match personas.iter().position(|p| p.name == name) {
            Some(i) => i,
            None => {
                let id = ids.make(&name, "persona");
                personas.push(Persona { id, name });
                personas.len() - 1
            }
        };
        if out.contains(&index) {
            diagnostics.push(
                Diagnostic::warning(
                    NOT_CARRIED,
                    format!(
                        "`{}` is listed twice in this task; one emotion is kept",
                        actor.text
                    ),
                    actor.span,
                )
                .with_label("again"),
            );
            continue;
        }
        out.push(index);
    }
    out
}

/// With several personas an emotion must name one: a task without actors
/// keeps its score only in a comment.
fn warn_actorless(diagram: &Diagram, several: bool, diagnostics: &mut Vec<Diagnostic>) {
    if !several {
        return;
    }
    for item in &diagram.items {
        if let Item::Task(task) = item
            && task.actors.is_empty()
        {
            diagnostics.push(
                Diagnostic::warning(
                    NOT_CARRIED,
                    format!(
                        "task `{}` has no actor: its score is kept as a comment, not an emotion",
                        task.name.text
                    ),
                    task.name.span.join(task.score.span),
                )
                .with_label("no actor")
                .with_help(
                    "with several personas every emotion names one: add the actors after the score",
                ),
            );
        }
    }
}
