//! `--format pdf` (cli.md "v1.1: more build formats and options", map.md
//! "Pages and print"), read back with poppler's tools: one page, the
//! labels as text in reading order (Hebrew and Persian included), every
//! font embedded as a subset.

#[path = "cli/support.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::*;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");

/// Whether poppler's tools are installed (`.ci/run` installs them).
fn poppler() -> bool {
    let found = Command::new("pdfinfo").arg("-v").output().is_ok();
    if !found {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "poppler-utils is required under CI=true"
        );
        eprintln!("PDF test skipped: no pdfinfo (apt-get install poppler-utils)");
    }
    found
}

fn tool(name: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(name)
        .args(args)
        .arg(pdf)
        .output()
        .unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(
        out.status.success(),
        "{name} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The text of the PDF, without the direction marks poppler adds around
/// right-to-left runs, spaces collapsed.
fn text_of(pdf: &Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-enc", "UTF-8"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(out.stdout)
        .unwrap()
        .chars()
        .filter(|c| !matches!(*c as u32, 0x200E | 0x200F | 0x202A..=0x202E | 0x2066..=0x2069))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Builds `example` as PDF with `extra` options; returns the file.
fn build(dir: &Path, example: &str, extra: &[&str]) -> PathBuf {
    let source = format!("{EXAMPLES}/{example}.journey");
    let out = dir.join("out");
    let mut args = vec![
        "build",
        source.as_str(),
        "--format",
        "pdf",
        "-o",
        out.to_str().unwrap(),
        "--quiet",
    ];
    args.extend_from_slice(extra);
    cjm_in(dir, &args).code(0);
    out.join(format!("{example}.pdf"))
}

fn info(pdf: &Path, key: &str) -> String {
    tool("pdfinfo", &[], pdf)
        .lines()
        .find_map(|l| l.strip_prefix(&format!("{key}:")))
        .unwrap_or_else(|| panic!("no {key} in pdfinfo"))
        .trim()
        .to_string()
}

#[test]
fn an_english_map_is_one_page_of_real_text_with_embedded_subsets() {
    if !poppler() {
        return;
    }
    let dir = tree(&[]);
    let pdf = build(dir.path(), "bank-onboarding", &[]);
    assert_eq!(info(&pdf, "Pages"), "1");
    assert_eq!(info(&pdf, "Title"), "Opening an account at Northwind Bank");
    // The page is the map's size (px at 0.75 pt), as in the SVG.
    let svg_dir = tree(&[]);
    let source = format!("{EXAMPLES}/bank-onboarding.journey");
    let svg = cjm_stdin(
        svg_dir.path(),
        &["build", "-", "--format", "svg"],
        &std::fs::read_to_string(&source).unwrap(),
    );
    let width: f32 = svg
        .stdout
        .split("width=\"")
        .nth(1)
        .and_then(|s| s.split('"').next())
        .unwrap()
        .parse()
        .unwrap();
    let size = info(&pdf, "Page size");
    let pdf_width: f32 = size.split(' ').next().unwrap().parse().unwrap();
    assert!(
        (pdf_width - width * 0.75).abs() < 0.1,
        "{size} for {width} px"
    );
    let text = text_of(&pdf);
    for label in [
        "Opening an account at Northwind Bank",
        "Touchpoints",
        "Emotion",
    ] {
        assert!(text.contains(label), "{label:?} not in:\n{text}");
    }
    let fonts = tool("pdffonts", &[], &pdf);
    let rows: Vec<&str> = fonts.lines().skip(2).collect();
    assert!(!rows.is_empty(), "{fonts}");
    for row in rows {
        // name type… encoding emb sub uni: each face a subset, embedded.
        let cols: Vec<&str> = row.split_whitespace().collect();
        let n = cols.len();
        assert_eq!(&cols[n - 5..n - 2], ["yes", "yes", "yes"], "{row}");
        assert!(cols[0].contains('+'), "not a subset: {row}");
    }
}

#[test]
fn hebrew_and_persian_read_in_their_order_on_an_a3_sheet() {
    if !poppler() {
        return;
    }
    let dir = tree(&[]);
    let pdf = build(dir.path(), "michal", &["--page", "a3"]);
    assert_eq!(info(&pdf, "Pages"), "1");
    let size = info(&pdf, "Page size");
    assert!(size.contains("(A3)"), "{size}");
    let text = text_of(&pdf);
    for label in ["המסע של מיכל", "נקודות מגע", "בדרך למשרד"] {
        assert!(text.contains(label), "{label:?} not in:\n{text}");
    }
    // A label mixing Hebrew and Latin ("פין ב-Waze בדרך למשרד") is several
    // runs; poppler puts the Latin run back between the Hebrew ones but
    // guesses the spaces around it itself, so only the order is checked.
    let before = &text[..text.find("בדרך למשרד").unwrap()];
    let (pin, waze) = (before.rfind("פין").unwrap(), before.rfind("Waze").unwrap());
    assert!(pin < waze && before.len() - pin < 40, "{before}");
    let pdf = build(dir.path(), "shoe-shop", &["--page", "a4"]);
    let text = text_of(&pdf);
    for label in ["نقشه سفر مشتری فروشگاه کفش", "صفحه پرداخت"] {
        assert!(text.contains(label), "{label:?} not in:\n{text}");
    }
    assert!(info(&pdf, "Page size").contains("(A4)"));
}

#[test]
fn emoji_reach_the_pdf_as_text_in_the_emoji_face() {
    if !poppler() {
        return;
    }
    let dir = tree(&[("map.journey", &CLEAN.replace("\"Happy\"", "\"Happy 😀\""))]);
    cjm_in(
        dir.path(),
        &["build", "map.journey", "--format", "pdf", "--quiet"],
    )
    .code(0);
    let pdf = dir.path().join("map.pdf");
    assert!(text_of(&pdf).contains("Happy 😀"));
    assert!(tool("pdffonts", &[], &pdf).contains("NotoEmoji"));
}
