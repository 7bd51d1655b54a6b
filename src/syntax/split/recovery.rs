//! Recovery from unbalanced braces: each situation gets one error at the
//! place a user would fix, and the scan goes on as if it were fixed.

use super::{RawStmt, Scanner, first_word, line_end, line_start};
use crate::diagnostic::{Diagnostic, Span};
use crate::syntax::keywords::{self, Context};

impl Scanner<'_> {
    /// A journey-level statement after the journey's `}`: that `}` came too
    /// early. Reports it once and returns the journey's `{` and the
    /// indentation of its line so that the caller continues the block.
    pub(super) fn reopen_journey(&mut self, stmts: &[RawStmt]) -> Option<(usize, usize)> {
        let word = first_word(self.src, self.pos)?;
        if word == "journey" || !inside_journey(word) {
            return None;
        }
        let last = stmts.last()?;
        if last.word(self.src) != Some("journey") {
            return None;
        }
        let block = last.block.as_ref()?;
        let (open, close) = (block.open, block.close?);
        self.diagnostics.push(
            Diagnostic::error("cjm::syntax", "unexpected '}'", Span::new(close, close + 1))
                .with_label("this '}' ends the journey block")
                .with_secondary(
                    Span::new(self.pos, self.pos + word.len()),
                    "but this statement comes after it",
                )
                .with_help("remove the extra '}' so that the statements after it stay in the journey block"),
        );
        Some((open, indent_of(self.bytes, last.start)))
    }

    /// A statement that opens a block but whose line ends without `{`:
    /// reports it and returns `Some(Some(at))` when the `{` starts the next
    /// line, `Some(None)` when the next lines are indented deeper and belong
    /// in the block, `None` when nothing suggests a block.
    pub(super) fn missing_open(
        &mut self,
        word: Option<&str>,
        head_end: usize,
        indent: usize,
        context: Context,
    ) -> Option<Option<usize>> {
        let word = word?;
        let inner = keywords::block_context(word);
        if !context.accepts(word) || inner == Context::Skip {
            return None;
        }
        // The next line holding code (the indentation of comments is free).
        let mut at = self.pos;
        let mut next_line = true;
        loop {
            while self.bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
                at += 1;
            }
            match self.bytes.get(at) {
                None => return None,
                Some(b'#') => {
                    at = line_end(self.bytes, at);
                    next_line = false;
                }
                Some(_) => break,
            }
        }
        let brace_below = next_line && self.bytes[at] == b'{';
        if !brace_below {
            let deeper = at - line_start(self.bytes, at) > indent;
            let required = matches!(inner, Context::Journey | Context::Stage);
            let fits =
                first_word(self.src, at).is_some_and(|w| inner.accepts(w) && !context.accepts(w));
            if !(deeper && (required || fits)) {
                return None;
            }
        }
        let help = if brace_below {
            "put the '{' at the end of this line: a statement ends with its line"
        } else {
            "the indented lines below belong in its block: add '{' at the end of this line"
        };
        self.diagnostics.push(
            Diagnostic::error("cjm::syntax", "expected '{'", Span::new(head_end, head_end))
                .with_label("found the end of the line")
                .with_help(help),
        );
        Some(brace_below.then_some(at))
    }

    /// A statement that is wrong here but right in an enclosing block, and
    /// indented no deeper than the line that opened this block, shows a
    /// missing `}`.
    /// (`word`: the first word at the cursor.)
    pub(super) fn belongs_outside(
        &self,
        word: Option<&str>,
        context: Context,
        opener_indent: usize,
        ancestors: &[Context],
    ) -> bool {
        if context == Context::Skip {
            return false;
        }
        let Some(word) = word else {
            return false;
        };
        !context.accepts(word)
            && ancestors.iter().any(|a| a.accepts(word))
            && self.first_on_line(self.pos)
            && self.indent() <= opener_indent
    }

    pub(super) fn unclosed_at_eof(&mut self, open: usize, context: Context) {
        if self.eof_reported {
            return;
        }
        self.eof_reported = true;
        self.unclosed(open, context, None);
    }

    /// Reports the block opened at `open` as never closed (`before`: the
    /// statement that showed it).
    pub(super) fn unclosed(&mut self, open: usize, context: Context, before: Option<Span>) {
        // A `}` that closed an inner block at a shallower indentation was
        // probably meant for this one: blame the inner block instead.
        let (open, context) = match self.suspect.take() {
            Some((inner, inner_context)) if inner > open => (inner, inner_context),
            _ => (open, context),
        };
        let mut diagnostic = Diagnostic::error(
            "cjm::syntax",
            format!("missing '}}' at the end of the {} block", kind(context)),
            Span::new(open, open + 1),
        )
        .with_label("this '{' is never closed")
        .with_help("add '}' after the last statement of the block");
        if let Some(before) = before {
            diagnostic = diagnostic.with_secondary(before, "expected '}' before this statement");
        }
        self.diagnostics.push(diagnostic);
    }

    /// Reports blocks nested beyond `MAX_DEPTH` and skips the rest of the file.
    pub(super) fn too_deep(&mut self) {
        self.diagnostics.push(
            Diagnostic::error(
                "cjm::syntax",
                "blocks are nested too deeply",
                Span::new(self.pos, self.pos + 1),
            )
            .with_label("this '{' opens a block inside too many others")
            .with_help("a journey holds stages, and stages hold touchpoints: blocks nest at most four deep"),
        );
        self.pos = self.bytes.len();
        self.eof_reported = true;
    }
}

/// "stage", for messages about a block.
fn kind(context: Context) -> &'static str {
    match context {
        Context::Top | Context::Skip => "enclosing",
        Context::Journey => "journey",
        Context::Persona => "persona",
        Context::Stage => "stage",
        Context::Touchpoint => "touchpoint",
    }
}

/// Whether `word` is a keyword of some block inside the journey.
fn inside_journey(word: &str) -> bool {
    [
        Context::Journey,
        Context::Persona,
        Context::Stage,
        Context::Touchpoint,
    ]
    .iter()
    .any(|c| c.accepts(word))
}

/// Number of spaces and tabs that start the line holding `at`.
fn indent_of(bytes: &[u8], at: usize) -> usize {
    let start = line_start(bytes, at);
    bytes[start..]
        .iter()
        .take_while(|&&b| b == b' ' || b == b'\t')
        .count()
}
