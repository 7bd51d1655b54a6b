//! Running the real `cjm` binary on files in a temporary folder.

#![allow(dead_code)] // each test binary uses a different part

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

/// A journey with no diagnostic at all.
pub const CLEAN: &str = r#"journey "Clean" {
  persona ana "Ana" { goal "Tea" }
  team shop "Shop"
  channel web "Web" online
  stage find "Find" {
    owner shop
    touchpoint ad "Ad" { channel web; emotion 1 "Curious" }
  }
  stage buy "Buy" {
    owner shop
    touchpoint pay "Pay" { channel web; emotion 2 "Happy" }
  }
  flow ad -> pay
  flow pay -> find "Comes back"
}
"#;

/// A journey whose only diagnostic is the `empty-stage` warning.
pub const WARNING: &str = r#"journey "Warning" {
  persona ana "Ana"
  team shop "Shop"
  channel web "Web" online
  stage find "Find" {
    owner shop
    touchpoint ad "Ad" { channel web; emotion 1 }
  }
  stage wait "Wait" { owner shop }
  flow ad -> find
}
"#;

/// `owner marketng` on line 7: an unknown reference, close to `marketing`.
pub const TYPO: &str = r#"journey "Typo" {
  persona ana "Ana"
  team marketing "Marketing"
  channel web "Web" online
  stage find "Find" {
    touchpoint ad "Ad" { channel web; emotion 1 }
    owner marketng
  }
  flow ad -> find
}
"#;
pub const TYPO_LINE: usize = 7;

/// Does not parse.
pub const SYNTAX: &str = "journey \"Broken\" {\n  stage find \"Find\" {\n    touchpoint\n";

/// Parses, but in an odd layout that `fmt` changes.
pub const UNFORMATTED: &str = "journey \"Messy\" {\n      persona ana \"Ana\"\n  team shop \"Shop\"; channel web \"Web\" online\nstage find \"Find\" { owner shop\n touchpoint ad \"Ad\" { channel web; emotion 1 } }\n flow ad -> find\n}\n";

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stdout_bytes: Vec<u8>,
    pub stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stdout_bytes: output.stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Asserts the exit code, showing the output when it is wrong.
    pub fn code(&self, expected: i32) -> &Run {
        assert_eq!(
            self.code, expected,
            "exit code {} (expected {expected})\n--- stdout\n{}\n--- stderr\n{}",
            self.code, self.stdout, self.stderr
        );
        self
    }

    pub fn stderr_has(&self, needle: &str) -> &Run {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}:\n{}",
            self.stderr
        );
        self
    }
}

pub fn path_of_binary() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_cjm"))
}

/// `cjm ARGS…` in `dir`, with colour off.
pub fn cjm_in(dir: &Path, args: &[&str]) -> Run {
    cjm_stdin(dir, args, "")
}

/// `cjm ARGS…` in `dir` with `input` on stdin.
pub fn cjm_stdin(dir: &Path, args: &[&str], input: &str) -> Run {
    let output = assert_cmd::Command::new(path_of_binary())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .write_stdin(input)
        .output()
        .expect("cjm runs");
    Run::from(output)
}

/// A temporary folder holding `files` (relative path, content).
pub fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("a temporary folder");
    for (path, content) in files {
        write(dir.path(), path, content);
    }
    dir
}

pub fn write(dir: &Path, path: &str, content: &str) -> PathBuf {
    let path = dir.join(path);
    fs::create_dir_all(path.parent().expect("a parent")).expect("folders");
    fs::write(&path, content).expect("write");
    path
}

pub fn read(dir: &Path, path: &str) -> String {
    fs::read_to_string(dir.join(path)).unwrap_or_else(|e| panic!("read {path}: {e}"))
}

/// Every file below `dir`, relative, sorted (to assert on what a build wrote).
pub fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    fn walk(root: &Path, dir: &Path, out: &mut Vec<String>) {
        for entry in fs::read_dir(dir).expect("list") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                walk(root, &path, out);
            } else {
                let rel = path.strip_prefix(root).expect("below root");
                out.push(rel.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    walk(dir, dir, &mut out);
    out.sort();
    out
}
