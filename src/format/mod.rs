//! AST → canonical text (`cjm fmt`). Only parses, never compiles.
//!
//! The layout: two-space indentation, one statement per line, a blank line
//! between groups of different statements at journey level and around every
//! stage and persona block, canonical spacing and string escapes, numbers as
//! written. Comments stay where they were (see `printer`).

mod printer;
#[cfg(test)]
mod tests;

use crate::diagnostic::Diagnostic;
use crate::syntax::ast::*;
use crate::syntax::strings::escape;
use printer::Printer;

/// The canonical form of `source`, comments kept where they were; the
/// syntax errors when it does not parse (the file is then left alone).
pub fn format(source: &str) -> Result<String, Vec<Diagnostic>> {
    // The same cap as `compile`'s default: fmt has no options to raise it.
    if source.len() > crate::limits::DEFAULT_MAX_FILE_SIZE {
        return Err(vec![Diagnostic::error(
            "cjm::limit",
            format!(
                "the file is {}; the limit is {}",
                crate::limits::human_size(source.len()),
                crate::limits::human_size(crate::limits::DEFAULT_MAX_FILE_SIZE)
            ),
            crate::diagnostic::Span::new(0, 0),
        )]);
    }
    let (file, diagnostics) = crate::syntax::parse(source);
    let errors: Vec<Diagnostic> = diagnostics
        .into_iter()
        .filter(Diagnostic::is_error)
        .collect();
    let Some(journey) = file.journey.filter(|_| errors.is_empty()) else {
        return Err(errors);
    };
    let mut writer = Writer {
        src: source,
        printer: Printer::new(source, file.comments),
    };
    writer.journey(&journey);
    Ok(writer.printer.finish())
}

struct Writer<'s> {
    src: &'s str,
    printer: Printer<'s>,
}

/// Journey-level statements of one group sit together; groups are set
/// apart by a blank line.
fn group(stmt: &JourneyStmt) -> u8 {
    match stmt {
        JourneyStmt::Lang(_)
        | JourneyStmt::Direction(_)
        | JourneyStmt::Description(_)
        | JourneyStmt::Allow(_)
        | JourneyStmt::Deny(_) => 0,
        JourneyStmt::Persona(_) => 1,
        JourneyStmt::Team(_) => 2,
        JourneyStmt::Channel(_) => 3,
        JourneyStmt::Stage(_) => 4,
        JourneyStmt::Flow(_) => 5,
        JourneyStmt::Lane(_) | JourneyStmt::Lanes(_) => 6,
    }
}

/// A stage, or a persona with a block, stands apart from its neighbours.
fn stands_apart(stmt: &JourneyStmt) -> bool {
    match stmt {
        JourneyStmt::Stage(_) => true,
        JourneyStmt::Persona(persona) => persona.body.is_some(),
        _ => false,
    }
}

impl Writer<'_> {
    fn journey(&mut self, journey: &Journey) {
        let mut head = "journey".to_string();
        let mut head_end = journey.keyword.end;
        if let Some(title) = &journey.title {
            head = format!("{head} {}", escape(&title.value));
            head_end = title.span.end;
        }
        self.block(
            0,
            head,
            journey.span,
            head_end,
            journey.body.is_empty(),
            |w| {
                let mut previous: Option<&JourneyStmt> = None;
                for stmt in &journey.body {
                    if let Some(previous) = previous
                        && (group(previous) != group(&stmt.kind)
                            || stands_apart(previous)
                            || stands_apart(&stmt.kind))
                    {
                        w.printer.blank();
                    }
                    w.journey_stmt(stmt);
                    previous = Some(&stmt.kind);
                }
            },
        );
    }

    fn journey_stmt(&mut self, stmt: &Stmt<JourneyStmt>) {
        let text = match &stmt.kind {
            JourneyStmt::Lang(word) => format!("lang {}", word.text),
            JourneyStmt::Direction(word) => format!("direction {}", word.text),
            JourneyStmt::Description(text) => format!("description {}", escape(&text.value)),
            JourneyStmt::Allow(names) => format!("allow {}", words(names, " ")),
            JourneyStmt::Deny(names) => format!("deny {}", words(names, " ")),
            JourneyStmt::Persona(persona) => {
                let head = labelled("persona", &persona.id, persona.label.as_ref());
                let Some(body) = &persona.body else {
                    return self.simple(1, &head, stmt);
                };
                let head_end = end_of(&persona.id, persona.label.as_ref());
                return self.block(1, head, stmt.span, head_end, body.is_empty(), |w| {
                    for inner in body {
                        w.persona_stmt(inner);
                    }
                });
            }
            JourneyStmt::Team(team) => labelled("team", &team.id, team.label.as_ref()),
            JourneyStmt::Channel(channel) => {
                let mut text = labelled("channel", &channel.id, channel.label.as_ref());
                if let Some(mode) = &channel.mode {
                    text = format!("{text} {}", mode.text);
                }
                text
            }
            JourneyStmt::Stage(stage) => {
                let head = labelled("stage", &stage.id, stage.label.as_ref());
                let head_end = end_of(&stage.id, stage.label.as_ref());
                return self.block(1, head, stmt.span, head_end, stage.body.is_empty(), |w| {
                    for inner in &stage.body {
                        w.stage_stmt(inner);
                    }
                });
            }
            JourneyStmt::Flow(flow) => {
                let mut text = format!("flow {}", words(&flow.points, " -> "));
                if let Some(label) = &flow.label {
                    text = format!("{text} {}", escape(&label.value));
                }
                text
            }
            JourneyStmt::Lane(lane) => {
                let mut text = labelled("lane", &lane.id, lane.label.as_ref());
                match &lane.kind {
                    None => {}
                    Some(LaneKind::Text(_)) => text.push_str(" text"),
                    Some(LaneKind::Score { min, max, .. }) => {
                        text = format!("{text} score {}..{}", min.raw, max.raw);
                    }
                }
                text
            }
            JourneyStmt::Lanes(names) => format!("lanes {}", words(names, ", ")),
        };
        self.simple(1, &text, stmt);
    }

    fn persona_stmt(&mut self, stmt: &Stmt<PersonaStmt>) {
        let (keyword, text) = match &stmt.kind {
            PersonaStmt::Description(text) => ("description", text),
            PersonaStmt::Goal(text) => ("goal", text),
            PersonaStmt::Need(text) => ("need", text),
            PersonaStmt::Frustration(text) => ("frustration", text),
            PersonaStmt::Quote(text) => ("quote", text),
        };
        self.simple(2, &format!("{keyword} {}", escape(&text.value)), stmt);
    }

    fn stage_stmt(&mut self, stmt: &Stmt<StageStmt>) {
        let text = match &stmt.kind {
            StageStmt::Description(text) => format!("description {}", escape(&text.value)),
            StageStmt::Owner(owners) => format!("owner {}", words(owners, ", ")),
            StageStmt::Reach(number) => format!("reach {}", number.raw),
            StageStmt::Metric(metric) => metric_text(metric),
            StageStmt::Pain(text) => format!("pain {}", escape(&text.value)),
            StageStmt::Opportunity(text) => format!("opportunity {}", escape(&text.value)),
            StageStmt::Insight(text) => format!("insight {}", escape(&text.value)),
            StageStmt::Blueprint(lane, text) => {
                format!("{} {}", lane.keyword(), escape(&text.value))
            }
            StageStmt::Lane(entry) => lane_entry_text(entry),
            StageStmt::Touchpoint(touchpoint) => {
                let head = labelled("touchpoint", &touchpoint.id, touchpoint.label.as_ref());
                let Some(body) = &touchpoint.body else {
                    return self.simple(2, &head, stmt);
                };
                let head_end = end_of(&touchpoint.id, touchpoint.label.as_ref());
                return self.block(2, head, stmt.span, head_end, body.is_empty(), |w| {
                    for inner in body {
                        w.touchpoint_stmt(inner);
                    }
                });
            }
        };
        self.simple(2, &text, stmt);
    }

    fn touchpoint_stmt(&mut self, stmt: &Stmt<TouchpointStmt>) {
        let string = |keyword: &str, text: &Str| format!("{keyword} {}", escape(&text.value));
        let text = match &stmt.kind {
            TouchpointStmt::Description(text) => string("description", text),
            TouchpointStmt::Channel(channel) => format!("channel {}", channel.text),
            TouchpointStmt::Owner(owners) => format!("owner {}", words(owners, ", ")),
            TouchpointStmt::Action(text) => string("action", text),
            TouchpointStmt::Thought(text) => string("thought", text),
            TouchpointStmt::Emotion(emotion) => {
                let mut text = "emotion".to_string();
                if let Some(persona) = &emotion.persona {
                    text = format!("{text} {}", persona.text);
                }
                text = format!("{text} {}", emotion.score.raw);
                if let Some(label) = &emotion.label {
                    text = format!("{text} {}", escape(&label.value));
                }
                text
            }
            TouchpointStmt::Pain(text) => string("pain", text),
            TouchpointStmt::Opportunity(text) => string("opportunity", text),
            TouchpointStmt::Insight(text) => string("insight", text),
            TouchpointStmt::MomentOfTruth(None) => "moment_of_truth".to_string(),
            TouchpointStmt::MomentOfTruth(Some(note)) => string("moment_of_truth", note),
            TouchpointStmt::Reach(number) => format!("reach {}", number.raw),
            TouchpointStmt::Metric(metric) => metric_text(metric),
            TouchpointStmt::Link(text) => string("link", text),
            TouchpointStmt::Blueprint(lane, text) => string(lane.keyword(), text),
            TouchpointStmt::Lane(entry) => lane_entry_text(entry),
        };
        self.simple(3, &text, stmt);
    }

    /// A statement on one line.
    fn simple<K>(&mut self, indent: usize, text: &str, stmt: &Stmt<K>) {
        self.printer
            .line(indent, text, stmt.span.start, stmt.span.end);
    }

    /// `head {`, the body written by `body`, `}`; `head {}` when the block
    /// holds nothing, not even a comment. `span` covers the whole statement
    /// and ends with its `}`; `head_end` is where its last head token ends.
    fn block(
        &mut self,
        indent: usize,
        head: String,
        span: crate::diagnostic::Span,
        head_end: usize,
        empty: bool,
        body: impl FnOnce(&mut Self),
    ) {
        let close = span.end.saturating_sub(1);
        let open = self.src[head_end..close]
            .find('{')
            .map_or(head_end, |i| head_end + i);
        if empty && !self.printer.has_comment_within(open, close) {
            self.printer
                .line(indent, &format!("{head} {{}}"), span.start, span.end);
            return;
        }
        self.printer
            .line(indent, &format!("{head} {{"), span.start, open + 1);
        body(self);
        self.printer.close(indent, close);
    }
}

fn words(list: &[Word], separator: &str) -> String {
    let texts: Vec<&str> = list.iter().map(|w| w.text.as_str()).collect();
    texts.join(separator)
}

fn labelled(keyword: &str, id: &Word, label: Option<&Str>) -> String {
    match label {
        Some(label) => format!("{keyword} {} {}", id.text, escape(&label.value)),
        None => format!("{keyword} {}", id.text),
    }
}

fn end_of(id: &Word, label: Option<&Str>) -> usize {
    label.map_or(id.span.end, |l| l.span.end)
}

fn metric_text(metric: &Metric) -> String {
    format!("metric {} {}", metric.name.text, metric.value.raw)
}

fn lane_entry_text(entry: &LaneEntry) -> String {
    match &entry.value {
        LaneValue::Text(text) => format!("lane {} {}", entry.lane.text, escape(&text.value)),
        LaneValue::Score { score, label } => {
            let mut text = format!("lane {} {}", entry.lane.text, score.raw);
            if let Some(label) = label {
                text = format!("{text} {}", escape(&label.value));
            }
            text
        }
    }
}
