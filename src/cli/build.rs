//! `cjm build PATH… [-o DIR] [--format svg,json,png,html,…]` and `cjm build -`.

use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use rayon::prelude::*;

use super::args::{BuildArgs, Format};
use super::diagnostics::eprint_str;
use super::paths::Input;
use super::{Context, Exit, job, panics, paths, site, source};

/// Below this many files a progress bar would only flicker.
const PROGRESS_MIN_FILES: usize = 8;

pub(crate) fn run(args: &BuildArgs, ctx: &Context) -> Exit {
    let formats = formats(&args.output.format);
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        if args.paths.len() != 1 {
            return ctx.usage_error("`-` (stdin) can't be combined with other paths");
        }
        if args.output.out_dir.is_some() {
            return ctx.usage_error("`build -` writes to stdout; `-o` can't be used with it");
        }
        let [format] = formats[..] else {
            return ctx.usage_error("`build -` writes exactly one format; pass one `--format`");
        };
        return stdin(format, ctx);
    }
    let inputs = match paths::discover(&args.paths) {
        Ok(inputs) => inputs,
        Err(e) => return ctx.usage_error(&e.0),
    };
    let plan = match plan(&inputs, args.output.out_dir.as_deref(), &formats) {
        Ok(plan) => plan,
        Err(message) => return ctx.usage_error(&message),
    };
    let index = site::index_path(args.output.out_dir.as_deref(), &formats);
    if let Some(index) = &index
        && let Some((input, _)) = plan
            .iter()
            .find(|(_, targets)| targets.iter().any(|(_, t)| t == index))
    {
        return ctx.usage_error(&format!(
            "the page of `{}` would overwrite the site's `{}`; rename the journey",
            input.path.display(),
            index.display()
        ));
    }
    run_plan(&plan, index.as_deref(), ctx)
}

/// The requested formats, each once, in a fixed order.
pub(crate) fn formats(requested: &[Format]) -> Vec<Format> {
    let mut formats = requested.to_vec();
    formats.sort();
    formats.dedup();
    formats
}

/// Each input with its targets; two inputs writing the same output, or an
/// output overwriting a source, is a usage error.
pub(crate) fn plan(
    inputs: &[Input],
    out_dir: Option<&Path>,
    formats: &[Format],
) -> Result<Vec<(Input, job::Targets)>, String> {
    let mut owners: BTreeMap<PathBuf, &Path> = BTreeMap::new();
    let sources: Vec<&Path> = inputs.iter().map(|i| i.path.as_path()).collect();
    let mut plan = Vec::with_capacity(inputs.len());
    for input in inputs {
        let mut targets = Vec::with_capacity(formats.len());
        for format in formats {
            let target = job::target_path(input, out_dir, *format);
            if sources.contains(&target.as_path()) {
                return Err(format!(
                    "building `{}` would overwrite the source `{}`",
                    input.path.display(),
                    target.display()
                ));
            }
            if let Some(other) = owners.insert(target.clone(), &input.path) {
                return Err(format!(
                    "`{}` and `{}` would both be written to `{}`",
                    other.display(),
                    input.path.display(),
                    target.display()
                ));
            }
            targets.push((*format, target));
        }
        plan.push((input.clone(), targets));
    }
    Ok(plan)
}

/// How a batch of builds ended.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Summary {
    pub exit: Exit,
    pub built: usize,
    pub failed: usize,
    pub warnings: usize,
}

impl Summary {
    /// `built N, failed M, warnings K` (cli summary line).
    pub(crate) fn line(&self) -> String {
        format!(
            "built {}, failed {}, warnings {}",
            self.built, self.failed, self.warnings
        )
    }
}

fn run_plan(plan: &[(Input, job::Targets)], index: Option<&Path>, ctx: &Context) -> Exit {
    let (mut summary, maps) = build_all_maps(plan, ctx);
    if let Some(index) = index
        && let Err(e) = site::write_index(index, plan, &maps, ctx)
    {
        eprint_str(&format!("error: cannot write `{}`: {e}", index.display()));
        summary.exit = summary.exit.max(Exit::Usage);
    }
    if ctx.chatty() {
        eprint_str(&summary.line());
    }
    summary.exit
}

/// Builds every file on every core and prints each file's diagnostics in
/// input order; one bad file never stops the others.
pub(crate) fn build_all(plan: &[(Input, job::Targets)], ctx: &Context) -> Summary {
    build_all_maps(plan, ctx).0
}

/// [`build_all`], with what the index says of each map built (in plan
/// order; `None` for a file that failed).
fn build_all_maps(
    plan: &[(Input, job::Targets)],
    ctx: &Context,
) -> (Summary, Vec<Option<cjm::render::IndexMap>>) {
    let progress = progress_bar(plan.len(), ctx);
    let outcomes: Vec<job::Outcome> = plan
        .par_iter()
        .map(|(input, targets)| {
            let outcome = job::build(input, targets, ctx);
            progress.inc(1);
            outcome
        })
        .collect();
    progress.finish_and_clear();
    let mut summary = Summary::default();
    for outcome in &outcomes {
        eprint_str(&outcome.report);
        summary.exit = summary.exit.max(outcome.exit);
        summary.warnings += outcome.warnings;
        if outcome.exit == Exit::Ok {
            summary.built += 1;
        } else {
            summary.failed += 1;
        }
    }
    let maps = outcomes.into_iter().map(|o| o.map).collect();
    (summary, maps)
}

fn progress_bar(files: usize, ctx: &Context) -> ProgressBar {
    if files < PROGRESS_MIN_FILES || !ctx.chatty() || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(files as u64), ProgressDrawTarget::stderr());
    if let Ok(style) = ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar.set_message("building");
    bar
}

/// Why a journey without errors gave no output on stdout.
enum Unrendered {
    View(String),
    Render(String),
}

/// `cjm build - --format F`: stdin in, the one format out on stdout.
fn stdin(format: Format, ctx: &Context) -> Exit {
    let bytes = match source::read_stdin(ctx.compile.limits.max_file_size) {
        Ok(bytes) => bytes,
        Err(e) => return ctx.usage_error(&format!("cannot read stdin: {e}")),
    };
    let display = "<stdin>";
    let result = panics::catch(|| {
        let compilation = cjm::compile(&bytes, &ctx.compile);
        let output = match &compilation.journey {
            Some(journey) if !compilation.has_errors() => Some(
                job::check_view(journey, display, ctx)
                    .map_err(Unrendered::View)
                    .and_then(|()| {
                        let notes =
                            cjm::render::page_notes(&compilation.diagnostics, &compilation.source);
                        job::render(journey, format, &notes, ctx).map_err(Unrendered::Render)
                    }),
            ),
            _ => None,
        };
        (compilation, output)
    });
    let (compilation, output) = match result {
        Ok(result) => result,
        Err(message) => {
            eprint_str(&job::internal_error(display, &message).report);
            return Exit::Failed;
        }
    };
    ctx.reporter
        .print(display, &compilation.source, &compilation.diagnostics);
    match output {
        None => Exit::Failed,
        Some(Err(Unrendered::View(message))) => ctx.usage_error(&message),
        Some(Err(Unrendered::Render(message))) => {
            eprint_str(&format!("error: cannot render {display}: {message}"));
            Exit::Failed
        }
        Some(Ok(bytes)) => {
            let mut stdout = std::io::stdout().lock();
            match stdout.write_all(&bytes).and_then(|()| stdout.flush()) {
                Ok(()) => Exit::Ok,
                Err(e) => ctx.usage_error(&format!("cannot write stdout: {e}")),
            }
        }
    }
}
