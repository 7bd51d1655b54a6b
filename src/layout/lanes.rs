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
use super::score;
use super::words;
use crate::model::{
    BUILTIN_LANES, CUSTOM_LANES_BEFORE, CustomEntry, Lane, LaneKind, Stage, Touchpoint,
};

/// How a lane's cells are built.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Body<'j> {
    /// The touchpoint cards.
    Cards,
    /// One curve per persona through the emotion scores.
    Emotion,
    /// Conversion and drop between stages with a reach.
    Funnel,
    /// Reach and metrics, per touchpoint and per stage.
    Metrics,
    /// A list of texts per touchpoint, and under them the stage's own.
    List {
        kind: ItemKind,
        touchpoint: fn(&Touchpoint) -> &[String],
        stage: fn(&Stage) -> &[String],
    },
    /// A custom text lane: its texts per touchpoint and per stage.
    CustomText(&'j Lane),
    /// A custom score lane: a neutral curve on the lane's own scale.
    CustomScore(&'j Lane),
}

/// Draws an icon: centre x and y, size.
type Icon = fn(f32, f32, f32) -> Vec<Item>;

/// A built-in lane: everything the map needs to know to draw it. The
/// default order is the language's (`model::BUILTIN_LANES`), not this
/// table's.
struct Builtin {
    /// The `data-lane` name, as in `model::BUILTIN_LANES`.
    id: &'static str,
    title: fn(&words::Words) -> &'static str,
    /// The icon before the lane's name (also the legend of its cells).
    icon: Icon,
    body: Body<'static>,
}

fn no_texts<T>(_: &T) -> &[String] {
    &[]
}

/// Every built-in lane the map draws. A new lane kind is one entry here.
const BUILTIN: [Builtin; 13] = [
    Builtin {
        id: "touchpoints",
        title: |w| w.touchpoints,
        icon: icons::card,
        body: Body::Cards,
    },
    Builtin {
        id: "evidence",
        title: |w| w.evidence,
        icon: icons::document,
        body: Body::List {
            kind: ItemKind::Evidence,
            touchpoint: |t| &t.lane_texts.evidence,
            stage: |s| &s.lane_texts.evidence,
        },
    },
    Builtin {
        id: "actions",
        title: |w| w.actions,
        icon: icons::step,
        body: Body::List {
            kind: ItemKind::Action,
            touchpoint: |t| &t.actions,
            stage: no_texts,
        },
    },
    Builtin {
        id: "thoughts",
        title: |w| w.thoughts,
        icon: icons::bubble,
        body: Body::List {
            kind: ItemKind::Thought,
            touchpoint: |t| &t.thoughts,
            stage: no_texts,
        },
    },
    Builtin {
        id: "emotion",
        title: |w| w.emotion,
        icon: icons::face,
        body: Body::Emotion,
    },
    Builtin {
        id: "frontstage",
        title: |w| w.frontstage,
        icon: icons::person,
        body: Body::List {
            kind: ItemKind::Frontstage,
            touchpoint: |t| &t.lane_texts.frontstage,
            stage: |s| &s.lane_texts.frontstage,
        },
    },
    Builtin {
        id: "backstage",
        title: |w| w.backstage,
        icon: icons::screened,
        body: Body::List {
            kind: ItemKind::Backstage,
            touchpoint: |t| &t.lane_texts.backstage,
            stage: |s| &s.lane_texts.backstage,
        },
    },
    Builtin {
        id: "support",
        title: |w| w.support,
        icon: icons::gear,
        body: Body::List {
            kind: ItemKind::Support,
            touchpoint: |t| &t.lane_texts.support,
            stage: |s| &s.lane_texts.support,
        },
    },
    Builtin {
        id: "pains",
        title: |w| w.pains,
        icon: icons::warning,
        body: Body::List {
            kind: ItemKind::Pain,
            touchpoint: |t| &t.pains,
            stage: |s| &s.pains,
        },
    },
    Builtin {
        id: "opportunities",
        title: |w| w.opportunities,
        icon: icons::bulb,
        body: Body::List {
            kind: ItemKind::Opportunity,
            touchpoint: |t| &t.opportunities,
            stage: |s| &s.opportunities,
        },
    },
    Builtin {
        id: "insights",
        title: |w| w.insights,
        icon: icons::info,
        body: Body::List {
            kind: ItemKind::Insight,
            touchpoint: |t| &t.insights,
            stage: |s| &s.insights,
        },
    },
    Builtin {
        id: "metrics",
        title: |w| w.metrics,
        icon: icons::bars,
        body: Body::Metrics,
    },
    Builtin {
        id: "funnel",
        title: |w| w.funnel,
        icon: icons::funnel,
        body: Body::Funnel,
    },
];

/// One lane of the map, as drawn: computed once per map by [`plan`].
#[derive(Debug, Clone, Copy)]
pub(crate) struct MapLane<'j> {
    /// The `data-lane` name.
    pub id: &'j str,
    pub title: &'j str,
    icon: Option<Icon>,
    pub body: Body<'j>,
}

impl<'j> MapLane<'j> {
    /// The lane called `name` (a built-in lane name or a custom lane ID).
    fn named(ctx: &Ctx<'j>, name: &str) -> Option<MapLane<'j>> {
        if let Some(b) = BUILTIN.iter().find(|b| b.id == name) {
            return Some(MapLane {
                id: b.id,
                title: (b.title)(ctx.words),
                icon: Some(b.icon),
                body: b.body,
            });
        }
        let lane = ctx.journey.lanes.iter().find(|l| l.id == name)?;
        let (body, icon): (Body, Icon) = match lane.kind {
            LaneKind::Text => (Body::CustomText(lane), icons::note),
            LaneKind::Score => (Body::CustomScore(lane), icons::sparkline),
        };
        Some(MapLane {
            id: &lane.id,
            title: &lane.label,
            icon: Some(icon),
            body,
        })
    }

    /// Whether the lane has anything in it anywhere (a lane with nothing
    /// is left out).
    fn present(&self, ctx: &Ctx) -> bool {
        let j = ctx.journey;
        match self.body {
            Body::Cards => j.touchpoints().next().is_some(),
            Body::Emotion => j.touchpoints().any(|t| !t.emotions.is_empty()),
            Body::Funnel => j.stages.iter().any(|s| s.reach.is_some()),
            Body::Metrics => {
                j.touchpoints()
                    .any(|t| !t.metrics.is_empty() || t.reach.is_some())
                    || j.stages.iter().any(|s| !s.metrics.is_empty())
            }
            Body::List {
                touchpoint, stage, ..
            } => {
                j.touchpoints().any(|t| !touchpoint(t).is_empty())
                    || j.stages.iter().any(|s| !stage(s).is_empty())
            }
            Body::CustomText(lane) | Body::CustomScore(lane) => {
                let holds = |texts: &crate::model::LaneTexts| {
                    texts.custom.iter().any(|e| entry_lane(e) == lane.id)
                };
                j.touchpoints().any(|t| holds(&t.lane_texts))
                    || j.stages.iter().any(|s| holds(&s.lane_texts))
            }
        }
    }
}

fn entry_lane(e: &CustomEntry) -> &str {
    match e {
        CustomEntry::Text { lane, .. } | CustomEntry::Score { lane, .. } => lane,
    }
}

/// The texts of the custom text lane `id` in `texts`, in source order.
fn custom_texts(texts: &crate::model::LaneTexts, id: &str) -> Vec<String> {
    texts
        .custom
        .iter()
        .filter_map(|e| match e {
            CustomEntry::Text { lane, text } if lane == id => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// The lanes the map draws, top to bottom: the names of `order` (a view's
/// or the file's `lanes`), or the default order, without the lanes that
/// hold nothing. Names the map cannot draw are skipped (the resolver and
/// the command line report unknown ones).
pub(crate) fn plan<'j>(ctx: &Ctx<'j>, order: Option<&'j [String]>) -> Vec<MapLane<'j>> {
    let names: Vec<&str> = match order {
        Some(names) => names.iter().map(String::as_str).collect(),
        None => default_order(ctx.journey),
    };
    names
        .into_iter()
        .filter_map(|name| MapLane::named(ctx, name))
        .filter(|lane| lane.present(ctx))
        .collect()
}

/// language.md §9: the built-in lanes, the custom lanes before
/// `CUSTOM_LANES_BEFORE`.
fn default_order(j: &crate::model::Journey) -> Vec<&str> {
    let mut names = Vec::with_capacity(BUILTIN_LANES.len() + j.lanes.len());
    for name in BUILTIN_LANES {
        if name == CUSTOM_LANES_BEFORE {
            names.extend(j.lanes.iter().map(|l| l.id.as_str()));
        }
        names.push(name);
    }
    names
}

/// A lane's content (x absolute, y from the lane top) and its height.
pub(crate) fn content(ctx: &Ctx, grid: &Grid, lane: &MapLane) -> Cell {
    match lane.body {
        Body::Emotion => emotion::lane(ctx, grid),
        Body::Funnel => funnel::lane(ctx, grid),
        Body::Cards => cards(ctx, grid),
        Body::CustomScore(lane) => score::lane(ctx, grid, lane),
        _ => cells(ctx, grid, lane.body),
    }
}

/// Per-touchpoint cells, and under them per-stage cells spanning the stage.
///
/// Stages are laid out on all cores (a few lanes hold most of a big map's
/// text, so the lanes alone leave cores idle), collected in map order so
/// the scene is the same as laid out one after the other.
fn cells(ctx: &Ctx, grid: &Grid, body: Body) -> Cell {
    use rayon::prelude::*;
    let stages: Vec<(Vec<Item>, f32)> = (0..ctx.journey.stages.len())
        .into_par_iter()
        .with_min_len(super::MIN_STAGES_PER_TASK)
        .map(|s| stage_cells(ctx, grid, body, s))
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
fn stage_cells(ctx: &Ctx, grid: &Grid, body: Body, s: usize) -> (Vec<Item>, f32) {
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
        let c = tp_cell(tp, body, w, bg, rtl, ctx.words.reach);
        tallest = tallest.max(c.h);
        placed.push((col.x + CELL_PAD, c, ctx.fades(&tp.owners)));
    }
    for (x, c, faded) in placed {
        let moved = c.moved(x, CELL_PAD);
        if faded && !moved.is_empty() {
            items.push(Group::faded(moved, super::FADED));
        } else {
            items.extend(moved);
        }
    }
    let (sx, sw) = grid.stage_span(s);
    // A metric's name and value drift apart across a wide stage: keep
    // the stage's metrics as wide as one column.
    let w = if matches!(body, Body::Metrics) {
        grid.cols[first].w.min(sw)
    } else {
        sw
    };
    let sc = stage_cell(stage, body, w - 2.0 * CELL_PAD, bg, rtl);
    let mut total = tallest;
    if sc.h > 0.0 {
        let y = if tallest > 0.0 { tallest + 8.0 } else { 0.0 };
        total = y + sc.h;
        let moved = sc.moved(sx + CELL_PAD, CELL_PAD + y);
        if ctx.fades(&stage.owners) {
            items.push(Group::faded(moved, super::FADED));
        } else {
            items.extend(moved);
        }
    }
    (items, total)
}

fn tp_cell(tp: &Touchpoint, body: Body, w: f32, bg: Paint, rtl: bool, reach_word: &str) -> Cell {
    match body {
        Body::List {
            kind, touchpoint, ..
        } => list(touchpoint(tp), kind, w, bg, rtl),
        Body::Metrics => metrics_cell(tp.reach, &tp.metrics, w, bg, rtl, Some(reach_word)),
        Body::CustomText(lane) => list(
            &custom_texts(&tp.lane_texts, &lane.id),
            ItemKind::Custom,
            w,
            bg,
            rtl,
        ),
        _ => Cell::default(),
    }
}

fn stage_cell(s: &Stage, body: Body, w: f32, bg: Paint, rtl: bool) -> Cell {
    match body {
        Body::List { kind, stage, .. } => list(stage(s), kind, w, bg, rtl),
        Body::Metrics => metrics_cell(None, &s.metrics, w, bg, rtl, None),
        Body::CustomText(lane) => list(
            &custom_texts(&s.lane_texts, &lane.id),
            ItemKind::Custom,
            w,
            bg,
            rtl,
        ),
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
        if ctx.fades(&tp.owners) {
            g.opacity = Some(super::FADED);
        }
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
pub(crate) fn header(ctx: &Ctx, lane: &MapLane, w: f32) -> Cell {
    let inner = w - 2.0 * CELL_PAD;
    // The lane's icon before its name doubles as the legend of the icons
    // in its cells.
    const ICON: f32 = 16.0;
    let lh = crate::text::line_height(super::textbox::style(14.0, true));
    let (ix, iy) = (CELL_PAD + ICON / 2.0, CELL_PAD + lh / 2.0);
    let icon = lane.icon.map(|f| f(ix, iy, ICON)).unwrap_or_default();
    let shift = if icon.is_empty() { 0.0 } else { ICON + 8.0 };
    let emotion = matches!(lane.body, Body::Emotion);
    let title_w = match lane.body {
        Body::Emotion => emotion::title_width(inner) - shift,
        Body::CustomScore(l) => inner - score::scale_width(l) - 8.0 - shift,
        _ => inner - shift,
    };
    let title = cell::text(
        lane.title,
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
    if emotion {
        let extras = emotion::header_extras(ctx, inner, CELL_PAD + title_h + 10.0);
        c.h = c.h.max(extras.h + CELL_PAD);
        c.items.extend(extras.moved(CELL_PAD, 0.0));
    }
    if let Body::CustomScore(l) = lane.body {
        let scale = score::scale(l, inner);
        c.h = c.h.max(scale.h + CELL_PAD);
        c.items.extend(scale.moved(CELL_PAD, 0.0));
    }
    c
}

#[cfg(test)]
mod tests {
    use super::super::tests::lane_ids;
    use crate::model::sample::sample;

    #[test]
    fn without_lanes_the_default_order_draws_the_lanes_that_hold_something() {
        let j = sample();
        assert_eq!(
            lane_ids(&j),
            [
                "touchpoints",
                "actions",
                "thoughts",
                "emotion",
                "pains",
                "opportunities",
                "insights",
                "metrics",
                "funnel"
            ]
        );
    }

    #[test]
    fn every_builtin_lane_but_attribution_can_be_drawn() {
        for name in crate::model::BUILTIN_LANES {
            let drawn = super::BUILTIN.iter().any(|b| b.id == name);
            assert_eq!(drawn, name != "attribution", "{name}");
        }
    }

    #[test]
    fn a_lanes_statement_picks_and_orders_the_lanes() {
        let mut j = sample();
        j.lane_order = Some(vec!["pains".into(), "emotion".into(), "thoughts".into()]);
        assert_eq!(lane_ids(&j), ["pains", "emotion", "thoughts"]);
        // A lane listed but empty everywhere is still left out.
        j.lane_order = Some(vec!["evidence".into(), "emotion".into()]);
        assert_eq!(lane_ids(&j), ["emotion"]);
    }
}
