//! Document symbols (journey → stages → touchpoints; personas, teams,
//! channels) from the symbol table, and folding ranges for every block and
//! every run of comment lines.

use lsp_types::{
    DocumentSymbol, DocumentSymbolParams, DocumentSymbolResponse, FoldingRange, FoldingRangeKind,
    FoldingRangeParams, SymbolKind as LspKind,
};

use super::lexical::{self, Tok};
use super::server::{Answer, Server};
use crate::diagnostic::Span;

pub(crate) fn symbols(
    server: &Server,
    params: DocumentSymbolParams,
) -> Answer<Option<DocumentSymbolResponse>> {
    let doc = server.document(&params.text_document.uri)?;
    let table = &doc.analysis.symbols;
    let text = &doc.text;
    let range = |span: Span| doc.index.range(text, span, server.encoding);
    let symbol = |i: usize, children: Vec<DocumentSymbol>| {
        let def = &table.definitions[i];
        #[allow(deprecated)] // `deprecated` is a field the type still has
        DocumentSymbol {
            name: def.name(text).to_string(),
            detail: def.label.clone(),
            kind: lsp_kind(def.kind.keyword()),
            tags: None,
            deprecated: None,
            range: range(def.statement.join(def.id)),
            selection_range: range(def.id),
            children: (!children.is_empty()).then_some(children),
        }
    };
    let mut top = Vec::new();
    for (i, def) in table.definitions.iter().enumerate() {
        if def.parent.is_some() {
            continue;
        }
        let children = table
            .definitions
            .iter()
            .enumerate()
            .filter(|(_, d)| d.parent == Some(i))
            .map(|(j, _)| symbol(j, Vec::new()))
            .collect();
        top.push(symbol(i, children));
    }
    let Some((keyword, span)) = table.journey else {
        return Ok(Some(DocumentSymbolResponse::Nested(top)));
    };
    #[allow(deprecated)]
    let journey = DocumentSymbol {
        name: title(text, keyword).unwrap_or_else(|| "journey".to_string()),
        detail: Some("journey".to_string()),
        kind: LspKind::NAMESPACE,
        tags: None,
        deprecated: None,
        range: range(span.join(keyword)),
        selection_range: range(keyword),
        children: Some(top),
    };
    Ok(Some(DocumentSymbolResponse::Nested(vec![journey])))
}

/// The journey's title as written after its keyword, without quotes.
fn title(text: &str, keyword: Span) -> Option<String> {
    let line_end = text[keyword.end..]
        .find(['\n', '{'])
        .map_or(text.len(), |i| keyword.end + i);
    let head = &text[keyword.end..line_end];
    let token = lexical::tokens(head)
        .into_iter()
        .find(|t| t.kind == Tok::Str)?;
    let raw = &head[token.span.start..token.span.end];
    Some(raw.trim_matches('"').replace("\\\"", "\""))
}

fn lsp_kind(keyword: &str) -> LspKind {
    match keyword {
        "persona" => LspKind::CLASS,
        "team" => LspKind::MODULE,
        "channel" => LspKind::INTERFACE,
        "stage" => LspKind::STRUCT,
        "touchpoint" => LspKind::FIELD,
        "lane" => LspKind::ENUM,
        _ => LspKind::VARIABLE,
    }
}

pub(crate) fn folding(
    server: &Server,
    params: FoldingRangeParams,
) -> Answer<Option<Vec<FoldingRange>>> {
    let doc = server.document(&params.text_document.uri)?;
    let line = |offset: usize| doc.index.position(&doc.text, offset, server.encoding).line;
    let mut out = Vec::new();
    let mut open: Vec<usize> = Vec::new();
    // The first and last line of the current run of comment lines.
    let mut comments: Option<(u32, u32)> = None;
    let mut fold = |start: u32, end: u32, kind: Option<FoldingRangeKind>| {
        if end > start {
            out.push(FoldingRange {
                start_line: start,
                end_line: end,
                kind,
                ..Default::default()
            });
        }
    };
    for token in lexical::tokens(&doc.text) {
        match token.kind {
            Tok::Open => open.push(token.span.start),
            // Up to the line before the `}`, which stays in sight.
            Tok::Close => {
                if let Some(start) = open.pop() {
                    fold(line(start), line(token.span.start).saturating_sub(1), None);
                }
            }
            Tok::Comment => {
                let at = line(token.span.start);
                comments = match comments {
                    Some((first, last)) if last + 1 == at => Some((first, at)),
                    other => {
                        if let Some((first, last)) = other {
                            fold(first, last, Some(FoldingRangeKind::Comment));
                        }
                        Some((at, at))
                    }
                };
            }
            _ => {}
        }
    }
    if let Some((first, last)) = comments {
        fold(first, last, Some(FoldingRangeKind::Comment));
    }
    out.sort_by_key(|r| (r.start_line, r.end_line));
    Ok(Some(out))
}
