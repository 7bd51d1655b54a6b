//! Building blocks shared by the lanes: a `Cell` is items laid out from
//! `(0, 0)` with a known height, moved into place once its row is known.

use super::icons;
use super::scene::{Item, Paint, Rect, RectShape, Stroke, translate_all};
use super::textbox::{Align, Wrapped, measure, place, style, wrap};
use crate::text::Style;

pub(crate) const BODY: Style = style(13.0, false);
pub(crate) const BODY_BOLD: Style = style(13.0, true);
pub(crate) const SMALL: Style = style(12.0, false);
pub(crate) const SMALL_BOLD: Style = style(12.0, true);

#[derive(Debug, Clone, Default)]
pub(crate) struct Cell {
    pub items: Vec<Item>,
    pub h: f32,
}

impl Cell {
    /// Appends `other` below what is there, `gap` apart.
    pub(crate) fn stack(&mut self, mut other: Cell, gap: f32) {
        if other.items.is_empty() && other.h == 0.0 {
            return;
        }
        let dy = if self.h > 0.0 { self.h + gap } else { 0.0 };
        translate_all(&mut other.items, 0.0, dy);
        self.items.extend(other.items);
        self.h = dy + other.h;
    }
    pub(crate) fn moved(mut self, dx: f32, dy: f32) -> Vec<Item> {
        translate_all(&mut self.items, dx, dy);
        self.items
    }
}

pub(crate) fn rect(r: Rect, radius: f32, fill: Option<Paint>, stroke: Option<Stroke>) -> Item {
    Item::Rect(RectShape {
        rect: r,
        radius,
        fill,
        stroke,
    })
}

/// Plain wrapped text of width `w`.
pub(crate) fn text(s: &str, st: Style, w: f32, paint: Paint, bg: Paint, rtl: bool) -> Cell {
    let wrapped = wrap(s, st, w, rtl);
    if wrapped.is_empty() {
        return Cell::default();
    }
    placed(&wrapped, w, Align::Start, paint, bg)
}

/// A text block of width `w` made of `wrapped`, from `(0, 0)`.
fn placed(wrapped: &Wrapped, w: f32, align: Align, paint: Paint, bg: Paint) -> Cell {
    Cell {
        items: vec![Item::Text(place(wrapped, 0.0, 0.0, w, align, paint, bg))],
        h: wrapped.height(),
    }
}

/// Pills (team owners): laid out in rows, each pill as wide as its label.
pub(crate) fn chips(labels: &[&str], w: f32, rtl: bool) -> Cell {
    const PAD_X: f32 = 8.0;
    const PAD_Y: f32 = 3.0;
    const GAP: f32 = 6.0;
    let mut cell = Cell::default();
    let (mut x, mut y, mut row_h) = (0.0f32, 0.0f32, 0.0f32);
    for label in labels {
        let max_text = (w - 2.0 * PAD_X).max(10.0);
        let wrapped = wrap(label, SMALL, max_text, rtl);
        if wrapped.is_empty() {
            continue;
        }
        let text_w = wrapped.width();
        let chip_w = (text_w + 2.0 * PAD_X).min(w);
        let chip_h = wrapped.height() + 2.0 * PAD_Y;
        if x > 0.0 && x + chip_w > w {
            x = 0.0;
            y += row_h + GAP;
            row_h = 0.0;
        }
        cell.items.push(rect(
            Rect::new(x, y, chip_w, chip_h),
            chip_h.min(22.0) / 2.0,
            Some(Paint::Chip),
            Some(Stroke::solid(Paint::ChipBorder, 1.0)),
        ));
        cell.items.push(Item::Text(place(
            &wrapped,
            x + PAD_X,
            y + PAD_Y,
            chip_w - 2.0 * PAD_X,
            Align::Center,
            Paint::Text,
            Paint::Chip,
        )));
        x += chip_w + GAP;
        row_h = row_h.max(chip_h);
    }
    cell.h = if cell.items.is_empty() {
        0.0
    } else {
        y + row_h
    };
    cell
}

/// The kinds of list items a lane can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ItemKind {
    Action,
    Thought,
    Pain,
    Opportunity,
    Insight,
    Evidence,
    Frontstage,
    Backstage,
    Support,
    /// A custom text lane's entry.
    Custom,
}

/// A vertical list of items of one kind: each with its icon (or bubble)
/// and its text wrapped to the space left.
pub(crate) fn list(items: &[String], kind: ItemKind, w: f32, lane_bg: Paint, rtl: bool) -> Cell {
    const ICON: f32 = 16.0;
    const PAD: f32 = 8.0;
    let mut cell = Cell::default();
    for s in items {
        let mut one = Cell::default();
        match kind {
            ItemKind::Action => {
                let tw = w - ICON - 8.0;
                let t = text(s, BODY, tw, Paint::Text, lane_bg, rtl);
                if t.h == 0.0 {
                    continue;
                }
                let first = crate::text::line_height(BODY) / 2.0;
                one.items.extend(icons::step(ICON / 2.0, first, ICON));
                one.h = t.h;
                one.items.extend(t.moved(ICON + 8.0, 0.0));
            }
            ItemKind::Custom => {
                // Like a thought, in its own neutral tint and without the
                // speech tail: a custom lane says nothing about who speaks.
                let t = text(
                    s,
                    BODY,
                    w - 2.0 * PAD - 4.0,
                    Paint::Text,
                    Paint::CustomBg,
                    rtl,
                );
                if t.h == 0.0 {
                    continue;
                }
                let h = t.h + 2.0 * PAD;
                one.items.push(rect(
                    Rect::new(0.0, 0.0, w, h),
                    12.0,
                    Some(Paint::CustomBg),
                    None,
                ));
                one.items.extend(t.moved(PAD + 2.0, PAD));
                one.h = h;
            }
            ItemKind::Thought => {
                let t = text(
                    s,
                    BODY,
                    w - 2.0 * PAD - 4.0,
                    Paint::Text,
                    Paint::ThoughtBg,
                    rtl,
                );
                if t.h == 0.0 {
                    continue;
                }
                let h = t.h + 2.0 * PAD;
                // A speech-bubble tail at the top leading corner.
                one.items.push(Item::Path(super::scene::PathShape {
                    cmds: vec![
                        super::scene::Cmd::Move(14.0, 6.0),
                        super::scene::Cmd::Line(10.0, -4.0),
                        super::scene::Cmd::Line(26.0, 6.0),
                        super::scene::Cmd::Close,
                    ],
                    fill: Some(Paint::ThoughtBg),
                    stroke: None,
                }));
                one.items.push(rect(
                    Rect::new(0.0, 0.0, w, h),
                    12.0,
                    Some(Paint::ThoughtBg),
                    None,
                ));
                one.items.extend(t.moved(PAD + 2.0, PAD));
                one.h = h;
                // The tail pokes out above: start the bubble a little lower.
                translate_all(&mut one.items, 0.0, 4.0);
                one.h += 4.0;
            }
            ItemKind::Pain
            | ItemKind::Opportunity
            | ItemKind::Insight
            | ItemKind::Evidence
            | ItemKind::Frontstage
            | ItemKind::Backstage
            | ItemKind::Support => {
                let bg = match kind {
                    ItemKind::Pain => Paint::PainBg,
                    ItemKind::Opportunity => Paint::OpportunityBg,
                    ItemKind::Evidence => Paint::Surface,
                    ItemKind::Frontstage => Paint::FrontstageBg,
                    ItemKind::Backstage => Paint::BackstageBg,
                    ItemKind::Support => Paint::SupportBg,
                    _ => Paint::InsightBg,
                };
                // Evidence is a thing the customer holds or sees: a sheet
                // with an edge, not a tinted note.
                let edge = (kind == ItemKind::Evidence).then(|| Stroke::solid(Paint::Border, 1.0));
                let tw = w - 2.0 * PAD - ICON - 6.0;
                let t = text(s, BODY, tw, Paint::Text, bg, rtl);
                if t.h == 0.0 {
                    continue;
                }
                let h = t.h + 2.0 * PAD;
                one.items
                    .push(rect(Rect::new(0.0, 0.0, w, h), 6.0, Some(bg), edge));
                let (ix, iy) = (PAD + ICON / 2.0, PAD + crate::text::line_height(BODY) / 2.0);
                one.items.extend(match kind {
                    ItemKind::Pain => icons::warning(ix, iy, ICON),
                    ItemKind::Opportunity => icons::bulb(ix, iy, ICON),
                    ItemKind::Evidence => icons::document(ix, iy, ICON),
                    ItemKind::Frontstage => icons::person(ix, iy, ICON),
                    ItemKind::Backstage => icons::screened(ix, iy, ICON),
                    ItemKind::Support => icons::gear(ix, iy, ICON),
                    _ => icons::info(ix, iy, ICON),
                });
                one.items.extend(t.moved(PAD + ICON + 6.0, PAD));
                one.h = h;
            }
        }
        cell.stack(one, 6.0);
    }
    cell
}

/// A metric row: name on the leading side, value on the trailing side.
pub(crate) fn metric_row(name: &str, value: &str, w: f32, bg: Paint, rtl: bool) -> Cell {
    let vw = measure(value, BODY_BOLD).min(w * 0.5);
    let value_cell = text(value, BODY_BOLD, vw + 1.0, Paint::Text, bg, rtl);
    let name_w = (w - vw - 10.0).max(20.0);
    let name_cell = text(name, BODY, name_w, Paint::Muted, bg, rtl);
    let h = value_cell.h.max(name_cell.h);
    let mut cell = Cell::default();
    cell.items.extend(name_cell.moved(0.0, 0.0));
    cell.items.extend(value_cell.moved(w - vw - 1.0, 0.0));
    cell.h = h;
    cell
}

/// Text centred in width `w`.
pub(crate) fn centered(s: &str, st: Style, w: f32, bg: Paint, rtl: bool) -> Cell {
    placed(&wrap(s, st, w, rtl), w, Align::Center, Paint::Text, bg)
}
