//! Bytes → text (language.md §2): UTF-8 only, a leading BOM ignored, no
//! NUL bytes. A file that fails here is not parsed at all.

use crate::diagnostic::{Diagnostic, Span, line_col};

const CODE: &str = "cjm::encoding";

/// The decoded text, or the text to show diagnostics against (invalid
/// sequences replaced by U+FFFD) with the one encoding error.
pub(crate) fn decode(bytes: &[u8]) -> Result<String, Box<(String, Diagnostic)>> {
    let with_bom = bytes.len();
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // Messages give offsets into the file as it is on disk.
    let bom = with_bom - bytes.len();
    match std::str::from_utf8(bytes) {
        Ok(text) => match text.find('\0') {
            None => Ok(text.to_string()),
            Some(at) => {
                let (line, column) = line_col(text, at);
                let diagnostic = Diagnostic::error(
                    CODE,
                    format!(
                        "the file holds a NUL byte at line {line}, column {column} (byte {}); \
                         journey files are text",
                        at + bom
                    ),
                    // The shown text holds U+FFFD (3 bytes) where the NUL was.
                    Span::new(at, at + '\u{FFFD}'.len_utf8()),
                )
                .with_label("NUL byte")
                .with_help("remove the NUL byte; is this really a .journey text file?");
                // Shown with the NUL replaced, so terminals don't choke on it.
                Err(Box::new((text.replace('\0', "\u{FFFD}"), diagnostic)))
            }
        },
        Err(error) => {
            // An error always names a byte at `valid_up_to()` (an invalid or
            // truncated sequence), so indexing `bytes[at]` below is in range.
            let at = error.valid_up_to();
            let shown = String::from_utf8_lossy(bytes).into_owned();
            // The valid prefix is copied unchanged, so `at` is also the
            // offset of the first replacement character in `shown`.
            let (line, column) = line_col(&shown, at);
            let diagnostic = Diagnostic::error(
                CODE,
                format!(
                    "the file is not valid UTF-8: invalid byte 0x{:02X} at line {line}, column {column} (byte {})",
                    bytes[at],
                    at + bom
                ),
                Span::new(at, at + '\u{FFFD}'.len_utf8()),
            )
            .with_label("not UTF-8")
            .with_help("save the file as UTF-8 (most editors offer this under \"Save with encoding\")");
            Err(Box::new((shown, diagnostic)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bom_is_ignored() {
        assert_eq!(decode(b"\xEF\xBB\xBFjourney").unwrap(), "journey");
    }

    #[test]
    fn invalid_utf8_points_at_the_byte() {
        let (shown, d) = *decode(b"journey\n  \xFF x").unwrap_err();
        assert_eq!(d.code, CODE);
        assert!(d.message.contains("line 2, column 3"), "{}", d.message);
        assert!(d.message.contains("0xFF"));
        assert_eq!(&shown[d.span.start..d.span.end], "\u{FFFD}");
    }

    #[test]
    fn nul_byte_is_an_error() {
        let (_, d) = *decode(b"a\0b").unwrap_err();
        assert!(d.message.contains("NUL"));
        assert_eq!(d.span, Span::new(1, 4));
        let (shown, _) = *decode(b"a\0b").unwrap_err();
        assert_eq!(&shown[d.span.start..d.span.end], "\u{FFFD}");
    }
}
