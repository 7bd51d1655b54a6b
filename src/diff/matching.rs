//! Pairing the elements of two versions: by ID, and a removed and an added
//! element of the same kind with the same label (for touchpoints, in the
//! same stage) as one renamed element.

use std::collections::{HashMap, HashSet};

use super::Kind;
use crate::model::Journey;

/// Old ID → new ID of every renamed element, per kind.
#[derive(Debug, Default)]
pub(crate) struct Renames {
    by_kind: HashMap<Kind, HashMap<String, String>>,
    /// New ID → old ID.
    back: HashMap<Kind, HashMap<String, String>>,
}

impl Renames {
    pub(crate) fn find(old: &Journey, new: &Journey) -> Renames {
        let mut renames = Renames::default();
        let labelled = |items: Vec<(&str, &str)>| -> Vec<(String, String, String)> {
            items
                .into_iter()
                .map(|(id, label)| (id.to_string(), label.to_string(), String::new()))
                .collect()
        };
        let ids = |j: &Journey, kind: Kind| match kind {
            Kind::Persona => labelled(j.personas.iter().map(|p| (&*p.id, &*p.label)).collect()),
            Kind::Team => labelled(j.teams.iter().map(|t| (&*t.id, &*t.label)).collect()),
            Kind::Channel => labelled(j.channels.iter().map(|c| (&*c.id, &*c.label)).collect()),
            Kind::Lane => labelled(j.lanes.iter().map(|l| (&*l.id, &*l.label)).collect()),
            _ => labelled(j.stages.iter().map(|s| (&*s.id, &*s.label)).collect()),
        };
        for kind in [
            Kind::Persona,
            Kind::Team,
            Kind::Channel,
            Kind::Lane,
            Kind::Stage,
        ] {
            let pairs = pair(&ids(old, kind), &ids(new, kind));
            renames.by_kind.insert(kind, pairs);
        }
        // Touchpoints: the stage they sit in is part of what must match,
        // compared by the stage's new ID.
        let touchpoints = |j: &Journey, map_stage: &dyn Fn(&str) -> String| {
            j.stages
                .iter()
                .flat_map(|s| {
                    let stage = map_stage(&s.id);
                    s.touchpoints
                        .iter()
                        .map(move |t| (t.id.clone(), t.label.clone(), stage.clone()))
                })
                .collect::<Vec<_>>()
        };
        let old_tps = touchpoints(old, &|id| renames.map(Kind::Stage, id).to_string());
        let new_tps = touchpoints(new, &|id| id.to_string());
        let pairs = pair(&old_tps, &new_tps);
        renames.by_kind.insert(Kind::Touchpoint, pairs);
        for (kind, pairs) in &renames.by_kind {
            let back = pairs.iter().map(|(a, b)| (b.clone(), a.clone())).collect();
            renames.back.insert(*kind, back);
        }
        renames
    }

    /// The ID an old element has in the new version.
    pub(crate) fn map<'a>(&'a self, kind: Kind, old_id: &'a str) -> &'a str {
        self.by_kind
            .get(&kind)
            .and_then(|m| m.get(old_id))
            .map_or(old_id, String::as_str)
    }

    /// The old ID of a renamed element, by its new ID.
    pub(crate) fn from(&self, kind: Kind, new_id: &str) -> Option<&str> {
        self.back.get(&kind)?.get(new_id).map(String::as_str)
    }

    /// Whether the old element was renamed (it is then not removed).
    pub(crate) fn renamed(&self, kind: Kind, old_id: &str) -> bool {
        self.by_kind
            .get(&kind)
            .is_some_and(|m| m.contains_key(old_id))
    }

    /// An old reference to a stage or a touchpoint (flows, funnel, the
    /// lowest emotion point), in new IDs.
    pub(crate) fn map_node<'a>(&'a self, old_id: &'a str) -> &'a str {
        match self.by_kind.get(&Kind::Stage).and_then(|m| m.get(old_id)) {
            Some(new) => new,
            None => self.map(Kind::Touchpoint, old_id),
        }
    }
}

/// Old ID → new ID for each old element whose ID is gone that pairs with a
/// new element whose ID is new, with the same label and group; each pairs
/// once, first come first served in document order.
fn pair(
    old: &[(String, String, String)],
    new: &[(String, String, String)],
) -> HashMap<String, String> {
    let old_ids: HashSet<&str> = old.iter().map(|(id, ..)| id.as_str()).collect();
    let new_ids: HashSet<&str> = new.iter().map(|(id, ..)| id.as_str()).collect();
    let mut added: Vec<&(String, String, String)> = new
        .iter()
        .filter(|(id, ..)| !old_ids.contains(id.as_str()))
        .collect();
    let mut pairs = HashMap::new();
    for (id, label, group) in old.iter().filter(|(id, ..)| !new_ids.contains(id.as_str())) {
        if let Some(i) = added.iter().position(|(_, l, g)| l == label && g == group) {
            pairs.insert(id.clone(), added.remove(i).0.clone());
        }
    }
    pairs
}
