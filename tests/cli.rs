//! The `cjm` command line, run as a real process (cli.md).

#[path = "cli/support.rs"]
mod support;

use std::fs;

use support::*;

// ---- exit codes -------------------------------------------------------

#[test]
fn check_of_a_clean_file_exits_0() {
    let dir = tree(&[("map.journey", CLEAN)]);
    cjm_in(dir.path(), &["check", "map.journey"]).code(0);
}

#[test]
fn check_of_a_file_with_errors_exits_1() {
    let dir = tree(&[("map.journey", TYPO)]);
    cjm_in(dir.path(), &["check", "map.journey"]).code(1);
}

#[test]
fn warnings_pass_unless_denied() {
    let dir = tree(&[("map.journey", WARNING)]);
    cjm_in(dir.path(), &["check", "map.journey"])
        .code(0)
        .stderr_has("empty-stage");
    cjm_in(dir.path(), &["check", "--deny-warnings", "map.journey"]).code(1);
    cjm_in(dir.path(), &["--deny-warnings", "check", "map.journey"]).code(1);
    cjm_in(dir.path(), &["check", "-D", "empty-stage", "map.journey"]).code(1);
    cjm_in(
        dir.path(),
        &["check", "--deny", "cjm::empty-stage", "map.journey"],
    )
    .code(1);
    // Allowed lints don't count, even with --deny-warnings.
    let run = cjm_in(
        dir.path(),
        &[
            "check",
            "--deny-warnings",
            "-A",
            "empty-stage",
            "map.journey",
        ],
    );
    run.code(0);
    assert!(!run.stderr.contains("empty-stage"), "{}", run.stderr);
    // The last flag naming a lint wins.
    cjm_in(
        dir.path(),
        &[
            "check",
            "-D",
            "empty-stage",
            "-W",
            "empty-stage",
            "map.journey",
        ],
    )
    .code(0);
}

#[test]
fn a_missing_file_exits_2_with_a_clear_message() {
    let dir = tree(&[]);
    cjm_in(dir.path(), &["check", "nope.journey"])
        .code(2)
        .stderr_has("nope.journey")
        .stderr_has("does not exist");
    cjm_in(dir.path(), &["build", "nope.journey"]).code(2);
    cjm_in(dir.path(), &["fmt", "nope.journey"]).code(2);
}

#[test]
fn an_unknown_lint_flag_exits_2_with_a_suggestion() {
    let dir = tree(&[("map.journey", CLEAN)]);
    cjm_in(dir.path(), &["check", "-D", "empty-stag", "map.journey"])
        .code(2)
        .stderr_has("did you mean `empty-stage`");
    cjm_in(dir.path(), &["-A", "no-such-lint", "check", "map.journey"]).code(2);
}

#[test]
fn an_unknown_option_exits_2() {
    let dir = tree(&[("map.journey", CLEAN)]);
    cjm_in(dir.path(), &["build", "--frobnicate", "map.journey"]).code(2);
    cjm_in(dir.path(), &["build", "--format", "gif", "map.journey"]).code(2);
}

// ---- diagnostics formats ---------------------------------------------

#[test]
fn typo_in_an_owner_shows_code_line_caret_and_suggestion() {
    let dir = tree(&[("map.journey", TYPO)]);
    let run = cjm_in(dir.path(), &["check", "map.journey"]);
    run.code(1)
        .stderr_has("cjm::unknown-reference")
        .stderr_has("owner marketng")
        .stderr_has("did you mean")
        .stderr_has("marketing")
        .stderr_has(&TYPO_LINE.to_string());
    assert!(
        run.stderr.contains('^') || run.stderr.contains('┬') || run.stderr.contains('─'),
        "no underline under the span:\n{}",
        run.stderr
    );
    // Colour is off without a terminal and with NO_COLOR.
    assert!(
        !run.stderr.contains('\u{1b}'),
        "escape codes in:\n{}",
        run.stderr
    );
}

#[test]
fn json_diagnostics_are_one_object_per_line() {
    let dir = tree(&[("map.journey", TYPO)]);
    let run = cjm_in(
        dir.path(),
        &["check", "--diagnostics", "json", "map.journey"],
    );
    run.code(1);
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    assert!(!lines.is_empty(), "no diagnostics");
    let mut found = false;
    for line in lines {
        let value: serde_json::Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        for key in [
            "file",
            "severity",
            "code",
            "message",
            "line",
            "column",
            "end_line",
            "end_column",
        ] {
            assert!(value.get(key).is_some(), "{key} missing in {line}");
        }
        if value["code"] == "cjm::unknown-reference" {
            found = true;
            assert_eq!(value["severity"], "error");
            assert_eq!(value["line"], TYPO_LINE);
            assert_eq!(value["column"], 11, "the column of `marketng`");
            assert!(value["file"].as_str().unwrap().ends_with("map.journey"));
        }
    }
    assert!(found, "no unknown-reference in:\n{}", run.stderr);
}

#[test]
fn github_diagnostics_are_workflow_commands() {
    let dir = tree(&[("map.journey", TYPO), ("warn.journey", WARNING)]);
    let run = cjm_in(dir.path(), &["check", "--diagnostics", "github", "."]);
    run.code(1);
    let error = run
        .stderr
        .lines()
        // `:` in a property may be escaped as `%3A`, as GitHub's toolkit does.
        .find(|l| {
            l.starts_with("::error ")
                && l.replace("%3A", ":")
                    .contains("title=cjm::unknown-reference")
        })
        .unwrap_or_else(|| panic!("no ::error line in:\n{}", run.stderr));
    assert!(
        error.contains("file=") && error.contains("map.journey"),
        "{error}"
    );
    assert!(error.contains(&format!("line={TYPO_LINE},")), "{error}");
    assert!(error.contains("col=11"), "{error}");
    assert!(
        run.stderr
            .lines()
            .any(|l| l.starts_with("::warning ")
                && l.replace("%3A", ":").contains("cjm::empty-stage")),
        "no ::warning line in:\n{}",
        run.stderr
    );
}

// ---- build ------------------------------------------------------------

#[test]
fn build_json_of_a_folder_writes_one_json_per_file() {
    let dir = tree(&[
        ("a.journey", CLEAN),
        ("sub/b.journey", CLEAN),
        ("sub/.hidden/c.journey", CLEAN),
        ("target/d.journey", CLEAN),
        ("node_modules/e.journey", CLEAN),
    ]);
    cjm_in(dir.path(), &["build", "--format", "json", "."]).code(0);
    let files = listing(dir.path());
    let json: Vec<&String> = files.iter().filter(|f| f.ends_with(".json")).collect();
    assert_eq!(json, ["a.json", "sub/b.json"]);
    let value: serde_json::Value = serde_json::from_str(&read(dir.path(), "a.json")).unwrap();
    assert_eq!(value["version"], 1);
    assert_eq!(value["title"], "Clean");
}

#[test]
fn build_writes_several_formats_next_to_the_source() {
    let dir = tree(&[("map.journey", CLEAN)]);
    cjm_in(
        dir.path(),
        &["build", "--format", "svg,json", "map.journey"],
    )
    .code(0);
    assert!(read(dir.path(), "map.svg").contains("<svg"));
    assert!(read(dir.path(), "map.json").contains("\"version\""));
    // svg is the default format.
    fs::remove_file(dir.path().join("map.svg")).unwrap();
    cjm_in(dir.path(), &["build", "map.journey"]).code(0);
    assert!(dir.path().join("map.svg").is_file());
}

#[test]
fn out_dir_mirrors_relative_paths() {
    let dir = tree(&[
        ("maps/a.journey", CLEAN),
        ("maps/deep/er/b.journey", CLEAN),
        ("one.journey", CLEAN),
    ]);
    cjm_in(
        dir.path(),
        &[
            "build",
            "maps",
            "one.journey",
            "-o",
            "out",
            "--format",
            "json",
        ],
    )
    .code(0);
    let out: Vec<String> = listing(dir.path())
        .into_iter()
        .filter(|f| f.starts_with("out/"))
        .collect();
    assert_eq!(out, ["out/a.json", "out/deep/er/b.json", "out/one.json"]);
    // Nothing next to the sources.
    assert!(!dir.path().join("maps/a.json").exists());
}

#[test]
fn two_inputs_writing_the_same_output_is_a_usage_error() {
    let dir = tree(&[("x/map.journey", CLEAN), ("y/map.journey", CLEAN)]);
    cjm_in(
        dir.path(),
        &["build", "x/map.journey", "y/map.journey", "-o", "out"],
    )
    .code(2)
    .stderr_has("would both be written");
}

#[test]
fn build_from_stdin_writes_to_stdout() {
    let dir = tree(&[]);
    let run = cjm_stdin(dir.path(), &["build", "-", "--format", "json"], CLEAN);
    run.code(0);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).expect("JSON on stdout");
    assert_eq!(value["title"], "Clean");
    assert!(listing(dir.path()).is_empty(), "build - wrote files");

    let run = cjm_stdin(dir.path(), &["build", "-", "--format", "svg"], CLEAN);
    run.code(0);
    assert!(run.stdout.contains("<svg"));

    // Errors: diagnostics on stderr, nothing on stdout.
    let run = cjm_stdin(dir.path(), &["build", "-", "--format", "json"], TYPO);
    run.code(1).stderr_has("cjm::unknown-reference");
    assert!(run.stdout.is_empty());

    // Exactly one format.
    cjm_stdin(dir.path(), &["build", "-", "--format", "svg,json"], CLEAN).code(2);
}

#[test]
fn one_broken_file_does_not_stop_the_others() {
    let dir = tree(&[
        ("a.journey", CLEAN),
        ("b.journey", SYNTAX),
        ("c.journey", WARNING),
        ("d/e.journey", CLEAN),
    ]);
    let run = cjm_in(dir.path(), &["build", "--format", "json", "."]);
    run.code(1)
        .stderr_has("cjm::syntax")
        .stderr_has("built 3, failed 1, warnings 1");
    let files = listing(dir.path());
    for written in ["a.json", "c.json", "d/e.json"] {
        assert!(
            files.contains(&written.to_string()),
            "{written} missing: {files:?}"
        );
    }
    assert!(!files.contains(&"b.json".to_string()));
    // --quiet drops the summary, not the diagnostics.
    let run = cjm_in(dir.path(), &["build", "--quiet", "--format", "json", "."]);
    run.code(1).stderr_has("cjm::syntax");
    assert!(!run.stderr.contains("built 3"), "{}", run.stderr);
}

#[test]
fn a_broken_file_keeps_its_previous_output() {
    let dir = tree(&[("map.journey", CLEAN)]);
    cjm_in(dir.path(), &["build", "--format", "json", "map.journey"]).code(0);
    let before = read(dir.path(), "map.json");
    write(dir.path(), "map.journey", SYNTAX);
    cjm_in(dir.path(), &["build", "--format", "json", "map.journey"]).code(1);
    assert_eq!(read(dir.path(), "map.json"), before);
}

/// The outputs of one file are replaced together or not at all: when one
/// of them cannot be written, the others keep their previous content.
#[test]
fn an_output_that_cannot_be_written_leaves_the_others_as_they_were() {
    let dir = tree(&[("map.journey", CLEAN)]);
    cjm_in(
        dir.path(),
        &["build", "--format", "svg,json", "map.journey"],
    )
    .code(0);
    let svg_before = read(dir.path(), "map.svg");
    // A folder (not empty) where the JSON goes: it cannot be replaced.
    fs::remove_file(dir.path().join("map.json")).unwrap();
    write(dir.path(), "map.json/keep.txt", "keep");
    write(
        dir.path(),
        "map.journey",
        &CLEAN.replace("\"Clean\"", "\"Renamed\""),
    );
    cjm_in(
        dir.path(),
        &["build", "--format", "svg,json", "map.journey"],
    )
    .code(2)
    .stderr_has("cannot write")
    .stderr_has("map.json");
    assert_eq!(read(dir.path(), "map.svg"), svg_before);
    assert_eq!(
        listing(dir.path()),
        ["map.journey", "map.json/keep.txt", "map.svg"],
        "a temporary file was left behind"
    );
}

#[test]
fn an_output_folder_that_is_a_file_exits_2() {
    let dir = tree(&[("map.journey", CLEAN), ("out", "not a folder")]);
    cjm_in(
        dir.path(),
        &["build", "map.journey", "-o", "out", "--format", "json"],
    )
    .code(2)
    .stderr_has("cannot write");
    assert_eq!(read(dir.path(), "out"), "not a folder");
}

/// Makes a folder unwritable for the rest of a test, even for root (who
/// ignores permission bits): `chmod 555`, and `chattr +i` when that is not
/// enough. Undone on drop so the temporary folder can be removed.
#[cfg(unix)]
struct ReadOnly {
    path: std::path::PathBuf,
    immutable: bool,
}

#[cfg(unix)]
impl ReadOnly {
    fn new(path: &std::path::Path) -> Option<ReadOnly> {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(path, fs::Permissions::from_mode(0o555)).unwrap();
        let mut guard = ReadOnly {
            path: path.to_path_buf(),
            immutable: false,
        };
        if guard.writable() {
            guard.immutable = std::process::Command::new("chattr")
                .arg("+i")
                .arg(path)
                .status()
                .is_ok_and(|s| s.success());
            if !guard.immutable || guard.writable() {
                return None;
            }
        }
        Some(guard)
    }

    fn writable(&self) -> bool {
        let probe = self.path.join(".probe");
        let ok = fs::write(&probe, "").is_ok();
        let _ = fs::remove_file(&probe);
        ok
    }
}

#[cfg(unix)]
impl Drop for ReadOnly {
    fn drop(&mut self) {
        use std::os::unix::fs::PermissionsExt;
        if self.immutable {
            let _ = std::process::Command::new("chattr")
                .arg("-i")
                .arg(&self.path)
                .status();
        }
        let _ = fs::set_permissions(&self.path, fs::Permissions::from_mode(0o755));
    }
}

#[cfg(unix)]
#[test]
fn an_unwritable_output_folder_exits_2_and_leaves_files_alone() {
    let dir = tree(&[
        ("src/map.journey", CLEAN),
        ("src/other.journey", CLEAN),
        ("out/map.json", "old"),
    ]);
    let out = dir.path().join("out");
    let Some(guard) = ReadOnly::new(&out) else {
        eprintln!("skipped: cannot make a folder unwritable here");
        return;
    };
    let run = cjm_in(
        dir.path(),
        &["build", "src", "-o", "out", "--format", "json"],
    );
    drop(guard);
    run.code(2)
        .stderr_has("cannot write")
        .stderr_has("out/map.json");
    assert_eq!(read(dir.path(), "out/map.json"), "old");
    assert_eq!(
        listing(&out),
        ["map.json"],
        "a temporary file was left behind"
    );
}

#[test]
fn an_empty_folder_is_a_usage_error() {
    let dir = tree(&[("notes.txt", "")]);
    cjm_in(dir.path(), &["build", "."])
        .code(2)
        .stderr_has("no `.journey` files");
}

// ---- schema, explain --------------------------------------------------

#[test]
fn schema_prints_a_json_schema() {
    let dir = tree(&[]);
    let run = cjm_in(dir.path(), &["schema"]);
    run.code(0);
    let schema: serde_json::Value = serde_json::from_str(&run.stdout).expect("valid JSON");
    assert!(
        schema.get("$schema").is_some() || schema.get("properties").is_some(),
        "{schema}"
    );
    assert!(run.stdout.contains("emotion_low"));
}

#[test]
fn explain_takes_a_code_with_or_without_prefix() {
    let dir = tree(&[]);
    let long = cjm_in(dir.path(), &["explain", "cjm::empty-stage"]);
    long.code(0);
    assert!(long.stdout.contains("empty-stage"), "{}", long.stdout);
    let short = cjm_in(dir.path(), &["explain", "empty-stage"]);
    short.code(0);
    assert_eq!(short.stdout, long.stdout);
    cjm_in(dir.path(), &["explain", "cjm::unknown-reference"]).code(0);
}

#[test]
fn explain_of_an_unknown_code_suggests_the_closest() {
    let dir = tree(&[]);
    cjm_in(dir.path(), &["explain", "empty-stag"])
        .code(2)
        .stderr_has("did you mean `cjm::empty-stage`");
    cjm_in(dir.path(), &["explain", "zzzzzzzz"])
        .code(2)
        .stderr_has("unknown code");
}

// ---- init -------------------------------------------------------------

#[test]
fn init_writes_a_clean_starter_and_never_overwrites() {
    let dir = tree(&[]);
    cjm_in(dir.path(), &["init"]).code(0);
    let written = read(dir.path(), "map.journey");
    assert!(written.contains("journey"));
    let run = cjm_in(dir.path(), &["check", "--quiet", "map.journey"]);
    run.code(0);
    assert!(
        run.stderr.is_empty(),
        "the starter is not clean:\n{}",
        run.stderr
    );

    write(dir.path(), "map.journey", "mine");
    cjm_in(dir.path(), &["init"])
        .code(2)
        .stderr_has("already exists");
    assert_eq!(read(dir.path(), "map.journey"), "mine");

    cjm_in(dir.path(), &["init", "other.journey"]).code(0);
    assert_eq!(read(dir.path(), "other.journey"), written);
}

// ---- fmt --------------------------------------------------------------

#[test]
fn fmt_check_fails_on_a_file_that_would_change() {
    let dir = tree(&[("messy.journey", UNFORMATTED)]);
    let run = cjm_in(dir.path(), &["fmt", "--check", "messy.journey"]);
    run.code(1);
    assert!(run.stdout.contains("messy.journey"), "{}", run.stdout);
    assert_eq!(
        read(dir.path(), "messy.journey"),
        UNFORMATTED,
        "--check changed the file"
    );

    cjm_in(dir.path(), &["fmt", "messy.journey"]).code(0);
    let formatted = read(dir.path(), "messy.journey");
    assert_ne!(formatted, UNFORMATTED);
    cjm_in(dir.path(), &["fmt", "--check", "messy.journey"]).code(0);
    // Formatting keeps the meaning.
    cjm_in(dir.path(), &["check", "messy.journey"]).code(0);
    // stdin to stdout gives the same text.
    let run = cjm_stdin(dir.path(), &["fmt", "-"], UNFORMATTED);
    run.code(0);
    assert_eq!(run.stdout, formatted);
}

#[test]
fn fmt_leaves_a_broken_file_untouched() {
    let dir = tree(&[("broken.journey", SYNTAX), ("messy.journey", UNFORMATTED)]);
    let run = cjm_in(dir.path(), &["fmt", "."]);
    run.code(1).stderr_has("cjm::syntax");
    assert_eq!(read(dir.path(), "broken.journey"), SYNTAX);
    // The other file was still formatted.
    assert_ne!(read(dir.path(), "messy.journey"), UNFORMATTED);
}

#[cfg(unix)]
#[test]
fn fmt_keeps_file_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tree(&[("messy.journey", UNFORMATTED)]);
    let path = dir.path().join("messy.journey");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();
    cjm_in(dir.path(), &["fmt", "messy.journey"]).code(0);
    assert_eq!(
        fs::metadata(&path).unwrap().permissions().mode() & 0o777,
        0o600
    );
}

// ---- render options ---------------------------------------------------

#[test]
fn theme_and_font_embedding_change_the_svg() {
    let dir = tree(&[("map.journey", CLEAN)]);
    let svg = |args: &[&str]| {
        let mut all = vec!["build", "-", "--format", "svg"];
        all.extend_from_slice(args);
        let run = cjm_stdin(dir.path(), &all, CLEAN);
        run.code(0);
        run.stdout.clone()
    };
    let light = svg(&[]);
    assert_ne!(
        svg(&["--theme", "dark"]),
        light,
        "--theme dark changed nothing"
    );
    assert!(
        light.contains("@font-face"),
        "fonts are embedded by default"
    );
    let bare = svg(&["--no-embed-fonts"]);
    assert!(
        !bare.contains("@font-face"),
        "--no-embed-fonts still embeds"
    );
    assert!(bare.len() < light.len());
}

#[test]
fn scale_sets_the_png_size() {
    let dir = tree(&[]);
    let width = |scale: &str| {
        let run = cjm_stdin(
            dir.path(),
            &["build", "-", "--format", "png", "--scale", scale],
            CLEAN,
        );
        run.code(0);
        let png = &run.stdout_bytes;
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "not a PNG");
        u32::from_be_bytes([png[16], png[17], png[18], png[19]])
    };
    let (one, two) = (width("1"), width("2"));
    assert!(one > 0);
    assert!(
        (two as i64 - 2 * one as i64).abs() <= 2,
        "scale 1 → {one}px, scale 2 → {two}px"
    );
    cjm_stdin(
        dir.path(),
        &["build", "-", "--format", "png", "--scale", "0"],
        CLEAN,
    )
    .code(2);
}

#[test]
fn a_file_over_the_size_cap_is_refused_with_a_limit_error() {
    // Twice the 8 MiB cap: refused by its size, for files and for stdin.
    let mut big = String::from("journey \"Big\" {\n");
    while big.len() < 16 * 1024 * 1024 {
        big.push_str("  # padding padding padding padding padding padding padding\n");
    }
    big.push_str("}\n");
    let dir = tree(&[("big.journey", big.as_str())]);
    cjm_in(dir.path(), &["check", "big.journey"])
        .code(1)
        .stderr_has("cjm::limit");
    cjm_in(dir.path(), &["fmt", "--check", "big.journey"])
        .code(1)
        .stderr_has("cjm::limit");
}

#[test]
fn explain_suggests_every_code_it_knows_including_limit() {
    let dir = tree(&[]);
    cjm_in(dir.path(), &["explain", "limt"])
        .code(2)
        .stderr_has("did you mean `cjm::limit`?");
    cjm_in(dir.path(), &["explain", "limit"]).code(0);
}

// ---- allocator ----------------------------------------------------------

/// The binary's allocator options (src/allocator.rs) reach jemalloc: they
/// are read through an exported symbol whose name depends on the jemalloc
/// crate's prefix, and a wrong name would be silently ignored (a big map's
/// peak memory a fifth higher). jemalloc prints its options at exit when asked
/// to by its environment variable.
#[cfg(all(not(target_env = "msvc"), target_os = "linux"))]
#[test]
fn the_allocator_runs_with_one_arena() {
    let dir = tree(&[("map.journey", CLEAN)]);
    let output = assert_cmd::Command::new(path_of_binary())
        .args(["check", "map.journey"])
        .current_dir(dir.path())
        .env("_RJEM_MALLOC_CONF", "stats_print:true")
        .output()
        .expect("cjm runs");
    let stats = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stats}");
    assert!(stats.contains("opt.narenas: 1\n"), "{stats}");
}
