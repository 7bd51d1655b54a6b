//! Real-browser check: headless Chromium draws our SVG text where the text
//! module measured it. Skipped (with a message) when Chromium is missing,
//! except under CI=true, where a missing browser is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

/// Allowed difference between our widths and the browser's, in px.
const TOLERANCE: f64 = 2.0;

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
fn chromium_draws_text_runs_where_the_text_module_measured_them() {
    let Some(browser) = chromium() else { return };
    let labels = [
        ("Customer compares delivery options before paying", false),
        ("אני אוהב Rust מאוד, ממש!", true),
        ("3 ימים", true),
        ("שלום!", true),
        ("(שלום) hello", true),
        ("می\u{200C}خواهم پرداخت کنم (۳ روز)", true),
        ("Open שלום עולם today", false),
        (
            "Supercalifragilisticexpialidociouslyunbelievablylongwordssss",
            false,
        ),
        // Emoji from the bundled emoji face: a ZWJ family, a skin tone, a
        // variation selector, between words and in Hebrew.
        ("Happy 😀 with 👨\u{200D}👩\u{200D}👧 today", false),
        ("Thumbs 👍🏿 and ❤\u{FE0F} ok", false),
        ("בוכה 😭 מאוד", true),
    ];
    let svg = cjm::text_probe::sample_svg(&labels, 16.0, 180.0);
    let measured = measure_in_browser(&browser, &svg);
    let texts = measured["texts"].as_array().expect("texts");
    if std::env::var_os("CJM_BROWSER_DEBUG").is_some() {
        eprintln!("{measured:#}");
        std::fs::write("/tmp/cjm_sample.svg", &svg).ok();
    }
    assert!(texts.len() > labels.len(), "{measured}");
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

/// The example maps, rendered by the library.
fn example_svgs() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|e| e == "journey"))
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .into_iter()
        .filter_map(|path| {
            let bytes = std::fs::read(&path).expect("read example");
            let compiled = cjm::compile(&bytes, &cjm::CompileOptions::default());
            let journey = compiled.journey?;
            let svg = cjm::render::svg(&journey, &cjm::RenderOptions::default());
            Some((path.display().to_string(), svg))
        })
        .collect()
}

/// Generated journeys with every lane kind (custom text and score lanes,
/// the service blueprint, a `lanes` order), left to right and right to
/// left, and one drawn in a team view (faded parts).
fn lane_svgs() -> Vec<(String, String)> {
    use cjm::testgen::{Options, journey_with};
    let options = cjm::RenderOptions::default();
    let mut out = Vec::new();
    for (n, seed, lang, order) in [
        (12, 7, "en", false),
        (9, 3, "he", false),
        (14, 11, "fa", true),
    ] {
        let source = journey_with(
            n,
            seed,
            Options {
                lanes: true,
                lane_order: order,
            },
        )
        .replacen("lang en", &format!("lang {lang}"), 1);
        let compiled = cjm::compile(source.as_bytes(), &cjm::CompileOptions::default());
        let journey = compiled.journey.expect("generated journeys compile");
        let name = format!("generated lanes {n}/{seed} {lang}");
        out.push((name.clone(), cjm::render::svg(&journey, &options)));
        let view = cjm::View {
            team: journey.teams.first().map(|t| t.id.clone()),
            ..cjm::View::default()
        };
        out.push((
            format!("{name}, team view"),
            cjm::render::svg_view(&journey, &options, &view),
        ));
    }
    out
}

/// The marked maps of `cjm diff --format svg` on the diff fixture pairs:
/// their tags and notes are text the browser must draw as measured too.
fn diff_svgs() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/diff");
    let compile = |p: PathBuf| {
        let bytes = std::fs::read(p).expect("read diff fixture");
        cjm::compile(&bytes, &cjm::CompileOptions::default()).journey
    };
    let mut pairs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|e| e.flatten().map(|e| e.path()).collect())
        .unwrap_or_default();
    pairs.sort();
    pairs
        .into_iter()
        .filter_map(|pair| {
            let old = compile(pair.join("old.journey"))?;
            let new = compile(pair.join("new.journey"))?;
            let diff = cjm::diff::Diff::of(
                cjm::diff::Side {
                    file: None,
                    journey: Some(&old),
                },
                cjm::diff::Side {
                    file: None,
                    journey: Some(&new),
                },
            );
            let svg = cjm::diff::svg(&diff, &cjm::RenderOptions::default())?;
            Some((format!("diff {}", pair.display()), svg))
        })
        .collect()
}

fn edges(v: &Value) -> [f64; 4] {
    let mut out = [f64::NAN; 4];
    for (i, x) in v.as_array().into_iter().flatten().take(4).enumerate() {
        out[i] = x.as_f64().unwrap_or(f64::NAN);
    }
    out
}

#[test]
fn chromium_draws_the_example_maps_as_measured_and_inside_their_boxes() {
    let Some(browser) = chromium() else { return };
    let mut examples = example_svgs();
    if examples.is_empty() {
        eprintln!("browser test: no examples/*.journey to check");
        return;
    }
    examples.extend(lane_svgs());
    examples.extend(diff_svgs());
    let mut failures = Vec::new();
    let mut checked = 0;
    for (name, svg) in &examples {
        let measured = measure_in_browser(&browser, svg);
        let rects: Vec<[f64; 4]> = measured["rects"]
            .as_array()
            .into_iter()
            .flatten()
            .map(edges)
            .collect();
        for t in measured["texts"].as_array().into_iter().flatten() {
            let text = t["text"].as_str().unwrap_or_default();
            let family = t["family"].as_str().unwrap_or_default();
            let bold = num(t, "weight") >= 600.0;
            let rtl = t["direction"].as_str() == Some("rtl");
            let Some(expected) =
                cjm::text_probe::run_width(text, family, bold, num(t, "size") as f32, rtl)
            else {
                continue;
            };
            checked += 1;
            let length = num(t, "length");
            if (length - f64::from(expected)).abs() > TOLERANCE {
                failures.push(format!(
                    "{name}: {text:?} is {length:.1} px wide in Chromium, measured {expected:.1}"
                ));
            }
            // The smallest rectangle around the text's centre is its box:
            // the text must not stick out of it sideways.
            let [left, top, right, bottom] = edges(&t["client"]);
            let (cx, cy) = ((left + right) / 2.0, (top + bottom) / 2.0);
            let container = rects
                .iter()
                .filter(|r| r[0] <= cx && cx <= r[2] && r[1] <= cy && cy <= r[3])
                .min_by(|a, b| {
                    ((a[2] - a[0]) * (a[3] - a[1])).total_cmp(&((b[2] - b[0]) * (b[3] - b[1])))
                });
            if let Some(r) = container
                && (left < r[0] - 1.0 || right > r[2] + 1.0)
            {
                failures.push(format!(
                    "{name}: {text:?} ({left:.1}..{right:.1}) overflows its box ({:.1}..{:.1})",
                    r[0], r[2]
                ));
            }
        }
    }
    eprintln!(
        "browser test: {checked} texts of {} example maps checked",
        examples.len()
    );
    assert!(checked > 0, "no text of the examples uses a bundled font");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
