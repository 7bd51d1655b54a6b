//! Real-browser check of text in a font given with `--font-dir`: CJK from
//! Debian's `fonts-noto-cjk` (installed by .ci/run), registered with
//! `cjm::add_fonts` before anything is measured, is drawn by headless
//! Chromium where the text module measured it, inside its box, from the
//! subset embedded in the SVG. A process of its own: fonts are registered
//! once per process.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Allowed difference between our widths and the browser's, in px.
const TOLERANCE: f64 = 2.0;

const CJK: &str = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc";

fn chromium() -> Option<PathBuf> {
    let names = ["chromium", "chromium-browser", "google-chrome"];
    let on_path = std::env::var_os("PATH")
        .map(|path| std::env::split_paths(&path).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .flat_map(|dir| names.iter().map(move |n| dir.join(n)));
    let candidates = std::env::var_os("CJM_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(names.iter().map(|n| Path::new("/usr/bin").join(n)))
        .chain(on_path);
    let found = candidates.into_iter().find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Chromium is required under CI=true (apt-get install -y chromium)"
        );
        eprintln!("browser test skipped: no Chromium found (set CJM_CHROMIUM or install chromium)");
    }
    found
}

/// The script the page runs once its fonts are loaded: for every `<text>`,
/// its attributes, its rendered box and where its first and last
/// characters are, written as JSON into `#out`.
const SCRIPT: &str = r#"
document.fonts.ready.then(() => {
  const out = [];
  for (const t of document.querySelectorAll('svg text')) {
    const b = t.getBBox();
    const n = t.getNumberOfChars();
    // First and last logical characters that are not invisible marks.
    let first = -1, last = -1;
    for (let i = 0; i < n; i++) {
      if (t.textContent[i] !== '\u200F') { if (first < 0) first = i; last = i; }
    }
    const at = (i) => { if (i < 0) return null; const e = t.getExtentOfChar(i); return e.x + e.width / 2; };
    const r = t.getBoundingClientRect();
    out.push({
      text: t.textContent,
      family: t.getAttribute('font-family') || getComputedStyle(t).fontFamily,
      weight: getComputedStyle(t).fontWeight,
      size: parseFloat(getComputedStyle(t).fontSize),
      direction: getComputedStyle(t).direction,
      length: t.getComputedTextLength(),
      x: b.x, width: b.width,
      first: at(first), last: at(last),
      data_left: t.getAttribute('data-left'), data_width: t.getAttribute('data-width'),
      data_first: t.getAttribute('data-first'),
      client: [r.left, r.top, r.right, r.bottom],
    });
  }
  const rects = [];
  for (const r of document.querySelectorAll('svg rect')) {
    const c = r.getBoundingClientRect();
    if (c.width > 0 && c.height > 0) rects.push([c.left, c.top, c.right, c.bottom]);
  }
  document.getElementById('out').textContent = JSON.stringify({texts: out, rects: rects});
});
"#;

/// Loads `svg` inline in a page in headless Chromium and returns what the
/// page script measured.
fn measure_in_browser(browser: &Path, svg: &str) -> Value {
    // A slow machine can run out of the virtual time budget before the
    // fonts load: try again once before failing.
    load_page(browser, svg)
        .or_else(|| load_page(browser, svg))
        .expect("the page script did not run in Chromium")
}

fn load_page(browser: &Path, svg: &str) -> Option<Value> {
    let dir = tempfile::tempdir().expect("temp dir");
    let page = dir.path().join("page.html");
    let html = format!(
        "<!DOCTYPE html><html><head><meta charset=\"utf-8\"></head>\
         <body style=\"margin:0\">{svg}<pre id=\"out\"></pre><script>{SCRIPT}</script></body></html>"
    );
    std::fs::write(&page, html).expect("write page");
    let profile = dir.path().join("profile");
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--hide-scrollbars",
            "--virtual-time-budget=10000",
        ])
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg("--dump-dom")
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&output.stdout);
    let start = dom.find("<pre id=\"out\">").unwrap_or_else(|| {
        panic!(
            "no output in the page: {}",
            String::from_utf8_lossy(&output.stderr)
        )
    }) + "<pre id=\"out\">".len();
    let end = start + dom[start..].find("</pre>").expect("end of output");
    let json = dom[start..end]
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
    if json.is_empty() {
        return None;
    }
    Some(serde_json::from_str(&json).expect("page output is JSON"))
}

fn num(v: &Value, key: &str) -> f64 {
    match &v[key] {
        Value::Number(n) => n.as_f64().unwrap_or(f64::NAN),
        Value::String(s) => s.parse().unwrap_or(f64::NAN),
        _ => f64::NAN,
    }
}

#[test]
fn chromium_draws_cjk_from_a_given_font_where_it_was_measured() {
    if !Path::new(CJK).is_file() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "fonts-noto-cjk is required under CI=true"
        );
        eprintln!("CJK browser test skipped: no {CJK}");
        return;
    }
    let Some(browser) = chromium() else { return };
    let names = cjm::add_fonts(vec![std::fs::read(CJK).unwrap()]).expect("the CJK font");
    assert_eq!(names, ["Noto Sans CJK JP"]);
    let labels = [
        ("東京の旅 Tokyo trip", false),
        ("支付太慢了，我等了很久才付款成功", false),
        ("한국어 라벨 and English", false),
        ("嬉しい 😀 です", false),
        ("שלום 東京", true),
    ];
    let svg = cjm::text_probe::sample_svg(&labels, 16.0, 180.0);
    assert!(
        svg.contains("font-family:'Noto Sans CJK JP'"),
        "CJK subset embedded"
    );
    let measured = measure_in_browser(&browser, &svg);
    let texts = measured["texts"].as_array().expect("texts");
    assert!(texts.len() > labels.len(), "{measured}");
    assert!(
        texts.iter().any(|t| t["family"]
            .as_str()
            .unwrap_or("")
            .contains("Noto Sans CJK JP")),
        "no run in the CJK face: {measured}"
    );
    let mut failures = Vec::new();
    for t in texts {
        let text = t["text"].as_str().unwrap_or_default();
        let (left, width) = (num(t, "data_left"), num(t, "data_width"));
        let (x, w) = (num(t, "x"), num(t, "width"));
        if (w - width).abs() > TOLERANCE || (x - left).abs() > TOLERANCE {
            failures.push(format!(
                "{text:?}: browser x {x:.1} w {w:.1}, expected x {left:.1} w {width:.1}"
            ));
        }
        // Wrapped to 180 px in a box from x = 10: nothing sticks out
        // (a single character wider than the box could, none is here).
        if x < 10.0 - TOLERANCE || x + w > 190.0 + TOLERANCE {
            failures.push(format!(
                "{text:?}: overflows the box ({x:.1}..{:.1})",
                x + w
            ));
        }
        // Order inside the run: the first logical character sits at the
        // run's start edge (right for RTL runs).
        let (first, last) = (num(t, "first"), num(t, "last"));
        let first_on_right = first > last;
        let expected_right = t["data_first"].as_str() == Some("right");
        if first != last && first_on_right != expected_right {
            failures.push(format!("{text:?}: characters drawn in the wrong order"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
