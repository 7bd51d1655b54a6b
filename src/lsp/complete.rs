//! Completion in context: the statements the cursor's block takes, the IDs
//! of the right kind after `owner`, `channel`, `emotion`, `flow … ->` and
//! `lane`, lint names after `allow`/`deny`, lane names in `lanes`.

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    TextEdit,
};

use super::lexical::{self, Tok};
use super::navigate::{keyword_meaning, locate};
use super::server::{Answer, Server};
use crate::diagnostic::Span;
use crate::syntax::keywords::Context;

pub(crate) fn completion(
    server: &Server,
    params: CompletionParams,
) -> Answer<Option<CompletionResponse>> {
    let (doc, offset) = locate(server, &params.text_document_position)?;
    let cursor = lexical::cursor(&doc.text, offset);
    if cursor.in_text {
        return Ok(None);
    }
    let text = &doc.text;
    let words: Vec<&str> = cursor
        .before
        .iter()
        .map(|t| &text[t.span.start..t.span.end])
        .collect();
    let after_arrow = cursor.before.last().is_some_and(|t| t.kind == Tok::Arrow);
    let after_comma = cursor.before.last().is_some_and(|t| t.kind == Tok::Comma);
    let table = &doc.analysis.symbols;
    let ids = |kinds: &[&str]| -> Vec<Candidate> {
        table
            .definitions
            .iter()
            .filter(|d| !d.duplicate && kinds.contains(&d.kind.keyword()))
            .map(|d| Candidate {
                label: d.name(text).to_string(),
                detail: Some(match &d.label {
                    Some(label) => format!("{} — {label}", d.kind.keyword()),
                    None => d.kind.keyword().to_string(),
                }),
                kind: item_kind(d.kind.keyword()),
            })
            .collect()
    };
    let values = |names: &[&str], kind: CompletionItemKind| -> Vec<Candidate> {
        names
            .iter()
            .map(|name| Candidate {
                label: name.to_string(),
                detail: None,
                kind,
            })
            .collect()
    };
    use Context::{Journey, Stage, Touchpoint};
    let candidates = match (cursor.context, words.as_slice()) {
        (context, []) => context
            .keywords()
            .iter()
            .map(|k| Candidate {
                label: k.to_string(),
                detail: keyword_meaning(k).map(str::to_string),
                kind: CompletionItemKind::KEYWORD,
            })
            .collect(),
        (Stage | Touchpoint, ["owner"]) => ids(&["team"]),
        (Stage | Touchpoint, ["owner", ..]) if after_comma => ids(&["team"]),
        (Touchpoint, ["channel"]) => ids(&["channel"]),
        (Touchpoint, ["emotion"]) => ids(&["persona"]),
        (Stage | Touchpoint, ["lane"]) => ids(&["lane"]),
        (Journey, ["flow"]) => ids(&["stage", "touchpoint"]),
        (Journey, ["flow", ..]) if after_arrow => ids(&["stage", "touchpoint"]),
        (Journey, ["allow" | "deny", ..]) => {
            values(crate::lint::LINTS, CompletionItemKind::PROPERTY)
        }
        (Journey, ["lanes"]) => lanes(ids(&["lane"])),
        (Journey, ["lanes", ..]) if after_comma => lanes(ids(&["lane"])),
        (Journey, ["direction"]) => {
            values(&["ltr", "rtl", "auto"], CompletionItemKind::ENUM_MEMBER)
        }
        (Journey, ["lang"]) => values(&["en", "he", "fa", "ar"], CompletionItemKind::ENUM_MEMBER),
        (Journey, ["channel", _, ..]) => {
            values(&["online", "offline"], CompletionItemKind::ENUM_MEMBER)
        }
        _ => Vec::new(),
    };
    if candidates.is_empty() {
        return Ok(None);
    }
    // The word being typed is replaced whole (an ID may hold `-`, which
    // some editors do not count as part of a word).
    let replaced = cursor
        .word
        .map_or(Span::new(offset, offset), |w| Span::new(w.start, offset));
    let range = doc.index.range(text, replaced, server.encoding);
    let items = candidates
        .into_iter()
        .enumerate()
        .map(|(i, c)| CompletionItem {
            text_edit: Some(CompletionTextEdit::Edit(TextEdit {
                range,
                new_text: c.label.clone(),
            })),
            label: c.label,
            detail: c.detail,
            kind: Some(c.kind),
            // The order written in the file, not the alphabet's.
            sort_text: Some(format!("{i:06}")),
            ..Default::default()
        })
        .collect();
    Ok(Some(CompletionResponse::Array(items)))
}

struct Candidate {
    label: String,
    detail: Option<String>,
    kind: CompletionItemKind,
}

/// The built-in lane names, then the file's custom lanes.
fn lanes(custom: Vec<Candidate>) -> Vec<Candidate> {
    crate::model::BUILTIN_LANES
        .iter()
        .map(|name| Candidate {
            label: name.to_string(),
            detail: Some("built-in lane".to_string()),
            kind: CompletionItemKind::ENUM_MEMBER,
        })
        .chain(custom)
        .collect()
}

fn item_kind(keyword: &str) -> CompletionItemKind {
    match keyword {
        "persona" => CompletionItemKind::CLASS,
        "team" => CompletionItemKind::MODULE,
        "channel" => CompletionItemKind::INTERFACE,
        "stage" => CompletionItemKind::STRUCT,
        "touchpoint" => CompletionItemKind::FIELD,
        "lane" => CompletionItemKind::ENUM,
        _ => CompletionItemKind::REFERENCE,
    }
}
