//! The `cjm::limit` checks of `compile` that need the whole file: its size
//! (before decoding) and its number of elements (before resolving).

use crate::diagnostic::{Diagnostic, Span};
use crate::limits::{Limits, human_size};
use crate::syntax::ast::{self, JourneyStmt, StageStmt};

const CODE: &str = "cjm::limit";

pub(crate) fn file_too_big(len: usize, limits: &Limits) -> Option<Diagnostic> {
    (len > limits.max_file_size).then(|| {
        Diagnostic::error(
            CODE,
            format!(
                "the file is {} ({len} bytes); the limit is {} ({} bytes)",
                human_size(len),
                human_size(limits.max_file_size),
                limits.max_file_size
            ),
            Span::new(0, 0),
        )
        .with_help(
            "split the journey into several files, or raise the limit \
             (`CompileOptions::limits.max_file_size`)",
        )
    })
}

/// Personas, teams, channels, lanes, stages, touchpoints and flow edges.
pub(crate) fn too_many_elements(journey: &ast::Journey, limits: &Limits) -> Option<Diagnostic> {
    let mut count = 0usize;
    // Where the cap was crossed, to point at.
    let mut crossed = None;
    let mut add = |n: usize, span: Span| {
        count = count.saturating_add(n);
        if count > limits.max_elements && crossed.is_none() {
            crossed = Some(span);
        }
    };
    for stmt in &journey.body {
        match &stmt.kind {
            JourneyStmt::Persona(_)
            | JourneyStmt::Team(_)
            | JourneyStmt::Channel(_)
            | JourneyStmt::Lane(_) => add(1, stmt.span),
            JourneyStmt::Flow(flow) => add(flow.points.len().saturating_sub(1), stmt.span),
            JourneyStmt::Stage(stage) => {
                add(1, stage.id.span);
                for inner in &stage.body {
                    if let StageStmt::Touchpoint(tp) = &inner.kind {
                        add(1, tp.id.span);
                    }
                }
            }
            _ => {}
        }
    }
    let at = crossed?;
    Some(
        Diagnostic::error(
            CODE,
            format!(
                "the journey has {count} elements; the limit is {}",
                limits.max_elements
            ),
            Span::new(at.start, at.start),
        )
        .with_label("the limit is passed here")
        .with_help(
            "elements are personas, teams, channels, lanes, stages, touchpoints and flow edges; \
             split the journey into several maps",
        ),
    )
}
