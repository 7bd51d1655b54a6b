//! `cjm check PATH…`: parse, resolve and lint; write nothing.

use std::path::PathBuf;

use rayon::prelude::*;

use super::diagnostics::eprint_str;
use super::{Context, Exit, job, paths};

pub(crate) fn run(roots: &[PathBuf], ctx: &Context) -> Exit {
    let inputs = match paths::discover(roots) {
        Ok(inputs) => inputs,
        Err(e) => return ctx.usage_error(&e.0),
    };
    let outcomes: Vec<job::Outcome> = inputs
        .par_iter()
        .map(|input| job::check(input, ctx))
        .collect();
    let mut exit = Exit::Ok;
    let (mut failed, mut warnings) = (0, 0);
    for outcome in &outcomes {
        eprint_str(&outcome.report);
        exit = exit.max(outcome.exit);
        warnings += outcome.warnings;
        if outcome.exit != Exit::Ok {
            failed += 1;
        }
    }
    if ctx.chatty() {
        eprint_str(&format!(
            "checked {}, failed {failed}, warnings {warnings}",
            outcomes.len()
        ));
    }
    exit
}
