//! The state shared while one journey is resolved, and the checks every
//! part of it uses: references, single-valued statements, numbers.

use std::borrow::Cow;
use std::collections::BTreeSet;

use super::symbols::{Kind, Symbols};
use crate::diagnostic::{Diagnostic, Span};
use crate::lint::Sites;
use crate::syntax::ast::{Num, Word};

/// `'a`: the source text, which IDs are borrowed from.
pub(crate) struct Resolver<'a> {
    pub src: &'a str,
    pub lines: super::positions::Positions<'a>,
    /// Persona IDs in definition order.
    pub personas: Vec<Cow<'a, str>>,
    pub symbols: Symbols<'a>,
    pub diags: Vec<Diagnostic>,
    /// IDs that statements which failed to parse seem to define: no
    /// unknown-reference is reported for them (it would be noise).
    pub maybe_defined: BTreeSet<String>,
    /// Whether a `stage` statement seems to have failed to parse.
    pub maybe_stage: bool,
    pub sites: Sites<'a>,
    /// Every custom lane by its ID, read before the stages.
    pub lanes: std::collections::HashMap<Cow<'a, str>, super::lanes::LaneSpec>,
    /// What the library returns of the namespace (`table.rs`).
    pub table: super::table::SymbolTable,
}

impl Resolver<'_> {
    /// Reports an error unless `word` names a definition of one of
    /// `kinds`; `keyword` is the statement that refers. Every caller passes
    /// a constant, non-empty `kinds`, so `kinds[0]` below is in range.
    pub(crate) fn reference(&mut self, word: &Word, kinds: &[Kind], keyword: &str) -> bool {
        let def = self.symbols.get(&word.text);
        // The "did you mean" of the table and of the diagnostic: one search.
        let suggestion = match def {
            Some(def) if kinds.contains(&def.kind) => None,
            None if self.maybe_defined.contains(&word.text) => None,
            _ => self.symbols.suggest(&word.text, kinds).map(str::to_string),
        };
        self.table.references.push(super::table::Reference {
            span: word.span,
            wanted: super::table::kind_set(kinds),
            target: def.and_then(|d| self.table.definition_at(d.span)),
            suggestion: suggestion.clone(),
        });
        let Some(def) = def else {
            if !self.maybe_defined.contains(&word.text) {
                let help = match &suggestion {
                    Some(close) => format!("did you mean `{close}`?"),
                    None => format!(
                        "define it, e.g. `{} {} \"…\"`, or fix the name",
                        kinds[0].keyword(),
                        word.text
                    ),
                };
                self.diags.push(
                    Diagnostic::error(
                        "cjm::unknown-reference",
                        format!("unknown {} `{}`", kind_names(kinds), word.text),
                        word.span,
                    )
                    .with_label(format!(
                        "no {} is called `{}`",
                        kind_names(kinds),
                        word.text
                    ))
                    .with_help(help),
                );
            }
            return false;
        };
        if kinds.contains(&def.kind) {
            return true;
        }
        // Worded only here: most references resolve.
        let needs = needs(kinds);
        let help = match &suggestion {
            Some(close) => format!("did you mean `{close}`?"),
            None => {
                let defined: Vec<String> = if self.symbols.may_search() {
                    self.symbols
                        .ids_of(kinds)
                        .take(5)
                        .map(|id| format!("`{id}`"))
                        .collect()
                } else {
                    Vec::new()
                };
                if defined.is_empty() {
                    format!(
                        "`{keyword}` names {needs}; define one with `{} ID \"Label\"`",
                        kinds[0].keyword()
                    )
                } else {
                    format!("`{keyword}` names {needs}, such as {}", defined.join(", "))
                }
            }
        };
        self.diags.push(
            Diagnostic::error(
                "cjm::wrong-kind",
                format!(
                    "`{}` is a {}, but `{keyword}` needs {needs}",
                    word.text,
                    def.kind.keyword()
                ),
                word.span,
            )
            .with_label(format!("a {}, not {needs}", def.kind.keyword()))
            .with_secondary(
                def.span,
                format!(
                    "`{}` is defined here as a {}",
                    word.text,
                    def.kind.keyword()
                ),
            )
            .with_help(help),
        );
        false
    }

    /// Records a single-valued statement; reports it when `first` already
    /// holds an earlier one. Returns whether this is the first.
    pub(crate) fn once(
        &mut self,
        first: &mut Option<Span>,
        at: Span,
        what: &str,
        block: &str,
    ) -> bool {
        match first {
            None => {
                *first = Some(at);
                true
            }
            Some(earlier) => {
                self.duplicate(
                    *earlier,
                    at,
                    format!("`{what}` is given twice in this {block}"),
                    what,
                );
                false
            }
        }
    }

    pub(crate) fn duplicate(&mut self, first: Span, again: Span, message: String, what: &str) {
        self.diags.push(
            Diagnostic::error("cjm::duplicate-property", message, again)
                .with_label("given again here")
                .with_secondary(first, "first given here")
                .with_help(format!("keep only one `{what}`")),
        );
    }

    /// A `reach`: a whole, non-negative number of customers.
    pub(crate) fn reach(&mut self, num: &Num) -> Option<u64> {
        let problem = if num.percent {
            Some("`reach` counts customers, not a percentage")
        } else if num.value < 0.0 {
            Some("`reach` can't be negative")
        } else if !num.integer || num.value.fract() != 0.0 {
            Some("`reach` counts customers: it must be a whole number")
        } else if num.value > MAX_EXACT {
            // Past 2^53 - 1 the figure is no longer exact as a JSON number
            // (nor as an f64 here): refused rather than silently rounded.
            Some("`reach` is too large: at most 9007199254740991")
        } else {
            None
        };
        match problem {
            None => Some(num.value as u64),
            Some(message) => {
                self.diags.push(
                    Diagnostic::error("cjm::invalid-value", message, num.span)
                        .with_label(format!("`{}` is not a number of customers", num.raw))
                        .with_help("write how many customers reach this point, e.g. `reach 12000`"),
                );
                None
            }
        }
    }

    /// A metric value; a percentage may not exceed 100%.
    pub(crate) fn metric_value(&mut self, num: &Num) -> bool {
        if !num.value.is_finite() {
            // Hundreds of digits overflow f64; JSON can't write infinity.
            self.diags.push(
                Diagnostic::error("cjm::invalid-value", "the number is too large", num.span)
                    .with_label("too large to be a number")
                    .with_help("write the figure in a smaller unit, e.g. millions"),
            );
            return false;
        }
        if num.percent && num.value > 100.0 {
            self.diags.push(
                Diagnostic::error(
                    "cjm::invalid-value",
                    format!("`{}` is above 100%", num.raw),
                    num.span,
                )
                .with_label("a percentage above 100%")
                .with_help("a percentage is at most 100%; write a plain number for other figures, e.g. `1.5`"),
            );
            return false;
        }
        true
    }

    /// Where a byte offset is, as the model's 1-based position.
    pub(crate) fn position(&mut self, offset: usize) -> crate::model::Position {
        let (line, column) = self.lines.line_col(offset);
        crate::model::Position { line, column }
    }
}

/// The largest whole number a JSON reader keeps exactly (2^53 - 1).
const MAX_EXACT: f64 = 9_007_199_254_740_991.0;

/// "a team", "a stage or touchpoint".
fn needs(kinds: &[Kind]) -> String {
    format!("a {}", kind_names(kinds))
}

fn kind_names(kinds: &[Kind]) -> String {
    kinds
        .iter()
        .map(|k| k.keyword())
        .collect::<Vec<_>>()
        .join(" or ")
}
