//! Shaping with harfrust and the width cache.
//!
//! Widths are cached in font units per (face, direction, text): the layout
//! measures the same strings many times (once per candidate width, once per
//! pass), and a width in font units serves every font size.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::LazyLock;

use harfrust::{
    Direction, GlyphBuffer, ShapeOptions, ShapePlan, Shaper, ShaperData, UnicodeBuffer,
};

use super::FontId;
use super::cache::{NearMemo, TextMemo};
use super::fonts::{self, Script};

/// Shaping tables of each face, built once.
static SHAPER_DATA: LazyLock<Vec<Option<ShaperData>>> = LazyLock::new(|| {
    (0..fonts::face_count())
        .map(|i| fonts::face(FontId(i as u8)).map(|f| ShaperData::new(&f.font)))
        .collect()
});

type PlanKey = (u8, bool, harfrust::Script);

/// What each thread keeps from one shaping to the next: building a face's
/// shaper, a shape plan (it looks up the font's features) or a buffer
/// each time cost more than shaping a short label, and sharing plans
/// behind a lock made the layout threads queue for it.
#[derive(Default)]
struct Reused {
    shapers: Vec<Option<Shaper<'static>>>,
    /// Per (face, direction, script); built the same way on every thread.
    plans: HashMap<PlanKey, ShapePlan>,
    /// Cleared by harfrust before it is handed back.
    buffer: Option<UnicodeBuffer>,
}

thread_local! {
    static REUSED: RefCell<Reused> = RefCell::default();
}

/// Cached widths in font units per (face, rtl, text).
static WIDTHS: TextMemo<f32> = TextMemo::new(200_000);

/// Entries of each thread's own table in front of `WIDTHS`: the words a
/// map repeats (a few thousand), with room for the runs met once that
/// pass through it.
const NEAR_WIDTHS: usize = 4_096;

thread_local! {
    static NEAR: RefCell<NearMemo<f32>> = RefCell::new(NearMemo::new(NEAR_WIDTHS));
}

/// Shapes `text` with one face in one direction and hands the glyphs to `f`.
/// `None` if the face is missing (never for the bundled faces).
fn with_shaped<R>(
    font: FontId,
    rtl: bool,
    text: &str,
    f: impl FnOnce(&GlyphBuffer) -> R,
) -> Option<R> {
    REUSED.with_borrow_mut(|reused| {
        let Reused {
            shapers,
            plans,
            buffer,
        } = reused;
        let index = usize::from(font.0);
        if shapers.len() <= index {
            shapers.resize_with(index + 1, || None);
        }
        let shaper = match &mut shapers[index] {
            Some(shaper) => shaper,
            slot => {
                let face = fonts::face(font)?;
                let data = SHAPER_DATA.get(index)?.as_ref()?;
                slot.insert(data.shaper(&face.font).build())
            }
        };

        let mut unicode = buffer.take().unwrap_or_default();
        unicode.push_str(text);
        unicode.set_direction(if rtl {
            Direction::RightToLeft
        } else {
            Direction::LeftToRight
        });
        match fonts::script(font) {
            Script::Hebrew => unicode.set_script(harfrust::script::HEBREW),
            Script::Arabic => unicode.set_script(harfrust::script::ARABIC),
            Script::Latin | Script::Emoji | Script::Extra => {}
        }
        // Fills in the script of Latin-face text (Latin, Greek, Cyrillic…).
        unicode.guess_segment_properties();
        let script = unicode.script();
        let direction = unicode.direction();
        let plan = plans
            .entry((font.0, rtl, script))
            .or_insert_with(|| ShapePlan::new(shaper, direction, Some(script), None, &[]));
        let output = shaper.shape(unicode, ShapeOptions::new().plan(Some(plan)));
        let result = f(&output);
        *buffer = Some(output.clear());
        Some(result)
    })
}

/// Advance width of `text` in `font`'s units per em, shaped in one
/// direction (cached).
pub(crate) fn width_units(font: FontId, rtl: bool, text: &str) -> f32 {
    if text.is_empty() {
        return 0.0;
    }
    let extra = u128::from(font.0) | u128::from(rtl) << 8;
    let shared = || {
        WIDTHS.get_or(extra, text, || {
            with_shaped(font, rtl, text, |out| {
                out.glyph_positions()
                    .iter()
                    .map(|p| p.x_advance as f32)
                    .sum::<f32>()
            })
            .unwrap_or(0.0)
        })
    };
    NEAR.with_borrow_mut(|near| near.get_or(extra, text, shared))
}

/// Advance width of `text` in px at `size`.
pub(crate) fn width_px(font: FontId, rtl: bool, text: &str, size: f32) -> f32 {
    let units_per_em = fonts::face(font).map_or(1000.0, |f| f.units_per_em);
    width_units(font, rtl, text) * size / units_per_em
}

/// One shaped glyph: id, the byte offset of its cluster in the text, and
/// its advance and offsets in font units.
pub(crate) struct Shaped {
    pub id: u32,
    pub cluster: usize,
    pub x_advance: f32,
    pub x_offset: f32,
    pub y_offset: f32,
}

/// The glyphs of `text` in `font`, in visual order (left to right), for a
/// renderer that places glyphs itself (the PDF).
pub(crate) fn shaped(font: FontId, rtl: bool, text: &str) -> Vec<Shaped> {
    with_shaped(font, rtl, text, |out| {
        out.glyph_infos()
            .iter()
            .zip(out.glyph_positions())
            .map(|(g, p)| Shaped {
                id: g.glyph_id,
                cluster: g.cluster as usize,
                x_advance: p.x_advance as f32,
                x_offset: p.x_offset as f32,
                y_offset: p.y_offset as f32,
            })
            .collect()
    })
    .unwrap_or_default()
}

/// Glyph ids of shaped `text` (for tests that check no glyph is missing).
#[cfg(test)]
pub(crate) fn glyph_ids(font: FontId, rtl: bool, text: &str) -> Vec<u32> {
    with_shaped(font, rtl, text, |out| {
        out.glyph_infos().iter().map(|g| g.glyph_id).collect()
    })
    .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Weight;
    use crate::text::fonts::face_id;

    #[test]
    fn widths_scale_with_size_and_grow_with_text() {
        let latin = face_id(Script::Latin, Weight::Regular);
        let a = width_px(latin, false, "Checkout", 10.0);
        let b = width_px(latin, false, "Checkout", 20.0);
        assert!(a > 20.0 && a < 80.0, "{a}");
        assert!((b - 2.0 * a).abs() < 1e-3);
        assert!(width_px(latin, false, "Checkout page", 10.0) > a);
        let bold = face_id(Script::Latin, Weight::Bold);
        assert!(width_px(bold, false, "Checkout", 10.0) > a);
    }

    #[test]
    fn hebrew_and_persian_shape_without_missing_glyphs() {
        let hebrew = face_id(Script::Hebrew, Weight::Regular);
        let arabic = face_id(Script::Arabic, Weight::Regular);
        for (font, text) in [
            (hebrew, "שלום עולם"),
            (hebrew, "ימים"),
            (arabic, "می\u{200C}خواهم پرداخت کنم"),
            (arabic, "گزارش ژوئن چک"),
        ] {
            let ids = glyph_ids(font, true, text);
            assert!(!ids.is_empty());
            assert!(ids.iter().all(|&g| g != 0), "{text}: {ids:?}");
            assert!(width_px(font, true, text, 16.0) > 16.0);
        }
    }

    #[test]
    fn reused_shapers_plans_and_buffers_shape_as_new_ones() {
        let texts = [
            ("Checkout page", Script::Latin, false),
            ("שלום עולם!", Script::Hebrew, true),
            ("می\u{200C}خواهم پرداخت", Script::Arabic, true),
            ("fi ffl AV To", Script::Latin, false),
            ("e\u{301}\u{302} x", Script::Latin, false),
        ];
        let shaped = |font, rtl, text| {
            with_shaped(font, rtl, text, |out| {
                let ids: Vec<u32> = out.glyph_infos().iter().map(|g| g.glyph_id).collect();
                let advances: Vec<i32> =
                    out.glyph_positions().iter().map(|p| p.x_advance).collect();
                (ids, advances)
            })
        };
        let mut first = Vec::new();
        for &(text, script, rtl) in &texts {
            for weight in [Weight::Regular, Weight::Bold] {
                REUSED.with_borrow_mut(|r| *r = Reused::default());
                first.push(shaped(face_id(script, weight), rtl, text));
            }
        }
        // Now every text after another one, through the same buffer.
        let mut again = Vec::new();
        for &(text, script, rtl) in &texts {
            for weight in [Weight::Regular, Weight::Bold] {
                again.push(shaped(face_id(script, weight), rtl, text));
            }
        }
        assert_eq!(first, again);
    }

    #[test]
    fn arabic_letters_join() {
        // Joined (medial/final) forms differ from the isolated letters, so the
        // glyphs of a word differ from those of its letters shaped alone.
        let arabic = face_id(Script::Arabic, Weight::Regular);
        let word = glyph_ids(arabic, true, "سلام");
        let alone: Vec<u32> = "سلام"
            .chars()
            .rev()
            .flat_map(|c| glyph_ids(arabic, true, &c.to_string()))
            .collect();
        assert_ne!(word, alone);
    }
}
