//! Model + text metrics → Scene: every box, text line, curve point and
//! arrow in absolute coordinates. Renderers only write the Scene down.
//!
//! Everything is laid out left to right; a right-to-left map is mirrored
//! once at the end (`Scene::mirror`), text runs keeping the visual order
//! `text::wrap` gave them.

mod blueprint;
mod card;
mod cell;
mod diff_marks;
mod emotion;
mod flows;
mod funnel;
mod grid;
mod header;
mod icons;
mod lanes;
pub(crate) mod scene;
mod score;
mod textbox;
mod view;
pub(crate) use diff_marks::{Marks, mark as mark_diff};
pub(crate) use textbox::sanitize;
pub use view::{UnknownName, View};
mod words;

#[cfg(test)]
mod parallel_tests;
#[cfg(test)]
pub(crate) mod tests;

use crate::model::{Direction, Journey};
use cell::{Cell, rect};
use grid::Grid;
use scene::{Cmd, Group, Item, Paint, PathShape, Rect, Scene, Stroke};

pub(crate) const MARGIN: f32 = 32.0;
pub(crate) const LANE_HEAD_W: f32 = 168.0;
pub(crate) const CELL_PAD: f32 = 12.0;
/// Stages laid out on one thread before another takes over: a small map
/// is laid out lane by lane without splitting further (when many small
/// maps are built at once, they already fill the cores, and splitting
/// them only adds hand-overs between threads).
pub(crate) const MIN_STAGES_PER_TASK: usize = 4;

/// The header needs some room even for a one-stage map.
const MIN_CONTENT_W: f32 = 720.0;

pub(crate) struct Ctx<'a> {
    pub journey: &'a Journey,
    pub rtl: bool,
    pub words: &'static words::Words,
    /// The team a `--team` view highlights.
    pub team: Option<&'a str>,
    /// Per persona drawn, its place among the file's personas: a persona
    /// keeps its colour and dash in a `--persona` view.
    pub persona_styles: Vec<usize>,
}

impl Ctx<'_> {
    /// Whether a stage's or touchpoint's owners fade in a `--team` view.
    pub(crate) fn fades(&self, owners: &[String]) -> bool {
        self.team.is_some_and(|t| !owners.iter().any(|o| o == t))
    }

    /// The colour and dash index of the `i`th persona drawn.
    pub(crate) fn persona_style(&self, i: usize) -> usize {
        self.persona_styles.get(i).copied().unwrap_or(i)
    }
}

/// How much of its colour a stage or touchpoint that the `--team` view's
/// team does not own keeps: about a third of its contrast, still readable.
pub(crate) const FADED: f32 = 0.35;

/// Lays out the whole map, as the file says (the unit tests' entry).
#[cfg(test)]
pub(crate) fn layout(journey: &Journey) -> Scene {
    layout_view(journey, &View::default())
}

/// Lays out the map in a view of the file.
pub(crate) fn layout_view(journey: &Journey, view: &View) -> Scene {
    let persona_styles = match &view.personas {
        Some(keep) => journey
            .personas
            .iter()
            .enumerate()
            .filter(|(_, p)| keep.contains(&p.id))
            .map(|(i, _)| i)
            .collect(),
        None => Vec::new(),
    };
    let filtered;
    let journey = match &view.personas {
        Some(keep) => {
            filtered = view::keep_personas(journey, keep);
            &filtered
        }
        None => journey,
    };
    let ctx = Ctx {
        journey,
        rtl: journey.direction == Direction::Rtl,
        words: words::for_journey(journey),
        team: view.team.as_deref(),
        persona_styles,
    };
    let grid = Grid::new(journey, MARGIN + LANE_HEAD_W, MIN_CONTENT_W - LANE_HEAD_W);
    let content_w = (grid.right - MARGIN).max(MIN_CONTENT_W);
    let width = content_w + 2.0 * MARGIN;

    // The lanes drawn, top to bottom: computed once, read by every part.
    let order = view.lanes.as_deref().or(journey.lane_order.as_deref());
    let plan = lanes::plan(&ctx, order);
    // Flows run between cards: without the cards there is nothing to join.
    let flows_drawn = plan.iter().any(|l| matches!(l.body, lanes::Body::Cards));
    let flow_band = |loops: bool| {
        if flows_drawn {
            flows::band(&ctx, &grid, loops)
        } else {
            Cell::default()
        }
    };

    let mut backgrounds = Vec::new();
    let mut lines = Vec::new();
    let mut front = Vec::new();

    let head = header::header(&ctx, content_w);
    let head_h = head.h;
    front.extend(head.moved(MARGIN, MARGIN));
    let mut y = MARGIN + head_h + 28.0;

    // Stage header band.
    let grid_top = y;
    // On all cores for a big map, collected in order.
    let built: Vec<Cell> = {
        use rayon::prelude::*;
        journey
            .stages
            .par_iter()
            .with_min_len(MIN_STAGES_PER_TASK)
            .enumerate()
            .map(|(s, stage)| {
                let (_, sw) = grid.stage_span(s);
                card::stage_header(
                    &ctx,
                    s,
                    stage,
                    sw - 2.0 * 14.0,
                    Paint::StageHeader((s % 2) as u8),
                )
            })
            .collect()
    };
    let band_h = built.iter().map(|c| c.h).fold(0.0, f32::max) + 2.0 * 14.0;
    for (s, (stage, c)) in journey.stages.iter().zip(built).enumerate() {
        let (sx, sw) = grid.stage_span(s);
        let mut g = Group::new("stage")
            .with("id", &stage.id)
            .titled(stage.label.clone());
        if ctx.fades(&stage.owners) {
            g.opacity = Some(FADED);
        }
        g.items.push(rect(
            Rect::new(sx, y, sw, band_h),
            0.0,
            Some(Paint::StageHeader((s % 2) as u8)),
            None,
        ));
        g.items.extend(c.moved(sx + 14.0, y + 14.0));
        front.push(Item::Group(Box::new(g)));
    }
    y += band_h;

    // Arcs of forward flows, drawn last but laid out above the cards.
    let arcs = flow_band(false);
    let arcs_y = y;
    y += arcs.h;

    // The lanes are laid out independently: on all cores for a big map
    // (collected in order, so the scene is the same).
    let contents: Vec<Cell> = {
        use rayon::prelude::*;
        plan.par_iter()
            .map(|lane| lanes::content(&ctx, &grid, lane))
            .collect()
    };
    for (lane, content) in plan.iter().zip(contents) {
        if let Some(band) = blueprint::band(&ctx, lane.id, MARGIN, grid.right) {
            let h = band.h;
            front.extend(band.moved(0.0, y));
            y += h;
        }
        let head = lanes::header(&ctx, lane, LANE_HEAD_W);
        let row_h = content.h.max(head.h);
        backgrounds.push(rect(
            Rect::new(MARGIN, y, LANE_HEAD_W, row_h),
            0.0,
            Some(Paint::LaneHeader),
            None,
        ));
        for s in 0..journey.stages.len() {
            let (sx, sw) = grid.stage_span(s);
            backgrounds.push(rect(
                Rect::new(sx, y, sw, row_h),
                0.0,
                Some(Paint::Lane((s % 2) as u8)),
                None,
            ));
        }
        if matches!(lane.body, lanes::Body::Emotion) {
            let mut band = emotion::backdrop(&ctx, &grid, row_h);
            scene::translate_all(&mut band, 0.0, y);
            backgrounds.extend(band);
        }
        if let lanes::Body::CustomScore(l) = lane.body {
            let mut levels = score::backdrop(&grid, l);
            scene::translate_all(&mut levels, 0.0, y);
            backgrounds.extend(levels);
        }
        lines.push(hline(MARGIN, grid.right, y));
        let mut g = Group::new("lane").with("lane", lane.id);
        g.items.extend(head.moved(MARGIN, y));
        g.items.extend(content.moved(0.0, y));
        front.push(Item::Group(Box::new(g)));
        y += row_h;
    }
    let grid_bottom = y;
    lines.push(hline(MARGIN, grid.right, grid_bottom));
    // Stage boundaries run from the header band to the bottom.
    for s in 0..=journey.stages.len() {
        let x = if s < journey.stages.len() {
            grid.stage_span(s).0
        } else {
            grid.right
        };
        lines.push(Item::Path(PathShape {
            cmds: vec![Cmd::Move(x, grid_top), Cmd::Line(x, grid_bottom)],
            fill: None,
            stroke: Some(Stroke::solid(Paint::GridLine, 1.0)),
        }));
    }

    let loops = flow_band(true);
    let loops_h = loops.h;
    front.extend(arcs.moved(0.0, arcs_y));
    front.extend(loops.moved(0.0, grid_bottom));
    let height = grid_bottom + loops_h + MARGIN;

    let mut items = vec![rect(
        Rect::new(0.0, 0.0, width, height),
        0.0,
        Some(Paint::Page),
        None,
    )];
    items.extend(backgrounds);
    items.extend(lines);
    items.extend(front);
    let mut scene = Scene {
        width,
        height,
        rtl: ctx.rtl,
        items,
    };
    if scene.rtl {
        mirror(&mut scene);
    }
    scene
}

fn hline(x0: f32, x1: f32, y: f32) -> Item {
    Item::Path(PathShape {
        cmds: vec![Cmd::Move(x0, y), Cmd::Line(x1, y)],
        fill: None,
        stroke: Some(Stroke::solid(Paint::GridLine, 1.0)),
    })
}

/// The one place a right-to-left map is mirrored.
fn mirror(scene: &mut Scene) {
    let w = scene.width;
    let f = move |x: f32| w - x;
    scene.items.iter_mut().for_each(|i| i.map_x(&f));
}

/// Geometry of a laid-out map, for tests (not a stable API).
#[doc(hidden)]
pub mod debug {
    /// `[x, y, width, height]`.
    pub type Box4 = [f32; 4];

    #[derive(Debug, Clone)]
    pub struct TextBox {
        pub text: String,
        /// The box the text was wrapped into.
        pub bbox: Box4,
        /// Each line's ink box (line height tall).
        pub lines: Vec<Box4>,
        pub font_size: f32,
    }

    #[derive(Debug, Clone)]
    pub struct Boxes {
        pub width: f32,
        pub height: f32,
        pub texts: Vec<TextBox>,
        /// `(stage id, header rectangle)` in map order.
        pub stages: Vec<(String, Box4)>,
        /// `(touchpoint id, card rectangle)` in map order.
        pub cards: Vec<(String, Box4)>,
        /// The bounds of every rectangle, circle and path (control points
        /// included), without stroke width.
        pub shapes: Vec<Box4>,
        /// `(data-line, the line's bounds)` of each service blueprint line,
        /// top to bottom.
        pub blueprint_lines: Vec<(String, Box4)>,
        /// `(data-lane, its header text's box)` of each lane, top to bottom.
        pub lanes: Vec<(String, Box4)>,
    }
}

/// The boxes of the laid-out map, for geometry tests.
#[doc(hidden)]
pub fn debug_boxes(journey: &Journey) -> debug::Boxes {
    debug_boxes_view(journey, &View::default())
}

/// The boxes of the map laid out in a view.
#[doc(hidden)]
pub fn debug_boxes_view(journey: &Journey, view: &View) -> debug::Boxes {
    debug_boxes_of(layout_view(journey, view))
}

/// The boxes of a laid-out (and perhaps diff-marked) Scene.
pub(crate) fn debug_boxes_of(scene: Scene) -> debug::Boxes {
    let texts = scene::texts(&scene.items)
        .into_iter()
        .map(|t| debug::TextBox {
            text: t
                .lines
                .iter()
                .map(|l| {
                    l.runs
                        .iter()
                        .map(|r| r.text.as_str())
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect::<Vec<_>>()
                .join(" / "),
            bbox: [t.bbox.x, t.bbox.y, t.bbox.w, t.bbox.h],
            lines: t
                .lines
                .iter()
                .map(|l| [l.x, l.top, l.width, l.height])
                .collect(),
            font_size: t.style.size,
        })
        .collect();
    let mut stages = Vec::new();
    let mut cards = Vec::new();
    fn walk(
        items: &[Item],
        stages: &mut Vec<(String, debug::Box4)>,
        cards: &mut Vec<(String, debug::Box4)>,
    ) {
        for item in items {
            if let Item::Group(g) = item {
                let id = g
                    .data
                    .iter()
                    .find(|(k, _)| *k == "id")
                    .map(|(_, v)| v.clone());
                let first = g.items.iter().find_map(|i| match i {
                    Item::Rect(r) => Some([r.rect.x, r.rect.y, r.rect.w, r.rect.h]),
                    _ => None,
                });
                match (g.class, id, first) {
                    (Some("stage"), Some(id), Some(r)) => stages.push((id, r)),
                    (Some("touchpoint"), Some(id), Some(r)) => cards.push((id, r)),
                    _ => {}
                }
                walk(&g.items, stages, cards);
            }
        }
    }
    walk(&scene.items, &mut stages, &mut cards);
    let mut shapes = Vec::new();
    shape_bounds(&scene.items, &mut shapes);
    let mut blueprint_lines = Vec::new();
    for g in tests_support::groups(&scene.items, "blueprint-line") {
        let mut bounds = Vec::new();
        let paths: Vec<Item> = g
            .items
            .iter()
            .filter(|i| matches!(i, Item::Path(_)))
            .cloned()
            .collect();
        shape_bounds(&paths, &mut bounds);
        let name = tests_support::data(g, "line")
            .unwrap_or_default()
            .to_string();
        blueprint_lines.extend(bounds.into_iter().map(|b| (name.clone(), b)));
    }
    let lanes = tests_support::groups(&scene.items, "lane")
        .into_iter()
        .filter_map(|g| {
            let t = scene::texts(&g.items).into_iter().next()?;
            let name = tests_support::data(g, "lane")?.to_string();
            Some((name, [t.bbox.x, t.bbox.y, t.bbox.w, t.bbox.h]))
        })
        .collect();
    debug::Boxes {
        blueprint_lines,
        lanes,
        width: scene.width,
        height: scene.height,
        texts,
        stages,
        cards,
        shapes,
    }
}

/// Finding groups in a scene, for `debug_boxes` and the unit tests.
mod tests_support {
    use super::scene::{Group, Item};

    /// The groups of `class` in drawing order.
    pub(crate) fn groups<'s>(items: &'s [Item], class: &str) -> Vec<&'s Group> {
        fn walk<'s>(items: &'s [Item], class: &str, out: &mut Vec<&'s Group>) {
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
        walk(items, class, &mut out);
        out
    }

    /// A group's `data-NAME` value.
    pub(crate) fn data<'g>(g: &'g Group, name: &str) -> Option<&'g str> {
        g.data
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }
}

fn shape_bounds(items: &[Item], out: &mut Vec<debug::Box4>) {
    for item in items {
        match item {
            Item::Rect(r) => out.push([r.rect.x, r.rect.y, r.rect.w, r.rect.h]),
            Item::Circle(c) => out.push([c.cx - c.r, c.cy - c.r, 2.0 * c.r, 2.0 * c.r]),
            Item::Path(p) => {
                let mut pts = Vec::new();
                for c in &p.cmds {
                    match *c {
                        Cmd::Move(x, y) | Cmd::Line(x, y) => pts.push((x, y)),
                        Cmd::Cubic(a, b, c2, d, e, f) => pts.extend([(a, b), (c2, d), (e, f)]),
                        Cmd::Close => {}
                    }
                }
                if let Some(&(x0, y0)) = pts.first() {
                    let (mut x1, mut y1, mut x2, mut y2) = (x0, y0, x0, y0);
                    for &(x, y) in &pts {
                        x1 = x1.min(x);
                        y1 = y1.min(y);
                        x2 = x2.max(x);
                        y2 = y2.max(y);
                    }
                    out.push([x1, y1, x2 - x1, y2 - y1]);
                }
            }
            Item::Text(_) => {}
            Item::Group(g) => shape_bounds(&g.items, out),
        }
    }
}
