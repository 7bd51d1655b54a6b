//! `cjm watch PATH… [-o DIR] [--format …]`: build, then rebuild the files
//! that changed on every save. Keeps running through errors (the last good
//! outputs stay in place), survives deletes, renames and editors' save-by-
//! rename, and picks up new files in watched folders.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify_debouncer_full::notify::event::{AccessKind, AccessMode};
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, new_debouncer};

use super::args::{Format, WatchArgs};
use super::diagnostics::eprint_str;
use super::paths::{self, Input};
use super::{Context, Exit, build, job, preview};

/// Saves closer together than this are one rebuild.
const DEBOUNCE: Duration = Duration::from_millis(100);
/// How often the loop looks at the Ctrl-C flag while idle.
const POLL: Duration = Duration::from_millis(100);

/// A PATH given on the command line.
#[derive(Debug)]
enum Root {
    /// A folder: every journey below it, including new ones.
    Folder { given: PathBuf, absolute: PathBuf },
    /// One file; its folder is watched so that a save-by-rename or a
    /// delete-and-recreate is seen.
    File { given: PathBuf, absolute: PathBuf },
}

pub(crate) fn run(args: &WatchArgs, ctx: &Context) -> Exit {
    if args.paths.iter().any(|p| p.as_os_str() == "-") {
        return ctx.usage_error("`watch` needs files or folders, not `-` (stdin)");
    }
    let formats = build::formats(&args.output.format);
    let out_dir = args.output.out_dir.as_deref();
    let roots = match roots(&args.paths) {
        Ok(roots) => roots,
        Err(message) => return ctx.usage_error(&message),
    };
    let inputs = match paths::discover_in(&args.paths, true) {
        Ok(inputs) => inputs,
        Err(e) => return ctx.usage_error(&e.0),
    };
    let plan = match build::plan(&inputs, out_dir, &formats) {
        Ok(plan) => plan,
        Err(message) => return ctx.usage_error(&message),
    };

    interrupt::install();
    let (sender, events) = mpsc::channel::<DebounceEventResult>();
    let mut debouncer = match new_debouncer(DEBOUNCE, None, sender) {
        Ok(debouncer) => debouncer,
        Err(e) => return ctx.usage_error(&format!("cannot watch for changes: {e}")),
    };
    for root in &roots {
        let (path, mode) = match root {
            Root::Folder { absolute, .. } => (absolute.as_path(), RecursiveMode::Recursive),
            Root::File { absolute, .. } => (parent(absolute), RecursiveMode::NonRecursive),
        };
        if let Err(e) = debouncer.watch(path, mode) {
            return ctx.usage_error(&format!("cannot watch `{}`: {e}", path.display()));
        }
    }

    let preview = match &args.serve {
        Some(addr) => match preview::start(addr.as_deref()) {
            Ok(preview) => Some(preview),
            Err(message) => return ctx.usage_error(&message),
        },
        None => None,
    };

    rebuild(&plan, ctx, preview.as_ref());
    if ctx.chatty() {
        let shown: Vec<String> = args
            .paths
            .iter()
            .map(|p| format!("`{}`", p.display()))
            .collect();
        eprint_str(&format!(
            "watching {} for changes (Ctrl-C to stop)",
            shown.join(", ")
        ));
    }

    while !interrupt::requested() {
        let batch = match events.recv_timeout(POLL) {
            Ok(batch) => batch,
            Err(RecvTimeoutError::Timeout) => continue,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        // Take every batch already waiting, so one burst is one rebuild.
        let mut changed: Vec<PathBuf> = Vec::new();
        for batch in std::iter::once(batch).chain(events.try_iter()) {
            match batch {
                Ok(batch) => {
                    for event in batch {
                        if is_change(&event.kind) {
                            changed.extend(event.paths.iter().cloned());
                        }
                    }
                }
                Err(errors) => {
                    for e in errors {
                        eprint_str(&format!("warning: file watcher: {e}"));
                    }
                }
            }
        }
        let (rebuild_now, removed) = affected(&roots, &changed);
        for input in &removed {
            if let Some(preview) = &preview {
                preview::remove(preview, input);
            }
            if ctx.chatty() {
                eprint_str(&format!(
                    "`{}` was removed; its outputs are kept",
                    input.path.display()
                ));
            }
        }
        if rebuild_now.is_empty() {
            continue;
        }
        let plan: Vec<(Input, job::Targets)> = rebuild_now
            .into_iter()
            .map(|input| {
                let targets = targets(&input, out_dir, &formats);
                (input, targets)
            })
            .collect();
        rebuild(&plan, ctx, preview.as_ref());
    }
    Exit::Ok
}

/// Builds `plan` (and shows it in the preview, if one runs) and prints one
/// status line with how long it took.
fn rebuild(plan: &[(Input, job::Targets)], ctx: &Context, preview: Option<&cjm::serve::Preview>) {
    let start = Instant::now();
    let summary = build::build_all(plan, ctx);
    if let Some(preview) = preview {
        preview::publish_all(preview, plan, ctx);
    }
    if ctx.chatty() {
        let ms = start.elapsed().as_millis();
        eprint_str(&format!("{} in {ms} ms", summary.line()));
    }
}

fn targets(input: &Input, out_dir: Option<&Path>, formats: &[Format]) -> job::Targets {
    formats
        .iter()
        .map(|f| (*f, job::target_path(input, out_dir, *f)))
        .collect()
}

fn roots(given: &[PathBuf]) -> Result<Vec<Root>, String> {
    given
        .iter()
        .map(|path| {
            let metadata = fs::metadata(path)
                .map_err(|e| format!("cannot watch `{}`: {e}", path.display()))?;
            let canonical = |p: &Path| {
                fs::canonicalize(p).map_err(|e| format!("cannot watch `{}`: {e}", path.display()))
            };
            if metadata.is_dir() {
                Ok(Root::Folder {
                    given: path.clone(),
                    absolute: canonical(path)?,
                })
            } else {
                let name = path
                    .file_name()
                    .ok_or_else(|| format!("`{}` is not a file name", path.display()))?;
                let folder = match path.parent() {
                    Some(p) if !p.as_os_str().is_empty() => p,
                    _ => Path::new("."),
                };
                Ok(Root::File {
                    given: path.clone(),
                    absolute: canonical(folder)?.join(name),
                })
            }
        })
        .collect()
}

fn parent(path: &Path) -> &Path {
    path.parent().unwrap_or(Path::new("/"))
}

/// Events that may mean a source changed. Reads (ours included, when we
/// build) are not changes; a write being closed is.
fn is_change(kind: &EventKind) -> bool {
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

/// The journeys among `changed` paths, split into those to rebuild (they
/// exist) and those that are gone; each once, in path order.
fn affected(roots: &[Root], changed: &[PathBuf]) -> (Vec<Input>, Vec<Input>) {
    let mut found: BTreeMap<PathBuf, Input> = BTreeMap::new();
    for path in changed {
        for root in roots {
            match root {
                Root::File { given, absolute } => {
                    if path == absolute {
                        let relative = given.file_name().map(PathBuf::from).unwrap_or_default();
                        found.insert(
                            given.clone(),
                            Input {
                                path: given.clone(),
                                relative,
                            },
                        );
                    }
                }
                Root::Folder { given, absolute } => {
                    let Ok(relative) = path.strip_prefix(absolute) else {
                        continue;
                    };
                    if !in_watched_folder(relative) {
                        continue;
                    }
                    let full = given.join(relative);
                    if full.is_dir() {
                        // A folder moved in or created: everything in it is new.
                        let mut below = Vec::new();
                        if paths::walk(given, relative, &mut below).is_ok() {
                            for relative in below {
                                let path = given.join(&relative);
                                found.insert(path.clone(), Input { path, relative });
                            }
                        }
                    } else if relative
                        .file_name()
                        .and_then(|n| n.to_str())
                        .is_some_and(paths::is_journey_name)
                    {
                        found.insert(
                            full.clone(),
                            Input {
                                path: full,
                                relative: relative.to_path_buf(),
                            },
                        );
                    }
                }
            }
        }
    }
    found.into_values().partition(|input| input.path.is_file())
}

/// Whether a path below a watched folder is in a folder we search (not
/// hidden, not `target/` or `node_modules/`).
fn in_watched_folder(relative: &Path) -> bool {
    let folders = relative
        .parent()
        .map(|p| p.components().count())
        .unwrap_or(0);
    relative.components().take(folders).all(|c| {
        c.as_os_str()
            .to_str()
            .is_some_and(|name| !paths::skipped_folder(name))
    })
}

/// Ctrl-C (and SIGTERM) ends `watch` with exit code 0 after the current
/// rebuild; a second Ctrl-C ends it at once.
mod interrupt {
    use std::sync::atomic::{AtomicBool, Ordering};

    static REQUESTED: AtomicBool = AtomicBool::new(false);

    pub(super) fn requested() -> bool {
        REQUESTED.load(Ordering::SeqCst)
    }

    #[cfg(unix)]
    pub(super) fn install() {
        extern "C" fn on_signal(_: libc::c_int) {
            // Only async-signal-safe work here: an atomic swap and _exit.
            if REQUESTED.swap(true, Ordering::SeqCst) {
                // SAFETY: _exit is async-signal-safe and ends the process.
                unsafe { libc::_exit(130) };
            }
        }
        let handler = on_signal as extern "C" fn(libc::c_int) as libc::sighandler_t;
        // SAFETY: the handler only touches an atomic and calls _exit, both
        // allowed in a signal handler; installing it has no other effect.
        unsafe {
            libc::signal(libc::SIGINT, handler);
            libc::signal(libc::SIGTERM, handler);
        }
    }

    /// Elsewhere, Ctrl-C keeps the platform's default behaviour.
    #[cfg(not(unix))]
    pub(super) fn install() {}
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn searched_folders() {
        assert!(in_watched_folder(Path::new("map.journey")));
        assert!(in_watched_folder(Path::new("a/b/map.journey")));
        assert!(!in_watched_folder(Path::new(".git/map.journey")));
        assert!(!in_watched_folder(Path::new("a/node_modules/map.journey")));
    }

    #[test]
    fn reads_are_not_changes() {
        use notify_debouncer_full::notify::event::{CreateKind, ModifyKind};
        assert!(!is_change(&EventKind::Access(AccessKind::Open(
            AccessMode::Read
        ))));
        assert!(is_change(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(is_change(&EventKind::Create(CreateKind::File)));
        assert!(is_change(&EventKind::Modify(ModifyKind::Any)));
    }
}
