//! The top of the map: the title and description on the leading side,
//! a card per persona on the trailing side (or below when space is short).

use super::Ctx;
use super::cell::{BODY, Cell, SMALL_BOLD, rect, text};
use super::scene::{Cmd, Item, Paint, PathShape, Rect, Stroke};
use super::textbox::style;
use crate::model::Persona;

const PERSONA_W: f32 = 290.0;
const GAP: f32 = 16.0;
const PAD: f32 = 14.0;
const MIN_TITLE_W: f32 = 380.0;

/// The dash pattern that tells personas' curves apart without colour.
pub(crate) fn persona_dash(i: usize) -> Option<(f32, f32)> {
    match i % 4 {
        0 => None,
        1 => Some((9.0, 5.0)),
        2 => Some((2.5, 4.5)),
        _ => Some((16.0, 5.0)),
    }
}

pub(crate) fn persona_paint(i: usize) -> Paint {
    Paint::Persona((i % 6) as u8)
}

/// A short sample of a persona's curve, `w` wide, centred on `cy`.
pub(crate) fn line_sample(x: f32, cy: f32, w: f32, i: usize) -> Item {
    Item::Path(PathShape {
        cmds: vec![Cmd::Move(x, cy), Cmd::Line(x + w, cy)],
        fill: None,
        stroke: Some(Stroke {
            paint: persona_paint(i),
            width: 3.0,
            dash: persona_dash(i),
        }),
    })
}

/// The header at `(0, 0)`, `width` wide.
pub(crate) fn header(ctx: &Ctx, width: f32) -> Cell {
    let j = ctx.journey;
    let n = j.personas.len();
    // The title needs its natural width, up to MIN_TITLE_W, beside the
    // cards; a short title leaves room for the cards on the same band.
    let natural = super::textbox::measure(&j.title, style(26.0, true)).max(
        j.description
            .as_deref()
            .map_or(0.0, |d| super::textbox::measure(d, style(15.0, false))),
    );
    let needed = natural.clamp(200.0, MIN_TITLE_W) + 24.0;
    let side_by_side = n > 0 && width - n as f32 * (PERSONA_W + GAP) >= needed;
    let title_w = if side_by_side {
        width - n as f32 * (PERSONA_W + GAP)
    } else {
        width
    };
    let mut title = text(
        &j.title,
        style(26.0, true),
        title_w,
        Paint::Text,
        Paint::Page,
        ctx.rtl,
    );
    if let Some(d) = &j.description {
        let desc = text(
            d,
            style(15.0, false),
            title_w,
            Paint::Muted,
            Paint::Page,
            ctx.rtl,
        );
        title.stack(desc, 6.0);
    }
    if let Some(team) = ctx.team {
        // Whose view this is: the faded parts are the other teams'.
        let label = j
            .teams
            .iter()
            .find(|t| t.id == team)
            .map_or(team, |t| t.label.as_str());
        let line = format!("{}: {label}", ctx.words.team_view);
        let chip = super::cell::chips(&[line.as_str()], title_w, ctx.rtl);
        title.stack(chip, 10.0);
    }
    let cards: Vec<Cell> = j
        .personas
        .iter()
        .enumerate()
        .map(|(i, p)| persona_card(ctx, p, i, n > 1))
        .collect();
    let mut out = Cell::default();
    if side_by_side {
        let mut x = width;
        let mut h = title.h;
        // Cards fill in from the trailing edge, the first persona innermost
        // next to the title so reading order follows the map.
        let mut xs = Vec::new();
        for card in cards.iter().rev() {
            x -= PERSONA_W;
            xs.push(x);
            x -= GAP;
            h = h.max(card.h);
        }
        xs.reverse();
        for (card, x) in cards.into_iter().zip(xs) {
            out.items.extend(card.moved(x, 0.0));
        }
        out.items.extend(title.items);
        out.h = h;
    } else {
        out.stack(title, 0.0);
        let per_row = ((width + GAP) / (PERSONA_W + GAP)).floor().max(1.0) as usize;
        for row in cards.chunks(per_row) {
            let hmax = row.iter().map(|c| c.h).fold(0.0, f32::max);
            let mut row_cell = Cell::default();
            for (k, card) in row.iter().enumerate() {
                row_cell
                    .items
                    .extend(card.clone().moved(k as f32 * (PERSONA_W + GAP), 0.0));
            }
            row_cell.h = hmax;
            out.stack(row_cell, GAP);
        }
    }
    out
}

/// A persona's card at `(0, 0)`. Cards keep their own height: a persona
/// with nothing but a name stays a small card.
fn persona_card(ctx: &Ctx, p: &Persona, i: usize, legend: bool) -> Cell {
    // Colour and dash by the persona's place in the file, kept in views.
    let i = ctx.persona_style(i);
    let w = PERSONA_W;
    let inner = w - 2.0 * PAD - 6.0;
    let rtl = ctx.rtl;
    let mut body = Cell::default();
    let name_w = if legend { inner - 40.0 } else { inner };
    let name = text(
        &p.label,
        style(17.0, true),
        name_w,
        Paint::Text,
        Paint::Surface,
        rtl,
    );
    body.stack(name, 0.0);
    if legend {
        // The card doubles as the legend of the emotion curves.
        let cy = crate::text::line_height(style(17.0, true)) / 2.0;
        body.items.push(line_sample(inner - 32.0, cy, 32.0, i));
    }
    if let Some(d) = &p.description {
        body.stack(text(d, BODY, inner, Paint::Muted, Paint::Surface, rtl), 4.0);
    }
    let words = ctx.words;
    for (heading, entries) in [
        (words.goals, &p.goals),
        (words.needs, &p.needs),
        (words.frustrations, &p.frustrations),
    ] {
        if entries.is_empty() {
            continue;
        }
        body.stack(
            text(
                heading,
                SMALL_BOLD,
                inner,
                Paint::Muted,
                Paint::Surface,
                rtl,
            ),
            10.0,
        );
        for e in entries {
            let mut row = text(e, BODY, inner - 14.0, Paint::Text, Paint::Surface, rtl);
            crate::layout::scene::translate_all(&mut row.items, 14.0, 0.0);
            let cy = crate::text::line_height(BODY) / 2.0;
            row.items.push(Item::Circle(crate::layout::scene::Circle {
                cx: 4.0,
                cy,
                r: 2.5,
                fill: Some(persona_paint(i)),
                stroke: None,
            }));
            body.stack(row, 3.0);
        }
    }
    if let Some(q) = &p.quote {
        let quoted = format!("“{q}”");
        body.stack(
            text(&quoted, BODY, inner, Paint::Muted, Paint::Surface, rtl),
            10.0,
        );
    }
    let h = body.h + 2.0 * PAD;
    let mut card = Cell::default();
    card.items.push(rect(
        Rect::new(0.0, 0.0, w, h),
        10.0,
        Some(Paint::Surface),
        Some(Stroke::solid(Paint::Border, 1.0)),
    ));
    // The coloured edge: the persona's colour on the leading side.
    card.items.push(rect(
        Rect::new(0.0, 0.0, 6.0, h),
        3.0,
        Some(persona_paint(i)),
        None,
    ));
    card.items.extend(body.moved(PAD + 6.0, PAD));
    card.h = h;
    let mut g = super::scene::Group::new("persona").with("id", &p.id);
    g.items = card.items;
    Cell {
        items: vec![Item::Group(Box::new(g))],
        h,
    }
}
