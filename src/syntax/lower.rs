//! Statements → AST: checks each statement's keyword against its block,
//! parses its head with the matching pest rule and lowers the pairs once.

use super::ast::*;
use super::fast;
use super::grammar::{self, Rule, parse_head};
use super::keywords::{self, Context};
use super::split::RawStmt;
use super::strings::unescape;
use crate::diagnostic::{Diagnostic, Span};
use crate::limits::MAX_TEXT_CHARS;

pub(crate) struct Lower<'s> {
    pub src: &'s str,
    pub diagnostics: Vec<Diagnostic>,
    /// The fast path's tokens, one buffer for every statement.
    pub tokens: Vec<fast::Token>,
}

/// The tokens of one statement head, in order of kind. Each part is taken
/// (moved) into the syntax tree, never copied. Every rule has at most one
/// string and one number, and most have one identifier, so those are kept
/// without a list.
struct Parts {
    keyword: Span,
    first_ident: Option<Word>,
    more_idents: Vec<Word>,
    string: Option<Str>,
    number: Option<Num>,
    /// The second number of a head (a score lane's MAX).
    second_number: Option<Num>,
    mode: Option<Word>,
    /// `text` or `score` in a lane definition.
    lane_kind: Option<Word>,
}

impl Parts {
    /// The first identifier (the grammar rules that ask for one have it).
    fn ident(&mut self) -> Word {
        self.first_ident.take().unwrap_or_else(|| Word {
            text: String::new(),
            span: self.keyword,
        })
    }
    fn idents(&mut self) -> Vec<Word> {
        let mut all: Vec<Word> = self.first_ident.take().into_iter().collect();
        all.append(&mut self.more_idents);
        all
    }
    fn string(&mut self) -> Option<Str> {
        self.string.take()
    }
    fn string_or_empty(&mut self) -> Str {
        self.string().unwrap_or_else(|| Str {
            value: String::new(),
            span: self.keyword,
        })
    }
    /// A lane definition's kind, when written.
    fn lane_kind(&mut self) -> Option<LaneKind> {
        let word = self.lane_kind.take()?;
        if word.text == "text" {
            return Some(LaneKind::Text(word.span));
        }
        let min = self.number();
        let max = self.second_number.take().unwrap_or_else(|| min.clone());
        Some(LaneKind::Score {
            word: word.span,
            min,
            max,
        })
    }

    /// A lane entry: its lane, then its text or its score and label.
    fn lane_entry(&mut self) -> LaneEntry {
        let lane = self.ident();
        let value = match self.number.take() {
            Some(score) => LaneValue::Score {
                score,
                label: self.string(),
            },
            None => LaneValue::Text(self.string_or_empty()),
        };
        LaneEntry { lane, value }
    }

    fn number(&mut self) -> Num {
        self.number.take().unwrap_or_else(|| Num {
            value: 0.0,
            integer: true,
            percent: false,
            raw: "0".to_string(),
            span: self.keyword,
        })
    }
}

fn stmt<K>(kind: K, keyword: Span, raw: &RawStmt) -> Stmt<K> {
    Stmt {
        kind,
        keyword,
        span: Span::new(raw.start, raw.end()),
    }
}

impl<'s> Lower<'s> {
    /// The one journey of the file.
    pub(crate) fn file(&mut self, stmts: &[RawStmt]) -> Option<Journey> {
        let mut journey: Option<Journey> = None;
        let mut first: Option<Span> = None;
        for raw in stmts {
            let keyword = Span::new(raw.start, raw.start + "journey".len());
            if raw.unparsed() && raw.word(self.src) == Some("journey") {
                // Its title is unterminated (reported): it still counts.
                first.get_or_insert(keyword);
            }
            if self.accept(Context::Top, raw).is_none() {
                continue;
            }
            if let Some(first) = first {
                self.diagnostics.push(
                    Diagnostic::error(
                        "cjm::syntax",
                        "a file holds exactly one `journey` block",
                        keyword,
                    )
                    .with_label("a second journey")
                    .with_secondary(first, "the first journey is here")
                    .with_help("put each journey in its own file"),
                );
                self.check_block(raw, Context::Journey);
                continue;
            }
            first = Some(keyword);
            let head = self.head(Rule::journey_head, raw);
            let body = match &raw.block {
                Some(block) => self.journey_body(&block.stmts),
                None => continue,
            };
            journey = Some(Journey {
                title: head.and_then(|mut head| head.string()),
                body,
                keyword,
                span: Span::new(raw.start, raw.end()),
            });
        }
        // A misspelled `journey` was already reported with a suggestion.
        let misspelled = stmts.iter().any(|s| {
            s.word(self.src)
                .is_some_and(|w| keywords::suggest(w, Context::Top).is_some())
        });
        if first.is_none() && !misspelled {
            let at = stmts.first().map_or(0, |s| s.start);
            self.diagnostics.push(
                Diagnostic::error(
                    "cjm::syntax",
                    "no `journey` block: a file holds exactly one `journey` block",
                    Span::new(at, at),
                )
                .with_help("write the map inside `journey \"Title\" { … }`"),
            );
        }
        journey
    }

    fn journey_body(&mut self, stmts: &[RawStmt]) -> Vec<Stmt<JourneyStmt>> {
        // At most one statement each: no regrowing.
        let mut body = Vec::with_capacity(stmts.len());
        for raw in stmts {
            let Some(keyword) = self.accept(Context::Journey, raw) else {
                continue;
            };
            let rule = match keyword {
                "lang" | "direction" => Rule::word_stmt,
                "description" => Rule::text_stmt,
                "allow" | "deny" => Rule::words_stmt,
                "persona" => Rule::item_head,
                "team" => Rule::team_stmt,
                "channel" => Rule::channel_def,
                "stage" => Rule::stage_head,
                "lane" => Rule::lane_def,
                "lanes" => Rule::owner_stmt,
                _ => Rule::flow_stmt,
            };
            let Some(mut p) = self.head(rule, raw) else {
                self.check_block(raw, keywords::block_context(keyword));
                continue;
            };
            let kind = match keyword {
                "lang" => JourneyStmt::Lang(p.ident()),
                "direction" => JourneyStmt::Direction(p.ident()),
                "description" => JourneyStmt::Description(p.string_or_empty()),
                "allow" => JourneyStmt::Allow(p.idents()),
                "deny" => JourneyStmt::Deny(p.idents()),
                "persona" => JourneyStmt::Persona(Persona {
                    id: p.ident(),
                    label: p.string(),
                    body: raw.block.as_ref().map(|b| self.persona_body(&b.stmts)),
                }),
                "team" => JourneyStmt::Team(Team {
                    id: p.ident(),
                    label: p.string(),
                }),
                "channel" => JourneyStmt::Channel(Channel {
                    id: p.ident(),
                    label: p.string(),
                    mode: p.mode.take(),
                }),
                "stage" => JourneyStmt::Stage(Stage {
                    id: p.ident(),
                    label: p.string(),
                    body: raw
                        .block
                        .as_ref()
                        .map(|b| self.stage_body(&b.stmts))
                        .unwrap_or_default(),
                }),
                "lane" => JourneyStmt::Lane(LaneDef {
                    id: p.ident(),
                    label: p.string(),
                    kind: p.lane_kind(),
                }),
                "lanes" => JourneyStmt::Lanes(p.idents()),
                _ => JourneyStmt::Flow(Flow {
                    points: p.idents(),
                    label: p.string(),
                }),
            };
            body.push(stmt(kind, p.keyword, raw));
        }
        body
    }

    fn persona_body(&mut self, stmts: &[RawStmt]) -> Vec<Stmt<PersonaStmt>> {
        // At most one statement each: no regrowing.
        let mut body = Vec::with_capacity(stmts.len());
        for raw in stmts {
            let Some(keyword) = self.accept(Context::Persona, raw) else {
                continue;
            };
            let Some(mut p) = self.head(Rule::text_stmt, raw) else {
                continue;
            };
            let text = p.string_or_empty();
            let kind = match keyword {
                "description" => PersonaStmt::Description(text),
                "goal" => PersonaStmt::Goal(text),
                "need" => PersonaStmt::Need(text),
                "frustration" => PersonaStmt::Frustration(text),
                _ => PersonaStmt::Quote(text),
            };
            body.push(stmt(kind, p.keyword, raw));
        }
        body
    }

    fn stage_body(&mut self, stmts: &[RawStmt]) -> Vec<Stmt<StageStmt>> {
        // At most one statement each: no regrowing.
        let mut body = Vec::with_capacity(stmts.len());
        for raw in stmts {
            let Some(keyword) = self.accept(Context::Stage, raw) else {
                continue;
            };
            let rule = match keyword {
                "owner" => Rule::owner_stmt,
                "reach" => Rule::number_stmt,
                "metric" => Rule::metric_stmt,
                "touchpoint" => Rule::item_head,
                "lane" => Rule::lane_entry,
                _ => Rule::text_stmt,
            };
            let Some(mut p) = self.head(rule, raw) else {
                self.check_block(raw, keywords::block_context(keyword));
                continue;
            };
            let kind = match keyword {
                "description" => StageStmt::Description(p.string_or_empty()),
                "owner" => StageStmt::Owner(p.idents()),
                "reach" => StageStmt::Reach(p.number()),
                "metric" => StageStmt::Metric(Metric {
                    name: p.ident(),
                    value: p.number(),
                }),
                "pain" => StageStmt::Pain(p.string_or_empty()),
                "opportunity" => StageStmt::Opportunity(p.string_or_empty()),
                "insight" => StageStmt::Insight(p.string_or_empty()),
                "lane" => StageStmt::Lane(p.lane_entry()),
                "evidence" => StageStmt::Blueprint(Blueprint::Evidence, p.string_or_empty()),
                "frontstage" => StageStmt::Blueprint(Blueprint::Frontstage, p.string_or_empty()),
                "backstage" => StageStmt::Blueprint(Blueprint::Backstage, p.string_or_empty()),
                "support" => StageStmt::Blueprint(Blueprint::Support, p.string_or_empty()),
                _ => StageStmt::Touchpoint(Touchpoint {
                    id: p.ident(),
                    label: p.string(),
                    body: raw.block.as_ref().map(|b| self.touchpoint_body(&b.stmts)),
                }),
            };
            body.push(stmt(kind, p.keyword, raw));
        }
        body
    }

    fn touchpoint_body(&mut self, stmts: &[RawStmt]) -> Vec<Stmt<TouchpointStmt>> {
        // At most one statement each: no regrowing.
        let mut body = Vec::with_capacity(stmts.len());
        for raw in stmts {
            let Some(keyword) = self.accept(Context::Touchpoint, raw) else {
                continue;
            };
            let rule = match keyword {
                "channel" => Rule::word_stmt,
                "owner" => Rule::owner_stmt,
                "emotion" => Rule::emotion_stmt,
                "moment_of_truth" => Rule::mot_stmt,
                "reach" => Rule::number_stmt,
                "metric" => Rule::metric_stmt,
                "lane" => Rule::lane_entry,
                _ => Rule::text_stmt,
            };
            let Some(mut p) = self.head(rule, raw) else {
                continue;
            };
            let kind = match keyword {
                "description" => TouchpointStmt::Description(p.string_or_empty()),
                "channel" => TouchpointStmt::Channel(p.ident()),
                "owner" => TouchpointStmt::Owner(p.idents()),
                "action" => TouchpointStmt::Action(p.string_or_empty()),
                "thought" => TouchpointStmt::Thought(p.string_or_empty()),
                "emotion" => TouchpointStmt::Emotion(Emotion {
                    persona: p.first_ident.take(),
                    score: p.number(),
                    label: p.string(),
                }),
                "pain" => TouchpointStmt::Pain(p.string_or_empty()),
                "opportunity" => TouchpointStmt::Opportunity(p.string_or_empty()),
                "insight" => TouchpointStmt::Insight(p.string_or_empty()),
                "moment_of_truth" => TouchpointStmt::MomentOfTruth(p.string()),
                "reach" => TouchpointStmt::Reach(p.number()),
                "metric" => TouchpointStmt::Metric(Metric {
                    name: p.ident(),
                    value: p.number(),
                }),
                "lane" => TouchpointStmt::Lane(p.lane_entry()),
                "evidence" => TouchpointStmt::Blueprint(Blueprint::Evidence, p.string_or_empty()),
                "frontstage" => {
                    TouchpointStmt::Blueprint(Blueprint::Frontstage, p.string_or_empty())
                }
                "backstage" => TouchpointStmt::Blueprint(Blueprint::Backstage, p.string_or_empty()),
                "support" => TouchpointStmt::Blueprint(Blueprint::Support, p.string_or_empty()),
                _ => TouchpointStmt::Link(p.string_or_empty()),
            };
            body.push(stmt(kind, p.keyword, raw));
        }
        body
    }

    /// The keyword of `raw` when it is allowed in `context`; otherwise
    /// reports why not, checks the statement's block for its own errors and
    /// returns `None`. Broken statements (already reported) give `None`.
    fn accept(&mut self, context: Context, raw: &RawStmt) -> Option<&'static str> {
        let word = raw.word(self.src);
        if raw.unparsed() {
            if let Some(word) = word {
                self.check_block(raw, keywords::opened_by(word, context));
            }
            return None;
        }
        let Some(word) = word else {
            self.not_a_statement(raw);
            return None;
        };
        if let Some(keyword) = context.keywords().iter().find(|k| **k == word) {
            return Some(keyword);
        }
        let span = Span::new(raw.start, raw.start + word.len());
        let diagnostic = if let Some(homes) = keywords::homes(word, context) {
            Diagnostic::error(
                "cjm::syntax",
                format!("`{word}` belongs in {homes}, not {}", context.place()),
                span,
            )
            .with_label(format!("not allowed {}", context.place()))
            .with_help(allowed_help(context))
        } else {
            let diagnostic = Diagnostic::error(
                "cjm::syntax",
                format!("unknown statement `{word}` {}", context.place()),
                span,
            )
            .with_label("unknown keyword");
            match keywords::suggest(word, context) {
                Some(keyword) => diagnostic.with_help(format!("did you mean `{keyword}`?")),
                None => diagnostic.with_help(allowed_help(context)),
            }
        };
        self.diagnostics.push(diagnostic);
        self.check_block(raw, keywords::opened_by(word, context));
        None
    }

    fn not_a_statement(&mut self, raw: &RawStmt) {
        let rest = &self.src[raw.start..];
        let first = rest.chars().next().unwrap_or(' ');
        let len = if first == '{' {
            1
        } else {
            rest.find(char::is_whitespace)
                .unwrap_or(rest.len())
                .max(first.len_utf8())
        };
        let token = &rest[..len.min(raw.head_end.max(raw.start + first.len_utf8()) - raw.start)];
        let found = match token.chars().next() {
            Some(c) if token.chars().count() == 1 => grammar::describe(c),
            _ => format!("`{token}`"),
        };
        self.diagnostics.push(
            Diagnostic::error(
                "cjm::syntax",
                "expected a statement keyword",
                Span::new(raw.start, raw.start + token.len()),
            )
            .with_label(format!("found {found}"))
            .with_help("a statement starts with a keyword such as `stage` or `touchpoint`"),
        );
    }

    /// Lowers the block of a statement that is dropped, for its errors only.
    fn check_block(&mut self, raw: &RawStmt, context: Context) {
        let Some(block) = &raw.block else { return };
        match context {
            Context::Journey => drop(self.journey_body(&block.stmts)),
            Context::Persona => drop(self.persona_body(&block.stmts)),
            Context::Stage => drop(self.stage_body(&block.stmts)),
            Context::Touchpoint => drop(self.touchpoint_body(&block.stmts)),
            Context::Top | Context::Skip => {}
        }
    }

    /// Parses the head of `raw` with `rule` (the `{` included when a block
    /// follows); errors are reported.
    fn head(&mut self, rule: Rule, raw: &RawStmt) -> Option<Parts> {
        let end = raw.block.as_ref().map_or(raw.head_end, |b| b.open + 1);
        let text = &self.src[raw.start..end];
        let mut tokens = std::mem::take(&mut self.tokens);
        let fast = fast::tokens(rule, text, &mut tokens);
        let parts = fast.then(|| self.parts(tokens.iter().copied(), text, raw.start));
        self.tokens = tokens;
        if parts.is_some() {
            return parts;
        }
        match parse_head(rule, self.src, raw.start, end) {
            Ok(pair) => {
                let tokens = pair.into_inner().map(|inner| {
                    let span = inner.as_span();
                    (inner.as_rule(), span.start(), span.end())
                });
                Some(self.parts(tokens, text, raw.start))
            }
            Err(mut diagnostic) => {
                let keyword = raw.word(self.src).unwrap_or_default();
                if let Some(help) = lane_elsewhere(rule, self.src, raw.start, end) {
                    diagnostic.help = Some(help.to_string());
                } else if diagnostic.help.is_none() {
                    diagnostic.help =
                        grammar::usage(keyword, rule).map(|u| u.replace("KEYWORD", keyword));
                }
                self.diagnostics.push(*diagnostic);
                None
            }
        }
    }

    /// The tokens of a head (kinds and ranges in `text`, which starts at
    /// `offset` in the source), from pest or from the fast path.
    fn parts(
        &mut self,
        tokens: impl IntoIterator<Item = (Rule, usize, usize)>,
        text: &str,
        offset: usize,
    ) -> Parts {
        let mut parts = Parts {
            keyword: Span::new(offset, offset),
            first_ident: None,
            more_idents: Vec::new(),
            string: None,
            number: None,
            second_number: None,
            mode: None,
            lane_kind: None,
        };
        let head = text;
        for (rule, start, end) in tokens {
            let span = Span::new(offset + start, offset + end);
            let text = &head[start..end];
            match rule {
                Rule::keyword => parts.keyword = span,
                Rule::ident => {
                    self.check_length(text, span, "an identifier");
                    let word = Word {
                        text: text.to_string(),
                        span,
                    };
                    match parts.first_ident {
                        None => parts.first_ident = Some(word),
                        Some(_) => parts.more_idents.push(word),
                    }
                }
                Rule::mode => {
                    parts.mode = Some(Word {
                        text: text.to_string(),
                        span,
                    })
                }
                Rule::string => {
                    let value = unescape(text, span.start, &mut self.diagnostics);
                    self.check_length(&value, span, "a string");
                    parts.string.get_or_insert(Str { value, span });
                }
                Rule::number => {
                    if parts.number.is_none() {
                        parts.number = Some(number(text, span));
                    } else {
                        parts
                            .second_number
                            .get_or_insert_with(|| number(text, span));
                    }
                }
                Rule::lane_text | Rule::lane_score => {
                    parts.lane_kind = Some(Word {
                        text: text.to_string(),
                        span,
                    })
                }
                _ => {}
            }
        }
        parts
    }
}

impl Lower<'_> {
    /// Text past `MAX_TEXT_CHARS` is refused: later stages (wrapping,
    /// shaping, drawing) may count on labels being bounded.
    fn check_length(&mut self, text: &str, span: Span, what: &str) {
        // No more characters than bytes: short texts need no count.
        if text.len() <= MAX_TEXT_CHARS {
            return;
        }
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            let first_len = self
                .src
                .get(span.start..)
                .and_then(|rest| rest.chars().next())
                .map_or(0, char::len_utf8);
            self.diagnostics.push(
                Diagnostic::error(
                    "cjm::limit",
                    format!(
                        "{what} of {chars} characters is longer than the limit of {MAX_TEXT_CHARS}"
                    ),
                    // Its first character: underlining 10,000 would bury the report.
                    Span::new(span.start, span.start + first_len),
                )
                .with_label("this text is too long")
                .with_help(
                    "shorten it; a map is read at a glance, so keep details in a linked page",
                ),
            );
        }
    }
}

fn number(raw: &str, span: Span) -> Num {
    let digits = raw.strip_suffix('%');
    let percent = digits.is_some();
    let digits = digits.unwrap_or(raw);
    Num {
        // The grammar only lets through what `f64` reads (sign, digits,
        // optional decimals); 0 is a guard that cannot be reached.
        value: digits.parse().unwrap_or(0.0),
        integer: !digits.contains('.'),
        percent,
        raw: raw.to_string(),
        span,
    }
}

/// `lane` defines a lane in the journey block and gives an entry in a
/// stage or touchpoint: a head that is right in the other place gets a
/// help that says so.
fn lane_elsewhere(rule: Rule, source: &str, start: usize, end: usize) -> Option<&'static str> {
    let (other, help) = match rule {
        Rule::lane_def => (
            Rule::lane_entry,
            "a lane's entries go in a stage or touchpoint block; in the journey block \
             `lane` defines a lane: `lane ID \"Label\"` or `lane ID \"Label\" score 1..5`",
        ),
        Rule::lane_entry => (
            Rule::lane_def,
            "a lane is defined in the journey block; in a stage or touchpoint block \
             `lane` gives an entry: `lane LANE \"text\"` or `lane LANE 4 \"Label\"`",
        ),
        _ => return None,
    };
    let pair = parse_head(other, source, start, end).ok()?;
    // `lane systems` alone is both a definition and an entry missing its
    // value: only a kind (`text`, `score 1..5`) shows a definition.
    let shows = rule == Rule::lane_def
        || pair
            .into_inner()
            .any(|p| matches!(p.as_rule(), Rule::lane_text | Rule::lane_score));
    shows.then_some(help)
}

fn allowed_help(context: Context) -> String {
    let list: Vec<String> = context
        .keywords()
        .iter()
        .map(|k| format!("`{k}`"))
        .collect();
    format!("{} holds: {}", block_name(context), list.join(", "))
}

fn block_name(context: Context) -> &'static str {
    match context {
        Context::Top => "the top of a file",
        Context::Journey => "the journey block",
        Context::Persona => "a persona block",
        Context::Stage => "a stage block",
        Context::Touchpoint => "a touchpoint block",
        Context::Skip => "this block",
    }
}
