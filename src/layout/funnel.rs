//! The funnel lane: a bar per stage with `reach` (its length relative to
//! the widest reach), and between consecutive stages the conversion and
//! drop; the biggest drop is highlighted.

use super::Ctx;
use super::cell::{Cell, SMALL, SMALL_BOLD, rect};
use super::grid::Grid;
use super::icons;
use super::scene::{Cmd, Item, Paint, PathShape, Rect, Stroke};
use super::textbox::{Align, place, style, wrap};
use super::words;

const PAD: f32 = 12.0;
const BAR_H: f32 = 22.0;

/// The lane's content: x absolute, y from the lane's top.
pub(crate) fn lane(ctx: &Ctx, grid: &Grid) -> Cell {
    let j = ctx.journey;
    let rtl = ctx.rtl;
    let max = j
        .stages
        .iter()
        .filter_map(|s| s.reach)
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let mut items = Vec::new();
    let label_style = style(14.0, true);
    let label_h = crate::text::line_height(label_style);
    let bar_y = PAD + label_h + 4.0;
    // Where each stage's bar ends, for the arrows between them.
    let mut bars: Vec<Option<(f32, f32)>> = vec![None; j.stages.len()];
    for (s, stage) in j.stages.iter().enumerate() {
        let Some(reach) = stage.reach else { continue };
        let (x, w) = grid.stage_span(s);
        let max_w = w - 2.0 * PAD - 28.0;
        // Thin but visible when tiny; a hairline for nobody at all.
        let bw = if reach == 0 {
            2.0
        } else {
            ((reach as f64 / max) as f32 * max_w).max(6.0)
        };
        let bx = x + (w - bw) / 2.0;
        items.push(rect(
            Rect::new(bx, bar_y, bw, BAR_H),
            4.0,
            Some(Paint::Funnel),
            None,
        ));
        let text = format!("{} {}", ctx.words.reach, words::number(reach as f64));
        let wrapped = wrap(&text, label_style, w - 2.0 * PAD, rtl);
        // One line is enough for a number; if it wraps, it still fits:
        // the lane grows below by the extra lines.
        let extra = wrapped.height() - label_h;
        let tb = place(
            &wrapped,
            x + PAD,
            PAD,
            w - 2.0 * PAD,
            Align::Center,
            Paint::Text,
            Paint::Lane((s % 2) as u8),
        );
        if extra > 0.0 {
            // Rare: push this stage's bar down below its label.
            if let Some(Item::Rect(r)) = items.last_mut() {
                r.rect.y += extra;
            }
        }
        items.push(Item::Text(tb));
        bars[s] = Some((bx, bx + bw));
    }
    let mut bottom = bar_y + BAR_H + PAD;

    let biggest = j
        .funnel
        .iter()
        .enumerate()
        // "Biggest" needs something to compare with.
        .filter(|(_, f)| f.drop > 0.0 && j.funnel.len() >= 2)
        .max_by(|a, b| a.1.drop.total_cmp(&b.1.drop).then(b.0.cmp(&a.0)))
        .map(|(i, _)| i);
    let stage_index = |id: &str| j.stages.iter().position(|s| s.id == id);
    let pill_top = bar_y + BAR_H + 10.0;
    for (i, step) in j.funnel.iter().enumerate() {
        let (Some(a), Some(b)) = (stage_index(&step.from), stage_index(&step.to)) else {
            continue;
        };
        let (ax, aw) = grid.stage_span(a);
        let (bx, bw) = grid.stage_span(b);
        // Centred on the border between the stages; never wider than the
        // half of each neighbour, so neighbouring pills can't meet.
        let (cx, room) = if ax + aw <= bx + 0.5 {
            if b == a + 1 {
                (bx, aw.min(bw) - 8.0)
            } else {
                let c = (ax + aw / 2.0 + bx + bw / 2.0) / 2.0;
                (c, aw.min(bw) - 8.0)
            }
        } else {
            (ax + aw / 2.0, aw - 8.0)
        };
        if let (Some((_, a_end)), Some((b_start, _))) = (bars[a], bars[b]) {
            let y = bar_y + BAR_H / 2.0;
            if b_start - a_end > 14.0 {
                items.push(Item::Path(PathShape {
                    cmds: vec![Cmd::Move(a_end + 3.0, y), Cmd::Line(b_start - 6.0, y)],
                    fill: None,
                    stroke: Some(Stroke::solid(Paint::Muted, 1.5)),
                }));
                items.push(icons::arrow_head(
                    b_start - 3.0,
                    y,
                    1.0,
                    0.0,
                    7.0,
                    Paint::Muted,
                ));
            }
        }
        let hot = biggest == Some(i);
        let bg = if hot { Paint::DropBg } else { Paint::Chip };
        let mut lines = vec![
            (
                format!(
                    "{} {}",
                    ctx.words.conversion,
                    words::percent(step.conversion)
                ),
                SMALL_BOLD,
            ),
            (
                format!("{} {}", ctx.words.drop, words::percent(step.drop)),
                SMALL,
            ),
        ];
        if hot {
            lines.push((ctx.words.biggest_drop.to_string(), SMALL_BOLD));
        }
        let inner = (room - 16.0).max(40.0);
        let wrapped: Vec<_> = lines
            .iter()
            .map(|(t, st)| wrap(t, *st, inner, rtl))
            .collect();
        let text_w = wrapped
            .iter()
            .map(|w| w.width())
            .fold(0.0, f32::max)
            .min(inner);
        let icon = if hot { 16.0 } else { 0.0 };
        let pill_w = (text_w + 16.0 + icon).min(room.max(40.0));
        let pill_h: f32 = wrapped.iter().map(|w| w.height()).sum::<f32>() + 10.0;
        let px = cx - pill_w / 2.0;
        items.push(rect(
            Rect::new(px, pill_top, pill_w, pill_h),
            8.0,
            Some(bg),
            Some(Stroke::solid(
                if hot { Paint::Drop } else { Paint::ChipBorder },
                if hot { 2.0 } else { 1.0 },
            )),
        ));
        if hot {
            let mut tri = icons::triangle(px + 8.0 + 5.0, pill_top + 5.0 + 9.0, 10.0, false);
            tri.shrink_to_fit();
            items.push(Item::Path(PathShape {
                cmds: tri,
                fill: Some(Paint::Drop),
                stroke: None,
            }));
        }
        let mut y = pill_top + 5.0;
        let tx = px + 8.0 + icon;
        let tw = pill_w - 16.0 - icon;
        for w in &wrapped {
            let mut tb = place(w, tx, y, tw, Align::Center, Paint::Text, bg);
            tb.bbox.w = tw;
            y += w.height();
            items.push(Item::Text(tb));
        }
        bottom = bottom.max(pill_top + pill_h + PAD);
    }
    Cell { items, h: bottom }
}
