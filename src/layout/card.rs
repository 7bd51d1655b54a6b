//! Touchpoint cards and stage headers.

use super::Ctx;
use super::cell::{BODY, Cell, SMALL, chips, rect, text};
use super::icons;
use super::scene::{Group, Item, Paint, Rect, Stroke};
use super::textbox::style;
use crate::model::{ChannelMode, Stage, Touchpoint};

const PAD: f32 = 12.0;

/// Labels of the teams behind `ids` (IDs that name no team are shown as is).
fn team_labels<'a>(ctx: &'a Ctx, ids: &'a [String]) -> Vec<&'a str> {
    ids.iter()
        .map(|id| {
            ctx.journey
                .teams
                .iter()
                .find(|t| &t.id == id)
                .map_or(id.as_str(), |t| t.label.as_str())
        })
        .collect()
}

/// A card `w` wide at `(0, 0)`. Its first item is the card's background
/// rectangle, which the row stretches to the row's height.
pub(crate) fn touchpoint(ctx: &Ctx, stage: &Stage, tp: &Touchpoint, w: f32) -> Cell {
    let rtl = ctx.rtl;
    let inner = w - 2.0 * PAD;
    let mut body = Cell::default();
    let moment = tp.moment_of_truth.is_some();

    if let Some(ch) = tp
        .channel
        .as_ref()
        .and_then(|id| ctx.journey.channels.iter().find(|c| &c.id == id))
    {
        body.stack(channel_badge(ctx, &ch.label, ch.mode, inner), 0.0);
    }

    let link = tp.link.as_deref().filter(|l| is_safe_link(l));
    // A linked title is underlined in the link colour, as on the web, and
    // wrapped in the link.
    let mut title = text(
        &tp.label,
        style(14.0, true),
        inner,
        if link.is_some() {
            Paint::Link
        } else {
            Paint::Text
        },
        Paint::Surface,
        rtl,
    );
    if let Some(href) = link {
        for item in &mut title.items {
            if let Item::Text(t) = item {
                t.underline = true;
            }
        }
        let a = Group {
            href: Some(href.to_string()),
            items: std::mem::take(&mut title.items),
            ..Group::default()
        };
        title.items = vec![Item::Group(Box::new(a))];
    }
    body.stack(title, 8.0);

    if let Some(d) = &tp.description {
        body.stack(text(d, BODY, inner, Paint::Muted, Paint::Surface, rtl), 4.0);
    }
    if tp.owners != stage.owners && !tp.owners.is_empty() {
        body.stack(chips(&team_labels(ctx, &tp.owners), inner, rtl), 8.0);
    }
    if let Some(m) = &tp.moment_of_truth {
        body.stack(moment_block(ctx, m.note.as_deref(), inner), 10.0);
    }

    let h = body.h + 2.0 * PAD;
    let mut card = Cell::default();
    let stroke = if moment {
        Stroke::solid(Paint::Moment, 2.5)
    } else {
        Stroke::solid(Paint::Border, 1.0)
    };
    card.items.push(rect(
        Rect::new(0.0, 0.0, w, h),
        8.0,
        Some(Paint::Surface),
        Some(stroke),
    ));
    card.items.extend(body.moved(PAD, PAD));
    card.h = h;
    card
}

/// Links were checked by the resolver; this keeps the renderer safe even
/// if a model is built by hand.
pub(crate) fn is_safe_link(href: &str) -> bool {
    let lower = href.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

fn channel_badge(ctx: &Ctx, label: &str, mode: Option<ChannelMode>, w: f32) -> Cell {
    const ICON: f32 = 12.0;
    let words = ctx.words;
    let full = match mode {
        Some(ChannelMode::Online) => format!("{label} · {}", words.online),
        Some(ChannelMode::Offline) => format!("{label} · {}", words.offline),
        None => label.to_string(),
    };
    let has_icon = mode.is_some();
    let lead = if has_icon { ICON + 12.0 } else { 8.0 };
    let t = text(
        &full,
        SMALL,
        w - lead - 8.0,
        Paint::Text,
        Paint::Chip,
        ctx.rtl,
    );
    let tw = t
        .items
        .first()
        .and_then(|i| match i {
            Item::Text(tb) => Some(tb.lines.iter().map(|l| l.width).fold(0.0, f32::max)),
            _ => None,
        })
        .unwrap_or(0.0);
    let h = t.h + 4.0;
    let bw = (lead + tw + 8.0).min(w);
    let mut cell = Cell::default();
    cell.items.push(rect(
        Rect::new(0.0, 0.0, bw, h),
        h.min(22.0) / 2.0,
        Some(Paint::Chip),
        Some(Stroke::solid(Paint::ChipBorder, 1.0)),
    ));
    let cy = 2.0 + crate::text::line_height(SMALL) / 2.0;
    match mode {
        Some(ChannelMode::Online) => {
            cell.items
                .extend(icons::globe(6.0 + ICON / 2.0, cy, ICON, Paint::Muted))
        }
        Some(ChannelMode::Offline) => {
            cell.items
                .extend(icons::pin(6.0 + ICON / 2.0, cy, ICON, Paint::Muted))
        }
        None => {}
    }
    // Shrink the text box to the text so the badge hugs it.
    let mut t = t;
    for item in &mut t.items {
        if let Item::Text(tb) = item {
            tb.bbox.w = tw;
        }
    }
    cell.items.extend(t.moved(lead, 2.0));
    cell.h = h;
    cell
}

fn moment_block(ctx: &Ctx, note: Option<&str>, w: f32) -> Cell {
    const IN: f32 = 8.0;
    let mut body = Cell::default();
    let head = text(
        ctx.words.moment,
        style(12.0, true),
        w - 2.0 * IN - 18.0,
        Paint::Text,
        Paint::MomentBg,
        ctx.rtl,
    );
    let mut head_row = Cell::default();
    let cy = crate::text::line_height(style(12.0, true)) / 2.0;
    head_row
        .items
        .push(icons::diamond(6.0, cy, 12.0, Paint::Moment));
    head_row.h = head.h;
    head_row.items.extend(head.moved(18.0, 0.0));
    body.stack(head_row, 0.0);
    if let Some(n) = note {
        body.stack(
            text(n, BODY, w - 2.0 * IN, Paint::Text, Paint::MomentBg, ctx.rtl),
            3.0,
        );
    }
    let h = body.h + 2.0 * IN;
    let mut cell = Cell::default();
    cell.items.push(rect(
        Rect::new(0.0, 0.0, w, h),
        6.0,
        Some(Paint::MomentBg),
        None,
    ));
    cell.items.extend(body.moved(IN, IN));
    cell.h = h;
    cell
}

/// The content of a stage's header cell (`w` wide): name, owner chips,
/// description.
pub(crate) fn stage_header(ctx: &Ctx, index: usize, stage: &Stage, w: f32, bg: Paint) -> Cell {
    let rtl = ctx.rtl;
    // The stage's number in a ring, then its name: the reading order is
    // clear at a glance in both directions.
    const RING: f32 = 24.0;
    let label_style = style(17.0, true);
    let lh = crate::text::line_height(label_style);
    let label = text(
        &stage.label,
        label_style,
        w - RING - 8.0,
        Paint::Text,
        bg,
        rtl,
    );
    let number = super::cell::centered(&(index + 1).to_string(), style(12.0, true), RING, bg, rtl);
    let mut cell = Cell::default();
    cell.items.push(Item::Circle(super::scene::Circle {
        cx: RING / 2.0,
        cy: lh / 2.0,
        r: RING / 2.0 - 1.0,
        fill: None,
        stroke: Some(Stroke::solid(Paint::Muted, 1.5)),
    }));
    let nh = number.h;
    cell.items.extend(number.moved(0.0, (lh - nh) / 2.0));
    cell.h = label.h;
    cell.items.extend(label.moved(RING + 8.0, 0.0));
    if !stage.owners.is_empty() {
        cell.stack(chips(&team_labels(ctx, &stage.owners), w, rtl), 8.0);
    }
    if let Some(d) = &stage.description {
        cell.stack(text(d, BODY, w, Paint::Muted, bg, rtl), 6.0);
    }
    cell
}
