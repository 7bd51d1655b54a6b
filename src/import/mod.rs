//! `cjm import mermaid`: other journey formats → journey-language text.
//! A reader of its own, not a stage of the compiler: its output is text
//! that the compiler then reads like any file a person wrote.

mod ids;
mod markdown;
mod mermaid;
pub(crate) use mermaid::{EXPORT_HEADER, LOOK_ALIKES};
mod to_journey;

use crate::diagnostic::{Diagnostic, Span};

/// What an input is: a Mermaid diagram, or Markdown with fenced
/// `mermaid` blocks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    Mermaid,
    Markdown,
}

impl InputKind {
    /// By file extension (`.md`, `.markdown` → Markdown; `.mmd`,
    /// `.mermaid` → Mermaid), else by content: a file whose first word is
    /// a Mermaid diagram type is Mermaid, anything else Markdown.
    pub fn detect(extension: Option<&str>, source: &str) -> InputKind {
        match extension.map(str::to_ascii_lowercase).as_deref() {
            Some("md" | "markdown" | "mdx") => InputKind::Markdown,
            Some("mmd" | "mermaid") => InputKind::Mermaid,
            _ if mermaid::diagram_type(source).is_some_and(is_journey_word) => InputKind::Mermaid,
            _ if source.contains("```") || source.contains("~~~") => InputKind::Markdown,
            _ => InputKind::Mermaid,
        }
    }
}

/// The journeys found in one input, and every diagnostic (spans into the
/// input's text, so a Markdown file's line numbers).
#[derive(Debug, Clone)]
pub struct Imported {
    pub journeys: Vec<ImportedJourney>,
    pub diagnostics: Vec<Diagnostic>,
    /// Fenced `mermaid` blocks that are not journeys (flowcharts, …),
    /// left alone.
    pub skipped: usize,
}

#[derive(Debug, Clone)]
pub struct ImportedJourney {
    pub title: String,
    /// Canonical `.journey` text, as `cjm fmt` would write it.
    pub text: String,
    /// Where the diagram was in the input.
    pub span: Span,
}

impl Imported {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Imports Mermaid `journey` diagrams; `default_title` names a journey
/// that has no title of its own (e.g. the input's file name).
pub fn mermaid(source: &str, kind: InputKind, default_title: &str) -> Imported {
    let mut imported = Imported {
        journeys: Vec::new(),
        diagnostics: Vec::new(),
        skipped: 0,
    };
    match kind {
        InputKind::Mermaid => {
            diagram(source, 0, default_title, &mut imported);
        }
        InputKind::Markdown => {
            let blocks = markdown::mermaid_blocks(source);
            let journeys = blocks
                .iter()
                .filter(|b| mermaid::diagram_type(b.text).is_some_and(is_journey_word))
                .count();
            let mut n = 0;
            for block in &blocks {
                if !mermaid::diagram_type(block.text).is_some_and(is_journey_word) {
                    imported.skipped += 1;
                    continue;
                }
                n += 1;
                let title = if journeys > 1 {
                    format!("{default_title} {n}")
                } else {
                    default_title.to_string()
                };
                diagram(block.text, block.offset, &title, &mut imported);
            }
            if blocks.is_empty() || journeys == 0 {
                imported.diagnostics.push(
                    Diagnostic::error(
                        mermaid::SYNTAX,
                        "no Mermaid journey found in this Markdown file",
                        Span::new(0, 0),
                    )
                    .with_help(
                        "a journey is a fenced block: ```mermaid, then `journey` on its first line",
                    ),
                );
            }
        }
    }
    imported
}

fn diagram(text: &str, offset: usize, default_title: &str, imported: &mut Imported) {
    let (diagram, mut diagnostics) = mermaid::parse(text, offset);
    if let Some(diagram) = diagram
        && let Some(converted) = to_journey::convert(&diagram, default_title, &mut diagnostics)
    {
        imported.journeys.push(ImportedJourney {
            title: converted.title,
            text: converted.text,
            span: Span::new(offset, offset + text.len()),
        });
    }
    imported.diagnostics.extend(diagnostics);
}

/// File names for imported journeys: the title's words, lower case,
/// joined by `-`, unique (`my-working-day.journey`, `…-2.journey`).
#[derive(Debug, Default)]
pub struct FileNames(ids::Ids);

impl FileNames {
    pub fn make(&mut self, title: &str) -> String {
        let stem = self.0.make(title, "journey").replace('_', "-");
        format!("{}.journey", stem.trim_start_matches('-'))
    }
}

/// `journey`, or a near miss of it (`journy`, `Journey:`), which is taken
/// as a journey so that its error is reported rather than the block skipped.
fn is_journey_word(word: &str) -> bool {
    let word = word.to_ascii_lowercase();
    word == "journey" || (strsim::levenshtein(&word, "journey") <= 2 && word.len() >= 5)
}

#[cfg(test)]
mod tests;
