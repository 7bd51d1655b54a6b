//! `cjm init [FILE]`: a commented starter journey that shows every
//! construct of the language and checks clean.

use std::fs;
use std::path::{Path, PathBuf};

use super::diagnostics::eprint_str;
use super::output::write_atomic;
use super::{Context, Exit};

/// The template; tests check that it compiles without any diagnostic.
pub(crate) const STARTER: &str = include_str!("starter.journey");

/// Written when no FILE is given, or inside FILE when it is a folder.
pub(crate) const DEFAULT_NAME: &str = "map.journey";

pub(crate) fn run(file: Option<&Path>, ctx: &Context) -> Exit {
    let path = match file {
        None => PathBuf::from(DEFAULT_NAME),
        Some(dir) if dir.is_dir() => dir.join(DEFAULT_NAME),
        Some(file) => file.to_path_buf(),
    };
    // symlink_metadata: a dangling link is also something we won't replace.
    if fs::symlink_metadata(&path).is_ok() {
        return ctx.usage_error(&format!(
            "`{}` already exists; `cjm init` never overwrites a file (give another name, or remove it first)",
            path.display()
        ));
    }
    if let Err(e) = write_atomic(&path, STARTER.as_bytes()) {
        return ctx.usage_error(&format!("cannot write `{}`: {e}", path.display()));
    }
    if ctx.chatty() {
        let shown = path.display();
        eprint_str(&format!(
            "wrote `{shown}`; next: `cjm build {shown}` renders it to an SVG map"
        ));
    }
    Exit::Ok
}
