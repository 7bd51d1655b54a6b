//! `cjm build DIR --format html -o SITE`: `SITE/index.html`, listing every
//! map built, in path order, so that CI can publish the folder as it is.

use std::path::{Component, Path, PathBuf};

use super::args::Format;
use super::output::stage;
use super::paths::Input;
use super::{Context, job};

/// The index's path when this build writes one: HTML pages under `-o`.
pub(crate) fn index_path(out_dir: Option<&Path>, formats: &[Format]) -> Option<PathBuf> {
    let dir = out_dir?;
    formats
        .contains(&Format::Html)
        .then(|| dir.join("index.html"))
}

/// Writes the index of `plan` (the built maps' titles from `outcomes`, in
/// the same order), replacing the previous one in one step.
pub(crate) fn write_index(
    index: &Path,
    plan: &[(Input, job::Targets)],
    outcomes: &[Option<cjm::render::IndexMap>],
    ctx: &Context,
) -> std::io::Result<()> {
    let mut entries: Vec<(PathBuf, cjm::render::IndexEntry)> = plan
        .iter()
        .zip(outcomes)
        .map(|((input, targets), map)| {
            let page = targets
                .iter()
                .find(|(f, _)| *f == Format::Html)
                .map(|(_, p)| p.as_path())
                .unwrap_or(Path::new(""));
            let below = page
                .strip_prefix(index.parent().unwrap_or(Path::new("")))
                .unwrap_or(page);
            let entry = cjm::render::IndexEntry {
                href: href(below),
                source: input.path.display().to_string(),
                map: map.clone(),
            };
            (below.to_path_buf(), entry)
        })
        .collect();
    // Path order of the pages, as `paths::discover` sorts the sources.
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let entries: Vec<_> = entries.into_iter().map(|(_, e)| e).collect();
    let page = cjm::render::html_index(&entries, &ctx.render);
    stage(index, |out| out.write_all(page.as_bytes()))?
        .swap()
        .map(drop)
}

/// A relative URL of a path below the site: `/`-separated, each byte that
/// is not unreserved percent-encoded (a space, `#`, `?`, Hebrew…).
fn href(path: &Path) -> String {
    let mut out = String::new();
    for part in path.components() {
        let Component::Normal(name) = part else {
            continue;
        };
        if !out.is_empty() {
            out.push('/');
        }
        for b in name.to_string_lossy().bytes() {
            match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                    out.push(char::from(b))
                }
                _ => out.push_str(&format!("%{b:02X}")),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hrefs_are_relative_and_percent_encoded() {
        assert_eq!(href(Path::new("a/b c.html")), "a/b%20c.html");
        assert_eq!(href(Path::new("מפה.html")), "%D7%9E%D7%A4%D7%94.html");
        assert_eq!(href(Path::new("x#1?.html")), "x%231%3F.html");
    }
}
