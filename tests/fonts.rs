//! Every character drawn (map.md "v1.1 additions"): the bundled emoji face,
//! `--font`/`--font-dir` for scripts the bundled faces lack, and the
//! `missing-glyph` warning when nothing covers a character.

#[path = "cli/support.rs"]
mod support;

use std::path::Path;

use support::*;

/// Debian's `fonts-noto-cjk` (installed by .ci/run).
const CJK_DIR: &str = "/usr/share/fonts/opentype/noto";

fn cjk_fonts() -> Option<&'static str> {
    if Path::new(CJK_DIR).join("NotoSansCJK-Regular.ttc").is_file() {
        return Some(CJK_DIR);
    }
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "fonts-noto-cjk is required under CI=true"
    );
    eprintln!(
        "CJK test skipped: no {CJK_DIR}/NotoSansCJK-Regular.ttc (apt-get install fonts-noto-cjk)"
    );
    None
}

/// A journey with one touchpoint whose label is `label`.
fn journey(label: &str) -> String {
    format!(
        "journey \"Fonts\" {{\n  persona ana \"Ana\"\n  team shop \"Shop\"\n  \
         stage find \"Find\" {{\n    owner shop\n    touchpoint ad \"{label}\" {{ emotion 1 }}\n  }}\n  \
         flow ad -> find \"Again\"\n}}\n"
    )
}

/// The PNG of a journey (scale 1) and its diagnostics as JSON lines.
fn png_of(source: &str, extra: &[&str]) -> (Vec<u8>, String) {
    let dir = tree(&[("map.journey", source)]);
    let mut args = vec![
        "build",
        "map.journey",
        "--format",
        "png",
        "--scale",
        "1",
        "--diagnostics",
        "json",
    ];
    args.extend_from_slice(extra);
    let run = cjm_in(dir.path(), &args);
    run.code(0);
    (
        std::fs::read(dir.path().join("map.png")).unwrap(),
        run.stderr.clone(),
    )
}

fn missing_glyph_warnings(stderr: &str) -> Vec<serde_json::Value> {
    stderr
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|d| d["code"] == "cjm::missing-glyph")
        .collect()
}

#[test]
fn emoji_are_drawn_not_boxes() {
    // Two different emoji give different pixels; two characters no font
    // has give the same .notdef box. (Labels of the same width: the layout
    // is the same, only the glyph differs.)
    let (happy, warnings) = png_of(&journey("Pay 😀"), &[]);
    assert_eq!(
        missing_glyph_warnings(&warnings),
        Vec::<serde_json::Value>::new()
    );
    let (crying, _) = png_of(&journey("Pay 😭"), &[]);
    assert_ne!(happy, crying, "the emoji are drawn as the same box");
    let (box_a, a) = png_of(&journey("Pay \u{E000}"), &[]);
    let (box_b, _) = png_of(&journey("Pay \u{E001}"), &[]);
    assert_eq!(
        box_a, box_b,
        "private-use characters draw the same empty box"
    );
    assert_ne!(happy, box_a, "the emoji is drawn as the empty box");
    assert_eq!(missing_glyph_warnings(&a).len(), 1);
}

#[test]
fn emoji_sequences_are_embedded_in_the_svg_from_the_emoji_face() {
    let label = "Family 👨\u{200D}👩\u{200D}👧 👍🏿 ❤\u{FE0F}";
    let dir = tree(&[("map.journey", &journey(label))]);
    cjm_in(dir.path(), &["build", "map.journey", "--quiet"]).code(0);
    let svg = read(dir.path(), "map.svg");
    assert!(svg.contains("font-family:'Noto Emoji';font-weight:400;src:url(data:font/ttf;base64,"));
    // The sequence stays one run in the emoji face (and so one glyph).
    assert!(
        svg.contains("font-family=\"Noto Emoji, Noto Sans, sans-serif\""),
        "no run in the emoji face"
    );
    assert!(svg.contains("👨\u{200D}👩\u{200D}👧"));
}

#[test]
fn a_character_no_font_covers_warns_at_its_label() {
    let source = journey("東京 trip");
    let dir = tree(&[("map.journey", &source)]);
    let run = cjm_in(
        dir.path(),
        &["check", "map.journey", "--diagnostics", "json"],
    );
    run.code(0);
    let warnings = missing_glyph_warnings(&run.stderr);
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    let w = &warnings[0];
    let (line, text) = source
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("東京"))
        .unwrap();
    assert_eq!(w["line"], line + 1);
    assert_eq!(
        w["column"],
        text[..text.find('"').unwrap()].chars().count() + 1
    );
    let message = w["message"].as_str().unwrap();
    assert!(message.contains("`東` (U+6771)"), "{message}");
    assert!(message.contains("\"東京 trip\""), "{message}");
    assert!(w["help"].as_str().unwrap().contains("--font-dir"));
    // A lint like the others: allowed, or denied.
    let allowed = cjm_in(
        dir.path(),
        &[
            "check",
            "map.journey",
            "-A",
            "missing-glyph",
            "--diagnostics",
            "json",
        ],
    );
    allowed.code(0);
    assert!(missing_glyph_warnings(&allowed.stderr).is_empty());
    cjm_in(dir.path(), &["check", "map.journey", "-D", "missing-glyph"]).code(1);
}

#[test]
fn a_cjk_font_dir_draws_measures_and_embeds_cjk() {
    let Some(fonts) = cjk_fonts() else { return };
    let source = journey("東京 trip");
    let (without, warned) = png_of(&source, &[]);
    assert_eq!(missing_glyph_warnings(&warned).len(), 1);
    let (with, quiet) = png_of(&source, &["--font-dir", fonts]);
    assert_eq!(
        missing_glyph_warnings(&quiet),
        Vec::<serde_json::Value>::new()
    );
    assert_ne!(with, without);
    let dir = tree(&[("map.journey", &source)]);
    cjm_in(
        dir.path(),
        &["build", "map.journey", "--font-dir", fonts, "--quiet"],
    )
    .code(0);
    let svg = read(dir.path(), "map.svg");
    assert!(
        svg.contains("font-family:'Noto Sans CJK JP';font-weight:700;src:url(data:"),
        "the bold CJK face is embedded"
    );
    // The same with the one file given.
    let file = format!("{fonts}/NotoSansCJK-Regular.ttc");
    let (_, quiet) = png_of(&source, &["--font", &file]);
    assert_eq!(
        missing_glyph_warnings(&quiet),
        Vec::<serde_json::Value>::new()
    );
}

#[test]
fn a_font_that_is_not_a_font_is_a_usage_error() {
    let dir = tree(&[("map.journey", CLEAN), ("bad.ttf", "not a font")]);
    cjm_in(dir.path(), &["check", "map.journey", "--font", "bad.ttf"])
        .code(2)
        .stderr_has("`bad.ttf` is not a font");
    cjm_in(dir.path(), &["check", "map.journey", "--font", "nope.ttf"])
        .code(2)
        .stderr_has("cannot read font `nope.ttf`");
    // In a folder it is skipped, with a word.
    cjm_in(dir.path(), &["check", "map.journey", "--font-dir", "."])
        .code(0)
        .stderr_has("skipping `./bad.ttf`");
}
