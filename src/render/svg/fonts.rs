//! The embedded fonts: which characters each font draws (gathered from
//! the scene before writing, so the `<style>` can be written in its place,
//! ahead of the drawing), and the `@font-face` rules for them.

use super::markup::escape_text;
use crate::layout::scene::Item;
use crate::text::FontId;
use std::collections::{BTreeMap, BTreeSet};

/// A set of characters: a bitset for the Basic Multilingual Plane (every
/// label character in practice) and a tree for the rest.
#[derive(Clone)]
pub(crate) struct CharSet {
    bmp: Box<[u64; 1024]>,
    astral: BTreeSet<char>,
}

impl CharSet {
    fn new() -> Self {
        CharSet {
            bmp: Box::new([0; 1024]),
            astral: BTreeSet::new(),
        }
    }

    fn insert_str(&mut self, s: &str) {
        for c in s.chars() {
            let u = c as u32;
            if u < 0x1_0000 {
                self.bmp[(u >> 6) as usize] |= 1 << (u & 63);
            } else {
                self.astral.insert(c);
            }
        }
    }

    /// The characters in ascending order.
    pub(crate) fn chars(&self) -> impl Iterator<Item = char> + '_ {
        // Set bits one by one, lowest first (a map uses a few hundred
        // characters of the 65,536).
        let bmp = self.bmp.iter().enumerate().flat_map(|(word, &bits)| {
            let mut rest = bits;
            std::iter::from_fn(move || {
                let bit = (rest != 0).then(|| rest.trailing_zeros())?;
                rest &= rest - 1;
                Some(word as u32 * 64 + bit)
            })
            // Only characters were inserted, so no surrogate is set.
            .filter_map(char::from_u32)
        });
        bmp.chain(self.astral.iter().copied())
    }
}

/// Items gathered on one thread at a time by `Used::gather`.
const GATHER_CHUNK: usize = 64;

/// The characters drawn with each font, in font order.
#[derive(Clone, Default)]
pub(crate) struct Used {
    /// Indexed by `FontId.0`.
    fonts: Vec<Option<CharSet>>,
}

impl Used {
    /// Every run of every text block of `items`, groups included; the
    /// fonts only (empty sets) unless `chars`.
    pub(crate) fn of(items: &[Item], chars: bool) -> Used {
        if super::stream::size(items) < super::stream::PARALLEL_FROM {
            let mut used = Used::default();
            used.add_items(items, chars);
            return used;
        }
        Used::gather(items, chars)
    }

    /// `of` on all cores: a big map's lanes hold thousands of cards, so
    /// big groups are split in turn.
    fn gather(items: &[Item], chars: bool) -> Used {
        use rayon::prelude::*;
        items
            .par_iter()
            .with_min_len(GATHER_CHUNK)
            .fold(Used::default, |mut used, item| {
                match item {
                    Item::Group(g) if g.items.len() > GATHER_CHUNK => {
                        used = used.merge(Used::gather(&g.items, chars));
                    }
                    item => used.add_items(std::slice::from_ref(item), chars),
                }
                used
            })
            .reduce(Used::default, Used::merge)
    }

    /// The union of two sets of fonts and characters.
    fn merge(mut self, other: Used) -> Used {
        for (i, set) in other.fonts.into_iter().enumerate() {
            let Some(set) = set else { continue };
            if self.fonts.len() <= i {
                self.fonts.resize(i + 1, None);
            }
            match &mut self.fonts[i] {
                Some(mine) => {
                    for (a, b) in mine.bmp.iter_mut().zip(set.bmp.iter()) {
                        *a |= b;
                    }
                    mine.astral.extend(set.astral);
                }
                slot => *slot = Some(set),
            }
        }
        self
    }

    fn add_items(&mut self, items: &[Item], chars: bool) {
        for item in items {
            match item {
                Item::Text(t) => {
                    for run in t.lines.iter().flat_map(|l| &l.runs) {
                        let set = self.set(run.font);
                        if chars {
                            set.insert_str(&run.text);
                        }
                    }
                }
                Item::Group(g) => self.add_items(&g.items, chars),
                Item::Rect(_) | Item::Path(_) | Item::Circle(_) => {}
            }
        }
    }

    fn set(&mut self, font: FontId) -> &mut CharSet {
        let i = usize::from(font.0);
        if self.fonts.len() <= i {
            self.fonts.resize(i + 1, None);
        }
        self.fonts[i].get_or_insert_with(CharSet::new)
    }

    /// The fonts used, in order.
    pub(crate) fn fonts(&self) -> impl Iterator<Item = (FontId, &CharSet)> {
        self.fonts
            .iter()
            .enumerate()
            .filter_map(|(i, set)| Some((FontId(i as u8), set.as_ref()?)))
    }
}

/// Appends the `@font-face` rules, each limited by `unicode-range` to the
/// characters its subset holds: when two maps are inlined in one page,
/// their same-named faces then combine instead of the last one hiding the
/// other's glyphs. Returns whether anything was written.
pub(crate) fn write_css(out: &mut Vec<u8>, used: &Used) -> bool {
    let start = out.len();
    for (font, chars) in used.fonts() {
        let set: BTreeSet<char> = chars.chars().collect();
        let range = unicode_range(&set);
        let one = BTreeMap::from([(font, set)]);
        let css = crate::text::embedded_font_css(&one);
        // Our own CSS: base64 and plain rules, so escaping finds nothing
        // and copies it whole, but stays correct should that change.
        for (i, piece) in css.split("@font-face{").enumerate() {
            if i > 0 {
                out.extend_from_slice(b"@font-face{");
                if !range.is_empty() {
                    out.extend_from_slice(b"unicode-range:");
                    out.extend_from_slice(range.as_bytes());
                    out.push(b';');
                }
            }
            escape_text(out, piece);
        }
    }
    out.len() > start
}

/// `U+20,U+41-5A,…` for a set of characters.
pub(super) fn unicode_range(chars: &BTreeSet<char>) -> String {
    let mut out = String::new();
    let mut iter = chars.iter().map(|&c| c as u32).peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while iter.peek() == Some(&(end + 1)) {
            end += 1;
            iter.next();
        }
        if !out.is_empty() {
            out.push(',');
        }
        out.push_str(&if start == end {
            format!("U+{start:X}")
        } else {
            format!("U+{start:X}-{end:X}")
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn characters_gathered_on_all_cores_are_those_gathered_one_by_one() {
        // Latin, Hebrew and Persian labels, and one beyond the BMP.
        let text = crate::testgen::journey(400, 7).replacen(
            "action \"",
            "action \"\u{1F600} \u{10348} ",
            3,
        );
        let compilation = crate::compile(text.as_bytes(), &crate::CompileOptions::default());
        let journey = compilation.journey.expect("a generated journey compiles");
        let scene = crate::layout::layout(&journey);
        assert!(super::super::stream::size(&scene.items) >= super::super::stream::PARALLEL_FROM);
        let listed = |used: &Used| -> Vec<(FontId, String)> {
            used.fonts()
                .map(|(f, set)| (f, set.chars().collect()))
                .collect()
        };
        let mut one_by_one = Used::default();
        one_by_one.add_items(&scene.items, true);
        let expected = listed(&one_by_one);
        assert!(expected.len() >= 3, "{expected:?}");
        assert!(
            expected
                .iter()
                .any(|(_, chars)| chars.contains('\u{10348}'))
        );
        for threads in [1, 2, 4] {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build()
                .expect("a thread pool");
            let gathered = pool.install(|| Used::of(&scene.items, true));
            assert_eq!(listed(&gathered), expected, "{threads} threads");
        }
    }

    #[test]
    fn unicode_ranges_merge_neighbours() {
        let set: BTreeSet<char> = "ABCa -".chars().collect();
        assert_eq!(unicode_range(&set), "U+20,U+2D,U+41-43,U+61");
    }

    #[test]
    fn a_char_set_lists_its_characters_in_order_once() {
        let text = "zaשa😀\u{ffff}\u{10000}\u{10ffff}\u{d7ff}\u{e000}ب ";
        let mut set = CharSet::new();
        set.insert_str(text);
        set.insert_str("ab😀c");
        let expected: BTreeSet<char> = text.chars().chain("ab😀c".chars()).collect();
        assert_eq!(
            set.chars().collect::<Vec<_>>(),
            expected.into_iter().collect::<Vec<_>>()
        );
    }
}
