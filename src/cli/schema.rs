//! `cjm schema`: the JSON Schema of `build --format json`.

use std::io::Write;

use super::{Context, Exit};

pub(crate) fn run(ctx: &Context) -> Exit {
    let schema = cjm::render::json_schema();
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(schema.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Ok(()) => Exit::Ok,
        Err(e) => ctx.usage_error(&format!("cannot write stdout: {e}")),
    }
}
