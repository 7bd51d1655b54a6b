//! Formatting (the text of `cjm fmt`) and the code actions of diagnostics
//! that have one fix: the did-you-mean of a misspelled ID, lint or keyword,
//! and the `opportunity` a pain is missing.

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, DocumentFormattingParams,
    TextEdit, Url, WorkspaceEdit,
};

use super::analysis::{bom_len, to_lsp};
use super::documents::Document;
use super::server::{Answer, Failure, Server};
use crate::diagnostic::{Diagnostic, Span};

pub(crate) fn formatting(
    server: &Server,
    params: DocumentFormattingParams,
) -> Answer<Option<Vec<TextEdit>>> {
    let doc = server.document(&params.text_document.uri)?;
    let bom = bom_len(&doc.text);
    let source = &doc.text[bom..];
    let formatted = crate::format::format(source).map_err(|errors| {
        let first = errors
            .first()
            .map_or(String::new(), |e| format!(": {}", e.message));
        Failure::refused(format!(
            "the file has {} syntax error{}{first}; fix {} to format it",
            errors.len(),
            if errors.len() == 1 { "" } else { "s" },
            if errors.len() == 1 { "it" } else { "them" },
        ))
    })?;
    if formatted == source {
        return Ok(Some(Vec::new()));
    }
    Ok(Some(vec![TextEdit {
        range: doc
            .index
            .range(&doc.text, Span::new(bom, doc.text.len()), server.encoding),
        new_text: formatted,
    }]))
}

pub(crate) fn code_actions(
    server: &Server,
    params: CodeActionParams,
) -> Answer<Option<Vec<CodeActionOrCommand>>> {
    let uri = &params.text_document.uri;
    let doc = server.document(uri)?;
    let wanted = doc
        .index
        .span(&doc.text, params.range, server.encoding)
        .map_err(|_| Failure::invalid("the range is past the end of the document"))?;
    let mut actions = Vec::new();
    // The server's own diagnostics of the current text: the client's copy
    // may be one keystroke old.
    for d in &doc.analysis.diagnostics {
        if d.span.end < wanted.start || d.span.start > wanted.end {
            continue;
        }
        let Some((title, edit)) = fix(doc, d) else {
            continue;
        };
        let diagnostic = to_lsp(d, uri, &doc.text, &doc.index, server.encoding);
        actions.push(CodeActionOrCommand::CodeAction(CodeAction {
            title,
            kind: Some(CodeActionKind::QUICKFIX),
            diagnostics: Some(vec![diagnostic]),
            edit: Some(workspace_edit(server, uri, doc, edit)),
            is_preferred: Some(true),
            ..Default::default()
        }));
    }
    Ok(Some(actions))
}

/// A diagnostic's one fix: a title and the text to put at a span.
fn fix(doc: &Document, d: &Diagnostic) -> Option<(String, (Span, String))> {
    let text = &doc.text;
    let written = text.get(d.span.start..d.span.end)?;
    // A misspelled reference: the symbol table's suggestion.
    let suggested = doc
        .analysis
        .symbols
        .references
        .iter()
        .find(|r| r.span == d.span)
        .and_then(|r| r.suggestion.clone())
        // A lint or keyword: the diagnostic's own "did you mean".
        .or_else(|| did_you_mean(d.help.as_deref()?));
    if let Some(replacement) = suggested
        && matches!(
            d.code.as_str(),
            "cjm::unknown-reference" | "cjm::wrong-kind" | "cjm::invalid-value" | "cjm::syntax"
        )
    {
        return Some((
            format!("Replace `{written}` with `{replacement}`"),
            (d.span, replacement),
        ));
    }
    if d.code == "cjm::unaddressed-pain" {
        return Some((
            "Add an `opportunity`".to_string(),
            add_opportunity(text, d.span),
        ));
    }
    None
}

/// `X` of a help text that is exactly "did you mean `X`?".
fn did_you_mean(help: &str) -> Option<String> {
    let name = help.strip_prefix("did you mean `")?.strip_suffix("`?")?;
    (!name.contains('`')).then(|| name.to_string())
}

/// An `opportunity "…"` statement after the pain statement at `pain`: on
/// its own line, indented like it, or after a `;` when more follows on the
/// pain's line (a one-line block).
fn add_opportunity(text: &str, pain: Span) -> (Span, String) {
    let line_start = text[..pain.start].rfind(['\n', '\r']).map_or(0, |i| i + 1);
    let rest = &text[pain.end..];
    let rest_of_line = &rest[..rest.find(['\n', '\r']).unwrap_or(rest.len())];
    let stub = "opportunity \"…\"";
    let at = Span::new(pain.end, pain.end);
    let ends_line = rest_of_line.trim().is_empty() || rest_of_line.trim_start().starts_with('#');
    if ends_line && text[line_start..pain.start].trim().is_empty() {
        let indent = &text[line_start..pain.start];
        let end = pain.end + rest_of_line.len();
        (Span::new(end, end), format!("\n{indent}{stub}"))
    } else {
        (at, format!("; {stub}"))
    }
}

fn workspace_edit(
    server: &Server,
    uri: &Url,
    doc: &Document,
    edit: (Span, String),
) -> WorkspaceEdit {
    let (span, new_text) = edit;
    let edit = TextEdit {
        range: doc.index.range(&doc.text, span, server.encoding),
        new_text,
    };
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), vec![edit])])),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_opportunity_goes_after_its_pain() {
        let text = "  touchpoint t {\n    pain \"p\"  # why\n  }\n";
        let pain = Span::new(text.find("pain").unwrap(), text.find("\"  #").unwrap() + 1);
        let (at, stub) = add_opportunity(text, pain);
        let mut fixed = text.to_string();
        fixed.replace_range(at.start..at.end, &stub);
        assert_eq!(
            fixed,
            "  touchpoint t {\n    pain \"p\"  # why\n    opportunity \"…\"\n  }\n"
        );
        let text = "touchpoint t { pain \"p\" }";
        let pain = Span::new(15, 23);
        let (at, stub) = add_opportunity(text, pain);
        let mut fixed = text.to_string();
        fixed.replace_range(at.start..at.end, &stub);
        assert_eq!(fixed, "touchpoint t { pain \"p\"; opportunity \"…\" }");
    }

    #[test]
    fn only_a_plain_did_you_mean_is_a_fix() {
        assert_eq!(
            did_you_mean("did you mean `stage`?").as_deref(),
            Some("stage")
        );
        assert_eq!(did_you_mean("the lints are: a, b"), None);
    }
}
