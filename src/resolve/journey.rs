//! The journey block: its own statements, personas, teams, channels and
//! flows. Stages and touchpoints are in `stage.rs`.

use std::collections::BTreeMap;

use super::resolver::Resolver;
use super::symbols::{Kind, closest};
use super::values;
use crate::diagnostic::{Diagnostic, Span};
use crate::lint::{LINTS, Level};
use crate::model::{self, ChannelMode, Direction};
use crate::syntax::ast::{self, JourneyStmt, PersonaStmt, Stmt, Word};

/// What the journey block says, before the computed parts.
#[derive(Default)]
pub(crate) struct Parts {
    pub title: String,
    pub description: Option<String>,
    pub lang: Option<String>,
    /// `ltr`, `rtl`, or `None` for `auto` or nothing written.
    pub direction: Option<Direction>,
    pub personas: Vec<model::Persona>,
    pub teams: Vec<model::Team>,
    pub channels: Vec<model::Channel>,
    pub stages: Vec<model::Stage>,
    /// Flow edges whose ends resolved; `loop` is filled in later.
    pub flows: Vec<model::Flow>,
    /// Custom lanes in definition order, and the `lanes` statement.
    pub lanes: Vec<model::Lane>,
    pub lane_order: Option<Vec<String>>,
    pub levels: BTreeMap<String, Level>,
}

impl<'a> Resolver<'a> {
    /// (The tree's strings are taken, not copied.)
    pub(crate) fn journey(&mut self, journey: &mut ast::Journey) -> Parts {
        let mut parts = Parts {
            title: journey.title.as_mut().map(take).unwrap_or_default(),
            ..Parts::default()
        };
        self.sites.journey = journey.keyword;
        parts.lanes = self.lane_defs(journey);
        let (mut lang, mut direction, mut description, mut lanes) = (None, None, None, None);
        let mut has_stage = false;
        for stmt in &mut journey.body {
            match &mut stmt.kind {
                JourneyStmt::Lang(word) => {
                    if self.once(&mut lang, stmt.span, "lang", "journey") {
                        self.lang(word);
                        parts.lang = Some(word.text.clone());
                    }
                }
                JourneyStmt::Direction(word) => {
                    if self.once(&mut direction, stmt.span, "direction", "journey") {
                        parts.direction = self.direction(word);
                    }
                }
                JourneyStmt::Description(s) => {
                    if self.once(&mut description, stmt.span, "description", "journey") {
                        parts.description = Some(take(s));
                    }
                }
                JourneyStmt::Allow(words) => {
                    self.lint_levels(words, Level::Allow, &mut parts.levels)
                }
                JourneyStmt::Deny(words) => self.lint_levels(words, Level::Deny, &mut parts.levels),
                JourneyStmt::Persona(p) => {
                    let persona = self.persona(p);
                    parts.personas.push(persona);
                }
                JourneyStmt::Team(t) => parts.teams.push(model::Team {
                    id: t.id.text.clone(),
                    label: label_or_id(&mut t.label, &t.id),
                }),
                JourneyStmt::Channel(c) => {
                    let mode = c.mode.as_ref().and_then(|m| self.channel_mode(m));
                    parts.channels.push(model::Channel {
                        id: c.id.text.clone(),
                        label: label_or_id(&mut c.label, &c.id),
                        mode,
                    });
                }
                JourneyStmt::Stage(s) => {
                    has_stage = true;
                    let stage = self.stage(s);
                    parts.stages.push(stage);
                }
                JourneyStmt::Flow(f) => self.flow(f, &mut parts.flows),
                // Read first, by `lane_defs`.
                JourneyStmt::Lane(_) => {}
                JourneyStmt::Lanes(names) => {
                    if self.once(&mut lanes, stmt.span, "lanes", "journey") {
                        parts.lane_order = Some(self.lane_order(names));
                    }
                }
            }
        }
        if !has_stage && !self.maybe_stage {
            self.diags.push(
                Diagnostic::error(
                    "cjm::no-stages",
                    "the journey has no stage",
                    journey.keyword,
                )
                .with_label("this journey has no stage")
                .with_help(
                    "stages are the columns of the map: add one, e.g. \
                         `stage awareness \"Awareness\" { touchpoint ad \"Ad\" }`",
                ),
            );
        }
        parts
    }

    fn lang(&mut self, word: &Word) {
        if let Some(problem) = values::lang_problem(&word.text) {
            self.diags.push(
                Diagnostic::error(
                    "cjm::invalid-value",
                    format!("`{}` is not a BCP 47 language tag", word.text),
                    word.span,
                )
                .with_label("not a language tag")
                .with_help(format!(
                    "{problem}; e.g. `lang en`, `lang he` or `lang ar-EG`"
                )),
            );
        }
    }

    fn direction(&mut self, word: &Word) -> Option<Direction> {
        match word.text.as_str() {
            "ltr" => Some(Direction::Ltr),
            "rtl" => Some(Direction::Rtl),
            "auto" => None,
            other => {
                self.diags.push(
                    Diagnostic::error(
                        "cjm::invalid-value",
                        format!("`{other}` is not a direction"),
                        word.span,
                    )
                    .with_label("expected `ltr`, `rtl` or `auto`")
                    .with_help("write `direction ltr`, `direction rtl`, or `direction auto` to follow `lang` and the text"),
                );
                None
            }
        }
    }

    fn channel_mode(&mut self, word: &Word) -> Option<ChannelMode> {
        match word.text.as_str() {
            "online" => Some(ChannelMode::Online),
            "offline" => Some(ChannelMode::Offline),
            other => {
                self.diags.push(
                    Diagnostic::error(
                        "cjm::invalid-value",
                        format!("`{other}` is not a channel mode"),
                        word.span,
                    )
                    .with_label("expected `online` or `offline`")
                    .with_help("a channel is `online` or `offline`, or leave the mode out"),
                );
                None
            }
        }
    }

    fn lint_levels(&mut self, words: &[Word], level: Level, levels: &mut BTreeMap<String, Level>) {
        for word in words {
            let name = word.text.strip_prefix("cjm::").unwrap_or(&word.text);
            if LINTS.contains(&name) {
                // A later statement about the same lint wins.
                levels.insert(name.to_string(), level);
                continue;
            }
            let help = match closest(name, LINTS.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => format!("the lints are: {}", LINTS.join(", ")),
            };
            self.diags.push(
                Diagnostic::error(
                    "cjm::invalid-value",
                    format!("unknown lint `{}`", word.text),
                    word.span,
                )
                .with_label("not a lint")
                .with_help(help),
            );
        }
    }

    fn persona(&mut self, p: &mut ast::Persona) -> model::Persona {
        let mut persona = model::Persona {
            id: p.id.text.clone(),
            label: label_or_id(&mut p.label, &p.id),
            description: None,
            goals: Vec::new(),
            needs: Vec::new(),
            frustrations: Vec::new(),
            quote: None,
        };
        let (mut description, mut quote) = (None, None);
        for stmt in p.body.iter_mut().flatten() {
            let Stmt { kind, span, .. } = stmt;
            match kind {
                PersonaStmt::Description(s) => {
                    if self.once(&mut description, *span, "description", "persona") {
                        persona.description = Some(take(s));
                    }
                }
                PersonaStmt::Goal(s) => persona.goals.push(take(s)),
                PersonaStmt::Need(s) => persona.needs.push(take(s)),
                PersonaStmt::Frustration(s) => persona.frustrations.push(take(s)),
                PersonaStmt::Quote(s) => {
                    if self.once(&mut quote, *span, "quote", "persona") {
                        persona.quote = Some(take(s));
                    }
                }
            }
        }
        persona
    }

    fn flow(&mut self, flow: &ast::Flow, out: &mut Vec<model::Flow>) {
        let kinds = [Kind::Stage, Kind::Touchpoint];
        let ok: Vec<bool> = flow
            .points
            .iter()
            .map(|p| self.reference(p, &kinds, "flow"))
            .collect();
        for (i, pair) in flow.points.windows(2).enumerate() {
            let (from, to) = (&pair[0], &pair[1]);
            if from.text == to.text {
                self.diags.push(
                    Diagnostic::error(
                        "cjm::self-flow",
                        format!("a flow from `{}` to itself", from.text),
                        Span::join(from.span, to.span),
                    )
                    .with_label("this edge goes nowhere")
                    .with_help(
                        "a flow moves the customer on: remove this edge or name another point",
                    ),
                );
                continue;
            }
            if ok[i] && ok[i + 1] {
                out.push(model::Flow {
                    from: from.text.clone(),
                    to: to.text.clone(),
                    label: flow.label.as_ref().map(|l| l.value.clone()),
                    is_loop: false,
                });
            }
        }
    }
}

/// The label, taken from the tree, or a copy of the ID.
pub(crate) fn label_or_id(label: &mut Option<ast::Str>, id: &Word) -> String {
    label
        .take()
        .map_or_else(|| id.text.clone(), |label| label.value)
}

/// A string's value, taken from the tree (which is not read after).
pub(crate) fn take(s: &mut ast::Str) -> String {
    std::mem::take(&mut s.value)
}
