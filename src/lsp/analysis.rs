//! One document's analysis: the compiler's own run over the text (the
//! diagnostics of `cjm check`, the symbol table), and the diagnostics in
//! the protocol's terms.

use std::sync::Arc;

use lsp_types::{
    CodeDescription, DiagnosticRelatedInformation, DiagnosticSeverity, Location, NumberOrString,
    Url,
};

use super::position::{Encoding, LineIndex};
use crate::diagnostic::{Diagnostic, Severity, Span};
use crate::model::Journey;
use crate::{CompileOptions, SymbolTable};

#[derive(Default)]
pub(crate) struct Analysis {
    pub diagnostics: Vec<Diagnostic>,
    pub symbols: SymbolTable,
    /// The model of the latest text that compiled: hover keeps showing a
    /// touchpoint's owners and emotions while a typo elsewhere breaks the
    /// file.
    pub last_good: Option<Arc<Journey>>,
    /// Whether `last_good` is the model of the current text.
    pub current: bool,
}

/// A byte-order mark at the start of the text: the compiler ignores it and
/// counts spans after it.
pub(crate) fn bom_len(text: &str) -> usize {
    if text.starts_with('\u{FEFF}') { 3 } else { 0 }
}

impl Analysis {
    pub(crate) fn new(text: &str, options: &CompileOptions, previous: Option<Analysis>) -> Self {
        let bom = bom_len(text);
        let compiled = crate::compile(&text.as_bytes()[bom..], options);
        let shift = |span: Span| Span::new(span.start + bom, span.end + bom);
        let mut diagnostics = compiled.diagnostics;
        let mut symbols = compiled.symbols;
        if bom > 0 {
            for d in &mut diagnostics {
                d.span = shift(d.span);
                for label in &mut d.labels {
                    label.span = shift(label.span);
                }
            }
            for def in &mut symbols.definitions {
                def.id = shift(def.id);
                def.statement = shift(def.statement);
            }
            for r in &mut symbols.references {
                r.span = shift(r.span);
            }
            symbols.journey = symbols.journey.map(|(k, s)| (shift(k), shift(s)));
        }
        let current = compiled.journey.is_some();
        let last_good = match compiled.journey {
            Some(journey) => Some(Arc::new(journey)),
            None => previous.and_then(|p| p.last_good),
        };
        Analysis {
            diagnostics,
            symbols,
            last_good,
            current,
        }
    }

    /// The diagnostics for `publishDiagnostics`.
    pub(crate) fn lsp_diagnostics(
        &self,
        uri: &Url,
        text: &str,
        index: &LineIndex,
        encoding: Encoding,
    ) -> Vec<lsp_types::Diagnostic> {
        self.diagnostics
            .iter()
            .map(|d| to_lsp(d, uri, text, index, encoding))
            .collect()
    }
}

/// Where a code's explanation is: `cjm explain CODE` as a URI, which the
/// VS Code extension opens as a read-only document (docs/editors.md).
pub(crate) fn explain_uri(code: &str) -> Option<Url> {
    let name = code.strip_prefix("cjm::").unwrap_or(code);
    Url::parse(&format!("cjm-explain:{name}")).ok()
}

pub(crate) fn to_lsp(
    d: &Diagnostic,
    uri: &Url,
    text: &str,
    index: &LineIndex,
    encoding: Encoding,
) -> lsp_types::Diagnostic {
    let mut message = d.message.clone();
    if let Some(label) = &d.label {
        message.push_str(&format!(": {label}"));
    }
    if let Some(help) = &d.help {
        message.push_str(&format!("\nhelp: {help}"));
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .labels
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location::new(uri.clone(), index.range(text, label.span, encoding)),
            message: label.message.clone(),
        })
        .collect();
    let unused = d.code == "cjm::unused-definition";
    lsp_types::Diagnostic {
        range: index.range(text, d.span, encoding),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.clone())),
        code_description: explain_uri(&d.code).map(|href| CodeDescription { href }),
        source: Some("cjm".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: unused.then(|| vec![lsp_types::DiagnosticTag::UNNECESSARY]),
        data: None,
    }
}
