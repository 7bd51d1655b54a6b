//! Text metrics with the real fonts: font choice by coverage, shaping,
//! bidi runs and line breaking. Layout measures with this module and the
//! SVG names the same fonts, so what is measured is what is drawn.
//!
//! Drawing rule for the layout: each [`Run`] of a [`Line`] is written as its
//! own `<text>` at `x` = line left + `run.x + run.width / 2` (the run's
//! centre) with `text-anchor="middle"`, `direction="rtl"` when `run.rtl`
//! (else `"ltr"`), `unicode-bidi="embed"`, `font-family` = [`family_list`]
//! of `run.font` and `font-weight` = [`css_weight`]; the run's text is
//! written as is (logical order, it may hold invisible RLM marks). See
//! `bidi.rs` for why this renders the same in resvg and in browsers.

mod bidi;
mod cache;
pub(crate) mod fonts;
pub(crate) mod probe;
pub(crate) mod shape;
mod subset;
mod wrap;

use std::sync::Arc;

use cache::TextMemo;

/// Index of one of the bundled font faces.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct FontId(pub u8);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Weight {
    Regular,
    Bold,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    /// Font size in px.
    pub size: f32,
    pub weight: Weight,
}

/// A piece of one line with one bidi direction and one font.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Run {
    /// The characters in logical order (an RTL run that starts or ends with
    /// a neutral character has an invisible RLM at that edge).
    pub text: String,
    /// Offset of the run's visual left edge from the line's visual left edge.
    pub x: f32,
    pub width: f32,
    pub rtl: bool,
    pub font: FontId,
}

/// One wrapped line, its runs in visual order (left to right).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Line {
    pub width: f32,
    pub runs: Vec<Run>,
}

/// Advance width of `text` on one line, in px. Runs of spaces count as
/// one (as the SVG shows them); for text with line breaks, the width of
/// the widest paragraph.
pub(crate) fn measure(text: &str, style: Style) -> f32 {
    static MEASURED: TextMemo<f32> = TextMemo::new(100_000);
    let extra = u128::from(style.size.to_bits()) | u128::from(style.weight == Weight::Bold) << 32;
    MEASURED.get_or(extra, text, || {
        wrap::paragraphs(text)
            .iter()
            .map(|p| wrap::paragraph_width(p, style))
            .fold(0.0, f32::max)
    })
}

/// Distance between baselines: ascent + descent + line gap of the tallest
/// face, so a line mixing scripts fits.
pub(crate) fn line_height(style: Style) -> f32 {
    let (ascent, descent, gap) = fonts::max_metrics(style.size);
    ascent + descent + gap
}

/// Ascent above the baseline (for placing the first baseline in a box),
/// the largest of the faces.
pub(crate) fn ascent(style: Style) -> f32 {
    fonts::max_metrics(style.size).0
}

/// Breaks `text` into lines no wider than `max_width` (a word longer than
/// the width is broken between characters), each line reordered for display.
/// `base_rtl` is the paragraph direction. Mandatory breaks (`\n`) start a
/// new line; an empty paragraph gives a line without runs.
pub(crate) fn wrap(text: &str, style: Style, max_width: f32, base_rtl: bool) -> Vec<Line> {
    wrap_shared(text, style, max_width, base_rtl).to_vec()
}

/// [`wrap`], the lines shared with the cache instead of copied out of it.
pub(crate) fn wrap_shared(
    text: &str,
    style: Style,
    max_width: f32,
    base_rtl: bool,
) -> Arc<Vec<Line>> {
    static WRAPPED: TextMemo<Arc<Vec<Line>>> = TextMemo::new(20_000);
    // The labels a map repeats are short (chips, names, built-in words);
    // a long one (a thought, a pain) is nearly always met once, and kept it
    // would only hold its lines and strings at the peak of a big map's
    // memory (3 MiB of 79 for 5,000 touchpoints, for no measurable time).
    const KEPT_UP_TO: usize = 64;
    if text.len() > KEPT_UP_TO {
        return Arc::new(wrap::wrap(text, style, max_width, base_rtl));
    }
    let extra = u128::from(style.size.to_bits())
        | u128::from(max_width.to_bits()) << 32
        | u128::from(style.weight == Weight::Bold) << 64
        | u128::from(base_rtl) << 65;
    WRAPPED.get_or(extra, text, || {
        Arc::new(wrap::wrap(text, style, max_width, base_rtl))
    })
}

/// The bidi class of `c` (quicker than `unicode_bidi::bidi_class` for
/// the characters labels are mostly made of).
pub(crate) fn bidi_class(c: char) -> unicode_bidi::BidiClass {
    bidi::class(c)
}

/// The CSS family name of a font (as named inside the font file).
pub(crate) fn family(font: FontId) -> &'static str {
    fonts::family(font)
}

/// A `font-family` value for a run: the run's family, then the Latin
/// family and the generic one, in case a viewer lacks a glyph.
pub(crate) fn family_list(font: FontId) -> String {
    let family = fonts::family(font);
    let latin = fonts::family(FontId(0));
    if family == latin {
        format!("'{family}', sans-serif")
    } else {
        format!("'{family}', '{latin}', sans-serif")
    }
}

/// The CSS `font-weight` of a font (400 or 700).
pub(crate) fn css_weight(font: FontId) -> u16 {
    subset::css_weight(font)
}

/// `@font-face` rules embedding subsets of the fonts with exactly the
/// characters each one is used for.
pub(crate) fn embedded_font_css(
    used: &std::collections::BTreeMap<FontId, std::collections::BTreeSet<char>>,
) -> String {
    subset::embedded_font_css(used)
}

/// The bundled font files, for loading into resvg's font database.
pub(crate) fn font_files() -> Vec<&'static [u8]> {
    fonts::all_data()
}

#[cfg(test)]
mod tests;

#[cfg(test)]
mod resvg_tests;

#[cfg(test)]
mod shortcut_tests;
