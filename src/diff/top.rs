//! The journey's own fields and its definitions: personas, teams,
//! channels and custom lanes.

use serde_json::Value;

use super::compare::Target;
use super::matching::Renames;
use super::{Change, Kind, What};
use crate::model::{Channel, Journey, Lane, Persona, Team};

pub(crate) fn journey(old: &Journey, new: &Journey, out: &mut Vec<Change>) {
    let t = Target {
        kind: Kind::Journey,
        id: None,
        stage: None,
        touchpoint: None,
    };
    // An added or deleted file's empty side has no title to compare.
    if !old.title.is_empty() && !new.title.is_empty() {
        t.text(out, "title", Some(&old.title), Some(&new.title));
    }
    t.text(
        out,
        "description",
        old.description.as_deref(),
        new.description.as_deref(),
    );
    t.text(out, "lang", old.lang.as_deref(), new.lang.as_deref());
    let dir = |j: &Journey| serde_json::to_value(j.direction).ok();
    t.value(out, "direction", dir(old), dir(new));
    let order = |j: &Journey| j.lane_order.clone().map(Value::from);
    t.value(out, "lane_order", order(old), order(new));
}

/// Compares the fields of one definition beyond its label.
type Fields<'a, T> = &'a dyn Fn(&Target, &T, &T, &mut Vec<Change>);

/// One kind of definition: matched by ID (renames mapped), compared field
/// by field; added, removed and renamed ones.
#[allow(clippy::too_many_arguments)] // one call per kind, each naming its accessors
fn each<T>(
    kind: Kind,
    old: &[T],
    new: &[T],
    renames: &Renames,
    id: fn(&T) -> &str,
    label: fn(&T) -> &str,
    fields: Fields<T>,
    out: &mut Vec<Change>,
) {
    for b in new {
        let from = renames.from(kind, id(b));
        let before = old.iter().find(|a| id(a) == from.unwrap_or(id(b)));
        let Some(a) = before else {
            out.push(
                Change::new(kind, Some(id(b)), What::Added).values(None, Some(label(b).into())),
            );
            continue;
        };
        if let Some(from) = from {
            let mut c = Change::new(kind, Some(id(b)), What::Renamed)
                .values(Some(from.into()), Some(id(b).into()));
            c.from_id = Some(from.to_string());
            out.push(c);
        }
        let t = Target {
            kind,
            id: Some(id(b)),
            stage: None,
            touchpoint: None,
        };
        t.text(out, "label", Some(label(a)), Some(label(b)));
        fields(&t, a, b, out);
    }
    for a in old {
        let gone = !new.iter().any(|b| id(b) == id(a)) && !renames.renamed(kind, id(a));
        if gone {
            out.push(
                Change::new(kind, Some(id(a)), What::Removed).values(Some(label(a).into()), None),
            );
        }
    }
}

pub(crate) fn definitions(old: &Journey, new: &Journey, renames: &Renames, out: &mut Vec<Change>) {
    each(
        Kind::Persona,
        &old.personas,
        &new.personas,
        renames,
        |p: &Persona| &p.id,
        |p| &p.label,
        &|t, a, b, out| {
            t.text(
                out,
                "description",
                a.description.as_deref(),
                b.description.as_deref(),
            );
            t.texts(out, "goals", &a.goals, &b.goals);
            t.texts(out, "needs", &a.needs, &b.needs);
            t.texts(out, "frustrations", &a.frustrations, &b.frustrations);
            t.text(out, "quote", a.quote.as_deref(), b.quote.as_deref());
        },
        out,
    );
    each(
        Kind::Team,
        &old.teams,
        &new.teams,
        renames,
        |t: &Team| &t.id,
        |t| &t.label,
        &|_, _, _, _| {},
        out,
    );
    each(
        Kind::Channel,
        &old.channels,
        &new.channels,
        renames,
        |c: &Channel| &c.id,
        |c| &c.label,
        &|t, a, b, out| {
            let mode = |c: &Channel| c.mode.and_then(|m| serde_json::to_value(m).ok());
            t.value(out, "mode", mode(a), mode(b));
        },
        out,
    );
    each(
        Kind::Lane,
        &old.lanes,
        &new.lanes,
        renames,
        |l: &Lane| &l.id,
        |l| &l.label,
        &|t, a, b, out| {
            t.value(
                out,
                "kind",
                serde_json::to_value(a.kind).ok(),
                serde_json::to_value(b.kind).ok(),
            );
            t.amount(out, "min", a.min, b.min, None);
            t.amount(out, "max", a.max, b.max, None);
        },
        out,
    );
}

/// The label of an element by kind and ID.
pub(crate) fn label<'a>(j: &'a Journey, kind: Kind, id: &str) -> Option<&'a str> {
    match kind {
        Kind::Persona => j.personas.iter().find(|p| p.id == id).map(|p| &*p.label),
        Kind::Team => j.teams.iter().find(|p| p.id == id).map(|p| &*p.label),
        Kind::Channel => j.channels.iter().find(|p| p.id == id).map(|p| &*p.label),
        Kind::Lane => j.lanes.iter().find(|p| p.id == id).map(|p| &*p.label),
        Kind::Stage => j.stages.iter().find(|p| p.id == id).map(|p| &*p.label),
        Kind::Touchpoint => j.touchpoints().find(|p| p.id == id).map(|p| &*p.label),
        _ => None,
    }
}
