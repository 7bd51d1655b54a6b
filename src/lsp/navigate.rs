//! Hover, go to definition, find references, rename: all read the symbol
//! table the compiler returned with the document's diagnostics.

use std::collections::HashMap;

use lsp_types::{
    GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents, HoverParams, Location,
    MarkupContent, MarkupKind, PrepareRenameResponse, ReferenceParams, RenameParams,
    TextDocumentPositionParams, TextEdit, Url, WorkspaceEdit,
};

use super::documents::Document;
use super::lexical::{self, Tok};
use super::server::{Answer, Failure, Server};
use crate::SymbolTable;
use crate::diagnostic::Span;
use crate::model::Journey;

/// The document and the byte offset of a request's position.
pub(crate) fn locate<'s>(
    server: &'s Server,
    at: &TextDocumentPositionParams,
) -> Answer<(&'s Document, usize)> {
    let doc = server.document(&at.text_document.uri)?;
    let offset = doc
        .index
        .offset(&doc.text, at.position, server.encoding)
        .map_err(|_| {
            Failure::invalid(format!(
                "line {} is past the end of the document ({} lines)",
                at.position.line,
                doc.index.line_count()
            ))
        })?;
    Ok((doc, offset))
}

/// The ID under a cursor and what it names.
struct Target {
    /// The ID as written there.
    span: Span,
    /// The definition it is or names.
    definition: Option<usize>,
}

fn target(table: &SymbolTable, text: &str, offset: usize) -> Option<Target> {
    let touches = |span: Span| span.start <= offset && offset <= span.end;
    if let Some((i, def)) = table
        .definitions
        .iter()
        .enumerate()
        .find(|(_, d)| touches(d.id))
    {
        // A second definition of an ID stands for the first, which every
        // reference names.
        let first = if def.duplicate {
            table.find(text, def.name(text))
        } else {
            None
        };
        return Some(Target {
            span: def.id,
            definition: first.or(Some(i)),
        });
    }
    table
        .references
        .iter()
        .find(|r| touches(r.span))
        .map(|r| Target {
            span: r.span,
            definition: r.target,
        })
}

fn location(server: &Server, uri: &Url, doc: &Document, span: Span) -> Location {
    Location::new(
        uri.clone(),
        doc.index.range(&doc.text, span, server.encoding),
    )
}

pub(crate) fn definition(
    server: &Server,
    params: GotoDefinitionParams,
) -> Answer<Option<GotoDefinitionResponse>> {
    let at = &params.text_document_position_params;
    let (doc, offset) = locate(server, at)?;
    let table = &doc.analysis.symbols;
    Ok(target(table, &doc.text, offset)
        .and_then(|t| t.definition)
        .and_then(|i| table.definitions.get(i))
        .map(|def| {
            GotoDefinitionResponse::Scalar(location(server, &at.text_document.uri, doc, def.id))
        }))
}

pub(crate) fn references(
    server: &Server,
    params: ReferenceParams,
) -> Answer<Option<Vec<Location>>> {
    let at = &params.text_document_position;
    let (doc, offset) = locate(server, at)?;
    let table = &doc.analysis.symbols;
    let Some(definition) = target(table, &doc.text, offset).and_then(|t| t.definition) else {
        return Ok(None);
    };
    let include = params.context.include_declaration;
    let spans = table
        .occurrences(&doc.text, definition)
        .into_iter()
        .filter(|span| include || !table.definitions.iter().any(|d| d.id == *span));
    Ok(Some(
        spans
            .map(|span| location(server, &at.text_document.uri, doc, span))
            .collect(),
    ))
}

/// Why the cursor's place cannot be renamed, or the ID and its definition.
fn renamable(doc: &Document, offset: usize) -> Answer<(Span, usize)> {
    let table = &doc.analysis.symbols;
    match target(table, &doc.text, offset) {
        Some(Target {
            span,
            definition: Some(definition),
        }) => Ok((span, definition)),
        Some(Target { span, .. }) => Err(Failure::refused(format!(
            "`{}` names nothing defined in this file, so there is nothing to rename",
            &doc.text[span.start..span.end]
        ))),
        None => Err(Failure::refused(
            "only an ID can be renamed: put the cursor on the ID of a persona, team, channel, \
             stage or touchpoint, where it is defined or used",
        )),
    }
}

pub(crate) fn prepare_rename(
    server: &Server,
    params: TextDocumentPositionParams,
) -> Answer<Option<PrepareRenameResponse>> {
    let (doc, offset) = locate(server, &params)?;
    let (span, _) = renamable(doc, offset)?;
    Ok(Some(PrepareRenameResponse::RangeWithPlaceholder {
        range: doc.index.range(&doc.text, span, server.encoding),
        placeholder: doc.text[span.start..span.end].to_string(),
    }))
}

pub(crate) fn rename(server: &Server, params: RenameParams) -> Answer<Option<WorkspaceEdit>> {
    let at = &params.text_document_position;
    let (doc, offset) = locate(server, at)?;
    let (_, definition) = renamable(doc, offset)?;
    let table = &doc.analysis.symbols;
    let new_name = params.new_name.as_str();
    let old = table.definitions[definition].name(&doc.text);
    if !is_identifier(new_name) {
        return Err(Failure::refused(format!(
            "`{new_name}` is not an ID: an ID is a letter or `_`, then letters, digits, `_` or `-`"
        )));
    }
    if new_name != old
        && let Some(taken) = table.find(&doc.text, new_name)
    {
        return Err(Failure::refused(format!(
            "`{new_name}` is already the ID of a {}: IDs share one namespace",
            table.definitions[taken].kind.keyword()
        )));
    }
    let edits: Vec<TextEdit> = table
        .occurrences(&doc.text, definition)
        .into_iter()
        .map(|span| TextEdit {
            range: doc.index.range(&doc.text, span, server.encoding),
            new_text: new_name.to_string(),
        })
        .collect();
    Ok(Some(WorkspaceEdit {
        changes: Some(HashMap::from([(at.text_document.uri.clone(), edits)])),
        ..Default::default()
    }))
}

pub(crate) fn hover(server: &Server, params: HoverParams) -> Answer<Option<Hover>> {
    let at = &params.text_document_position_params;
    let (doc, offset) = locate(server, at)?;
    let mut parts: Vec<String> = Vec::new();
    let mut range = None;
    if let Some(t) = target(&doc.analysis.symbols, &doc.text, offset) {
        parts.push(describe(doc, &t));
        range = Some(t.span);
    } else if let Some((text, span)) = word_meaning(doc, offset) {
        parts.push(text);
        range = Some(span);
    }
    // The explanation of each problem reported here.
    let mut codes: Vec<&str> = doc
        .analysis
        .diagnostics
        .iter()
        .filter(|d| d.span.start <= offset && offset <= d.span.end.max(d.span.start + 1))
        .map(|d| d.code.as_str())
        .collect();
    codes.dedup();
    for code in codes {
        if let Some(text) = crate::explain::explain(code) {
            parts.push(explanation(&text));
        }
    }
    if parts.is_empty() {
        return Ok(None);
    }
    Ok(Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: parts.join("\n\n---\n\n"),
        }),
        range: range.map(|span| doc.index.range(&doc.text, span, server.encoding)),
    }))
}

/// `cjm explain`'s text as Markdown: its title in bold, the example as code.
fn explanation(text: &str) -> String {
    let mut lines = text.lines();
    let title = lines.next().unwrap_or_default();
    let mut out = format!("**{title}**\n");
    let mut in_example = false;
    for line in lines {
        if let Some(code) = line.strip_prefix("    ") {
            if !in_example {
                out.push_str("```journey\n");
                in_example = true;
            }
            out.push_str(code);
            out.push('\n');
            continue;
        }
        if in_example {
            out.push_str("```\n");
            in_example = false;
        }
        out.push_str(line);
        out.push('\n');
    }
    if in_example {
        out.push_str("```\n");
    }
    out.trim_end().to_string()
}

/// What an ID is: its kind and label, and what the model says of it.
fn describe(doc: &Document, t: &Target) -> String {
    let table = &doc.analysis.symbols;
    let written = &doc.text[t.span.start..t.span.end];
    let Some(def) = t.definition.and_then(|i| table.definitions.get(i)) else {
        return format!("`{written}`: nothing in this file is called that");
    };
    let kind = def.kind.keyword();
    let mut out = format!("**{kind}** `{written}`");
    if let Some(label) = &def.label {
        out.push_str(&format!(" — {label}"));
    }
    if let Some(journey) = &doc.analysis.last_good {
        let details = details(journey, kind, written);
        if !details.is_empty() {
            out.push_str("\n\n");
            out.push_str(&details.join("  \n"));
        }
        if !doc.analysis.current && !details.is_empty() {
            out.push_str("\n\n*(as of the last version without errors)*");
        }
    }
    out
}

fn details(journey: &Journey, kind: &str, id: &str) -> Vec<String> {
    let list = |items: &[String]| {
        if items.is_empty() {
            "none".to_string()
        } else {
            items
                .iter()
                .map(|i| format!("`{i}`"))
                .collect::<Vec<_>>()
                .join(", ")
        }
    };
    let mut out = Vec::new();
    match kind {
        "touchpoint" => {
            for stage in &journey.stages {
                let Some(tp) = stage.touchpoints.iter().find(|t| t.id == id) else {
                    continue;
                };
                out.push(format!("stage: `{}` ({})", stage.id, stage.label));
                if let Some(channel) = &tp.channel {
                    out.push(format!("channel: `{channel}`"));
                }
                out.push(format!("owners: {}", list(&tp.owners)));
                for e in &tp.emotions {
                    let who = e
                        .persona
                        .as_deref()
                        .map_or(String::new(), |p| format!("`{p}` "));
                    let label = e
                        .label
                        .as_deref()
                        .map_or(String::new(), |l| format!(" {l}"));
                    out.push(format!("emotion: {who}{:+}{label}", e.score));
                }
                if tp.moment_of_truth.is_some() {
                    out.push("a moment of truth".to_string());
                }
            }
        }
        "stage" => {
            if let Some(stage) = journey.stages.iter().find(|s| s.id == id) {
                out.push(format!("touchpoints: {}", stage.touchpoints.len()));
                out.push(format!("owners: {}", list(&stage.owners)));
                if let Some(reach) = stage.reach {
                    out.push(format!("reach: {reach}"));
                }
            }
        }
        "persona" => {
            if let Some(p) = journey.personas.iter().find(|p| p.id == id)
                && let Some(d) = &p.description
            {
                out.push(d.clone());
            }
        }
        "team" => {
            let owned = journey
                .stages
                .iter()
                .flat_map(|s| &s.touchpoints)
                .filter(|t| t.owners.iter().any(|o| o == id))
                .count();
            out.push(format!("owns {owned} touchpoints"));
        }
        "channel" => {
            if let Some(c) = journey.channels.iter().find(|c| c.id == id)
                && let Some(mode) = &c.mode
            {
                let mode = serde_json::to_value(mode).ok();
                if let Some(serde_json::Value::String(mode)) = mode {
                    out.push(mode);
                }
            }
            let used = journey
                .stages
                .iter()
                .flat_map(|s| &s.touchpoints)
                .filter(|t| t.channel.as_deref() == Some(id))
                .count();
            out.push(format!("used by {used} touchpoints"));
        }
        _ => {}
    }
    out
}

/// A keyword's one-line meaning, or a lint name's explanation.
fn word_meaning(doc: &Document, offset: usize) -> Option<(String, Span)> {
    let cursor = lexical::cursor(&doc.text, offset);
    // The word the cursor is in: the cursor's word, or the one starting there.
    let token = lexical::tokens(&doc.text[offset.min(doc.text.len())..])
        .first()
        .filter(|t| t.kind == Tok::Word && t.span.start == 0)
        .map(|t| Span::new(offset + t.span.start, offset + t.span.end));
    let span = match (cursor.word, token) {
        (Some(w), Some(t)) => Span::new(w.start, t.end),
        (Some(w), None) => w,
        (None, Some(t)) => t,
        (None, None) => return None,
    };
    let word = &doc.text[span.start..span.end];
    let keyword = cursor
        .before
        .first()
        .map(|t| &doc.text[t.span.start..t.span.end]);
    match keyword {
        None => keyword_meaning(word).map(|m| (format!("**{word}** — {m}"), span)),
        Some("allow" | "deny") => {
            crate::explain::explain(word).map(|text| (explanation(&text), span))
        }
        Some(_) => None,
    }
}

pub(crate) fn keyword_meaning(word: &str) -> Option<&'static str> {
    Some(match word {
        "journey" => "the one block of a file: the whole journey, with its title",
        "lang" => "the journey's language, a BCP 47 tag (`en`, `he`, `fa`)",
        "direction" => "reading direction of the map: `ltr`, `rtl` or `auto`",
        "description" => "a longer text about the journey, persona, stage or touchpoint",
        "allow" => "silences lints in this file (`allow empty-stage`)",
        "deny" => "turns lints into errors in this file (`deny no-owner`)",
        "persona" => "who travels the journey: `persona ID \"Label\" { goal … }`",
        "team" => "a team that can own stages and touchpoints: `team ID \"Label\"`",
        "channel" => {
            "in the journey block, a channel (`channel ID \"Label\" online`); in a touchpoint, \
             the channel it happens through"
        }
        "stage" => "a column of the map, in file order: `stage ID \"Label\" { … }`",
        "touchpoint" => "a moment the customer meets the business: `touchpoint ID \"Label\" { … }`",
        "flow" => "how customers move on: `flow a -> b -> c \"label\"`",
        "owner" => "the teams that own this stage or touchpoint: `owner sales, support`",
        "reach" => "how many customers get here (a whole number)",
        "metric" => "a measured figure: `metric conversion 38%`",
        "pain" => "what hurts the customer here",
        "opportunity" => "what the business could do better here",
        "insight" => "what was learned here",
        "goal" => "what the persona wants",
        "need" => "what the persona needs",
        "frustration" => "what frustrates the persona",
        "quote" => "something the persona says",
        "action" => "what the customer does",
        "thought" => "what the customer thinks",
        "emotion" => "how a persona feels, -2 to +2: `emotion michal -1 \"Annoyed\"`",
        "moment_of_truth" => "a moment that decides the journey, with an optional note",
        "link" => "a web link for the touchpoint (http, https or mailto)",
        "lane" => "a custom lane of the map, or an entry in one",
        "lanes" => "the lanes the map draws, top to bottom",
        "evidence" => "what the customer sees (a receipt, an e-mail)",
        "frontstage" => "what staff or systems do in view of the customer",
        "backstage" => "what staff do out of the customer's view",
        "support" => "supporting processes and systems",
        _ => return None,
    })
}

/// Whether `name` is an ID, by the compiler's own grammar: it must parse
/// as the ID of a definition, and as nothing more.
pub(crate) fn is_identifier(name: &str) -> bool {
    if name.is_empty() || name.contains(['\n', '\r', ';', '{', '}', '#', '"']) {
        return false;
    }
    let probe = format!("journey {{\n  team {name}\n}}\n");
    let (file, diagnostics) = crate::syntax::parse(&probe);
    diagnostics.iter().all(|d| !d.is_error())
        && file.journey.is_some_and(|j| match j.body.as_slice() {
            [stmt] => matches!(&stmt.kind, crate::syntax::ast::JourneyStmt::Team(t)
                if t.id.text == name && t.label.is_none()),
            _ => false,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_checked_by_the_grammar() {
        for good in [
            "a",
            "web-shop",
            "fb_post",
            "מודעות",
            "آگاهی",
            "_x1",
            "ניקוד\u{05B8}",
        ] {
            assert!(is_identifier(good), "{good}");
        }
        for bad in [
            "", "1a", "a b", "a->b", "\"a\"", "a;b", "a}", "-a", "a # c", "😀",
        ] {
            assert!(!is_identifier(bad), "{bad}");
        }
    }

    #[test]
    fn explanations_read_as_markdown() {
        let text = crate::explain::explain("empty-stage").unwrap();
        let md = explanation(&text);
        assert!(md.starts_with("**cjm::empty-stage"), "{md}");
        assert!(md.contains("```journey\n"), "{md}");
    }
}
