//! `--theme FILE.toml` (cli.md "v1.1: more build formats and options"):
//! a brand theme changes exactly the colours it names; each wrong file is
//! an error that names the key.

#[path = "cli/support.rs"]
mod support;

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use support::*;

const THEMES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/themes");

/// The SVG of `journey` built with `--theme THEME`.
fn svg_with(journey: &str, theme: &str) -> String {
    let dir = tree(&[("map.journey", journey)]);
    cjm_in(
        dir.path(),
        &["build", "map.journey", "--theme", theme, "--quiet"],
    )
    .code(0);
    fs::read_to_string(dir.path().join("map.svg")).unwrap()
}

/// Every colour that differs between two SVGs of the same layout, as
/// `attribute old → new` with how often, after checking that nothing but
/// colours differs.
fn colour_changes(before: &str, after: &str) -> BTreeMap<String, usize> {
    let (a, b): (Vec<&str>, Vec<&str>) = (before.split('"').collect(), after.split('"').collect());
    assert_eq!(a.len(), b.len(), "the theme changed the document's shape");
    let mut changes = BTreeMap::new();
    for i in 0..a.len() {
        if a[i] == b[i] {
            continue;
        }
        let is_colour = |s: &str| s.len() == 7 && s.starts_with('#');
        assert!(
            is_colour(a[i]) && is_colour(b[i]),
            "not a colour changed: {:?} → {:?}",
            a[i],
            b[i]
        );
        // `fill="` or `stroke="`: the attribute is the end of the piece before.
        let attribute = a[i - 1]
            .rsplit(' ')
            .next()
            .unwrap_or("")
            .trim_end_matches('=');
        *changes
            .entry(format!("{attribute} {} → {}", a[i], b[i]))
            .or_insert(0) += 1;
    }
    changes
}

#[test]
fn a_brand_theme_changes_exactly_the_colours_it_names() {
    let brand = format!("{THEMES}/brand.toml");
    let plain = svg_with(CLEAN, "light");
    let branded = svg_with(CLEAN, &brand);
    let changes = colour_changes(&plain, &branded);
    let lines: Vec<String> = changes.iter().map(|(c, n)| format!("{c} ×{n}")).collect();
    // The page (#ffffff, as the cards are, which keep it) behind the map and
    // behind the loop's label, the first stage header band, and the one
    // persona's curve, two markers (stroke), card stripe and legend dot.
    insta::assert_snapshot!("brand_theme_colour_changes", lines.join("\n"));
    for change in changes.keys() {
        let new = change.rsplit(' ').next().unwrap();
        assert!(
            ["#fffaf0", "#ffe8cc", "#7b2cbf"].contains(&new),
            "{change} is not a colour of the theme file"
        );
    }
    // The cards stay white: only the page took the brand's cream.
    assert!(branded.contains("fill=\"#ffffff\""));
}

#[test]
fn a_brand_theme_on_the_dark_base_starts_from_the_dark_colours() {
    let dir = tree(&[
        ("map.journey", CLEAN),
        ("dark-brand.toml", "base = \"dark\"\nlink = \"#9ad0f5\"\n"),
    ]);
    cjm_in(
        dir.path(),
        &[
            "build",
            "map.journey",
            "--theme",
            "dark-brand.toml",
            "--quiet",
        ],
    )
    .code(0);
    let branded = fs::read_to_string(dir.path().join("map.svg")).unwrap();
    let dark = svg_with(CLEAN, "dark");
    // CLEAN has no link: the dark base alone, byte for byte.
    assert_eq!(branded, dark);
}

#[test]
fn each_invalid_theme_file_gets_its_error() {
    insta::glob!("themes/invalid/*.toml", |path| {
        let run = build_with_theme(path);
        run.code(2);
        assert!(
            run.stderr.contains("cjm::theme-"),
            "no theme error code:\n{}",
            run.stderr
        );
        insta::assert_snapshot!(run.stderr.replace(THEMES, "THEMES"));
    });
}

fn build_with_theme(theme: &Path) -> Run {
    let dir = tree(&[("map.journey", CLEAN)]);
    let run = cjm_in(
        dir.path(),
        &["build", "map.journey", "--theme", theme.to_str().unwrap()],
    );
    assert!(
        !dir.path().join("map.svg").exists(),
        "a map was written with a bad theme"
    );
    run
}

#[test]
fn theme_errors_name_the_key_in_every_diagnostics_format() {
    let path = format!("{THEMES}/invalid/low-contrast-text.toml");
    let dir = tree(&[("map.journey", CLEAN)]);
    let run = cjm_in(
        dir.path(),
        &[
            "build",
            "map.journey",
            "--theme",
            &path,
            "--diagnostics",
            "json",
        ],
    );
    run.code(2);
    let line: serde_json::Value = serde_json::from_str(run.stderr.lines().next().unwrap()).unwrap();
    assert_eq!(line["code"], "cjm::theme-contrast");
    assert_eq!(line["line"], 2);
    let message = line["message"].as_str().unwrap();
    assert!(
        message.starts_with("`text` fails WCAG AA contrast"),
        "{message}"
    );
    assert!(message.contains(":1"), "the contrast found: {message}");
}

#[test]
fn a_missing_theme_file_is_a_usage_error_naming_the_choices() {
    let dir = tree(&[("map.journey", CLEAN)]);
    cjm_in(dir.path(), &["build", "map.journey", "--theme", "drak"])
        .code(2)
        .stderr_has("cannot read theme file `drak`")
        .stderr_has("`light`, `dark`");
}

#[test]
fn the_theme_codes_are_explained() {
    let dir = tree(&[]);
    for code in [
        "theme-syntax",
        "theme-unknown-key",
        "theme-colour",
        "theme-base",
        "theme-contrast",
    ] {
        let run = cjm_in(dir.path(), &["explain", code]);
        run.code(0);
        assert!(run.stdout.contains("Fix:"), "{code}: {}", run.stdout);
    }
}
