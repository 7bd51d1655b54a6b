//! Wrapping text into boxes: the only place layout talks to `text`.

use std::borrow::Cow;
use std::sync::Arc;

use super::scene::{Paint, PlacedLine, PlacedRun, Rect, TextBlock};
use crate::text::{self, Line, Style, Weight};

/// Where lines sit in their box, in left-to-right coordinates; mirroring
/// turns `Start` into right-aligned text for right-to-left maps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Align {
    Start,
    Center,
}

pub(crate) const fn style(size: f32, bold: bool) -> Style {
    Style {
        size,
        weight: if bold { Weight::Bold } else { Weight::Regular },
    }
}

/// Makes user text safe and stable to draw: characters XML 1.0 forbids
/// are dropped, tabs become spaces, and runs of spaces collapse (SVG would
/// collapse them anyway, after we measured them). `\n` stays: it starts a
/// new line.
pub(crate) fn sanitize(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        let c = match c {
            '\n' => {
                while out.ends_with(' ') {
                    out.pop();
                }
                out.push('\n');
                space = true;
                continue;
            }
            '\t' | '\r' | ' ' => ' ',
            c if (c as u32) < 0x20 || c == '\u{7f}' || c == '\u{fffe}' || c == '\u{ffff}' => {
                continue;
            }
            c => c,
        };
        if c == ' ' {
            if !space {
                out.push(' ');
            }
            space = true;
        } else {
            out.push(c);
            space = false;
        }
    }
    out.trim_matches(|c| c == ' ' || c == '\n').to_string()
}

/// `sanitize(s)`, borrowing `s` when it is already clean (labels almost
/// always are).
fn sanitized(s: &str) -> Cow<'_, str> {
    if is_clean(s) {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(sanitize(s))
    }
}

/// Whether `sanitize` would give `s` back unchanged.
fn is_clean(s: &str) -> bool {
    let mut previous = None;
    for c in s.chars() {
        let changed = match c {
            '\n' => previous == Some(' '),
            ' ' => matches!(previous, Some(' ' | '\n')),
            '\t' | '\r' | '\u{7f}' | '\u{fffe}' | '\u{ffff}' => true,
            c => (c as u32) < 0x20,
        };
        if changed {
            return false;
        }
        previous = Some(c);
    }
    !s.starts_with([' ', '\n']) && !s.ends_with([' ', '\n'])
}

/// A measured paragraph (possibly several source lines).
#[derive(Debug, Clone)]
pub(crate) struct Wrapped {
    /// Shared with the text cache.
    pub lines: Arc<Vec<Line>>,
    pub style: Style,
}

impl Wrapped {
    pub(crate) fn height(&self) -> f32 {
        self.lines.len() as f32 * text::line_height(self.style)
    }
    pub(crate) fn width(&self) -> f32 {
        self.lines.iter().map(|l| l.width).fold(0.0, f32::max)
    }
    pub(crate) fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }
}

/// Wraps `s` to `max_width`; an explicit `\n` starts a new line.
pub(crate) fn wrap(s: &str, style: Style, max_width: f32, rtl: bool) -> Wrapped {
    let clean = sanitized(s);
    // One pixel in hand: measured line widths can exceed the width asked
    // for by a fraction of a pixel (mixed-direction lines with quotes),
    // and a line must never leave its box.
    let width = (max_width - 1.0).max(1.0);
    let one = |para: &str| text::wrap_shared(para, style, width, paragraph_rtl(para, rtl));
    let lines = if clean.is_empty() {
        Arc::default()
    } else if !clean.contains('\n') {
        one(&clean)
    } else {
        Arc::new(
            clean
                .split('\n')
                .flat_map(|para| one(para).to_vec())
                .collect(),
        )
    };
    Wrapped { lines, style }
}

/// The base direction of one paragraph. In a right-to-left map, any text
/// with a right-to-left letter is a right-to-left paragraph (so `Waze בדרך`
/// and `מתוסכלת!` read as a Hebrew reader expects), while text with none
/// (`Google`, `Pay now!`) stays left to right. In a left-to-right map the
/// first strong letter decides, as the Unicode default does.
fn paragraph_rtl(para: &str, map_rtl: bool) -> bool {
    use unicode_bidi::BidiClass;
    let strong = |c: char| match text::bidi_class(c) {
        BidiClass::R | BidiClass::AL => Some(true),
        BidiClass::L => Some(false),
        _ => None,
    };
    if map_rtl {
        para.chars().any(|c| strong(c) == Some(true))
    } else {
        para.chars().find_map(strong).unwrap_or(false)
    }
}

/// Width of `s` on one line (after sanitising).
pub(crate) fn measure(s: &str, style: Style) -> f32 {
    text::measure(&sanitized(s), style)
}

/// Places wrapped text with its box's top-left at `(x, y)` and width `w`.
pub(crate) fn place(
    wrapped: &Wrapped,
    x: f32,
    y: f32,
    w: f32,
    align: Align,
    paint: Paint,
    background: Paint,
) -> TextBlock {
    let style = wrapped.style;
    let lh = text::line_height(style);
    let ascent = text::ascent(style);
    // Centre the glyphs' body (ascent plus a typical descent) in the slot.
    let baseline_off = ((lh - ascent - 0.27 * style.size) / 2.0).max(0.0) + ascent;
    let mut lines = Vec::with_capacity(wrapped.lines.len());
    for (i, line) in wrapped.lines.iter().enumerate() {
        let top = y + i as f32 * lh;
        let width = line.width;
        let left = match align {
            Align::Start => x,
            Align::Center => x + (w - width) / 2.0,
        };
        let runs = line
            .runs
            .iter()
            .filter_map(|run| place_run(run, left, style))
            .collect();
        lines.push(PlacedLine {
            x: left,
            width,
            baseline: top + baseline_off,
            top,
            height: lh,
            runs,
        });
    }
    TextBlock {
        bbox: Rect::new(x, y, w, wrapped.height()),
        style,
        paint,
        background,
        halo: false,
        underline: false,
        lines,
    }
}

/// Centres a run on its ink: spaces at either end are trimmed (SVG would
/// drop them and shift a middle-anchored run) and their width taken off the
/// side they stand on.
fn place_run(run: &text::Run, line_left: f32, style: Style) -> Option<PlacedRun> {
    let trimmed = run.text.trim_matches(' ');
    if trimmed.is_empty() {
        return None;
    }
    let lead = run.text.len() - run.text.trim_start_matches(' ').len();
    let trail = run.text.len() - run.text.trim_end_matches(' ').len();
    let space = if lead + trail > 0 {
        text::measure(" ", style)
    } else {
        0.0
    };
    let (left_ws, right_ws) = if run.rtl {
        (trail as f32 * space, lead as f32 * space)
    } else {
        (lead as f32 * space, trail as f32 * space)
    };
    let width = (run.width - left_ws - right_ws).max(0.0);
    Some(PlacedRun {
        text: trimmed.to_string(),
        cx: line_left + run.x + left_ws + width / 2.0,
        width,
        rtl: run.rtl,
        font: run.font,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sanitize_drops_control_characters_and_collapses_spaces() {
        assert_eq!(sanitize("a\u{1}b  \t c"), "ab c");
        assert_eq!(sanitize(" one \n two "), "one\ntwo");
        assert_eq!(sanitize("\u{ffff}"), "");
    }

    #[test]
    fn clean_text_is_exactly_what_sanitize_leaves_unchanged() {
        // Every string of up to five characters from pieces sanitize
        // treats specially.
        let alphabet = [
            'a', ' ', '\n', '\t', '\r', '\u{1}', '\u{7f}', '\u{ffff}', 'ש',
        ];
        let mut strings = vec![String::new()];
        for _ in 0..5 {
            let longer: Vec<String> = strings
                .iter()
                .filter(|s| s.chars().count() == strings.last().map_or(0, |l| l.chars().count()))
                .flat_map(|s| alphabet.iter().map(move |&c| format!("{s}{c}")))
                .collect();
            strings.extend(longer);
        }
        assert!(strings.len() > 60_000);
        for s in &strings {
            assert_eq!(is_clean(s), sanitize(s) == *s, "{s:?}");
            assert_eq!(sanitized(s), sanitize(s), "{s:?}");
        }
    }

    #[test]
    fn paragraph_direction_follows_the_letters() {
        assert!(paragraph_rtl("Waze בדרך", true));
        assert!(!paragraph_rtl("Pay now!", true));
        assert!(!paragraph_rtl("12,000", true));
        assert!(paragraph_rtl("שלום world", false));
        assert!(!paragraph_rtl("hello שלום", false));
    }

    #[test]
    fn explicit_newlines_start_new_lines() {
        let w = wrap("first\nsecond", style(13.0, false), 500.0, false);
        assert_eq!(w.lines.len(), 2);
    }
}
