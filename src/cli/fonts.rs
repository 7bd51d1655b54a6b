//! `--font FILE` and `--font-dir DIR`: extra faces, registered before any
//! journey is compiled (the `missing-glyph` lint asks them too).

use std::path::{Path, PathBuf};

use super::Exit;
use super::diagnostics::eprint_str;

/// Font files by extension (case-insensitive).
const EXTENSIONS: [&str; 4] = ["ttf", "otf", "ttc", "otc"];

/// Reads and registers the fonts. A `--font` that can't be read or is no
/// font is a usage error; a file under `--font-dir` that is no font is
/// skipped with a warning (a system folder holds other files too).
pub(crate) fn load(files: &[PathBuf], dirs: &[PathBuf], quiet: bool) -> Result<(), Exit> {
    if files.is_empty() && dirs.is_empty() {
        return Ok(());
    }
    let mut paths: Vec<(PathBuf, bool)> = files.iter().map(|f| (f.clone(), true)).collect();
    for dir in dirs {
        let mut found = Vec::new();
        if let Err(e) = walk(dir, &mut found) {
            eprint_str(&format!(
                "error: cannot read font folder `{}`: {e}",
                dir.display()
            ));
            return Err(Exit::Usage);
        }
        found.sort();
        if found.is_empty() && !quiet {
            eprint_str(&format!(
                "warning: no font file (.ttf, .otf, .ttc, .otc) under `{}`",
                dir.display()
            ));
        }
        paths.extend(found.into_iter().map(|f| (f, false)));
    }
    let mut kept: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    for (path, given) in paths {
        let bytes = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(e) if given => {
                eprint_str(&format!(
                    "error: cannot read font `{}`: {e}",
                    path.display()
                ));
                return Err(Exit::Usage);
            }
            Err(_) => continue,
        };
        // Checked one by one so that a bad file in a folder is skipped.
        if let Err(why) = cjm::check_font(&bytes) {
            if given {
                eprint_str(&format!("error: `{}` is {why}", path.display()));
                return Err(Exit::Usage);
            }
            if !quiet {
                eprint_str(&format!("warning: skipping `{}`: {why}", path.display()));
            }
            continue;
        }
        kept.push((path, bytes));
    }
    let names: Vec<PathBuf> = kept.iter().map(|(p, _)| p.clone()).collect();
    match cjm::add_fonts(kept.into_iter().map(|(_, b)| b).collect()) {
        Ok(_) => Ok(()),
        Err((i, why)) => {
            let file = names
                .get(i)
                .map_or(String::new(), |p| format!("`{}`: ", p.display()));
            eprint_str(&format!("error: cannot use the fonts: {file}{why}"));
            Err(Exit::Usage)
        }
    }
}

/// Every font file below `dir`, skipping hidden entries.
fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let kind = entry.file_type()?;
        if kind.is_dir() || (kind.is_symlink() && path.is_dir()) {
            // An unreadable subfolder is skipped, not fatal.
            let _ = walk(&path, out);
        } else if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
        {
            out.push(path);
        }
    }
    Ok(())
}
