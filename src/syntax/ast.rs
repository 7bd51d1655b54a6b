//! The syntax tree: what the file says, with a span on every node.
//! Built by `syntax::parse`, read by `resolve` and `format`.

use crate::diagnostic::Span;

/// A bare word: an identifier or a keyword-like value (`rtl`, `ar-EG`, `empty-stage`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Word {
    pub text: String,
    pub span: Span,
}

/// A string literal with its escapes already resolved.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Str {
    pub value: String,
    pub span: Span,
}

/// A number, possibly a percentage (`38%`).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Num {
    pub value: f64,
    /// Written without a decimal point.
    pub integer: bool,
    pub percent: bool,
    /// The text as written, for `fmt`.
    pub raw: String,
    pub span: Span,
}

/// A statement inside a block: `keyword` is the span of its first word,
/// `span` covers the whole statement including any block.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stmt<K> {
    pub kind: K,
    pub keyword: Span,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Comment {
    /// The text after `#`, without the line end.
    pub text: String,
    pub span: Span,
}

/// A whole file. `journey` is `None` when the file holds no journey block
/// that could be parsed at all; the parse diagnostics then say why.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct File {
    pub journey: Option<Journey>,
    pub comments: Vec<Comment>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Journey {
    pub title: Option<Str>,
    pub body: Vec<Stmt<JourneyStmt>>,
    pub keyword: Span,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum JourneyStmt {
    Lang(Word),
    Direction(Word),
    Description(Str),
    Allow(Vec<Word>),
    Deny(Vec<Word>),
    Persona(Persona),
    Team(Team),
    Channel(Channel),
    Stage(Stage),
    Flow(Flow),
    Lane(LaneDef),
    /// `lanes NAME, …`: the names as written.
    Lanes(Vec<Word>),
}

/// `lane ID ["Label"] [text|score MIN..MAX]`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LaneDef {
    pub id: Word,
    pub label: Option<Str>,
    /// `None` when no kind is written (a text lane).
    pub kind: Option<LaneKind>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LaneKind {
    /// `text`, the word's span.
    Text(Span),
    /// `score MIN..MAX`.
    Score { word: Span, min: Num, max: Num },
}

/// The four service blueprint lanes, each written `KEYWORD "text"` in a
/// stage or touchpoint block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Blueprint {
    Evidence,
    Frontstage,
    Backstage,
    Support,
}

impl Blueprint {
    pub(crate) fn keyword(self) -> &'static str {
        match self {
            Blueprint::Evidence => "evidence",
            Blueprint::Frontstage => "frontstage",
            Blueprint::Backstage => "backstage",
            Blueprint::Support => "support",
        }
    }
}

/// `lane REF "text"` or `lane REF NUMBER ["Label"]` in a stage or touchpoint.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct LaneEntry {
    pub lane: Word,
    pub value: LaneValue,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum LaneValue {
    Text(Str),
    Score { score: Num, label: Option<Str> },
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Persona {
    pub id: Word,
    pub label: Option<Str>,
    /// `None` when written without a block.
    pub body: Option<Vec<Stmt<PersonaStmt>>>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum PersonaStmt {
    Description(Str),
    Goal(Str),
    Need(Str),
    Frustration(Str),
    Quote(Str),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Team {
    pub id: Word,
    pub label: Option<Str>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Channel {
    pub id: Word,
    pub label: Option<Str>,
    /// `online` or `offline` as written.
    pub mode: Option<Word>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Stage {
    pub id: Word,
    pub label: Option<Str>,
    pub body: Vec<Stmt<StageStmt>>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum StageStmt {
    Description(Str),
    Owner(Vec<Word>),
    Reach(Num),
    Metric(Metric),
    Pain(Str),
    Opportunity(Str),
    Insight(Str),
    Blueprint(Blueprint, Str),
    Lane(LaneEntry),
    Touchpoint(Touchpoint),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Touchpoint {
    pub id: Word,
    pub label: Option<Str>,
    /// `None` when written without a block.
    pub body: Option<Vec<Stmt<TouchpointStmt>>>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) enum TouchpointStmt {
    Description(Str),
    Channel(Word),
    Owner(Vec<Word>),
    Action(Str),
    Thought(Str),
    Emotion(Emotion),
    Pain(Str),
    Opportunity(Str),
    Insight(Str),
    MomentOfTruth(Option<Str>),
    Reach(Num),
    Metric(Metric),
    Link(Str),
    Blueprint(Blueprint, Str),
    Lane(LaneEntry),
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Emotion {
    pub persona: Option<Word>,
    pub score: Num,
    pub label: Option<Str>,
}

#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Metric {
    pub name: Word,
    pub value: Num,
}

/// `flow a -> b -> c "label"`: at least two points.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Flow {
    pub points: Vec<Word>,
    pub label: Option<Str>,
}
