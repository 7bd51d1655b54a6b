//! A fast path for the common statement heads: the grammar's rules for
//! heads written in plain ASCII outside their strings, matched by hand.
//!
//! Starting pest for every statement cost most of the compile time (its
//! parser state, call tracking and per-character matching). This matcher
//! follows each rule of `grammar/journey.pest` element by element, with
//! the same ordered choices and greedy repetitions, so when it succeeds
//! its tokens are exactly those pest would give. It gives up (`None`) as
//! soon as anything differs from the simple shapes: a character outside
//! ASCII where an identifier could go on (pest's `LETTER`, `MARK` and
//! `DECIMAL_NUMBER` are Unicode classes), or any mismatch at all. pest then
//! parses the head as before, so errors and their messages are pest's.

use super::grammar::Rule;

/// One token: its kind and its byte range in the head.
pub(crate) type Token = (Rule, usize, usize);

/// Fills `out` with the token kinds and byte ranges of `text`, in order,
/// as pest's inner pairs (`keyword`, `ident`, `string`, `number`, `mode`,
/// `arrow`, `comma`, `lbrace`); false when pest must decide. (`out` is the
/// caller's, cleared here: one buffer serves every statement.)
pub(crate) fn tokens(rule: Rule, text: &str, out: &mut Vec<Token>) -> bool {
    out.clear();
    let mut m = Matcher {
        b: text.as_bytes(),
        pos: 0,
        out,
    };
    matches(&mut m, rule).is_some()
}

fn matches(m: &mut Matcher, rule: Rule) -> Option<()> {
    m.word(Rule::keyword)?;
    match rule {
        Rule::journey_head => {
            m.opt(Matcher::string);
            m.punct(b"{", Rule::lbrace)?;
        }
        Rule::text_stmt => m.string()?,
        Rule::word_stmt => m.ident()?,
        Rule::words_stmt => {
            m.ident()?;
            while m.opt(Matcher::ident) {}
        }
        Rule::item_head => {
            m.ident()?;
            m.opt(Matcher::string);
            m.opt(Matcher::lbrace);
        }
        Rule::stage_head => {
            m.ident()?;
            m.opt(Matcher::string);
            m.lbrace()?;
        }
        Rule::team_stmt => {
            m.ident()?;
            m.opt(Matcher::string);
        }
        Rule::channel_def => {
            m.ident()?;
            m.opt(Matcher::string);
            m.opt(Matcher::mode);
        }
        Rule::flow_stmt => {
            m.ident()?;
            m.arrow_ident()?;
            while m.opt(Matcher::arrow_ident) {}
            m.opt(Matcher::string);
        }
        Rule::owner_stmt => {
            m.ident()?;
            while m.opt(Matcher::comma_ident) {}
        }
        Rule::number_stmt => m.number()?,
        Rule::metric_stmt => {
            m.ident()?;
            m.number()?;
        }
        Rule::emotion_stmt => {
            m.opt(Matcher::ident);
            m.number()?;
            m.opt(Matcher::string);
        }
        Rule::mot_stmt => {
            m.opt(Matcher::string);
        }
        Rule::lane_def => {
            m.ident()?;
            m.opt(Matcher::string);
            m.opt(Matcher::lane_kind);
        }
        Rule::lane_entry => {
            m.ident()?;
            if !m.opt(Matcher::string) {
                m.number()?;
                m.opt(Matcher::string);
            }
        }
        _ => return None,
    }
    m.blanks();
    (m.pos == m.b.len()).then_some(())
}

struct Matcher<'t> {
    b: &'t [u8],
    pos: usize,
    out: &'t mut Vec<Token>,
}

impl Matcher<'_> {
    /// pest's implicit `WHITESPACE*` between the elements of a rule.
    fn blanks(&mut self) {
        while matches!(self.b.get(self.pos), Some(b' ' | b'\t' | b'\r')) {
            self.pos += 1;
        }
    }

    fn peek(&self, at: usize) -> Option<u8> {
        self.b.get(at).copied()
    }

    /// An optional element (or one more repetition): on failure nothing
    /// is consumed or recorded, as in pest.
    fn opt(&mut self, f: fn(&mut Self) -> Option<()>) -> bool {
        let (pos, len) = (self.pos, self.out.len());
        if f(self).is_some() {
            return true;
        }
        self.pos = pos;
        self.out.truncate(len);
        false
    }

    /// `ident_char` at `at`, ASCII only; `None` for a byte past ASCII,
    /// where only the Unicode classes could tell.
    fn ident_char(&self, at: usize) -> Option<bool> {
        match self.peek(at) {
            None => Some(false),
            Some(c) if !c.is_ascii() => None,
            Some(b'-') => Some(self.peek(at + 1) != Some(b'>')),
            Some(c) => Some(c.is_ascii_alphanumeric() || c == b'_'),
        }
    }

    /// `keyword` or `ident`: `(LETTER | "_") ~ ident_char*`.
    fn word(&mut self, rule: Rule) -> Option<()> {
        self.blanks();
        let start = self.pos;
        match self.peek(start) {
            Some(c) if c.is_ascii_alphabetic() || c == b'_' => {}
            _ => return None,
        }
        let mut end = start + 1;
        while self.ident_char(end)? {
            end += 1;
        }
        self.pos = end;
        self.out.push((rule, start, end));
        Some(())
    }

    fn ident(&mut self) -> Option<()> {
        self.word(Rule::ident)
    }

    /// `"\"" ~ ("\\" ~ ANY | !("\"" | "\\") ~ ANY)* ~ "\""`. Bytes are
    /// enough: both quotes are ASCII and never inside a UTF-8 sequence, and
    /// an escaped character's continuation bytes are no quote either.
    fn string(&mut self) -> Option<()> {
        self.blanks();
        let start = self.pos;
        if self.peek(start) != Some(b'"') {
            return None;
        }
        let mut at = start + 1;
        loop {
            match self.peek(at)? {
                b'"' => break,
                b'\\' => {
                    self.peek(at + 1)?;
                    at += 2;
                }
                _ => at = super::scan::find_any(self.b, at + 1, [b'"', b'\\']),
            }
        }
        self.pos = at + 1;
        self.out.push((Rule::string, start, self.pos));
        Some(())
    }

    /// `("+" | "-")? ~ ASCII_DIGIT+ ~ ("." ~ ASCII_DIGIT+)? ~ "%"?`.
    fn number(&mut self) -> Option<()> {
        self.blanks();
        let start = self.pos;
        let mut at = start;
        if matches!(self.peek(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let digits = |m: &Self, from: usize| {
            let mut end = from;
            while m.peek(end).is_some_and(|c| c.is_ascii_digit()) {
                end += 1;
            }
            end
        };
        let end = digits(self, at);
        if end == at {
            return None;
        }
        at = end;
        if self.peek(at) == Some(b'.') {
            let end = digits(self, at + 1);
            if end > at + 1 {
                at = end;
            }
        }
        if self.peek(at) == Some(b'%') {
            at += 1;
        }
        self.pos = at;
        self.out.push((Rule::number, start, at));
        Some(())
    }

    /// `("online" | "offline") ~ !ident_char`.
    fn mode(&mut self) -> Option<()> {
        self.literal(&[b"online", b"offline"], Rule::mode)
    }

    /// `lane_text | lane_score ~ number ~ range ~ number`.
    fn lane_kind(&mut self) -> Option<()> {
        if self.opt(|m| m.literal(&[b"text"], Rule::lane_text)) {
            return Some(());
        }
        self.literal(&[b"score"], Rule::lane_score)?;
        self.number()?;
        self.punct(b"..", Rule::range)?;
        self.number()
    }

    /// One of `words` not followed by an identifier character, as pest's
    /// `("a" | "b") ~ !ident_char` (the first word that matches is tried).
    fn literal(&mut self, words: &[&[u8]], rule: Rule) -> Option<()> {
        self.blanks();
        let start = self.pos;
        let rest = &self.b[start..];
        let len = words.iter().find(|w| rest.starts_with(w))?.len();
        if self.ident_char(start + len)? {
            return None;
        }
        self.pos = start + len;
        self.out.push((rule, start, self.pos));
        Some(())
    }

    fn punct(&mut self, token: &[u8], rule: Rule) -> Option<()> {
        self.blanks();
        let start = self.pos;
        if !self.b[start..].starts_with(token) {
            return None;
        }
        self.pos = start + token.len();
        self.out.push((rule, start, self.pos));
        Some(())
    }

    fn lbrace(&mut self) -> Option<()> {
        self.punct(b"{", Rule::lbrace)
    }

    fn arrow_ident(&mut self) -> Option<()> {
        self.punct(b"->", Rule::arrow)?;
        self.ident()
    }

    fn comma_ident(&mut self) -> Option<()> {
        self.punct(b",", Rule::comma)?;
        self.ident()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pest::Parser;

    use crate::syntax::grammar::JourneyParser;

    const RULES: [Rule; 16] = [
        Rule::journey_head,
        Rule::text_stmt,
        Rule::word_stmt,
        Rule::words_stmt,
        Rule::item_head,
        Rule::stage_head,
        Rule::team_stmt,
        Rule::channel_def,
        Rule::flow_stmt,
        Rule::owner_stmt,
        Rule::number_stmt,
        Rule::metric_stmt,
        Rule::emotion_stmt,
        Rule::mot_stmt,
        Rule::lane_def,
        Rule::lane_entry,
    ];

    fn tokens(rule: Rule, text: &str) -> Option<Vec<Token>> {
        let mut out = vec![(Rule::EOI, 9, 9)];
        super::tokens(rule, text, &mut out).then_some(out)
    }

    /// pest's inner tokens, without the `EOI` pair.
    fn pest_tokens(rule: Rule, text: &str) -> Option<Vec<(Rule, usize, usize)>> {
        let pair = JourneyParser::parse(rule, text).ok()?.next()?;
        Some(
            pair.into_inner()
                .filter(|p| p.as_rule() != Rule::EOI)
                .map(|p| (p.as_rule(), p.as_span().start(), p.as_span().end()))
                .collect(),
        )
    }

    /// Whenever the fast path answers, pest agrees token for token; and it
    /// does answer for the plain heads it is there for.
    fn agree(text: &str) -> usize {
        let mut answered = 0;
        for rule in RULES {
            if let Some(fast) = tokens(rule, text) {
                answered += 1;
                assert_eq!(Some(fast), pest_tokens(rule, text), "{rule:?} on {text:?}");
            }
        }
        answered
    }

    #[test]
    fn common_heads_take_the_fast_path_with_pest_tokens() {
        for text in [
            "journey \"Shoe shop\" {",
            "journey {",
            "touchpoint t0 \"שירות תשלום\" {",
            "touchpoint t0",
            "stage s0 \"review basket\" {",
            "channel web \"web\" online",
            "channel shop offline",
            "team marketing \"Marketing\"",
            "action \"a \\\"quoted\\\" word\"",
            "emotion dana -2 \"sad\"",
            "emotion +1",
            "metric conversion 59%",
            "reach 100000",
            "reach 4.2",
            "owner sales, support",
            "flow t0 -> t1 -> t2 \"Comes back\"",
            "flow a-b->c",
            "allow unused-definition empty-stage",
            "moment_of_truth",
            "moment_of_truth \"pay\"\t\r",
            "lang ar-EG",
            "lane systems \"Systems\"",
            "lane systems text",
            "lane effort \"Customer effort\" score 1..5",
            "lane nps score -2..+2.5",
            "lane effort 4 \"High\"",
            "lane effort 4.5",
            "lane systems \"CRM\"",
            "lanes touchpoints, emotion, effort",
            "evidence \"Receipt\"",
        ] {
            assert!(agree(text) > 0, "{text:?} should take the fast path");
        }
    }

    #[test]
    fn odd_heads_agree_or_fall_back() {
        for text in [
            "touchpoint תשלום \"x\"",
            "touchpoint t\u{200C}x",
            "channel web onlinex",
            "channel web online-",
            "channel web online->",
            "emotion dana 2.",
            "emotion dana 2.5.1",
            "emotion 1e3",
            "reach -",
            "flow a ->",
            "flow a -> b ->",
            "owner a,",
            "action \"unterminated",
            "action \"ends with a backslash\\",
            "action \"\\é\"",
            "team x \"a\" \"b\"",
            "stage s0 \"x\"",
            "touchpoint t0 {{",
            "metric nps 12%%",
            "lang en_",
            "",
            "x",
            "touchpoint t0é",
            "emotion ٣",
            "lane x score 1..",
            "lane x score 1 .. 5",
            "lane x score 1...5",
            "lane x texts",
            "lane x text 1..5",
            "lane x scored 1..5",
            "lane x score",
            "lane x \"a\" 3",
            "lane x 3 \"a\" \"b\"",
            "lane x 3%",
            "lanes a,",
        ] {
            agree(text);
        }
    }

    /// Every head built from a small alphabet of tokens, for every rule.
    #[test]
    fn generated_heads_agree_with_pest() {
        let pieces = [
            "kw", " ", "a", "b-c", "->", "-", ",", "\"s\"", "\"\\\"\"", "12", "-3.5", "7%",
            "online", "offline", "{", "é", "\t", ".", "_x",
        ];
        let mut answered = 0;
        // All heads of up to four pieces after the keyword.
        let n = pieces.len();
        for len in 0..=4u32 {
            for mut code in 0..n.pow(len) {
                let mut text = String::from("kw");
                for _ in 0..len {
                    text.push(' ');
                    text.push_str(pieces[code % n]);
                    code /= n;
                }
                answered += agree(&text);
                answered += agree(&text.replace(' ', ""));
            }
        }
        assert!(answered > 1000, "{answered}");
    }

    /// Lane heads built from the pieces their rules are made of.
    #[test]
    fn generated_lane_heads_agree_with_pest() {
        let pieces = [
            "x", "\"s\"", "text", "score", "1", "-2.5", "..", ".", "5%", "textx", ",", "é", " ",
        ];
        let mut answered = 0;
        for text in crate::testgen::strings_of(&pieces, 5) {
            for head in [format!("lane {text}"), format!("lanes {text}")] {
                answered += agree(&head);
            }
        }
        assert!(answered > 1000, "{answered}");
    }
}
