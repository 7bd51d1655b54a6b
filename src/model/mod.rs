//! The resolved journey: what the JSON output emits (language.md §7) and
//! what layout reads. Field names here are a stable contract.

/// Hand-built journeys for unit tests of the stages after the resolver.
#[cfg(test)]
pub(crate) mod sample;

use schemars::JsonSchema;
use serde::{Serialize, Serializer};

pub const VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Journey {
    pub version: u32,
    pub title: String,
    pub description: Option<String>,
    pub lang: Option<String>,
    pub direction: Direction,
    pub personas: Vec<Persona>,
    pub teams: Vec<Team>,
    pub channels: Vec<Channel>,
    pub stages: Vec<Stage>,
    pub flows: Vec<Flow>,
    pub funnel: Vec<FunnelStep>,
    pub emotion_low: Option<EmotionLow>,
    /// Custom lanes, in definition order (language.md §9).
    pub lanes: Vec<Lane>,
    /// The `lanes` statement as written: built-in lane names and custom
    /// lane IDs, top to bottom; `null` without one.
    pub lane_order: Option<Vec<String>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Direction {
    Ltr,
    Rtl,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Persona {
    pub id: String,
    pub label: String,
    pub description: Option<String>,
    pub goals: Vec<String>,
    pub needs: Vec<String>,
    pub frustrations: Vec<String>,
    pub quote: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Team {
    pub id: String,
    pub label: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ChannelMode {
    Online,
    Offline,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Channel {
    pub id: String,
    pub label: String,
    pub mode: Option<ChannelMode>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Stage {
    pub id: String,
    pub label: String,
    pub description: Option<String>,
    /// Team IDs.
    pub owners: Vec<String>,
    pub reach: Option<u64>,
    pub metrics: Vec<Metric>,
    pub pains: Vec<String>,
    pub opportunities: Vec<String>,
    pub insights: Vec<String>,
    /// Written as the fields of this object, not nested.
    #[serde(flatten)]
    pub lane_texts: LaneTexts,
    /// Mean of every emotion score in the stage (all personas), if any.
    pub emotion_average: Option<f64>,
    pub touchpoints: Vec<Touchpoint>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Touchpoint {
    pub id: String,
    pub label: String,
    pub description: Option<String>,
    /// Channel ID.
    pub channel: Option<String>,
    /// Team IDs: the touchpoint's own, or inherited from its stage.
    pub owners: Vec<String>,
    pub actions: Vec<String>,
    pub thoughts: Vec<String>,
    pub emotions: Vec<Emotion>,
    pub pains: Vec<String>,
    pub opportunities: Vec<String>,
    pub insights: Vec<String>,
    /// Written as the fields of this object, not nested.
    #[serde(flatten)]
    pub lane_texts: LaneTexts,
    pub moment_of_truth: Option<MomentOfTruth>,
    pub reach: Option<u64>,
    pub metrics: Vec<Metric>,
    pub link: Option<String>,
    pub span: Position,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Emotion {
    /// Persona ID; `null` when the journey has no persona.
    pub persona: Option<String>,
    /// -2 (very negative) ..= +2 (very positive).
    pub score: i8,
    pub label: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct MomentOfTruth {
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Metric {
    pub name: String,
    /// Integral values are written as JSON integers.
    #[serde(serialize_with = "number")]
    #[schemars(with = "f64")]
    pub value: f64,
    /// `"%"` for a percentage, else `null`.
    pub unit: Option<String>,
}

// What a stage or touchpoint holds in the v1.1 lanes (language.md §9),
// the same for both. A plain comment: schemars would copy a doc comment
// into the description of every object this is flattened into.
#[derive(Debug, Clone, Default, PartialEq, Serialize, JsonSchema)]
pub struct LaneTexts {
    /// Service blueprint lanes (language.md §9).
    pub evidence: Vec<String>,
    pub frontstage: Vec<String>,
    pub backstage: Vec<String>,
    pub support: Vec<String>,
    /// Entries in custom lanes, in source order.
    pub custom: Vec<CustomEntry>,
}

/// The built-in lane names in their default order (language.md §9): a
/// `lanes` statement and `--lanes` name these or custom lane IDs, and no
/// custom lane may take one of them. Custom lanes come between `insights`
/// and `attribution`.
pub const BUILTIN_LANES: [&str; 14] = [
    "touchpoints",
    "evidence",
    "actions",
    "thoughts",
    "emotion",
    "frontstage",
    "backstage",
    "support",
    "pains",
    "opportunities",
    "insights",
    "attribution",
    "metrics",
    "funnel",
];

/// Where custom lanes go in the default order: before this built-in lane.
pub const CUSTOM_LANES_BEFORE: &str = "attribution";

/// A custom lane: `lane ID [LABEL] [text|score MIN..MAX]`.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Lane {
    pub id: String,
    pub label: String,
    pub kind: LaneKind,
    /// The bottom of a score lane's scale; `null` for a text lane.
    #[serde(serialize_with = "optional_number")]
    #[schemars(with = "Option<f64>")]
    pub min: Option<f64>,
    /// The top of a score lane's scale, above `min`; `null` for a text lane.
    #[serde(serialize_with = "optional_number")]
    #[schemars(with = "Option<f64>")]
    pub max: Option<f64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum LaneKind {
    Text,
    Score,
}

/// One `lane REF …` statement of a stage or touchpoint.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum CustomEntry {
    /// `lane REF "text"` in a text lane.
    Text { lane: String, text: String },
    /// `lane REF NUMBER ["label"]` in a score lane (touchpoints only).
    Score {
        lane: String,
        #[serde(serialize_with = "number")]
        #[schemars(with = "f64")]
        score: f64,
        label: Option<String>,
    },
}

/// Where a definition starts in the source: 1-based line, column in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Flow {
    /// Stage or touchpoint ID.
    pub from: String,
    pub to: String,
    pub label: Option<String>,
    /// The target comes at or before the source in map order.
    #[serde(rename = "loop")]
    pub is_loop: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct FunnelStep {
    /// Stage IDs.
    pub from: String,
    pub to: String,
    /// `reach[to] / reach[from]` as a fraction.
    pub conversion: f64,
    /// `1 - conversion`.
    pub drop: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct EmotionLow {
    pub persona: Option<String>,
    pub touchpoint: String,
    pub score: i8,
}

/// Writes whole numbers without a fractional part so `12000` stays `12000`.
fn number<S: Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9.0e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

fn optional_number<S: Serializer>(value: &Option<f64>, serializer: S) -> Result<S::Ok, S::Error> {
    match value {
        Some(v) => number(v, serializer),
        None => serializer.serialize_none(),
    }
}

impl Journey {
    /// All touchpoints in map order.
    pub fn touchpoints(&self) -> impl Iterator<Item = &Touchpoint> {
        self.stages.iter().flat_map(|s| s.touchpoints.iter())
    }

    /// The lanes in the order the map draws them, top to bottom, before
    /// lanes with nothing in them are left out (language.md §9): the
    /// `lanes` statement when there is one, else `default_lane_order`.
    /// Every name is a built-in lane name or a custom lane's ID.
    pub fn resolved_lane_order(&self) -> Vec<&str> {
        match &self.lane_order {
            Some(order) => order.iter().map(String::as_str).collect(),
            None => default_lane_order(&self.lanes),
        }
    }
}

/// Every lane in the default order: the built-in lanes, with the custom
/// lanes in definition order just before `CUSTOM_LANES_BEFORE`.
pub fn default_lane_order(lanes: &[Lane]) -> Vec<&str> {
    let mut order = Vec::with_capacity(BUILTIN_LANES.len() + lanes.len());
    for name in BUILTIN_LANES {
        if name == CUSTOM_LANES_BEFORE {
            order.extend(lanes.iter().map(|l| l.id.as_str()));
        }
        order.push(name);
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lane(id: &str) -> Lane {
        Lane {
            id: id.to_string(),
            label: id.to_string(),
            kind: LaneKind::Text,
            min: None,
            max: None,
        }
    }

    #[test]
    fn custom_lanes_come_after_insights_in_definition_order() {
        let lanes = [lane("systems"), lane("effort")];
        let order = default_lane_order(&lanes);
        let at = |name: &str| order.iter().position(|n| *n == name).unwrap();
        assert_eq!(order.len(), BUILTIN_LANES.len() + 2);
        assert_eq!(at("systems"), at("insights") + 1);
        assert_eq!(at("effort"), at("systems") + 1);
        assert_eq!(at("attribution"), at("effort") + 1);
        assert_eq!(order[0], "touchpoints");
        assert_eq!(order.last(), Some(&"funnel"));
    }
}
