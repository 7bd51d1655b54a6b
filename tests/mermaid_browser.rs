//! `cjm build --format mermaid` output, rendered by Mermaid itself (the
//! npm package in tests/mermaid, installed by `.ci/run`) in headless
//! Chromium: every example must render, with every section, task and
//! actor drawn. Skipped with a message when Chromium or the package is
//! missing, except under CI=true, where that is a failure.

use std::path::{Path, PathBuf};
use std::process::Command;

const MERMAID: &str = "tests/mermaid/node_modules/mermaid/dist/mermaid.min.js";

fn required(what: &str) -> bool {
    assert!(
        std::env::var("CI").as_deref() != Ok("true"),
        "{what} is required under CI=true"
    );
    eprintln!("mermaid browser test skipped: {what} is missing");
    false
}

fn chromium() -> Option<PathBuf> {
    let candidates = std::env::var_os("CJM_CHROMIUM")
        .map(PathBuf::from)
        .into_iter()
        .chain(
            ["chromium", "chromium-browser", "google-chrome"]
                .map(|n| Path::new("/usr/bin").join(n)),
        );
    candidates.into_iter().find(|p| p.is_file())
}

/// The page: renders each diagram with Mermaid and writes, as JSON, the
/// error or the text of every `<text>` it drew.
fn page(mermaid_js: &Path, diagrams: &[String]) -> String {
    let data = serde_json::to_string(diagrams)
        .unwrap()
        .replace('<', "\\u003c");
    format!(
        r#"<!doctype html><html><body><pre id="out">pending</pre>
<script src="file://{}"></script>
<script>
mermaid.initialize({{ startOnLoad: false }});
(async () => {{
  const results = [];
  const diagrams = {data};
  for (let i = 0; i < diagrams.length; i++) {{
    try {{
      const {{ svg }} = await mermaid.render('d' + i, diagrams[i]);
      const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
      results.push({{ ok: true, texts: [...doc.querySelectorAll('text')].map(t => t.textContent) }});
    }} catch (e) {{
      results.push({{ ok: false, error: String(e) }});
    }}
  }}
  document.getElementById('out').textContent = JSON.stringify(results);
}})();
</script></body></html>"#,
        mermaid_js.display()
    )
}

fn unescape_html(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// The names a diagram's lines give: section names, task names, actors.
fn names(diagram: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut description = false;
    for line in diagram.lines().map(str::trim) {
        if line.starts_with("accDescr {") {
            description = true;
        } else if description {
            description = line != "}";
        } else if let Some(section) = line.strip_prefix("section ") {
            out.push(section.to_string());
        } else if !line.starts_with("%%")
            && !line.starts_with("title ")
            && !line.starts_with("accDescr")
            && let Some((task, rest)) = line.split_once(':')
        {
            out.push(task.trim_start_matches('\u{200B}').to_string());
            if let Some((_, actors)) = rest.split_once(':') {
                out.extend(actors.split(',').map(|a| a.trim().to_string()));
            }
        }
    }
    out
}

#[test]
fn every_example_exported_as_mermaid_renders_in_mermaid() {
    let Some(chromium) = chromium() else {
        required("Chromium");
        return;
    };
    let mermaid_js = Path::new(env!("CARGO_MANIFEST_DIR")).join(MERMAID);
    if !mermaid_js.is_file() {
        required("the mermaid npm package (npm ci --prefix tests/mermaid)");
        return;
    }
    let mut paths: Vec<PathBuf> = std::fs::read_dir("examples")
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "journey"))
        .collect();
    paths.sort();
    let diagrams: Vec<String> = paths
        .iter()
        .map(|path| {
            let compiled = cjm::compile(&std::fs::read(path).unwrap(), &Default::default());
            cjm::render::mermaid(&compiled.journey.expect("examples compile"))
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let html = dir.path().join("page.html");
    std::fs::write(&html, page(&mermaid_js, &diagrams)).unwrap();
    let output = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--allow-file-access-from-files",
            "--virtual-time-budget=20000",
            "--dump-dom",
        ])
        .arg(format!("file://{}", html.display()))
        .output()
        .expect("chromium runs");
    let dom = String::from_utf8_lossy(&output.stdout);
    let start = dom.find("<pre id=\"out\">").expect("the page") + "<pre id=\"out\">".len();
    let end = start + dom[start..].find("</pre>").unwrap();
    let json = unescape_html(&dom[start..end]);
    let results: serde_json::Value = serde_json::from_str(&json)
        .unwrap_or_else(|e| panic!("{e}: {json}\n{}", String::from_utf8_lossy(&output.stderr)));
    for ((path, diagram), result) in paths.iter().zip(&diagrams).zip(results.as_array().unwrap()) {
        assert_eq!(
            result["ok"],
            true,
            "{}: {}\n{diagram}",
            path.display(),
            result["error"]
        );
        let drawn: String = result["texts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().unwrap())
            .collect::<String>()
            .split_whitespace()
            .collect();
        for name in names(diagram) {
            let name: String = name.split_whitespace().collect();
            assert!(
                drawn.contains(&name),
                "{}: `{name}` is not drawn",
                path.display()
            );
        }
    }
}
