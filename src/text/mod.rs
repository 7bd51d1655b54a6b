//! Text metrics with the real fonts: font choice by coverage, shaping,
//! bidi runs and line breaking. Layout measures with this module and the
//! SVG names the same fonts, so what is measured is what is drawn.
//!
//! NOTE: placeholder implementation (character-count estimate) until the
//! shaping engine lands; the API is the contract layout builds on.

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
    /// The characters in logical order.
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

/// Advance width of `text` on one line.
pub(crate) fn measure(text: &str, style: Style) -> f32 {
    let factor = match style.weight {
        Weight::Regular => 0.55,
        Weight::Bold => 0.6,
    };
    text.chars().count() as f32 * style.size * factor
}

/// Distance between baselines.
pub(crate) fn line_height(style: Style) -> f32 {
    style.size * 1.35
}

/// Ascent above the baseline (for placing the first baseline in a box).
pub(crate) fn ascent(style: Style) -> f32 {
    style.size * 1.0
}

/// Breaks `text` into lines no wider than `max_width` (a word longer than
/// the width is broken between characters), each line reordered for display.
/// `base_rtl` is the paragraph direction.
pub(crate) fn wrap(text: &str, style: Style, max_width: f32, base_rtl: bool) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if measure(&candidate, style) <= max_width || current.is_empty() {
            current = candidate;
        } else {
            lines.push(std::mem::take(&mut current));
            current = word.to_string();
        }
    }
    if !current.is_empty() || lines.is_empty() {
        lines.push(current);
    }
    lines
        .into_iter()
        .map(|l| {
            let width = measure(&l, style);
            Line {
                width,
                runs: vec![Run {
                    text: l,
                    x: 0.0,
                    width,
                    rtl: base_rtl,
                    font: FontId(0),
                }],
            }
        })
        .collect()
}

/// The CSS family name of a font (as named inside the font file).
pub(crate) fn family(_font: FontId) -> &'static str {
    "sans-serif"
}

/// `@font-face` rules embedding subsets of the fonts with exactly the
/// characters each one is used for.
pub(crate) fn embedded_font_css(
    _used: &std::collections::BTreeMap<FontId, std::collections::BTreeSet<char>>,
) -> String {
    String::new()
}

/// The bundled font files, for loading into resvg's font database.
pub(crate) fn font_files() -> Vec<&'static [u8]> {
    Vec::new()
}
