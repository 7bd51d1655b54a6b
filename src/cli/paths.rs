//! Which files a command works on: the PATHs given, with every `*.journey`
//! under a folder (recursively, sorted, skipping hidden folders, `target/`
//! and `node_modules/`).

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

/// One journey file to work on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Input {
    /// The path to read, as the user will recognise it (root joined with
    /// the part below it).
    pub path: PathBuf,
    /// The path below the root the user gave (the file name when the root
    /// was the file itself); `-o DIR` mirrors this under DIR.
    pub relative: PathBuf,
}

/// Why the inputs could not be listed: a usage or I/O error (exit 2).
#[derive(Debug)]
pub(crate) struct DiscoverError(pub String);

/// Every input under `roots`, each file once, in the order of the roots
/// and sorted within each folder.
pub(crate) fn discover(roots: &[PathBuf]) -> Result<Vec<Input>, DiscoverError> {
    discover_in(roots, false)
}

/// As `discover`; with `allow_empty`, a folder without journeys is fine
/// (`watch` waits for files to appear in it).
pub(crate) fn discover_in(
    roots: &[PathBuf],
    allow_empty: bool,
) -> Result<Vec<Input>, DiscoverError> {
    let mut inputs: Vec<Input> = Vec::new();
    let mut seen: Vec<PathBuf> = Vec::new();
    for root in roots {
        let metadata = fs::metadata(root).map_err(|e| match e.kind() {
            io::ErrorKind::NotFound => {
                DiscoverError(format!("`{}` does not exist", root.display()))
            }
            _ => DiscoverError(format!("cannot read `{}`: {e}", root.display())),
        })?;
        let mut found = Vec::new();
        if metadata.is_dir() {
            walk(root, Path::new(""), &mut found)
                .map_err(|e| DiscoverError(format!("cannot list `{}`: {e}", root.display())))?;
            found.sort();
            if found.is_empty() && !allow_empty {
                return Err(DiscoverError(format!(
                    "no `.journey` files in `{}`",
                    root.display()
                )));
            }
        } else {
            // A file named explicitly is taken whatever its extension.
            let name = root
                .file_name()
                .map(PathBuf::from)
                .unwrap_or_else(|| root.clone());
            found.push(name);
        }
        for relative in found {
            let path = if metadata.is_dir() {
                root.join(&relative)
            } else {
                root.clone()
            };
            // The same file reached twice (a folder and a file in it) is built once.
            let identity = fs::canonicalize(&path).unwrap_or_else(|_| path.clone());
            if !seen.contains(&identity) {
                seen.push(identity);
                inputs.push(Input { path, relative });
            }
        }
    }
    Ok(inputs)
}

/// Collects the `.journey` files below `dir`, as paths relative to the root.
pub(crate) fn walk(root: &Path, below: &Path, found: &mut Vec<PathBuf>) -> io::Result<()> {
    for entry in fs::read_dir(root.join(below))? {
        let entry = entry?;
        let name = entry.file_name();
        let Some(name) = name.to_str() else {
            continue; // not valid Unicode: can't be a name we would print well
        };
        let relative = below.join(name);
        // Symlinked folders are not followed, so a link loop can't hang us.
        let file_type = entry.file_type()?;
        if file_type.is_dir() {
            if !skipped_folder(name) {
                walk(root, &relative, found)?;
            }
        } else if is_journey_name(name) && fs::metadata(entry.path()).is_ok_and(|m| m.is_file()) {
            found.push(relative);
        }
    }
    Ok(())
}

/// Folders never searched: hidden ones, build outputs, dependencies.
pub(crate) fn skipped_folder(name: &str) -> bool {
    name.starts_with('.') || name == "target" || name == "node_modules"
}

/// A journey source: ends in `.journey`, is not hidden, and is not an
/// editor's temporary or backup file.
pub(crate) fn is_journey_name(name: &str) -> bool {
    name.ends_with(".journey") && name.len() > ".journey".len() && !is_editor_temp(name)
}

/// Files editors write while saving (vim's `.swp` and `4913`, emacs's
/// `.#lock` and `#autosave#`, backups ending in `~`), and hidden files.
pub(crate) fn is_editor_temp(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".swo", ".tmp", ".bak"]
            .iter()
            .any(|ext| name.ends_with(ext))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn editor_files_are_not_journeys() {
        assert!(is_journey_name("map.journey"));
        assert!(is_journey_name("מסע.journey"));
        for name in [
            ".map.journey.swp",
            "map.journey~",
            ".#map.journey",
            "4913",
            ".journey",
            "map.svg",
        ] {
            assert!(!is_journey_name(name), "{name}");
        }
    }

    #[test]
    fn folders_are_walked_sorted_and_pruned() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for file in [
            "b.journey",
            "a/z.journey",
            "a/c.journey",
            ".git/x.journey",
            "target/t.journey",
            "node_modules/n.journey",
            "notes.txt",
            "a.journey",
        ] {
            let path = root.join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "").unwrap();
        }
        let inputs = discover(&[root.to_path_buf(), root.join("b.journey")]).unwrap();
        let relative: Vec<_> = inputs
            .iter()
            .map(|i| i.relative.to_str().unwrap().to_string())
            .collect();
        assert_eq!(
            relative,
            ["a/c.journey", "a/z.journey", "a.journey", "b.journey"]
        );
    }

    #[test]
    fn a_missing_path_is_an_error() {
        let error = discover(&[PathBuf::from("no/such/file.journey")]).unwrap_err();
        assert!(error.0.contains("does not exist"), "{}", error.0);
    }
}
