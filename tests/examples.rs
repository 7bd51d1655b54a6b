//! Every journey in `examples/` checks clean and builds to SVG, JSON and PNG.

#[path = "cli/support.rs"]
mod support;

use std::fs;
use std::path::{Path, PathBuf};

use support::*;

fn examples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("examples/ exists")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "journey"))
        .collect();
    files.sort();
    files
}

#[test]
fn there_are_at_least_six_examples() {
    let names: Vec<String> = examples()
        .iter()
        .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    for expected in [
        "michal.journey",
        "organic-produce.journey",
        "shoe-shop.journey",
        "vivan-los-tacos.journey",
        "customer-club.journey",
        "everything.journey",
    ] {
        assert!(
            names.iter().any(|n| n == expected),
            "{expected} missing from {names:?}"
        );
    }
}

#[test]
fn every_example_checks_clean() {
    for example in examples() {
        let run = cjm_in(
            Path::new(env!("CARGO_MANIFEST_DIR")),
            &["check", "--quiet", example.to_str().unwrap()],
        );
        assert_eq!(run.code, 0, "{}:\n{}", example.display(), run.stderr);
        assert!(
            run.stderr.is_empty(),
            "{}:\n{}",
            example.display(),
            run.stderr
        );
    }
}

#[test]
fn every_example_builds_to_svg_json_and_png() {
    let out = tempfile::tempdir().unwrap();
    let examples_dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    // Scale 1: rasterising in an unoptimised test build is slow; the size
    // itself is tested in tests/cli.rs.
    let run = cjm_in(
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            "build",
            examples_dir.to_str().unwrap(),
            "-o",
            out.path().to_str().unwrap(),
            "--format",
            "svg,json,png",
            "--scale",
            "1",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    for example in examples() {
        let stem = example.file_stem().unwrap().to_string_lossy().into_owned();
        let svg = fs::read_to_string(out.path().join(format!("{stem}.svg"))).expect("svg written");
        assert!(svg.contains("<svg") && svg.contains("</svg>"), "{stem}.svg");
        let json: serde_json::Value = serde_json::from_slice(
            &fs::read(out.path().join(format!("{stem}.json"))).expect("json written"),
        )
        .expect("valid JSON");
        assert_eq!(json["version"], 1, "{stem}.json");
        let png = fs::read(out.path().join(format!("{stem}.png"))).expect("png written");
        assert!(
            png.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{stem}.png is not a PNG"
        );
    }
}

#[test]
fn right_to_left_examples_resolve_to_rtl() {
    for (name, direction) in [
        ("michal", "rtl"),
        ("shoe-shop", "rtl"),
        ("everything", "ltr"),
    ] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/{name}.journey"));
        let run = cjm_stdin(
            Path::new("."),
            &["build", "-", "--format", "json"],
            &fs::read_to_string(path).unwrap(),
        );
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        assert_eq!(json["direction"], direction, "{name}");
    }
}

#[test]
fn the_starter_template_is_in_canonical_form() {
    // A user who runs `cjm fmt` on a fresh `init` sees no change.
    let dir = tree(&[]);
    cjm_in(dir.path(), &["init"]).code(0);
    cjm_in(dir.path(), &["fmt", "--check", "map.journey"]).code(0);
}
