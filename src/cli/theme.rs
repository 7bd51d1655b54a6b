//! `--theme`: a built-in theme by name, or a brand theme file.

use std::sync::Arc;

use super::Exit;
use super::diagnostics::{Reporter, eprint_str};

/// The theme `--theme VALUE` names. `light` and `dark` are the built-in
/// themes (a file of that name is `./light`); anything else is a theme
/// file, whose problems are reported as diagnostics of that file. A theme
/// that can't be used is a usage error (exit 2): no journey is at fault.
pub(crate) fn load(value: &str, reporter: &Reporter) -> Result<cjm::Theme, Exit> {
    match value {
        "light" => return Ok(cjm::Theme::Light),
        "dark" => return Ok(cjm::Theme::Dark),
        _ => {}
    }
    let text = match std::fs::read(value) {
        Ok(bytes) => match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(_) => {
                eprint_str(&format!(
                    "error: cannot read theme file `{value}`: it is not UTF-8 text"
                ));
                return Err(Exit::Usage);
            }
        },
        Err(e) => {
            eprint_str(&format!(
                "error: cannot read theme file `{value}`: {e}\n  \
                 help: `--theme` takes `light`, `dark` or the path of a TOML theme file"
            ));
            return Err(Exit::Usage);
        }
    };
    match cjm::render::Palette::from_toml(&text) {
        Ok(palette) => Ok(cjm::Theme::Custom(Arc::new(palette))),
        Err(diagnostics) => {
            reporter.print(value, &text, &diagnostics);
            Err(Exit::Usage)
        }
    }
}
