//! Behaviour of the public text API on real strings.

use super::fonts::{Script, face_id, is_attached};
use super::shape::glyph_ids;
use super::*;

const BODY: Style = Style {
    size: 16.0,
    weight: Weight::Regular,
};

fn one_line(text: &str, rtl: bool) -> Line {
    let mut lines = wrap(text, BODY, 10_000.0, rtl);
    assert_eq!(lines.len(), 1, "{text}");
    lines.remove(0)
}

/// The visible text of each run, left to right, without the marks.
fn visual(line: &Line) -> Vec<String> {
    line.runs
        .iter()
        .map(|r| r.text.replace('\u{200F}', ""))
        .collect()
}

fn hebrew() -> FontId {
    face_id(Script::Hebrew, Weight::Regular)
}

#[test]
fn mixed_hebrew_and_english_read_in_the_right_order() {
    // RTL paragraph: the Hebrew that comes first is on the right.
    let line = one_line("אני אוהב Rust מאוד", true);
    assert_eq!(visual(&line), ["מאוד", "Rust", "אני אוהב"]);
    assert_eq!(
        line.runs.iter().map(|r| r.rtl).collect::<Vec<_>>(),
        [true, false, true]
    );
    // LTR paragraph: English first, on the left; the Hebrew word stays one run.
    let line = one_line("Open שלום עולם today", false);
    assert_eq!(visual(&line), ["Open", "שלום עולם", "today"]);
    assert_eq!(line.runs[1].font, hebrew());
}

#[test]
fn leading_digits_sit_on_the_right_of_a_hebrew_line() {
    let line = one_line("3 ימים", true);
    assert_eq!(visual(&line), ["ימים", "3"]);
    assert!(line.runs[1].x > line.runs[0].x + line.runs[0].width);
    assert!(!line.runs[1].rtl);
}

#[test]
fn trailing_punctuation_ends_up_on_the_left_of_a_hebrew_line() {
    let line = one_line("שלום!", true);
    assert_eq!(visual(&line), ["!", "שלום"]);
    // The mark makes the "!" resolve RTL in viewers that lay it out alone.
    assert!(line.runs[0].text.contains('\u{200F}'));
    let line = one_line("(שלום) hello", true);
    assert_eq!(visual(&line), ["hello", ")", "שלום", "("]);
    assert!(
        line.runs[1].rtl && line.runs[3].rtl,
        "parentheses are mirrored"
    );
    // In an LTR paragraph the same marks stay where they are.
    assert_eq!(visual(&one_line("Done!", false)), ["Done!"]);
}

#[test]
fn persian_with_zwnj_is_one_rtl_run_in_the_arabic_face() {
    let text = "می\u{200C}خواهم";
    let line = one_line(text, true);
    assert_eq!(line.runs.len(), 1);
    let run = &line.runs[0];
    assert_eq!(run.text, text);
    assert!(run.rtl);
    assert_eq!(run.font, face_id(Script::Arabic, Weight::Regular));
    assert!(glyph_ids(run.font, true, text).iter().all(|&g| g != 0));
    // Persian letters پ چ ژ گ ی ک are all in the Arabic face.
    let line = one_line("پرداخت چک ژوئن گزارش یک", true);
    for run in &line.runs {
        assert_eq!(run.font, face_id(Script::Arabic, Weight::Regular));
        assert!(glyph_ids(run.font, true, &run.text).iter().all(|&g| g != 0));
    }
}

#[test]
fn hebrew_is_measured_with_the_hebrew_face() {
    let line = one_line("שלום עולם", true);
    assert_eq!(line.runs.len(), 1);
    assert_eq!(line.runs[0].font, hebrew());
    assert!(
        glyph_ids(hebrew(), true, "שלום עולם")
            .iter()
            .all(|&g| g != 0)
    );
    // Real glyph widths: roughly half an em per letter, not zero.
    let w = measure("שלום עולם", BODY);
    assert!(w > 50.0 && w < 110.0, "{w}");
    assert!((line.width - w).abs() < 0.5);
}

#[test]
fn a_long_word_breaks_into_lines_that_fit() {
    let word = "Supercalifragilisticexpialidociouslyunbelievablylongwordssss";
    assert_eq!(word.chars().count(), 60);
    let max = 120.0;
    let lines = wrap(word, BODY, max, false);
    assert!(lines.len() >= 3, "{}", lines.len());
    let mut joined = String::new();
    for line in &lines {
        assert!(line.width <= max + 0.01, "{} > {max}", line.width);
        // Greedy: nearly full lines, except the last.
        joined.extend(line.runs.iter().map(|r| r.text.as_str()));
    }
    assert_eq!(joined, word);
    for line in &lines[..lines.len() - 1] {
        assert!(line.width > max - 20.0, "{}", line.width);
    }
}

#[test]
fn words_wrap_at_spaces_and_every_line_fits() {
    let text = "Customer compares delivery options before paying for the order";
    let max = 150.0;
    let lines = wrap(text, BODY, max, false);
    assert!(lines.len() > 1);
    let words: Vec<String> = lines
        .iter()
        .flat_map(|l| {
            l.runs
                .iter()
                .flat_map(|r| r.text.split(' ').map(String::from))
        })
        .collect();
    assert_eq!(words.join(" "), text);
    for line in &lines {
        assert!(line.width <= max + 0.01);
        for run in &line.runs {
            assert!(!run.text.starts_with(' ') && !run.text.ends_with(' '));
        }
    }
    // Its natural width keeps a text on one line.
    assert_eq!(wrap(text, BODY, measure(text, BODY), false).len(), 1);
}

#[test]
fn width_grows_with_text_length() {
    // Character by character for scripts without joining…
    let text = "Pay 3 ימים later, (שלום)!";
    let mut previous = 0.0;
    let mut prefix = String::new();
    for c in text.chars() {
        prefix.push(c);
        let w = measure(&prefix, BODY);
        assert!(w > previous, "{prefix:?}: {w} <= {previous}");
        previous = w;
    }
    // …word by word for Arabic, where one more letter can form a
    // narrower ligature (lam + alef).
    let words = ["سلام", "دنیا،", "می\u{200C}خواهم", "پرداخت", "کنم"];
    let mut previous = 0.0;
    for n in 1..=words.len() {
        let w = measure(&words[..n].join(" "), BODY);
        assert!(w > previous, "{n}: {w} <= {previous}");
        previous = w;
    }
    let bold = Style {
        weight: Weight::Bold,
        ..BODY
    };
    assert!(measure("Checkout", bold) > measure("Checkout", BODY));
}

#[test]
fn runs_are_placed_side_by_side_within_the_line() {
    for (text, rtl) in [
        ("Order (3 items) shipped — אושר", false),
        ("ההזמנה (3 פריטים) נשלחה - OK", true),
        ("سفارش ۳ روز، Email", true),
    ] {
        let line = one_line(text, rtl);
        let mut edge = 0.0;
        for run in &line.runs {
            assert!(run.x >= edge - 0.01, "{text}: overlap");
            assert!(run.width > 0.0);
            edge = run.x + run.width;
        }
        assert!(edge <= line.width + 0.01);
    }
}

#[test]
fn line_breaks_and_empty_text() {
    let lines = wrap("first\nsecond", BODY, 500.0, false);
    assert_eq!(lines.len(), 2);
    assert_eq!(visual(&lines[1]), ["second"]);
    let empty = wrap("", BODY, 100.0, false);
    assert_eq!(empty.len(), 1);
    assert!(empty[0].runs.is_empty());
    // Repeated spaces count once, as the SVG shows them.
    assert!((measure("a   b", BODY) - measure("a b", BODY)).abs() < 1e-3);
}

#[test]
fn a_cut_word_never_separates_a_mark_from_its_letter() {
    // Hebrew with vowel points, forced into a very narrow box.
    let text = "שָׁלוֹם";
    let lines = wrap(text, BODY, 1.0, true);
    assert!(lines.len() > 1);
    for line in &lines {
        let first = line.runs[0].text.replace('\u{200F}', "");
        assert!(!first.chars().next().is_some_and(is_attached), "{first:?}");
    }
}

#[test]
fn line_metrics_scale_with_size() {
    let big = Style { size: 32.0, ..BODY };
    assert!((line_height(big) - 2.0 * line_height(BODY)).abs() < 1e-3);
    assert!(ascent(BODY) < line_height(BODY));
    assert!(line_height(BODY) > BODY.size * 1.2);
}

#[test]
fn css_and_font_files_name_the_same_faces() {
    assert_eq!(font_files().len(), 7);
    assert_eq!(family(face_id(Script::Emoji, Weight::Bold)), "Noto Emoji");
    assert_eq!(family(hebrew()), "Noto Sans Hebrew");
    assert_eq!(family(FontId(0)), "Noto Sans");
    assert_eq!(
        family_list(hebrew()),
        "'Noto Sans Hebrew', 'Noto Sans', sans-serif"
    );
    assert_eq!(css_weight(face_id(Script::Arabic, Weight::Bold)), 700);
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    fn mixed_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just("Pay"),
                Just("שלום"),
                Just("سلام"),
                Just(" "),
                Just("!"),
                Just("("),
                Just(")"),
                Just("42"),
                Just("\n"),
                Just("\u{200C}"),
                Just("Supercalifragilistic"),
            ],
            0..20,
        )
        .prop_map(|parts| parts.concat())
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        #[test]
        fn lines_fit_and_runs_are_trimmed(text in mixed_text(), max in 20.0f32..300.0, rtl: bool) {
            for line in wrap(&text, BODY, max, rtl) {
                // Only a line holding a single unbreakable character may overflow.
                let visible: usize = line.runs.iter().map(|r| r.text.chars().filter(|&c| c != '\u{200F}').count()).sum();
                prop_assert!(line.width <= max + 0.01 || visible <= 1, "{:?}", line);
                for run in &line.runs {
                    prop_assert!(!run.text.starts_with(' ') && !run.text.ends_with(' '));
                    prop_assert!(run.x >= -0.01 && run.x + run.width <= line.width + 0.01);
                }
            }
        }
    }
}

#[test]
fn a_long_arabic_word_is_cut_where_letters_do_not_join() {
    // "سلام" repeated without spaces: every fourth boundary (after the
    // alef) is one where the letters do not connect.
    let word = "سلام".repeat(8);
    let lines = wrap(&word, BODY, 90.0, true);
    assert!(lines.len() > 2);
    let mut joined = String::new();
    for (i, line) in lines.iter().enumerate() {
        assert!(line.width <= 90.01);
        let text: String = line.runs.iter().map(|r| r.text.as_str()).collect();
        if i + 1 < lines.len() {
            assert!(text.ends_with('ا'), "line {i} {text:?} cuts a join");
        }
        joined.push_str(&text);
    }
    assert_eq!(joined, word);
}

#[test]
fn huge_texts_wrap_quickly() {
    // A 20,000-character word and a 3,000-word paragraph.
    let started = std::time::Instant::now();
    let word = "abcdefghij".repeat(2_000);
    let lines = wrap(&word, BODY, 200.0, false);
    assert!(lines.len() > 100);
    assert!(lines.iter().all(|l| l.width <= 200.01));
    let paragraph = "journey map ".repeat(3_000);
    assert_eq!(wrap(&paragraph, BODY, f32::INFINITY, false).len(), 1);
    assert!(wrap(&paragraph, BODY, 300.0, true).len() > 100);
    assert!(started.elapsed().as_secs() < 10, "{:?}", started.elapsed());
}

#[test]
fn mixed_direction_lines_never_exceed_the_width_they_were_wrapped_to() {
    // Bidi runs are measured one by one once a line is laid out; that can
    // differ from the logical measure used while breaking (kerning and
    // shaping across run edges, glyphs no face covers).
    let texts = [
        "\" 😀 quoted \" پرداخت > tag 😀 <",
        "Checkout پرداخت \"quoted\" באתר پرداخت",
        "(3 ימים) free delivery! پرداخت آنلاین 38% off",
    ];
    for text in texts {
        for weight in [Weight::Regular, Weight::Bold] {
            for size in [12.0, 13.0, 14.0] {
                let style = Style { size, weight };
                for rtl in [false, true] {
                    let mut max_width = 20.0;
                    while max_width < 400.0 {
                        for line in wrap(text, style, max_width, rtl) {
                            let one_char = line
                                .runs
                                .iter()
                                .map(|r| r.text.chars().count())
                                .sum::<usize>()
                                <= 1;
                            assert!(
                                one_char || line.width <= max_width + 0.01,
                                "{text:?} {size}px {weight:?} rtl={rtl}: a line of {} px at width {max_width}",
                                line.width
                            );
                        }
                        max_width += 0.5;
                    }
                }
            }
        }
    }
}
