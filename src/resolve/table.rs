//! The symbol table as a value: every definition and every reference of a
//! file with its span, returned by `compile` with the diagnostics. The
//! command line's "did you mean", the language server's definition,
//! references, rename and code actions all read these same facts, found
//! by the one resolver.
//!
//! Entries hold spans, not copies of the IDs: an ID's text is the source
//! text of its span (`Definition::name`), and a journey has thousands.

use crate::diagnostic::Span;
use crate::syntax::ast::{self, JourneyStmt, StageStmt};

pub use super::symbols::Kind;

/// Definitions and references, both in source order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SymbolTable {
    /// Every definition written, duplicates included (a duplicate is
    /// never a reference's target: the first definition is).
    pub definitions: Vec<Definition>,
    /// Every ID written where a definition is expected to be named.
    pub references: Vec<Reference>,
    /// The `journey` keyword and the whole journey block.
    pub journey: Option<(Span, Span)>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Definition {
    pub kind: Kind,
    /// The ID where it is defined.
    pub id: Span,
    /// The whole defining statement, block included.
    pub statement: Span,
    /// The label as written (escapes resolved), when there is one.
    pub label: Option<String>,
    /// The definition this one is written in (a touchpoint's stage), as
    /// an index into `definitions`.
    pub parent: Option<usize>,
    /// Whether an earlier definition took the same ID.
    pub duplicate: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Reference {
    /// The ID as written.
    pub span: Span,
    /// The kinds the statement accepts here, as a set (`Reference::wants`).
    pub wanted: u16,
    /// The definition it names (of any kind), as an index into
    /// `definitions`; `None` when nothing has that ID.
    pub target: Option<usize>,
    /// The defined ID of a wanted kind it is most likely a typo of, when it
    /// does not name one (the "did you mean" of the diagnostic).
    pub suggestion: Option<String>,
}

impl Definition {
    /// The ID's text.
    pub fn name<'s>(&self, source: &'s str) -> &'s str {
        source.get(self.id.start..self.id.end).unwrap_or_default()
    }
}

impl Reference {
    pub fn wants(&self, kind: Kind) -> bool {
        self.wanted & kind_bit(kind) != 0
    }

    pub fn name<'s>(&self, source: &'s str) -> &'s str {
        source
            .get(self.span.start..self.span.end)
            .unwrap_or_default()
    }

    /// Whether it names a definition of a kind the statement accepts.
    pub fn resolves(&self, table: &SymbolTable) -> bool {
        self.target
            .and_then(|i| table.definitions.get(i))
            .is_some_and(|d| self.wants(d.kind))
    }
}

pub(crate) fn kind_set(kinds: &[Kind]) -> u16 {
    kinds.iter().fold(0, |set, &k| set | kind_bit(k))
}

fn kind_bit(kind: Kind) -> u16 {
    1 << (kind as u16)
}

impl SymbolTable {
    /// The definition whose ID is at `id` (the span a namespace lookup
    /// gives), found by binary search: definitions are in source order.
    pub(crate) fn definition_at(&self, id: Span) -> Option<usize> {
        self.definitions
            .binary_search_by_key(&id.start, |d| d.id.start)
            .ok()
    }

    /// The first definition named `name`.
    pub fn find(&self, source: &str, name: &str) -> Option<usize> {
        self.definitions
            .iter()
            .position(|d| !d.duplicate && d.name(source) == name)
    }

    /// The definition and every reference to it, in source order: what
    /// a rename changes.
    pub fn occurrences(&self, source: &str, definition: usize) -> Vec<Span> {
        let Some(def) = self.definitions.get(definition) else {
            return Vec::new();
        };
        let name = def.name(source);
        let mut spans: Vec<Span> = self
            .definitions
            .iter()
            .filter(|d| d.name(source) == name)
            .map(|d| d.id)
            .chain(
                self.references
                    .iter()
                    .filter(|r| r.target == Some(definition))
                    .map(|r| r.span),
            )
            .collect();
        spans.sort();
        spans.dedup();
        spans
    }

    /// Adds the namespace's definitions the tree walk of `collect` does not
    /// know (a kind of statement newer than it), without their statement
    /// or label, then puts every definition back in source order.
    pub(crate) fn add_missing(&mut self, symbols: &super::symbols::Symbols) {
        let known: std::collections::HashSet<usize> =
            self.definitions.iter().map(|d| d.id.start).collect();
        let mut missing: Vec<Definition> = symbols
            .spans()
            .filter(|(_, span)| !known.contains(&span.start))
            .filter_map(|(id, span)| {
                symbols.get(&id).map(|def| Definition {
                    kind: def.kind,
                    id: span,
                    statement: span,
                    label: None,
                    parent: None,
                    duplicate: false,
                })
            })
            .collect();
        if missing.is_empty() {
            return;
        }
        self.definitions.append(&mut missing);
        let mut order: Vec<usize> = (0..self.definitions.len()).collect();
        order.sort_by_key(|&i| self.definitions[i].id.start);
        let mut new_index = vec![0; order.len()];
        for (new, &old) in order.iter().enumerate() {
            new_index[old] = new;
        }
        let mut sorted: Vec<Definition> =
            order.iter().map(|&i| self.definitions[i].clone()).collect();
        for def in &mut sorted {
            def.parent = def.parent.map(|p| new_index[p]);
        }
        self.definitions = sorted;
    }

    /// The definitions of a journey's tree, in source order.
    pub(crate) fn collect(source: &str, journey: &ast::Journey) -> Self {
        let mut table = SymbolTable {
            journey: Some((journey.keyword, journey.span)),
            ..SymbolTable::default()
        };
        let mut seen = std::collections::HashSet::new();
        let mut add = |table: &mut SymbolTable,
                       kind: Kind,
                       id: &ast::Word,
                       statement: Span,
                       label: &Option<ast::Str>,
                       parent: Option<usize>| {
            let text = source.get(id.span.start..id.span.end).unwrap_or_default();
            table.definitions.push(Definition {
                kind,
                id: id.span,
                statement,
                label: label.as_ref().map(|l| l.value.clone()),
                parent,
                duplicate: !seen.insert(text),
            });
            table.definitions.len() - 1
        };
        for stmt in &journey.body {
            match &stmt.kind {
                JourneyStmt::Persona(p) => {
                    add(&mut table, Kind::Persona, &p.id, stmt.span, &p.label, None);
                }
                JourneyStmt::Team(t) => {
                    add(&mut table, Kind::Team, &t.id, stmt.span, &t.label, None);
                }
                JourneyStmt::Channel(c) => {
                    add(&mut table, Kind::Channel, &c.id, stmt.span, &c.label, None);
                }
                JourneyStmt::Lane(l) => {
                    add(&mut table, Kind::Lane, &l.id, stmt.span, &l.label, None);
                }
                JourneyStmt::Stage(s) => {
                    let stage = add(&mut table, Kind::Stage, &s.id, stmt.span, &s.label, None);
                    for inner in &s.body {
                        if let StageStmt::Touchpoint(t) = &inner.kind {
                            add(
                                &mut table,
                                Kind::Touchpoint,
                                &t.id,
                                inner.span,
                                &t.label,
                                Some(stage),
                            );
                        }
                    }
                }
                _ => {}
            }
        }
        table
    }
}

#[cfg(test)]
mod tests {
    use crate::CompileOptions;

    const SOURCE: &str = "journey \"J\" {\n  team sales \"Sales\"\n  team sales \"Again\"\n  \
        stage s \"S\" {\n    owner sales\n    touchpoint t \"T\" { owner salse }\n  }\n  \
        flow s -> t\n}\n";

    #[test]
    fn definitions_and_references_with_their_spans() {
        let compiled = crate::compile(SOURCE.as_bytes(), &CompileOptions::default());
        let table = &compiled.symbols;
        let names: Vec<(&str, bool)> = table
            .definitions
            .iter()
            .map(|d| (d.name(SOURCE), d.duplicate))
            .collect();
        assert_eq!(
            names,
            [
                ("sales", false),
                ("sales", true),
                ("s", false),
                ("t", false)
            ]
        );
        assert_eq!(table.definitions[3].parent, Some(2));
        let refs: Vec<(&str, Option<usize>, Option<&str>)> = table
            .references
            .iter()
            .map(|r| (r.name(SOURCE), r.target, r.suggestion.as_deref()))
            .collect();
        assert_eq!(
            refs,
            [
                ("sales", Some(0), None),
                ("salse", None, Some("sales")),
                ("s", Some(2), None),
                ("t", Some(3), None),
            ]
        );
        // Both definitions of `sales` and its one good reference.
        let spans = table.occurrences(SOURCE, 0);
        let texts: Vec<&str> = spans.iter().map(|s| &SOURCE[s.start..s.end]).collect();
        assert_eq!(texts, ["sales", "sales", "sales"]);
    }

    #[test]
    fn a_lane_is_a_definition_with_its_label_and_statement() {
        let source = "journey \"J\" {\n  lane effort \"Customer effort\" score 1..5\n  \
            stage s \"S\" {\n    touchpoint t \"T\" { lane effort 2 }\n  }\n}\n";
        let compiled = crate::compile(source.as_bytes(), &CompileOptions::default());
        let table = &compiled.symbols;
        let lane = &table.definitions[0];
        assert_eq!(lane.kind, super::Kind::Lane);
        assert_eq!(lane.name(source), "effort");
        assert_eq!(lane.label.as_deref(), Some("Customer effort"));
        assert_eq!(
            &source[lane.statement.start..lane.statement.end],
            "lane effort \"Customer effort\" score 1..5"
        );
        let effort = table.find(source, "effort").unwrap();
        assert_eq!(table.occurrences(source, effort).len(), 2);
    }

    #[test]
    fn definitions_the_tree_walk_misses_are_taken_from_the_namespace() {
        let (file, _) = crate::syntax::parse(SOURCE);
        let journey = file.journey.unwrap();
        let symbols = super::super::symbols::Symbols::collect(SOURCE, &journey, &mut Vec::new());
        let whole = super::SymbolTable::collect(SOURCE, &journey);
        // As if the walk did not know teams.
        let mut table = whole.clone();
        table.definitions.remove(0);
        table.definitions.remove(0);
        for def in &mut table.definitions {
            def.parent = def.parent.map(|p| p - 2);
        }
        table.add_missing(&symbols);
        let names: Vec<&str> = table.definitions.iter().map(|d| d.name(SOURCE)).collect();
        assert_eq!(names, ["sales", "s", "t"]);
        assert_eq!(table.definitions[0].kind, super::Kind::Team);
        assert_eq!(table.definitions[0].statement, whole.definitions[0].id);
        assert_eq!(table.definitions[2].parent, Some(1));
    }

    #[test]
    fn a_reference_of_the_wrong_kind_has_its_target_but_does_not_resolve() {
        let source = "journey \"J\" {\n  team a \"A\"\n  stage s \"S\" { owner s }\n}\n";
        let compiled = crate::compile(source.as_bytes(), &CompileOptions::default());
        let table = &compiled.symbols;
        let reference = &table.references[0];
        assert_eq!(reference.target, Some(1));
        assert!(!reference.resolves(table));
        assert!(reference.wants(super::Kind::Team));
    }
}
