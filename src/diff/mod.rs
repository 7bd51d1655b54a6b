//! Model × model → the list of changes a new version makes to a journey
//! (cli.md "v1.1: `cjm diff`"), then one renderer per output format.
//!
//! Changes are data: `matching` pairs the elements of the two models by ID
//! and finds renames; `top`, `stages` and `graph` compare what the pairs
//! hold. Nothing here reads the source text, so a change of formatting,
//! comments or statement order inside a block is no change.

mod compare;
mod graph;
mod json;
mod markdown;
mod matching;
mod stages;
mod summary;
mod svg;
mod text;
mod top;

#[cfg(test)]
mod tests;

use serde::Serialize;
use serde_json::Value;

use crate::model::Journey;

pub use json::json;
pub use markdown::markdown;
pub use summary::Summary;
pub use svg::{debug_boxes, svg};
pub use text::text;

/// What kind of element a change is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Journey,
    Persona,
    Team,
    Channel,
    Lane,
    Stage,
    Touchpoint,
    Flow,
    Funnel,
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Journey => "journey",
            Kind::Persona => "persona",
            Kind::Team => "team",
            Kind::Channel => "channel",
            Kind::Lane => "lane",
            Kind::Stage => "stage",
            Kind::Touchpoint => "touchpoint",
            Kind::Flow => "flow",
            Kind::Funnel => "funnel",
        }
    }
}

/// How the element changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum What {
    Added,
    Removed,
    Renamed,
    Moved,
    Changed,
}

impl What {
    /// The mark a line of the text output starts with.
    pub fn sign(self) -> char {
        match self {
            What::Added => '+',
            What::Removed => '-',
            What::Changed => '~',
            What::Renamed | What::Moved => '>',
        }
    }
}

/// One change. Serialised as the contract's JSON object, absent fields
/// `null`; `old` and `new` hold the values as the model's JSON writes them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub kind: Kind,
    /// The element's ID in the new version (the old one when removed);
    /// `from -> to` for a flow or funnel step; `null` for the journey.
    pub id: Option<String>,
    pub change: What,
    /// The property that changed, as the model's JSON names it
    /// (`metrics.NAME` for one metric, `custom.LANE` for a custom lane);
    /// `null` for an element added, removed or renamed.
    pub field: Option<String>,
    /// The persona of an emotion change.
    pub persona: Option<String>,
    pub old: Option<Value>,
    pub new: Option<Value>,
    /// New minus old: score points for emotions, the absolute difference
    /// for reach and metrics, percentage points for funnel conversion.
    pub delta: Option<Value>,
    /// The old ID of a renamed element.
    pub from_id: Option<String>,
    /// Where the change is shown: the stage (and touchpoint) it belongs
    /// to, by ID in the version that has it. Not part of the JSON.
    #[serde(skip)]
    pub stage: Option<String>,
    #[serde(skip)]
    pub touchpoint: Option<String>,
    /// The unit of a metric (`%`), for the renderers.
    #[serde(skip)]
    pub unit: Option<String>,
}

impl Change {
    pub(crate) fn new(kind: Kind, id: Option<&str>, change: What) -> Change {
        Change {
            kind,
            id: id.map(str::to_string),
            change,
            field: None,
            persona: None,
            old: None,
            new: None,
            delta: None,
            from_id: None,
            stage: None,
            touchpoint: None,
            unit: None,
        }
    }
    pub(crate) fn field(mut self, field: impl Into<String>) -> Change {
        self.field = Some(field.into());
        self
    }
    pub(crate) fn values(mut self, old: Option<Value>, new: Option<Value>) -> Change {
        self.old = old;
        self.new = new;
        self
    }
    pub(crate) fn delta(mut self, delta: f64) -> Change {
        self.delta = Some(number(delta));
        self
    }
    pub(crate) fn at(mut self, stage: Option<&str>, touchpoint: Option<&str>) -> Change {
        self.stage = stage.map(str::to_string);
        self.touchpoint = touchpoint.map(str::to_string);
        self
    }

    /// The signed delta of an emotion score that changed.
    pub fn emotion_delta(&self) -> Option<f64> {
        if self.field.as_deref() == Some("emotion") && self.change == What::Changed {
            self.delta.as_ref().and_then(Value::as_f64)
        } else {
            None
        }
    }
}

/// One side of a comparison: the file it came from (`None` for a side that
/// does not exist, as an added file's old side) and its model.
#[derive(Debug, Clone, Copy)]
pub struct Side<'a> {
    pub file: Option<&'a str>,
    pub journey: Option<&'a Journey>,
}

/// The comparison of two versions of one journey file.
#[derive(Debug, Clone)]
pub struct Diff<'a> {
    pub old: Side<'a>,
    pub new: Side<'a>,
    pub changes: Vec<Change>,
}

impl<'a> Diff<'a> {
    /// Compares two sides; a missing side (an added or deleted file)
    /// compares as an empty journey, so every element of the other is
    /// added or removed, after one change for the journey itself.
    pub fn of(old: Side<'a>, new: Side<'a>) -> Diff<'a> {
        let changes = match (old.journey, new.journey) {
            (Some(a), Some(b)) => diff(a, b),
            (None, Some(b)) => {
                let mut changes = vec![
                    Change::new(Kind::Journey, None, What::Added)
                        .values(None, Some(b.title.clone().into())),
                ];
                changes.extend(diff(&empty_like(b), b));
                changes
            }
            (Some(a), None) => {
                let mut changes = vec![
                    Change::new(Kind::Journey, None, What::Removed)
                        .values(Some(a.title.clone().into()), None),
                ];
                changes.extend(diff(a, &empty_like(a)));
                changes
            }
            (None, None) => Vec::new(),
        };
        Diff { old, new, changes }
    }

    pub fn is_empty(&self) -> bool {
        self.changes.is_empty()
    }

    pub fn summary(&self) -> Summary {
        Summary::of(&self.changes)
    }

    /// The label of an element, from the new version or, for what was
    /// removed, the old one.
    pub(crate) fn label_of(&self, kind: Kind, id: &str) -> Option<&'a str> {
        let find = |j: Option<&'a Journey>| j.and_then(|j| top::label(j, kind, id));
        find(self.new.journey).or_else(|| find(self.old.journey))
    }
}

/// Every change from `old` to `new`, in a stable order: the journey's own
/// fields, personas, teams, channels, lanes, then stage by stage (in the
/// new order, each with its touchpoints, then the stages removed), flows,
/// the funnel, and the lowest emotion point.
pub fn diff(old: &Journey, new: &Journey) -> Vec<Change> {
    let renames = matching::Renames::find(old, new);
    let mut changes = Vec::new();
    top::journey(old, new, &mut changes);
    top::definitions(old, new, &renames, &mut changes);
    stages::stages(old, new, &renames, &mut changes);
    graph::flows(old, new, &renames, &mut changes);
    graph::funnel(old, new, &renames, &mut changes);
    graph::emotion_low(old, new, &renames, &mut changes);
    changes
}

/// A journey with nothing in it, standing for a file that does not exist.
fn empty_like(j: &Journey) -> Journey {
    Journey {
        version: j.version,
        title: String::new(),
        description: None,
        lang: j.lang.clone(),
        direction: j.direction,
        personas: Vec::new(),
        teams: Vec::new(),
        channels: Vec::new(),
        stages: Vec::new(),
        flows: Vec::new(),
        funnel: Vec::new(),
        emotion_low: None,
        lanes: Vec::new(),
        lane_order: j.lane_order.clone(),
    }
}

/// A number as the model's JSON writes it: whole numbers as integers, the
/// rest rounded to four decimals so that float noise (0.1 + 0.2) never
/// shows in a delta.
pub(crate) fn number(value: f64) -> Value {
    let value = (value * 10_000.0).round() / 10_000.0;
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        Value::from(value as i64)
    } else {
        serde_json::Number::from_f64(value)
            .map(Value::Number)
            .unwrap_or(Value::Null)
    }
}
