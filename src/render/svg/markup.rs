//! XML written straight into a `String`: a start tag with its attributes
//! in the order given, and escaping in one pass.
//!
//! The format is the one the map has always had (that of the `svg` crate
//! 0.18): attributes sorted by name, values escaped (`& < > " '`), text
//! escaped (`& < >`), `/>` for an element without children. Each writer
//! gives its attributes already in name order (the set is fixed per kind
//! of element), which debug builds check.

use super::shapes::push_n;

/// A start tag being written.
pub(crate) struct Tag<'o> {
    out: &'o mut String,
    /// The last attribute name, to check the order in debug builds.
    last: &'static str,
}

impl<'o> Tag<'o> {
    pub(crate) fn new(out: &'o mut String, name: &str) -> Self {
        out.push('<');
        out.push_str(name);
        Tag { out, last: "" }
    }

    fn name(&mut self, name: &'static str) {
        debug_assert!(self.last < name, "attribute {name} after {}", self.last);
        self.last = name;
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
    }

    /// An attribute, its value escaped.
    pub(crate) fn attr(&mut self, name: &'static str, value: &str) -> &mut Self {
        self.name(name);
        escape_attr(self.out, value);
        self.out.push('"');
        self
    }

    /// A number written by `push_n`: digits, `-` and `.` need no escaping.
    pub(crate) fn num(&mut self, name: &'static str, value: f32) -> &mut Self {
        self.name(name);
        push_n(self.out, value);
        self.out.push('"');
        self
    }

    /// Two numbers separated by a space.
    pub(crate) fn pair(&mut self, name: &'static str, a: f32, b: f32) -> &mut Self {
        self.name(name);
        push_n(self.out, a);
        self.out.push(' ');
        push_n(self.out, b);
        self.out.push('"');
        self
    }

    /// `data-{name}`: names come from the layout, ordered by the caller
    /// (every one sorts between `class` and `href`).
    pub(crate) fn data(&mut self, name: &str, value: &str) -> &mut Self {
        debug_assert!(self.last <= "class", "data-{name} after {}", self.last);
        self.out.push_str(" data-");
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_attr(self.out, value);
        self.out.push('"');
        self
    }

    /// Where the attributes' value is being written, for a value built in
    /// place (a path's `d`); the caller escapes what needs it and closes
    /// with `end_value`.
    pub(crate) fn value_of(&mut self, name: &'static str) -> &mut String {
        self.name(name);
        self.out
    }

    pub(crate) fn end_value(&mut self) -> &mut Self {
        self.out.push('"');
        self
    }

    /// Ends the tag of an element without children.
    pub(crate) fn close(self) {
        self.out.push_str("/>");
    }

    /// Ends the start tag; children follow.
    pub(crate) fn open(self) -> &'o mut String {
        self.out.push('>');
        self.out
    }
}

/// `<name>` + the escaped text + `</name>`: an element holding only text.
pub(crate) fn text_element(out: &mut String, name: &str, text: &str) {
    out.push('<');
    out.push_str(name);
    out.push('>');
    escape_text(out, text);
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Appends text content escaped (`& < >`).
pub(crate) fn escape_text(out: &mut String, s: &str) {
    escape::<false>(out, s);
}

/// Appends an attribute value escaped (`& < > " '`).
pub(crate) fn escape_attr(out: &mut String, s: &str) {
    escape::<true>(out, s);
}

#[inline(always)]
fn special<const ATTR: bool>(b: u8) -> bool {
    (b == b'&') | (b == b'<') | (b == b'>') | (ATTR & ((b == b'"') | (b == b'\'')))
}

/// The first special byte at or after `from`. Blocks of 32 bytes are
/// tested whole (no early exit inside, so the test runs on vector
/// registers): the embedded fonts' base64 is hundreds of kilobytes.
fn find_special<const ATTR: bool>(bytes: &[u8], from: usize) -> Option<usize> {
    const BLOCK: usize = 32;
    let mut at = from;
    while at + BLOCK <= bytes.len() {
        let block = &bytes[at..at + BLOCK];
        if block.iter().fold(false, |any, &b| any | special::<ATTR>(b)) {
            break;
        }
        at += BLOCK;
    }
    bytes[at..]
        .iter()
        .position(|&b| special::<ATTR>(b))
        .map(|i| at + i)
}

fn escape<const ATTR: bool>(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    while let Some(i) = find_special::<ATTR>(bytes, start) {
        // `i` is at an ASCII byte, so both slices end on char boundaries.
        out.push_str(&s[start..i]);
        out.push_str(match bytes[i] {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&apos;",
        });
        start = i + 1;
    }
    out.push_str(&s[start..]);
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
                        let mut out = String::from("x");
                        if attr {
                            escape_attr(&mut out, &s);
                        } else {
                            escape_text(&mut out, &s);
                        }
                        assert_eq!(out, format!("x{}", slow(&s, attr)), "{s:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn a_tag_writes_its_attributes_escaped() {
        let mut out = String::new();
        let mut tag = Tag::new(&mut out, "g");
        tag.attr("class", "a\"b").data("x", "<'>").attr("href", "&");
        tag.close();
        assert_eq!(
            out,
            "<g class=\"a&quot;b\" data-x=\"&lt;&apos;&gt;\" href=\"&amp;\"/>"
        );
    }
}
