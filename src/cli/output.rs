//! Writing files so that a reader never sees half of one: the bytes go to a
//! temporary file in the same folder, which is then renamed into place. On
//! any error the old file is left as it was.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Writes `bytes` to `path` atomically, creating missing parent folders and
/// keeping the permissions of the file it replaces.
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    stage(path, |out| out.write_all(bytes))?.commit()
}

/// An output written in full to its temporary file, not yet in place.
/// Dropped without `commit`, the temporary file is removed and the old
/// output stays as it was.
#[derive(Debug)]
pub(crate) struct Staged {
    temp: Temp,
    path: PathBuf,
}

/// The file an output replaced, moved aside under the output's temporary
/// name: removed when dropped. Removing a big file (freeing its blocks)
/// takes milliseconds, which a caller may spend alongside other work.
#[derive(Debug)]
#[must_use = "the replaced file is removed when this is dropped"]
pub(crate) struct Replaced {
    _old: Temp,
}

impl Staged {
    /// Where the output goes.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    /// Puts the output in place and removes the file it replaced.
    pub(crate) fn commit(self) -> io::Result<()> {
        self.swap().map(drop)
    }

    /// Puts the output in place in one step (readers see the old file or
    /// the new one, never neither); the file it replaced, if any, is
    /// returned to be removed.
    pub(crate) fn swap(mut self) -> io::Result<Replaced> {
        let temp = std::mem::take(&mut self.temp.0);
        if exchange::exchange(&temp, &self.path).is_ok() {
            let old = Temp(temp);
            if fs::symlink_metadata(&old.0).is_ok_and(|m| m.is_dir()) {
                // A folder was put where the output goes since it was
                // staged: undo, and fail as a rename onto it would have.
                let _ = exchange::exchange(&old.0, &self.path);
                return Err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "a folder is in the way",
                ));
            }
            return Ok(Replaced { _old: old });
        }
        let result = fs::rename(&temp, &self.path);
        if result.is_err() {
            // Best effort: the error that matters is the one we return.
            let _ = fs::remove_file(&temp);
        }
        result.map(|()| Replaced {
            _old: Temp(PathBuf::new()),
        })
    }
}

/// Swapping two paths in one step, where the system can.
///
/// Renaming a file over an existing one on ext4 makes the kernel allocate
/// and start writing out the new file's blocks there and then
/// (`auto_da_alloc`, a guard for programs that skip `fsync`): about 20 ms
/// for the 22 MB SVG of a 5,000-touchpoint map, longer than writing it.
/// Exchanging the two names skips that guard; cjm never promised
/// durability across a power cut (see `stage`), only that a reader sees a
/// whole file, which the exchange keeps.
mod exchange {
    use std::io;
    use std::path::Path;

    #[cfg(target_os = "linux")]
    pub(super) fn exchange(a: &Path, b: &Path) -> io::Result<()> {
        use std::ffi::CString;
        use std::os::unix::ffi::OsStrExt;
        let a = CString::new(a.as_os_str().as_bytes())?;
        let b = CString::new(b.as_os_str().as_bytes())?;
        // SAFETY: both paths are NUL-terminated strings that outlive the
        // call; the kernel only reads them. The system call (Linux 3.15)
        // rather than the libc wrapper, which older C libraries lack.
        let r = unsafe {
            libc::syscall(
                libc::SYS_renameat2,
                libc::AT_FDCWD,
                a.as_ptr(),
                libc::AT_FDCWD,
                b.as_ptr(),
                libc::RENAME_EXCHANGE,
            )
        };
        if r == 0 {
            Ok(())
        } else {
            Err(io::Error::last_os_error())
        }
    }

    /// Elsewhere the output is renamed over the old file.
    #[cfg(not(target_os = "linux"))]
    pub(super) fn exchange(_: &Path, _: &Path) -> io::Result<()> {
        Err(io::Error::from(io::ErrorKind::Unsupported))
    }
}

/// A temporary file removed when dropped (also when a panic unwinds
/// through the writing), unless its path was taken to rename it.
#[derive(Debug)]
struct Temp(PathBuf);

impl Drop for Temp {
    fn drop(&mut self) {
        if !self.0.as_os_str().is_empty() {
            let _ = fs::remove_file(&self.0);
        }
    }
}

/// Writes an output for `path` with `write` into a temporary file in the
/// same folder (streamed: a big map is never held whole in memory),
/// creating missing parent folders and keeping the permissions of the file
/// it will replace. Nothing is in place until `commit`.
pub(crate) fn stage(
    path: &Path,
    write: impl FnOnce(&mut (dyn Write + Send)) -> io::Result<()>,
) -> io::Result<Staged> {
    // Through a symlink, replace the file it points to, not the link.
    let path = match fs::symlink_metadata(path) {
        Ok(m) if m.file_type().is_symlink() => {
            // A dangling link is simply replaced.
            fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
        }
        _ => path.to_path_buf(),
    };
    let dir = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir)?;
    let existing = fs::metadata(&path).ok();
    // Found now rather than when renaming, so that no output of a build
    // is put in place while another one cannot be.
    if existing.as_ref().is_some_and(fs::Metadata::is_dir) {
        return Err(io::Error::new(
            io::ErrorKind::IsADirectory,
            "a folder is in the way",
        ));
    }
    let permissions = existing.map(|m| m.permissions());
    let (temp_path, file) = create_temp(&dir, &path)?;
    let temp = Temp(temp_path);
    // Unbuffered: the renderers hand over pieces of tens of kilobytes
    // already, and a buffer here would only copy them once more.
    let mut file = file;
    write(&mut file)?;
    // No `sync_all`: the rename already keeps readers from ever seeing
    // half a file, which is the promise. Flushing to the disk as well
    // (durability across a power cut, for outputs a rebuild remakes)
    // cost 1.5 to 7 ms per file, more than compiling and rendering a
    // small map, and made a build of 1,000 maps take several seconds.
    if let Some(permissions) = permissions {
        file.set_permissions(permissions)?;
    }
    Ok(Staged { temp, path })
}

/// A new hidden file next to `target`, named so that file discovery and
/// watchers ignore it.
fn create_temp(dir: &Path, target: &Path) -> io::Result<(PathBuf, File)> {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    loop {
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let temp = dir.join(format!(".{name}.{}.{n}.tmp", std::process::id()));
        match OpenOptions::new().write(true).create_new(true).open(&temp) {
            Ok(file) => return Ok((temp, file)),
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_content_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sub/map.svg");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"two");
        let names: Vec<_> = fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["map.svg"]);
    }

    /// A folder holding `map.svg` with "old" in it, and that file's path.
    fn old_output() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.svg");
        fs::write(&path, "old").unwrap();
        (dir, path)
    }

    fn names(dir: &Path) -> Vec<std::ffi::OsString> {
        let mut names: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn a_staged_output_is_in_place_only_once_committed() {
        let (dir, path) = old_output();
        let staged = stage(&path, |out| out.write_all(b"new")).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"old");
        staged.commit().unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(names(dir.path()), ["map.svg"]);
        // Dropped without commit: the old file stays, the temporary goes.
        drop(stage(&path, |out| out.write_all(b"newer")).unwrap());
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(names(dir.path()), ["map.svg"]);
    }

    #[test]
    fn a_failure_or_panic_while_writing_leaves_the_old_file_and_no_temp() {
        let (dir, path) = old_output();
        let failed = stage(&path, |out| {
            // A megabyte, so the file holds part of an output.
            out.write_all(&vec![b'x'; 1 << 20])?;
            Err(io::Error::other("the renderer gave up"))
        });
        assert_eq!(failed.unwrap_err().to_string(), "the renderer gave up");
        let panicked = std::panic::catch_unwind(|| {
            stage(&path, |out| {
                out.write_all(&vec![b'x'; 1 << 20])?;
                panic!("a bug while writing")
            })
        });
        assert!(panicked.is_err());
        assert_eq!(fs::read(&path).unwrap(), b"old");
        assert_eq!(names(dir.path()), ["map.svg"]);
    }

    #[test]
    fn a_swapped_output_keeps_the_old_file_aside_until_dropped() {
        let (dir, path) = old_output();
        let replaced = stage(&path, |out| out.write_all(b"new"))
            .unwrap()
            .swap()
            .unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        if cfg!(target_os = "linux") {
            // Exchanged, not renamed over: the old file is still there,
            // hidden, until it is dropped.
            let aside: Vec<_> = names(dir.path())
                .into_iter()
                .filter(|n| n != "map.svg")
                .collect();
            assert_eq!(aside.len(), 1, "{aside:?}");
            assert!(aside[0].to_string_lossy().starts_with(".map.svg."));
            assert_eq!(fs::read(dir.path().join(&aside[0])).unwrap(), b"old");
        }
        drop(replaced);
        assert_eq!(names(dir.path()), ["map.svg"]);
        // With nothing to replace, the output is simply renamed.
        let fresh = dir.path().join("fresh.svg");
        drop(
            stage(&fresh, |out| out.write_all(b"first"))
                .unwrap()
                .swap()
                .unwrap(),
        );
        assert_eq!(fs::read(&fresh).unwrap(), b"first");
        assert_eq!(names(dir.path()), ["fresh.svg", "map.svg"]);
    }

    #[test]
    fn a_folder_put_in_the_way_after_staging_is_an_error_and_stays() {
        let (dir, path) = old_output();
        let staged = stage(&path, |out| out.write_all(b"new")).unwrap();
        fs::remove_file(&path).unwrap();
        fs::create_dir(&path).unwrap();
        fs::write(path.join("inside"), "kept").unwrap();
        assert!(staged.swap().is_err());
        assert_eq!(fs::read(path.join("inside")).unwrap(), b"kept");
        assert_eq!(names(dir.path()), ["map.svg"]);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("map.journey");
        fs::write(&path, "x").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomic(&path, b"y").unwrap();
        assert_eq!(
            fs::metadata(&path).unwrap().permissions().mode() & 0o777,
            0o640
        );
    }

    #[cfg(unix)]
    #[test]
    fn writes_through_a_symlink() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("real.journey");
        let link = dir.path().join("link.journey");
        fs::write(&target, "old").unwrap();
        std::os::unix::fs::symlink(&target, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&target).unwrap(), b"new");
    }

    #[test]
    fn a_file_in_the_way_is_an_error_and_nothing_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let blocker = dir.path().join("out");
        fs::write(&blocker, "keep").unwrap();
        assert!(write_atomic(&blocker.join("map.svg"), b"x").is_err());
        assert_eq!(fs::read(&blocker).unwrap(), b"keep");
    }
}
