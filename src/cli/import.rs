//! `cjm import mermaid FILE|- [-o FILE|DIR]`: Mermaid `journey` diagrams
//! (or the fenced ones of a Markdown file) → `.journey` files.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use cjm::import::{ImportedJourney, InputKind};

use super::diagnostics::eprint_str;
use super::output::write_atomic;
use super::{Context, Exit, panics, source};

pub(crate) fn mermaid(input: &Path, out: Option<&Path>, ctx: &Context) -> Exit {
    let stdin = input.as_os_str() == "-";
    let display = if stdin {
        "<stdin>".to_string()
    } else {
        input.display().to_string()
    };
    let max = cjm::limits::DEFAULT_MAX_FILE_SIZE;
    let read = if stdin {
        source::read_stdin(max)
    } else {
        source::read_file(input, max)
    };
    let bytes = match read {
        Ok(bytes) => bytes,
        Err(e) => return ctx.usage_error(&format!("cannot read `{display}`: {e}")),
    };
    if bytes.len() > max {
        return ctx.usage_error(&format!("`{display}` is larger than {max} bytes"));
    }
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return ctx.usage_error(&format!("`{display}` is not UTF-8 text"));
    };
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let extension = (!stdin)
        .then(|| input.extension().and_then(|e| e.to_str()))
        .flatten();
    let kind = InputKind::detect(extension, text);
    let stem = (!stdin)
        .then(|| input.file_stem().and_then(|s| s.to_str()))
        .flatten()
        .unwrap_or("Journey");
    let imported = match panics::catch(|| cjm::import::mermaid(text, kind, stem)) {
        Ok(imported) => imported,
        Err(message) => {
            eprint_str(&format!(
                "error: internal error while importing `{display}`: {message}\n  \
                 note: this is a bug in cjm; please report it with the file that triggers it"
            ));
            return Exit::Failed;
        }
    };
    ctx.reporter.print(&display, text, &imported.diagnostics);
    let failed = if imported.has_errors() {
        Exit::Failed
    } else {
        Exit::Ok
    };
    let several = imported.journeys.len() + usize::from(imported.has_errors()) > 1
        && kind == InputKind::Markdown;
    let written = match (out, several) {
        (None, true) => {
            return ctx.usage_error(&format!(
                "`{display}` holds several journeys: pass `-o DIR` to write one file each"
            ));
        }
        (None, false) => match imported.journeys.first() {
            Some(journey) => {
                let mut stdout = std::io::stdout().lock();
                if let Err(e) = stdout
                    .write_all(journey.text.as_bytes())
                    .and_then(|()| stdout.flush())
                {
                    return ctx.usage_error(&format!("cannot write stdout: {e}"));
                }
                vec![("<stdout>".to_string(), journey)]
            }
            None => Vec::new(),
        },
        (Some(out), _) => {
            let into_dir = several || out.is_dir();
            match write(&imported.journeys, out, into_dir, (!stdin).then_some(input)) {
                Ok(written) => written,
                Err(message) => return ctx.usage_error(&message),
            }
        }
    };
    if ctx.chatty() {
        eprint_str(&summary(&written, imported.skipped, ctx));
    }
    failed
}

/// Writes each journey (atomically); the paths written, with their journey.
fn write<'a>(
    journeys: &'a [ImportedJourney],
    out: &Path,
    into_dir: bool,
    input: Option<&Path>,
) -> Result<Vec<(String, &'a ImportedJourney)>, String> {
    let mut targets: Vec<(PathBuf, &ImportedJourney)> = Vec::new();
    if into_dir {
        let mut names = cjm::import::FileNames::default();
        for journey in journeys {
            targets.push((out.join(names.make(&journey.title)), journey));
        }
    } else if let Some(journey) = journeys.first() {
        targets.push((out.to_path_buf(), journey));
    }
    let source = input.and_then(|p| p.canonicalize().ok());
    for (path, _) in &targets {
        let existing = path.canonicalize().ok();
        if existing.is_some() && existing == source {
            return Err(format!(
                "importing would overwrite the input `{}`",
                path.display()
            ));
        }
    }
    let mut written = Vec::new();
    for (path, journey) in targets {
        write_atomic(&path, journey.text.as_bytes())
            .map_err(|e| format!("cannot write `{}`: {e}", path.display()))?;
        written.push((path.display().to_string(), journey));
    }
    Ok(written)
}

/// `imported 2 journeys …; cjm check will warn: no-owner (5), …`: what
/// was written and which lints its content will raise.
fn summary(written: &[(String, &ImportedJourney)], skipped: usize, ctx: &Context) -> String {
    let mut lints: BTreeMap<String, usize> = BTreeMap::new();
    for (_, journey) in written {
        let compilation = cjm::compile(journey.text.as_bytes(), &ctx.compile);
        for diagnostic in &compilation.diagnostics {
            *lints.entry(diagnostic.code.clone()).or_default() += 1;
        }
    }
    let files: Vec<&str> = written.iter().map(|(p, _)| p.as_str()).collect();
    let mut line = match written.len() {
        0 => "imported no journey".to_string(),
        1 => format!("imported 1 journey to {}", files[0]),
        n => format!("imported {n} journeys: {}", files.join(", ")),
    };
    if skipped > 0 {
        line.push_str(&format!(
            "; skipped {skipped} Mermaid block{} that {} not a journey",
            if skipped == 1 { "" } else { "s" },
            if skipped == 1 { "is" } else { "are" }
        ));
    }
    if !lints.is_empty() {
        let list: Vec<String> = lints.iter().map(|(c, n)| format!("{c} ({n})")).collect();
        line.push_str(&format!(
            "\nnote: `cjm check` will warn about what the Mermaid diagram does not say: {}",
            list.join(", ")
        ));
    }
    line
}
