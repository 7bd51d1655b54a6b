//! `cjm fmt PATH… [--check]` and `cjm fmt -`: canonical form. Only parses,
//! never compiles; a file with syntax errors is reported and left alone.

use std::io::Write;
use std::path::PathBuf;

use cjm::{Diagnostic, Span};

use super::diagnostics::eprint_str;
use super::output::write_atomic;
use super::{Context, Exit, panics, paths, source};

pub(crate) fn run(roots: &[PathBuf], check: bool, ctx: &Context) -> Exit {
    if roots.iter().any(|p| p.as_os_str() == "-") {
        if roots.len() != 1 {
            return ctx.usage_error("`-` (stdin) can't be combined with other paths");
        }
        return stdin(check, ctx);
    }
    let inputs = match paths::discover(roots) {
        Ok(inputs) => inputs,
        Err(e) => return ctx.usage_error(&e.0),
    };
    let mut exit = Exit::Ok;
    let mut changed = 0;
    for input in &inputs {
        let display = input.path.display().to_string();
        let bytes = match source::read_file(&input.path, cjm::limits::DEFAULT_MAX_FILE_SIZE) {
            Ok(bytes) => bytes,
            Err(e) => {
                exit = exit.max(ctx.usage_error(&format!("cannot read `{display}`: {e}")));
                continue;
            }
        };
        let Some(formatted) = format(&display, &bytes, ctx) else {
            exit = exit.max(Exit::Failed);
            continue;
        };
        if formatted.as_bytes() == bytes {
            continue;
        }
        changed += 1;
        if check {
            // The list goes to stdout, one path a line, for scripts.
            println!("{display}");
            exit = exit.max(Exit::Failed);
        } else if let Err(e) = write_atomic(&input.path, formatted.as_bytes()) {
            exit = exit.max(ctx.usage_error(&format!("cannot write `{display}`: {e}")));
        }
    }
    if ctx.chatty() {
        let total = inputs.len();
        let summary = if check {
            format!("{changed} of {total} files would be reformatted")
        } else {
            format!("reformatted {changed} of {total} files")
        };
        eprint_str(&summary);
    }
    exit
}

/// The canonical text, or `None` after printing why it can't be formatted.
fn format(display: &str, bytes: &[u8], ctx: &Context) -> Option<String> {
    let Ok(source) = std::str::from_utf8(bytes) else {
        let lossy = String::from_utf8_lossy(bytes);
        let diagnostic = Diagnostic::error(
            "cjm::encoding",
            "the file is not valid UTF-8",
            Span::new(0, 0),
        )
        .with_help("save the file as UTF-8");
        ctx.reporter.print(display, &lossy, &[diagnostic]);
        return None;
    };
    match panics::catch(|| cjm::format::format(source)) {
        Ok(Ok(formatted)) => Some(formatted),
        Ok(Err(diagnostics)) => {
            ctx.reporter.print(display, source, &diagnostics);
            if ctx.chatty() {
                eprint_str(&format!(
                    "note: `{display}` has syntax errors and was left unchanged"
                ));
            }
            None
        }
        Err(message) => {
            eprint_str(&format!(
                "error: internal error while formatting `{display}`: {message}\n  \
                 note: this is a bug in cjm; the file was left unchanged"
            ));
            None
        }
    }
}

/// `cjm fmt -`: stdin in, canonical text out; with `--check`, only the
/// exit code says whether it would change.
fn stdin(check: bool, ctx: &Context) -> Exit {
    let bytes = match source::read_stdin(cjm::limits::DEFAULT_MAX_FILE_SIZE) {
        Ok(bytes) => bytes,
        Err(e) => return ctx.usage_error(&format!("cannot read stdin: {e}")),
    };
    let Some(formatted) = format("<stdin>", &bytes, ctx) else {
        return Exit::Failed;
    };
    if check {
        return if formatted.as_bytes() == bytes {
            Exit::Ok
        } else {
            Exit::Failed
        };
    }
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(formatted.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Exit::Ok,
        Err(e) => ctx.usage_error(&format!("cannot write stdout: {e}")),
    }
}
