//! `cjm diff` reading old versions from a real git repository made in a
//! temporary folder: `--rev`, `REV:PATH` sides, and the git diff driver.

use std::path::Path;
use std::process::Command as Process;

use assert_cmd::Command;

const OLD: &str = "tests/fixtures/diff/emotions-two-personas/old.journey";
const NEW: &str = "tests/fixtures/diff/emotions-two-personas/new.journey";
const HE_OLD: &str = "tests/fixtures/diff/hebrew/old.journey";
const HE_NEW: &str = "tests/fixtures/diff/hebrew/new.journey";

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Process::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn copy(from: &str, dir: &Path, to: &str) {
    std::fs::copy(from, dir.join(to)).unwrap();
}

/// A repository with two commits: the first has the old versions of
/// `map.journey`, `my map.journey` and `מסע.journey` and a file that is
/// deleted later; the work tree then has the new versions and a new file.
fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    git(d, &["init", "-q"]);
    copy(OLD, d, "map.journey");
    copy(OLD, d, "my map.journey");
    copy(HE_OLD, d, "מסע.journey");
    copy(OLD, d, "gone.journey");
    git(d, &["add", "."]);
    git(d, &["commit", "-qm", "one"]);
    copy(NEW, d, "map.journey");
    copy(NEW, d, "my map.journey");
    copy(HE_NEW, d, "מסע.journey");
    std::fs::remove_file(d.join("gone.journey")).unwrap();
    copy(HE_OLD, d, "added.journey");
    git(d, &["add", "-A"]);
    git(d, &["commit", "-qm", "two"]);
    dir
}

fn cjm(dir: &Path, args: &[&str]) -> (String, String, i32) {
    let out = Command::cargo_bin("cjm")
        .unwrap()
        .current_dir(dir)
        .args(args)
        .output()
        .unwrap();
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn rev_compares_every_changed_journey_including_added_and_deleted_ones() {
    let dir = repo();
    let (out, err, code) = cjm(dir.path(), &["diff", "--rev", "HEAD~1"]);
    assert_eq!(code, 1, "{err}");
    for header in [
        "--- HEAD~1:map.journey\n+++ map.journey",
        "--- HEAD~1:my map.journey\n+++ my map.journey",
        "--- HEAD~1:מסע.journey\n+++ מסע.journey",
        "--- HEAD~1:gone.journey\n+++ /dev/null",
        "--- /dev/null\n+++ added.journey",
    ] {
        assert!(out.contains(header), "{header}\n{out}");
    }
    assert!(out.contains("~ emotion (michal) -1 → 1 (+2)"), "{out}");
    assert!(out.contains("~ emotion (מיכל) -2 → 0 (+2)"), "{out}");
    // JSON: one object per file, as JSON lines.
    let (json, _, _) = cjm(dir.path(), &["diff", "--rev", "HEAD~1", "--format", "json"]);
    assert_eq!(json.lines().count(), 5, "{json}");
    for line in json.lines() {
        serde_json::from_str::<serde_json::Value>(line).unwrap();
    }
    // Nothing changed since HEAD: exit 0, nothing printed.
    let (out, _, code) = cjm(dir.path(), &["diff", "--rev", "HEAD"]);
    assert_eq!((out.as_str(), code), ("", 0));
    // A path limits the files compared.
    let (out, _, _) = cjm(dir.path(), &["diff", "--rev", "HEAD~1", "my map.journey"]);
    assert_eq!(out.matches("+++ ").count(), 1, "{out}");
}

#[test]
fn rev_colon_path_sides_read_from_git() {
    let dir = repo();
    let (out, err, code) = cjm(dir.path(), &["diff", "HEAD~1:map.journey", "map.journey"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        out.starts_with("--- HEAD~1:map.journey\n+++ map.journey\n"),
        "{out}"
    );
    assert!(out.contains("(+2)"), "{out}");
    let (out, _, code) = cjm(
        dir.path(),
        &["diff", "HEAD~1:מסע.journey", "HEAD:מסע.journey"],
    );
    assert_eq!(code, 1);
    assert!(out.contains("אין תשלום בביט"), "{out}");
}

#[test]
fn git_errors_are_coded() {
    let dir = repo();
    let (_, err, code) = cjm(dir.path(), &["diff", "--rev", "nope-rev"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("cjm::git-revision") && err.contains("nope-rev"),
        "{err}"
    );
    let (_, err, code) = cjm(dir.path(), &["diff", "HEAD:missing.journey", "map.journey"]);
    assert_eq!(code, 2);
    assert!(err.contains("cjm::git-path"), "{err}");
    let plain = tempfile::tempdir().unwrap();
    let (_, err, code) = cjm(plain.path(), &["diff", "--rev", "HEAD"]);
    assert_eq!(code, 2);
    assert!(err.contains("cjm::git-no-repository"), "{err}");
}

#[test]
fn git_diff_uses_the_driver() {
    let dir = repo();
    let d = dir.path();
    std::fs::write(d.join(".gitattributes"), "*.journey diff=journey\n").unwrap();
    let exe = assert_cmd::cargo::cargo_bin("cjm");
    let command = format!("diff.journey.command={} diff --git-driver", exe.display());
    let out = Process::new("git")
        .current_dir(d)
        .args([
            "-c",
            &command,
            "-c",
            "core.quotePath=false",
            "diff",
            "HEAD~1",
            "HEAD",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("--- a/map.journey\n+++ b/map.journey"),
        "{text}"
    );
    assert!(text.contains("~ emotion (dana) -2 → -1 (+1)"), "{text}");
    assert!(text.contains("--- a/my map.journey"), "{text}");
    assert!(text.contains("~ emotion (מיכל) -2 → 0 (+2)"), "{text}");
    assert!(
        text.contains("--- /dev/null\n+++ b/added.journey"),
        "{text}"
    );
    assert!(text.contains("--- a/gone.journey\n+++ /dev/null"), "{text}");
    assert!(
        !text.contains("@@"),
        "no line diff for journeys that compile: {text}"
    );
}

#[test]
fn the_driver_falls_back_to_the_line_diff_when_a_side_does_not_compile() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("bad.journey"), "journey \"x\" {\n").unwrap();
    let good = Path::new(OLD).canonicalize().unwrap();
    let good = good.to_str().unwrap();
    let (out, _, code) = cjm(
        d,
        &[
            "diff",
            "--git-driver",
            "map.journey",
            good,
            "0",
            "100644",
            "bad.journey",
            "0",
            "100644",
        ],
    );
    assert_eq!(code, 0);
    assert!(out.contains("does not compile"), "{out}");
    assert!(out.contains("@@"), "{out}");
}

#[test]
fn rev_svg_writes_one_marked_map_per_changed_journey_into_a_folder() {
    let dir = repo();
    let (_, err, code) = cjm(dir.path(), &["diff", "--rev", "HEAD~1", "--format", "svg"]);
    assert_eq!(code, 2, "several maps need a folder: {err}");
    assert!(err.contains("-o DIR"), "{err}");

    let (out, err, code) = cjm(
        dir.path(),
        &["diff", "--rev", "HEAD~1", "--format", "svg", "-o", "maps"],
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("gone.journey` was deleted"), "{err}");
    let maps = dir.path().join("maps");
    let mut names: Vec<String> = std::fs::read_dir(&maps)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["added.svg", "map.svg", "my map.svg", "מסע.svg"]);
    let map = std::fs::read_to_string(maps.join("map.svg")).unwrap();
    assert!(map.starts_with("<svg") && map.contains("class=\"diff-changed\" data-id=\"pay\""));
    // Everything in a new file is new.
    let added = std::fs::read_to_string(maps.join("added.svg")).unwrap();
    assert!(added.contains("class=\"diff-added\""));
}

#[test]
fn rev_svg_of_one_changed_journey_goes_to_stdout() {
    let dir = repo();
    let (out, err, code) = cjm(
        dir.path(),
        &["diff", "--rev", "HEAD~1", "--format", "svg", "map.journey"],
    );
    assert_eq!(code, 1, "{err}");
    assert!(out.starts_with("<svg") && out.contains("class=\"diff-old-curve\""));
}
