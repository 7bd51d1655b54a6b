//! The one namespace of a file: every persona, team, channel, lane, stage
//! and touchpoint ID, where it is defined, and how references find them.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::diagnostic::{Diagnostic, Span};
use crate::model::BUILTIN_LANES;
use crate::syntax::ast::{self, JourneyStmt, StageStmt};

/// The kinds of definition, which share one namespace.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    Persona,
    Team,
    Channel,
    Stage,
    Touchpoint,
    /// A custom lane (language.md §9).
    Lane,
}

impl Kind {
    /// The keyword that defines it, also used in messages ("a team").
    pub fn keyword(self) -> &'static str {
        match self {
            Kind::Persona => "persona",
            Kind::Team => "team",
            Kind::Channel => "channel",
            Kind::Stage => "stage",
            Kind::Touchpoint => "touchpoint",
            Kind::Lane => "lane",
        }
    }
}

#[derive(Debug, Clone, Copy)]
pub(crate) struct Def {
    pub kind: Kind,
    /// The span of the ID where it is defined.
    pub span: Span,
}

/// An ID as a key that outlives the syntax tree (whose strings are moved
/// into the model): the source's own text, since an identifier is written
/// as is and its span holds exactly its text. (A copy otherwise, which the
/// parser never makes happen.)
pub(crate) fn id_key<'a>(source: &'a str, id: &ast::Word) -> Cow<'a, str> {
    match source.get(id.span.start..id.span.end) {
        Some(text) if text == id.text => Cow::Borrowed(text),
        _ => Cow::Owned(id.text.clone()),
    }
}

/// Every definition of the file, first definition wins. IDs are borrowed
/// from the source (`id_key`): a journey defines thousands, and copying
/// each (twice) cost more than resolving it.
#[derive(Debug, Default)]
pub(crate) struct Symbols<'a> {
    /// Only looked up, never iterated into output: its order is free.
    defs: HashMap<Cow<'a, str>, Def>,
    /// IDs in definition order, for stable "did you mean" tie-breaking.
    order: Vec<Cow<'a, str>>,
    /// Searches of the whole namespace made for help texts so far: each
    /// costs time in the number of IDs, so a file with thousands of bad
    /// references gets help for the first `MAX_SEARCHES` only, instead of
    /// taking quadratic time.
    searches: std::cell::Cell<usize>,
}

const MAX_SEARCHES: usize = 200;

impl<'a> Symbols<'a> {
    /// Collects every definition, reporting IDs defined twice.
    pub(crate) fn collect(
        source: &'a str,
        journey: &ast::Journey,
        diags: &mut Vec<Diagnostic>,
    ) -> Self {
        let mut symbols = Symbols::default();
        for stmt in &journey.body {
            match &stmt.kind {
                JourneyStmt::Persona(p) => symbols.define(source, &p.id, Kind::Persona, diags),
                JourneyStmt::Team(t) => symbols.define(source, &t.id, Kind::Team, diags),
                JourneyStmt::Channel(c) => symbols.define(source, &c.id, Kind::Channel, diags),
                JourneyStmt::Lane(l) => {
                    if BUILTIN_LANES.contains(&l.id.text.as_str()) {
                        diags.push(builtin_lane_taken(&l.id));
                    }
                    // Defined all the same: its entries then resolve, and
                    // the one error is the name.
                    symbols.define(source, &l.id, Kind::Lane, diags);
                }
                JourneyStmt::Stage(s) => {
                    symbols.define(source, &s.id, Kind::Stage, diags);
                    for inner in &s.body {
                        if let StageStmt::Touchpoint(t) = &inner.kind {
                            symbols.define(source, &t.id, Kind::Touchpoint, diags);
                        }
                    }
                }
                _ => {}
            }
        }
        symbols
    }

    fn define(&mut self, source: &'a str, id: &ast::Word, kind: Kind, diags: &mut Vec<Diagnostic>) {
        if let Some(first) = self.defs.get(id.text.as_str()) {
            let what = if first.kind == kind {
                format!("`{}` is already defined", id.text)
            } else {
                format!(
                    "`{}` is already defined as a {}",
                    id.text,
                    first.kind.keyword()
                )
            };
            diags.push(
                Diagnostic::error("cjm::duplicate-id", what, id.span)
                    .with_label("defined again here")
                    .with_secondary(first.span, "first defined here")
                    .with_help(
                        "personas, teams, channels, lanes, stages and touchpoints share one \
                         namespace: rename one of them",
                    ),
            );
            return;
        }
        let key = id_key(source, id);
        self.defs.insert(
            key.clone(),
            Def {
                kind,
                span: id.span,
            },
        );
        self.order.push(key);
    }

    /// The span of every definition's ID (the first one for duplicates),
    /// in no particular order.
    pub(crate) fn spans(&self) -> impl Iterator<Item = (Cow<'a, str>, Span)> + '_ {
        self.defs.iter().map(|(id, def)| (id.clone(), def.span))
    }

    pub(crate) fn get(&self, id: &str) -> Option<Def> {
        self.defs.get(id).copied()
    }

    /// IDs of the given kinds, in definition order.
    pub(crate) fn ids_of<'s, 'k>(
        &'s self,
        kinds: &'k [Kind],
    ) -> impl Iterator<Item = &'s Cow<'a, str>> + use<'s, 'k, 'a> {
        self.order
            .iter()
            .filter(move |id| self.defs.get(*id).is_some_and(|d| kinds.contains(&d.kind)))
    }

    /// Whether a help text may still search the namespace (see `searches`).
    pub(crate) fn may_search(&self) -> bool {
        let done = self.searches.get();
        self.searches.set(done.saturating_add(1));
        done < MAX_SEARCHES
    }

    /// The defined ID of one of `kinds` closest to `wanted`, when close
    /// enough to be a likely typo.
    pub(crate) fn suggest(&self, wanted: &str, kinds: &[Kind]) -> Option<&str> {
        if !self.may_search() {
            return None;
        }
        closest(wanted, self.ids_of(kinds).map(|id| &**id))
    }
}

/// `lane support …`: the built-in lanes' names are taken (a `lanes`
/// statement could not tell the two apart).
fn builtin_lane_taken(id: &ast::Word) -> Diagnostic {
    Diagnostic::error(
        "cjm::duplicate-id",
        format!("`{}` is already the name of a built-in lane", id.text),
        id.span,
    )
    .with_label("a built-in lane is called that")
    .with_help(format!(
        "give the custom lane another ID, e.g. `{}_notes`; the built-in lanes are {}",
        id.text,
        BUILTIN_LANES.join(", ")
    ))
}

const MAX_SUGGESTED_LEN: usize = 100;

/// The candidate within a small edit distance of `wanted` (about one typo
/// per three characters), closest first, earliest on ties.
pub(crate) fn closest<'a>(
    wanted: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let wanted_len = wanted.chars().count();
    // Edit distance costs the product of both lengths: IDs this long are
    // no typos worth the time.
    if wanted_len > MAX_SUGGESTED_LEN {
        return None;
    }
    let limit = (wanted_len / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        // The distance is at least the difference in length.
        if candidate.len().abs_diff(wanted.len()) > limit * 4
            && candidate.chars().count().abs_diff(wanted_len) > limit
        {
            continue;
        }
        let distance = if candidate.to_lowercase() == wanted.to_lowercase() {
            0
        } else {
            strsim::damerau_levenshtein(wanted, candidate)
        };
        if distance <= limit && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_only() {
        let ids = ["marketing", "sales", "support"];
        assert_eq!(closest("markting", ids.iter().copied()), Some("marketing"));
        assert_eq!(closest("supprot", ids.iter().copied()), Some("support"));
        assert_eq!(closest("finance", ids.iter().copied()), None);
        assert_eq!(closest("Sales", ids.iter().copied()), Some("sales"));
    }
}
