//! Compiling (and for `build`, rendering and writing) one file: the unit of
//! work that `check`, `build` and `watch` run, in parallel or one by one.

use std::io;
use std::path::{Path, PathBuf};

use cjm::{Compilation, Severity};
use rayon::prelude::*;

use super::args::Format;
use super::output::{Replaced, Staged, stage};
use super::paths::Input;
use super::{Context, Exit, panics, source};

/// What happened to one file, ready to print.
#[derive(Debug)]
pub(crate) struct Outcome {
    /// Rendered diagnostics and messages for stderr (may be empty).
    pub report: String,
    pub exit: Exit,
    pub warnings: usize,
    /// What the index of an HTML site says of the map, when it was built.
    pub map: Option<cjm::render::IndexMap>,
}

impl Outcome {
    fn io(message: String) -> Self {
        Outcome {
            report: format!("error: {message}\n"),
            exit: Exit::Usage,
            warnings: 0,
            map: None,
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
    let shown = display.as_str();
    let compiled = panics::catch(move || compile_and_write(bytes, shown, targets, ctx));
    let (mut report, warnings, written, map) = match compiled {
        Ok(result) => result,
        Err(message) => return internal_error(&display, &message),
    };
    let exit = match written {
        None => Exit::Failed,
        Some(Ok(())) => Exit::Ok,
        Some(Err(Failure::Render(message))) => {
            report.push_str(&format!("error: cannot render `{display}`: {message}\n"));
            Exit::Failed
        }
        Some(Err(Failure::View(message))) => {
            report.push_str(&format!("error: {message}\n"));
            Exit::Usage
        }
        Some(Err(Failure::Write(path, e))) => {
            report.push_str(&format!("error: cannot write `{}`: {e}\n", path.display()));
            Exit::Usage
        }
    };
    Outcome {
        report,
        exit,
        warnings,
        map: map.filter(|_| exit == Exit::Ok),
    }
}

/// Why the outputs of a journey without errors were not written.
enum Failure {
    Render(String),
    /// A `--lanes`, `--persona` or `--team` name the journey lacks: a
    /// usage error.
    View(String),
    Write(PathBuf, io::Error),
}

/// What compiling and writing one file gave: the diagnostics (rendered),
/// the number of warnings, how writing the outputs went when there are no
/// errors, and the map's entry for an HTML index.
type Compiled = (
    String,
    usize,
    Option<Result<(), Failure>>,
    Option<cjm::render::IndexMap>,
);

fn compile_and_write(
    bytes: Vec<u8>,
    display: &str,
    targets: &[(Format, PathBuf)],
    ctx: &Context,
) -> Compiled {
    let compilation = cjm::compile(&bytes, &ctx.compile);
    // Neither the file's bytes nor its text is needed to lay out and write
    // the map: the report is rendered first and both are dropped, as they
    // would otherwise be held at the peak of a big map's memory.
    drop(bytes);
    let report = ctx
        .reporter
        .render(display, &compilation.source, &compilation.diagnostics);
    let warnings = compilation
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .count();
    let has_errors = compilation.has_errors();
    // The page lists the warnings, placed in the text about to be dropped.
    let notes = match targets.iter().any(|(f, _)| *f == Format::Html) {
        true => cjm::render::page_notes(&compilation.diagnostics, &compilation.source),
        false => Vec::new(),
    };
    let Compilation {
        journey,
        diagnostics,
        source,
        symbols,
    } = compilation;
    drop((diagnostics, source, symbols));
    let map = match &journey {
        Some(journey) if !has_errors => Some(cjm::render::IndexMap::of(journey, warnings)),
        _ => None,
    };
    let written = match journey {
        Some(journey) if !has_errors => {
            let written = check_view(&journey, display, ctx)
                .map_err(Failure::View)
                .and_then(|()| write_all(&journey, targets, &notes, ctx));
            // Freeing a big map's model and removing the big files its
            // outputs replaced take milliseconds each: side by side.
            let (_, written) = rayon::join(move || drop(journey), move || written.map(drop));
            Some(written)
        }
        _ => None,
    };
    (report, warnings, written, map)
}

/// Writes every target: the formats on all cores, each streamed into a
/// temporary file, and all renamed into place only once every one is
/// complete, so a failed build leaves all of the previous outputs as they
/// were. Returns the replaced files, removed when dropped.
fn write_all(
    journey: &cjm::model::Journey,
    targets: &[(Format, PathBuf)],
    notes: &[cjm::render::PageNote],
    ctx: &Context,
) -> Result<Vec<Replaced>, Failure> {
    let staged: Vec<Result<Staged, Failure>> = targets
        .par_iter()
        .map(|(format, path)| write_one(journey, *format, path, notes, ctx))
        .collect();
    // On an error, dropping the staged outputs removes their files.
    let staged = staged.into_iter().collect::<Result<Vec<_>, _>>()?;
    let mut replaced = Vec::with_capacity(staged.len());
    for output in staged {
        let path = output.path().to_path_buf();
        replaced.push(output.swap().map_err(|e| Failure::Write(path, e))?);
    }
    Ok(replaced)
}

fn write_one(
    journey: &cjm::model::Journey,
    format: Format,
    path: &Path,
    notes: &[cjm::render::PageNote],
    ctx: &Context,
) -> Result<Staged, Failure> {
    let staged = match format {
        Format::Svg => stage(path, |out| {
            cjm::render::svg_view_to(journey, &ctx.render, &ctx.view, out)
        }),
        Format::Json => stage(path, |out| cjm::render::json_to(journey, out)),
        Format::Mermaid => {
            let text = cjm::render::mermaid(journey);
            stage(path, |out| out.write_all(text.as_bytes()))
        }
        Format::Png => {
            let png = cjm::render::png_view(journey, &ctx.render, &ctx.view, ctx.scale)
                .map_err(|e| Failure::Render(e.to_string()))?;
            stage(path, |out| out.write_all(&png))
        }
        Format::Html => {
            let page = cjm::render::html_view(journey, &ctx.render, &ctx.view, notes);
            stage(path, |out| out.write_all(page.as_bytes()))
        }
        Format::Pdf => {
            let pdf = cjm::render::pdf_view(journey, &ctx.render, &ctx.view, ctx.page)
                .map_err(|e| Failure::Render(e.to_string()))?;
            stage(path, |out| out.write_all(&pdf))
        }
    };
    staged.map_err(|e| Failure::Write(path.to_path_buf(), e))
}

/// One format in memory (for stdout and the preview); `notes` are the
/// warnings an HTML page lists.
pub(crate) fn render(
    journey: &cjm::model::Journey,
    format: Format,
    notes: &[cjm::render::PageNote],
    ctx: &Context,
) -> Result<Vec<u8>, String> {
    Ok(match format {
        Format::Svg => cjm::render::svg_view(journey, &ctx.render, &ctx.view).into_bytes(),
        Format::Json => cjm::render::json(journey).into_bytes(),
        Format::Mermaid => cjm::render::mermaid(journey).into_bytes(),
        Format::Png => cjm::render::png_view(journey, &ctx.render, &ctx.view, ctx.scale)
            .map_err(|e| e.to_string())?,
        Format::Html => cjm::render::html_view(journey, &ctx.render, &ctx.view, notes).into_bytes(),
        Format::Pdf => cjm::render::pdf_view(journey, &ctx.render, &ctx.view, ctx.page)
            .map_err(|e| e.to_string())?,
    })
}

/// Whether the names of the command line's view are the journey's: an
/// unknown one is a usage error, with the closest name when one is close.
/// Checked whatever the formats, so a typo never passes unnoticed.
pub(crate) fn check_view(
    journey: &cjm::model::Journey,
    display: &str,
    ctx: &Context,
) -> Result<(), String> {
    let Err(unknown) = ctx.view.check(journey) else {
        return Ok(());
    };
    let cjm::render::UnknownName {
        flag,
        what,
        name,
        known,
    } = unknown;
    let hint = match super::suggest::closest(&name, known.iter().map(String::as_str)) {
        Some(close) => format!("; did you mean `{close}`?"),
        None if known.is_empty() => format!(" (it has no {what})"),
        None => format!(
            " (it has: {})",
            known
                .iter()
                .map(|k| format!("`{k}`"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    Err(format!(
        "`{flag}`: `{display}` has no {what} `{name}`{hint}"
    ))
}

pub(crate) fn internal_error(display: &str, message: &str) -> Outcome {
    Outcome {
        report: format!(
            "error: internal error while compiling `{display}`: {message}\n  \
             note: this is a bug in cjm; please report it with the file that triggers it\n"
        ),
        exit: Exit::Failed,
        warnings: 0,
        map: None,
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
