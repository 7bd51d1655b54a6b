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
        "bank-onboarding.journey",
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

fn example_json(name: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("examples/{name}.journey"));
    let run = cjm_stdin(
        Path::new("."),
        &["build", "-", "--format", "json"],
        &fs::read_to_string(path).unwrap(),
    );
    assert_eq!(run.code, 0, "{name}: {}", run.stderr);
    serde_json::from_str(&run.stdout).unwrap()
}

#[test]
fn the_shoe_shop_is_a_service_blueprint_with_the_payment_system_in_support() {
    let json = example_json("shoe-shop");
    let tps: Vec<&serde_json::Value> = json["stages"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|s| s["touchpoints"].as_array().unwrap())
        .collect();
    for lane in ["evidence", "frontstage", "backstage", "support"] {
        let filled = tps
            .iter()
            .filter(|t| !t[lane].as_array().unwrap().is_empty());
        assert!(
            filled.count() >= 3,
            "{lane} is filled on several touchpoints"
        );
    }
    let checkout = tps.iter().find(|t| t["id"] == "پرداخت").unwrap();
    let support: Vec<&str> = checkout["support"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert!(support.iter().any(|s| s.contains("پرداخت")), "{support:?}");
}

#[test]
fn the_bank_onboarding_has_an_effort_score_lane_a_systems_lane_and_a_lane_order() {
    let json = example_json("bank-onboarding");
    let lanes = json["lanes"].as_array().unwrap();
    let effort = lanes.iter().find(|l| l["id"] == "effort").unwrap();
    assert_eq!(effort["label"], "Customer effort");
    assert_eq!(effort["kind"], "score");
    assert_eq!(
        (effort["min"].as_f64(), effort["max"].as_f64()),
        (Some(1.0), Some(5.0))
    );
    let systems = lanes.iter().find(|l| l["id"] == "systems").unwrap();
    assert_eq!(systems["kind"], "text");
    let order: Vec<&str> = json["lane_order"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert!(
        order.contains(&"effort") && order.contains(&"systems"),
        "{order:?}"
    );
    // Every touchpoint has its effort.
    for stage in json["stages"].as_array().unwrap() {
        for tp in stage["touchpoints"].as_array().unwrap() {
            let scored = tp["custom"]
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e["lane"] == "effort" && e["score"].is_number());
            assert!(scored, "{}", tp["id"]);
        }
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
