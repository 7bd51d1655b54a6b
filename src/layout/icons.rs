//! Small icons drawn as paths (no font glyphs, so they look the same in
//! every viewer). Each takes the icon's centre and size in px.

use super::scene::{Circle, Cmd, Item, Paint, PathShape, Stroke};

fn path(cmds: Vec<Cmd>, fill: Option<Paint>, stroke: Option<Stroke>) -> Item {
    Item::Path(PathShape { cmds, fill, stroke })
}

fn circle(cx: f32, cy: f32, r: f32, fill: Option<Paint>, stroke: Option<Stroke>) -> Item {
    Item::Circle(Circle {
        cx,
        cy,
        r,
        fill,
        stroke,
    })
}

/// A triangle pointing up (`up`) or down, centred on `(cx, cy)`.
pub(crate) fn triangle(cx: f32, cy: f32, size: f32, up: bool) -> Vec<Cmd> {
    let h = size * 0.87;
    let (apex, base) = if up {
        (cy - h * 0.6, cy + h * 0.4)
    } else {
        (cy + h * 0.6, cy - h * 0.4)
    };
    vec![
        Cmd::Move(cx, apex),
        Cmd::Line(cx + size / 2.0, base),
        Cmd::Line(cx - size / 2.0, base),
        Cmd::Close,
    ]
}

/// Warning sign: a filled triangle with an exclamation mark (pain points).
pub(crate) fn warning(cx: f32, cy: f32, size: f32) -> Vec<Item> {
    let mut cmds = triangle(cx, cy + size * 0.05, size, true);
    cmds[0] = Cmd::Move(cx, cy - size * 0.48);
    vec![
        path(cmds, Some(Paint::Pain), None),
        path(
            vec![
                Cmd::Move(cx, cy - size * 0.18),
                Cmd::Line(cx, cy + size * 0.12),
            ],
            None,
            Some(Stroke::solid(Paint::Surface, size * 0.13)),
        ),
        circle(
            cx,
            cy + size * 0.28,
            size * 0.075,
            Some(Paint::Surface),
            None,
        ),
    ]
}

/// Light bulb (opportunities).
pub(crate) fn bulb(cx: f32, cy: f32, size: f32) -> Vec<Item> {
    let r = size * 0.32;
    let bulb_cy = cy - size * 0.12;
    let neck = size * 0.16;
    vec![
        circle(cx, bulb_cy, r, Some(Paint::Opportunity), None),
        path(
            vec![
                Cmd::Move(cx - neck, bulb_cy + r * 0.6),
                Cmd::Line(cx + neck, bulb_cy + r * 0.6),
                Cmd::Line(cx + neck, cy + size * 0.3),
                Cmd::Line(cx - neck, cy + size * 0.3),
                Cmd::Close,
            ],
            Some(Paint::Opportunity),
            None,
        ),
        path(
            vec![
                Cmd::Move(cx - neck * 0.8, cy + size * 0.42),
                Cmd::Line(cx + neck * 0.8, cy + size * 0.42),
            ],
            None,
            Some(Stroke::solid(Paint::Opportunity, size * 0.1)),
        ),
        // A glint so it reads as a bulb, not a pin.
        path(
            vec![
                Cmd::Move(cx - r * 0.45, bulb_cy + r * 0.05),
                Cmd::Cubic(
                    cx - r * 0.45,
                    bulb_cy - r * 0.35,
                    cx - r * 0.2,
                    bulb_cy - r * 0.5,
                    cx + r * 0.05,
                    bulb_cy - r * 0.5,
                ),
            ],
            None,
            Some(Stroke::solid(Paint::Surface, size * 0.08)),
        ),
    ]
}

/// "i" in a circle (insights).
pub(crate) fn info(cx: f32, cy: f32, size: f32) -> Vec<Item> {
    vec![
        circle(cx, cy, size * 0.48, Some(Paint::Insight), None),
        circle(
            cx,
            cy - size * 0.22,
            size * 0.07,
            Some(Paint::Surface),
            None,
        ),
        path(
            vec![
                Cmd::Move(cx, cy - size * 0.06),
                Cmd::Line(cx, cy + size * 0.26),
            ],
            None,
            Some(Stroke::solid(Paint::Surface, size * 0.13)),
        ),
    ]
}

/// An arrow pointing forward (actions); mirrored maps point it left.
pub(crate) fn step(cx: f32, cy: f32, size: f32) -> Vec<Item> {
    let s = size / 2.0;
    vec![
        circle(cx, cy, s, Some(Paint::Action), None),
        path(
            vec![
                Cmd::Move(cx - s * 0.45, cy),
                Cmd::Line(cx + s * 0.4, cy),
                Cmd::Move(cx + s * 0.05, cy - s * 0.38),
                Cmd::Line(cx + s * 0.45, cy),
                Cmd::Line(cx + s * 0.05, cy + s * 0.38),
            ],
            None,
            Some(Stroke::solid(Paint::Surface, size * 0.11)),
        ),
    ]
}

/// A globe (online channel).
pub(crate) fn globe(cx: f32, cy: f32, size: f32, paint: Paint) -> Vec<Item> {
    let r = size / 2.0;
    let k = 0.55 * r;
    let w = r * 0.45;
    let stroke = Some(Stroke::solid(paint, 1.2));
    vec![
        circle(cx, cy, r, None, stroke),
        path(
            vec![
                Cmd::Move(cx, cy - r),
                Cmd::Cubic(cx + w * 1.1, cy - k, cx + w * 1.1, cy + k, cx, cy + r),
                Cmd::Cubic(cx - w * 1.1, cy + k, cx - w * 1.1, cy - k, cx, cy - r),
                Cmd::Move(cx - r, cy),
                Cmd::Line(cx + r, cy),
            ],
            None,
            stroke,
        ),
    ]
}

/// A map pin (offline channel: a place).
pub(crate) fn pin(cx: f32, cy: f32, size: f32, paint: Paint) -> Vec<Item> {
    let r = size * 0.34;
    let top = cy - size / 2.0 + r;
    vec![
        path(
            vec![
                Cmd::Move(cx, cy + size / 2.0),
                Cmd::Cubic(cx - r * 0.4, top + r * 1.4, cx - r, top + r, cx - r, top),
                Cmd::Cubic(cx - r, top - r * 1.33, cx + r, top - r * 1.33, cx + r, top),
                Cmd::Cubic(
                    cx + r,
                    top + r,
                    cx + r * 0.4,
                    top + r * 1.4,
                    cx,
                    cy + size / 2.0,
                ),
                Cmd::Close,
            ],
            Some(paint),
            None,
        ),
        circle(cx, top, r * 0.4, Some(Paint::Chip), None),
    ]
}

/// A diamond (moments of truth).
pub(crate) fn diamond(cx: f32, cy: f32, size: f32, fill: Paint) -> Item {
    let s = size / 2.0;
    path(
        vec![
            Cmd::Move(cx, cy - s),
            Cmd::Line(cx + s, cy),
            Cmd::Line(cx, cy + s),
            Cmd::Line(cx - s, cy),
            Cmd::Close,
        ],
        Some(fill),
        None,
    )
}

/// A small chevron pointing forward (sequence between cards).
pub(crate) fn chevron(cx: f32, cy: f32, size: f32, paint: Paint) -> Item {
    let s = size / 2.0;
    path(
        vec![
            Cmd::Move(cx - s * 0.5, cy - s),
            Cmd::Line(cx + s * 0.5, cy),
            Cmd::Line(cx - s * 0.5, cy + s),
        ],
        None,
        Some(Stroke::solid(paint, 1.6)),
    )
}

/// An arrow head with its tip at `(x, y)`, pointing along `(dx, dy)`.
pub(crate) fn arrow_head(x: f32, y: f32, dx: f32, dy: f32, size: f32, paint: Paint) -> Item {
    let len = (dx * dx + dy * dy).sqrt().max(f32::EPSILON);
    let (ux, uy) = (dx / len, dy / len);
    let (bx, by) = (x - ux * size, y - uy * size);
    let (px, py) = (-uy * size * 0.5, ux * size * 0.5);
    path(
        vec![
            Cmd::Move(x, y),
            Cmd::Line(bx + px, by + py),
            Cmd::Line(bx - px, by - py),
            Cmd::Close,
        ],
        Some(paint),
        None,
    )
}

/// The marker of an emotion point: its shape says the score without colour
/// (down triangles below neutral, up above, filled for the extremes, a
/// circle for neutral).
pub(crate) fn score_marker(cx: f32, cy: f32, score: i8, ring: Paint) -> Vec<Item> {
    let paint = Paint::Score(score);
    let size = 15.0;
    let filled = score.abs() >= 2;
    let fill = if filled { paint } else { Paint::Surface };
    let stroke = Some(Stroke::solid(paint, 2.5));
    let mut items = Vec::new();
    // A thin ring in the persona's colour ties the marker to its curve.
    items.push(circle(
        cx,
        cy,
        12.0,
        Some(Paint::Surface),
        Some(Stroke::solid(ring, 1.5)),
    ));
    if score == 0 {
        items.push(circle(cx, cy, 5.5, Some(fill), stroke));
    } else {
        let mut cmds = triangle(cx, cy, size * 0.8, score > 0);
        // Optical centring: a triangle's centroid sits a third of the way in.
        let shift = if score > 0 { 1.0 } else { -1.0 };
        for c in &mut cmds {
            if let Cmd::Move(_, y) | Cmd::Line(_, y) = c {
                *y += shift;
            }
        }
        items.push(path(cmds, Some(fill), stroke));
    }
    items
}

/// A circular arrow (loops).
pub(crate) fn loop_arrow(cx: f32, cy: f32, size: f32, paint: Paint) -> Vec<Item> {
    let r = size * 0.38;
    let k = 0.55 * r;
    vec![
        path(
            vec![
                Cmd::Move(cx + r, cy),
                Cmd::Cubic(cx + r, cy + k, cx + k, cy + r, cx, cy + r),
                Cmd::Cubic(cx - k, cy + r, cx - r, cy + k, cx - r, cy),
                Cmd::Cubic(cx - r, cy - k, cx - k, cy - r, cx, cy - r),
            ],
            None,
            Some(Stroke::solid(paint, 1.6)),
        ),
        arrow_head(cx + r * 0.55, cy - r, 1.0, 0.0, size * 0.35, paint),
    ]
}

/// A thought bubble (thoughts lane).
pub(crate) fn bubble(cx: f32, cy: f32, size: f32) -> Vec<Item> {
    let line = Some(Stroke::solid(Paint::Muted, 1.3));
    vec![
        circle(
            cx + size * 0.1,
            cy - size * 0.1,
            size * 0.36,
            Some(Paint::ThoughtBg),
            line,
        ),
        circle(cx - size * 0.3, cy + size * 0.32, size * 0.1, None, line),
        circle(
            cx - size * 0.45,
            cy + size * 0.48,
            size * 0.05,
            Some(Paint::Muted),
            None,
        ),
    ]
}

/// A smiling face (emotion lane).
pub(crate) fn face(cx: f32, cy: f32, size: f32) -> Vec<Item> {
    let r = size / 2.0;
    let line = Some(Stroke::solid(Paint::Muted, 1.3));
    vec![
        circle(cx, cy, r - 0.6, None, line),
        circle(
            cx - r * 0.36,
            cy - r * 0.22,
            r * 0.12,
            Some(Paint::Muted),
            None,
        ),
        circle(
            cx + r * 0.36,
            cy - r * 0.22,
            r * 0.12,
            Some(Paint::Muted),
            None,
        ),
        path(
            vec![
                Cmd::Move(cx - r * 0.45, cy + r * 0.18),
                Cmd::Cubic(
                    cx - r * 0.3,
                    cy + r * 0.55,
                    cx + r * 0.3,
                    cy + r * 0.55,
                    cx + r * 0.45,
                    cy + r * 0.18,
                ),
            ],
            None,
            line,
        ),
    ]
}

/// A card with a title line (touchpoints lane).
pub(crate) fn card(cx: f32, cy: f32, size: f32) -> Vec<Item> {
    let (w, h) = (size, size * 0.78);
    let line = Some(Stroke::solid(Paint::Muted, 1.3));
    vec![
        path(
            vec![
                Cmd::Move(cx - w / 2.0, cy - h / 2.0),
                Cmd::Line(cx + w / 2.0, cy - h / 2.0),
                Cmd::Line(cx + w / 2.0, cy + h / 2.0),
                Cmd::Line(cx - w / 2.0, cy + h / 2.0),
                Cmd::Close,
            ],
            None,
            line,
        ),
        path(
            vec![
                Cmd::Move(cx - w * 0.28, cy - h * 0.1),
                Cmd::Line(cx + w * 0.28, cy - h * 0.1),
                Cmd::Move(cx - w * 0.28, cy + h * 0.18),
                Cmd::Line(cx + w * 0.05, cy + h * 0.18),
            ],
            None,
            line,
        ),
    ]
}

/// Three rising bars (metrics lane).
pub(crate) fn bars(cx: f32, cy: f32, size: f32) -> Vec<Item> {
    let w = size * 0.22;
    let base = cy + size * 0.42;
    [0.45f32, 0.7, 0.95]
        .iter()
        .enumerate()
        .map(|(i, h)| {
            let x = cx - size * 0.42 + i as f32 * size * 0.32;
            path(
                vec![
                    Cmd::Move(x, base),
                    Cmd::Line(x, base - h * size * 0.84),
                    Cmd::Line(x + w, base - h * size * 0.84),
                    Cmd::Line(x + w, base),
                    Cmd::Close,
                ],
                Some(Paint::Funnel),
                None,
            )
        })
        .collect()
}

/// A funnel (funnel lane).
pub(crate) fn funnel(cx: f32, cy: f32, size: f32) -> Vec<Item> {
    let s = size / 2.0;
    vec![path(
        vec![
            Cmd::Move(cx - s, cy - s * 0.8),
            Cmd::Line(cx + s, cy - s * 0.8),
            Cmd::Line(cx + s * 0.18, cy + s * 0.1),
            Cmd::Line(cx + s * 0.18, cy + s * 0.85),
            Cmd::Line(cx - s * 0.18, cy + s * 0.6),
            Cmd::Line(cx - s * 0.18, cy + s * 0.1),
            Cmd::Close,
        ],
        Some(Paint::Funnel),
        None,
    )]
}

fn outline() -> Option<Stroke> {
    Some(Stroke::solid(Paint::Muted, 1.3))
}

/// A sheet with a folded corner (evidence: a receipt, an e-mail, a sign).
pub(crate) fn document(cx: f32, cy: f32, size: f32) -> Vec<Item> {
    let (w, h) = (size * 0.72, size);
    let (x0, y0) = (cx - w / 2.0, cy - h / 2.0);
    let fold = w * 0.35;
    vec![
        path(
            vec![
                Cmd::Move(x0, y0),
                Cmd::Line(x0 + w - fold, y0),
                Cmd::Line(x0 + w, y0 + fold),
                Cmd::Line(x0 + w, y0 + h),
                Cmd::Line(x0, y0 + h),
                Cmd::Close,
            ],
            Some(Paint::Surface),
            outline(),
        ),
        path(
            vec![
                Cmd::Move(x0 + w * 0.22, cy),
                Cmd::Line(x0 + w * 0.78, cy),
                Cmd::Move(x0 + w * 0.22, cy + h * 0.22),
                Cmd::Line(x0 + w * 0.78, cy + h * 0.22),
            ],
            None,
            outline(),
        ),
    ]
}

/// Head and shoulders, from `(cx, cy)`, `size` tall.
fn bust(cx: f32, cy: f32, size: f32, fill: Option<Paint>) -> Vec<Item> {
    let r = size * 0.2;
    let head = cy - size * 0.22;
    let base = cy + size * 0.46;
    let half = size * 0.36;
    vec![
        circle(cx, head, r, fill, outline()),
        path(
            vec![
                Cmd::Move(cx - half, base),
                Cmd::Cubic(
                    cx - half,
                    cy + size * 0.02,
                    cx + half,
                    cy + size * 0.02,
                    cx + half,
                    base,
                ),
                Cmd::Close,
            ],
            fill,
            outline(),
        ),
    ]
}

/// A person in view (frontstage: staff the customer meets).
pub(crate) fn person(cx: f32, cy: f32, size: f32) -> Vec<Item> {
    bust(cx, cy, size, Some(Paint::Surface))
}

/// A person behind a screen (backstage: staff out of view).
pub(crate) fn screened(cx: f32, cy: f32, size: f32) -> Vec<Item> {
    let mut items = bust(cx + size * 0.12, cy, size * 0.9, Some(Paint::Surface));
    let x = cx - size * 0.3;
    items.push(path(
        vec![Cmd::Move(x, cy - size * 0.5), Cmd::Line(x, cy + size * 0.5)],
        None,
        Some(Stroke::solid(Paint::Muted, 2.2)),
    ));
    items
}

/// A cog (support processes and systems).
pub(crate) fn gear(cx: f32, cy: f32, size: f32) -> Vec<Item> {
    let (r_in, r_out) = (size * 0.3, size * 0.48);
    let mut teeth = Vec::new();
    for k in 0..8 {
        let a = k as f32 * std::f32::consts::FRAC_PI_4;
        let (s, c) = a.sin_cos();
        teeth.push(Cmd::Move(cx + c * r_in, cy + s * r_in));
        teeth.push(Cmd::Line(cx + c * r_out, cy + s * r_out));
    }
    vec![
        path(teeth, None, Some(Stroke::solid(Paint::Muted, size * 0.16))),
        circle(cx, cy, r_in, Some(Paint::Surface), outline()),
        circle(cx, cy, size * 0.1, Some(Paint::Muted), None),
    ]
}

/// A note with lines (a custom text lane).
pub(crate) fn note(cx: f32, cy: f32, size: f32) -> Vec<Item> {
    let s = size / 2.0;
    vec![
        path(
            vec![
                Cmd::Move(cx - s, cy - s * 0.8),
                Cmd::Line(cx + s, cy - s * 0.8),
                Cmd::Line(cx + s, cy + s * 0.8),
                Cmd::Line(cx - s, cy + s * 0.8),
                Cmd::Close,
            ],
            Some(Paint::CustomBg),
            outline(),
        ),
        path(
            vec![
                Cmd::Move(cx - s * 0.55, cy - s * 0.25),
                Cmd::Line(cx + s * 0.55, cy - s * 0.25),
                Cmd::Move(cx - s * 0.55, cy + s * 0.25),
                Cmd::Line(cx + s * 0.2, cy + s * 0.25),
            ],
            None,
            outline(),
        ),
    ]
}

/// A line through three points (a custom score lane).
pub(crate) fn sparkline(cx: f32, cy: f32, size: f32) -> Vec<Item> {
    let s = size / 2.0;
    let pts = [
        (-s, s * 0.5),
        (-s * 0.2, -s * 0.1),
        (s * 0.3, s * 0.3),
        (s, -s * 0.6),
    ];
    let mut cmds = vec![Cmd::Move(cx + pts[0].0, cy + pts[0].1)];
    cmds.extend(pts[1..].iter().map(|(x, y)| Cmd::Line(cx + x, cy + y)));
    let mut items = vec![path(cmds, None, Some(Stroke::solid(Paint::ScoreLine, 1.6)))];
    for (x, y) in pts {
        items.push(circle(
            cx + x,
            cy + y,
            size * 0.1,
            Some(Paint::ScoreLine),
            None,
        ));
    }
    items
}
