//! The pest parser for statement heads, and the one place where its errors
//! become words a user understands.

use pest::Parser;
use pest::error::{ErrorVariant, InputLocation};
use pest::iterators::Pair;
use pest_derive::Parser;

use crate::diagnostic::{Diagnostic, Span};

#[derive(Parser)]
#[grammar = "../grammar/journey.pest"]
pub(crate) struct JourneyParser;

/// Parses `source[start..end]` with `rule`; the spans of the returned pair
/// are relative to `start`.
pub(crate) fn parse_head<'s>(
    rule: Rule,
    source: &'s str,
    start: usize,
    end: usize,
) -> Result<Pair<'s, Rule>, Box<Diagnostic>> {
    let text = &source[start..end];
    match JourneyParser::parse(rule, text) {
        Ok(mut pairs) => pairs.next().ok_or_else(|| {
            // A successful parse always yields the rule's own pair; this is
            // only a guard.
            Box::new(Diagnostic::error(
                "cjm::syntax",
                "could not read this statement",
                Span::new(start, end),
            ))
        }),
        Err(error) => Err(Box::new(to_diagnostic(&error, source, start))),
    }
}

/// What the end of a statement is called in messages.
const END: &str = "a newline or ';'";

/// What each rule stands for, in words. The order is the order in which
/// alternatives are listed ("a string or '{'").
fn phrase(rule: Rule) -> Option<&'static str> {
    Some(match rule {
        Rule::keyword => "a keyword",
        Rule::ident => "an identifier",
        Rule::string => "a string",
        Rule::number => "a number",
        Rule::mode => "`online`, `offline`",
        Rule::arrow => "'->'",
        Rule::comma => "','",
        Rule::lane_text => "`text`",
        Rule::lane_score => "`score`",
        Rule::range => "'..'",
        Rule::lbrace => "'{'",
        Rule::EOI => END,
        _ => return None,
    })
}

fn to_diagnostic(error: &pest::error::Error<Rule>, source: &str, offset: usize) -> Diagnostic {
    let at = offset
        + match error.location {
            InputLocation::Pos(pos) => pos,
            InputLocation::Span((pos, _)) => pos,
        };
    let mut expected: Vec<&str> = match &error.variant {
        ErrorVariant::ParsingError { positives, .. } => {
            let mut rules = positives.clone();
            // EOI last: "expected a string or a newline or ';'".
            rules.sort_by_key(|r| (*r == Rule::EOI, *r as usize));
            rules.into_iter().filter_map(phrase).collect()
        }
        ErrorVariant::CustomError { .. } => Vec::new(),
    };
    expected.dedup();
    let message = match expected.as_slice() {
        [] => "unexpected text".to_string(),
        [one] => format!("expected {one}"),
        // The end phrase holds its own "or": "a string, a newline or ';'".
        [init @ .., last] if *last == END => format!("expected {}, {last}", init.join(", ")),
        [init @ .., last] => format!("expected {} or {last}", init.join(", ")),
    };
    let (span, found) = found_at(source, at);
    let mut diagnostic =
        Diagnostic::error("cjm::syntax", message, span).with_label(format!("found {found}"));
    if let Some(help) = help_for(&expected, source, span.start) {
        diagnostic = diagnostic.with_help(help);
    }
    diagnostic
}

/// The token at `at`, for "found …". Blanks are skipped first: an error
/// at the end of a head points past its trimmed trailing blanks.
fn found_at(source: &str, at: usize) -> (Span, String) {
    let at = at.min(source.len());
    let blanks = source[at..]
        .bytes()
        .take_while(|b| matches!(b, b' ' | b'\t'))
        .count();
    let token = at + blanks;
    let rest = &source[token..];
    let Some(first) = rest.chars().next() else {
        return (Span::new(at, at), "the end of the file".to_string());
    };
    match first {
        '\n' | '\r' => (Span::new(at, at), "the end of the line".to_string()),
        '#' => (Span::new(at, at), "a comment".to_string()),
        '"' => {
            let len = string_len(rest);
            (Span::new(token, token + len), "a string".to_string())
        }
        _ if rest.starts_with("->") => (Span::new(token, token + 2), "'->'".to_string()),
        c if c.is_alphabetic() || c == '_' || c.is_ascii_digit() => {
            let len = rest
                .find(|c: char| c.is_whitespace() || "\"{};#,".contains(c))
                .unwrap_or(rest.len());
            (Span::new(token, token + len), format!("`{}`", &rest[..len]))
        }
        c => (Span::new(token, token + c.len_utf8()), describe(c)),
    }
}

/// A character as the user can see it: invisible ones (bidi marks, odd
/// spaces) by their code point, since quoting them shows nothing.
pub(crate) fn describe(c: char) -> String {
    let invisible = c.is_whitespace()
        || c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}');
    if invisible {
        format!("an invisible character (U+{:04X})", c as u32)
    } else {
        format!("'{c}'")
    }
}

/// Length in bytes of the string literal at the start of `text`.
fn string_len(text: &str) -> usize {
    let mut escaped = false;
    for (i, c) in text.char_indices().skip(1) {
        match c {
            '\\' if !escaped => escaped = true,
            '"' if !escaped => return i + 1,
            '\n' => return i,
            _ => escaped = false,
        }
    }
    text.len()
}

/// A fix to suggest when the mistake is a common one.
fn help_for(expected: &[&str], source: &str, at: usize) -> Option<String> {
    let rest = &source[at.min(source.len())..];
    let next = rest.chars().next();
    if expected.contains(&"a string") && next.is_some_and(char::is_alphabetic) {
        let word = rest
            .find(|c: char| c.is_whitespace() || "\"{};#,".contains(c))
            .map_or(rest, |len| &rest[..len]);
        return Some(format!("text is written in double quotes: \"{word}\""));
    }
    let help = if expected.contains(&"'->'") && !expected.contains(&"a string") {
        "a flow needs at least two points: `flow a -> b`"
    } else if expected.contains(&"`online`, `offline`") && next.is_some_and(char::is_alphabetic) {
        "a channel's mode is `online` or `offline`"
    } else if next == Some('{') && !expected.contains(&"'{'") {
        "this statement takes no block"
    } else if next == Some('%') {
        "write '%' right after the number, as in `38%`"
    } else if next == Some(',')
        && !expected.contains(&"','")
        && source[..at].ends_with(|c: char| c.is_ascii_digit())
    {
        "write numbers without separators, as in `12000`"
    } else {
        return None;
    };
    Some(help.to_string())
}

/// How a statement is written, for the help of an error in it.
pub(crate) fn usage(keyword: &str, rule: Rule) -> Option<&'static str> {
    Some(match (keyword, rule) {
        ("journey", _) => "write it as `journey \"Title\" { … }`",
        ("lang", _) => "write it as `lang TAG`, for example `lang en` or `lang ar-EG`",
        ("direction", _) => "write it as `direction ltr`, `direction rtl` or `direction auto`",
        ("allow" | "deny", _) => {
            "write it as `allow LINT …`, for example `allow empty-stage no-owner`"
        }
        ("persona", _) => "write it as `persona ID \"Label\"`, with an optional `{ … }` block",
        ("team", _) => "write it as `team ID \"Label\"`",
        ("channel", Rule::channel_def) => {
            "write it as `channel ID \"Label\" online` (label and mode are optional)"
        }
        ("channel", _) => "write it as `channel ID`, naming a channel defined in the journey",
        ("stage", _) => "write it as `stage ID \"Label\" { … }`",
        ("touchpoint", _) => {
            "write it as `touchpoint ID \"Label\"`, with an optional `{ … }` block"
        }
        ("flow", _) => "write it as `flow A -> B \"Label\"` (the label is optional)",
        ("lane", Rule::lane_def) => {
            "write it as `lane ID \"Label\"` for a text lane or `lane ID \"Label\" score 1..5` for a score lane (the label is optional)"
        }
        ("lane", _) => {
            "write it as `lane LANE \"text\"` in a text lane, or `lane LANE 4 \"Label\"` in a score lane (the label is optional)"
        }
        ("lanes", _) => {
            "write it as `lanes NAME, NAME`, for example `lanes touchpoints, emotion, pains`"
        }
        ("owner", _) => "write it as `owner TEAM` or `owner TEAM, TEAM`",
        ("reach", _) => "write it as `reach N`, for example `reach 1200`",
        ("metric", _) => "write it as `metric NAME VALUE`, for example `metric abandonment 38%`",
        ("emotion", _) => {
            "write it as `emotion [PERSONA] SCORE \"Label\"`, SCORE from -2 to +2, for example `emotion 1 \"Curious\"`"
        }
        ("moment_of_truth", _) => "write it as `moment_of_truth \"Note\"` (the note is optional)",
        (_, Rule::text_stmt) => "the statement takes one string: `KEYWORD \"text\"`",
        _ => return None,
    })
}
