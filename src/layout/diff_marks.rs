//! The marks of a `cjm diff --format svg` drawn into the new map's Scene:
//! added elements outlined and tagged *new*, changed ones tagged *changed*,
//! the touchpoints removed from a stage listed in a *removed* note under
//! it, and each persona's old emotion curve faint and dashed behind the new
//! one. Found by the groups layout already tags (`touchpoint`, `stage`,
//! `emotion-point` with their `data-id`), so the map itself is unchanged.

use super::cell::SMALL_BOLD;
use super::scene::{Cmd, Group, Item, Paint, PathShape, Rect, RectShape, Scene, Stroke};
use super::textbox::{Align, place, wrap};
use crate::model::Journey;

/// What to mark, by the new version's IDs.
#[derive(Debug, Default)]
pub(crate) struct Marks {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    /// Stage ID → labels of the touchpoints it lost.
    pub removed: Vec<(String, Vec<String>)>,
    /// (persona, touchpoint, old score) of every old emotion point whose
    /// touchpoint is still on the map.
    pub old_scores: Vec<(Option<String>, String, i8)>,
}

/// How far a tag sits from the element's end corner.
const TAG_INSET: f32 = 10.0;

pub(crate) fn mark(scene: &mut Scene, marks: &Marks, journey: &Journey) {
    let words = super::words::for_journey(journey);
    let mut found = Found::default();
    walk(&scene.items, &mut found);
    let mut overlay = Vec::new();
    for (ids, class, word, paint) in [
        (
            &marks.added,
            "diff-added",
            words.diff_new,
            Paint::Opportunity,
        ),
        (
            &marks.changed,
            "diff-changed",
            words.diff_changed,
            Paint::Moment,
        ),
    ] {
        for id in ids {
            let Some(rect) = found.boxes.iter().find(|(i, _)| i == id).map(|(_, r)| *r) else {
                continue;
            };
            overlay.push(tag(rect, class, word, paint, id, scene.rtl));
        }
    }
    // Removed touchpoints: a note per stage in a band added under the map.
    let band_top = scene.height;
    let mut band_h: f32 = 0.0;
    for (stage, labels) in &marks.removed {
        let Some(rect) = found
            .stages
            .iter()
            .find(|(i, _)| i == stage)
            .map(|(_, r)| *r)
        else {
            continue;
        };
        let text = format!("{}: {}", words.diff_removed, labels.join(", "));
        let w = (rect.w - 16.0).max(40.0);
        let wrapped = wrap(&text, SMALL_BOLD, w - 12.0, scene.rtl);
        let mut tb = place(
            &wrapped,
            rect.x + 14.0,
            band_top + 14.0,
            w - 12.0,
            Align::Start,
            Paint::Pain,
            Paint::PainBg,
        );
        tb.halo = false;
        let h = tb.bbox.h + 12.0;
        band_h = band_h.max(h + 16.0);
        let mut g = Group::new("diff-removed").with("stage", stage);
        g.items.push(Item::Rect(RectShape {
            rect: Rect::new(rect.x + 8.0, band_top + 8.0, w, h),
            radius: 6.0,
            fill: Some(Paint::PainBg),
            stroke: Some(Stroke {
                paint: Paint::Pain,
                width: 1.0,
                dash: Some((4.0, 3.0)),
            }),
        }));
        g.items.push(Item::Text(tb));
        overlay.push(Item::Group(Box::new(g)));
    }
    if band_h > 0.0 {
        scene.height += band_h;
        if let Some(Item::Rect(page)) = scene.items.first_mut() {
            page.rect.h = scene.height;
        }
    }
    old_curves(scene, &found, marks);
    scene.items.extend(overlay);
}

/// Outline and a small tag in the element's top end corner.
fn tag(rect: Rect, class: &'static str, word: &str, paint: Paint, id: &str, rtl: bool) -> Item {
    let mut g = Group::new(class).with("id", id);
    g.items.push(Item::Rect(RectShape {
        rect: Rect::new(rect.x - 2.0, rect.y - 2.0, rect.w + 4.0, rect.h + 4.0),
        radius: 9.0,
        fill: None,
        stroke: Some(Stroke::solid(paint, 2.5)),
    }));
    let wrapped = wrap(word, SMALL_BOLD, 200.0, false);
    let w = wrapped.width() + 10.0;
    let h = wrapped.height() + 2.0;
    // At the end corner, away from where a card's chip and a stage's
    // number start, and astride the top edge so it covers none of the
    // element's own text.
    let x = if rtl {
        rect.x + TAG_INSET
    } else {
        rect.x + rect.w - w - TAG_INSET
    };
    let y = rect.y - h / 2.0;
    g.items.push(Item::Rect(RectShape {
        rect: Rect::new(x, y, w, h),
        radius: h / 2.0,
        fill: Some(paint),
        stroke: None,
    }));
    let tb = place(
        &wrapped,
        x + 5.0,
        y + 1.0,
        w - 10.0,
        Align::Center,
        Paint::Page,
        paint,
    );
    g.items.push(Item::Text(tb));
    Item::Group(Box::new(g))
}

#[derive(Default)]
struct Found {
    boxes: Vec<(String, Rect)>,
    stages: Vec<(String, Rect)>,
    /// Each new emotion point.
    points: Vec<Point>,
}

struct Point {
    touchpoint: String,
    persona: Option<String>,
    score: i8,
    x: f32,
    y: f32,
    /// The persona's colour, from the point's marker.
    paint: Option<Paint>,
}

fn data<'g>(g: &'g Group, name: &str) -> Option<&'g str> {
    g.data
        .iter()
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.as_str())
}

fn walk(items: &[Item], found: &mut Found) {
    for item in items {
        let Item::Group(g) = item else { continue };
        let first_rect = g.items.iter().find_map(|i| match i {
            Item::Rect(r) => Some(r.rect),
            _ => None,
        });
        match (g.class, data(g, "id"), first_rect) {
            (Some("touchpoint"), Some(id), Some(r)) => found.boxes.push((id.to_string(), r)),
            (Some("stage"), Some(id), Some(r)) => {
                found.boxes.push((id.to_string(), r));
                found.stages.push((id.to_string(), r));
            }
            (Some("emotion-point"), Some(id), _) => {
                let score = data(g, "score").and_then(|s| s.parse().ok());
                if let (Some(score), Some((x, y))) = (score, marker_centre(g)) {
                    found.points.push(Point {
                        touchpoint: id.to_string(),
                        persona: data(g, "persona").map(str::to_string),
                        score,
                        x,
                        y,
                        paint: marker_paint(g),
                    });
                }
            }
            _ => {}
        }
        walk(&g.items, found);
    }
}

/// The centre of a point's marker: the middle of its shapes other than the
/// label and the lowest-point ring.
fn marker_centre(g: &Group) -> Option<(f32, f32)> {
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    let mut add = |x: f32, y: f32| {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    };
    for item in &g.items {
        match item {
            Item::Circle(c) if c.r < 17.0 => {
                add(c.cx - c.r, c.cy - c.r);
                add(c.cx + c.r, c.cy + c.r);
            }
            Item::Rect(r) => {
                add(r.rect.x, r.rect.y);
                add(r.rect.x + r.rect.w, r.rect.y + r.rect.h);
            }
            Item::Path(p) => {
                for c in &p.cmds {
                    match *c {
                        Cmd::Move(x, y) | Cmd::Line(x, y) | Cmd::Cubic(_, _, _, _, x, y) => {
                            add(x, y)
                        }
                        Cmd::Close => {}
                    }
                }
            }
            _ => {}
        }
    }
    (x0 <= x1).then(|| ((x0 + x1) / 2.0, (y0 + y1) / 2.0))
}

/// The stroke colour of a point's marker ring: the persona's colour.
fn marker_paint(g: &Group) -> Option<Paint> {
    g.items.iter().find_map(|i| match i {
        Item::Circle(c) if c.r < 17.0 => c.stroke.map(|s| s.paint),
        _ => None,
    })
}

/// Each persona's old curve, drawn before the first emotion curve or point
/// of the lane so the new one is on top.
fn old_curves(scene: &mut Scene, found: &Found, marks: &Marks) {
    let Some(first) = found.points.first() else {
        return;
    };
    // The lane's scale, from any new point: y of a score = offset + level.
    let offset = first.y - super::emotion::level_y(first.score);
    let mut personas: Vec<&Option<String>> = Vec::new();
    for (p, ..) in &marks.old_scores {
        if !personas.contains(&p) {
            personas.push(p);
        }
    }
    let mut curves = Vec::new();
    for persona in personas {
        let mine = || found.points.iter().filter(|p| &p.persona == persona);
        let paint = mine().find_map(|p| p.paint).unwrap_or(Paint::Muted);
        let mut pts: Vec<(f32, f32)> = mine()
            .filter_map(|p| {
                let old = marks
                    .old_scores
                    .iter()
                    .find(|(q, t, _)| q == persona && *t == p.touchpoint)?;
                Some((p.x, offset + super::emotion::level_y(old.2)))
            })
            .collect();
        // A curve that did not move would hide under the new one: only
        // changed curves get their old line.
        let unchanged = pts.len() == mine().count()
            && mine().all(|p| {
                marks
                    .old_scores
                    .iter()
                    .any(|(q, t, s)| q == persona && *t == p.touchpoint && *s == p.score)
            });
        if unchanged {
            continue;
        }
        pts.sort_by(|a, b| a.0.total_cmp(&b.0));
        if pts.len() < 2 {
            continue;
        }
        let mut cmds = vec![Cmd::Move(pts[0].0, pts[0].1)];
        for w in pts.windows(2) {
            let dx = w[1].0 - w[0].0;
            cmds.push(Cmd::Cubic(
                w[0].0 + dx * 0.5,
                w[0].1,
                w[1].0 - dx * 0.5,
                w[1].1,
                w[1].0,
                w[1].1,
            ));
        }
        let mut g = Group::new("diff-old-curve");
        if let Some(p) = persona {
            g = g.with("persona", p);
        }
        g.opacity = Some(0.45);
        g.items.push(Item::Path(PathShape {
            cmds,
            fill: None,
            stroke: Some(Stroke {
                paint,
                width: 2.0,
                dash: Some((5.0, 4.0)),
            }),
        }));
        curves.push(Item::Group(Box::new(g)));
    }
    if !insert_before_curves(&mut scene.items, &mut curves) {
        scene.items.extend(curves);
    }
}

/// Puts `curves` just before the first item of the list that holds the
/// emotion points; false if there is none.
fn insert_before_curves(items: &mut Vec<Item>, curves: &mut Vec<Item>) -> bool {
    let holds = items
        .iter()
        .any(|i| matches!(i, Item::Group(g) if g.class == Some("emotion-point")));
    if holds {
        let at = items
            .iter()
            .position(|i| {
                matches!(i, Item::Path(_))
                    || matches!(i, Item::Group(g) if g.class == Some("emotion-point"))
            })
            .unwrap_or(0);
        let tail = items.split_off(at);
        items.append(curves);
        items.extend(tail);
        return true;
    }
    items.iter_mut().any(|i| match i {
        Item::Group(g) => insert_before_curves(&mut g.items, curves),
        _ => false,
    })
}
