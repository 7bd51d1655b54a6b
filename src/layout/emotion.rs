//! The emotion lane: one smooth curve per persona through its scores
//! (+2 at the top, -2 at the bottom), a marker per point whose shape says
//! the score, and the emotion's label under it.

use super::Ctx;
use super::cell::{Cell, SMALL};
use super::grid::Grid;
use super::header::{persona_dash, persona_paint};
use super::icons;
use super::scene::{Circle, Cmd, Group, Item, Paint, PathShape, Rect, Stroke};
use super::textbox::{Align, place, wrap};
use super::words;
use crate::model::Journey;

/// Space above the +2 level (a marker's half height and some air).
const TOP: f32 = 28.0;
/// Distance between two score levels.
const LEVEL: f32 = 40.0;
/// From a point's centre to the top of its label.
const LABEL_GAP: f32 = 16.0;

pub(crate) fn level_y(score: i8) -> f32 {
    TOP + f32::from(2 - score) * LEVEL
}

/// One curve: whose it is and its index among the curves.
struct Series<'a> {
    persona: Option<&'a str>,
    index: usize,
}

fn series(j: &Journey) -> Vec<Series<'_>> {
    if j.personas.is_empty() {
        return vec![Series {
            persona: None,
            index: 0,
        }];
    }
    j.personas
        .iter()
        .enumerate()
        .map(|(index, p)| Series {
            persona: Some(p.id.as_str()),
            index,
        })
        .collect()
}

/// The lane's content: x absolute, y from the lane's top. Returns the cell
/// and the height the lane needs.
pub(crate) fn lane(ctx: &Ctx, grid: &Grid) -> Cell {
    let j = ctx.journey;
    let all = series(j);
    let n = all.len();
    let single = j.personas.len() <= 1;
    let mut curves = Vec::new();
    let mut points = Vec::new();
    let mut bottom = level_y(-2) + 16.0;

    for se in &all {
        // (column, x, y, score, label, touchpoint id)
        let mut pts = Vec::new();
        for (c, col) in grid.cols.iter().enumerate() {
            let Some(t) = col.tp else { continue };
            let tp = &j.stages[col.stage].touchpoints[t];
            let Some(e) = tp.emotions.iter().find(|e| match (se.persona, &e.persona) {
                (Some(p), Some(q)) => p == q,
                (Some(_), None) => single,
                (None, _) => true,
            }) else {
                continue;
            };
            let score = e.score.clamp(-2, 2);
            let sub = col.w / n as f32;
            let x = col.x + sub * (se.index as f32 + 0.5);
            pts.push((
                c,
                x,
                level_y(score),
                score,
                e.label.clone(),
                tp.id.clone(),
                sub,
            ));
        }
        let paint = persona_paint(ctx.persona_style(se.index));
        let mut solid = Vec::new();
        let mut bridge = Vec::new();
        for w in pts.windows(2) {
            let (a, b) = (&w[0], &w[1]);
            let target = if b.0 == a.0 + 1 {
                &mut solid
            } else {
                &mut bridge
            };
            let dx = b.1 - a.1;
            target.push(Cmd::Move(a.1, a.2));
            target.push(Cmd::Cubic(
                a.1 + dx * 0.5,
                a.2,
                b.1 - dx * 0.5,
                b.2,
                b.1,
                b.2,
            ));
        }
        if !bridge.is_empty() {
            curves.push(gap_bridge(bridge, paint));
        }
        if !solid.is_empty() {
            curves.push(Item::Path(PathShape {
                cmds: solid,
                fill: None,
                stroke: Some(Stroke {
                    paint,
                    width: 3.0,
                    dash: persona_dash(ctx.persona_style(se.index)),
                }),
            }));
        }
        let is_low = |tp: &str, score: i8| {
            j.emotion_low.as_ref().is_some_and(|low| {
                low.touchpoint == tp && low.score == score && low.persona.as_deref() == se.persona
            }) && score < 0
        };
        for (c, x, y, score, label, tp_id, sub) in pts {
            let mut g = Group::new("emotion-point").with("id", &tp_id);
            let col = &grid.cols[c];
            if let Some(t) = col.tp
                && ctx.fades(&j.stages[col.stage].touchpoints[t].owners)
            {
                g.opacity = Some(super::FADED);
            }
            if let Some(p) = se.persona {
                g = g.with("persona", p);
            }
            g = g.with("score", &score.to_string());
            let who = se
                .persona
                .and_then(|p| j.personas.iter().find(|q| q.id == p))
                .map(|p| format!("{}: ", p.label))
                .unwrap_or_default();
            let what = label
                .as_deref()
                .map(|l| format!(" {l}"))
                .unwrap_or_default();
            g = g.titled(format!("{who}{}{what}", words::score(score)));
            if is_low(&tp_id, score) {
                g.items.push(Item::Circle(Circle {
                    cx: x,
                    cy: y,
                    r: 17.0,
                    fill: None,
                    stroke: Some(Stroke {
                        paint: Paint::Drop,
                        width: 1.5,
                        dash: Some((3.0, 2.5)),
                    }),
                }));
            }
            g.items.extend(icons::score_marker(x, y, score, paint));
            let text = label.unwrap_or_else(|| words::score(score));
            let w = (sub - 10.0).max(30.0);
            let wrapped = wrap(&text, SMALL, w, ctx.rtl);
            if !wrapped.is_empty() {
                let top = y + LABEL_GAP;
                let band = Paint::EmotionBand(top < level_y(0));
                let mut tb = place(
                    &wrapped,
                    x - w / 2.0,
                    top,
                    w,
                    Align::Center,
                    Paint::Text,
                    band,
                );
                tb.halo = true;
                bottom = bottom.max(top + tb.bbox.h);
                g.items.push(Item::Text(tb));
            }
            points.push(Item::Group(Box::new(g)));
        }
    }
    let mut items = curves;
    items.extend(points);
    Cell {
        items,
        h: bottom + 12.0,
    }
}

/// Tinted halves and level lines, drawn with the lane backgrounds (y from
/// the lane's top).
/// The line across a touchpoint without a score, in the emotion curve and
/// in a score lane alike: faint and dotted, so the gap shows and the
/// journey still reads as one line.
pub(crate) fn gap_bridge(cmds: Vec<Cmd>, paint: Paint) -> Item {
    Item::Path(PathShape {
        cmds,
        fill: None,
        stroke: Some(Stroke {
            paint,
            width: 1.5,
            dash: Some((1.5, 5.0)),
        }),
    })
}

pub(crate) fn backdrop(ctx: &Ctx, grid: &Grid, h: f32) -> Vec<Item> {
    let (x0, x1) = (grid.left, grid.right);
    let mut backdrop = vec![
        super::cell::rect(
            Rect::new(x0, 0.0, x1 - x0, level_y(0)),
            0.0,
            Some(Paint::EmotionBand(true)),
            None,
        ),
        super::cell::rect(
            Rect::new(x0, level_y(0), x1 - x0, h - level_y(0)),
            0.0,
            Some(Paint::EmotionBand(false)),
            None,
        ),
    ];
    // Moments of truth: a dashed rule down the lane, topped by the same
    // diamond as on the card.
    for col in &grid.cols {
        let Some(t) = col.tp else { continue };
        if ctx.journey.stages[col.stage].touchpoints[t]
            .moment_of_truth
            .is_none()
        {
            continue;
        }
        let x = col.center();
        backdrop.push(Item::Path(PathShape {
            cmds: vec![Cmd::Move(x, 14.0), Cmd::Line(x, h - 4.0)],
            fill: None,
            stroke: Some(Stroke {
                paint: Paint::Moment,
                width: 1.5,
                dash: Some((5.0, 4.0)),
            }),
        }));
        backdrop.push(icons::diamond(x, 8.0, 11.0, Paint::Moment));
    }
    for s in -2..=2i8 {
        backdrop.push(Item::Path(PathShape {
            cmds: vec![Cmd::Move(x0, level_y(s)), Cmd::Line(x1, level_y(s))],
            fill: None,
            stroke: Some(Stroke {
                paint: Paint::GridLine,
                width: if s == 0 { 1.2 } else { 0.8 },
                dash: if s == 0 { None } else { Some((3.0, 4.0)) },
            }),
        }));
    }

    backdrop
}

/// The lane header's extras, `w` wide at `(0, 0)`: the score scale on the
/// trailing side (next to the curves) and, with two or more personas, a
/// legend under the lane name starting at `legend_top`.
pub(crate) fn header_extras(ctx: &Ctx, w: f32, legend_top: f32) -> Cell {
    let mut cell = Cell::default();
    const SCALE_W: f32 = 26.0;
    for s in -2..=2i8 {
        let lh = crate::text::line_height(SMALL);
        let wrapped = wrap(&words::score(s), SMALL, SCALE_W, false);
        cell.items.push(Item::Text(place(
            &wrapped,
            w - SCALE_W,
            level_y(s) - lh / 2.0,
            SCALE_W,
            Align::Center,
            Paint::Muted,
            Paint::LaneHeader,
        )));
    }
    let mut h = level_y(-2) + 16.0;
    let j = ctx.journey;
    if j.personas.len() >= 2 {
        let mut y = legend_top;
        let text_w = w - SCALE_W - 8.0 - 30.0;
        for (i, p) in j.personas.iter().enumerate() {
            let wrapped = wrap(&p.label, SMALL, text_w, ctx.rtl);
            let lh = crate::text::line_height(SMALL);
            cell.items.push(super::header::line_sample(
                0.0,
                y + lh / 2.0,
                22.0,
                ctx.persona_style(i),
            ));
            cell.items.push(Item::Text(place(
                &wrapped,
                30.0,
                y,
                text_w,
                Align::Start,
                Paint::Text,
                Paint::LaneHeader,
            )));
            y += wrapped.height() + 6.0;
        }
        h = h.max(y);
    }
    cell.h = h;
    cell
}

/// The width the lane name may take in the emotion header (the scale
/// sits beside it).
pub(crate) fn title_width(w: f32) -> f32 {
    w - 34.0
}
