//! Views of one file on the command line (language.md §9, last
//! paragraph): `--lanes`, `--persona`, `--team` change the SVG and PNG,
//! never the JSON; an unknown name is a usage error with a did-you-mean.

#[path = "cli/support.rs"]
mod support;

use support::*;

const EVERYTHING: &str = include_str!("../examples/everything.journey");

fn built_svg(args: &[&str]) -> String {
    let dir = tree(&[("map.journey", EVERYTHING)]);
    let mut all = vec!["build", "map.journey", "--no-embed-fonts"];
    all.extend(args);
    cjm_in(dir.path(), &all).code(0);
    read(dir.path(), "map.svg")
}

/// `(data-NAME, has an opacity)` of every element with `class`.
fn marked(svg: &str, class: &str, name: &str) -> Vec<(String, bool)> {
    let doc = roxmltree::Document::parse(svg).expect("well-formed SVG");
    doc.descendants()
        .filter(|n| n.attribute("class") == Some(class))
        .map(|n| {
            (
                n.attribute(format!("data-{name}").as_str())
                    .unwrap_or_default()
                    .to_string(),
                n.attribute("opacity").is_some(),
            )
        })
        .collect()
}

fn ids(svg: &str, class: &str, name: &str) -> Vec<String> {
    marked(svg, class, name)
        .into_iter()
        .map(|(v, _)| v)
        .collect()
}

#[test]
fn lanes_draws_exactly_those_lanes_in_that_order() {
    let all = built_svg(&[]);
    assert!(ids(&all, "lane", "lane").len() > 2);
    let svg = built_svg(&["--lanes", "emotion,pains"]);
    assert_eq!(ids(&svg, "lane", "lane"), ["emotion", "pains"]);
    let svg = built_svg(&["--lanes", "pains", "--lanes", "emotion"]);
    assert_eq!(ids(&svg, "lane", "lane"), ["pains", "emotion"]);
    // No cards, so no flows between them.
    assert!(ids(&svg, "flow", "from").is_empty());
    assert!(ids(&svg, "loop", "from").is_empty());
    assert!(!ids(&all, "loop", "from").is_empty());
}

#[test]
fn persona_drops_the_other_personas_cards_and_curves() {
    let all = built_svg(&[]);
    assert_eq!(ids(&all, "persona", "id"), ["commuter", "tourist", "kid"]);
    let svg = built_svg(&["--persona", "commuter"]);
    assert_eq!(ids(&svg, "persona", "id"), ["commuter"]);
    let points = ids(&svg, "emotion-point", "persona");
    assert!(!points.is_empty());
    assert!(
        points.iter().all(|p| p == "commuter" || p.is_empty()),
        "{points:?}"
    );
    // The other personas' names are gone from the map (cards, legend,
    // point titles).
    assert!(all.contains("Sam, visitor"));
    assert!(!svg.contains("Sam, visitor"));
    let two = built_svg(&["--persona", "kid,commuter"]);
    assert_eq!(ids(&two, "persona", "id"), ["commuter", "kid"]);
}

#[test]
fn team_fades_exactly_what_the_team_does_not_own() {
    let dir = tree(&[("map.journey", EVERYTHING)]);
    cjm_in(dir.path(), &["build", "map.journey", "--format", "json"]).code(0);
    let model: serde_json::Value =
        serde_json::from_str(&read(dir.path(), "map.json")).expect("JSON");
    let owned_by = |v: &serde_json::Value, team: &str| {
        v["owners"]
            .as_array()
            .expect("owners")
            .iter()
            .any(|o| o == team)
    };
    for team in ["front", "workshop", "web"] {
        let svg = built_svg(&["--team", team]);
        let mut expected = Vec::new();
        let mut stages = Vec::new();
        for stage in model["stages"].as_array().expect("stages") {
            stages.push((
                stage["id"].as_str().expect("id").to_string(),
                !owned_by(stage, team),
            ));
            for tp in stage["touchpoints"].as_array().expect("touchpoints") {
                expected.push((
                    tp["id"].as_str().expect("id").to_string(),
                    !owned_by(tp, team),
                ));
            }
        }
        assert_eq!(marked(&svg, "touchpoint", "id"), expected, "{team}");
        assert_eq!(marked(&svg, "stage", "id"), stages, "{team}");
        assert!(expected.iter().any(|(_, f)| *f) && expected.iter().any(|(_, f)| !*f));
        // The team is named in the title area.
        let label = model["teams"]
            .as_array()
            .expect("teams")
            .iter()
            .find(|t| t["id"] == team)
            .expect("team")["label"]
            .as_str()
            .expect("label")
            .to_string();
        assert!(svg.contains(&format!("Team view: {label}")), "{team}");
    }
    // Without a view nothing fades.
    let all = built_svg(&[]);
    assert!(marked(&all, "touchpoint", "id").iter().all(|(_, f)| !f));
    assert!(!all.contains("opacity="));
}

#[test]
fn the_json_is_the_same_with_and_without_a_view() {
    let dir = tree(&[("map.journey", EVERYTHING)]);
    cjm_in(
        dir.path(),
        &["build", "map.journey", "--format", "json,svg"],
    )
    .code(0);
    let plain = read(dir.path(), "map.json");
    let plain_svg = read(dir.path(), "map.svg");
    cjm_in(
        dir.path(),
        &[
            "build",
            "map.journey",
            "--format",
            "json,svg",
            "--lanes",
            "emotion,pains",
            "--persona",
            "commuter",
            "--team",
            "front",
        ],
    )
    .code(0);
    assert_eq!(read(dir.path(), "map.json"), plain);
    assert_ne!(read(dir.path(), "map.svg"), plain_svg);
    let stdout = cjm_stdin(
        dir.path(),
        &["build", "-", "--format", "json", "--team", "front"],
        EVERYTHING,
    );
    stdout.code(0);
    assert_eq!(stdout.stdout, plain);
}

#[test]
fn unknown_names_are_usage_errors_with_the_closest_name() {
    let dir = tree(&[("map.journey", EVERYTHING)]);
    for (flag, typo, close) in [
        ("--lanes", "emotion,pain", "pains"),
        ("--persona", "comuter", "commuter"),
        ("--team", "workshp", "workshop"),
    ] {
        cjm_in(dir.path(), &["build", "map.journey", flag, typo])
            .code(2)
            .stderr_has(flag)
            .stderr_has(&format!("did you mean `{close}`"));
        // Nothing is written, in any format.
        assert!(!dir.path().join("map.svg").exists(), "{flag}");
        cjm_stdin(
            dir.path(),
            &["build", "-", "--format", "svg", flag, typo],
            EVERYTHING,
        )
        .code(2)
        .stderr_has(&format!("did you mean `{close}`"));
    }
    // A name nothing is close to lists what the file has.
    cjm_in(dir.path(), &["build", "map.journey", "--team", "zzzzzz"])
        .code(2)
        .stderr_has("`front`, `workshop`, `web`");
}
