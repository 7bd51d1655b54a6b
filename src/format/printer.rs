//! Output lines with the source's comments woven back in: a full-line
//! comment comes out before the line that followed it in the source, at that
//! line's indentation; a trailing comment stays at the end of its line.

use crate::syntax::ast::Comment;

const INDENT: &str = "  ";

pub(crate) struct Printer<'s> {
    src: &'s str,
    comments: Vec<Comment>,
    /// The first comment not yet written.
    next: usize,
    out: String,
    /// A blank line followed the last comment written in the source.
    blank_pending: bool,
}

impl<'s> Printer<'s> {
    pub(crate) fn new(src: &'s str, mut comments: Vec<Comment>) -> Self {
        comments.sort_by_key(|c| c.span.start);
        Printer {
            src,
            comments,
            next: 0,
            out: String::new(),
            blank_pending: false,
        }
    }

    /// Writes one line whose source text runs from `start` to `end`: first
    /// the comments that came before it, then the line and any comment that
    /// trailed it in the source.
    pub(crate) fn line(&mut self, indent: usize, text: &str, start: usize, end: usize) {
        self.comments_before(start, indent);
        if std::mem::take(&mut self.blank_pending) {
            self.blank();
        }
        self.push_indented(indent, text);
        self.trailing(end);
        self.out.push('\n');
    }

    /// The closing `}` at `at`: comments before it stay inside the block.
    pub(crate) fn close(&mut self, indent: usize, at: usize) {
        self.comments_before(at, indent + 1);
        self.blank_pending = false;
        self.push_indented(indent, "}");
        self.trailing(at + 1);
        self.out.push('\n');
    }

    /// Whether a comment lies between `start` and `end` in the source.
    pub(crate) fn has_comment_within(&self, start: usize, end: usize) -> bool {
        self.comments[self.next..]
            .iter()
            .any(|c| c.span.start > start && c.span.start < end)
    }

    /// A blank line, unless the output starts or a block just opened or a
    /// blank line is already there.
    pub(crate) fn blank(&mut self) {
        if self.out.is_empty() || self.out.ends_with("\n\n") || self.out.ends_with("{\n") {
            return;
        }
        self.out.push('\n');
    }

    /// The text, with the comments left after the last line.
    pub(crate) fn finish(mut self) -> String {
        self.comments_before(usize::MAX, 0);
        while self.out.ends_with("\n\n") {
            self.out.pop();
        }
        self.out
    }

    fn push_indented(&mut self, indent: usize, text: &str) {
        for _ in 0..indent {
            self.out.push_str(INDENT);
        }
        self.out.push_str(text);
    }

    /// Writes, each on its own line, the comments that start before `at`.
    fn comments_before(&mut self, at: usize, indent: usize) {
        while let Some(comment) = self.comments.get(self.next) {
            if comment.span.start >= at {
                break;
            }
            let comment = comment.clone();
            self.next += 1;
            if self.blank_pending || self.newlines_before(comment.span.start) >= 2 {
                self.blank();
            }
            self.push_indented(indent, &render(&comment));
            self.out.push('\n');
            self.blank_pending = self.newlines_after(comment.span.end) >= 2;
        }
    }

    /// Appends the comment that follows `end` on the same source line, with
    /// only blanks or `;` in between.
    fn trailing(&mut self, end: usize) {
        let Some(comment) = self.comments.get(self.next) else {
            return;
        };
        let between = self.src.get(end..comment.span.start).unwrap_or("x");
        if comment.span.start >= end && between.chars().all(|c| matches!(c, ' ' | '\t' | ';')) {
            self.out.push(' ');
            self.out.push_str(&render(comment));
            self.next += 1;
        }
    }

    // Byte slices, clamped: a span never splits a character, but a count
    // of blank lines is no reason to risk a panic if one ever did.
    fn newlines_before(&self, at: usize) -> usize {
        let bytes = self.src.as_bytes();
        bytes[..at.min(bytes.len())]
            .iter()
            .copied()
            .rev()
            .take_while(|b| b.is_ascii_whitespace())
            .filter(|&b| b == b'\n')
            .count()
    }

    fn newlines_after(&self, at: usize) -> usize {
        self.src
            .as_bytes()
            .get(at..)
            .unwrap_or_default()
            .iter()
            .copied()
            .take_while(|b| b.is_ascii_whitespace())
            .filter(|&b| b == b'\n')
            .count()
    }
}

fn render(comment: &Comment) -> String {
    format!("#{}", comment.text.trim_end())
}
