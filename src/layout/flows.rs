//! Flow arrows. A flow to the very next card needs no arrow (the order of
//! the cards says it) unless it has a label. Other forward flows arc over
//! the cards; loops (back to an earlier point) run under the whole map and
//! come back up, so the circular journey is visible.

use super::Ctx;
use super::cell::{Cell, SMALL};
use super::grid::Grid;
use super::icons;
use super::scene::{Cmd, Group, Item, Paint, PathShape, Stroke};
use super::textbox::{Align, place, wrap};

/// Endpoints sit this far from a column's centre, so arrows arriving and
/// leaving at one card don't overlap.
const OFFSET: f32 = 16.0;
const RADIUS: f32 = 10.0;
const GAP: f32 = 12.0;

struct Edge {
    from: usize,
    to: usize,
    label: Option<String>,
    from_id: String,
    to_id: String,
}

fn edges(ctx: &Ctx, grid: &Grid, loops: bool) -> Vec<Edge> {
    let j = ctx.journey;
    let places = grid.places(j);
    let mut out = Vec::new();
    for f in &j.flows {
        if f.is_loop != loops {
            continue;
        }
        let (Some(from), Some(to)) = (
            places.column_of(&f.from, true),
            places.column_of(&f.to, false),
        ) else {
            continue;
        };
        if !loops && to == from + 1 && f.label.is_none() {
            continue;
        }
        if !loops && to <= from {
            // Forward in the model but not on the map (a stage ends where
            // its last card is): nothing sensible to draw as an arc.
            continue;
        }
        let label = match (&f.label, loops) {
            (Some(l), _) => Some(l.clone()),
            (None, true) => Some(format!(
                "{} {}",
                ctx.words.loop_back,
                target_label(ctx, &f.to)
            )),
            (None, false) => None,
        };
        out.push(Edge {
            from,
            to,
            label,
            from_id: f.from.clone(),
            to_id: f.to.clone(),
        });
    }
    // Short edges first, so they take the inner levels and longer ones
    // wrap around them.
    out.sort_by(|a, b| {
        let la = a.from.abs_diff(a.to);
        let lb = b.from.abs_diff(b.to);
        la.cmp(&lb).then(a.from.cmp(&b.from)).then(a.to.cmp(&b.to))
    });
    out
}

fn target_label(ctx: &Ctx, id: &str) -> String {
    let j = ctx.journey;
    j.stages
        .iter()
        .find(|s| s.id == id)
        .map(|s| s.label.clone())
        .or_else(|| {
            j.touchpoints()
                .find(|t| t.id == id)
                .map(|t| t.label.clone())
        })
        .unwrap_or_else(|| id.to_string())
}

/// Arcs above the cards (`loops == false`) or loops below the grid
/// (`loops == true`). The band is laid out from `y = 0` (its edge next to
/// the grid) outwards; returns items with y relative to that edge growing
/// away from the grid when `loops`, and towards the grid otherwise.
pub(crate) fn band(ctx: &Ctx, grid: &Grid, loops: bool) -> Cell {
    let all = edges(ctx, grid, loops);
    if all.is_empty() {
        return Cell::default();
    }
    // Greedy levels: an edge takes the first level where its horizontal
    // extent (line and label) meets no other edge's.
    struct Placed {
        level: usize,
        x1: f32,
        x2: f32,
        label: Option<super::textbox::Wrapped>,
        lx: f32,
        lw: f32,
    }
    let mut levels: Vec<Vec<(f32, f32)>> = Vec::new();
    let mut placed = Vec::new();
    for e in &all {
        let a = &grid.cols[e.from];
        let b = &grid.cols[e.to];
        let (x1, x2) = if loops {
            (a.center() - OFFSET, b.center() + OFFSET)
        } else {
            (a.center() + OFFSET, b.center() - OFFSET)
        };
        let (lo, hi) = (x1.min(x2), x1.max(x2));
        let span = (hi - lo).max(60.0);
        let mid = (lo + hi) / 2.0;
        let icon = if loops { 18.0 } else { 0.0 };
        let label = e
            .label
            .as_ref()
            .map(|l| wrap(l, SMALL, (span - 24.0 - icon).max(60.0), ctx.rtl));
        let lw = label.as_ref().map_or(0.0, |w| w.width() + icon);
        let lx = mid - lw / 2.0;
        let ext = (lo.min(lx) - GAP, hi.max(lx + lw) + GAP);
        let level = levels
            .iter()
            .position(|l| l.iter().all(|&(p, q)| ext.1 <= p || ext.0 >= q))
            .unwrap_or(levels.len());
        if level == levels.len() {
            levels.push(Vec::new());
        }
        levels[level].push(ext);
        placed.push(Placed {
            level,
            x1,
            x2,
            label,
            lx,
            lw,
        });
    }
    // Each level is as tall as its tallest label.
    let lh = crate::text::line_height(SMALL);
    let mut level_h = vec![lh; levels.len()];
    for p in &placed {
        if let Some(w) = &p.label {
            level_h[p.level] = level_h[p.level].max(w.height());
        }
    }
    let mut level_y = Vec::new();
    let mut y = 14.0;
    for h in &level_h {
        level_y.push(y + h / 2.0);
        y += h + 10.0;
    }
    let total = y + 2.0;
    let paint = if loops { Paint::Loop } else { Paint::Flow };
    let mut items = Vec::new();
    for (p, e) in placed.iter().zip(&all) {
        let d = level_y[p.level];
        // Distance from the grid edge: loops go down (+), arcs go up, and
        // arcs are laid out from the band's top, so flip them.
        let (edge, ly) = if loops {
            (0.0, d)
        } else {
            (total + super::CELL_PAD, total - d)
        };
        let dir = if p.x2 >= p.x1 { 1.0 } else { -1.0 };
        let v = if loops { 1.0 } else { -1.0 };
        let r = RADIUS.min((p.x2 - p.x1).abs() / 2.0);
        let cmds = vec![
            Cmd::Move(p.x1, edge),
            Cmd::Line(p.x1, ly - v * r),
            Cmd::Cubic(p.x1, ly, p.x1, ly, p.x1 + dir * r, ly),
            Cmd::Line(p.x2 - dir * r, ly),
            Cmd::Cubic(p.x2, ly, p.x2, ly, p.x2, ly - v * r),
            Cmd::Line(p.x2, edge + v * 7.0),
        ];
        let mut g = Group::new(if loops { "loop" } else { "flow" })
            .with("from", &e.from_id)
            .with("to", &e.to_id);
        g.items.push(Item::Path(PathShape {
            cmds,
            fill: None,
            stroke: Some(Stroke {
                paint,
                width: 2.0,
                dash: if loops { Some((7.0, 4.0)) } else { None },
            }),
        }));
        g.items
            .push(icons::arrow_head(p.x2, edge, 0.0, -v, 9.0, paint));
        if let Some(w) = &p.label {
            let h = w.height();
            let icon = if loops { 18.0 } else { 0.0 };
            // The label sits on a pill that interrupts the line.
            g.items.push(super::cell::rect(
                super::scene::Rect::new(p.lx - 6.0, ly - h / 2.0 - 3.0, p.lw + 12.0, h + 6.0),
                (h + 6.0).min(22.0) / 2.0,
                Some(Paint::Page),
                Some(Stroke::solid(paint, 1.0)),
            ));
            if loops {
                g.items
                    .extend(icons::loop_arrow(p.lx + 7.0, ly, 14.0, paint));
            }
            let tb = place(
                w,
                p.lx + icon,
                ly - h / 2.0,
                p.lw - icon,
                Align::Center,
                Paint::Text,
                Paint::Page,
            );
            g.items.push(Item::Text(tb));
        }
        items.push(Item::Group(Box::new(g)));
    }
    Cell { items, h: total }
}
