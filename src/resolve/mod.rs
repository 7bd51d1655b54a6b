//! AST → model: names, references, computed semantics, and every error.
//!
//! `compile` wires the steps: decode the bytes, parse, collect the
//! namespace, resolve every statement (all errors, in one run), compute
//! the derived parts, then lint when nothing failed.

mod computed;
mod decode;
mod journey;
mod lanes;
mod limits;
mod positions;
mod recovery;
mod resolver;
mod stage;
mod symbols;
pub(crate) mod table;
mod values;

use crate::diagnostic::Diagnostic;
use crate::lint;
use crate::model::{self, Journey};
use crate::{Compilation, CompileOptions, syntax};

use resolver::Resolver;
use symbols::Symbols;

pub(crate) fn compile(bytes: &[u8], options: &CompileOptions) -> Compilation {
    if let Some(too_big) = limits::file_too_big(bytes.len(), &options.limits) {
        return finish(None, vec![too_big], String::new());
    }
    let source = match decode::decode(bytes) {
        Ok(text) => text,
        Err(failure) => {
            let (shown, diagnostic) = *failure;
            return Compilation {
                journey: None,
                diagnostics: vec![diagnostic],
                source: shown,
                symbols: Default::default(),
            };
        }
    };
    let (file, mut diagnostics) = syntax::parse(&source);
    let parse_failed = diagnostics.iter().any(Diagnostic::is_error);
    let Some(mut ast) = file.journey else {
        if !parse_failed {
            diagnostics.push(
                Diagnostic::error(
                    "cjm::syntax",
                    "the file holds no journey",
                    crate::diagnostic::Span::new(0, 0),
                )
                .with_help("a file holds one `journey \"Title\" { … }` block"),
            );
        }
        return finish(None, diagnostics, source);
    };
    if let Some(too_many) = limits::too_many_elements(&ast, &options.limits) {
        // Resolving and drawing that many would take the time and memory
        // the cap is there to bound; the syntax errors found so far stay.
        diagnostics.push(too_many);
        return finish(None, diagnostics, source);
    }

    let mut resolver = Resolver {
        src: &source,
        lines: positions::Positions::new(&source),
        personas: Vec::new(),
        symbols: Symbols::default(),
        diags: Vec::new(),
        maybe_defined: Default::default(),
        maybe_stage: false,
        sites: lint::Sites::default(),
        lanes: Default::default(),
        table: table::SymbolTable::collect(&source, &ast),
    };
    resolver.symbols = Symbols::collect(&source, &ast, &mut resolver.diags);
    resolver.table.add_missing(&resolver.symbols);
    resolver.sites.ids = resolver.symbols.spans().collect();
    resolver.personas = resolver
        .symbols
        .ids_of(&[symbols::Kind::Persona])
        .cloned()
        .collect();
    if parse_failed {
        (resolver.maybe_defined, resolver.maybe_stage) =
            recovery::unparsed_definitions(&source, &ast);
    }
    // The tree's texts are moved into the model: it is not read after.
    let parts = resolver.journey(&mut ast);
    let Resolver {
        diags,
        sites,
        table: mut symbol_table,
        ..
    } = resolver;
    symbol_table.references.sort_by_key(|r| r.span.start);
    diagnostics.extend(diags);

    let mut journey = Journey {
        version: model::VERSION,
        title: parts.title,
        description: parts.description,
        lang: parts.lang,
        direction: model::Direction::Ltr,
        personas: parts.personas,
        teams: parts.teams,
        channels: parts.channels,
        stages: parts.stages,
        flows: parts.flows,
        funnel: Vec::new(),
        emotion_low: None,
        lanes: parts.lanes,
        lane_order: parts.lane_order,
    };
    computed::mark_loops(&journey.stages, &mut journey.flows);
    computed::emotion_averages(&mut journey.stages);
    journey.funnel = computed::funnel(&journey.stages);
    journey.emotion_low = computed::emotion_low(&journey);
    journey.direction = computed::direction(parts.direction, &journey);

    // Lints only speak about a journey that resolved: on a broken one
    // they would repeat the errors in other words.
    if !diagnostics.iter().any(Diagnostic::is_error) {
        let mut warnings = lint::check(&journey, &sites);
        warnings.extend(lint::missing_glyphs(&source));
        diagnostics.extend(lint::apply(warnings, &parts.levels, &options.lints));
    }
    let mut compilation = finish(Some(journey), diagnostics, source);
    compilation.symbols = symbol_table;
    compilation
}

/// Sorts the diagnostics by position and keeps the model only when no
/// error (denied lints included) was found.
fn finish(
    journey: Option<Journey>,
    mut diagnostics: Vec<Diagnostic>,
    source: String,
) -> Compilation {
    diagnostics.sort_by_key(|d| (d.span.start, d.span.end));
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    Compilation {
        journey: journey.filter(|_| !failed),
        diagnostics,
        source,
        symbols: Default::default(),
    }
}
