//! `--format svg`: the new map, laid out as `cjm build` lays it out, with
//! the diff's marks added to its Scene (`layout::mark_diff`).

use super::matching::Renames;
use super::{Diff, Kind, What};
use crate::layout::Marks;
use crate::render::RenderOptions;

/// The SVG of the new version with the diff marked; `None` when the new
/// side does not exist (a deleted file has no map).
pub fn svg(diff: &Diff, options: &RenderOptions) -> Option<String> {
    let new = diff.new.journey?;
    Some(crate::render::svg_scene(new, scene(diff)?, options))
}

/// The boxes of the marked map, for the geometry test.
#[doc(hidden)]
pub fn debug_boxes(diff: &Diff) -> Option<crate::layout::debug::Boxes> {
    Some(crate::layout::debug_boxes_of(scene(diff)?))
}

/// The new map's Scene with the marks.
fn scene(diff: &Diff) -> Option<crate::layout::scene::Scene> {
    let new = diff.new.journey?;
    let mut marks = Marks::default();
    for c in &diff.changes {
        let whole = c.field.is_none();
        match (c.kind, c.change) {
            (Kind::Touchpoint | Kind::Stage, What::Added) if whole => {
                marks.added.extend(c.id.clone());
            }
            (Kind::Touchpoint, What::Removed) if whole => {
                let label = c.old.as_ref().and_then(|v| v.as_str()).unwrap_or_default();
                // A touchpoint whose stage went too is listed under the
                // map's last stage, so nothing removed goes unmentioned.
                let stage = c
                    .stage
                    .clone()
                    .filter(|s| new.stages.iter().any(|n| &n.id == s))
                    .or_else(|| new.stages.last().map(|s| s.id.clone()))
                    .unwrap_or_default();
                match marks.removed.iter_mut().find(|(s, _)| *s == stage) {
                    Some((_, labels)) => labels.push(label.to_string()),
                    None => marks.removed.push((stage, vec![label.to_string()])),
                }
            }
            (Kind::Stage, What::Removed) if whole => {}
            _ => {
                let id = c.touchpoint.clone().or(c.stage.clone());
                if let Some(id) = id
                    && !marks.changed.contains(&id)
                    && !marks.added.contains(&id)
                {
                    marks.changed.push(id);
                }
            }
        }
    }
    if let Some(old) = diff.old.journey {
        let renames = Renames::find(old, new);
        for t in old.touchpoints() {
            let id = renames.map(Kind::Touchpoint, &t.id);
            if !new.touchpoints().any(|n| n.id == id) {
                continue;
            }
            for e in &t.emotions {
                let persona = e
                    .persona
                    .as_deref()
                    .map(|p| renames.map(Kind::Persona, p).to_string());
                marks
                    .old_scores
                    .push((persona, id.to_string(), e.score.clamp(-2, 2)));
            }
        }
    }
    let mut scene = crate::layout::layout_view(new, &crate::layout::View::default());
    crate::layout::mark_diff(&mut scene, &marks, new);
    Some(scene)
}
