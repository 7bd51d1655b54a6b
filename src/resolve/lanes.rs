//! Custom lanes (language.md §9): their definitions, the `lanes`
//! statement, and the `lane REF …` entries of stages and touchpoints.

use std::borrow::Cow;
use std::collections::HashMap;

use super::journey::{label_or_id, take};
use super::resolver::Resolver;
use super::symbols::{Kind, closest, id_key};
use crate::diagnostic::{Diagnostic, Span};
use crate::model::{self, BUILTIN_LANES, CustomEntry, LaneKind};
use crate::syntax::ast::{self, JourneyStmt, LaneValue, Num, Word};

/// What an entry needs to know about its lane.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LaneSpec {
    pub kind: LaneKind,
    /// A score lane's MIN and MAX; `None` for a text lane, or when the
    /// scale is wrong (already reported: entries are then not checked
    /// against it).
    pub scale: Option<(f64, f64)>,
    /// Its ID where it is defined.
    pub span: Span,
}

/// The first score given to each lane in one touchpoint, for
/// `duplicate-property` (only looked up: its order never shows).
pub(crate) type Scores<'a> = HashMap<Cow<'a, str>, Span>;

impl<'a> Resolver<'a> {
    /// Every custom lane, in definition order (the first of an ID given
    /// twice). Read before the rest of the journey: entries may come
    /// before their lane's definition.
    pub(crate) fn lane_defs(&mut self, journey: &mut ast::Journey) -> Vec<model::Lane> {
        let mut lanes = Vec::new();
        let mut specs = HashMap::new();
        for stmt in &mut journey.body {
            let JourneyStmt::Lane(def) = &mut stmt.kind else {
                continue;
            };
            let key = id_key(self.src, &def.id);
            if specs.contains_key(&key) {
                // The duplicate-id is already reported.
                continue;
            }
            let (lane, spec) = self.lane_def(def);
            specs.insert(key, spec);
            lanes.push(lane);
        }
        self.lanes = specs;
        lanes
    }

    fn lane_def(&mut self, def: &mut ast::LaneDef) -> (model::Lane, LaneSpec) {
        let (kind, min, max, scale) = match &def.kind {
            None | Some(ast::LaneKind::Text(_)) => (LaneKind::Text, None, None, None),
            Some(ast::LaneKind::Score { min, max, .. }) => {
                let ok = self.scale_end(min, &def.id) & self.scale_end(max, &def.id);
                let rises = !ok || self.scale_rises(min, max, &def.id);
                let scale = (ok && rises).then_some((min.value, max.value));
                (LaneKind::Score, Some(min.value), Some(max.value), scale)
            }
        };
        let lane = model::Lane {
            id: def.id.text.clone(),
            label: label_or_id(&mut def.label, &def.id),
            kind,
            min,
            max,
        };
        let spec = LaneSpec {
            kind,
            scale,
            span: def.id.span,
        };
        (lane, spec)
    }

    /// One end of a score lane's scale: a plain, finite number.
    fn scale_end(&mut self, num: &Num, lane: &Word) -> bool {
        let problem = if num.percent {
            "a score lane's scale is written in plain numbers, without '%'"
        } else if !num.value.is_finite() {
            "the number is too large"
        } else {
            return true;
        };
        self.diags.push(
            Diagnostic::error("cjm::invalid-value", problem, num.span)
                .with_label("not a plain number")
                .with_help(format!(
                    "write the scale as two numbers, e.g. `lane {} score 1..5`",
                    lane.text
                )),
        );
        false
    }

    /// MIN < MAX.
    fn scale_rises(&mut self, min: &Num, max: &Num, lane: &Word) -> bool {
        if min.value < max.value {
            return true;
        }
        self.diags.push(
            Diagnostic::error(
                "cjm::invalid-value",
                format!(
                    "the scale `{}..{}` of lane `{}` does not rise: MIN must be less than MAX",
                    min.raw, max.raw, lane.text
                ),
                Span::join(min.span, max.span),
            )
            .with_label(format!("{} is not less than {}", min.raw, max.raw))
            .with_help(format!(
                "write the lowest score first, e.g. `score {}..{}`",
                max.raw, min.raw
            )),
        );
        false
    }

    /// `lanes NAME, …`: the names as written; each must be a built-in lane
    /// or a custom lane, once.
    pub(crate) fn lane_order(&mut self, names: &[Word]) -> Vec<String> {
        // Looked up only: its order never shows.
        let mut seen: HashMap<&str, Span> = HashMap::with_capacity(names.len());
        for name in names {
            if let Some(&first) = seen.get(name.text.as_str()) {
                self.duplicate(
                    first,
                    name.span,
                    format!("lane `{}` is listed twice in `lanes`", name.text),
                    &name.text,
                );
                continue;
            }
            seen.insert(&name.text, name.span);
            let custom = self
                .symbols
                .get(&name.text)
                .is_some_and(|d| d.kind == Kind::Lane);
            // A lane whose definition failed to parse (reported) is spared.
            let unparsed = self.maybe_defined.contains(&name.text);
            if !custom && !unparsed && !BUILTIN_LANES.contains(&name.text.as_str()) {
                self.unknown_lane(name);
            }
        }
        names.iter().map(|n| n.text.clone()).collect()
    }

    fn unknown_lane(&mut self, name: &Word) {
        // Searching and listing cost time in the number of lanes: a file
        // with thousands of bad names gets them for the first few only.
        let help = if self.symbols.may_search() {
            // A custom lane given a built-in name (reported) is listed once.
            let custom: Vec<&str> = self
                .symbols
                .ids_of(&[Kind::Lane])
                .map(|id| &**id)
                .filter(|id| !BUILTIN_LANES.contains(id))
                .collect();
            let candidates = || BUILTIN_LANES.iter().copied().chain(custom.iter().copied());
            match closest(&name.text, candidates()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => {
                    // The built-in lanes and the first custom ones: a help
                    // is read, not searched.
                    const SHOWN: usize = BUILTIN_LANES.len() + 10;
                    let mut all: Vec<String> =
                        candidates().take(SHOWN).map(|n| format!("`{n}`")).collect();
                    let more = (BUILTIN_LANES.len() + custom.len()).saturating_sub(SHOWN);
                    if more > 0 {
                        all.push(format!("and {more} more custom lanes"));
                    }
                    format!("`lanes` names these lanes: {}", all.join(", "))
                }
            }
        } else {
            "`lanes` names built-in lanes and custom lanes' IDs".to_string()
        };
        let mut diagnostic = Diagnostic::error(
            "cjm::unknown-reference",
            format!("unknown lane `{}`", name.text),
            name.span,
        )
        .with_label(format!("no lane is called `{}`", name.text))
        .with_help(help);
        if let Some(def) = self.symbols.get(&name.text) {
            diagnostic = diagnostic.with_secondary(
                def.span,
                format!(
                    "`{}` is defined here as a {}, not a lane",
                    name.text,
                    def.kind.keyword()
                ),
            );
        }
        self.diags.push(diagnostic);
    }

    /// One `lane REF …` statement at `at`: of a stage when `scores` is
    /// `None`, else of a touchpoint, whose scores so far are in `scores`.
    pub(crate) fn lane_entry(
        &mut self,
        entry: &mut ast::LaneEntry,
        at: Span,
        scores: Option<&mut Scores<'a>>,
    ) -> Option<CustomEntry> {
        if !self.reference(&entry.lane, &[Kind::Lane], "lane") {
            return None;
        }
        let key = id_key(self.src, &entry.lane);
        // Every lane that resolves is in the table: both come from the
        // same definitions.
        let spec = *self.lanes.get(&key)?;
        let lane = &entry.lane;
        match (&mut entry.value, spec.kind) {
            (LaneValue::Text(text), LaneKind::Text) => Some(CustomEntry::Text {
                lane: lane.text.clone(),
                text: take(text),
            }),
            (LaneValue::Text(text), LaneKind::Score) => {
                let example = spec.scale.map_or(1.0, |(min, _)| min);
                self.diags.push(
                    Diagnostic::error(
                        "cjm::invalid-value",
                        format!(
                            "`{}` is a score lane: it holds a number, not a text",
                            lane.text
                        ),
                        text.span,
                    )
                    .with_label("a text in a score lane")
                    .with_secondary(spec.span, "defined here as a score lane")
                    .with_help(format!(
                        "give the score first and the text as its label, e.g. `lane {} {example} {}`",
                        lane.text,
                        crate::syntax::strings::escape(&text.value)
                    )),
                );
                None
            }
            (LaneValue::Score { score, .. }, LaneKind::Text) => {
                self.diags.push(
                    Diagnostic::error(
                        "cjm::invalid-value",
                        format!(
                            "`{}` is a text lane: it holds texts, not numbers",
                            lane.text
                        ),
                        score.span,
                    )
                    .with_label("a number in a text lane")
                    .with_secondary(spec.span, "defined here as a text lane")
                    .with_help(format!(
                        "write a text, e.g. `lane {} \"…\"`, or make it a score lane: \
                         `lane {} score 1..5`",
                        lane.text, lane.text
                    )),
                );
                None
            }
            (LaneValue::Score { score, label }, LaneKind::Score) => {
                let Some(scores) = scores else {
                    self.diags.push(
                        Diagnostic::error(
                            "cjm::invalid-value",
                            format!(
                                "a score in lane `{}` belongs to a touchpoint, not to a stage",
                                lane.text
                            ),
                            score.span,
                        )
                        .with_label("a score in a stage block")
                        .with_secondary(spec.span, "defined here as a score lane")
                        .with_help(format!(
                            "move `lane {} {}` into the touchpoint it scores",
                            lane.text, score.raw
                        )),
                    );
                    return None;
                };
                if let Some(&first) = scores.get(&key) {
                    self.duplicate(
                        first,
                        at,
                        format!("lane `{}` has two scores in this touchpoint", lane.text),
                        &format!("lane {}", lane.text),
                    );
                    return None;
                }
                scores.insert(key, at);
                let value = self.lane_score(score, lane, &spec)?;
                Some(CustomEntry::Score {
                    lane: lane.text.clone(),
                    score: value,
                    label: label.as_mut().map(take),
                })
            }
        }
    }

    /// A score: a plain number within its lane's scale.
    fn lane_score(&mut self, score: &Num, lane: &Word, spec: &LaneSpec) -> Option<f64> {
        let scale = spec
            .scale
            .map(|(min, max)| (fmt_number(min), fmt_number(max)));
        let (message, label) = if score.percent {
            (
                format!(
                    "a score in lane `{}` is a plain number, not a percentage",
                    lane.text
                ),
                "a percentage".to_string(),
            )
        } else if !score.value.is_finite() {
            (
                "the number is too large".to_string(),
                "too large to be a number".to_string(),
            )
        } else {
            match (spec.scale, &scale) {
                (Some((min, max)), Some((lo, hi))) if !(min..=max).contains(&score.value) => (
                    format!(
                        "score `{}` is outside {lo}..{hi}, the scale of lane `{}`",
                        score.raw, lane.text
                    ),
                    format!("not between {lo} and {hi}"),
                ),
                _ => return Some(score.value),
            }
        };
        let help = match &scale {
            Some((lo, hi)) => format!("write a number from {lo} to {hi}"),
            None => "write a plain number on the lane's scale".to_string(),
        };
        self.diags.push(
            Diagnostic::error("cjm::invalid-value", message, score.span)
                .with_label(label)
                .with_secondary(spec.span, "the lane is defined here")
                .with_help(help),
        );
        None
    }
}

/// A scale end as a user wrote it: `5`, not `5.0`.
fn fmt_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// Where a blueprint statement's text goes.
pub(crate) trait BlueprintTexts {
    fn push(&mut self, lane: ast::Blueprint, text: String);
}

impl BlueprintTexts for model::LaneTexts {
    fn push(&mut self, lane: ast::Blueprint, text: String) {
        let list = match lane {
            ast::Blueprint::Evidence => &mut self.evidence,
            ast::Blueprint::Frontstage => &mut self.frontstage,
            ast::Blueprint::Backstage => &mut self.backstage,
            ast::Blueprint::Support => &mut self.support,
        };
        list.push(text);
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{CustomEntry, Journey};

    fn compile(source: &str) -> Journey {
        let compiled = crate::compile(source.as_bytes(), &Default::default());
        let errors: Vec<_> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert!(errors.is_empty(), "{errors:#?}");
        compiled.journey.unwrap()
    }

    fn codes(source: &str) -> Vec<String> {
        let compiled = crate::compile(source.as_bytes(), &Default::default());
        compiled.diagnostics.into_iter().map(|d| d.code).collect()
    }

    const LANES: &str = "lane effort \"Effort\" score 1..5\n  lane systems \"Systems\"";

    fn journey(extra: &str, touchpoint: &str) -> String {
        format!(
            "journey \"J\" {{\n  {LANES}\n  {extra}\n  stage s {{\n    touchpoint t {{ {touchpoint} }}\n  }}\n}}\n"
        )
    }

    #[test]
    fn without_lanes_the_order_is_the_default_with_custom_lanes_before_attribution() {
        let j = compile(&journey("", "lane effort 1; lane systems \"CRM\""));
        let order = j.resolved_lane_order();
        let insights = order.iter().position(|n| *n == "insights").unwrap();
        assert_eq!(
            &order[insights + 1..insights + 4],
            ["effort", "systems", "attribution"]
        );
        assert_eq!(j.lane_order, None);
    }

    #[test]
    fn the_lanes_statement_is_the_order_as_written() {
        let j = compile(&journey("lanes systems, emotion, effort", "lane effort 5"));
        assert_eq!(j.resolved_lane_order(), ["systems", "emotion", "effort"]);
        assert_eq!(
            j.lane_order,
            Some(vec!["systems".into(), "emotion".into(), "effort".into()])
        );
    }

    #[test]
    fn the_ends_of_the_scale_are_on_it_and_decimals_are_scores() {
        for (score, ok) in [
            ("1", true),
            ("5", true),
            ("2.5", true),
            ("0.99", false),
            ("5.01", false),
            ("-1", false),
        ] {
            let source = journey("", &format!("lane effort {score}; lane systems \"x\""));
            let has_error = codes(&source).iter().any(|c| c == "cjm::invalid-value");
            assert_eq!(!has_error, ok, "{score}");
        }
        let j = compile(&journey("", "lane effort 2.5 \"Half\"; lane systems \"x\""));
        assert_eq!(
            j.stages[0].touchpoints[0].lane_texts.custom[0],
            CustomEntry::Score {
                lane: "effort".into(),
                score: 2.5,
                label: Some("Half".into())
            }
        );
    }

    #[test]
    fn a_lane_is_used_by_an_entry_or_by_lanes() {
        let unused = |source: &str| {
            codes(source)
                .iter()
                .filter(|c| *c == "cjm::unused-definition")
                .count()
        };
        // Neither lane used: both reported (teams and channels: none defined).
        assert_eq!(unused(&journey("", "")), 2);
        assert_eq!(unused(&journey("", "lane effort 3")), 1);
        assert_eq!(unused(&journey("lanes systems", "lane effort 3")), 0);
    }

    #[test]
    fn a_lane_whose_definition_did_not_parse_is_not_reported_again() {
        let source = "journey \"J\" {\n  lane effort \"Effort\" score\n  lanes effort, emotion\n  stage s { touchpoint t { lane effort 3 } }\n}\n";
        assert_eq!(codes(source), ["cjm::syntax"]);
    }

    #[test]
    fn an_equal_min_and_max_is_no_scale() {
        let source = "journey \"J\" {\n  lane flat score 3..3\n  stage s { touchpoint t { lane flat 3 } }\n}\n";
        assert!(codes(source).contains(&"cjm::invalid-value".to_string()));
    }
}
