//! `--format html` (cli.md "v1.1: more build formats and options", map.md
//! "Pages and print"): a self-contained page per map, and with `-o SITE`
//! an index listing every map.

#[path = "cli/support.rs"]
mod support;

use std::path::{Path, PathBuf};
use std::process::Command;

use support::*;

const EXAMPLES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");

/// Every URL-bearing attribute or CSS `url(…)` in `page` that would make
/// the browser fetch something: `src`, `<link href>`, `@import`, and
/// `url(` that is not a data URI. (`<a href>` is a link, not a request.)
fn fetches(page: &str) -> Vec<String> {
    let mut found = Vec::new();
    for (i, _) in page.match_indices("src=") {
        found.push(page[i..].chars().take(60).collect());
    }
    for (i, _) in page.match_indices("<link") {
        let tag: String = page[i..].chars().take_while(|c| *c != '>').collect();
        if !tag.contains("href=\"data:") {
            found.push(tag);
        }
    }
    for (i, _) in page.match_indices("url(") {
        let rest = page[i + 4..].trim_start_matches(['"', '\'']);
        if !rest.starts_with("data:") {
            found.push(page[i..].chars().take(60).collect());
        }
    }
    if page.contains("@import") {
        found.push("@import".into());
    }
    found
}

#[test]
fn a_page_holds_the_map_inline_and_fetches_nothing() {
    let dir = tree(&[("map.journey", CLEAN)]);
    cjm_in(dir.path(), &["build", "map.journey", "--format", "html"]).code(0);
    let page = read(dir.path(), "map.html");
    assert!(page.starts_with("<!doctype html>"), "{}", &page[..40]);
    assert!(page.contains("<title>Clean</title>"));
    assert!(page.contains("<h1>Clean</h1>"));
    // The map itself, with its fonts embedded as data URIs.
    let svg_start = page.find("<svg ").expect("the SVG inline");
    assert!(page[svg_start..].contains("</svg>"));
    assert!(page.contains("@font-face"), "fonts embedded");
    assert_eq!(fetches(&page), Vec::<String>::new());
    // What the map holds, and the check's result.
    assert!(page.contains("1 persona: Ana"));
    assert!(page.contains("2 stages"));
    assert!(page.contains("no errors, no warnings"));
    // No index next to a page built without `-o`.
    assert!(!dir.path().join("index.html").exists());
}

#[test]
fn a_page_lists_the_warnings_with_their_place() {
    let dir = tree(&[("map.journey", WARNING)]);
    cjm_in(dir.path(), &["build", "map.journey", "--format", "html"]).code(0);
    let page = read(dir.path(), "map.html");
    assert!(page.contains("no errors, 1 warning"), "summary");
    // The warning points at the ID of `stage wait "Wait" { owner shop }`.
    let (line, text) = WARNING
        .lines()
        .enumerate()
        .find(|(_, l)| l.contains("stage wait"))
        .unwrap();
    let column = text.find("wait").unwrap() + 1;
    let line = line + 1;
    assert!(
        page.contains(&format!(
            "line {line}, column {column}: warning <code>cjm::empty-stage</code>"
        )),
        "{}",
        &page[page.find("<details").unwrap()..page.find("</details>").unwrap()]
    );
}

#[test]
fn a_right_to_left_map_gets_a_right_to_left_page() {
    let dir = tree(&[]);
    let source = format!("{EXAMPLES}/michal.journey");
    let out = dir.path().join("out");
    cjm_in(
        dir.path(),
        &[
            "build",
            &source,
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ],
    )
    .code(0);
    let page = std::fs::read_to_string(out.join("michal.html")).unwrap();
    assert!(
        page.contains("<html lang=\"he\" dir=\"rtl\">"),
        "{}",
        &page[..120]
    );
    assert!(page.contains("<h1>המסע של מיכל</h1>"));
}

#[test]
fn a_dark_theme_page_is_dark_around_the_map() {
    let dir = tree(&[("map.journey", CLEAN)]);
    cjm_in(
        dir.path(),
        &[
            "build",
            "map.journey",
            "--format",
            "html",
            "--theme",
            "dark",
        ],
    )
    .code(0);
    let page = read(dir.path(), "map.html");
    let light = tree(&[("map.journey", CLEAN)]);
    cjm_in(light.path(), &["build", "map.journey", "--format", "html"]).code(0);
    let light = read(light.path(), "map.html");
    let vars = |p: &str| {
        let i = p.find(":root { --page").unwrap();
        p[i..i + p[i..].find('}').unwrap()].to_string()
    };
    assert_ne!(vars(&page), vars(&light));
    assert!(vars(&light).contains("--page: #ffffff"));
}

#[test]
fn a_site_has_an_index_of_every_map_in_path_order() {
    let dir = tree(&[
        (
            "maps/zeta.journey",
            &CLEAN.replace("\"Clean\"", "\"Zeta map\""),
        ),
        (
            "maps/team a/alpha.journey",
            &WARNING.replace("\"Warning\"", "\"Alpha <map>\""),
        ),
        ("maps/broken.journey", SYNTAX),
        ("maps/מפה.journey", CLEAN),
    ]);
    let run = cjm_in(
        dir.path(),
        &["build", "maps", "--format", "html", "-o", "site"],
    );
    run.code(1);
    let index = read(dir.path(), "site/index.html");
    // Each built map is linked by a working relative URL, with its title
    // (escaped), personas and stage count.
    for (href, file) in [
        ("team%20a/alpha.html", "site/team a/alpha.html"),
        ("zeta.html", "site/zeta.html"),
        ("%D7%9E%D7%A4%D7%94.html", "site/מפה.html"),
    ] {
        assert!(
            index.contains(&format!("<a href=\"{href}\"")),
            "{href}:\n{index}"
        );
        assert!(dir.path().join(file).is_file(), "{file}");
    }
    assert!(index.contains(">Alpha &lt;map&gt;</a> <small>(1 warning)</small>"));
    assert!(index.contains(">Zeta map</a></td><td dir=\"auto\">Ana</td><td>2</td>"));
    // The broken one is listed, not linked.
    assert!(index.contains("not built: the journey has errors"));
    assert!(index.contains("maps/broken.journey"));
    // Path order of the pages: broken, team a/alpha, zeta, then the Hebrew name.
    let at = |s: &str| index.find(s).unwrap_or_else(|| panic!("{s}"));
    assert!(at("broken.journey") < at("team%20a/alpha.html"));
    assert!(at("team%20a/alpha.html") < at("zeta.html"));
    assert!(at("zeta.html") < at("%D7%9E"));
    assert_eq!(fetches(&index), Vec::<String>::new());
}

#[test]
fn a_journey_named_index_cannot_overwrite_the_sites_index() {
    let dir = tree(&[("maps/index.journey", CLEAN)]);
    cjm_in(
        dir.path(),
        &["build", "maps", "--format", "html", "-o", "site"],
    )
    .code(2)
    .stderr_has("would overwrite the site's");
    assert!(!dir.path().join("site/index.html").exists());
}

#[test]
fn a_page_from_stdin_goes_to_stdout() {
    let dir = tree(&[]);
    let run = cjm_stdin(dir.path(), &["build", "-", "--format", "html"], WARNING);
    run.code(0);
    assert!(run.stdout.starts_with("<!doctype html>"));
    assert!(run.stdout.contains("cjm::empty-stage"));
}

fn chromium() -> Option<PathBuf> {
    let found = std::env::var_os("CJM_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            ["chromium", "chromium-browser", "google-chrome"]
                .iter()
                .map(|n| Path::new("/usr/bin").join(n)),
        )
        .find(|p| p.is_file());
    if found.is_none() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "Chromium is required under CI=true"
        );
        eprintln!("browser test skipped: no Chromium found");
    }
    found
}

/// Opened from `file://` in headless Chromium, the page's own script runs
/// (pan and zoom on), its fonts load from the page, and nothing else is
/// requested.
#[test]
fn a_page_opens_in_chromium_with_no_request() {
    let Some(browser) = chromium() else { return };
    let dir = tree(&[]);
    let source = format!("{EXAMPLES}/shoe-shop.journey");
    let out = dir.path().join("site");
    cjm_in(
        dir.path(),
        &[
            "build",
            &source,
            "--format",
            "html",
            "-o",
            out.to_str().unwrap(),
        ],
    )
    .code(0);
    // A probe after the page's own script reports what the browser did.
    let page = std::fs::read_to_string(out.join("shoe-shop.html")).unwrap();
    let probe = "<pre id=\"probe\"></pre><script>document.fonts.ready.then(() => {\
        document.getElementById('probe').textContent = JSON.stringify({\
        zoomable: document.body.classList.contains('zoomable'),\
        transform: document.getElementById('canvas').style.transform,\
        resources: performance.getEntriesByType('resource').map(e => e.name)\
          .filter(n => !n.startsWith('data:')),\
        fonts: [...document.fonts].map(f => f.status)});});</script></body>";
    let probed = page.replacen("</body>", probe, 1);
    let file = out.join("probed.html");
    std::fs::write(&file, probed).unwrap();
    let output = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--no-first-run",
            "--virtual-time-budget=10000",
        ])
        .arg(format!(
            "--user-data-dir={}",
            dir.path().join("profile").display()
        ))
        .arg("--dump-dom")
        .arg(format!("file://{}", file.display()))
        .output()
        .expect("run chromium");
    let dom = String::from_utf8_lossy(&output.stdout);
    let start = dom.find("<pre id=\"probe\">").expect("the probe") + "<pre id=\"probe\">".len();
    let json = dom[start..start + dom[start..].find("</pre>").unwrap()].replace("&quot;", "\"");
    let seen: serde_json::Value = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("{e}: {json}\n{}", String::from_utf8_lossy(&output.stderr)));
    assert_eq!(seen["zoomable"], true, "{seen}");
    assert!(
        seen["transform"].as_str().unwrap().contains("scale("),
        "{seen}"
    );
    assert_eq!(seen["resources"], serde_json::json!([]), "{seen}");
    let fonts = seen["fonts"].as_array().unwrap();
    assert!(!fonts.is_empty(), "{seen}");
    assert!(fonts.iter().all(|s| s == "loaded"), "{seen}");
}
