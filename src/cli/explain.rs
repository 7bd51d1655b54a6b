//! `cjm explain CODE`: what an error code or lint means, and the fix.

use std::io::Write;

use super::diagnostics::eprint_str;
use super::{Context, Exit, panics, suggest};

pub(crate) fn run(code: &str, ctx: &Context) -> Exit {
    let text = match panics::catch(|| cjm::explain::explain(code)) {
        Ok(text) => text,
        Err(message) => {
            eprint_str(&format!(
                "error: internal error while explaining `{code}`: {message}"
            ));
            return Exit::Failed;
        }
    };
    match text {
        Some(text) => {
            let mut stdout = std::io::stdout().lock();
            let mut text = text;
            if !text.ends_with('\n') {
                text.push('\n');
            }
            match stdout
                .write_all(text.as_bytes())
                .and_then(|()| stdout.flush())
            {
                Ok(()) => Exit::Ok,
                Err(e) => ctx.usage_error(&format!("cannot write stdout: {e}")),
            }
        }
        None => {
            let name = code.strip_prefix("cjm::").unwrap_or(code);
            // Every code `explain` knows, so the list can't drift from it.
            let known: Vec<String> = cjm::explain::codes()
                .map(|c| c.trim_start_matches("cjm::").to_string())
                .collect();
            let errors: Vec<&str> = known
                .iter()
                .map(String::as_str)
                .filter(|c| !cjm::lint::LINTS.contains(c))
                .collect();
            let mut message = format!("unknown code `{code}`");
            match suggest::closest(name, known.iter().map(String::as_str)) {
                Some(close) => message.push_str(&format!("; did you mean `cjm::{close}`?")),
                None => message.push_str(&format!(
                    "\n  the codes are: {}\n  the lints are: {}",
                    errors.join(", "),
                    cjm::lint::LINTS.join(", ")
                )),
            }
            ctx.usage_error(&message)
        }
    }
}
