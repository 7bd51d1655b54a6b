//! The live preview in a real browser: headless Chromium driven through the
//! DevTools protocol (a minimal WebSocket client below, no extra crates).
//!
//! Needs `chromium` (Debian package) or `CJM_CHROMIUM=/path/to/chrome`.
//! Without it the test says it is skipped, and fails when `CI=true`.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use base64::Engine;
use cjm::serve::{DiagnosticView, MapOutcome, Preview};
use serde_json::{Value, json};

/// A stand-in for a cjm map, shaped like one: its own `<style>` with an
/// embedded `@font-face` (a data URI), which the page's CSP must allow.
fn svg(label: &str) -> String {
    format!(
        r##"<svg xmlns="http://www.w3.org/2000/svg" width="640" height="240" viewBox="0 0 640 240"><style>@font-face {{ font-family: "Map Sans"; src: url("data:font/woff2;base64,AAAA") format("woff2"); }} .label {{ font-family: "Map Sans", sans-serif; font-size: 28px; fill: #1e3a8a; }}</style><rect width="640" height="240" fill="#fdfcf7"/><rect x="20" y="60" width="600" height="120" rx="12" fill="#dbeafe" stroke="#1e40af"/><text class="label" x="40" y="128">{label}</text></svg>"##
    )
}

fn built(label: &str) -> MapOutcome {
    MapOutcome::Built {
        svg: svg(label),
        json: "{}".into(),
        png: None,
    }
}

#[test]
fn the_page_follows_builds_without_reloading() {
    let Some(chromium) = find_chromium() else {
        let message = "serve_browser skipped: no Chromium (install the `chromium` package or set CJM_CHROMIUM)";
        assert!(std::env::var("CI").as_deref() != Ok("true"), "{message}");
        eprintln!("{message}");
        return;
    };
    let preview = Preview::start(None).unwrap();
    preview.publish("trip.journey", built("Before the change"));

    let browser = Browser::launch(&chromium);
    let mut page = browser.page();
    page.call("Runtime.enable", json!({}));
    page.call("Log.enable", json!({}));
    page.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": 1000, "height": 640, "deviceScaleFactor": 1, "mobile": false}),
    );
    page.call("Page.navigate", json!({"url": preview.url()}));
    page.wait_for(
        "the first map",
        "document.querySelector('#canvas svg text')?.textContent === 'Before the change'",
    );
    page.wait_for(
        "the live stream",
        "document.getElementById('status').textContent === 'live'",
    );

    assert_eq!(
        page.eval(
            "['dl-svg', 'dl-png', 'dl-json'].map((id) => document.getElementById(id).hidden)"
        ),
        json!([false, true, false]),
        "SVG and JSON downloads, no PNG (none was built)"
    );

    // State that a reload would lose: a marker and the zoom.
    page.eval("window.__marker = 'kept'; document.getElementById('zoom-in').click(); true");
    let zoomed = page.eval("document.getElementById('canvas').style.transform");

    let saved = Instant::now();
    preview.publish("trip.journey", built("After the change"));
    page.wait_for(
        "the new label",
        "document.querySelector('#canvas svg text')?.textContent === 'After the change'",
    );
    let swap_time = saved.elapsed();
    assert!(
        swap_time < Duration::from_secs(2),
        "the swap took {swap_time:?}"
    );
    assert_eq!(
        page.eval("window.__marker"),
        json!("kept"),
        "the page reloaded"
    );
    assert_eq!(
        page.eval("document.getElementById('canvas').style.transform"),
        zoomed
    );
    assert_eq!(
        page.eval("document.querySelectorAll('#canvas svg').length"),
        json!(1)
    );

    // A failed build: the overlay shows the diagnostic as text, over the
    // last good map.
    preview.publish(
        "trip.journey",
        MapOutcome::Failed {
            diagnostics: vec![DiagnosticView {
                code: "cjm::unknown-stage".into(),
                severity: "error".into(),
                message: "stage <b id=\"injected\">Pay</b> is not declared".into(),
                line: 12,
                column: 7,
                help: Some("add `stage Pay` before using it".into()),
            }],
        },
    );
    page.wait_for("the overlay", "!document.getElementById('overlay').hidden");
    let overlay = page.eval("document.getElementById('overlay').innerText");
    let overlay = overlay.as_str().unwrap();
    assert!(overlay.contains("cjm::unknown-stage"), "{overlay}");
    assert!(overlay.contains("line 12, column 7"), "{overlay}");
    assert!(
        overlay.contains("stage <b id=\"injected\">Pay</b> is not declared"),
        "{overlay}"
    );
    assert!(
        overlay.contains("help: add `stage Pay` before using it"),
        "{overlay}"
    );
    assert_eq!(
        page.eval("document.getElementById('injected') === null"),
        json!(true)
    );
    assert_eq!(
        page.eval("document.querySelector('#canvas svg text')?.textContent"),
        json!("After the change"),
        "the last good map stays"
    );
    let shot = page.screenshot();
    let out = Path::new(env!("CARGO_TARGET_TMPDIR"));
    std::fs::write(out.join("serve-screenshot-failed.png"), &shot).unwrap();

    // The next good build hides the overlay.
    preview.publish("trip.journey", built("Fixed again"));
    page.wait_for(
        "the fixed map",
        "document.querySelector('#canvas svg text')?.textContent === 'Fixed again'",
    );
    page.wait_for(
        "the overlay to go",
        "document.getElementById('overlay').hidden",
    );
    assert_eq!(
        page.eval("window.__marker"),
        json!("kept"),
        "the page reloaded"
    );
    std::fs::write(out.join("serve-screenshot.png"), page.screenshot()).unwrap();

    // With two maps, home is a live index.
    preview.publish("b-second.journey", built("Second"));
    page.call("Page.navigate", json!({"url": preview.url()}));
    page.wait_for(
        "the index",
        "document.querySelectorAll('#maps li').length === 2",
    );
    preview.publish(
        "b-second.journey",
        MapOutcome::Failed {
            diagnostics: vec![DiagnosticView {
                code: "cjm::syntax".into(),
                severity: "error".into(),
                message: "expected a string".into(),
                line: 1,
                column: 1,
                help: None,
            }],
        },
    );
    // Sorted by name: `b-second` comes first.
    page.wait_for(
        "the index to show the failure",
        "document.querySelector('#maps li')?.textContent === 'b-second.journey 1 error'",
    );
    preview.remove("b-second.journey");
    page.wait_for(
        "the removal",
        "document.querySelectorAll('#maps li').length === 1",
    );

    // A real map, as cjm renders it (fonts embedded in its own <style>).
    let source = include_str!("../src/cli/starter.journey");
    let compilation = cjm::compile(source.as_bytes(), &cjm::CompileOptions::default());
    let journey = compilation.journey.expect("the starter journey compiles");
    let real = cjm::render::svg(&journey, &cjm::RenderOptions::default());
    preview.remove("trip.journey");
    preview.publish(
        "map.journey",
        MapOutcome::Built {
            svg: real,
            json: cjm::render::json(&journey),
            png: None,
        },
    );
    page.call("Page.navigate", json!({"url": preview.url()}));
    page.wait_for(
        "the real map",
        "document.querySelector('#canvas svg title')?.textContent === 'A first visit to the bakery'",
    );
    page.wait_for("the fonts", "document.fonts.status === 'loaded'");
    std::fs::write(out.join("serve-screenshot-real.png"), page.screenshot()).unwrap();

    let problems = page.problems();
    assert!(problems.is_empty(), "the page reported: {problems:#?}");
}

fn find_chromium() -> Option<PathBuf> {
    if let Ok(path) = std::env::var("CJM_CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    [
        "/usr/bin/chromium",
        "/usr/bin/chromium-browser",
        "/usr/bin/google-chrome",
    ]
    .into_iter()
    .map(PathBuf::from)
    .find(|p| p.exists())
}

/// A headless Chromium, killed on drop.
struct Browser {
    child: Child,
    port: u16,
    _profile: tempfile::TempDir,
}

impl Browser {
    fn launch(path: &Path) -> Browser {
        let profile = tempfile::tempdir().unwrap();
        let child = Command::new(path)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--remote-debugging-port=0",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Chromium writes its port here once it listens.
        let port_file = profile.path().join("DevToolsActivePort");
        let deadline = Instant::now() + Duration::from_secs(30);
        let port = loop {
            if let Some(port) = std::fs::read_to_string(&port_file)
                .ok()
                .and_then(|text| text.lines().next()?.trim().parse().ok())
            {
                break port;
            }
            assert!(Instant::now() < deadline, "Chromium did not start");
            std::thread::sleep(Duration::from_millis(50));
        };
        Browser {
            child,
            port,
            _profile: profile,
        }
    }

    /// Connects to the first page target.
    fn page(&self) -> Cdp {
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let targets: Value = serde_json::from_str(&http_get(self.port, "/json/list")).unwrap();
            let url = targets.as_array().and_then(|all| {
                all.iter()
                    .find(|t| t["type"] == "page")
                    .and_then(|t| t["webSocketDebuggerUrl"].as_str())
            });
            if let Some(url) = url {
                return Cdp::connect(url);
            }
            assert!(Instant::now() < deadline, "no page target: {targets}");
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn http_get(port: u16, path: &str) -> String {
    let stream = TcpStream::connect(("127.0.0.1", port)).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .unwrap();
    let mut reader = BufReader::new(stream);
    write!(
        reader.get_mut(),
        "GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    // Chromium keeps the connection open: read exactly Content-Length.
    let mut length = 0;
    loop {
        let mut line = String::new();
        reader.read_line(&mut line).unwrap();
        if line == "\r\n" {
            break;
        }
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("content-length")
        {
            length = value.trim().parse().unwrap();
        }
    }
    let mut body = vec![0u8; length];
    reader.read_exact(&mut body).unwrap();
    String::from_utf8(body).unwrap()
}

/// A DevTools protocol session over a WebSocket (text frames, client frames
/// masked as the protocol requires).
struct Cdp {
    stream: BufReader<TcpStream>,
    next_id: u64,
    /// Exceptions, console errors and CSP reports seen so far.
    problems: Vec<String>,
}

impl Cdp {
    fn connect(url: &str) -> Cdp {
        let rest = url.strip_prefix("ws://").unwrap();
        let (host, path) = rest.split_at(rest.find('/').unwrap());
        let stream = TcpStream::connect(host).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        let mut stream = BufReader::new(stream);
        write!(
            stream.get_mut(),
            "GET {path} HTTP/1.1\r\nHost: {host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\
             Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"
        )
        .unwrap();
        let mut status = String::new();
        stream.read_line(&mut status).unwrap();
        assert!(status.contains(" 101 "), "WebSocket refused: {status}");
        loop {
            let mut line = String::new();
            stream.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
        }
        Cdp {
            stream,
            next_id: 0,
            problems: Vec::new(),
        }
    }

    fn send_frame(&mut self, text: &str) {
        let payload = text.as_bytes();
        let mut frame = vec![0x81u8];
        match payload.len() {
            n if n < 126 => frame.push(0x80 | n as u8),
            n if n <= 0xffff => {
                frame.push(0x80 | 126);
                frame.extend_from_slice(&(n as u16).to_be_bytes());
            }
            n => {
                frame.push(0x80 | 127);
                frame.extend_from_slice(&(n as u64).to_be_bytes());
            }
        }
        let mask = [0x12u8, 0x34, 0x56, 0x78];
        frame.extend_from_slice(&mask);
        frame.extend(payload.iter().enumerate().map(|(i, b)| b ^ mask[i % 4]));
        self.stream.get_mut().write_all(&frame).unwrap();
    }

    fn read_message(&mut self) -> Value {
        let mut message = Vec::new();
        loop {
            let mut head = [0u8; 2];
            self.stream.read_exact(&mut head).unwrap();
            let fin = head[0] & 0x80 != 0;
            let opcode = head[0] & 0x0f;
            let len = match head[1] & 0x7f {
                126 => {
                    let mut n = [0u8; 2];
                    self.stream.read_exact(&mut n).unwrap();
                    u16::from_be_bytes(n) as usize
                }
                127 => {
                    let mut n = [0u8; 8];
                    self.stream.read_exact(&mut n).unwrap();
                    u64::from_be_bytes(n) as usize
                }
                n => n as usize,
            };
            let mut payload = vec![0u8; len];
            self.stream.read_exact(&mut payload).unwrap();
            match opcode {
                0 | 1 => message.extend_from_slice(&payload),
                8 => panic!("DevTools closed the connection"),
                _ => continue, // ping/pong: Chromium does not need answers here
            }
            if fin {
                return serde_json::from_slice(&message).unwrap();
            }
        }
    }

    fn call(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        let request = json!({"id": id, "method": method, "params": params});
        self.send_frame(&request.to_string());
        loop {
            let message = self.read_message();
            if message["id"] == id {
                if let Some(error) = message.get("error") {
                    panic!("{method} failed: {error}");
                }
                return message["result"].clone();
            }
            self.note(&message);
        }
    }

    /// Remembers events that mean something went wrong in the page.
    fn note(&mut self, event: &Value) {
        match event["method"].as_str() {
            Some("Runtime.exceptionThrown") => self
                .problems
                .push(event["params"]["exceptionDetails"].to_string()),
            Some("Log.entryAdded") if event["params"]["entry"]["level"] == "error" => self
                .problems
                .push(event["params"]["entry"]["text"].to_string()),
            Some("Runtime.consoleAPICalled") if event["params"]["type"] == "error" => {
                self.problems.push(event["params"]["args"].to_string())
            }
            _ => {}
        }
    }

    fn eval(&mut self, expression: &str) -> Value {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        );
        if let Some(details) = result.get("exceptionDetails") {
            panic!("`{expression}` threw: {details}");
        }
        result["result"]["value"].clone()
    }

    /// Polls `condition` until it is true, for at most 10 s.
    fn wait_for(&mut self, what: &str, condition: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while self.eval(condition) != json!(true) {
            assert!(Instant::now() < deadline, "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    fn screenshot(&mut self) -> Vec<u8> {
        let shot = self.call("Page.captureScreenshot", json!({"format": "png"}));
        base64::engine::general_purpose::STANDARD
            .decode(shot["data"].as_str().unwrap())
            .unwrap()
    }

    fn problems(&mut self) -> Vec<String> {
        // Flush events that arrived after the last call.
        self.eval("true");
        std::mem::take(&mut self.problems)
    }
}
