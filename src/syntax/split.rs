//! The outer pass: cuts the text into statements and blocks, tracking
//! strings, comments and braces, so that each statement head can be parsed on
//! its own and one bad statement never hides the next one. It reports what
//! only it can see: unterminated strings and unbalanced braces.

mod recovery;

use super::ast::Comment;
use super::keywords::{self, Context};
use super::scan;
use crate::diagnostic::{Diagnostic, Span};

/// One statement: its head (keyword to end of line, `;`, `{`, `}` or `#`)
/// and its block when a `{` follows.
#[derive(Debug)]
pub(crate) struct RawStmt {
    pub start: usize,
    /// Length of the first word (`first_word`), 0 when there is none:
    /// found once here, asked for by every later step.
    pub word_len: usize,
    /// End of the head, trailing spaces left out.
    pub head_end: usize,
    /// The head holds an unterminated string (already reported): it is not
    /// parsed, only its block is checked.
    pub broken: bool,
    pub block: Option<RawBlock>,
}

#[derive(Debug)]
pub(crate) struct RawBlock {
    /// Offset of the `{`.
    pub open: usize,
    /// Offset of the matching `}`, `None` when missing (already reported).
    pub close: Option<usize>,
    pub stmts: Vec<RawStmt>,
    /// The `{` is missing or not on the head's line (already reported): the
    /// head is not parsed, only the block is checked.
    pub missing_open: bool,
}

impl RawStmt {
    /// End of the whole statement, block included.
    pub(crate) fn end(&self) -> usize {
        match &self.block {
            None => self.head_end,
            Some(block) => match block.close {
                Some(close) => close + 1,
                None => block
                    .stmts
                    .last()
                    .map_or(block.open + 1, |last| last.end().max(block.open + 1)),
            },
        }
    }

    /// Whether the head is left unparsed because of an error already
    /// reported (an unterminated string, a misplaced `{`).
    pub(crate) fn unparsed(&self) -> bool {
        self.broken || self.block.as_ref().is_some_and(|b| b.missing_open)
    }

    /// The first word of the head when it looks like a keyword.
    pub(crate) fn word<'s>(&self, source: &'s str) -> Option<&'s str> {
        (self.word_len > 0).then(|| &source[self.start..self.start + self.word_len])
    }
}

pub(crate) struct Split {
    pub stmts: Vec<RawStmt>,
    pub comments: Vec<Comment>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Splits a whole file. The top-level statements are returned in order;
/// whether they are journeys is for the caller to check.
pub(crate) fn split(source: &str) -> Split {
    let mut scanner = Scanner {
        src: source,
        bytes: source.as_bytes(),
        pos: if source.starts_with('\u{FEFF}') { 3 } else { 0 },
        comments: Vec::new(),
        diagnostics: Vec::new(),
        eof_reported: false,
        pending: Vec::new(),
        suspect: None,
        line_start: 0,
    };
    let stmts = scanner.top();
    Split {
        stmts,
        comments: scanner.comments,
        diagnostics: scanner.diagnostics,
    }
}

/// The bytes a statement head's scan stops at.
const HEAD_ENDS: [u8; 6] = [b'\n', b';', b'{', b'}', b'#', b'"'];

/// The bytes a string's scan stops at.
const STRING_ENDS: [u8; 3] = [b'\n', b'\\', b'"'];

/// Blocks nest four deep at most in a valid file; far deeper nesting is
/// refused rather than risking the stack.
const MAX_DEPTH: usize = 32;

/// How a block ended.
enum Close {
    Brace(usize),
    /// End of file before its `}`.
    Eof,
    /// A statement that belongs to an outer block showed that the `}` is
    /// missing; the statement is left for the outer block.
    Implicit,
}

struct Scanner<'a> {
    src: &'a str,
    bytes: &'a [u8],
    pos: usize,
    comments: Vec<Comment>,
    diagnostics: Vec<Diagnostic>,
    eof_reported: bool,
    /// The statements of the blocks being read, innermost last.
    pending: Vec<RawStmt>,
    /// The last block closed by a `}` indented less than its opening line:
    /// when a `{` turns out unclosed at the end of the file, this block is
    /// the likely culprit. (offset of its `{`, its kind)
    suspect: Option<(usize, Context)>,
    /// Offset where the current line starts (only `skip_trivia` crosses
    /// line ends), so that indentation costs nothing to look up.
    line_start: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    /// Skips blanks, line ends, `;` and comments (recording them).
    fn skip_trivia(&mut self) {
        while let Some(b) = self.peek() {
            match b {
                b'\n' => {
                    self.pos += 1;
                    self.line_start = self.pos;
                }
                b' ' | b'\t' | b'\r' | b';' => self.pos += 1,
                b'#' => self.comment(),
                _ => break,
            }
        }
    }

    fn comment(&mut self) {
        let start = self.pos;
        let mut end = line_end(self.bytes, start);
        self.pos = end;
        if end > start + 1 && self.bytes[end - 1] == b'\r' {
            end -= 1;
        }
        self.comments.push(Comment {
            text: self.src[start + 1..end].to_string(),
            span: Span::new(start, end),
        });
    }

    /// The statements outside every block.
    fn top(&mut self) -> Vec<RawStmt> {
        let mut stmts: Vec<RawStmt> = Vec::new();
        loop {
            self.skip_trivia();
            let Some(b) = self.peek() else { break };
            if b == b'}' {
                self.diagnostics.push(
                    Diagnostic::error(
                        "cjm::syntax",
                        "unexpected '}'",
                        Span::new(self.pos, self.pos + 1),
                    )
                    .with_label("this '}' closes no block")
                    .with_help("remove it, or add the '{' it should close"),
                );
                self.pos += 1;
                continue;
            }
            if let Some((open, indent)) = self.reopen_journey(&stmts) {
                let (more, close) =
                    self.block(open, Context::Journey, indent, &[Context::Top], false);
                if let Some(RawBlock {
                    stmts: body,
                    close: last_close,
                    ..
                }) = stmts.last_mut().and_then(|s| s.block.as_mut())
                {
                    body.extend(more);
                    *last_close = match close {
                        Close::Brace(at) => Some(at),
                        Close::Eof | Close::Implicit => None,
                    };
                }
                continue;
            }
            let word = first_word(self.src, self.pos);
            let stmt = self.statement(Context::Top, &[], word);
            stmts.push(stmt);
        }
        stmts
    }

    /// One statement in a block of kind `context`, the cursor on its first
    /// character, which starts `word` (`first_word` there).
    fn statement(
        &mut self,
        context: Context,
        ancestors: &[Context],
        word: Option<&str>,
    ) -> RawStmt {
        let start = self.pos;
        let indent = self.indent();
        let mut broken = false;
        while let Some(b) = self.peek() {
            match b {
                b'\n' | b';' | b'{' | b'}' | b'#' => break,
                b'"' => {
                    if !self.string() {
                        broken = true;
                        break;
                    }
                }
                // Skips what no case above is about, a word at a time.
                _ => self.pos = scan::find_any(self.bytes, self.pos + 1, HEAD_ENDS),
            }
        }
        let mut head_end = self.pos;
        while head_end > start && matches!(self.bytes[head_end - 1], b' ' | b'\t' | b'\r') {
            head_end -= 1;
        }
        let mut opens_block = self.peek() == Some(b'{');
        if broken {
            // The rest of the line is skipped; a `{` ending it still opens a
            // block, so that its content is checked and its `}` stays paired.
            // Likewise a `}` ending it still closes the block around.
            let line = self.src[start..self.pos].trim_end();
            if line.ends_with('{') || line.ends_with('}') {
                self.pos = start + line.len() - 1;
            }
            opens_block = line.ends_with('{');
        }
        let mut missing_open = false;
        if !opens_block
            && !broken
            && self.peek() == Some(b'\n')
            && let Some(brace) = self.missing_open(word, head_end, indent, context)
        {
            {
                (missing_open, opens_block) = (true, true);
                if let Some(brace) = brace {
                    self.pos = brace;
                    self.line_start = line_start(self.bytes, brace);
                }
            }
        }
        if opens_block && ancestors.len() >= MAX_DEPTH {
            self.too_deep();
            opens_block = false;
        }
        let block = if opens_block {
            // Without a `{` at all, the block is the indented lines below.
            let without_brace = self.peek() != Some(b'{');
            let open = self.pos;
            if !without_brace {
                self.pos += 1;
            }
            let inner = word.map_or(Context::Skip, |word| keywords::opened_by(word, context));
            // The enclosing kinds, this one added (`ancestors` is shorter
            // than `MAX_DEPTH`, checked above): on the stack, not the heap.
            let mut chain = [Context::Skip; MAX_DEPTH];
            chain[..ancestors.len()].copy_from_slice(ancestors);
            chain[ancestors.len()] = context;
            let chain = &chain[..=ancestors.len()];
            let (stmts, close) = self.block(open, inner, indent, chain, without_brace);
            let close = match close {
                Close::Brace(at) => {
                    if self.first_on_line(at) && self.indent() < indent {
                        self.suspect = Some((open, inner));
                    }
                    Some(at)
                }
                Close::Eof | Close::Implicit => None,
            };
            Some(RawBlock {
                open,
                close,
                stmts,
                missing_open,
            })
        } else {
            None
        };
        RawStmt {
            start,
            word_len: word.map_or(0, str::len),
            head_end,
            broken,
            block,
        }
    }

    /// The statements of a block whose `{` was just consumed, up to and
    /// including its `}`.
    fn block(
        &mut self,
        open: usize,
        context: Context,
        opener_indent: usize,
        ancestors: &[Context],
        without_brace: bool,
    ) -> (Vec<RawStmt>, Close) {
        // The block's statements go on the shared stack, then move into a
        // list of their exact size: no list grows statement by statement.
        let base = self.pending.len();
        let close = self.block_statements(open, context, opener_indent, ancestors, without_brace);
        (self.pending.split_off(base), close)
    }

    fn block_statements(
        &mut self,
        open: usize,
        context: Context,
        opener_indent: usize,
        ancestors: &[Context],
        without_brace: bool,
    ) -> Close {
        loop {
            self.skip_trivia();
            let Some(b) = self.peek() else {
                if !without_brace {
                    self.unclosed_at_eof(open, context);
                }
                return Close::Eof;
            };
            // A block without `{` ends where the indentation comes back,
            // taking a `}` written there.
            if without_brace && self.first_on_line(self.pos) && self.indent() <= opener_indent {
                if b == b'}' && self.indent() == opener_indent {
                    self.pos += 1;
                    return Close::Brace(self.pos - 1);
                }
                return Close::Implicit;
            }
            if b == b'}' {
                self.pos += 1;
                return Close::Brace(self.pos - 1);
            }
            let word = first_word(self.src, self.pos);
            if self.belongs_outside(word, context, opener_indent, ancestors) {
                let word_len = word.map_or(1, str::len);
                let before = Span::new(self.pos, self.pos + word_len);
                self.unclosed(open, context, Some(before));
                return Close::Implicit;
            }
            let stmt = self.statement(context, ancestors, word);
            self.pending.push(stmt);
        }
    }

    /// Number of spaces and tabs that start the current line.
    fn indent(&self) -> usize {
        self.bytes[self.line_start..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count()
    }

    /// Whether only blanks precede `at` on the current line.
    fn first_on_line(&self, at: usize) -> bool {
        self.bytes[self.line_start..at]
            .iter()
            .rev()
            .all(|&b| b == b' ' || b == b'\t')
    }

    /// Consumes a string from its opening quote; false (and reported) when
    /// the line ends first.
    fn string(&mut self) -> bool {
        let quote = self.pos;
        self.pos += 1;
        while let Some(b) = self.peek() {
            match b {
                b'\n' => break,
                b'\\' => {
                    self.pos += 1;
                    if self.peek().is_some_and(|next| next != b'\n') {
                        self.pos += 1;
                    }
                }
                b'"' => {
                    self.pos += 1;
                    return true;
                }
                _ => self.pos = scan::find_any(self.bytes, self.pos + 1, STRING_ENDS),
            }
        }
        self.diagnostics.push(
            Diagnostic::error(
                "cjm::syntax",
                "unterminated string",
                Span::new(quote, quote + 1),
            )
            .with_label("this string is never closed")
            .with_help("close it with '\"' on the same line; write a line break as '\\n'"),
        );
        false
    }
}

/// The word starting at `at`, when it starts like an identifier.
pub(crate) fn first_word(source: &str, at: usize) -> Option<&str> {
    let rest = source.get(at..)?;
    // Keywords are ASCII: a byte loop finds them (asked for several times
    // per statement). Past ASCII, Unicode's letters and blanks decide.
    let bytes = rest.as_bytes();
    match bytes.first() {
        Some(b) if b.is_ascii() && !(b.is_ascii_alphabetic() || *b == b'_') => return None,
        _ => {}
    }
    for (i, &b) in bytes.iter().enumerate() {
        if !b.is_ascii() {
            return first_word_chars(rest);
        }
        // `char::is_whitespace` in ASCII, and the word's end marks.
        let ends = matches!(
            b,
            b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r' | b'"' | b'{' | b'}' | b';' | b'#' | b','
        );
        if ends {
            return Some(&rest[..i]);
        }
    }
    first_word_chars(rest)
}

/// `first_word` on the characters of `rest`.
fn first_word_chars(rest: &str) -> Option<&str> {
    let first = rest.chars().next()?;
    if !(first.is_alphabetic() || first == '_') {
        return None;
    }
    let len = rest
        .find(|c: char| c.is_whitespace() || "\"{};#,".contains(c))
        .unwrap_or(rest.len());
    Some(&rest[..len])
}

fn line_end(bytes: &[u8], from: usize) -> usize {
    bytes[from..]
        .iter()
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |i| from + i)
}

fn line_start(bytes: &[u8], at: usize) -> usize {
    bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The byte loop finds the words the character rules find.
    #[test]
    fn first_word_agrees_with_the_character_rules() {
        let mut pieces: Vec<String> = (0u8..0x80).map(|b| char::from(b).to_string()).collect();
        pieces.extend(
            [
                "é", "\u{85}", "\u{A0}", "\u{2028}", "\u{3000}", "ש", "٣", "\u{200C}",
            ]
            .map(String::from),
        );
        pieces.push(String::new());
        let mut words = 0;
        for a in &pieces {
            for b in &pieces {
                for text in [format!("{a}{b}"), format!("x{a}{b}"), format!("_{a}y{b}")] {
                    let fast = first_word(&text, 0);
                    assert_eq!(fast, first_word_chars(&text), "{text:?}");
                    words += usize::from(fast.is_some());
                }
            }
        }
        assert!(words > 10_000, "{words}");
        assert_eq!(first_word("a b", 9), None);
    }
}
