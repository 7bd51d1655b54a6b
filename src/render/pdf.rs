//! Scene → PDF, with krilla: the same items the SVG writer writes, drawn as
//! vector paths, and each text run as the glyphs our own shaping chose
//! (so the PDF shows exactly what the layout measured), with the run's
//! text attached: selectable and searchable, Hebrew and Persian in
//! logical order. krilla embeds a subset of each face used.

use std::collections::HashMap;

use krilla::color::rgb;
use krilla::geom::{Path, PathBuilder, Point, Transform};
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, LineCap, LineJoin, Stroke as PdfStroke, StrokeDash};
use krilla::text::{Font, GlyphId, KrillaGlyph};
use krilla::{Data, Document};

use super::RenderOptions;
use super::svg::theme::color;
use crate::layout::scene::{Cmd, Item, Paint, Rect, Scene, Stroke, TextBlock};
use crate::model::Journey;
use crate::text::FontId;
use crate::text::{fonts, shape};

/// A paper size for `--page`, landscape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageSize {
    A4,
    A3,
    A2,
    A1,
    A0,
}

impl PageSize {
    /// Width and height in points, landscape.
    fn points(self) -> (f32, f32) {
        // ISO 216 in millimetres, long side first.
        let (long, short) = match self {
            PageSize::A4 => (297.0, 210.0),
            PageSize::A3 => (420.0, 297.0),
            PageSize::A2 => (594.0, 420.0),
            PageSize::A1 => (841.0, 594.0),
            PageSize::A0 => (1189.0, 841.0),
        };
        let pt = |mm: f32| mm / 25.4 * 72.0;
        (pt(long), pt(short))
    }
}

/// A CSS pixel in points (96 px to the inch, 72 pt).
const PX: f32 = 0.75;
/// The margin around the map on a paper size, in points (1 cm).
const MARGIN: f32 = 28.35;

pub(crate) fn write(
    journey: &Journey,
    scene: &Scene,
    options: &RenderOptions,
    page: Option<PageSize>,
) -> Result<Vec<u8>, String> {
    let (map_w, map_h) = (scene.width * PX, scene.height * PX);
    let (page_w, page_h, k, tx, ty) = match page {
        None => (map_w, map_h, PX, 0.0, 0.0),
        Some(size) => {
            let (w, h) = size.points();
            let fit = ((w - 2.0 * MARGIN) / map_w).min((h - 2.0 * MARGIN) / map_h);
            let k = PX * fit;
            // Centred on the sheet.
            let (dw, dh) = (map_w * fit, map_h * fit);
            (w, h, k, (w - dw) / 2.0, (h - dh) / 2.0)
        }
    };
    let mut document = Document::new();
    let mut metadata = krilla::metadata::Metadata::new()
        .title(journey.title.clone())
        .creator("cjm".to_string());
    if let Some(lang) = &journey.lang {
        metadata = metadata.language(lang.clone());
    }
    document.set_metadata(metadata);
    let settings =
        PageSettings::from_wh(page_w.max(1.0), page_h.max(1.0)).ok_or("the map has no size")?;
    {
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        surface.push_transform(&Transform::from_row(k, 0.0, 0.0, k, tx, ty));
        let mut painter = Painter {
            options,
            fonts: HashMap::new(),
        };
        for item in &scene.items {
            painter.item(&mut surface, item);
        }
        surface.pop();
        surface.finish();
        page.finish();
    }
    document
        .finish()
        .map_err(|e| format!("could not write the PDF: {e:?}"))
}

struct Painter<'a> {
    options: &'a RenderOptions,
    /// krilla's handle of each face used, made once per document.
    fonts: HashMap<FontId, Option<Font>>,
}

impl Painter<'_> {
    fn rgb(&self, paint: Paint) -> rgb::Color {
        let hex = color(&self.options.theme, paint);
        let v = u32::from_str_radix(hex.get(1..).unwrap_or("000000"), 16).unwrap_or(0);
        rgb::Color::new((v >> 16) as u8, (v >> 8) as u8, v as u8)
    }

    fn fill(&self, paint: Option<Paint>) -> Option<Fill> {
        paint.map(|p| Fill {
            paint: self.rgb(p).into(),
            ..Fill::default()
        })
    }

    /// A stroke as the SVG writes it: round caps and joins on paths, the
    /// SVG defaults (butt, miter) on rectangles and circles.
    fn stroke(&self, stroke: Option<&Stroke>, round: bool) -> Option<PdfStroke> {
        stroke.map(|s| PdfStroke {
            paint: self.rgb(s.paint).into(),
            width: s.width,
            line_cap: if round { LineCap::Round } else { LineCap::Butt },
            line_join: if round {
                LineJoin::Round
            } else {
                LineJoin::Miter
            },
            miter_limit: 4.0,
            dash: s.dash.map(|(a, b)| StrokeDash {
                array: vec![a, b],
                offset: 0.0,
            }),
            ..PdfStroke::default()
        })
    }

    fn draw(
        &self,
        surface: &mut krilla::surface::Surface<'_>,
        path: Option<Path>,
        fill: Option<Fill>,
        stroke: Option<PdfStroke>,
    ) {
        let Some(path) = path else { return };
        if fill.is_none() && stroke.is_none() {
            return;
        }
        surface.set_fill(fill);
        surface.set_stroke(stroke);
        surface.draw_path(&path);
    }

    fn item(&mut self, surface: &mut krilla::surface::Surface<'_>, item: &Item) {
        match item {
            Item::Rect(r) => {
                let path = rounded_rect(r.rect, r.radius);
                self.draw(
                    surface,
                    path,
                    self.fill(r.fill),
                    self.stroke(r.stroke.as_ref(), false),
                );
            }
            Item::Circle(c) => {
                let path = ellipse(c.cx, c.cy, c.r);
                self.draw(
                    surface,
                    path,
                    self.fill(c.fill),
                    self.stroke(c.stroke.as_ref(), false),
                );
            }
            Item::Path(p) => {
                let mut b = PathBuilder::new();
                for cmd in &p.cmds {
                    match *cmd {
                        Cmd::Move(x, y) => b.move_to(x, y),
                        Cmd::Line(x, y) => b.line_to(x, y),
                        Cmd::Cubic(a, c, d, e, f, g) => b.cubic_to(a, c, d, e, f, g),
                        Cmd::Close => b.close(),
                    }
                }
                self.draw(
                    surface,
                    b.finish(),
                    self.fill(p.fill),
                    self.stroke(p.stroke.as_ref(), true),
                );
            }
            Item::Text(t) => self.text(surface, t),
            Item::Group(g) => {
                let faded = g
                    .opacity
                    .filter(|o| *o < 1.0)
                    .and_then(|o| NormalizedF32::new(o.max(0.0)));
                if let Some(o) = faded {
                    surface.push_opacity(o);
                }
                for item in &g.items {
                    self.item(surface, item);
                }
                if faded.is_some() {
                    surface.pop();
                }
            }
        }
    }

    fn font(&mut self, id: FontId) -> Option<Font> {
        self.fonts
            .entry(id)
            .or_insert_with(|| Font::new(Data::from(fonts::data(id)), 0))
            .clone()
    }

    fn text(&mut self, surface: &mut krilla::surface::Surface<'_>, t: &TextBlock) {
        let size = t.style.size;
        for line in &t.lines {
            for run in &line.runs {
                let Some(font) = self.font(run.font) else {
                    continue;
                };
                let upem = fonts::face(run.font).map_or(1000.0, |f| f.units_per_em);
                let shaped = shape::shaped(run.font, run.rtl, &run.text);
                let glyphs = glyphs(&shaped, &run.text, upem);
                let width: f32 = glyphs.iter().map(|g| g.x_advance * size).sum();
                // Centred on `cx`, as the SVG's `text-anchor="middle"`.
                let start = Point::from_xy(run.cx - width / 2.0, line.baseline);
                if t.halo {
                    // The halo as outlines (no second copy of the text).
                    surface.set_fill(None);
                    surface.set_stroke(Some(PdfStroke {
                        paint: self.rgb(t.background).into(),
                        width: 3.0,
                        line_join: LineJoin::Round,
                        ..PdfStroke::default()
                    }));
                    surface.draw_glyphs(start, &glyphs, font.clone(), &run.text, size, true);
                }
                surface.set_stroke(None);
                surface.set_fill(self.fill(Some(t.paint)));
                surface.draw_glyphs(start, &glyphs, font, &run.text, size, false);
                if t.underline {
                    let rect = Rect::new(
                        start.x,
                        line.baseline + size * 0.12,
                        width,
                        (size * 0.06).max(0.5),
                    );
                    self.draw(
                        surface,
                        rounded_rect(rect, 0.0),
                        self.fill(Some(t.paint)),
                        None,
                    );
                }
            }
        }
    }
}

/// Our shaped glyphs as krilla's, each with the part of the text its
/// cluster stands for (in visual order, right-to-left clusters descend).
fn glyphs(shaped: &[shape::Shaped], text: &str, upem: f32) -> Vec<KrillaGlyph> {
    let mut starts: Vec<usize> = shaped.iter().map(|g| g.cluster).collect();
    starts.sort_unstable();
    starts.dedup();
    shaped
        .iter()
        .map(|g| {
            let next = starts.partition_point(|&s| s <= g.cluster);
            let end = starts.get(next).copied().unwrap_or(text.len());
            KrillaGlyph::new(
                GlyphId::new(g.id),
                g.x_advance / upem,
                g.x_offset / upem,
                g.y_offset / upem,
                0.0,
                g.cluster.min(text.len())..end.max(g.cluster).min(text.len()),
                None,
            )
        })
        .collect()
}

/// Bézier handle length of a quarter circle, per unit of radius.
const KAPPA: f32 = 0.552_284_8;

fn rounded_rect(r: Rect, radius: f32) -> Option<Path> {
    let mut b = PathBuilder::new();
    let rad = radius.min(r.w / 2.0).min(r.h / 2.0).max(0.0);
    let (x0, y0, x1, y1) = (r.x, r.y, r.x + r.w, r.y + r.h);
    if rad == 0.0 {
        b.move_to(x0, y0);
        b.line_to(x1, y0);
        b.line_to(x1, y1);
        b.line_to(x0, y1);
        b.close();
        return b.finish();
    }
    let c = rad * KAPPA;
    b.move_to(x0 + rad, y0);
    b.line_to(x1 - rad, y0);
    b.cubic_to(x1 - rad + c, y0, x1, y0 + rad - c, x1, y0 + rad);
    b.line_to(x1, y1 - rad);
    b.cubic_to(x1, y1 - rad + c, x1 - rad + c, y1, x1 - rad, y1);
    b.line_to(x0 + rad, y1);
    b.cubic_to(x0 + rad - c, y1, x0, y1 - rad + c, x0, y1 - rad);
    b.line_to(x0, y0 + rad);
    b.cubic_to(x0, y0 + rad - c, x0 + rad - c, y0, x0 + rad, y0);
    b.close();
    b.finish()
}

fn ellipse(cx: f32, cy: f32, r: f32) -> Option<Path> {
    let mut b = PathBuilder::new();
    let c = r * KAPPA;
    b.move_to(cx + r, cy);
    b.cubic_to(cx + r, cy + c, cx + c, cy + r, cx, cy + r);
    b.cubic_to(cx - c, cy + r, cx - r, cy + c, cx - r, cy);
    b.cubic_to(cx - r, cy - c, cx - c, cy - r, cx, cy - r);
    b.cubic_to(cx + c, cy - r, cx + r, cy - c, cx + r, cy);
    b.close();
    b.finish()
}
