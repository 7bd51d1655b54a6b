//! String literals: resolving escapes when reading, writing them back
//! canonically for `fmt`.

use crate::diagnostic::{Diagnostic, Span};

const ESCAPE_HELP: &str = "the escapes are \\\", \\\\, \\n, \\t and \\u{…} (for example \\u{1F600}); write a backslash as \\\\";

/// The value of the literal `raw` (quotes included) found at `offset`;
/// every bad escape is reported at the escape.
pub(crate) fn unescape(raw: &str, offset: usize, diagnostics: &mut Vec<Diagnostic>) -> String {
    let inner = raw
        .strip_prefix('"')
        .and_then(|s| s.strip_suffix('"'))
        .unwrap_or(raw);
    if plain(inner) {
        // Most labels: the value is the text as written.
        return inner.to_string();
    }
    unescape_inner(inner, offset, diagnostics)
}

/// Whether `inner` surely holds no escape and no forbidden character, so
/// that its value is itself; tested on bytes, much faster than decoding
/// characters. Conservative: C2 and EF, the lead bytes of the forbidden
/// U+0080–U+009F and U+FFFE/U+FFFF, send every character they start
/// (`é`, `«`, a full-width letter…) to the character-by-character path.
fn plain(inner: &str) -> bool {
    let plain_byte = |b: u8| (b >= 0x20 || b == b'\t') && !matches!(b, b'\\' | 0x7F | 0xC2 | 0xEF);
    // Eight bytes at a time: a word that may hold a byte to refuse (or a
    // tab) is looked at byte by byte.
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether some byte of `word` is below `n` (n <= 0x80), or zero.
    let has_less = |word: u64, n: u64| word.wrapping_sub(ONES * n) & !word & HIGHS != 0;
    let has_zero = |word: u64| has_less(word, 1);
    let mut chunks = inner.as_bytes().chunks_exact(8);
    for chunk in chunks.by_ref() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let word = u64::from_ne_bytes(eight);
        let suspect = has_less(word, 0x20)
            || [b'\\', 0x7F, 0xC2, 0xEF]
                .iter()
                .any(|&b| has_zero(word ^ (ONES * u64::from(b))));
        if suspect && !chunk.iter().all(|&b| plain_byte(b)) {
            return false;
        }
    }
    chunks.remainder().iter().all(|&b| plain_byte(b))
}

/// `unescape` of the text between the quotes, character by character.
fn unescape_inner(inner: &str, offset: usize, diagnostics: &mut Vec<Diagnostic>) -> String {
    let base = offset + 1;
    let mut value = String::with_capacity(inner.len());
    let mut chars = inner.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\\' {
            if forbidden(c) {
                not_text(diagnostics, c, base + i, base + i + c.len_utf8());
            } else {
                value.push(c);
            }
            continue;
        }
        let Some((j, e)) = chars.next() else {
            bad(
                diagnostics,
                base + i,
                base + i + 1,
                "a '\\' must be followed by an escape",
            );
            break;
        };
        match e {
            '"' => value.push('"'),
            '\\' => value.push('\\'),
            'n' => value.push('\n'),
            't' => value.push('\t'),
            'u' => {
                let rest = &inner[j + 1..];
                let end = rest.find('}').filter(|_| rest.starts_with('{'));
                let Some(end) = end else {
                    bad(
                        diagnostics,
                        base + i,
                        base + j + 1,
                        "expected '{' after '\\u', as in \\u{1F600}",
                    );
                    continue;
                };
                let digits = &rest[1..end];
                let span_end = base + j + 1 + end + 1;
                // Skip the `{digits}` just read.
                while chars.peek().is_some_and(|(k, _)| *k < j + 1 + end + 1) {
                    chars.next();
                }
                let code = (1..=6)
                    .contains(&digits.len())
                    .then(|| u32::from_str_radix(digits, 16).ok())
                    .flatten();
                match code.and_then(char::from_u32) {
                    Some(ch) if forbidden(ch) => not_text(diagnostics, ch, base + i, span_end),
                    Some(ch) => value.push(ch),
                    None => bad(
                        diagnostics,
                        base + i,
                        span_end,
                        &format!("`\\u{{{digits}}}` is not a Unicode character"),
                    ),
                }
            }
            other => bad(
                diagnostics,
                base + i,
                base + j + other.len_utf8(),
                &format!("unknown escape `\\{other}`"),
            ),
        }
    }
    value
}

/// Characters a label may not hold: control characters other than tab
/// and line feed (they can't be written in XML, where the map goes, and
/// could drive a terminal that shows a diagnostic), and U+FFFE/U+FFFF,
/// which XML forbids too. Bidi controls (U+202A–U+202E, U+2066–U+2069)
/// are format characters, not control characters: they are allowed, and
/// the map keeps their effect inside the label's own text element.
pub(crate) fn forbidden(c: char) -> bool {
    (c.is_control() && c != '\t' && c != '\n') || c == '\u{FFFE}' || c == '\u{FFFF}'
}

fn not_text(diagnostics: &mut Vec<Diagnostic>, c: char, start: usize, end: usize) {
    diagnostics.push(
        Diagnostic::error(
            "cjm::invalid-value",
            format!(
                "text may not hold the {} U+{:04X}",
                if c.is_control() {
                    "control character"
                } else {
                    "noncharacter"
                },
                c as u32
            ),
            Span::new(start, end),
        )
        .with_label("not allowed in text")
        .with_help("remove it; write a tab as \\t and a line break as \\n"),
    );
}

fn bad(diagnostics: &mut Vec<Diagnostic>, start: usize, end: usize, message: &str) {
    diagnostics.push(
        Diagnostic::error("cjm::syntax", message, Span::new(start, end))
            .with_label("bad escape")
            .with_help(ESCAPE_HELP),
    );
}

/// `value` as a literal that reads back to the same value: only `\"`, `\\`,
/// `\n` and `\t` are escaped, plus (as `\u{…}`) the other control
/// characters, which could not be kept literally on one line.
pub(crate) fn escape(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:X}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte test never changes a value or a diagnostic: on every
    /// kind of character it lets through, the full path agrees.
    #[test]
    fn plain_text_takes_the_byte_path_unchanged() {
        let samples = [
            "",
            "a",
            "\t",
            "\n",
            "\r",
            "\u{7}",
            "\u{1F}",
            " ",
            "~",
            "\u{7F}",
            "\u{80}",
            "\u{85}",
            "\u{9F}",
            "\u{A0}",
            "é",
            "«",
            "\u{200C}",
            "\u{202E}",
            "\u{2028}",
            "\u{FEFF}",
            "\u{FFFD}",
            "\u{FFFE}",
            "\u{FFFF}",
            "\u{1F600}",
            "שלום",
            "می‌خواهد",
            "\\",
            "\\n",
            "\\u{41}",
            "\\q",
            "\"",
        ];
        let mut plain_seen = 0;
        // Padded too, so that each sample falls at every place of an
        // eight-byte word.
        let pads = ["", "1", "12", "123", "1234", "12345", "123456", "1234567"];
        for (a, b, pad) in samples
            .iter()
            .flat_map(|a| samples.iter().map(move |b| (a, b)))
            .flat_map(|(a, b)| pads.iter().map(move |pad| (a, b, pad)))
        {
            {
                let inner = format!("{pad}x{a}{b}y{pad}{pad}");
                let raw = format!("\"{inner}\"");
                let (mut fast, mut slow) = (Vec::new(), Vec::new());
                let value = unescape(&raw, 5, &mut fast);
                assert_eq!(value, unescape_inner(&inner, 5, &mut slow), "{raw:?}");
                assert_eq!(format!("{fast:?}"), format!("{slow:?}"), "{raw:?}");
                if plain(&inner) {
                    plain_seen += 1;
                    assert!(slow.is_empty() && value == inner, "{raw:?}");
                }
            }
        }
        assert!(plain_seen > 1000, "{plain_seen}");
    }

    #[test]
    fn resolves_every_escape() {
        let mut diagnostics = Vec::new();
        let value = unescape(r#""a\"b\\c\nd\te\u{1F600}""#, 0, &mut diagnostics);
        assert_eq!(value, "a\"b\\c\nd\te\u{1F600}");
        assert!(diagnostics.is_empty());
    }

    #[test]
    fn reports_a_bad_escape_at_the_escape() {
        let mut diagnostics = Vec::new();
        let value = unescape(r#""ab\qc""#, 10, &mut diagnostics);
        assert_eq!(value, "abc");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].span, Span::new(13, 15));
        assert!(diagnostics[0].message.contains("\\q"));
    }

    #[test]
    fn reports_a_surrogate_or_unbraced_unicode_escape() {
        let mut diagnostics = Vec::new();
        unescape(r#""\u{D800} \u12""#, 0, &mut diagnostics);
        assert_eq!(diagnostics.len(), 2);
        assert_eq!(diagnostics[0].span, Span::new(1, 9));
    }

    #[test]
    fn escape_round_trips() {
        let value = "say \"hi\"\\ \n\t שלום \u{202E}";
        let mut diagnostics = Vec::new();
        assert_eq!(unescape(&escape(value), 0, &mut diagnostics), value);
        assert!(diagnostics.is_empty());
        assert_eq!(escape("a\u{7}"), r#""a\u{7}""#);
    }

    #[test]
    fn control_characters_are_refused_written_or_escaped() {
        for (raw, span) in [
            ("\"a\u{1B}[31m\"", Span::new(2, 3)),
            (r#""a\u{1B}[31m""#, Span::new(2, 8)),
            (r#""\u{0}""#, Span::new(1, 6)),
            ("\"a\rb\"", Span::new(2, 3)),
            ("\"\u{85}\"", Span::new(1, 3)),
            (r#""\u{FFFF}""#, Span::new(1, 9)),
        ] {
            let mut diagnostics = Vec::new();
            let value = unescape(raw, 0, &mut diagnostics);
            assert_eq!(diagnostics.len(), 1, "{raw:?}");
            assert_eq!(diagnostics[0].code, "cjm::invalid-value");
            assert_eq!(diagnostics[0].span, span, "{raw:?}");
            assert!(!value.chars().any(forbidden), "{value:?}");
        }
        // Tab and line feed, written or escaped, and bidi controls are text.
        let mut diagnostics = Vec::new();
        unescape("\"a\tb\\t\\n\u{202E}\u{2066}\"", 0, &mut diagnostics);
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
    }
}
