//! XML written straight into a byte buffer (always UTF-8: only `str`s and
//! ASCII go in, split at ASCII bytes): a start tag with its attributes
//! in the order given, and escaping in one pass.
//!
//! The format is the one the map has always had (that of the `svg` crate
//! 0.18): attributes sorted by name, values escaped (`& < > " '`), text
//! escaped (`& < >`), `/>` for an element without children. Each writer
//! gives its attributes already in name order (the set is fixed per kind
//! of element), which debug builds check.

use super::shapes::push_n;
use std::borrow::Cow;

/// A start tag being written.
pub(crate) struct Tag<'o> {
    out: &'o mut Vec<u8>,
    /// The last attribute name, to check the order in debug builds.
    last: &'static str,
}

impl<'o> Tag<'o> {
    pub(crate) fn new(out: &'o mut Vec<u8>, name: &str) -> Self {
        out.push(b'<');
        out.extend_from_slice(name.as_bytes());
        Tag { out, last: "" }
    }

    fn name(&mut self, name: &'static str) {
        debug_assert!(self.last < name, "attribute {name} after {}", self.last);
        self.last = name;
        self.out.push(b' ');
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"=\"");
    }

    /// An attribute, its value escaped.
    pub(crate) fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.name(name);
        escape_attr(self.out, value);
        self.out.push(b'"');
        self
    }

    /// An attribute whose value is one of ours (a colour, a keyword): it
    /// holds nothing to escape.
    pub(crate) fn lit(&mut self, name: &'static str, value: &str) -> &mut Self {
        debug_assert!(!value.bytes().any(special), "{value}");
        self.name(name);
        self.out.extend_from_slice(value.as_bytes());
        self.out.push(b'"');
        self
    }

    /// A number written by `push_n`: digits, `-` and `.` need no escaping.
    pub(crate) fn num(&mut self, name: &'static str, value: f32) -> &mut Self {
        self.name(name);
        push_n(self.out, value);
        self.out.push(b'"');
        self
    }

    /// Two numbers separated by a space.
    pub(crate) fn pair(&mut self, name: &'static str, a: f32, b: f32) -> &mut Self {
        self.name(name);
        push_n(self.out, a);
        self.out.push(b' ');
        push_n(self.out, b);
        self.out.push(b'"');
        self
    }

    /// `data-{name}`: names come from the layout, ordered by the caller
    /// (every one sorts between `class` and `href`).
    pub(crate) fn data(&mut self, name: &str, value: &str) -> &mut Self {
        debug_assert!(self.last <= "class", "data-{name} after {}", self.last);
        self.out.extend_from_slice(b" data-");
        self.out.extend_from_slice(name.as_bytes());
        self.out.extend_from_slice(b"=\"");
        escape_attr(self.out, value);
        self.out.push(b'"');
        self
    }

    /// Where the attributes' value is being written, for a value built in
    /// place (a path's `d`); the caller escapes what needs it and closes
    /// with `end_value`.
    pub(crate) fn value_of(&mut self, name: &'static str) -> &mut Vec<u8> {
        self.name(name);
        self.out
    }

    pub(crate) fn end_value(&mut self) -> &mut Self {
        self.out.push(b'"');
        self
    }

    /// Ends the tag of an element without children.
    pub(crate) fn close(self) {
        self.out.extend_from_slice(b"/>");
    }

    /// Ends the start tag; children follow.
    pub(crate) fn open(self) -> &'o mut Vec<u8> {
        self.out.push(b'>');
        self.out
    }
}

/// `crate::layout::sanitize(s)`, borrowed when that is `s` itself (labels
/// almost always are: the check spares an allocation per group).
pub(crate) fn sanitized(s: &str) -> Cow<'_, str> {
    let b = s.as_bytes();
    let edge = |c: Option<&u8>| matches!(c, Some(b' ' | b'\n'));
    let clean = !edge(b.first())
        && !edge(b.last())
        && !b.iter().any(|&c| (c < 0x20 && c != b'\n') || c == 0x7f)
        && !b
            .windows(2)
            .any(|w| matches!(w, [b' ', b' '] | [b' ', b'\n'] | [b'\n', b' ']))
        && !s.contains(['\u{fffe}', '\u{ffff}']);
    if clean {
        Cow::Borrowed(s)
    } else {
        Cow::Owned(crate::layout::sanitize(s))
    }
}

/// `<name>` + the escaped text + `</name>`: an element holding only text.
pub(crate) fn text_element(out: &mut Vec<u8>, name: &str, text: &str) {
    out.push(b'<');
    out.extend_from_slice(name.as_bytes());
    out.push(b'>');
    escape_text(out, text);
    out.extend_from_slice(b"</");
    out.extend_from_slice(name.as_bytes());
    out.push(b'>');
}

/// Appends text content escaped (`& < >`). The fonts' style is hundreds
/// of kilobytes of base64 with nothing to escape: `memchr` skips through
/// it with the widest vector instructions the processor has.
pub(crate) fn escape_text(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    for i in memchr::memchr3_iter(b'&', b'<', b'>', bytes) {
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(entity(bytes[i]));
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Appends an attribute value escaped (`& < > " '`).
pub(crate) fn escape_attr(out: &mut Vec<u8>, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    while let Some(i) = find_special(bytes, start) {
        // `i` is at an ASCII byte, so both slices end on char boundaries.
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(entity(bytes[i]));
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
}

/// Whether an attribute value must escape `b`.
#[inline(always)]
fn special(b: u8) -> bool {
    (b == b'&') | (b == b'<') | (b == b'>') | (b == b'"') | (b == b'\'')
}

/// The first byte to escape at or after `from`. Blocks of 32 bytes are
/// tested whole (no early exit inside, so the test runs on vector
/// registers): a link or a long label is scanned quickly.
fn find_special(bytes: &[u8], from: usize) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut at = from;
    while at + BLOCK <= bytes.len() {
        let block = &bytes[at..at + BLOCK];
        if block.iter().fold(false, |any, &b| any | special(b)) {
            break;
        }
        at += BLOCK;
    }
    bytes[at..].iter().position(|&b| special(b)).map(|i| at + i)
}

fn entity(special: u8) -> &'static [u8] {
    match special {
        b'&' => b"&amp;",
        b'<' => b"&lt;",
        b'>' => b"&gt;",
        b'"' => b"&quot;",
        _ => b"&apos;",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The escaping of the `svg` crate, one `replace` per character.
    fn slow(s: &str, attr: bool) -> String {
        let text = s
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        if attr {
            text.replace('"', "&quot;").replace('\'', "&apos;")
        } else {
            text
        }
    }

    #[test]
    fn escaping_matches_one_replace_per_character_at_every_position() {
        // Specials at each place around the 32-byte blocks, among
        // multi-byte characters.
        for len in [0, 1, 31, 32, 33, 63, 64, 65, 100] {
            for at in 0..len {
                for special in ['&', '<', '>', '"', '\'', 'ש', 'a'] {
                    let mut s: String = "aé".chars().cycle().take(len).collect();
                    let pos = s.char_indices().nth(at).map_or(s.len(), |(i, _)| i);
                    s.insert(pos, special);
                    s.push('<');
                    for attr in [false, true] {
                        let mut out = b"x".to_vec();
                        if attr {
                            escape_attr(&mut out, &s);
                        } else {
                            escape_text(&mut out, &s);
                        }
                        assert_eq!(out, format!("x{}", slow(&s, attr)).as_bytes(), "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn sanitized_is_sanitize() {
        let pieces = [
            "a", " ", "  ", "\n", "\t", "\r", "\u{7f}", "\u{1}", "\u{fffe}", "\u{ffff}", "ש", "é",
            "&",
        ];
        // Every string of up to four pieces.
        let strings = crate::testgen::strings_of(&pieces, 4);
        for s in &strings {
            assert_eq!(sanitized(s), crate::layout::sanitize(s), "{s:?}");
        }
    }

    #[test]
    fn a_tag_writes_its_attributes_escaped() {
        let mut out = Vec::new();
        let mut tag = Tag::new(&mut out, "g");
        tag.attr("class", "a\"b").data("x", "<'>").attr("href", "&");
        tag.close();
        assert_eq!(
            out,
            b"<g class=\"a&quot;b\" data-x=\"&lt;&apos;&gt;\" href=\"&amp;\"/>"
        );
    }
}
