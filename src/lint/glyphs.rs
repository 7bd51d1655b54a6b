//! `missing-glyph`: a character in a text of the file that no font, bundled
//! or given with `--font`/`--font-dir`, can draw. The map would show an
//! empty box there, and the layout would have measured the box.

use crate::diagnostic::{Diagnostic, Span};
use crate::syntax::strings::unescape;

/// How many of a text's missing characters the message names.
const NAMED: usize = 4;

/// One warning per string literal of `source` holding characters no face
/// covers, at the literal. Comments are skipped; the file has parsed, so
/// every literal is closed on its line.
pub(crate) fn missing_glyphs(source: &str) -> Vec<Diagnostic> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'#' => {
                i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' && bytes[i] != b'\n' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                let end = (i + 1).min(bytes.len());
                i = end;
                // Only ASCII bytes ended the scan: `start..end` is on
                // character boundaries.
                let raw = &source[start..end];
                // ASCII text is always covered, unless an escape spells
                // another character.
                if raw.is_ascii() && !raw.contains("\\u") {
                    continue;
                }
                if let Some(d) = check_text(raw, Span::new(start, end)) {
                    out.push(d);
                }
            }
            _ => i += 1,
        }
    }
    out
}

fn check_text(raw: &str, span: Span) -> Option<Diagnostic> {
    let value = unescape(raw, span.start, &mut Vec::new());
    let mut missing: Vec<char> = Vec::new();
    for c in value.chars() {
        if needs_glyph(c) && !crate::text::fonts::covered(c) && !missing.contains(&c) {
            missing.push(c);
        }
    }
    let first = *missing.first()?;
    let named: Vec<String> = missing
        .iter()
        .take(NAMED)
        .map(|&c| format!("`{c}` (U+{:04X})", c as u32))
        .collect();
    let what = match missing.len() {
        1 => format!("a glyph for {}", named[0]),
        n if n <= NAMED => format!("glyphs for {}", named.join(", ")),
        n => format!("glyphs for {} and {} more", named.join(", "), n - NAMED),
    };
    let shown: String = value.chars().take(40).collect();
    let ellipsis = if shown.len() < value.len() { "…" } else { "" };
    Some(
        Diagnostic::warning(
            "cjm::missing-glyph",
            format!("no font has {what} in \"{shown}{ellipsis}\""),
            span,
        )
        .with_label("drawn as an empty box")
        .with_help(format!(
            "give a font that covers {}: `--font FILE` or `--font-dir DIR`{}; or `allow \
             missing-glyph` in the journey if the box is acceptable",
            if missing.len() == 1 { "it" } else { "them" },
            hint(first)
        )),
    )
}

/// Characters drawn as nothing: spaces, controls, joiners, direction
/// marks, variation selectors, tags. They need no glyph.
fn needs_glyph(c: char) -> bool {
    !(c.is_whitespace()
        || c.is_control()
        || matches!(c as u32,
            0x00AD | 0x034F | 0x061C | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F
            | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x206F | 0x3164 | 0xFE00..=0xFE0F
            | 0xFEFF | 0xFFA0 | 0xFFF0..=0xFFF8 | 0x1BCA0..=0x1BCA3 | 0x1D173..=0x1D17A
            | 0xE0000..=0xE0FFF))
}

/// A font for the script of `c`, where one is well known.
fn hint(c: char) -> &'static str {
    match c as u32 {
        0x1100..=0x11FF
        | 0x2E80..=0x2FDF
        | 0x3000..=0x33FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xA960..=0xA97F
        | 0xAC00..=0xD7FF
        | 0xF900..=0xFAFF
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF => {
            " (for Chinese, Japanese and Korean: Noto Sans CJK, in Debian's `fonts-noto-cjk`)"
        }
        0x0900..=0x0DFF => {
            " (for Indic scripts: the Noto Sans face of the script, in Debian's `fonts-noto-core`)"
        }
        0x0E00..=0x0EFF => {
            " (for Thai and Lao: Noto Sans Thai or Lao, in Debian's `fonts-noto-core`)"
        }
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_character_no_font_covers_is_named_at_its_text() {
        let source = "journey \"T\" { # 中 in a comment is no text\n  stage s \"東京 trip\" }\n";
        let found = missing_glyphs(source);
        assert_eq!(found.len(), 1, "{found:?}");
        let d = &found[0];
        assert_eq!(d.code, "cjm::missing-glyph");
        assert_eq!(&source[d.span.start..d.span.end], "\"東京 trip\"");
        assert!(
            d.message.contains("`東` (U+6771), `京` (U+4EAC)"),
            "{}",
            d.message
        );
        assert!(d.message.contains("\"東京 trip\""), "{}", d.message);
        assert!(d.help.as_deref().unwrap().contains("fonts-noto-cjk"));
    }

    #[test]
    fn emoji_hebrew_persian_and_invisible_marks_need_nothing_more() {
        let source = "journey \"Happy 😀 👨\u{200D}👩\u{200D}👧 ❤\u{FE0F} 👍🏿\" {\n  \
                      stage s \"שלום \u{200F}עולם\" { touchpoint t \"می\u{200C}خواهم\" }\n}\n";
        assert_eq!(missing_glyphs(source), Vec::new());
    }

    #[test]
    fn an_escaped_character_is_checked_too() {
        let found = missing_glyphs("journey \"\\u{4E2D} and \\\"quoted\\\"\" {}\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].message.contains("U+4E2D"));
        let found = missing_glyphs("journey \"中 \\\"x\\\"\" {}\n");
        assert_eq!(found.len(), 1);
        assert!(found[0].message.contains("U+4E2D"));
    }
}
