//! Helpers for the layout's unit tests: what a laid-out map shows.

use super::scene::{Item, Scene};
use crate::model::Journey;

/// The groups of `class` in drawing order, with their `data-*` values.
pub(crate) fn groups<'s>(scene: &'s Scene, class: &str) -> Vec<&'s super::scene::Group> {
    fn walk<'s>(items: &'s [Item], class: &str, out: &mut Vec<&'s super::scene::Group>) {
        for item in items {
            if let Item::Group(g) = item {
                if g.class == Some(class) {
                    out.push(g);
                }
                walk(&g.items, class, out);
            }
        }
    }
    let mut out = Vec::new();
    walk(&scene.items, class, &mut out);
    out
}

/// A group's `data-NAME` value.
pub(crate) fn data<'g>(g: &'g super::scene::Group, name: &str) -> Option<&'g str> {
    g.data
        .iter()
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.as_str())
}

/// The `data-lane` of every lane drawn, top to bottom.
pub(crate) fn lane_ids(j: &Journey) -> Vec<String> {
    let scene = super::layout(j);
    groups(&scene, "lane")
        .into_iter()
        .filter_map(|g| data(g, "lane").map(str::to_string))
        .collect()
}

#[test]
fn flows_are_drawn_only_with_the_touchpoints_lane() {
    let mut j = crate::model::sample::sample();
    let loops = |j: &Journey| groups(&super::layout(j), "loop").len();
    assert_eq!(loops(&j), 1);
    j.lane_order = Some(vec!["emotion".into(), "pains".into()]);
    assert_eq!(loops(&j), 0);
    j.lane_order = Some(vec!["emotion".into(), "touchpoints".into()]);
    assert_eq!(loops(&j), 1);
}
