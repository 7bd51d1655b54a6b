//! `cjm watch --serve [ADDR]`: feeds every rebuild to the live preview page
//! (`cjm::serve`). The build itself stays `job`'s; the preview compiles the
//! file once more for its own outputs, so that it shows the SVG whatever
//! formats were asked for, and `job` stays unaware of it.

use rayon::prelude::*;

use cjm::serve::{DiagnosticView, MapOutcome, Preview};

use super::args::Format;
use super::paths::Input;
use super::{Context, job, panics, source};

/// Starts the preview and prints its address on stdout, even with
/// `--quiet`: it is what the user (or an editor plugin) came for.
pub(crate) fn start(addr: Option<&str>) -> Result<Preview, String> {
    let preview = Preview::start(addr).map_err(|e| {
        let mut message = format!("cannot start the preview: {e}");
        if addr.is_some_and(|a| a.ends_with(".journey")) {
            message.push_str("; put `--serve` after the paths, or write `--serve=ADDR`");
        }
        message
    })?;
    println!("preview at {}", preview.url());
    Ok(preview)
}

/// Publishes the current state of every file in `plan`.
pub(crate) fn publish_all(preview: &Preview, plan: &[(Input, job::Targets)], ctx: &Context) {
    plan.par_iter().for_each(|(input, targets)| {
        let png = targets.iter().any(|(format, _)| *format == Format::Png);
        if let Some(outcome) = outcome(input, png, ctx) {
            preview.publish(&name(input), outcome);
        }
    });
}

/// Forgets a file that was deleted or moved away.
pub(crate) fn remove(preview: &Preview, input: &Input) {
    preview.remove(&name(input));
}

fn name(input: &Input) -> String {
    input.path.display().to_string()
}

/// The map, or why there is none. `None` when the file cannot be read (it
/// is being replaced; the next event brings it back).
fn outcome(input: &Input, png: bool, ctx: &Context) -> Option<MapOutcome> {
    let bytes = source::read_file(&input.path, ctx.compile.limits.max_file_size).ok()?;
    let result = panics::catch(|| -> Result<MapOutcome, String> {
        let compilation = cjm::compile(&bytes, &ctx.compile);
        let journey = match &compilation.journey {
            Some(journey) if !compilation.has_errors() => journey,
            _ => {
                let diagnostics = compilation
                    .diagnostics
                    .iter()
                    .map(|d| DiagnosticView::from_diagnostic(d, &compilation.source))
                    .collect();
                return Ok(MapOutcome::Failed { diagnostics });
            }
        };
        let text = |format| job::render(journey, format, &[], ctx).map(lossless_text);
        Ok(MapOutcome::Built {
            svg: text(Format::Svg)?,
            json: text(Format::Json)?,
            png: match png {
                true => Some(job::render(journey, Format::Png, &[], ctx)?),
                false => None,
            },
        })
    });
    Some(match result {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(message)) => failure(format!("cannot render the map: {message}")),
        Err(message) => failure(format!("internal error (a bug in cjm): {message}")),
    })
}

/// SVG and JSON are UTF-8 by construction.
fn lossless_text(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// A failure that is not about the journey's text, so has no code or place
/// (line 0: the page shows no position).
fn failure(message: String) -> MapOutcome {
    MapOutcome::Failed {
        diagnostics: vec![DiagnosticView {
            code: String::new(),
            severity: "error".into(),
            message,
            line: 0,
            column: 0,
            help: None,
        }],
    }
}
