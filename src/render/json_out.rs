//! The JSON output written in one pass: serde_json's pretty layout, with
//! `<`, `>`, `&`, U+2028 and U+2029 escaped as the strings are written
//! (instead of a second pass over the finished text), straight to any
//! writer.

use std::io::{self, Write};

use serde::Serialize;
use serde_json::ser::{Formatter, PrettyFormatter};

use crate::model::Journey;

/// Writes the document of `render::json` to `out`, final newline included.
pub(crate) fn write<W: Write>(journey: &Journey, mut out: W) -> io::Result<()> {
    let mut serializer = serde_json::Serializer::with_formatter(
        &mut out,
        ScriptSafe {
            pretty: PrettyFormatter::new(),
        },
    );
    journey
        .serialize(&mut serializer)
        .map_err(io::Error::from)?;
    out.write_all(b"\n")
}

/// `PrettyFormatter` for the layout; string text goes through `escaped`.
/// serde_json only hands string text to `write_string_fragment` (its own
/// escapes, `\"`, `\n`, `\u0001`…, hold none of the five characters), and
/// outside strings JSON holds none of them either: so exactly the
/// characters the old second pass replaced are replaced here.
struct ScriptSafe<'a> {
    pretty: PrettyFormatter<'a>,
}

impl Formatter for ScriptSafe<'_> {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        escaped(writer, fragment)
    }

    fn begin_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_array(writer)
    }

    fn end_array<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_array(writer)
    }

    fn begin_array_value<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.pretty.begin_array_value(writer, first)
    }

    fn end_array_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_array_value(writer)
    }

    fn begin_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_object(writer)
    }

    fn end_object<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_object(writer)
    }

    fn begin_object_key<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        first: bool,
    ) -> io::Result<()> {
        self.pretty.begin_object_key(writer, first)
    }

    fn end_object_key<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_object_key(writer)
    }

    fn begin_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.begin_object_value(writer)
    }

    fn end_object_value<W: ?Sized + Write>(&mut self, writer: &mut W) -> io::Result<()> {
        self.pretty.end_object_value(writer)
    }
}

/// Writes `text` with `<`, `>`, `&`, U+2028 and U+2029 as `\u` escapes:
/// the same JSON string, but one that can't end an HTML `<script>` block
/// or a JavaScript line. Runs without them are written whole.
fn escaped<W: ?Sized + Write>(writer: &mut W, text: &str) -> io::Result<()> {
    let bytes = text.as_bytes();
    let mut run = 0;
    let mut at = special_from(bytes, 0);
    while at < bytes.len() {
        let (escape, len): (&[u8], usize) = match bytes[at] {
            b'<' => (b"\\u003c", 1),
            b'>' => (b"\\u003e", 1),
            b'&' => (b"\\u0026", 1),
            // U+2028 and U+2029 are E2 80 A8 and E2 80 A9 in UTF-8.
            0xE2 if bytes.get(at + 1) == Some(&0x80) && bytes.get(at + 2) == Some(&0xA8) => {
                (b"\\u2028", 3)
            }
            0xE2 if bytes.get(at + 1) == Some(&0x80) && bytes.get(at + 2) == Some(&0xA9) => {
                (b"\\u2029", 3)
            }
            // Another character starting with E2 (a dash, a joiner…).
            _ => {
                at = special_from(bytes, at + 1);
                continue;
            }
        };
        writer.write_all(&bytes[run..at])?;
        writer.write_all(escape)?;
        at += len;
        run = at;
        at = special_from(bytes, at);
    }
    writer.write_all(&bytes[run..])
}

/// The first byte at or after `from` that may start an escape (`<`, `>`,
/// `&`, or E2, the lead byte of U+2028/U+2029), or `bytes.len()`. Eight
/// bytes are tested at a time: most text holds none of them, and this
/// runs over every string of the output.
fn special_from(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_ne_bytes([0x80; 8]);
    // Whether some byte of `word` is zero (the classic bit trick: exact
    // for "any", though not for "which", which the byte loop below finds).
    let has_zero = |word: u64| word.wrapping_sub(ONES) & !word & HIGHS != 0;
    let mut at = from;
    while let Some(chunk) = bytes.get(at..at + 8) {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let word = u64::from_ne_bytes(eight);
        if has_zero(word ^ (ONES * u64::from(b'<')))
            || has_zero(word ^ (ONES * u64::from(b'>')))
            || has_zero(word ^ (ONES * u64::from(b'&')))
            || has_zero(word ^ (ONES * 0xE2))
        {
            break;
        }
        at += 8;
    }
    bytes[at.min(bytes.len())..]
        .iter()
        .position(|&b| matches!(b, b'<' | b'>' | b'&' | 0xE2))
        .map_or(bytes.len(), |i| at + i)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The second pass `render::json` used to make over serde_json's
    /// pretty text: the reference the one-pass writer must equal.
    fn two_pass(journey: &Journey) -> String {
        let pretty = serde_json::to_string_pretty(journey).unwrap();
        let mut out = String::new();
        for c in pretty.chars() {
            match c {
                '<' => out.push_str("\\u003c"),
                '>' => out.push_str("\\u003e"),
                '&' => out.push_str("\\u0026"),
                '\u{2028}' => out.push_str("\\u2028"),
                '\u{2029}' => out.push_str("\\u2029"),
                c => out.push(c),
            }
        }
        out.push('\n');
        out
    }

    /// `json_to`'s bytes, checked equal to `json`'s.
    fn one_pass(journey: &Journey) -> String {
        let mut out = Vec::new();
        crate::render::json_to(journey, &mut out).unwrap();
        let streamed = String::from_utf8(out).unwrap();
        assert_eq!(streamed, crate::render::json(journey));
        streamed
    }

    fn compiled(source: &str) -> Journey {
        let compilation = crate::compile(source.as_bytes(), &Default::default());
        compilation
            .journey
            .unwrap_or_else(|| panic!("{:#?}", compilation.diagnostics))
    }

    #[test]
    fn hostile_text_is_escaped_as_before() {
        let journey = compiled(
            "journey \"</script><script>alert(1)</script> & \u{2028}\u{2029}\" {\n\
             description \"a < b > c && \\u{2028}x\\u{2029} \\\"q\\\" \\\\ \\n \\t \u{E2}\u{2027}\u{202A}\"\n\
             stage s \"\u{2028}\" { touchpoint t \"<&>\" { action \"&amp;&lt;\" } }\n}\n",
        );
        let json = one_pass(&journey);
        assert_eq!(json, two_pass(&journey));
        assert!(!json.contains('<') && !json.contains('&') && !json.contains('\u{2028}'));
        assert!(json.contains("\\u003c/script\\u003e") && json.contains("\\u2029"));
    }

    #[test]
    fn generated_journey_is_written_as_before() {
        let source = crate::testgen::journey(300, 7);
        let journey = compiled(&source);
        assert_eq!(one_pass(&journey), two_pass(&journey));
    }

    #[test]
    fn runs_around_escapes_are_kept() {
        let long = "0123456789abcdef<0123456789abcdef\u{2028}0123456789\u{2013}abc>&";
        let mut texts = vec![
            "",
            "<",
            "a<",
            "<a",
            "a<b>c&d",
            "\u{2028}",
            "x\u{2029}y",
            "\u{E2}\u{2027}",
        ];
        // Every special character at every place of an 8-byte word.
        let shifted: Vec<String> = (0..long.len())
            .filter(|&i| long.is_char_boundary(i))
            .map(|i| long[i..].to_string())
            .collect();
        texts.extend(shifted.iter().map(String::as_str));
        for text in texts {
            let mut out = Vec::new();
            escaped(&mut out, text).unwrap();
            let expected: String = text
                .chars()
                .map(|c| match c {
                    '<' => "\\u003c".to_string(),
                    '>' => "\\u003e".to_string(),
                    '&' => "\\u0026".to_string(),
                    '\u{2028}' => "\\u2028".to_string(),
                    '\u{2029}' => "\\u2029".to_string(),
                    c => c.to_string(),
                })
                .collect();
            assert_eq!(String::from_utf8(out).unwrap(), expected, "{text:?}");
        }
    }
}
