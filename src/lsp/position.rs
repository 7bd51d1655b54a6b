//! LSP positions ⇄ byte offsets: the one place where columns in UTF-16
//! code units (the protocol's default) or UTF-8 bytes (when the client
//! offers it) are converted. Everything inside the server speaks byte
//! offsets into the UTF-8 text, as the compiler's spans do.
//!
//! Lines end at `\n`, `\r\n` or a lone `\r`, as the protocol says.

use lsp_types::{Position, Range};

use crate::diagnostic::Span;

/// What a position's `character` counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16,
}

/// The start of every line of a text, for conversions in both directions.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex {
    /// Byte offset where each line starts; the first is 0.
    starts: Vec<usize>,
    len: usize,
}

/// A position past the last line: the request cannot be answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PastTheEnd;

impl LineIndex {
    pub(crate) fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut starts = vec![0];
        let mut i = 0;
        while let Some(found) = memchr::memchr2(b'\n', b'\r', &bytes[i..]) {
            let at = i + found;
            let next = if bytes[at] == b'\r' && bytes.get(at + 1) == Some(&b'\n') {
                at + 2
            } else {
                at + 1
            };
            starts.push(next);
            i = next;
        }
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    pub(crate) fn line_count(&self) -> usize {
        self.starts.len()
    }

    /// The byte range of a line's text, its line end left out.
    fn line(&self, text: &str, line: usize) -> (usize, usize) {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).copied().unwrap_or(self.len);
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        (start, end)
    }

    /// The byte offset of a position. A column past the line's end means
    /// its end (as the protocol says); one inside a character (half of a
    /// surrogate pair, a byte inside a UTF-8 sequence) means that
    /// character's start. A line past the last is refused.
    pub(crate) fn offset(
        &self,
        text: &str,
        position: Position,
        encoding: Encoding,
    ) -> Result<usize, PastTheEnd> {
        let line = position.line as usize;
        if line >= self.starts.len() {
            return Err(PastTheEnd);
        }
        let (start, end) = self.line(text, line);
        let wanted = position.character as usize;
        let mut units = 0;
        for (i, c) in text[start..end].char_indices() {
            let width = match encoding {
                Encoding::Utf8 => c.len_utf8(),
                Encoding::Utf16 => c.len_utf16(),
            };
            if units + width > wanted {
                return Ok(start + i);
            }
            units += width;
        }
        Ok(end)
    }

    /// The offset, with a line past the last meaning the end of the text
    /// (for edits, which editors clamp the same way).
    pub(crate) fn offset_clamped(
        &self,
        text: &str,
        position: Position,
        encoding: Encoding,
    ) -> usize {
        self.offset(text, position, encoding).unwrap_or(text.len())
    }

    /// The position of a byte offset (clamped to the text, and to the start
    /// of the character it falls in).
    pub(crate) fn position(&self, text: &str, offset: usize, encoding: Encoding) -> Position {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        // An offset between `\r` and `\n` belongs to the line the pair ends.
        let before = &text[start..offset];
        let character = match encoding {
            Encoding::Utf8 => before.len(),
            Encoding::Utf16 => before.encode_utf16().count(),
        };
        Position::new(line as u32, character as u32)
    }

    pub(crate) fn range(&self, text: &str, span: Span, encoding: Encoding) -> Range {
        Range::new(
            self.position(text, span.start, encoding),
            self.position(text, span.end, encoding),
        )
    }

    pub(crate) fn span(
        &self,
        text: &str,
        range: Range,
        encoding: Encoding,
    ) -> Result<Span, PastTheEnd> {
        let start = self.offset(text, range.start, encoding)?;
        let end = self.offset(text, range.end, encoding)?;
        Ok(Span::new(start.min(end), start.max(end)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn pos(line: u32, character: u32) -> Position {
        Position::new(line, character)
    }

    #[test]
    fn hebrew_persian_marks_and_emoji_land_on_their_character() {
        // א is 2 bytes / 1 unit; the Persian ی 2 / 1; é written as e +
        // U+0301 is 3 bytes / 2 units; 😀 is 4 bytes / 2 units.
        let text = "שלום x\nآگاهی e\u{301} 😀 y\r\nz";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 3);
        let y = text.find('y').unwrap();
        assert_eq!(index.position(text, y, Encoding::Utf16), pos(1, 12));
        assert_eq!(index.position(text, y, Encoding::Utf8), pos(1, 20));
        assert_eq!(index.offset(text, pos(1, 12), Encoding::Utf16), Ok(y));
        assert_eq!(index.offset(text, pos(1, 20), Encoding::Utf8), Ok(y));
        let x = text.find('x').unwrap();
        assert_eq!(index.position(text, x, Encoding::Utf16), pos(0, 5));
        assert_eq!(index.position(text, x, Encoding::Utf8), pos(0, 9));
        // Inside the emoji's surrogate pair: the emoji.
        let emoji = text.find('😀').unwrap();
        assert_eq!(index.offset(text, pos(1, 9), Encoding::Utf16), Ok(emoji));
        assert_eq!(index.offset(text, pos(1, 10), Encoding::Utf16), Ok(emoji));
        assert_eq!(
            index.offset(text, pos(1, 11), Encoding::Utf16),
            Ok(emoji + 4)
        );
        // Inside the combining mark's bytes (UTF-8): the mark.
        let mark = text.find('\u{301}').unwrap();
        assert_eq!(index.offset(text, pos(1, 13), Encoding::Utf8), Ok(mark));
        // Past a line's end: its end, before the `\r\n`.
        assert_eq!(index.offset(text, pos(1, 99), Encoding::Utf16), Ok(y + 1));
        assert_eq!(
            index.offset(text, pos(2, 1), Encoding::Utf8),
            Ok(text.len())
        );
        assert_eq!(
            index.offset(text, pos(3, 0), Encoding::Utf16),
            Err(PastTheEnd)
        );
    }

    #[test]
    fn a_lone_carriage_return_ends_a_line() {
        let text = "a\rb\n\nc";
        let index = LineIndex::new(text);
        assert_eq!(index.line_count(), 4);
        assert_eq!(index.offset(text, pos(1, 0), Encoding::Utf16), Ok(2));
        assert_eq!(index.offset(text, pos(3, 1), Encoding::Utf16), Ok(6));
        assert_eq!(index.offset(text, pos(0, 5), Encoding::Utf16), Ok(1));
    }

    fn texts() -> impl Strategy<Value = String> {
        let pieces = prop::sample::select(vec![
            "a",
            " ",
            "\n",
            "\r\n",
            "\r",
            "ש",
            "ל",
            "آ",
            "ی",
            "\u{301}",
            "😀",
            "👩‍👩‍👧",
            "\u{200F}",
            "\"",
            "{",
        ]);
        prop::collection::vec(pieces, 0..40).prop_map(|p| p.concat())
    }

    proptest! {
        /// Every character boundary goes to a position and back to itself,
        /// in both encodings; positions only grow with offsets.
        #[test]
        fn offsets_survive_the_round_trip(text in texts()) {
            let index = LineIndex::new(&text);
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                let mut last = pos(0, 0);
                for offset in (0..=text.len()).filter(|&o| text.is_char_boundary(o)) {
                    let position = index.position(&text, offset, encoding);
                    prop_assert!(position >= last);
                    last = position;
                    let back = index.offset(&text, position, encoding).unwrap();
                    // Only the `\n` of a `\r\n` is no line position of its own.
                    let is_inside_crlf = offset > 0
                        && text.as_bytes()[offset - 1] == b'\r'
                        && text.as_bytes().get(offset) == Some(&b'\n');
                    if !is_inside_crlf {
                        prop_assert_eq!(back, offset);
                    }
                }
            }
        }

        /// Any position, however wrong, gives a character boundary.
        #[test]
        fn any_position_lands_on_a_boundary(text in texts(), line in 0u32..10, character in 0u32..60) {
            let index = LineIndex::new(&text);
            for encoding in [Encoding::Utf8, Encoding::Utf16] {
                if let Ok(offset) = index.offset(&text, pos(line, character), encoding) {
                    prop_assert!(text.is_char_boundary(offset));
                }
                prop_assert!(text.is_char_boundary(index.offset_clamped(&text, pos(line, character), encoding)));
            }
        }
    }
}
