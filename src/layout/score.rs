//! A custom score lane (`lane ID [LABEL] score MIN..MAX`): drawn like the
//! emotion lane but neutral in colour, on the lane's own scale: MIN at the
//! bottom, MAX at the top, a marker and the value (or its label) at each
//! touchpoint that has one, a line through consecutive values.

use super::Ctx;
use super::cell::{Cell, SMALL};
use super::grid::Grid;
use super::scene::{Circle, Cmd, Group, Item, Paint, PathShape, Stroke};
use super::textbox::{Align, measure, place, wrap};
use super::words;
use crate::model::{CustomEntry, Lane};

/// Space above MAX: room for a label above a point at MAX.
const TOP: f32 = 36.0;
/// From MAX to MIN: as tall as the emotion lane's five levels.
const PLOT: f32 = 160.0;
/// From a point's centre to the top of its label.
const LABEL_GAP: f32 = 12.0;
const MARKER: f32 = 6.0;

/// The lane's scale; a lane the resolver let through always has one, a
/// hand-built one without gets 0..1.
fn range(lane: &Lane) -> (f64, f64) {
    let min = lane.min.unwrap_or(0.0);
    let max = lane.max.unwrap_or(min + 1.0);
    if max > min {
        (min, max)
    } else {
        (min, min + 1.0)
    }
}

/// The y of `value` from the lane's top (values outside the scale are
/// kept at its edge).
fn level_y(lane: &Lane, value: f64) -> f32 {
    let (min, max) = range(lane);
    let t = ((max - value) / (max - min)).clamp(0.0, 1.0);
    TOP + (t as f32) * PLOT
}

/// The labelled levels: MIN, MAX, and round steps between them (at most
/// six levels, so the labels never crowd).
fn ticks(lane: &Lane) -> Vec<f64> {
    let (min, max) = range(lane);
    let span = max - min;
    let mut step = 10f64.powf((span / 5.0).log10().floor());
    for k in [1.0, 2.0, 5.0, 10.0] {
        if span / (step * k) <= 5.0 {
            step *= k;
            break;
        }
    }
    let mut out = vec![min];
    let mut v = (min / step).floor() * step + step;
    while v < max - step * 0.5 {
        if v > min + step * 0.5 {
            out.push(v);
        }
        v += step;
    }
    out.push(max);
    out
}

/// The width the scale takes in the lane header.
pub(crate) fn scale_width(lane: &Lane) -> f32 {
    ticks(lane)
        .iter()
        .map(|&v| measure(&words::number(v), SMALL))
        .fold(18.0, f32::max)
        + 8.0
}

/// The scale in the lane header, `w` wide at `(0, 0)`: the levels'
/// values on the trailing side, next to the curve.
pub(crate) fn scale(lane: &Lane, w: f32) -> Cell {
    let sw = scale_width(lane);
    let lh = crate::text::line_height(SMALL);
    let mut cell = Cell::default();
    for v in ticks(lane) {
        let wrapped = wrap(&words::number(v), SMALL, sw, false);
        cell.items.push(Item::Text(place(
            &wrapped,
            w - sw,
            level_y(lane, v) - lh / 2.0,
            sw,
            Align::Center,
            Paint::Muted,
            Paint::LaneHeader,
        )));
    }
    cell.h = TOP + PLOT + lh / 2.0 + 4.0;
    cell
}

/// Level lines across the lane, drawn with the lane backgrounds (y from
/// the lane's top).
pub(crate) fn backdrop(grid: &Grid, lane: &Lane) -> Vec<Item> {
    let (min, max) = range(lane);
    ticks(lane)
        .into_iter()
        .map(|v| {
            let y = level_y(lane, v);
            let edge = v == min || v == max;
            Item::Path(PathShape {
                cmds: vec![Cmd::Move(grid.left, y), Cmd::Line(grid.right, y)],
                fill: None,
                stroke: Some(Stroke {
                    paint: Paint::GridLine,
                    width: if edge { 1.2 } else { 0.8 },
                    dash: if edge { None } else { Some((3.0, 4.0)) },
                }),
            })
        })
        .collect()
}

/// The lane's content: x absolute, y from the lane's top.
pub(crate) fn lane(ctx: &Ctx, grid: &Grid, lane: &Lane) -> Cell {
    let j = ctx.journey;
    // (column, x, y, value, label, touchpoint)
    let mut pts = Vec::new();
    for (c, col) in grid.cols.iter().enumerate() {
        let Some(t) = col.tp else { continue };
        let tp = &j.stages[col.stage].touchpoints[t];
        let found = tp.lane_texts.custom.iter().find_map(|e| match e {
            CustomEntry::Score {
                lane: id,
                score,
                label,
            } if *id == lane.id => Some((*score, label.as_deref())),
            _ => None,
        });
        if let Some((value, label)) = found {
            pts.push((c, col, level_y(lane, value), value, label, tp));
        }
    }
    let mut solid = Vec::new();
    let mut bridge = Vec::new();
    for w in pts.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        let target = if b.0 == a.0 + 1 {
            &mut solid
        } else {
            &mut bridge
        };
        target.push(Cmd::Move(a.1.center(), a.2));
        target.push(Cmd::Line(b.1.center(), b.2));
    }
    let mut items = Vec::new();
    if !bridge.is_empty() {
        items.push(super::emotion::gap_bridge(bridge, Paint::ScoreLine));
    }
    if !solid.is_empty() {
        items.push(Item::Path(PathShape {
            cmds: solid,
            fill: None,
            stroke: Some(Stroke::solid(Paint::ScoreLine, 2.5)),
        }));
    }
    let mut bottom = level_y(lane, range(lane).0) + MARKER + 4.0;
    // A peak's label goes above it: below, the lines down to its
    // neighbours would cross it.
    let peaks: Vec<bool> = (0..pts.len())
        .map(|i| {
            let value = pts[i].3;
            let before = i.checked_sub(1).map(|k| pts[k].3);
            let after = pts.get(i + 1).map(|p| p.3);
            (before.is_some() || after.is_some())
                && before.is_none_or(|v| v <= value)
                && after.is_none_or(|v| v <= value)
        })
        .collect();
    for ((_, col, y, value, label, tp), peak) in pts.into_iter().zip(peaks) {
        let x = col.center();
        let shown = words::number(value);
        let mut g = Group::new("score-point")
            .with("id", &tp.id)
            .with("lane", &lane.id)
            .with("score", &shown);
        if ctx.fades(&tp.owners) {
            g.opacity = Some(super::FADED);
        }
        let what = label.map(|l| format!(" {l}")).unwrap_or_default();
        g = g.titled(format!("{}: {shown}{what}", lane.label));
        g.items.push(Item::Circle(Circle {
            cx: x,
            cy: y,
            r: MARKER,
            fill: Some(Paint::ScoreLine),
            stroke: Some(Stroke::solid(Paint::Surface, 2.0)),
        }));
        let text = label.map_or(shown, str::to_string);
        let w = (col.w - 20.0).max(30.0);
        let wrapped = wrap(&text, SMALL, w, ctx.rtl);
        if !wrapped.is_empty() {
            // Above only where it fits inside the lane.
            let above = y - LABEL_GAP - wrapped.height();
            let top = if peak && above >= 4.0 {
                above
            } else {
                y + LABEL_GAP
            };
            let mut tb = place(
                &wrapped,
                x - w / 2.0,
                top,
                w,
                Align::Center,
                Paint::Text,
                Paint::Lane((col.stage % 2) as u8),
            );
            tb.halo = true;
            bottom = bottom.max(top + tb.bbox.h);
            g.items.push(Item::Text(tb));
        }
        items.push(Item::Group(Box::new(g)));
    }
    Cell {
        items,
        h: bottom + 12.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::LaneKind;

    fn lane(min: f64, max: f64) -> Lane {
        Lane {
            id: "effort".into(),
            label: "Effort".into(),
            kind: LaneKind::Score,
            min: Some(min),
            max: Some(max),
        }
    }

    #[test]
    fn the_scale_runs_from_min_at_the_bottom_to_max_at_the_top() {
        let l = lane(1.0, 5.0);
        assert_eq!(ticks(&l), [1.0, 2.0, 3.0, 4.0, 5.0]);
        assert!(level_y(&l, 5.0) < level_y(&l, 3.0));
        assert_eq!(level_y(&l, 5.0), TOP);
        assert_eq!(level_y(&l, 1.0), TOP + PLOT);
        assert_eq!(ticks(&lane(0.0, 10.0)), [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(ticks(&lane(-2.0, 2.0)), [-2.0, -1.0, 0.0, 1.0, 2.0]);
        assert_eq!(ticks(&lane(0.0, 7.0)), [0.0, 2.0, 4.0, 7.0]);
        assert_eq!(ticks(&lane(0.0, 100.0)).len(), 6);
    }
}
