//! Another view of the same file, chosen on the command line
//! (language.md §9, last paragraph): which lanes, which personas, whose
//! work stands out. A view changes the map only, never the model or the
//! JSON.

use crate::model::{BUILTIN_LANES, Journey};

/// What `--lanes`, `--persona` and `--team` ask for; the default draws the
/// file as written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct View {
    /// Replaces the file's `lanes` statement.
    pub lanes: Option<Vec<String>>,
    /// Draws only these personas: cards, curves, legend, emotion labels.
    pub personas: Option<Vec<String>>,
    /// Highlights what this team owns (own or inherited); the rest fades.
    pub team: Option<String>,
}

/// A name in a view that the journey does not define.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// The flag it was given with: `--lanes`, `--persona` or `--team`.
    pub flag: &'static str,
    /// What the flag names: "lane", "persona" or "team".
    pub what: &'static str,
    pub name: String,
    /// Every name the flag accepts for this journey, in definition order.
    pub known: Vec<String>,
}

impl View {
    /// Whether this is the file's own view.
    pub fn is_default(&self) -> bool {
        *self == View::default()
    }

    /// The first name the journey does not define, if any.
    pub fn check(&self, journey: &Journey) -> Result<(), UnknownName> {
        let lanes = || {
            BUILTIN_LANES
                .iter()
                .map(|s| s.to_string())
                .chain(journey.lanes.iter().map(|l| l.id.clone()))
                .collect::<Vec<_>>()
        };
        let personas = || journey.personas.iter().map(|p| p.id.clone()).collect();
        let teams = || journey.teams.iter().map(|t| t.id.clone()).collect();
        let one = |flag, what, names: &[String], known: Vec<String>| match names
            .iter()
            .find(|n| !known.contains(n))
        {
            Some(name) => Err(UnknownName {
                flag,
                what,
                name: name.clone(),
                known,
            }),
            None => Ok(()),
        };
        if let Some(names) = &self.lanes {
            one("--lanes", "lane", names, lanes())?;
        }
        if let Some(names) = &self.personas {
            one("--persona", "persona", names, personas())?;
        }
        if let Some(team) = &self.team {
            one("--team", "team", std::slice::from_ref(team), teams())?;
        }
        Ok(())
    }
}

/// The journey with only the personas of `keep` (and the emotions of no
/// persona), for `--persona`.
pub(crate) fn keep_personas(journey: &Journey, keep: &[String]) -> Journey {
    let kept = |p: &Option<String>| p.as_ref().is_none_or(|p| keep.contains(p));
    let mut j = journey.clone();
    j.personas.retain(|p| keep.contains(&p.id));
    for stage in &mut j.stages {
        for tp in &mut stage.touchpoints {
            tp.emotions.retain(|e| kept(&e.persona));
        }
    }
    if j.emotion_low
        .as_ref()
        .is_some_and(|low| !kept(&low.persona))
    {
        j.emotion_low = None;
    }
    j
}
