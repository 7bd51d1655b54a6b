//! Semantic tokens: keywords, strings, numbers, comments and arrows by
//! their lexical form; IDs by the symbol table, so a definition and each
//! reference are told apart and coloured by what they name.

use std::collections::HashMap;

use lsp_types::{
    SemanticToken, SemanticTokenModifier, SemanticTokenType, SemanticTokens, SemanticTokensLegend,
    SemanticTokensParams, SemanticTokensResult,
};

use super::lexical::{self, Tok};
use super::server::{Answer, Server};
use crate::syntax::keywords;

/// The legend's types, in the order their indices are sent.
const TYPES: [SemanticTokenType; 13] = [
    SemanticTokenType::KEYWORD,
    SemanticTokenType::STRING,
    SemanticTokenType::NUMBER,
    SemanticTokenType::COMMENT,
    SemanticTokenType::OPERATOR,
    SemanticTokenType::ENUM_MEMBER,
    SemanticTokenType::CLASS,     // persona
    SemanticTokenType::NAMESPACE, // team
    SemanticTokenType::INTERFACE, // channel
    SemanticTokenType::STRUCT,    // stage
    SemanticTokenType::FUNCTION,  // touchpoint
    SemanticTokenType::ENUM,      // lane
    SemanticTokenType::VARIABLE,  // an ID that names nothing
];

const DECLARATION: u32 = 1;

pub(crate) fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: TYPES.to_vec(),
        token_modifiers: vec![SemanticTokenModifier::DECLARATION],
    }
}

fn index(wanted: &SemanticTokenType) -> u32 {
    TYPES.iter().position(|t| t == wanted).unwrap_or(0) as u32
}

fn id_type(keyword: &str) -> SemanticTokenType {
    match keyword {
        "persona" => SemanticTokenType::CLASS,
        "team" => SemanticTokenType::NAMESPACE,
        "channel" => SemanticTokenType::INTERFACE,
        "stage" => SemanticTokenType::STRUCT,
        "touchpoint" => SemanticTokenType::FUNCTION,
        "lane" => SemanticTokenType::ENUM,
        _ => SemanticTokenType::VARIABLE,
    }
}

pub(crate) fn full(
    server: &Server,
    params: SemanticTokensParams,
) -> Answer<Option<SemanticTokensResult>> {
    let doc = server.document(&params.text_document.uri)?;
    let table = &doc.analysis.symbols;
    // Where each ID starts: its type, and whether it is a definition.
    let mut ids: HashMap<usize, (SemanticTokenType, bool)> = HashMap::new();
    for r in &table.references {
        let kind = r
            .target
            .and_then(|i| table.definitions.get(i))
            .map_or("", |d| d.kind.keyword());
        ids.insert(r.span.start, (id_type(kind), false));
    }
    for d in &table.definitions {
        ids.insert(d.id.start, (id_type(d.kind.keyword()), true));
    }
    let text = &doc.text;
    let mut data = Vec::new();
    let (mut line, mut start) = (0u32, 0u32);
    lexical::walk(text, |token, _, before| {
        let word = &text[token.span.start..token.span.end];
        let (kind, modifiers) = match token.kind {
            Tok::Comment => (SemanticTokenType::COMMENT, 0),
            Tok::Str | Tok::OpenStr => (SemanticTokenType::STRING, 0),
            Tok::Num => (SemanticTokenType::NUMBER, 0),
            Tok::Arrow => (SemanticTokenType::OPERATOR, 0),
            Tok::Word => match ids.get(&token.span.start) {
                Some((kind, definition)) => {
                    (kind.clone(), if *definition { DECLARATION } else { 0 })
                }
                None if before.is_empty() && keywords::known(word) => {
                    (SemanticTokenType::KEYWORD, 0)
                }
                None if before.is_empty() => return,
                None => (SemanticTokenType::ENUM_MEMBER, 0),
            },
            _ => return,
        };
        let from = doc.index.position(text, token.span.start, server.encoding);
        let to = doc.index.position(text, token.span.end, server.encoding);
        if to.line != from.line {
            return; // no token spans lines
        }
        let delta_line = from.line - line;
        let delta_start = if delta_line == 0 {
            from.character - start
        } else {
            from.character
        };
        data.push(SemanticToken {
            delta_line,
            delta_start,
            length: to.character - from.character,
            token_type: index(&kind),
            token_modifiers_bitset: modifiers,
        });
        (line, start) = (from.line, from.character);
    });
    Ok(Some(SemanticTokensResult::Tokens(SemanticTokens {
        result_id: None,
        data,
    })))
}
