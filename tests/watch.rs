//! `cjm watch` as a real child process on a temporary folder: saves,
//! broken saves, editors' save-by-rename, deletes, new files.

#[path = "cli/support.rs"]
mod support;

use std::fs;
use std::io::Read;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use support::*;

/// How long any one change may take to show (CI machines can be slow).
const PATIENCE: Duration = Duration::from_secs(20);

/// The running `cjm watch`; killed when the test ends, pass or fail.
struct Watch {
    child: Child,
    stderr: Arc<Mutex<String>>,
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Watch {
    fn start(dir: &Path, args: &[&str]) -> Watch {
        let mut child = Command::new(path_of_binary())
            .arg("watch")
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("cjm watch starts");
        let stderr = Arc::new(Mutex::new(String::new()));
        let mut pipe = child.stderr.take().expect("stderr is piped");
        let sink = Arc::clone(&stderr);
        thread::spawn(move || {
            let mut buf = [0u8; 4096];
            while let Ok(n) = pipe.read(&mut buf) {
                if n == 0 {
                    break;
                }
                sink.lock()
                    .unwrap()
                    .push_str(&String::from_utf8_lossy(&buf[..n]));
            }
        });
        let watch = Watch { child, stderr };
        watch.until("the first build", |w| w.stderr().contains("watching"));
        watch
    }

    fn stderr(&self) -> String {
        self.stderr.lock().unwrap().clone()
    }

    /// Polls `condition` until it holds; fails the test after PATIENCE.
    fn until(&self, what: &str, condition: impl Fn(&Watch) -> bool) {
        let start = Instant::now();
        while start.elapsed() < PATIENCE {
            if condition(self) {
                return;
            }
            thread::sleep(Duration::from_millis(25));
        }
        panic!(
            "timed out waiting for {what}; stderr so far:\n{}",
            self.stderr()
        );
    }

    /// Waits until `path` exists and contains `needle`.
    fn until_file_has(&self, path: &Path, needle: &str) {
        self.until(&format!("{} to contain {needle:?}", path.display()), |_| {
            fs::read_to_string(path).is_ok_and(|text| text.contains(needle))
        });
    }

    /// Waits until stderr has `needle` at least `count` times.
    fn until_stderr_count(&self, needle: &str, count: usize) {
        self.until(&format!("{count} × {needle:?} on stderr"), |w| {
            w.stderr().matches(needle).count() >= count
        });
    }
}

fn titled(title: &str) -> String {
    CLEAN.replace("\"Clean\"", &format!("\"{title}\""))
}

#[test]
fn a_save_rebuilds_the_file() {
    let dir = tree(&[("a.journey", &titled("First"))]);
    let watch = Watch::start(dir.path(), &["."]);
    let out = dir.path().join("a.svg");
    watch.until_file_has(&out, "First");
    write(dir.path(), "a.journey", &titled("Second"));
    watch.until_file_has(&out, "Second");
    // A status line per rebuild, with its duration.
    watch.until("a status line", |w| w.stderr().contains(" ms"));
}

#[test]
fn a_broken_save_prints_diagnostics_and_keeps_the_last_good_output() {
    let dir = tree(&[("a.journey", &titled("Good"))]);
    let watch = Watch::start(dir.path(), &["."]);
    let out = dir.path().join("a.svg");
    watch.until_file_has(&out, "Good");
    let good = fs::read(&out).unwrap();
    write(dir.path(), "a.journey", SYNTAX);
    watch.until("the syntax error", |w| w.stderr().contains("cjm::syntax"));
    assert_eq!(
        fs::read(&out).unwrap(),
        good,
        "the last good output was replaced"
    );
    // Still running: fixing the file rebuilds it.
    write(dir.path(), "a.journey", &titled("Fixed"));
    watch.until_file_has(&out, "Fixed");
}

#[test]
fn save_by_rename_is_seen() {
    let dir = tree(&[("a.journey", &titled("Before"))]);
    let watch = Watch::start(dir.path(), &["."]);
    let out = dir.path().join("a.svg");
    watch.until_file_has(&out, "Before");
    // What many editors do: write a temporary file, rename it over the original.
    let temp = write(dir.path(), ".a.journey.swp", &titled("Renamed"));
    fs::rename(&temp, dir.path().join("a.journey")).unwrap();
    watch.until_file_has(&out, "Renamed");
}

#[test]
fn save_by_rename_is_seen_when_watching_one_file() {
    let dir = tree(&[
        ("a.journey", &titled("Before")),
        ("other.journey", &titled("Other")),
    ]);
    let watch = Watch::start(dir.path(), &["a.journey", "--format", "json"]);
    let out = dir.path().join("a.json");
    watch.until_file_has(&out, "Before");
    let temp = write(dir.path(), "a.journey.tmp~", &titled("Renamed"));
    fs::rename(&temp, dir.path().join("a.journey")).unwrap();
    watch.until_file_has(&out, "Renamed");
    // Only the watched file is built.
    write(dir.path(), "other.journey", &titled("Other 2"));
    write(dir.path(), "a.journey", &titled("Last"));
    watch.until_file_has(&out, "Last");
    assert!(!dir.path().join("other.json").exists());
}

#[test]
fn delete_and_recreate() {
    let dir = tree(&[("a.journey", &titled("One"))]);
    let watch = Watch::start(dir.path(), &[".", "--format", "json"]);
    let out = dir.path().join("a.json");
    watch.until_file_has(&out, "One");
    fs::remove_file(dir.path().join("a.journey")).unwrap();
    watch.until("the removal", |w| w.stderr().contains("removed"));
    assert!(out.exists(), "the output of a deleted source is kept");
    write(dir.path(), "a.journey", &titled("Two"));
    watch.until_file_has(&out, "Two");
}

#[test]
fn new_files_are_picked_up_and_editor_files_ignored() {
    let dir = tree(&[("a.journey", &titled("A"))]);
    let watch = Watch::start(dir.path(), &[".", "--format", "json", "-o", "out"]);
    watch.until_file_has(&dir.path().join("out/a.json"), "\"A\"");
    for junk in [
        "a.journey~",
        ".a.journey.swp",
        "4913",
        ".#a.journey",
        "notes.txt",
    ] {
        write(dir.path(), junk, &titled("Junk"));
    }
    write(dir.path(), "b.journey", &titled("B"));
    watch.until_file_has(&dir.path().join("out/b.json"), "\"B\"");
    // A new folder with a journey in it.
    write(dir.path(), "sub/deep/c.journey", &titled("C"));
    watch.until_file_has(&dir.path().join("out/sub/deep/c.json"), "\"C\"");
    // A new folder can bring two events for one file; once the rebuilds
    // settle, only the outputs remain: no junk built, no temp file left.
    let out = dir.path().join("out");
    watch.until("only the three outputs in out/", |_| {
        listing(&out) == ["a.json", "b.json", "sub/deep/c.json"]
    });
}

#[test]
fn rebuilds_only_the_file_that_changed() {
    let dir = tree(&[("a.journey", &titled("A")), ("b.journey", &titled("B"))]);
    let watch = Watch::start(dir.path(), &[".", "--format", "json"]);
    watch.until_file_has(&dir.path().join("b.json"), "\"B\"");
    let b_before = fs::metadata(dir.path().join("b.json"))
        .unwrap()
        .modified()
        .unwrap();
    write(dir.path(), "a.journey", &titled("A2"));
    watch.until_file_has(&dir.path().join("a.json"), "A2");
    watch.until_stderr_count("built 1, failed 0", 1);
    let b_after = fs::metadata(dir.path().join("b.json"))
        .unwrap()
        .modified()
        .unwrap();
    assert_eq!(b_before, b_after, "b.json was rewritten");
}

#[cfg(unix)]
#[test]
fn ctrl_c_exits_0() {
    let dir = tree(&[("a.journey", &titled("A"))]);
    let mut watch = Watch::start(dir.path(), &[".", "--format", "json"]);
    let status = Command::new("kill")
        .args(["-INT", &watch.child.id().to_string()])
        .status()
        .expect("kill runs");
    assert!(status.success());
    let start = Instant::now();
    loop {
        if let Some(status) = watch.child.try_wait().unwrap() {
            assert_eq!(status.code(), Some(0), "{}", watch.stderr());
            break;
        }
        assert!(start.elapsed() < PATIENCE, "watch did not stop on SIGINT");
        thread::sleep(Duration::from_millis(25));
    }
}
