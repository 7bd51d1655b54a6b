//! Line and column of the touchpoints, for the model's `span`.
//!
//! Touchpoints are resolved in source order, so a cursor that only counts
//! the text between one touchpoint and the next answers each in time
//! proportional to that gap: a line index of the whole file (a pass over
//! every byte and a table of every line start) cost more than all the
//! lookups it served.

/// 1-based line and column (in characters) of byte offsets, as
/// `diagnostic::line_col` gives them, asked for mostly in increasing order.
pub(crate) struct Positions<'a> {
    source: &'a str,
    /// The last offset answered, and its line and column.
    offset: usize,
    line: usize,
    column: usize,
}

impl<'a> Positions<'a> {
    pub(crate) fn new(source: &'a str) -> Self {
        Positions {
            source,
            offset: 0,
            line: 1,
            column: 1,
        }
    }

    pub(crate) fn line_col(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.source.len());
        // Offsets inside a multi-byte character count as that character.
        while !self.source.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            // Backwards (not done by the resolver): start over.
            (self.offset, self.line, self.column) = (0, 1, 1);
        }
        let between = &self.source[self.offset..offset];
        match between.bytes().rposition(|b| b == b'\n') {
            None => self.column += between.chars().count(),
            Some(last) => {
                self.line += line_ends(between.as_bytes());
                self.column = between[last + 1..].chars().count() + 1;
            }
        }
        self.offset = offset;
        (self.line, self.column)
    }
}

/// The number of `\n` in `bytes`, counted eight bytes at a time (a
/// touchpoint's lookup covers all the text since the previous one).
fn line_ends(bytes: &[u8]) -> usize {
    const LOWS: u64 = u64::from_ne_bytes([0x7F; 8]);
    const NEWLINES: u64 = u64::from_ne_bytes([b'\n'; 8]);
    let mut chunks = bytes.chunks_exact(8);
    let mut count = 0;
    for chunk in chunks.by_ref() {
        let mut eight = [0u8; 8];
        eight.copy_from_slice(chunk);
        let x = u64::from_ne_bytes(eight) ^ NEWLINES;
        // The high bit of each byte is set when that byte is not zero,
        // exactly, per byte (no carry crosses bytes).
        let nonzero = ((x & LOWS).wrapping_add(LOWS) | x) & !LOWS;
        count += 8 - nonzero.count_ones() as usize;
    }
    count + chunks.remainder().iter().filter(|&&b| b == b'\n').count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::line_col;

    #[test]
    fn agrees_with_line_col_forwards_and_back() {
        let source = "ab\nמודעות x\r\n\nآگاهی\n  touchpoint t\n";
        let mut positions = Positions::new(source);
        let forwards = 0..=source.len() + 2;
        let backwards = (0..=source.len() + 2).rev();
        let jumps = [3, 1, 12, 4, 20, 5, 5, 40, 0];
        for offset in forwards.chain(backwards).chain(jumps) {
            assert_eq!(
                positions.line_col(offset),
                line_col(source, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn counts_line_ends_anywhere_in_a_word() {
        let text = "a\nb\n\n\u{A0}\u{10A}\r\n\n\n\n\n\n\n\n\nxyz\u{8A}\n";
        for start in 0..text.len() {
            for end in start..=text.len() {
                let bytes = &text.as_bytes()[start..end];
                let naive = bytes.iter().filter(|&&b| b == b'\n').count();
                assert_eq!(line_ends(bytes), naive, "{start}..{end}");
            }
        }
    }

    #[test]
    fn skips_many_lines_at_once() {
        let source = "x\n".repeat(50) + "  é y";
        let mut positions = Positions::new(&source);
        assert_eq!(positions.line_col(101), (51, 2));
        assert_eq!(positions.line_col(106), line_col(&source, 106));
        assert_eq!(positions.line_col(2), (2, 1));
    }
}
