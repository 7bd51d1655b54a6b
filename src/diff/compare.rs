//! Comparing the properties one element has in both versions; each helper
//! pushes the changes of one kind of property.

use std::collections::BTreeMap;

use serde_json::Value;

use super::{Change, Kind, What, number};
use crate::model::{CustomEntry, LaneTexts, Metric};

/// A custom lane's entries on one element: texts, and scores with labels.
type LaneEntries = (Vec<String>, Vec<(f64, Option<String>)>);

/// The element whose properties are compared, and where its changes show.
pub(crate) struct Target<'a> {
    pub kind: Kind,
    pub id: Option<&'a str>,
    pub stage: Option<&'a str>,
    pub touchpoint: Option<&'a str>,
}

impl Target<'_> {
    pub(crate) fn change(&self, what: What, field: impl Into<String>) -> Change {
        Change::new(self.kind, self.id, what)
            .field(field)
            .at(self.stage, self.touchpoint)
    }

    /// A value that is there or not, such as a label or a description:
    /// added, removed or changed.
    pub(crate) fn value(
        &self,
        out: &mut Vec<Change>,
        field: &str,
        old: Option<Value>,
        new: Option<Value>,
    ) {
        let what = match (&old, &new) {
            (a, b) if a == b => return,
            (None, Some(_)) => What::Added,
            (Some(_), None) => What::Removed,
            _ => What::Changed,
        };
        out.push(self.change(what, field).values(old, new));
    }

    pub(crate) fn text(
        &self,
        out: &mut Vec<Change>,
        field: &str,
        old: Option<&str>,
        new: Option<&str>,
    ) {
        self.value(out, field, old.map(Value::from), new.map(Value::from));
    }

    /// A list of texts whose order does not matter to the customer (each
    /// one a separate note): each text added or removed, counted, so that
    /// reordering is no change and a second copy of a text is one added.
    pub(crate) fn texts(&self, out: &mut Vec<Change>, field: &str, old: &[String], new: &[String]) {
        let mut count: BTreeMap<&str, i64> = BTreeMap::new();
        for t in old {
            *count.entry(t).or_default() -= 1;
        }
        for t in new {
            *count.entry(t).or_default() += 1;
        }
        // In document order: removed ones as the old version has them,
        // then added ones as the new one does.
        let mut left = count.clone();
        for t in old {
            let n = left.get_mut(t.as_str()).expect("counted");
            if *n < 0 {
                *n += 1;
                out.push(
                    self.change(What::Removed, field)
                        .values(Some(t.clone().into()), None),
                );
            }
        }
        for t in new {
            let n = count.get_mut(t.as_str()).expect("counted");
            if *n > 0 {
                *n -= 1;
                out.push(
                    self.change(What::Added, field)
                        .values(None, Some(t.clone().into())),
                );
            }
        }
    }

    /// A set of IDs (owners): one change with both lists when it differs.
    pub(crate) fn set(&self, out: &mut Vec<Change>, field: &str, old: &[String], new: &[String]) {
        let mut a = old.to_vec();
        let mut b = new.to_vec();
        a.sort();
        a.dedup();
        b.sort();
        b.dedup();
        if a != b {
            let list = |v: &[String]| Value::from(v.to_vec());
            out.push(
                self.change(What::Changed, field)
                    .values(Some(list(old)), Some(list(new))),
            );
        }
    }

    /// A number with its absolute delta (reach).
    pub(crate) fn amount(
        &self,
        out: &mut Vec<Change>,
        field: &str,
        old: Option<f64>,
        new: Option<f64>,
        unit: Option<&str>,
    ) {
        if old == new {
            return;
        }
        let (what, delta) = match (old, new) {
            (None, Some(_)) => (What::Added, None),
            (Some(_), None) => (What::Removed, None),
            (Some(a), Some(b)) => (What::Changed, Some(b - a)),
            (None, None) => return,
        };
        let mut change = self
            .change(what, field)
            .values(old.map(number), new.map(number));
        if let Some(delta) = delta {
            change = change.delta(delta);
        }
        change.unit = unit.map(str::to_string);
        out.push(change);
    }

    /// Metrics by name: each added, removed or changed one.
    pub(crate) fn metrics(&self, out: &mut Vec<Change>, old: &[Metric], new: &[Metric]) {
        let find = |list: &[Metric], name: &str| list.iter().find(|m| m.name == name).cloned();
        for m in new {
            let before = find(old, &m.name);
            let unit = m
                .unit
                .clone()
                .or(before.as_ref().and_then(|b| b.unit.clone()));
            let field = format!("metrics.{}", m.name);
            if before.as_ref().is_some_and(|b| b.unit != m.unit) {
                // 38% → 38: not the same quantity; say both.
                let show = |m: &Metric| {
                    Value::from(format!(
                        "{}{}",
                        number(m.value),
                        m.unit.as_deref().unwrap_or("")
                    ))
                };
                out.push(
                    self.change(What::Changed, field)
                        .values(before.as_ref().map(show), Some(show(m))),
                );
                continue;
            }
            self.amount(
                out,
                &field,
                before.map(|b| b.value),
                Some(m.value),
                unit.as_deref(),
            );
        }
        for m in old.iter().filter(|m| find(new, &m.name).is_none()) {
            self.amount(
                out,
                &format!("metrics.{}", m.name),
                Some(m.value),
                None,
                m.unit.as_deref(),
            );
        }
    }

    /// The blueprint lanes and the custom lanes' entries.
    pub(crate) fn lane_texts(
        &self,
        out: &mut Vec<Change>,
        old: &LaneTexts,
        new: &LaneTexts,
        lane: &dyn Fn(&str) -> String,
    ) {
        self.texts(out, "evidence", &old.evidence, &new.evidence);
        self.texts(out, "frontstage", &old.frontstage, &new.frontstage);
        self.texts(out, "backstage", &old.backstage, &new.backstage);
        self.texts(out, "support", &old.support, &new.support);
        // Custom entries by lane (old lane IDs in new IDs): texts added or
        // removed, a score entry changed with its delta.
        let mut lanes: Vec<String> = Vec::new();
        let entries = |list: &[CustomEntry], map: &dyn Fn(&str) -> String| {
            let mut by: BTreeMap<String, LaneEntries> = BTreeMap::new();
            for e in list {
                match e {
                    CustomEntry::Text { lane, text } => {
                        by.entry(map(lane)).or_default().0.push(text.clone())
                    }
                    CustomEntry::Score { lane, score, label } => by
                        .entry(map(lane))
                        .or_default()
                        .1
                        .push((*score, label.clone())),
                }
            }
            by
        };
        let a = entries(&old.custom, lane);
        let b = entries(&new.custom, &|l| l.to_string());
        for key in b.keys().chain(a.keys()) {
            if !lanes.contains(key) {
                lanes.push(key.clone());
            }
        }
        let empty = (Vec::new(), Vec::new());
        for key in &lanes {
            let (ta, sa) = a.get(key).unwrap_or(&empty);
            let (tb, sb) = b.get(key).unwrap_or(&empty);
            let field = format!("custom.{key}");
            self.texts(out, &field, ta, tb);
            let score = |s: &[(f64, Option<String>)]| s.first().map(|x| x.0);
            self.amount(out, &field, score(sa), score(sb), None);
            let label = |s: &[(f64, Option<String>)]| s.first().and_then(|x| x.1.clone());
            self.text(
                out,
                &format!("{field}.label"),
                label(sa).as_deref(),
                label(sb).as_deref(),
            );
        }
    }
}
