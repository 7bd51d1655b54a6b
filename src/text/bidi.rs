//! One line of a paragraph → runs in visual order (Unicode Bidi Algorithm,
//! rules L1–L2), each with one direction and one face, positioned from the
//! line's left edge.
//!
//! How a run is drawn (the layout's contract): its own `<text>` (or an
//! absolutely positioned `<tspan>`) at `x` = the run's centre with
//! `text-anchor="middle"`, `direction` from `rtl` and `unicode-bidi="embed"`.
//! Centring makes the position independent of how the viewer resolves the
//! direction. resvg lays every text out as a left-to-right paragraph and
//! Chromium as the given direction, so an RTL run must look the same under
//! both: it never begins or ends with a space (spaces at run edges become
//! gaps), and when it begins or ends with a neutral character (`!`, `(`,
//! `.`), an invisible RIGHT-TO-LEFT MARK is put at that edge so the neutral
//! resolves to RTL (placed and mirrored the RTL way) in every viewer.

use std::ops::Range;

use unicode_bidi::{BidiClass, BidiDataSource, Level, ParagraphBidiInfo, bidi_class};

use super::fonts::is_attached;
use super::shape::width_px;
use super::{FontId, Line, Run, Style};

/// RIGHT-TO-LEFT MARK: zero width, strong RTL.
const RLM: char = '\u{200F}';

/// A paragraph ready for line layout: its text, bidi levels and the face
/// of each character.
pub(crate) struct Paragraph<'a> {
    pub text: &'a str,
    pub levels: Levels<'a>,
    /// (byte offset, character, face) for each character, in logical order.
    pub chars: Vec<(usize, char, FontId)>,
}

/// The bidi levels of a paragraph.
pub(crate) enum Levels<'a> {
    /// Every character at the paragraph's own level: each line is one run
    /// in the paragraph's direction. See [`uniform_levels`].
    Uniform { rtl: bool },
    /// Computed by the Unicode Bidi Algorithm.
    Computed(ParagraphBidiInfo<'a>),
}

impl<'a> Levels<'a> {
    /// The levels of `text` as a paragraph in the base direction `rtl`.
    /// With `shortcuts`, text that [`uniform_levels`] recognises skips the
    /// algorithm (most labels are in one script).
    pub(crate) fn new(text: &'a str, rtl: bool, shortcuts: bool) -> Self {
        let level = Some(if rtl { Level::rtl() } else { Level::ltr() });
        if !shortcuts {
            Levels::Computed(ParagraphBidiInfo::new(text, level))
        } else if uniform_levels(text, rtl) {
            Levels::Uniform { rtl }
        } else {
            Levels::Computed(ParagraphBidiInfo::new_with_data_source(
                &QuickClasses,
                text,
                level,
            ))
        }
    }
}

impl Paragraph<'_> {
    /// Index in `chars` of the character starting at byte `offset` (or the
    /// first one after it).
    fn char_index(&self, offset: usize) -> usize {
        self.chars.partition_point(|&(b, _, _)| b < offset)
    }
}

/// Lays out `range` of the paragraph as one line. Whitespace at both ends
/// of the line does not count and is not drawn.
pub(crate) fn layout_line(para: &Paragraph<'_>, range: Range<usize>, style: Style) -> Line {
    let range = trim_whitespace(para.text, range);
    if range.is_empty() {
        return Line {
            width: 0.0,
            runs: Vec::new(),
        };
    }
    let (levels, level_runs, uniform_rtl) = match &para.levels {
        Levels::Computed(bidi) => {
            let (levels, runs) = bidi.visual_runs(range);
            (levels, runs, false)
        }
        Levels::Uniform { rtl } => (Vec::new(), vec![range], *rtl),
    };
    let mut x = 0.0f32;
    let mut runs = Vec::new();
    for level_run in level_runs {
        let rtl = uniform_rtl || levels.get(level_run.start).is_some_and(|l| l.is_rtl());
        let mut pieces = font_pieces(para, level_run);
        if rtl {
            pieces.reverse();
        }
        for (font, piece) in pieces {
            let text = &para.text[piece];
            let after_lead = text.trim_start();
            let lead = &text[..text.len() - after_lead.len()];
            let core = after_lead.trim_end();
            let trail = &after_lead[core.len()..];
            // Visual order: in an RTL piece the trailing spaces come first.
            let (left_gap, right_gap) = if rtl { (trail, lead) } else { (lead, trail) };
            x += width_px(font, rtl, left_gap, style.size);
            if !core.is_empty() {
                let width = width_px(font, rtl, core, style.size);
                runs.push(Run {
                    text: run_text(core, rtl),
                    x,
                    width,
                    rtl,
                    font,
                });
                x += width;
            }
            x += width_px(font, rtl, right_gap, style.size);
        }
    }
    Line { width: x, runs }
}

/// Whether the Unicode Bidi Algorithm leaves every character of `text`
/// at the paragraph's level (0 for left to right, 1 for right to left),
/// so that every line is one run in the paragraph's direction.
///
/// It does when the text holds no explicit embedding, override or isolate,
/// and no Arabic number (AN), and:
/// - left to right: no right-to-left letter (R, AL). European numbers then
///   become L after the start of the paragraph (W7), and neutrals between
///   L and L, or at the paragraph's edges, are L (N1, N2);
/// - right to left: no left-to-right letter (L) and no European number
///   (EN, which would rise to level 2). Neutrals and marks then fall
///   between R and R or at the edges, and resolve to R (W1, N1, N2).
pub(crate) fn uniform_levels(text: &str, rtl: bool) -> bool {
    text.chars().all(|c| {
        // No character below U+0590 is R, AL or AN, nor an explicit
        // control (a test checks).
        if !rtl && c < '\u{0590}' {
            return true;
        }
        match class(c) {
            BidiClass::R | BidiClass::AL => rtl,
            BidiClass::L | BidiClass::EN => !rtl,
            BidiClass::AN
            | BidiClass::LRE
            | BidiClass::LRO
            | BidiClass::RLE
            | BidiClass::RLO
            | BidiClass::PDF
            | BidiClass::LRI
            | BidiClass::RLI
            | BidiClass::FSI
            | BidiClass::PDI => false,
            _ => true,
        }
    })
}

/// The bidi algorithm's character classes, through [`class`]: the
/// same classes as the crate's own table, found quicker.
struct QuickClasses;

impl BidiDataSource for QuickClasses {
    fn bidi_class(&self, c: char) -> BidiClass {
        class(c)
    }
}

/// `bidi_class(c)`, without a table search for the most frequent
/// characters of labels: ASCII letters, digits and space, and the Hebrew
/// and Arabic letters (a test checks these ranges against the table).
pub(crate) fn class(c: char) -> BidiClass {
    match c {
        'a'..='z' | 'A'..='Z' => BidiClass::L,
        '0'..='9' => BidiClass::EN,
        ' ' => BidiClass::WS,
        '\u{05D0}'..='\u{05EA}' => BidiClass::R,
        '\u{0620}'..='\u{064A}' | '\u{0671}'..='\u{06D3}' => BidiClass::AL,
        _ => bidi_class(c),
    }
}

/// `range` without the whitespace at its ends.
fn trim_whitespace(text: &str, range: Range<usize>) -> Range<usize> {
    let slice = &text[range.clone()];
    let start = range.start + (slice.len() - slice.trim_start().len());
    let end = range.end - (slice.len() - slice.trim_end().len());
    start..end.max(start)
}

/// Splits a level run into maximal pieces of one face, in logical order.
fn font_pieces(para: &Paragraph<'_>, run: Range<usize>) -> Vec<(FontId, Range<usize>)> {
    let mut pieces: Vec<(FontId, Range<usize>)> = Vec::new();
    let first = para.char_index(run.start);
    for &(offset, c, font) in &para.chars[first..] {
        if offset >= run.end {
            break;
        }
        let end = offset + c.len_utf8();
        match pieces.last_mut() {
            Some((f, r)) if *f == font => r.end = end,
            _ => pieces.push((font, offset..end)),
        }
    }
    pieces
}

/// The text written for a run: explicit bidi controls dropped (the levels
/// already account for them, and a viewer must not apply them again inside
/// a run), and RLMs at the edges of an RTL run that starts or ends with a
/// neutral character.
fn run_text(core: &str, rtl: bool) -> String {
    // Every bidi control is encoded starting with byte 0xE2.
    let mut text: String = if core.as_bytes().contains(&0xE2) {
        core.chars()
            .filter(|&c| !matches!(c as u32, 0x202A..=0x202E | 0x2066..=0x2069))
            .collect()
    } else {
        core.to_string()
    };
    if rtl {
        let strong =
            |c: Option<char>| c.is_some_and(|c| matches!(class(c), BidiClass::R | BidiClass::AL));
        if !strong(text.chars().next()) {
            text.insert(0, RLM);
        }
        if !strong(text.chars().rev().find(|&c| !is_attached(c))) {
            text.push(RLM);
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rtl_runs_get_marks_only_at_neutral_edges() {
        assert_eq!(run_text("שלום", true), "שלום");
        assert_eq!(run_text("שלום!", true), "שלום!\u{200F}");
        assert_eq!(run_text("(שלום)", true), "\u{200F}(שלום)\u{200F}");
        assert_eq!(run_text("hello!", false), "hello!");
        assert_eq!(run_text("\u{202B}abc\u{202C}", false), "abc");
    }

    #[test]
    fn the_quick_classes_are_the_table_s() {
        let quick = (0..0x80u32)
            .chain(0x5D0..=0x5EA)
            .chain(0x620..=0x64A)
            .chain(0x671..=0x6D3);
        for c in quick.filter_map(char::from_u32) {
            assert_eq!(class(c), bidi_class(c), "{c:?}");
        }
    }

    #[test]
    fn trimming_keeps_inner_spaces() {
        assert_eq!(trim_whitespace("  a b  ", 0..7), 2..5);
        assert!(trim_whitespace("   ", 0..3).is_empty());
    }
}
