//! Compiling (and for `build`, rendering and writing) one file: the unit of
//! work that `check`, `build` and `watch` run, in parallel or one by one.

use std::path::{Path, PathBuf};

use cjm::{Compilation, Severity};

use super::args::Format;
use super::output::write_atomic;
use super::paths::Input;
use super::{Context, Exit, panics, source};

/// What happened to one file, ready to print.
#[derive(Debug)]
pub(crate) struct Outcome {
    /// Rendered diagnostics and messages for stderr (may be empty).
    pub report: String,
    pub exit: Exit,
    pub warnings: usize,
}

impl Outcome {
    fn io(message: String) -> Self {
        Outcome {
            report: format!("error: {message}\n"),
            exit: Exit::Usage,
            warnings: 0,
        }
    }
}

/// Where each requested format of one input goes.
pub(crate) type Targets = Vec<(Format, PathBuf)>;

/// Parses, resolves and lints one file.
pub(crate) fn check(input: &Input, ctx: &Context) -> Outcome {
    run(input, &[], ctx)
}

/// Compiles one file and writes every target; writes nothing when the
/// journey has errors, so the last good outputs stay in place.
pub(crate) fn build(input: &Input, targets: &Targets, ctx: &Context) -> Outcome {
    run(input, targets, ctx)
}

fn run(input: &Input, targets: &[(Format, PathBuf)], ctx: &Context) -> Outcome {
    let display = input.path.display().to_string();
    let bytes = match source::read_file(&input.path, ctx.compile.limits.max_file_size) {
        Ok(bytes) => bytes,
        Err(e) => return Outcome::io(format!("cannot read `{display}`: {e}")),
    };
    let formats: Vec<Format> = targets.iter().map(|(f, _)| *f).collect();
    let compiled = panics::catch(|| compile_and_render(&bytes, &formats, ctx));
    let (compilation, rendered) = match compiled {
        Ok(result) => result,
        Err(message) => return internal_error(&display, &message),
    };
    let warnings = compilation
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let mut report = ctx
        .reporter
        .render(&display, &compilation.source, &compilation.diagnostics);
    let Some(rendered) = rendered else {
        return Outcome {
            report,
            exit: Exit::Failed,
            warnings,
        };
    };
    let rendered = match rendered {
        Ok(rendered) => rendered,
        Err(message) => {
            report.push_str(&format!("error: cannot render `{display}`: {message}\n"));
            return Outcome {
                report,
                exit: Exit::Failed,
                warnings,
            };
        }
    };
    for ((_, path), bytes) in targets.iter().zip(rendered) {
        if let Err(e) = write_atomic(path, &bytes) {
            report.push_str(&format!("error: cannot write `{}`: {e}\n", path.display()));
            return Outcome {
                report,
                exit: Exit::Usage,
                warnings,
            };
        }
    }
    Outcome {
        report,
        exit: Exit::Ok,
        warnings,
    }
}

/// The compilation, and when it has no errors the bytes of each format
/// (or why rendering failed).
type Rendered = Option<Result<Vec<Vec<u8>>, String>>;

fn compile_and_render(bytes: &[u8], formats: &[Format], ctx: &Context) -> (Compilation, Rendered) {
    let compilation = cjm::compile(bytes, &ctx.compile);
    let journey = match &compilation.journey {
        Some(journey) if !compilation.has_errors() => journey,
        _ => return (compilation, None),
    };
    let rendered = formats
        .iter()
        .map(|format| render(journey, *format, ctx))
        .collect::<Result<Vec<_>, String>>();
    (compilation, Some(rendered))
}

pub(crate) fn render(
    journey: &cjm::model::Journey,
    format: Format,
    ctx: &Context,
) -> Result<Vec<u8>, String> {
    Ok(match format {
        Format::Svg => cjm::render::svg(journey, &ctx.render).into_bytes(),
        Format::Json => cjm::render::json(journey).into_bytes(),
        Format::Png => {
            cjm::render::png(journey, &ctx.render, ctx.scale).map_err(|e| e.to_string())?
        }
    })
}

pub(crate) fn internal_error(display: &str, message: &str) -> Outcome {
    Outcome {
        report: format!(
            "error: internal error while compiling `{display}`: {message}\n  \
             note: this is a bug in cjm; please report it with the file that triggers it\n"
        ),
        exit: Exit::Failed,
        warnings: 0,
    }
}

/// The output path of `input` in `format`: next to the source, or under
/// `out_dir` at the input's path relative to the root it was found in.
pub(crate) fn target_path(input: &Input, out_dir: Option<&Path>, format: Format) -> PathBuf {
    let base = match out_dir {
        Some(dir) => dir.join(&input.relative),
        None => input.path.clone(),
    };
    base.with_extension(format.extension())
}
