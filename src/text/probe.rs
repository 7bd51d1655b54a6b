//! Hooks for the real-browser test (`tests/browser.rs`), which can only
//! reach public items: not part of the API, hidden from the docs.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use super::fonts::{self, Script};
use super::{FontId, Style, Weight};

/// Width in px that the text module gives `text` drawn as one run in the
/// face named `family` (as an SVG's `font-family` names it; quotes and
/// fallbacks after the first name are ignored) at `size` px. `None` when
/// the family is not a bundled one.
#[doc(hidden)]
pub fn run_width(text: &str, family: &str, bold: bool, size: f32, rtl: bool) -> Option<f32> {
    let first = family.split(',').next()?.trim().trim_matches(['\'', '"']);
    let weight = if bold { Weight::Bold } else { Weight::Regular };
    let font = [Script::Latin, Script::Hebrew, Script::Arabic]
        .into_iter()
        .map(|s| fonts::face_id(s, weight))
        .find(|&id| fonts::family(id) == first)?;
    let text: String = text.chars().filter(|&c| c != '\u{200F}').collect();
    Some(super::shape::width_px(font, rtl, &text, size))
}

/// An SVG that draws each `(label, rtl)` wrapped to `max_width` with the
/// module's drawing rule and embedded fonts, one label per row. Each
/// `<text>` carries what the module expects of it: `data-left` and
/// `data-width` (px) and `data-first` (which end its first logical
/// character is drawn at: `left` or `right`).
#[doc(hidden)]
pub fn sample_svg(labels: &[(&str, bool)], size: f32, max_width: f32) -> String {
    let style = Style {
        size,
        weight: Weight::Regular,
    };
    let line_height = super::line_height(style);
    let mut used: BTreeMap<FontId, BTreeSet<char>> = BTreeMap::new();
    let mut body = String::new();
    let mut y = 10.0;
    for &(label, rtl) in labels {
        for line in super::wrap(label, style, max_width, rtl) {
            y += line_height;
            // RTL lines are right-aligned in the box, as the layout does.
            let left = if rtl {
                10.0 + max_width - line.width
            } else {
                10.0
            };
            for run in &line.runs {
                used.entry(run.font).or_default().extend(run.text.chars());
                let _ = write!(
                    body,
                    r#"<text x="{:.2}" y="{y:.2}" font-size="{size}" font-family="{}" font-weight="{}" text-anchor="middle" direction="{}" unicode-bidi="embed" data-left="{:.2}" data-width="{:.2}" data-first="{}">{}</text>"#,
                    left + run.x + run.width / 2.0,
                    super::family_list(run.font).replace('\'', "&apos;"),
                    super::css_weight(run.font),
                    if run.rtl { "rtl" } else { "ltr" },
                    left + run.x,
                    run.width,
                    if run.rtl { "right" } else { "left" },
                    escape(&run.text),
                );
            }
        }
        y += line_height / 2.0;
    }
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{:.0}" height="{:.0}"><style>{}</style>{body}</svg>"#,
        max_width + 20.0,
        y + 20.0,
        super::embedded_font_css(&used),
    )
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}
