//! cjm: customer journey maps as code.
//!
//! The pipeline, one module per stage:
//! `syntax` (text → AST) → `resolve` (AST → model, errors) → `lint`
//! (warnings) → `model` (JSON) → `layout` (model + text metrics → Scene)
//! → `render` (Scene → SVG / PNG). `format` turns the AST back into
//! canonical text; `import` turns other formats (Mermaid) into journey
//! text. Only the binary (`cli/`) prints anything.

pub mod diagnostic;
pub mod diff;
pub mod explain;
pub mod format;
pub mod import;
pub mod layout;
pub mod limits;
pub mod lint;
pub mod lsp;
pub mod model;
pub mod render;
pub mod report;
pub(crate) mod resolve;
pub mod serve;
pub(crate) mod syntax;
#[doc(hidden)]
pub mod testgen;
pub(crate) mod text;

pub use diagnostic::{Diagnostic, Label, Severity, Span};
pub use limits::Limits;
pub use lint::{Level, LintConfig};
pub use render::{RenderError, RenderOptions, Theme, View};
pub use resolve::table::{Definition, Kind as SymbolKind, Reference, SymbolTable};

/// Extra fonts (`--font`, `--font-dir`), tried after the bundled ones for
/// measuring, drawing and embedding: each file's bytes (a font, or the
/// first font of a collection). Call once, before anything is compiled or
/// rendered. Returns each face's family name, or the index of the file
/// that is not a usable font and why.
pub fn add_fonts(files: Vec<Vec<u8>>) -> Result<Vec<String>, (usize, String)> {
    text::fonts::add_fonts(files)
}

/// Why `bytes` can't be added with [`add_fonts`], if so.
pub fn check_font(bytes: &[u8]) -> Result<(), String> {
    text::fonts::check_font(bytes)
}

/// Text-module hooks for the real-browser test; not part of the API.
#[doc(hidden)]
pub mod text_probe {
    pub use crate::text::probe::{run_width, sample_svg};
}

/// Options that change what `compile` reports.
#[derive(Debug, Clone, Default)]
pub struct CompileOptions {
    pub lints: LintConfig,
    /// File size and element caps (`cjm::limit` past them).
    pub limits: Limits,
}

/// The result of compiling one file: the model when there were no errors,
/// and every diagnostic (errors and warnings) in source order.
#[derive(Debug, Clone)]
pub struct Compilation {
    pub journey: Option<model::Journey>,
    pub diagnostics: Vec<Diagnostic>,
    /// The decoded source text (without a BOM), for rendering diagnostics.
    /// When it was not valid UTF-8, the text with each bad sequence
    /// replaced by U+FFFD, so the encoding error's span still points at it.
    pub source: String,
    /// Every definition and reference the resolver found (empty when the
    /// file could not be parsed into a journey).
    pub symbols: SymbolTable,
}

impl Compilation {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Compiles the bytes of one `.journey` file.
pub fn compile(bytes: &[u8], options: &CompileOptions) -> Compilation {
    resolve::compile(bytes, options)
}
