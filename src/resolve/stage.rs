//! Stages and their touchpoints.

use std::borrow::Cow;

use super::journey::{label_or_id, take};
use super::lanes::BlueprintTexts;
use super::resolver::Resolver;
use super::symbols::{Kind, id_key};
use super::values;
use crate::diagnostic::{Diagnostic, Span};
use crate::model;
use crate::syntax::ast::{self, StageStmt, TouchpointStmt, Word};

impl<'a> Resolver<'a> {
    pub(crate) fn stage(&mut self, s: &mut ast::Stage) -> model::Stage {
        let key = id_key(self.src, &s.id);
        let mut stage = model::Stage {
            id: s.id.text.clone(),
            label: label_or_id(&mut s.label, &s.id),
            description: None,
            owners: Vec::new(),
            reach: None,
            metrics: Vec::new(),
            pains: Vec::new(),
            opportunities: Vec::new(),
            insights: Vec::new(),
            lane_texts: Default::default(),
            emotion_average: None,
            touchpoints: Vec::new(),
        };
        let (mut description, mut reach) = (None, None);
        // Touchpoints without an owner of their own, filled in once the
        // stage's owners are known (they may be written after them).
        let mut inherit = Vec::new();
        for stmt in &mut s.body {
            match &mut stmt.kind {
                StageStmt::Description(d) => {
                    if self.once(&mut description, stmt.span, "description", "stage") {
                        stage.description = Some(take(d));
                    }
                }
                StageStmt::Owner(words) => self.owners(words, &mut stage.owners),
                StageStmt::Reach(n) => {
                    if self.once(&mut reach, stmt.span, "reach", "stage") {
                        stage.reach = self.reach(n);
                        self.sites.reach.insert(key.clone(), stmt.span);
                    }
                }
                StageStmt::Metric(m) => stage.metrics.extend(self.metric(m)),
                StageStmt::Pain(p) => {
                    if !self.sites.pains.contains_key(&key) {
                        self.sites.pains.insert(key.clone(), stmt.span);
                    }
                    stage.pains.push(take(p));
                }
                StageStmt::Opportunity(o) => stage.opportunities.push(take(o)),
                StageStmt::Insight(i) => stage.insights.push(take(i)),
                StageStmt::Blueprint(lane, text) => stage.lane_texts.push(*lane, take(text)),
                StageStmt::Lane(entry) => {
                    let entry = self.lane_entry(entry, stmt.span, None);
                    stage.lane_texts.custom.extend(entry);
                }
                StageStmt::Touchpoint(t) => {
                    let (tp, own_owner) = self.touchpoint(t, stmt.keyword);
                    if !own_owner {
                        inherit.push(stage.touchpoints.len());
                    }
                    stage.touchpoints.push(tp);
                }
            }
        }
        // Each index was the length just before its push: always in range.
        for i in inherit {
            stage.touchpoints[i].owners = stage.owners.clone();
        }
        stage
    }

    /// The touchpoint, and whether it names owners of its own.
    fn touchpoint(&mut self, t: &mut ast::Touchpoint, keyword: Span) -> (model::Touchpoint, bool) {
        let mut tp = model::Touchpoint {
            id: t.id.text.clone(),
            label: label_or_id(&mut t.label, &t.id),
            description: None,
            channel: None,
            owners: Vec::new(),
            actions: Vec::new(),
            thoughts: Vec::new(),
            emotions: Vec::new(),
            pains: Vec::new(),
            opportunities: Vec::new(),
            insights: Vec::new(),
            lane_texts: Default::default(),
            moment_of_truth: None,
            reach: None,
            metrics: Vec::new(),
            link: None,
            span: self.position(keyword.start),
        };
        let mut own_owner = false;
        let (mut description, mut channel, mut moment, mut reach, mut link) =
            (None, None, None, None, None);
        // The first emotion of each persona (`None`: no persona); a few
        // at most, so a list.
        let mut emotions: Vec<(Option<Cow<'a, str>>, Span)> = Vec::new();
        let mut scores = Default::default();
        const BLOCK: &str = "touchpoint";
        for stmt in t.body.iter_mut().flatten() {
            let at = stmt.span;
            match &mut stmt.kind {
                TouchpointStmt::Description(d) => {
                    if self.once(&mut description, at, "description", BLOCK) {
                        tp.description = Some(take(d));
                    }
                }
                TouchpointStmt::Channel(word) => {
                    if self.once(&mut channel, at, "channel", BLOCK)
                        && self.reference(word, &[Kind::Channel], "channel")
                    {
                        tp.channel = Some(std::mem::take(&mut word.text));
                    }
                }
                TouchpointStmt::Owner(words) => {
                    own_owner = true;
                    self.owners(words, &mut tp.owners);
                }
                TouchpointStmt::Action(s) => tp.actions.push(take(s)),
                TouchpointStmt::Thought(s) => tp.thoughts.push(take(s)),
                TouchpointStmt::Emotion(e) => {
                    if let Some(emotion) = self.emotion(e, at, &mut emotions) {
                        tp.emotions.push(emotion);
                    }
                }
                TouchpointStmt::Pain(s) => {
                    let key = id_key(self.src, &t.id);
                    self.sites.pains.entry(key).or_insert(at);
                    tp.pains.push(take(s));
                }
                TouchpointStmt::Opportunity(s) => tp.opportunities.push(take(s)),
                TouchpointStmt::Insight(s) => tp.insights.push(take(s)),
                TouchpointStmt::MomentOfTruth(note) => {
                    if self.once(&mut moment, at, "moment_of_truth", BLOCK) {
                        tp.moment_of_truth = Some(model::MomentOfTruth {
                            note: note.as_mut().map(take),
                        });
                    }
                }
                TouchpointStmt::Reach(n) => {
                    if self.once(&mut reach, at, "reach", BLOCK) {
                        tp.reach = self.reach(n);
                    }
                }
                TouchpointStmt::Metric(m) => tp.metrics.extend(self.metric(m)),
                TouchpointStmt::Link(s) => {
                    if self.once(&mut link, at, "link", BLOCK) {
                        tp.link = self.link(s);
                    }
                }
                TouchpointStmt::Blueprint(lane, text) => tp.lane_texts.push(*lane, take(text)),
                TouchpointStmt::Lane(entry) => {
                    let entry = self.lane_entry(entry, at, Some(&mut scores));
                    tp.lane_texts.custom.extend(entry);
                }
            }
        }
        (tp, own_owner)
    }

    /// Adds the resolvable teams of an `owner` statement, once each.
    fn owners(&mut self, words: &[Word], owners: &mut Vec<String>) {
        for word in words {
            if self.reference(word, &[Kind::Team], "owner") && !owners.contains(&word.text) {
                owners.push(word.text.clone());
            }
        }
    }

    fn metric(&mut self, m: &ast::Metric) -> Option<model::Metric> {
        self.metric_value(&m.value).then(|| model::Metric {
            name: m.name.text.clone(),
            value: m.value.value,
            unit: m.value.percent.then(|| "%".to_string()),
        })
    }

    fn link(&mut self, s: &ast::Str) -> Option<String> {
        match values::link_problem(&s.value) {
            None => Some(values::encode_link(s.value.trim())),
            Some(problem) => {
                self.diags.push(
                    Diagnostic::error(
                        "cjm::unsafe-link",
                        format!("unsafe link: {problem}"),
                        s.span,
                    )
                    .with_label("not an http, https or mailto link")
                    .with_help(
                        "write a full web address, e.g. `link \"https://example.com/page\"`",
                    ),
                );
                None
            }
        }
    }

    fn emotion(
        &mut self,
        e: &mut ast::Emotion,
        at: Span,
        seen: &mut Vec<(Option<Cow<'a, str>>, Span)>,
    ) -> Option<model::Emotion> {
        let score = self.score(&e.score);
        let persona = match &e.persona {
            Some(word) => {
                if !self.reference(word, &[Kind::Persona], "emotion") {
                    return None;
                }
                Some(id_key(self.src, word))
            }
            None if self.personas_defined() >= 2 => {
                let first = self.personas.first().map_or("persona", |p| &**p);
                self.diags.push(
                    Diagnostic::error(
                        "cjm::persona-required",
                        format!(
                            "this emotion needs a persona: the journey has {} personas",
                            self.personas_defined()
                        ),
                        at,
                    )
                    .with_label("whose emotion?")
                    .with_help(format!(
                        "name the persona before the score, e.g. `emotion {first} {}`",
                        e.score.raw
                    )),
                );
                return None;
            }
            // With one persona the emotion is hers; with none it is no one's.
            // (`personas`, gathered once: scanning every symbol for each
            // emotion made large journeys quadratic.)
            None => self.personas.first().cloned(),
        };
        if let Some(&(_, first)) = seen.iter().find(|(p, _)| *p == persona) {
            let message = match &persona {
                Some(p) => format!("persona `{p}` has two emotions in this touchpoint"),
                None => "this touchpoint has two emotions".to_string(),
            };
            self.duplicate(first, at, message, "emotion");
            return None;
        }
        let owned = persona.as_ref().map(|p| p.to_string());
        seen.push((persona, at));
        Some(model::Emotion {
            persona: owned,
            score: score?,
            label: e.label.as_mut().map(take),
        })
    }

    fn score(&mut self, num: &ast::Num) -> Option<i8> {
        let whole = num.integer && !num.percent && num.value.fract() == 0.0;
        if whole && (-2.0..=2.0).contains(&num.value) {
            return Some(num.value as i8);
        }
        let message = if whole {
            format!("emotion score `{}` is outside -2..+2", num.raw)
        } else {
            format!("emotion score `{}` is not a whole number", num.raw)
        };
        self.diags.push(
            Diagnostic::error("cjm::emotion-range", message, num.span)
                .with_label("expected -2, -1, 0, 1 or 2")
                .with_help("scores run from -2 (very negative) to +2 (very positive)"),
        );
        None
    }

    fn personas_defined(&self) -> usize {
        self.personas.len()
    }
}
