//! Reading old versions from git by running the `git` the user has, in the
//! repository of the file at hand. Every failure is a message with a code
//! (`cjm explain` knows them).

use std::ffi::OsStr;
use std::path::Path;
use std::process::Command;

/// `git ARGS` in `dir`; stdout, or the coded message of what went wrong.
fn git(dir: &Path, args: &[&OsStr]) -> Result<Vec<u8>, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_OPTIONAL_LOCKS", "0")
        .output()
        .map_err(|e| {
            format!("cjm::git-missing: cannot run `git` ({e}); install git or put it on PATH")
        })?;
    if output.status.success() {
        return Ok(output.stdout);
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let message = stderr.trim();
    if message.contains("not a git repository") {
        return Err(format!(
            "cjm::git-no-repository: `{}` is not in a git repository",
            dir.display()
        ));
    }
    Err(format!("cjm::git-revision: {message}"))
}

fn os(s: &str) -> &OsStr {
    OsStr::new(s)
}

/// Checks that `rev` names a commit, for a clear message before anything else.
pub(crate) fn verify(dir: &Path, rev: &str) -> Result<(), String> {
    let spec = format!("{rev}^{{commit}}");
    git(
        dir,
        &[
            os("rev-parse"),
            os("--verify"),
            os("--quiet"),
            os("--end-of-options"),
            os(&spec),
        ],
    )
    .map(drop)
    .map_err(|e| {
        if e.starts_with("cjm::git-revision") {
            format!("cjm::git-revision: unknown revision `{rev}`")
        } else {
            e
        }
    })
}

/// `git show REV:PATH` run in `dir`: the file's bytes at that revision.
pub(crate) fn show(dir: &Path, rev: &str, path: &str) -> Result<Vec<u8>, String> {
    verify(dir, rev)?;
    let spec = format!("{rev}:{path}");
    git(dir, &[os("show"), os(&spec)]).map_err(|e| {
        if e.starts_with("cjm::git-revision") {
            format!("cjm::git-path: `{path}` is not in revision `{rev}`")
        } else {
            e
        }
    })
}

/// One journey file that differs between a revision and the work tree:
/// paths relative to `dir`, `None` for the side where it does not exist.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Changed {
    pub old: Option<String>,
    pub new: Option<String>,
}

/// Every `.journey` file under `pathspec` (relative to `dir`) that differs
/// between `rev` and the work tree, renames paired, untracked new files
/// included (a user running this before `git add` expects to see them).
pub(crate) fn changed(dir: &Path, rev: &str, pathspec: &OsStr) -> Result<Vec<Changed>, String> {
    verify(dir, rev)?;
    let out = git(
        dir,
        &[
            os("-c"),
            os("core.quotePath=false"),
            os("diff"),
            os("--name-status"),
            os("-z"),
            os("--relative"),
            os("--no-ext-diff"),
            os("-M"),
            os(rev),
            os("--"),
            pathspec,
        ],
    )?;
    let text = String::from_utf8_lossy(&out);
    let mut fields = text.split('\0').filter(|f| !f.is_empty());
    let mut files = Vec::new();
    while let Some(status) = fields.next() {
        let mut path = || fields.next().map(str::to_string);
        let entry = match status.chars().next() {
            Some('A') => Changed {
                old: None,
                new: path(),
            },
            Some('D') => Changed {
                old: path(),
                new: None,
            },
            Some('R') | Some('C') => {
                let old = path();
                let new = path();
                Changed {
                    old: if status.starts_with('C') { None } else { old },
                    new,
                }
            }
            _ => {
                let p = path();
                Changed {
                    old: p.clone(),
                    new: p,
                }
            }
        };
        files.push(entry);
    }
    let untracked = git(
        dir,
        &[
            os("ls-files"),
            os("-z"),
            os("--others"),
            os("--exclude-standard"),
            os("--"),
            pathspec,
        ],
    )?;
    for p in String::from_utf8_lossy(&untracked)
        .split('\0')
        .filter(|f| !f.is_empty())
    {
        files.push(Changed {
            old: None,
            new: Some(p.to_string()),
        });
    }
    let journey = |p: &Option<String>| p.as_deref().is_some_and(|p| p.ends_with(".journey"));
    files.retain(|c| journey(&c.old) || journey(&c.new));
    files.sort_by(|a, b| {
        a.new
            .as_ref()
            .or(a.old.as_ref())
            .cmp(&b.new.as_ref().or(b.old.as_ref()))
    });
    Ok(files)
}
