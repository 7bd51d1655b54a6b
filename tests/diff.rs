//! `cjm diff` on the fixture pairs in tests/fixtures/diff/NAME/{old,new}.journey:
//! each format's output is a reviewed snapshot, and the exit code says
//! whether anything changed.

use std::path::Path;

use assert_cmd::Command;
use serde_json::Value;

fn cjm() -> Command {
    Command::cargo_bin("cjm").unwrap()
}

/// Runs `cjm diff old.journey new.journey --format FORMAT` in the pair's folder.
fn diff(dir: &Path, format: &str) -> (String, i32) {
    let out = cjm()
        .current_dir(dir)
        .args(["diff", "old.journey", "new.journey", "--format", format])
        .output()
        .unwrap();
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        out.status.code().unwrap(),
    )
}

#[test]
fn fixture_pairs() {
    insta::glob!("fixtures/diff/*/old.journey", |path| {
        let dir = path.parent().unwrap();
        let name = dir.file_name().unwrap().to_str().unwrap();
        let (text, code) = diff(dir, "text");
        let (markdown, code_md) = diff(dir, "markdown");
        let (json, code_json) = diff(dir, "json");
        let expected = if name == "reformat-only" { 0 } else { 1 };
        assert_eq!(
            (code, code_md, code_json),
            (expected, expected, expected),
            "{name}"
        );
        let value: Value = serde_json::from_str(&json).unwrap();
        assert_eq!(value["version"], 1);
        insta::assert_snapshot!("text", text);
        insta::assert_snapshot!("markdown", markdown);
        let pretty = serde_json::to_string_pretty(&value).unwrap();
        insta::assert_snapshot!("json", pretty);
        let (svg, code_svg) = diff(dir, "svg");
        assert_eq!(code_svg, expected, "{name}");
        insta::assert_snapshot!("svg_marks", svg_marks(&svg));
    });
}

/// The diff marks of an SVG, one per line: the group's opening tag and the
/// words it draws (the whole map would be an unreadable snapshot; the map
/// itself is `cjm build`'s, checked by its own snapshots).
fn svg_marks(svg: &str) -> String {
    let mut out = String::new();
    let mut rest = svg;
    while let Some(at) = rest.find("<g class=\"diff-") {
        rest = &rest[at..];
        let open = &rest[..rest.find('>').unwrap()];
        // The group ends where its nested <g> are all closed.
        let (mut depth, mut end) = (0, 0);
        for (i, _) in rest.char_indices() {
            if rest[i..].starts_with("<g ") || rest[i..].starts_with("<g>") {
                depth += 1;
            } else if rest[i..].starts_with("</g>") {
                depth -= 1;
                if depth == 0 {
                    end = i;
                    break;
                }
            }
        }
        let body = &rest[..end];
        let words: Vec<&str> = body
            .split("</text>")
            .filter_map(|t| t.rsplit_once('>').map(|(_, w)| w.trim()))
            .filter(|w| !w.is_empty())
            .collect();
        out.push_str(&format!("{open}> {}\n", words.join(" | ")));
        rest = &rest[end..];
    }
    out
}

fn changes(name: &str) -> Vec<Value> {
    let dir = Path::new("tests/fixtures/diff").join(name);
    let (json, _) = diff(&dir, "json");
    let value: Value = serde_json::from_str(&json).unwrap();
    value["changes"].as_array().unwrap().clone()
}

fn find<'a>(changes: &'a [Value], id: &str, change: &str, field: Option<&str>) -> Vec<&'a Value> {
    changes
        .iter()
        .filter(|c| c["id"] == id && c["change"] == change && c["field"].as_str() == field)
        .collect()
}

#[test]
fn every_json_change_has_the_contract_fields() {
    for c in changes("texts") {
        let keys: Vec<&str> = c.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            [
                "kind", "id", "change", "field", "persona", "old", "new", "delta", "from_id"
            ]
        );
    }
}

#[test]
fn a_renamed_touchpoint_and_team_are_renames_not_added_and_removed() {
    let all = changes("rename");
    let tp = find(&all, "compare_prices", "renamed", None);
    assert_eq!(tp.len(), 1, "{all:#?}");
    assert_eq!(tp[0]["from_id"], "compare");
    assert_eq!(
        find(&all, "operations", "renamed", None)[0]["from_id"],
        "ops"
    );
    // The references follow the rename: no owner or flow change.
    assert!(all.iter().all(|c| c["change"] == "renamed"), "{all:#?}");
}

#[test]
fn a_stage_owner_edit_changes_the_owners_of_the_touchpoints_that_inherit_them() {
    let all = changes("inherited-owner");
    for id in ["checkout", "pay", "confirm"] {
        let c = find(&all, id, "changed", Some("owners"));
        assert_eq!(c.len(), 1, "{id}: {all:#?}");
        assert_eq!(c[0]["old"], serde_json::json!(["web"]));
        assert_eq!(c[0]["new"], serde_json::json!(["ops"]));
    }
    assert_eq!(all.len(), 3, "{all:#?}");
}

#[test]
fn emotion_deltas_are_signed_per_persona() {
    let all = changes("emotions-two-personas");
    let pay = find(&all, "pay", "changed", Some("emotion"));
    let by = |p: &str| pay.iter().find(|c| c["persona"] == p).unwrap()["delta"].clone();
    assert_eq!(by("michal"), 2);
    assert_eq!(by("dana"), 1);
    let courier = find(&all, "courier", "changed", Some("emotion"));
    assert_eq!(courier.len(), 1);
    assert_eq!(courier[0]["delta"], -1);
}

#[test]
fn touchpoints_moved_to_another_stage_and_inside_one() {
    let all = changes("moved-touchpoint");
    let confirm = find(&all, "confirm", "moved", Some("stage"));
    assert_eq!(confirm[0]["old"], "checkout");
    assert_eq!(confirm[0]["new"], "delivery");
    // search and compare swapped: one of them moved, not both.
    let inside: Vec<_> = all.iter().filter(|c| c["field"] == "position").collect();
    assert_eq!(inside.len(), 1, "{all:#?}");
}

#[test]
fn metrics_carry_absolute_deltas_and_funnel_steps_percentage_points() {
    let all = changes("metrics");
    assert_eq!(
        find(&all, "pay", "changed", Some("metrics.conversion"))[0]["delta"],
        15
    );
    assert_eq!(find(&all, "pay", "removed", Some("metrics.time")).len(), 1);
    assert_eq!(find(&all, "pay", "added", Some("metrics.abandon")).len(), 1);
    assert_eq!(
        find(&all, "checkout", "changed", Some("reach"))[0]["delta"],
        200
    );
    let step = find(&all, "browse -> checkout", "changed", Some("conversion"));
    assert_eq!(step[0]["delta"], 20);
}

#[test]
fn a_side_that_does_not_compile_prints_its_diagnostics_and_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.journey"),
        "journey \"x\" {\n  stage s {\n",
    )
    .unwrap();
    let good = Path::new("tests/fixtures/diff/metrics/old.journey")
        .canonicalize()
        .unwrap();
    let out = cjm()
        .current_dir(dir.path())
        .args(["diff", good.to_str().unwrap(), "bad.journey"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("cjm::syntax"));
}

#[test]
fn usage_errors_exit_2() {
    let out = cjm().args(["diff", "only-one.journey"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = cjm().args(["diff", "-", "-"]).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let out = cjm()
        .args(["diff", "nope.journey", "nope2.journey"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn output_file_is_written_whole() {
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("diff.md");
    let pair = Path::new("tests/fixtures/diff/hebrew");
    let out = cjm()
        .current_dir(pair)
        .args([
            "diff",
            "old.journey",
            "new.journey",
            "--format",
            "markdown",
            "-o",
        ])
        .arg(&out_file)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let written = std::fs::read_to_string(&out_file).unwrap();
    assert!(written.contains("emotion"), "{written}");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

/// The `<g …>` opening tags of one diff class in an SVG.
fn groups<'a>(svg: &'a str, class: &str) -> Vec<&'a str> {
    let open = format!("<g class=\"{class}\"");
    svg.match_indices(&open)
        .map(|(at, _)| &svg[at..at + svg[at..].find('>').unwrap()])
        .collect()
}

fn data_ids(svg: &str, class: &str) -> Vec<String> {
    groups(svg, class)
        .into_iter()
        .filter_map(|g| {
            let at = g.find("data-id=\"")? + 9;
            Some(g[at..at + g[at..].find('"')?].to_string())
        })
        .collect()
}

#[test]
fn the_svg_diff_tags_the_added_lists_the_removed_and_draws_the_old_curves() {
    let dir = Path::new("tests/fixtures/diff/added-removed");
    let (svg, code) = diff(dir, "svg");
    assert_eq!(code, 1);
    assert!(svg.starts_with("<svg"), "{}", &svg[..80]);
    assert_eq!(data_ids(&svg, "diff-added"), ["deals"]);
    let removed = groups(&svg, "diff-removed");
    assert_eq!(
        removed,
        [r#"<g class="diff-removed" data-stage="checkout""#]
    );
    let note = &svg[svg.find("class=\"diff-removed\"").unwrap()..];
    assert!(
        note[..note.find("</g>").unwrap()].contains("removed: Confirmation"),
        "{note}"
    );
    let tag = &svg[svg.find("class=\"diff-added\"").unwrap()..];
    assert!(tag[..tag.find("</g>").unwrap()].contains(">new<"));
    // Michal and Dana had scores before; Yossi is new and has no old curve.
    let curves = groups(&svg, "diff-old-curve");
    assert_eq!(curves.len(), 2, "{curves:?}");
    assert!(
        curves[0].contains("data-persona=\"michal\"")
            && curves[1].contains("data-persona=\"dana\"")
    );
    // Behind the new curves: every old curve comes before the first point.
    let first_point = svg.find("class=\"emotion-point\"").unwrap();
    assert!(svg.find("class=\"diff-old-curve\"").unwrap() < first_point);
}

#[test]
fn the_svg_diff_tags_each_changed_touchpoint_once() {
    let dir = Path::new("tests/fixtures/diff/emotions-two-personas");
    let (svg, _) = diff(dir, "svg");
    // Pay changed two personas' scores and a label, Courier one score.
    assert_eq!(data_ids(&svg, "diff-changed"), ["pay", "courier"]);
    assert!(groups(&svg, "diff-added").is_empty());
    assert!(groups(&svg, "diff-removed").is_empty());
}

#[test]
fn the_svg_diff_of_a_hebrew_map_tags_in_hebrew() {
    let dir = Path::new("tests/fixtures/diff/hebrew");
    let (svg, _) = diff(dir, "svg");
    assert!(!groups(&svg, "diff-changed").is_empty());
    assert!(svg.contains(">שונה<"), "the tag is in the map's language");
    assert!(!svg.contains(">changed<"));
}

#[test]
fn without_changes_the_svg_diff_is_the_new_map_as_build_draws_it() {
    let dir = Path::new("tests/fixtures/diff/reformat-only");
    let (svg, code) = diff(dir, "svg");
    assert_eq!(code, 0);
    let out = tempfile::tempdir().unwrap();
    cjm()
        .args(["build", "--format", "svg", "-o"])
        .arg(out.path())
        .arg(dir.join("new.journey"))
        .assert()
        .success();
    let built = std::fs::read_to_string(out.path().join("new.svg")).unwrap();
    assert!(svg == built, "the diff map differs from the built map");
}
