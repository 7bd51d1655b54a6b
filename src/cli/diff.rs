//! `cjm diff OLD NEW`, `cjm diff --rev REV [PATH…]` and `cjm diff
//! --git-driver …` (cli.md "v1.1: `cjm diff`"): compile both sides, compare
//! the models (`cjm::diff`), print the changes in the chosen format.

use std::io::Write;
use std::path::{Path, PathBuf};

use cjm::diff::{Diff, Side};
use cjm::model::Journey;

use super::args::{DiffArgs, DiffFormat};
use super::diagnostics::eprint_str;
use super::output::write_atomic;
use super::{Context, Exit, git, source};

pub(crate) fn run(args: &DiffArgs, ctx: &Context) -> Exit {
    if args.git_driver {
        return driver(args, ctx);
    }
    let result = match &args.rev {
        Some(rev) => rev_mode(rev, &args.args, args.format, ctx),
        None => pair(&args.args, args.format, ctx).map(|(text, exit)| (Output::One(text), exit)),
    };
    let (output, exit) = match result {
        Ok(done) => done,
        Err(message) => return ctx.usage_error(&message),
    };
    let written = match output {
        Output::One(text) => emit(&text, args.out.as_deref()),
        Output::Maps(maps) => emit_maps(&maps, args.out.as_deref()),
    };
    match written {
        Ok(()) => exit,
        Err(message) => ctx.usage_error(&message),
    }
}

/// What a diff run prints: one text, or (`--rev … --format svg`) one map
/// per changed file.
enum Output {
    One(String),
    /// (the file's path, its marked map).
    Maps(Vec<(PathBuf, String)>),
}

/// The maps of `--rev … --format svg`: a single map goes where one output
/// would (stdout or `-o FILE`); several need `-o DIR`, where each is
/// written as its journey's path with `.svg` (an SVG file cannot hold
/// two maps, and stdout would be one unreadable stream).
fn emit_maps(maps: &[(PathBuf, String)], out: Option<&Path>) -> Result<(), String> {
    let into_dir = out.is_some_and(|o| o.is_dir()) || maps.len() > 1;
    if !into_dir {
        let text = maps
            .first()
            .map(|(_, svg)| svg.as_str())
            .unwrap_or_default();
        return emit(text, out);
    }
    let Some(dir) = out else {
        return Err(format!(
            "{} journeys changed and `--format svg` draws one map each: give a folder with `-o DIR`",
            maps.len()
        ));
    };
    if dir.exists() && !dir.is_dir() {
        return Err(format!(
            "{} journeys changed: `-o {}` must be a folder for their maps",
            maps.len(),
            dir.display()
        ));
    }
    for (path, svg) in maps {
        let target = dir.join(map_name(path));
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| format!("cannot create `{}`: {e}", parent.display()))?;
        }
        write_atomic(&target, svg.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", target.display()))?;
    }
    Ok(())
}

/// `examples/michal.journey` → `examples/michal.svg`, kept inside the
/// output folder (no root, no `..`).
fn map_name(path: &Path) -> PathBuf {
    let inside: PathBuf = path
        .components()
        .filter(|c| matches!(c, std::path::Component::Normal(_)))
        .collect();
    inside.with_extension("svg")
}

/// Writes the output to `-o FILE` (atomically) or stdout.
fn emit(text: &str, out: Option<&Path>) -> Result<(), String> {
    match out {
        Some(path) => write_atomic(path, text.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", path.display())),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
                .map_err(|e| format!("cannot write stdout: {e}"))
        }
    }
}

/// The compiled model of one side, or `None` after printing why it does
/// not compile.
fn compile(display: &str, bytes: &[u8], ctx: &Context) -> Option<Journey> {
    let compilation = cjm::compile(bytes, &ctx.compile);
    if compilation.has_errors() {
        ctx.reporter
            .print(display, &compilation.source, &compilation.diagnostics);
        return None;
    }
    compilation.journey
}

/// Reads one side named on the command line: `-`, a path, or `REV:PATH`
/// (`git show` semantics, in the current directory's repository). A file
/// that exists wins over the `REV:PATH` reading of its name.
fn read_side(arg: &str, ctx: &Context) -> Result<Vec<u8>, String> {
    let max = ctx.compile.limits.max_file_size;
    if arg == "-" {
        return source::read_stdin(max).map_err(|e| format!("cannot read stdin: {e}"));
    }
    let path = Path::new(arg);
    if path.exists() {
        return source::read_file(path, max).map_err(|e| format!("cannot read `{arg}`: {e}"));
    }
    match arg.split_once(':') {
        Some((rev, file)) if !rev.is_empty() => git::show(Path::new("."), rev, file),
        _ => Err(format!("cannot read `{arg}`: no such file")),
    }
}

/// What a diff prints in `format`.
fn render(diff: &Diff, format: DiffFormat, ctx: &Context) -> String {
    match format {
        DiffFormat::Text => cjm::diff::text(diff),
        DiffFormat::Markdown => cjm::diff::markdown(diff),
        DiffFormat::Json => cjm::diff::json(diff),
        // A deleted file has no new map (only the git driver gets here
        // with one): its text diff says so.
        DiffFormat::Svg => {
            cjm::diff::svg(diff, &ctx.render).unwrap_or_else(|| cjm::diff::text(diff))
        }
    }
}

/// `cjm diff OLD NEW`.
fn pair(args: &[String], format: DiffFormat, ctx: &Context) -> Result<(String, Exit), String> {
    let [old, new] = args else {
        return Err("`cjm diff` takes two sides, OLD and NEW (or `--rev REV [PATH…]`)".to_string());
    };
    if old == "-" && new == "-" {
        return Err("`-` (stdin) can be one side only".to_string());
    }
    let old_bytes = read_side(old, ctx)?;
    let new_bytes = read_side(new, ctx)?;
    let name = |a: &str| {
        if a == "-" {
            "<stdin>".to_string()
        } else {
            a.to_string()
        }
    };
    let (old_name, new_name) = (name(old), name(new));
    let a = compile(&old_name, &old_bytes, ctx);
    let b = compile(&new_name, &new_bytes, ctx);
    let (Some(a), Some(b)) = (a, b) else {
        return Ok((String::new(), Exit::Usage));
    };
    let diff = Diff::of(
        Side {
            file: Some(&old_name),
            journey: Some(&a),
        },
        Side {
            file: Some(&new_name),
            journey: Some(&b),
        },
    );
    let exit = if diff.is_empty() {
        Exit::Ok
    } else {
        Exit::Failed
    };
    Ok((render(&diff, format, ctx), exit))
}

/// `cjm diff --rev REV [PATH…]`: every journey file that differs between
/// REV and the work tree, one diff after the other.
fn rev_mode(
    rev: &str,
    paths: &[String],
    format: DiffFormat,
    ctx: &Context,
) -> Result<(Output, Exit), String> {
    let paths: Vec<String> = if paths.is_empty() {
        vec![".".to_string()]
    } else {
        paths.to_vec()
    };
    let mut seen: Vec<PathBuf> = Vec::new();
    let mut text = String::new();
    let mut maps = Vec::new();
    let mut exit = Exit::Ok;
    let max = ctx.compile.limits.max_file_size;
    for arg in &paths {
        let path = Path::new(arg);
        // git runs in the folder of the path, so each file is read from
        // its own repository.
        let (dir, spec) = if path.is_dir() {
            (path.to_path_buf(), std::ffi::OsString::from("."))
        } else {
            let dir = path
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let name = path
                .file_name()
                .map(|n| n.to_os_string())
                .unwrap_or_else(|| ".".into());
            (dir.to_path_buf(), name)
        };
        for file in git::changed(&dir, rev, &spec)? {
            let shown = |rel: &str| {
                let p = dir.join(rel);
                p.strip_prefix(".").map(Path::to_path_buf).unwrap_or(p)
            };
            let key = shown(
                file.new
                    .as_deref()
                    .or(file.old.as_deref())
                    .unwrap_or_default(),
            );
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let old = match &file.old {
                Some(rel) => {
                    let name = format!("{rev}:{}", shown(rel).display());
                    let bytes = git::show(&dir, rev, &format!("./{rel}"))?;
                    Some((name, bytes))
                }
                None => None,
            };
            let new = match &file.new {
                Some(rel) => {
                    let p = shown(rel);
                    let bytes = source::read_file(&dir.join(rel), max)
                        .map_err(|e| format!("cannot read `{}`: {e}", p.display()))?;
                    Some((p.display().to_string(), bytes))
                }
                None => None,
            };
            let a = old.as_ref().map(|(n, b)| compile(n, b, ctx));
            let b = new.as_ref().map(|(n, b)| compile(n, b, ctx));
            if matches!(a, Some(None)) || matches!(b, Some(None)) {
                exit = Exit::Usage;
                continue;
            }
            let (a, b) = (a.flatten(), b.flatten());
            let diff = Diff::of(
                Side {
                    file: old.as_ref().map(|(n, _)| n.as_str()),
                    journey: a.as_ref(),
                },
                Side {
                    file: new.as_ref().map(|(n, _)| n.as_str()),
                    journey: b.as_ref(),
                },
            );
            if diff.is_empty() {
                continue;
            }
            exit = exit.max(Exit::Failed);
            if format == DiffFormat::Svg {
                match cjm::diff::svg(&diff, &ctx.render) {
                    Some(svg) => maps.push((shown(file.new.as_deref().unwrap_or_default()), svg)),
                    None => eprint_str(&format!(
                        "note: `{}` was deleted; it has no map to draw",
                        old.as_ref().map(|(n, _)| n.as_str()).unwrap_or_default()
                    )),
                }
                continue;
            }
            if !text.is_empty() && format != DiffFormat::Json {
                text.push('\n');
            }
            text.push_str(&render(&diff, format, ctx));
        }
    }
    let output = if format == DiffFormat::Svg {
        Output::Maps(maps)
    } else {
        Output::One(text)
    };
    Ok((output, exit))
}

/// `cjm diff --git-driver PATH OLD-FILE OLD-HEX OLD-MODE NEW-FILE NEW-HEX
/// NEW-MODE`, as git's `diff.journey.command` calls it. Exits 0 whenever
/// it could print: a side that does not compile falls back to git's own
/// line diff after its diagnostics.
fn driver(args: &DiffArgs, ctx: &Context) -> Exit {
    let a = &args.args;
    if a.len() == 1 {
        let _ = emit(&format!("* Unmerged path {}\n", a[0]), None);
        return Exit::Ok;
    }
    if a.len() != 7 {
        return ctx.usage_error(&format!(
            "`--git-driver` takes the seven arguments git passes (path old-file old-hex old-mode new-file new-hex new-mode), got {}",
            a.len()
        ));
    }
    let (path, old_file, new_file) = (&a[0], &a[1], &a[4]);
    let max = ctx.compile.limits.max_file_size;
    let read = |file: &str| -> Result<Option<Vec<u8>>, String> {
        if file == "/dev/null" {
            return Ok(None);
        }
        source::read_file(Path::new(file), max)
            .map(Some)
            .map_err(|e| format!("cannot read `{file}`: {e}"))
    };
    let (old, new) = match (read(old_file), read(new_file)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => return ctx.usage_error(&e),
    };
    let old_name = format!("a/{path}");
    let new_name = format!("b/{path}");
    let ja = old.as_ref().map(|b| compile(&old_name, b, ctx));
    let jb = new.as_ref().map(|b| compile(&new_name, b, ctx));
    if matches!(ja, Some(None)) || matches!(jb, Some(None)) {
        let which = if matches!(ja, Some(None)) {
            "old"
        } else {
            "new"
        };
        let mut text = format!(
            "--- {old_name}\n+++ {new_name}\nthe {which} version does not compile; the text diff follows\n"
        );
        let lines = std::process::Command::new("git")
            .args(["diff", "--no-index", "--no-ext-diff", "--no-color", "--"])
            .args([old_file, new_file])
            .output();
        if let Ok(out) = lines {
            text.push_str(&String::from_utf8_lossy(&out.stdout));
        }
        let _ = emit(&text, args.out.as_deref());
        return Exit::Ok;
    }
    let (ja, jb) = (ja.flatten(), jb.flatten());
    let diff = Diff::of(
        Side {
            file: ja.is_some().then_some(old_name.as_str()),
            journey: ja.as_ref(),
        },
        Side {
            file: jb.is_some().then_some(new_name.as_str()),
            journey: jb.as_ref(),
        },
    );
    match emit(&render(&diff, args.format, ctx), args.out.as_deref()) {
        Ok(()) => Exit::Ok,
        Err(message) => {
            eprint_str(&format!("error: {message}"));
            Exit::Usage
        }
    }
}
