//! The words of a text as an editor sees them while it is typed: tokens
//! and, at a cursor, the block it is in and the statement written so far.
//! The compiler's parser answers for whole statements; completion and
//! highlighting also need half-written ones (`owner ` with nothing after
//! it yet), so this follows the same lexical rules (language.md §2) and the
//! same table of which statements each block takes (`syntax::keywords`).

use crate::diagnostic::Span;
use crate::syntax::keywords::{Context, opened_by};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok {
    Word,
    Str,
    /// A string without its closing quote (it runs to the line's end).
    OpenStr,
    Num,
    Comment,
    Arrow,
    Comma,
    /// `;` or a line end: the end of a statement.
    End,
    Open,
    Close,
    Other,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Token {
    pub kind: Tok,
    pub span: Span,
}

/// Letters, digits, `_`, combining marks and the zero-width (non-)joiner:
/// what may follow the first character of an identifier.
fn ident_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || c == '\u{200C}' || c == '\u{200D}' || is_mark(c)
}

/// The combining marks of the scripts journeys are written in (Latin
/// accents, Hebrew points, Arabic harakat), beside those `is_alphanumeric`
/// already takes.
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}' | '\u{0483}'..='\u{0489}' | '\u{0591}'..='\u{05C7}'
        | '\u{0610}'..='\u{061A}' | '\u{064B}'..='\u{065F}' | '\u{0670}'
        | '\u{06D6}'..='\u{06ED}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}'
        | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

pub(crate) fn tokens(text: &str) -> Vec<Token> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        let mut end = start + c.len_utf8();
        let kind = match c {
            ' ' | '\t' | '\r' if !(c == '\r' && bytes.get(end) != Some(&b'\n')) => continue,
            '\n' | '\r' | ';' => Tok::End,
            '{' => Tok::Open,
            '}' => Tok::Close,
            ',' => Tok::Comma,
            '#' => {
                while let Some(&(i, c)) = chars.peek() {
                    if c == '\n' || c == '\r' {
                        break;
                    }
                    end = i + c.len_utf8();
                    chars.next();
                }
                Tok::Comment
            }
            '"' => {
                // To the closing quote, or (unterminated) the line's end.
                let mut closed = false;
                while let Some(&(i, c)) = chars.peek() {
                    if c == '\n' || c == '\r' {
                        break;
                    }
                    chars.next();
                    end = i + c.len_utf8();
                    if c == '\\' {
                        if let Some(&(j, escaped)) = chars.peek()
                            && escaped != '\n'
                            && escaped != '\r'
                        {
                            chars.next();
                            end = j + escaped.len_utf8();
                        }
                    } else if c == '"' {
                        closed = true;
                        break;
                    }
                }
                if closed { Tok::Str } else { Tok::OpenStr }
            }
            '-' if bytes.get(end) == Some(&b'>') => {
                chars.next();
                end += 1;
                Tok::Arrow
            }
            '+' | '-' | '0'..='9' => {
                let mut digits = c.is_ascii_digit();
                while let Some(&(i, c)) = chars.peek() {
                    if c.is_ascii_digit() || c == '.' || c == '%' {
                        digits |= c.is_ascii_digit();
                        end = i + 1;
                        chars.next();
                    } else {
                        break;
                    }
                }
                if digits { Tok::Num } else { Tok::Other }
            }
            c if c.is_alphabetic() || c == '_' => {
                while let Some(&(i, c)) = chars.peek() {
                    let arrow = c == '-' && bytes.get(i + 1) == Some(&b'>');
                    if !(ident_char(c) || c == '-') || arrow {
                        break;
                    }
                    end = i + c.len_utf8();
                    chars.next();
                }
                Tok::Word
            }
            _ => Tok::Other,
        };
        out.push(Token {
            kind,
            span: Span::new(start, end),
        });
    }
    out
}

/// Calls `each` for every token but line ends, with the block it is in and
/// the statement's tokens before it (the first of which is the keyword).
pub(crate) fn walk(text: &str, mut each: impl FnMut(&Token, Context, &[Token])) {
    let mut stack = vec![Context::Top];
    let mut statement: Vec<Token> = Vec::new();
    for token in tokens(text) {
        let context = *stack.last().unwrap_or(&Context::Top);
        match token.kind {
            Tok::End => statement.clear(),
            Tok::Open => {
                each(&token, context, &statement);
                stack.push(opened(text, &statement, context));
                statement.clear();
            }
            Tok::Close => {
                if stack.len() > 1 {
                    stack.pop();
                }
                each(&token, context, &statement);
                statement.clear();
            }
            Tok::Comment => each(&token, context, &statement),
            _ => {
                each(&token, context, &statement);
                statement.push(token);
            }
        }
    }
}

/// What surrounds a cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Cursor {
    pub context: Context,
    /// The statement's tokens before the cursor, not counting `word`.
    pub before: Vec<Token>,
    /// The word the cursor is in or just after (being typed).
    pub word: Option<Span>,
    /// The cursor is inside a string or a comment.
    pub in_text: bool,
}

pub(crate) fn cursor(text: &str, offset: usize) -> Cursor {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let head = &text[..offset];
    let mut stack = vec![Context::Top];
    let mut statement: Vec<Token> = Vec::new();
    let (mut word, mut in_text) = (None, false);
    let all = tokens(head);
    for (i, token) in all.iter().enumerate() {
        let at_cursor = i + 1 == all.len() && token.span.end == head.len();
        let context = *stack.last().unwrap_or(&Context::Top);
        match token.kind {
            Tok::End => statement.clear(),
            Tok::Open => {
                stack.push(opened(text, &statement, context));
                statement.clear();
            }
            Tok::Close => {
                if stack.len() > 1 {
                    stack.pop();
                }
                statement.clear();
            }
            Tok::Comment => in_text = at_cursor,
            Tok::OpenStr if at_cursor => in_text = true,
            Tok::Word if at_cursor => word = Some(token.span),
            _ => statement.push(*token),
        }
    }
    Cursor {
        context: *stack.last().unwrap_or(&Context::Top),
        before: statement,
        word,
        in_text,
    }
}

/// The block a `{` opens after a statement's tokens.
fn opened(text: &str, statement: &[Token], context: Context) -> Context {
    match statement.first() {
        Some(first) if first.kind == Tok::Word => {
            opened_by(&text[first.span.start..first.span.end], context)
        }
        _ => Context::Skip,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(Tok, &str)> {
        tokens(text)
            .into_iter()
            .map(|t| (t.kind, &text[t.span.start..t.span.end]))
            .collect()
    }

    #[test]
    fn tokens_in_any_script() {
        assert_eq!(
            kinds("flow מודעות->آگاهی -> web-shop \"a \\\" b\" # x\n38% -2"),
            [
                (Tok::Word, "flow"),
                (Tok::Word, "מודעות"),
                (Tok::Arrow, "->"),
                (Tok::Word, "آگاهی"),
                (Tok::Arrow, "->"),
                (Tok::Word, "web-shop"),
                (Tok::Str, "\"a \\\" b\""),
                (Tok::Comment, "# x"),
                (Tok::End, "\n"),
                (Tok::Num, "38%"),
                (Tok::Num, "-2"),
            ]
        );
        assert_eq!(
            kinds("\"open\nx"),
            [(Tok::OpenStr, "\"open"), (Tok::End, "\n"), (Tok::Word, "x")]
        );
    }

    fn words(text: &str, c: &Cursor) -> Vec<String> {
        c.before
            .iter()
            .map(|t| text[t.span.start..t.span.end].to_string())
            .collect()
    }

    #[test]
    fn the_cursor_knows_its_block_and_statement() {
        let text = "journey \"J\" {\n  stage s {\n    owner ";
        let c = cursor(text, text.len());
        assert_eq!(c.context, Context::Stage);
        assert_eq!(words(text, &c), ["owner"]);
        assert_eq!(c.word, None);

        let text = "journey \"J\" {\n  stage s {\n    touchpoint t { channel we";
        let c = cursor(text, text.len());
        assert_eq!(c.context, Context::Touchpoint);
        assert_eq!(words(text, &c), ["channel"]);
        assert!(c.word.is_some());

        let text = "journey \"J\" {\n  stage s { }\n  flow a -> ";
        let c = cursor(text, text.len());
        assert_eq!(c.context, Context::Journey);
        assert_eq!(words(text, &c), ["flow", "a", "->"]);

        let text = "journey \"J\" {\n  description \"an owner ";
        assert!(cursor(text, text.len()).in_text);
        let text = "journey \"J\" {\n  ";
        let c = cursor(text, text.len());
        assert_eq!((c.context, c.before.len()), (Context::Journey, 0));
        let text = "journey \"J\" {\n  stage s {\n  }\n  ";
        assert_eq!(cursor(text, text.len()).context, Context::Journey);
    }
}
