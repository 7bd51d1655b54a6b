//! Line breaking: paragraphs at mandatory breaks, then greedy filling at
//! Unicode line break opportunities (UAX #14), in logical order; a word
//! wider than the line is broken between characters.

use std::borrow::Cow;
use std::ops::Range;

use unicode_linebreak::{BreakOpportunity, linebreaks};

use super::bidi::{Levels, Paragraph, layout_line};
use super::fonts::{self, is_attached};
use super::shape::width_px;
use super::{FontId, Line, Style};

/// Slack for float noise when comparing a width with the line width, so
/// that `wrap(t, s, measure(t, s), _)` keeps `t` on one line.
const EPSILON: f32 = 0.01;

/// Splits `text` into paragraphs at mandatory line breaks and normalises
/// each one the way the SVG shows it: runs of spaces and tabs become one
/// space (SVG collapses them, so measuring them would overstate the width).
pub(crate) fn paragraphs(text: &str) -> Vec<Cow<'_, str>> {
    // Labels are sanitised before they get here: most have nothing to
    // split or collapse, and are their own single paragraph.
    let plain = !text.contains(is_break) && !text.contains('\t') && !text.contains("  ");
    if plain {
        vec![Cow::Borrowed(text)]
    } else {
        split_paragraphs(text).into_iter().map(Cow::Owned).collect()
    }
}

fn is_break(c: char) -> bool {
    matches!(
        c,
        '\r' | '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// [`paragraphs`], character by character.
fn split_paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            c if is_break(c) => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(std::mem::take(&mut current));
            }
            ' ' | '\t' => {
                if !current.ends_with(' ') {
                    current.push(' ');
                }
            }
            _ => current.push(c),
        }
    }
    out.push(current);
    out
}

/// Width of `text` on one line, summing the shaped widths of its pieces of
/// one face in logical order (each shaped in its script's direction).
pub(crate) fn logical_width(
    text: &str,
    fonts: impl IntoIterator<Item = FontId>,
    style: Style,
) -> f32 {
    let mut width = 0.0;
    let mut start = 0;
    let mut current: Option<FontId> = None;
    for ((offset, _), font) in text.char_indices().zip(fonts) {
        if current != Some(font) {
            if let Some(f) = current {
                width += piece_width(f, &text[start..offset], style);
            }
            start = offset;
            current = Some(font);
        }
    }
    if let Some(f) = current {
        width += piece_width(f, &text[start..], style);
    }
    width
}

fn piece_width(font: FontId, text: &str, style: Style) -> f32 {
    let rtl = fonts::script(font).is_rtl();
    width_px(font, rtl, text, style.size)
}

/// Width of one paragraph (already normalised).
pub(crate) fn paragraph_width(text: &str, style: Style) -> f32 {
    logical_width(text, fonts::assign(text, style.weight), style)
}

/// Breaks and lays out every paragraph of `text`.
pub(crate) fn wrap(text: &str, style: Style, max_width: f32, base_rtl: bool) -> Vec<Line> {
    wrap_with(text, style, max_width, base_rtl, true)
}

/// [`wrap`], with or without the shortcuts for left-to-right and ASCII
/// text (the tests check both ways give the same lines).
pub(crate) fn wrap_with(
    text: &str,
    style: Style,
    max_width: f32,
    base_rtl: bool,
    shortcuts: bool,
) -> Vec<Line> {
    let mut lines = Vec::new();
    for text in paragraphs(text) {
        let text: &str = &text;
        let assigned = if shortcuts {
            fonts::assign(text, style.weight)
        } else {
            fonts::assign_by_rules(text, style.weight)
        };
        let para = Paragraph {
            text,
            levels: Levels::new(text, base_rtl, shortcuts),
            chars: text
                .char_indices()
                .zip(&assigned)
                .map(|((i, c), &f)| (i, c, f))
                .collect(),
        };
        let laid = break_and_lay_out(&para, style, max_width);
        if laid.is_empty() {
            lines.push(Line {
                width: 0.0,
                runs: Vec::new(),
            });
        }
        lines.extend(laid);
    }
    lines
}

/// Breaks with the logical measure, then checks the laid-out lines: runs
/// measured one by one can come out a little wider than the logical measure
/// (shaping and kerning across run edges, glyphs no face covers). When a
/// line overflows, breaking again against a limit narrowed by the overflow
/// settles it, so every line that can fit does.
fn break_and_lay_out(para: &Paragraph<'_>, style: Style, max_width: f32) -> Vec<Line> {
    let mut limit = max_width;
    let mut lines = Vec::new();
    // Each round narrows by at least a quarter pixel; differences seen are
    // under 2 px, so a few rounds settle every case.
    for _ in 0..8 {
        lines = break_lines(para, style, limit)
            .into_iter()
            .map(|range| layout_line(para, range, style))
            .collect();
        let overflow = lines
            .iter()
            .filter(|line| {
                line.runs
                    .iter()
                    .map(|r| r.text.chars().count())
                    .sum::<usize>()
                    > 1
            })
            .map(|line| line.width - max_width)
            .fold(0.0_f32, f32::max);
        if overflow <= EPSILON {
            break;
        }
        limit -= overflow.max(0.25);
    }
    lines
}

/// Greedy line filling: each line takes as many segments (text between
/// break opportunities) as fit; a segment that does not fit on a line of
/// its own is broken between characters.
///
/// A candidate line is measured as the sum of its segments' widths, each
/// word and its trailing space shaped on its own: words repeat across a
/// map, so their widths come from the cache, where shaping every candidate
/// line whole shaped a line of k words k times. Kerning across a space is
/// lost, so the sum can differ from the laid-out line by a fraction of a
/// pixel; `break_and_lay_out` breaks again when a line comes out wider.
fn break_lines(para: &Paragraph<'_>, style: Style, max_width: f32) -> Vec<Range<usize>> {
    let text = para.text;
    let measure = |range: Range<usize>| {
        let first = para.chars.partition_point(|&(b, _, _)| b < range.start);
        let fonts = para.chars[first..].iter().map(|&(_, _, f)| f);
        logical_width(&text[range], fonts, style)
    };
    let fits = |range: Range<usize>| {
        let trimmed = range.start..range.start + text[range].trim_end().len();
        measure(trimmed) <= max_width + EPSILON
    };
    // The width of `range` if it is at most `budget`. A long range is first
    // tried by growing prefixes: when 64, 128, 256… characters already
    // overflow, the whole (a word thousands of characters long) need not be
    // shaped on every line.
    let within = |range: Range<usize>, budget: f32| {
        let mut chars = 64;
        loop {
            let prefix_end = text[range.start..range.end]
                .char_indices()
                .nth(chars)
                .map_or(range.end, |(i, _)| range.start + i);
            if prefix_end >= range.end {
                let width = measure(range);
                return (width <= budget + EPSILON).then_some(width);
            }
            if measure(range.start..prefix_end) > budget + EPSILON {
                return None;
            }
            chars *= 2;
        }
    };
    let breaks: Vec<(usize, bool)> = linebreaks(text)
        .map(|(at, kind)| (at, kind == BreakOpportunity::Mandatory))
        .collect();
    let mut lines = Vec::new();
    let mut start = skip_spaces(text, 0);
    let mut next = 0;
    // Fast path: the whole paragraph, shaped whole, fits (a wide box, a
    // short label); so text kept on one line by its own measure stays so.
    // Only tried once: trying it on every line would shape the rest of a
    // long paragraph once per line.
    // The whole is shaped only when the sum of its words comes within an
    // em of the line (kerning across spaces moves a line by far less):
    // a paragraph that has to wrap is then not shaped whole for nothing.
    let words_within = |limit: f32| {
        let mut sum = 0.0;
        let mut from = start;
        for &(end, _) in breaks.iter().filter(|&&(end, _)| end > start) {
            let word_end = from + text[from..end].trim_end().len();
            match within(from..word_end, limit - sum) {
                Some(word) => sum += word + measure(word_end..end),
                None => return false,
            }
            from = end;
        }
        true
    };
    if start < text.len() && words_within(max_width + style.size) {
        let trimmed = start..start + text[start..].trim_end().len();
        if within(trimmed, max_width).is_some() {
            return std::iter::once(start..text.len()).collect();
        }
    }
    while start < text.len() {
        let mut best = None;
        // Width of the segments taken so far, their trailing spaces
        // included (a space counts once a word follows it).
        let mut taken = 0.0;
        let mut segment_start = start;
        while let Some(&(end, mandatory)) = breaks.get(next) {
            if end <= start {
                next += 1;
                continue;
            }
            let word_end = segment_start + text[segment_start..end].trim_end().len();
            let Some(word) = within(segment_start..word_end, max_width - taken) else {
                break;
            };
            taken += word + measure(word_end..end);
            best = Some(end);
            segment_start = end;
            next += 1;
            if mandatory {
                break;
            }
        }
        let end = match best {
            Some(end) => end,
            None => {
                // The segment alone is too wide: cut it.
                let segment_end = breaks.get(next).map_or(text.len(), |&(e, _)| e);
                break_word(para, start..segment_end, &fits)
            }
        };
        lines.push(start..end);
        start = skip_spaces(text, end);
    }
    lines
}

fn skip_spaces(text: &str, from: usize) -> usize {
    from + (text[from..].len() - text[from..].trim_start_matches(' ').len())
}

/// The end of the longest prefix of `range` that fits, cut between
/// characters but never before a combining mark or joiner; at least one
/// character even if it alone is too wide.
fn break_word(
    para: &Paragraph<'_>,
    range: Range<usize>,
    fits: &impl Fn(Range<usize>) -> bool,
) -> usize {
    let mut clusters = Clusters::new(para, range.clone());
    if clusters.available(1) == 0 {
        return range.end;
    }
    // Widths grow with the prefix, so the longest fitting one can be
    // found by bisection: `lo` clusters fit, more than `hi` do not. The
    // upper bound is found by doubling first, so a very long word costs a
    // few shapings of about a line each, not of the whole word.
    let (mut lo, mut hi) = (1, 1);
    loop {
        let probe = (hi * 2).min(clusters.available(hi * 2));
        if probe <= hi {
            break;
        }
        if fits(range.start..clusters.end(probe)) {
            (lo, hi) = (probe, probe);
        } else {
            hi = probe - 1;
            break;
        }
    }
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if fits(range.start..clusters.end(mid)) {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    // Within the fitting prefix, prefer the last cut that does not split
    // two joined Arabic letters (looking back at most half the line).
    let last = clusters.available(lo + 1) == lo;
    let chosen = (lo.div_ceil(2)..=lo)
        .rev()
        .find(|&k| (k == lo && last) || !joined_across(para.text, clusters.end(k)))
        .unwrap_or(lo);
    clusters.end(chosen)
}

/// Ends of the character clusters (a character and the marks attached to
/// it) of a range, found only as far as asked: a line needs a few dozen
/// of them even when the word is thousands of characters long.
struct Clusters<'p> {
    chars: &'p [(usize, char, FontId)],
    next: usize,
    limit: usize,
    ends: Vec<usize>,
}

impl<'p> Clusters<'p> {
    fn new(para: &'p Paragraph<'_>, range: Range<usize>) -> Self {
        let first = para.chars.partition_point(|&(b, _, _)| b < range.start);
        Clusters {
            chars: &para.chars,
            next: first,
            limit: range.end,
            ends: Vec::new(),
        }
    }

    /// How many clusters are known complete, reading until `n` are (or
    /// the range ends).
    fn available(&mut self, n: usize) -> usize {
        loop {
            let more = self
                .chars
                .get(self.next)
                .filter(|&&(offset, _, _)| offset < self.limit);
            let Some(&(offset, c, _)) = more else {
                return self.ends.len();
            };
            // Every cluster so far is complete once a character that does
            // not attach to them follows.
            if !is_attached(c) && self.ends.len() >= n {
                return self.ends.len();
            }
            let end = offset + c.len_utf8();
            match self.ends.last_mut() {
                Some(last) if is_attached(c) => *last = end,
                _ => self.ends.push(end),
            }
            self.next += 1;
        }
    }

    /// Byte end of the first `k` clusters (`k` ≥ 1, already available).
    fn end(&self, k: usize) -> usize {
        self.ends
            .get(k.max(1) - 1)
            .or(self.ends.last())
            .copied()
            .unwrap_or(self.limit)
    }
}

/// Whether the letters on both sides of byte `at` join (Arabic cursive
/// connection), so a cut there would change both letters' shapes.
fn joined_across(text: &str, at: usize) -> bool {
    let before = text[..at]
        .chars()
        .rev()
        .find(|&c| !is_attached(c) || c == '\u{200C}');
    let after = text[at..].chars().next();
    match (before, after) {
        (Some(b), Some(a)) => joins_to_next(b) && is_arabic_letter(a),
        _ => false,
    }
}

fn is_arabic_letter(c: char) -> bool {
    matches!(c as u32, 0x0620..=0x064A | 0x066E..=0x06D3 | 0x06D5 | 0x06FA..=0x06FC | 0x06FF)
}

/// Arabic letters that connect to the letter after them (dual-joining);
/// alef, dal, reh, waw and their variants only connect to the one before.
fn joins_to_next(c: char) -> bool {
    is_arabic_letter(c)
        && !matches!(
            c as u32,
            0x0621..=0x0625
                | 0x0627
                | 0x0629
                | 0x062F..=0x0632
                | 0x0648
                | 0x0671..=0x0673
                | 0x0675..=0x0677
                | 0x0688..=0x0699
                | 0x06C0
                | 0x06C3..=0x06CB
                | 0x06CD
                | 0x06CF
                | 0x06D2
                | 0x06D3
                | 0x06D5
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_is_one_paragraph_as_splitting_finds() {
        let pieces = [
            "a", "ש", " ", "  ", "\t", "\n", "\r", "\r\n", "\u{85}", "\u{2029}", "\u{0B}",
        ];
        let strings = crate::testgen::strings_of(&pieces, 4);
        for s in &strings {
            let fast: Vec<String> = paragraphs(s).into_iter().map(Cow::into_owned).collect();
            assert_eq!(fast, split_paragraphs(s), "{s:?}");
        }
    }

    #[test]
    fn arabic_joins_are_recognised() {
        // "سلام": seen joins lam, lam joins alef, alef does not join meem.
        let text = "سلام";
        let at = |n: usize| text.char_indices().nth(n).map_or(text.len(), |(i, _)| i);
        assert!(joined_across(text, at(1)));
        assert!(joined_across(text, at(2)));
        assert!(!joined_across(text, at(3)));
        assert!(!joined_across("abc", 1));
        // ZWNJ already breaks the join.
        let text = "می\u{200C}خواهم";
        let after_zwnj = text.find('خ').expect("letter");
        assert!(!joined_across(text, after_zwnj));
    }
}
