//! The shortcuts for common text (left-to-right paragraphs without
//! right-to-left characters, printable ASCII) must give exactly what the
//! full rules give: the map's bytes may not change.

use unicode_bidi::{BidiClass, Level, ParagraphBidiInfo, bidi_class};

use super::bidi::uniform_levels;
use super::fonts::{assign, assign_by_rules};
use super::wrap::wrap_with;
use super::{Style, Weight};

/// Pieces with every kind of character the shortcuts must tell apart.
const PIECES: &[&str] = &[
    "Pay",
    "now",
    "coupon",
    "Fresh",
    " ",
    "  ",
    "\t",
    "!",
    "?",
    "(",
    ")",
    "\"",
    "-",
    ".",
    ",",
    "%",
    "$",
    "€",
    "42",
    "3.5",
    "12,000",
    "é",
    "e\u{301}",
    "ß",
    "Ωμέγα",
    "Привет",
    "שלום",
    "עולם",
    "ב\u{5BC}",
    "سلام",
    "می\u{200C}خواهم",
    "پرداخت",
    "\u{660}\u{661}",
    "\u{6F1}\u{6F2}",
    "\u{200E}",
    "\u{200F}",
    "\u{202B}",
    "\u{202C}",
    "\u{2067}",
    "\u{2069}",
    "\u{200D}",
    "😀",
    "\u{FE0F}",
    "中文",
    "\u{1}",
];

/// Deterministic strings of 1 to 6 pieces (a small xorshift generator).
fn strings(count: usize) -> Vec<String> {
    let mut state = 0x2545_F491_4F6C_DD1Du64;
    let mut next = move || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    let mut out: Vec<String> = PIECES.iter().map(|p| p.to_string()).collect();
    while out.len() < count {
        let n = 1 + next() % 6;
        let s: String = (0..n)
            .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
            .collect();
        out.push(s);
    }
    out
}

#[test]
fn font_choice_for_ascii_agrees_with_the_rules() {
    for text in strings(3000) {
        for weight in [Weight::Regular, Weight::Bold] {
            assert_eq!(
                assign(&text, weight),
                assign_by_rules(&text, weight),
                "{text:?}"
            );
        }
    }
}

#[test]
fn text_said_to_have_uniform_levels_has_them_on_every_line() {
    let mut uniform = [0, 0];
    for text in strings(3000) {
        for rtl in [false, true] {
            if !uniform_levels(&text, rtl) {
                continue;
            }
            uniform[usize::from(rtl)] += 1;
            let base = if rtl { Level::rtl() } else { Level::ltr() };
            let bidi = ParagraphBidiInfo::new(&text, Some(base));
            assert!(bidi.levels.iter().all(|&l| l == base), "{text:?} rtl={rtl}");
            // Every line (here: every range between the first few
            // character boundaries) is one run at the paragraph's level.
            let bounds: Vec<usize> = text
                .char_indices()
                .map(|(i, _)| i)
                .chain([text.len()])
                .take(6)
                .collect();
            for &start in &bounds {
                for &end in bounds.iter().filter(|&&e| e > start) {
                    let (levels, runs) = bidi.visual_runs(start..end);
                    assert_eq!(runs, vec![start..end], "{text:?} {start}..{end}");
                    assert!(levels[start..end].iter().all(|&l| l == base));
                }
            }
        }
    }
    assert!(uniform[0] > 500 && uniform[1] > 300, "{uniform:?}");
}

#[test]
fn character_classes_below_hebrew_are_as_the_shortcut_assumes() {
    for c in (0..0x590u32).filter_map(char::from_u32) {
        let class = bidi_class(c);
        let explicit = matches!(
            class,
            BidiClass::LRE
                | BidiClass::LRO
                | BidiClass::RLE
                | BidiClass::RLO
                | BidiClass::PDF
                | BidiClass::LRI
                | BidiClass::RLI
                | BidiClass::FSI
                | BidiClass::PDI
        );
        let right_to_left = matches!(class, BidiClass::R | BidiClass::AL | BidiClass::AN);
        assert!(!explicit && !right_to_left, "{c:?}");
        if c.is_ascii() {
            let expected = if c.is_ascii_alphabetic() {
                class == BidiClass::L
            } else if c.is_ascii_digit() {
                class == BidiClass::EN
            } else {
                !matches!(class, BidiClass::L | BidiClass::EN)
            };
            assert!(expected, "{c:?} {class:?}");
        }
    }
}

#[test]
fn wrapping_with_shortcuts_gives_the_same_lines() {
    for (i, text) in strings(1500).iter().enumerate() {
        let style = Style {
            size: [12.0, 13.0, 17.0][i % 3],
            weight: if i % 2 == 0 {
                Weight::Regular
            } else {
                Weight::Bold
            },
        };
        for max_width in [8.0, 30.0, 61.5, 150.0, 1000.0] {
            for rtl in [false, true] {
                assert_eq!(
                    wrap_with(text, style, max_width, rtl, true),
                    wrap_with(text, style, max_width, rtl, false),
                    "{text:?} at {max_width} rtl={rtl}"
                );
            }
        }
    }
}
