//! The lanes (rows) of the grid. Each lane builds its content with x
//! absolute and y from the lane's top; `mod.rs` stacks them.

use super::CELL_PAD;
use super::Ctx;
use super::card;
use super::cell::{self, Cell, ItemKind, list, metric_row};
use super::emotion;
use super::funnel;
use super::grid::Grid;
use super::icons;
use super::scene::{Group, Item, Paint, translate_all};
use super::words;
use crate::model::{Stage, Touchpoint};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lane {
    Touchpoints,
    Actions,
    Thoughts,
    Emotion,
    Pains,
    Opportunities,
    Insights,
    Metrics,
    Funnel,
}

impl Lane {
    pub(crate) const ALL: [Lane; 9] = [
        Lane::Touchpoints,
        Lane::Actions,
        Lane::Thoughts,
        Lane::Emotion,
        Lane::Pains,
        Lane::Opportunities,
        Lane::Insights,
        Lane::Metrics,
        Lane::Funnel,
    ];

    /// The `data-lane` name.
    pub(crate) fn id(self) -> &'static str {
        match self {
            Lane::Touchpoints => "touchpoints",
            Lane::Actions => "actions",
            Lane::Thoughts => "thoughts",
            Lane::Emotion => "emotion",
            Lane::Pains => "pains",
            Lane::Opportunities => "opportunities",
            Lane::Insights => "insights",
            Lane::Metrics => "metrics",
            Lane::Funnel => "funnel",
        }
    }

    pub(crate) fn title(self, w: &words::Words) -> &'static str {
        match self {
            Lane::Touchpoints => w.touchpoints,
            Lane::Actions => w.actions,
            Lane::Thoughts => w.thoughts,
            Lane::Emotion => w.emotion,
            Lane::Pains => w.pains,
            Lane::Opportunities => w.opportunities,
            Lane::Insights => w.insights,
            Lane::Metrics => w.metrics,
            Lane::Funnel => w.funnel,
        }
    }

    /// Lanes with nothing in them anywhere are left out.
    pub(crate) fn present(self, ctx: &Ctx) -> bool {
        let j = ctx.journey;
        let any_tp = |f: &dyn Fn(&Touchpoint) -> bool| j.touchpoints().any(f);
        let any_stage = |f: &dyn Fn(&Stage) -> bool| j.stages.iter().any(f);
        match self {
            Lane::Touchpoints => any_tp(&|_| true),
            Lane::Actions => any_tp(&|t| !t.actions.is_empty()),
            Lane::Thoughts => any_tp(&|t| !t.thoughts.is_empty()),
            Lane::Emotion => any_tp(&|t| !t.emotions.is_empty()),
            Lane::Pains => any_tp(&|t| !t.pains.is_empty()) || any_stage(&|s| !s.pains.is_empty()),
            Lane::Opportunities => {
                any_tp(&|t| !t.opportunities.is_empty())
                    || any_stage(&|s| !s.opportunities.is_empty())
            }
            Lane::Insights => {
                any_tp(&|t| !t.insights.is_empty()) || any_stage(&|s| !s.insights.is_empty())
            }
            Lane::Metrics => {
                any_tp(&|t| !t.metrics.is_empty() || t.reach.is_some())
                    || any_stage(&|s| !s.metrics.is_empty())
            }
            Lane::Funnel => any_stage(&|s| s.reach.is_some()),
        }
    }
}

/// A lane's content (x absolute, y from the lane top) and its height.
pub(crate) fn content(ctx: &Ctx, grid: &Grid, lane: Lane) -> Cell {
    match lane {
        Lane::Emotion => emotion::lane(ctx, grid),
        Lane::Funnel => funnel::lane(ctx, grid),
        Lane::Touchpoints => cards(ctx, grid),
        _ => cells(ctx, grid, lane),
    }
}

/// Per-touchpoint cells, and under them per-stage cells spanning the stage.
///
/// Stages are laid out on all cores (a few lanes hold most of a big map's
/// text, so the lanes alone leave cores idle), collected in map order so
/// the scene is the same as laid out one after the other.
fn cells(ctx: &Ctx, grid: &Grid, lane: Lane) -> Cell {
    use rayon::prelude::*;
    let stages: Vec<(Vec<Item>, f32)> = (0..ctx.journey.stages.len())
        .into_par_iter()
        .with_min_len(super::MIN_STAGES_PER_TASK)
        .map(|s| stage_cells(ctx, grid, lane, s))
        .collect();
    let mut items = Vec::with_capacity(stages.iter().map(|(i, _)| i.len()).sum());
    let mut h: f32 = 0.0;
    for (stage_items, total) in stages {
        items.extend(stage_items);
        h = h.max(total);
    }
    Cell {
        items,
        h: h + 2.0 * CELL_PAD,
    }
}

/// One stage's part of a lane: its items (x absolute, y from the lane's
/// top) and the height they take.
fn stage_cells(ctx: &Ctx, grid: &Grid, lane: Lane, s: usize) -> (Vec<Item>, f32) {
    let rtl = ctx.rtl;
    let stage = &ctx.journey.stages[s];
    let mut items = Vec::new();
    let bg = Paint::Lane((s % 2) as u8);
    let (first, n) = grid.stages[s];
    let mut tallest: f32 = 0.0;
    let mut placed = Vec::new();
    for col in &grid.cols[first..first + n] {
        let Some(t) = col.tp else { continue };
        let tp = &stage.touchpoints[t];
        let w = col.w - 2.0 * CELL_PAD;
        let c = tp_cell(tp, lane, w, bg, rtl, ctx.words.reach);
        tallest = tallest.max(c.h);
        placed.push((col.x + CELL_PAD, c));
    }
    for (x, c) in placed {
        items.extend(c.moved(x, CELL_PAD));
    }
    let (sx, sw) = grid.stage_span(s);
    // A metric's name and value drift apart across a wide stage: keep
    // the stage's metrics as wide as one column.
    let w = if lane == Lane::Metrics {
        grid.cols[first].w.min(sw)
    } else {
        sw
    };
    let sc = stage_cell(stage, lane, w - 2.0 * CELL_PAD, bg, rtl);
    let mut total = tallest;
    if sc.h > 0.0 {
        let y = if tallest > 0.0 { tallest + 8.0 } else { 0.0 };
        total = y + sc.h;
        items.extend(sc.moved(sx + CELL_PAD, CELL_PAD + y));
    }
    (items, total)
}

fn tp_cell(tp: &Touchpoint, lane: Lane, w: f32, bg: Paint, rtl: bool, reach_word: &str) -> Cell {
    match lane {
        Lane::Actions => list(&tp.actions, ItemKind::Action, w, bg, rtl),
        Lane::Thoughts => list(&tp.thoughts, ItemKind::Thought, w, bg, rtl),
        Lane::Pains => list(&tp.pains, ItemKind::Pain, w, bg, rtl),
        Lane::Opportunities => list(&tp.opportunities, ItemKind::Opportunity, w, bg, rtl),
        Lane::Insights => list(&tp.insights, ItemKind::Insight, w, bg, rtl),
        Lane::Metrics => metrics_cell(tp.reach, &tp.metrics, w, bg, rtl, Some(reach_word)),
        _ => Cell::default(),
    }
}

fn stage_cell(stage: &Stage, lane: Lane, w: f32, bg: Paint, rtl: bool) -> Cell {
    match lane {
        Lane::Pains => list(&stage.pains, ItemKind::Pain, w, bg, rtl),
        Lane::Opportunities => list(&stage.opportunities, ItemKind::Opportunity, w, bg, rtl),
        Lane::Insights => list(&stage.insights, ItemKind::Insight, w, bg, rtl),
        Lane::Metrics => metrics_cell(None, &stage.metrics, w, bg, rtl, None),
        _ => Cell::default(),
    }
}

fn metrics_cell(
    reach: Option<u64>,
    metrics: &[crate::model::Metric],
    w: f32,
    bg: Paint,
    rtl: bool,
    reach_word: Option<&str>,
) -> Cell {
    let mut c = Cell::default();
    if let (Some(r), Some(word)) = (reach, reach_word) {
        c.stack(metric_row(word, &words::number(r as f64), w, bg, rtl), 4.0);
    }
    for m in metrics {
        let value = words::metric(m.value, m.unit.as_deref());
        c.stack(metric_row(&m.name, &value, w, bg, rtl), 4.0);
    }
    c
}

/// Touchpoint cards, all stretched to the row's height, with a chevron
/// between consecutive cards for the default order.
fn cards(ctx: &Ctx, grid: &Grid) -> Cell {
    use rayon::prelude::*;
    let j = ctx.journey;
    // Cards are built on all cores, in column order (see `cells`).
    let built: Vec<_> = grid
        .cols
        .par_iter()
        .with_min_len(MIN_CARDS_PER_TASK)
        .filter_map(|col| {
            let stage = &j.stages[col.stage];
            let tp = &stage.touchpoints[col.tp?];
            let c = card::touchpoint(ctx, stage, tp, col.w - 2.0 * CARD_GAP);
            Some((col, tp, c))
        })
        .collect();
    let tallest = built.iter().map(|(_, _, c)| c.h).fold(0.0, f32::max);
    let mut items = Vec::new();
    for (col, tp, mut c) in built {
        if let Some(Item::Rect(r)) = c.items.first_mut() {
            r.rect.h = tallest;
        }
        translate_all(&mut c.items, col.x + CARD_GAP, CELL_PAD);
        let mut g = Group::new("touchpoint")
            .with("id", &tp.id)
            .titled(tp.label.clone());
        g.items = c.items;
        items.push(Item::Group(Box::new(g)));
    }
    // An empty stage shows an empty slot: the gap where customers drop.
    for col in grid.cols.iter().filter(|c| c.tp.is_none()) {
        items.push(cell::rect(
            super::scene::Rect::new(
                col.x + CARD_GAP,
                CELL_PAD,
                col.w - 2.0 * CARD_GAP,
                tallest.max(40.0),
            ),
            8.0,
            None,
            Some(super::scene::Stroke {
                paint: Paint::Border,
                width: 1.5,
                dash: Some((6.0, 5.0)),
            }),
        ));
    }
    let mid = CELL_PAD + tallest / 2.0;
    for w in grid.cols.windows(2) {
        if w[0].tp.is_some() && w[1].tp.is_some() {
            items.push(icons::chevron(w[1].x, mid, 9.0, Paint::Muted));
        }
    }
    Cell {
        items,
        h: tallest + 2.0 * CELL_PAD,
    }
}

/// Cards built on one thread before another takes over: a small map is
/// built whole on one thread (many small maps already fill the cores).
const MIN_CARDS_PER_TASK: usize = 16;

/// Space between a card and its column's edge.
pub(crate) const CARD_GAP: f32 = 10.0;

/// The lane header cell at `(0, 0)`, `w` wide: its name, and for the
/// emotion lane the scale and the legend.
pub(crate) fn header(ctx: &Ctx, lane: Lane, w: f32) -> Cell {
    let inner = w - 2.0 * CELL_PAD;
    // The lane's icon before its name doubles as the legend of the icons
    // in its cells.
    const ICON: f32 = 16.0;
    let lh = crate::text::line_height(super::textbox::style(14.0, true));
    let (ix, iy) = (CELL_PAD + ICON / 2.0, CELL_PAD + lh / 2.0);
    let icon = match lane {
        Lane::Actions => icons::step(ix, iy, ICON),
        Lane::Pains => icons::warning(ix, iy, ICON),
        Lane::Opportunities => icons::bulb(ix, iy, ICON),
        Lane::Insights => icons::info(ix, iy, ICON),
        Lane::Thoughts => icons::bubble(ix, iy, ICON),
        Lane::Metrics => icons::bars(ix, iy, ICON),
        Lane::Funnel => icons::funnel(ix, iy, ICON),
        Lane::Touchpoints => icons::card(ix, iy, ICON),
        Lane::Emotion => icons::face(ix, iy, ICON),
    };
    let shift = if icon.is_empty() { 0.0 } else { ICON + 8.0 };
    let title_w = if lane == Lane::Emotion {
        emotion::title_width(inner) - shift
    } else {
        inner - shift
    };
    let title = cell::text(
        lane.title(ctx.words),
        super::textbox::style(14.0, true),
        title_w,
        Paint::Text,
        Paint::LaneHeader,
        ctx.rtl,
    );
    let title_h = title.h;
    let mut c = Cell::default();
    c.items.extend(icon);
    c.items.extend(title.moved(CELL_PAD + shift, CELL_PAD));
    c.h = title_h + 2.0 * CELL_PAD;
    if lane == Lane::Emotion {
        let extras = emotion::header_extras(ctx, inner, CELL_PAD + title_h + 10.0);
        c.h = c.h.max(extras.h + CELL_PAD);
        c.items.extend(extras.moved(CELL_PAD, 0.0));
    }
    c
}
