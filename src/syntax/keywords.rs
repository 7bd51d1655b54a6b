//! Which statement keywords each block accepts, and the words used to talk
//! about blocks in messages. One table, read by the splitter (to recover from
//! a missing `}`) and by the lowering (to explain a misplaced keyword).

/// The kind of block a statement stands in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Context {
    /// Outside every block: only `journey`.
    Top,
    Journey,
    Persona,
    Stage,
    Touchpoint,
    /// The block of a statement that takes none, or of an unknown keyword:
    /// its content is skipped without being checked.
    Skip,
}

const TOP: &[&str] = &["journey"];
const JOURNEY: &[&str] = &[
    "lang",
    "direction",
    "description",
    "allow",
    "deny",
    "persona",
    "team",
    "channel",
    "stage",
    "flow",
    "lane",
    "lanes",
];
const PERSONA: &[&str] = &["description", "goal", "need", "frustration", "quote"];
const STAGE: &[&str] = &[
    "description",
    "owner",
    "reach",
    "metric",
    "pain",
    "opportunity",
    "insight",
    "evidence",
    "frontstage",
    "backstage",
    "support",
    "lane",
    "touchpoint",
];
const TOUCHPOINT: &[&str] = &[
    "description",
    "channel",
    "owner",
    "action",
    "thought",
    "emotion",
    "pain",
    "opportunity",
    "insight",
    "moment_of_truth",
    "reach",
    "metric",
    "link",
    "evidence",
    "frontstage",
    "backstage",
    "support",
    "lane",
];

impl Context {
    /// The keywords a statement in this block may start with.
    pub(crate) fn keywords(self) -> &'static [&'static str] {
        match self {
            Context::Top => TOP,
            Context::Journey => JOURNEY,
            Context::Persona => PERSONA,
            Context::Stage => STAGE,
            Context::Touchpoint => TOUCHPOINT,
            Context::Skip => &[],
        }
    }

    pub(crate) fn accepts(self, keyword: &str) -> bool {
        self.keywords().contains(&keyword)
    }

    /// "in a stage block", for messages.
    pub(crate) fn place(self) -> &'static str {
        match self {
            Context::Top => "outside the journey block",
            Context::Journey => "in the journey block",
            Context::Persona => "in a persona block",
            Context::Stage => "in a stage block",
            Context::Touchpoint => "in a touchpoint block",
            Context::Skip => "here",
        }
    }
}

/// The block opened by a statement starting with `keyword`.
pub(crate) fn block_context(keyword: &str) -> Context {
    match keyword {
        "journey" => Context::Journey,
        "persona" => Context::Persona,
        "stage" => Context::Stage,
        "touchpoint" => Context::Touchpoint,
        _ => Context::Skip,
    }
}

/// The kind of block opened by a statement starting with `word` in a block
/// of kind `context`. A misspelled keyword opens the block of the keyword it
/// is closest to, so that the block's content is still checked.
pub(crate) fn opened_by(word: &str, context: Context) -> Context {
    if context == Context::Skip {
        return Context::Skip;
    }
    if context.accepts(word) || known(word) {
        return block_context(word);
    }
    suggest(word, context).map_or(Context::Skip, block_context)
}

/// Whether `word` is a keyword of any block.
pub(crate) fn known(word: &str) -> bool {
    [
        Context::Top,
        Context::Journey,
        Context::Persona,
        Context::Stage,
        Context::Touchpoint,
    ]
    .iter()
    .any(|c| c.accepts(word))
}

/// The blocks (other than `context`) where `keyword` is allowed, as words:
/// "a persona block", "the journey block or a touchpoint block".
pub(crate) fn homes(keyword: &str, context: Context) -> Option<String> {
    let all = [
        (Context::Top, "the top of the file"),
        (Context::Journey, "the journey block"),
        (Context::Persona, "a persona block"),
        (Context::Stage, "a stage block"),
        (Context::Touchpoint, "a touchpoint block"),
    ];
    let places: Vec<&str> = all
        .iter()
        .filter(|(c, _)| *c != context && c.accepts(keyword))
        .map(|(_, place)| *place)
        .collect();
    match places.as_slice() {
        [] => None,
        [one] => Some((*one).to_string()),
        [init @ .., last] => Some(format!("{} or {last}", init.join(", "))),
    }
}

/// The keyword of `context` closest to a misspelled `word`, when one is close.
pub(crate) fn suggest(word: &str, context: Context) -> Option<&'static str> {
    context
        .keywords()
        .iter()
        .map(|k| (strsim::damerau_levenshtein(word, k), *k))
        .filter(|(distance, k)| *distance <= (k.len() / 3).clamp(1, 3))
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_keywords_of_the_block() {
        assert_eq!(suggest("touchpiont", Context::Stage), Some("touchpoint"));
        assert_eq!(suggest("emotoin", Context::Touchpoint), Some("emotion"));
        assert_eq!(suggest("emotoin", Context::Stage), None);
        assert_eq!(suggest("zebra", Context::Journey), None);
    }

    #[test]
    fn names_the_blocks_where_a_keyword_belongs() {
        assert_eq!(
            homes("goal", Context::Stage).as_deref(),
            Some("a persona block")
        );
        assert_eq!(
            homes("channel", Context::Stage).as_deref(),
            Some("the journey block or a touchpoint block")
        );
    }
}
