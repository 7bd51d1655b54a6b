//! The Scene: what layout hands to the renderers. Every coordinate is
//! absolute and final; a renderer only writes these values down.

use crate::text::{FontId, Style};

/// A colour role; the theme turns it into a colour at render time, so the
/// layout is the same for every theme.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Paint {
    /// The page behind everything.
    Page,
    /// Lane cells, alternating per stage so columns read as groups.
    Lane(u8),
    /// The leading column with the lane names.
    LaneHeader,
    /// Stage header band, alternating like the lanes.
    StageHeader(u8),
    /// Cards and persona cards.
    Surface,
    Border,
    GridLine,
    Text,
    Muted,
    /// The title of a touchpoint with a link.
    Link,
    Chip,
    ChipBorder,
    Pain,
    PainBg,
    Opportunity,
    OpportunityBg,
    Insight,
    InsightBg,
    Action,
    ThoughtBg,
    Moment,
    MomentBg,
    Persona(u8),
    Score(i8),
    Funnel,
    Drop,
    DropBg,
    Flow,
    Loop,
    /// Faint tint above (true) or below (false) the neutral line of the
    /// emotion lane.
    EmotionBand(bool),
    /// Service blueprint boxes: what staff do in view, out of view, and
    /// the supporting processes.
    FrontstageBg,
    BackstageBg,
    SupportBg,
    /// The boxes of a custom text lane.
    CustomBg,
    /// The curve and markers of a custom score lane (neutral).
    ScoreLine,
    /// The blueprint's lines of interaction, visibility and internal
    /// interaction.
    BlueprintLine,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Stroke {
    pub paint: Paint,
    pub width: f32,
    /// Dash and gap lengths.
    pub dash: Option<(f32, f32)>,
}

impl Stroke {
    pub(crate) fn solid(paint: Paint, width: f32) -> Stroke {
        Stroke {
            paint,
            width,
            dash: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Rect {
    pub x: f32,
    pub y: f32,
    pub w: f32,
    pub h: f32,
}

impl Rect {
    pub(crate) fn new(x: f32, y: f32, w: f32, h: f32) -> Rect {
        Rect { x, y, w, h }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RectShape {
    pub rect: Rect,
    pub radius: f32,
    pub fill: Option<Paint>,
    pub stroke: Option<Stroke>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Cmd {
    Move(f32, f32),
    Line(f32, f32),
    /// Cubic Bézier: two control points, then the end point.
    Cubic(f32, f32, f32, f32, f32, f32),
    Close,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PathShape {
    pub cmds: Vec<Cmd>,
    pub fill: Option<Paint>,
    pub stroke: Option<Stroke>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Circle {
    pub cx: f32,
    pub cy: f32,
    pub r: f32,
    pub fill: Option<Paint>,
    pub stroke: Option<Stroke>,
}

/// One run of a line, ready to draw: `cx` is the run's centre, drawn with
/// `text-anchor="middle"` so browsers and resvg agree on its place.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlacedRun {
    pub text: String,
    pub cx: f32,
    pub width: f32,
    pub rtl: bool,
    pub font: FontId,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct PlacedLine {
    /// Visual left edge and width of the line's ink.
    pub x: f32,
    pub width: f32,
    pub baseline: f32,
    /// The line's slot: `top .. top + height`.
    pub top: f32,
    pub height: f32,
    pub runs: Vec<PlacedRun>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct TextBlock {
    /// The box the text was wrapped into.
    pub bbox: Rect,
    pub style: Style,
    pub paint: Paint,
    /// What the text sits on (for contrast checks and the halo colour).
    pub background: Paint,
    /// Draw a halo in the background colour so lines behind stay legible.
    pub halo: bool,
    /// Underlined (links: not told by colour alone).
    pub underline: bool,
    pub lines: Vec<PlacedLine>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    Rect(RectShape),
    Path(PathShape),
    Circle(Circle),
    Text(TextBlock),
    /// Boxed: a group is twice the size of any other item, and a big map
    /// holds a hundred thousand items.
    Group(Box<Group>),
}

/// A `<g>` (or an `<a>` when `href` is set) with its semantic class and
/// `data-*` attributes.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Group {
    pub class: Option<&'static str>,
    /// `data-*` attributes, name without the prefix.
    pub data: Vec<(&'static str, String)>,
    /// A checked http/https/mailto link.
    pub href: Option<String>,
    /// A `<title>`: the tooltip browsers show, read by screen readers.
    pub title: Option<String>,
    /// Drawn with this opacity (a faded part of a `--team` view).
    pub opacity: Option<f32>,
    pub items: Vec<Item>,
}

impl Group {
    pub(crate) fn new(class: &'static str) -> Group {
        Group {
            class: Some(class),
            ..Group::default()
        }
    }
    pub(crate) fn with(mut self, name: &'static str, value: &str) -> Group {
        self.data.push((name, value.to_string()));
        self
    }
    pub(crate) fn titled(mut self, title: String) -> Group {
        self.title = Some(title);
        self
    }
    /// A group without class around `items`, faded.
    pub(crate) fn faded(items: Vec<Item>, opacity: f32) -> Item {
        Item::Group(Box::new(Group {
            opacity: Some(opacity),
            items,
            ..Group::default()
        }))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scene {
    pub width: f32,
    pub height: f32,
    pub rtl: bool,
    pub items: Vec<Item>,
}

impl Item {
    /// Applies `f` to every x coordinate (used once, for mirroring).
    pub(crate) fn map_x(&mut self, f: &impl Fn(f32) -> f32) {
        match self {
            Item::Rect(r) => r.rect = mirror_rect(r.rect, f),
            Item::Path(p) => {
                for c in &mut p.cmds {
                    *c = match *c {
                        Cmd::Move(x, y) => Cmd::Move(f(x), y),
                        Cmd::Line(x, y) => Cmd::Line(f(x), y),
                        Cmd::Cubic(a, b, c2, d, e, g) => Cmd::Cubic(f(a), b, f(c2), d, f(e), g),
                        Cmd::Close => Cmd::Close,
                    }
                }
            }
            Item::Circle(c) => c.cx = f(c.cx),
            Item::Text(t) => {
                t.bbox = mirror_rect(t.bbox, f);
                for line in &mut t.lines {
                    // The line moves as a whole; its runs keep their visual
                    // order (text::wrap already ordered them for display).
                    let new_x = f(line.x + line.width);
                    let shift = new_x - line.x;
                    line.x = new_x;
                    for run in &mut line.runs {
                        run.cx += shift;
                    }
                }
            }
            Item::Group(g) => g.items.iter_mut().for_each(|i| i.map_x(f)),
        }
    }

    /// Moves the item by `(dx, dy)`.
    pub(crate) fn translate(&mut self, dx: f32, dy: f32) {
        match self {
            Item::Rect(r) => {
                r.rect.x += dx;
                r.rect.y += dy;
            }
            Item::Path(p) => {
                for c in &mut p.cmds {
                    *c = match *c {
                        Cmd::Move(x, y) => Cmd::Move(x + dx, y + dy),
                        Cmd::Line(x, y) => Cmd::Line(x + dx, y + dy),
                        Cmd::Cubic(a, b, c2, d, e, g) => {
                            Cmd::Cubic(a + dx, b + dy, c2 + dx, d + dy, e + dx, g + dy)
                        }
                        Cmd::Close => Cmd::Close,
                    }
                }
            }
            Item::Circle(c) => {
                c.cx += dx;
                c.cy += dy;
            }
            Item::Text(t) => {
                t.bbox.x += dx;
                t.bbox.y += dy;
                for line in &mut t.lines {
                    line.x += dx;
                    line.baseline += dy;
                    line.top += dy;
                    for run in &mut line.runs {
                        run.cx += dx;
                    }
                }
            }
            Item::Group(g) => g.items.iter_mut().for_each(|i| i.translate(dx, dy)),
        }
    }
}

fn mirror_rect(r: Rect, f: &impl Fn(f32) -> f32) -> Rect {
    let a = f(r.x);
    let b = f(r.x + r.w);
    Rect::new(a.min(b), r.y, (a - b).abs(), r.h)
}

/// Moves a list of items.
pub(crate) fn translate_all(items: &mut [Item], dx: f32, dy: f32) {
    items.iter_mut().for_each(|i| i.translate(dx, dy));
}

/// Every text block in drawing order, groups flattened.
pub(crate) fn texts(items: &[Item]) -> Vec<&TextBlock> {
    let mut out = Vec::new();
    fn walk<'a>(items: &'a [Item], out: &mut Vec<&'a TextBlock>) {
        for item in items {
            match item {
                Item::Text(t) => out.push(t),
                Item::Group(g) => walk(&g.items, out),
                _ => {}
            }
        }
    }
    walk(items, &mut out);
    out
}
