//! The service blueprint's lines (language.md §9): when the frontstage,
//! backstage or support lane is drawn, a labelled line runs across the
//! whole map at its top edge: the line of interaction, of visibility, of
//! internal interaction. Dashed and darker than the lane separators, the
//! name at the leading edge; mirrored with the rest of an RTL map.

use super::Ctx;
use super::cell::{Cell, SMALL_BOLD, rect};
use super::scene::{Cmd, Group, Item, Paint, PathShape, Rect, Stroke};
use super::textbox::{Align, place, wrap};
use super::{CELL_PAD, words::Words};

struct Line {
    /// The lane the line sits on.
    lane: &'static str,
    /// `data-line` (map.md).
    name: &'static str,
    title: fn(&Words) -> &'static str,
}

const LINES: [Line; 3] = [
    Line {
        lane: "frontstage",
        name: "interaction",
        title: |w| w.line_of_interaction,
    },
    Line {
        lane: "backstage",
        name: "visibility",
        title: |w| w.line_of_visibility,
    },
    Line {
        lane: "support",
        name: "internal",
        title: |w| w.line_of_internal_interaction,
    },
];

/// The widest a line's name is wrapped to.
const MAX_LABEL_W: f32 = 320.0;

/// The band above the lane `lane` holding its blueprint line, if it has
/// one: a strip from `x0` to `x1`, its name at the leading edge and the
/// line along its bottom (the lane's top edge). Items at y from the
/// band's top.
pub(crate) fn band(ctx: &Ctx, lane: &str, x0: f32, x1: f32) -> Option<Cell> {
    let line = LINES.iter().find(|l| l.lane == lane)?;
    let title = (line.title)(ctx.words);
    let w = (x1 - x0 - 2.0 * CELL_PAD).min(MAX_LABEL_W);
    let wrapped = wrap(title, SMALL_BOLD, w, ctx.rtl);
    let h = wrapped.height() + 12.0;
    let mut g = Group::new("blueprint-line")
        .with("line", line.name)
        .titled(title.to_string());
    // The strip is page-coloured: the line reads as a border between the
    // zones of the blueprint, not as one more lane.
    g.items.push(rect(
        Rect::new(x0, 0.0, x1 - x0, h),
        0.0,
        Some(Paint::Page),
        None,
    ));
    g.items.push(Item::Path(PathShape {
        cmds: vec![Cmd::Move(x0, h), Cmd::Line(x1, h)],
        fill: None,
        stroke: Some(Stroke {
            paint: Paint::BlueprintLine,
            width: 1.5,
            dash: Some((8.0, 4.0)),
        }),
    }));
    g.items.push(Item::Text(place(
        &wrapped,
        x0 + CELL_PAD,
        5.0,
        w,
        Align::Start,
        Paint::Text,
        Paint::Page,
    )));
    Some(Cell {
        items: vec![Item::Group(Box::new(g))],
        h,
    })
}
