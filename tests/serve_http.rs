//! The live preview server seen from a plain HTTP client: routes, events,
//! and the refusals that keep other web pages out.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use cjm::serve::{DiagnosticView, MapOutcome, Preview};
use serde_json::Value;

const TIMEOUT: Duration = Duration::from_secs(5);

fn svg(label: &str) -> String {
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60" viewBox="0 0 200 60"><text x="10" y="30">{label}</text></svg>"#
    )
}

fn built(label: &str) -> MapOutcome {
    MapOutcome::Built {
        svg: svg(label),
        json: format!(r#"{{"title":"{label}"}}"#),
        png: None,
    }
}

fn failed(code: &str, message: &str) -> MapOutcome {
    MapOutcome::Failed {
        diagnostics: vec![DiagnosticView {
            code: code.into(),
            severity: "error".into(),
            message: message.into(),
            line: 3,
            column: 5,
            help: Some("declare the stage first".into()),
        }],
    }
}

struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn header(&self, name: &str) -> Option<String> {
        self.head.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            key.eq_ignore_ascii_case(name)
                .then(|| value.trim().to_string())
        })
    }
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// One request with a raw target and Host header (`None`: no Host at all).
fn request(addr: SocketAddr, method: &str, target: &str, host: Option<&str>) -> Answer {
    let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT).unwrap();
    stream.set_read_timeout(Some(TIMEOUT)).unwrap();
    let host_line = host.map(|h| format!("Host: {h}\r\n")).unwrap_or_default();
    write!(
        stream,
        "{method} {target} HTTP/1.1\r\n{host_line}Connection: close\r\n\r\n"
    )
    .unwrap();
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw).unwrap();
    let split = raw
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("a complete HTTP head");
    let head = String::from_utf8_lossy(&raw[..split]).into_owned();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    Answer {
        status,
        head,
        body: raw[split + 4..].to_vec(),
    }
}

fn get(preview: &Preview, target: &str) -> Answer {
    let host = format!("127.0.0.1:{}", preview.local_addr().port());
    request(preview.local_addr(), "GET", target, Some(&host))
}

/// An open `/events` stream.
struct Events {
    reader: BufReader<TcpStream>,
}

impl Events {
    fn open(preview: &Preview) -> Events {
        Events::open_at(preview.local_addr())
    }

    fn open_at(addr: SocketAddr) -> Events {
        let mut stream = TcpStream::connect_timeout(&addr, TIMEOUT).unwrap();
        stream.set_read_timeout(Some(TIMEOUT)).unwrap();
        write!(
            stream,
            "GET /events HTTP/1.1\r\nHost: localhost:{}\r\nAccept: text/event-stream\r\n\r\n",
            addr.port()
        )
        .unwrap();
        let mut reader = BufReader::new(stream);
        let mut status = String::new();
        reader.read_line(&mut status).unwrap();
        assert!(status.starts_with("HTTP/1.1 200"), "{status}");
        let mut content_type = None;
        loop {
            let mut line = String::new();
            reader.read_line(&mut line).unwrap();
            if line == "\r\n" {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Type:") {
                content_type = Some(value.trim().to_string());
            }
        }
        assert_eq!(
            content_type.as_deref(),
            Some("text/event-stream; charset=utf-8")
        );
        // Chunk-size lines between events are skipped by `next`.
        Events { reader }
    }

    /// The next event's JSON (skips `retry:` and keep-alive comments); panics
    /// after the read timeout.
    fn next(&mut self) -> Value {
        loop {
            let mut line = String::new();
            let read = self.reader.read_line(&mut line).expect("an event in time");
            assert!(read > 0, "the event stream ended");
            if let Some(data) = line.strip_prefix("data: ") {
                return serde_json::from_str(data.trim_end()).unwrap();
            }
        }
    }

    /// The next event for which `wanted` holds, skipping others.
    fn next_where(&mut self, wanted: impl Fn(&Value) -> bool) -> Value {
        loop {
            let event = self.next();
            if wanted(&event) {
                return event;
            }
        }
    }

    /// True when the server ended the stream (the last, empty chunk, or the
    /// connection closed); false when it timed out.
    fn ended(&mut self) -> bool {
        loop {
            let mut line = String::new();
            match self.reader.read_line(&mut line) {
                Ok(0) => return true,
                Ok(_) if line == "0\r\n" => return true,
                Ok(_) => continue,
                Err(_) => return false,
            }
        }
    }
}

#[test]
fn every_publish_sends_an_event_with_a_growing_version() {
    let preview = Preview::start(None).unwrap();
    let mut events = Events::open(&preview);
    preview.publish("checkout.journey", built("first"));
    preview.publish("checkout.journey", built("second"));
    let one = events.next();
    let two = events.next();
    for event in [&one, &two] {
        assert_eq!(event["kind"], "update");
        assert_eq!(event["name"], "checkout.journey");
        assert_eq!(event["ok"], true);
        assert_eq!(event["has_svg"], true);
    }
    assert_eq!(one["id"], two["id"]);
    assert!(two["version"].as_u64().unwrap() > one["version"].as_u64().unwrap());
}

#[test]
fn a_new_page_first_gets_the_current_state() {
    let preview = Preview::start(None).unwrap();
    preview.publish("b.journey", built("b"));
    preview.publish("a.journey", failed("cjm::unknown-stage", "no stage"));
    let mut events = Events::open(&preview);
    let first = events.next();
    let second = events.next();
    // Sorted by name.
    assert_eq!(first["name"], "a.journey");
    assert_eq!(first["ok"], false);
    assert_eq!(first["has_svg"], false);
    assert_eq!(second["name"], "b.journey");
    assert_eq!(second["ok"], true);
}

#[test]
fn a_failed_build_keeps_the_last_good_svg_and_sends_its_diagnostics() {
    let preview = Preview::start(None).unwrap();
    let mut events = Events::open(&preview);
    preview.publish("map.journey", built("Good label"));
    let good = events.next();
    preview.publish(
        "map.journey",
        failed("cjm::unknown-stage", "stage `Pay` is not declared"),
    );
    let bad = events.next();

    assert_eq!(bad["ok"], false);
    assert_eq!(bad["has_svg"], true, "the last good map is still there");
    assert!(bad["version"].as_u64() > good["version"].as_u64());
    let diagnostic = &bad["diagnostics"][0];
    assert_eq!(diagnostic["code"], "cjm::unknown-stage");
    assert_eq!(diagnostic["severity"], "error");
    assert_eq!(diagnostic["message"], "stage `Pay` is not declared");
    assert_eq!(diagnostic["line"], 3);
    assert_eq!(diagnostic["column"], 5);
    assert_eq!(diagnostic["help"], "declare the stage first");

    let id = good["id"].as_u64().unwrap();
    let answer = get(&preview, &format!("/map/{id}.svg"));
    assert_eq!(answer.status, 200);
    assert_eq!(answer.text(), svg("Good label"));
    assert_eq!(
        answer.header("Content-Type").as_deref(),
        Some("image/svg+xml; charset=utf-8")
    );

    // The next good build clears the diagnostics.
    preview.publish("map.journey", built("Fixed"));
    let fixed = events.next();
    assert_eq!(fixed["ok"], true);
    assert_eq!(fixed["diagnostics"], Value::Array(vec![]));
    assert_eq!(
        get(&preview, &format!("/map/{id}.svg")).text(),
        svg("Fixed")
    );
}

#[test]
fn downloads_serve_the_outputs_as_files() {
    let preview = Preview::start(None).unwrap();
    preview.publish("maps/checkout.journey", built("x"));
    let json = get(&preview, "/map/1.json");
    assert_eq!(json.status, 200);
    assert_eq!(json.text(), r#"{"title":"x"}"#);
    assert_eq!(
        json.header("Content-Disposition").as_deref(),
        Some("attachment; filename=\"checkout.json\"")
    );
    assert_eq!(get(&preview, "/map/1.png").status, 404, "no PNG was built");

    preview.publish(
        "maps/checkout.journey",
        MapOutcome::Built {
            svg: svg("x"),
            json: "{}".into(),
            png: Some(b"\x89PNG fake".to_vec()),
        },
    );
    let png = get(&preview, "/map/1.png");
    assert_eq!(png.status, 200);
    assert_eq!(png.body, b"\x89PNG fake");
    assert_eq!(png.header("Content-Type").as_deref(), Some("image/png"));
}

#[test]
fn home_is_the_map_itself_or_an_index() {
    let preview = Preview::start(None).unwrap();
    preview.publish("<b>odd</b>.journey", built("x"));
    let home = get(&preview, "/");
    assert_eq!(home.status, 200);
    assert!(home.text().contains(r#"data-view="map""#));
    assert!(home.text().contains("&lt;b&gt;odd&lt;/b&gt;.journey"));
    assert!(!home.text().contains("<b>odd"));

    preview.publish("other.journey", built("y"));
    let home = get(&preview, "/");
    assert!(home.text().contains(r#"data-view="index""#));
    assert_eq!(get(&preview, "/map/2").status, 200);
}

#[test]
fn removed_maps_are_announced_and_gone() {
    let preview = Preview::start(None).unwrap();
    let mut events = Events::open(&preview);
    preview.publish("gone.journey", built("x"));
    let added = events.next();
    preview.remove("gone.journey");
    let removed = events.next();
    assert_eq!(removed["kind"], "remove");
    assert_eq!(removed["id"], added["id"]);
    assert_eq!(get(&preview, "/map/1").status, 404);
    assert_eq!(get(&preview, "/map/1.svg").status, 404);
}

#[test]
fn unknown_paths_are_not_found() {
    let preview = Preview::start(None).unwrap();
    preview.publish("map.journey", built("x"));
    for path in [
        "/nope",
        "/index.html",
        "/map/99",
        "/map/99.svg",
        "/map/1.txt",
        "/map/1/extra",
        "/Cargo.toml",
        "/src/lib.rs",
    ] {
        let answer = get(&preview, path);
        assert_eq!(answer.status, 404, "{path}");
        assert_eq!(
            answer.header("X-Content-Type-Options").as_deref(),
            Some("nosniff")
        );
    }
}

#[test]
fn path_traversal_is_refused() {
    let preview = Preview::start(None).unwrap();
    preview.publish("map.journey", built("x"));
    for path in [
        "/../../../../etc/passwd",
        "/map/../../Cargo.toml",
        "/%2e%2e/%2e%2e/etc/passwd",
        "/%2E%2E/Cargo.toml",
        "/map/%2e%2e%2f%2e%2e%2fCargo.toml",
        "/..%2fCargo.toml",
        "/..\\Cargo.toml",
        "/map//1",
        "//etc/passwd",
    ] {
        let answer = get(&preview, path);
        assert_eq!(answer.status, 400, "{path}");
        assert!(!answer.text().contains("[package]"), "{path}");
        assert!(!answer.text().contains("root:"), "{path}");
    }
}

#[test]
fn requests_for_other_hosts_are_refused() {
    let preview = Preview::start(None).unwrap();
    preview.publish("map.journey", built("x"));
    let addr = preview.local_addr();
    let port = addr.port();
    for host in [
        format!("evil.example:{port}"),
        format!("localhost.evil.example:{port}"),
        format!("127.0.0.1:{}", port.wrapping_add(1)),
        "localhost".to_string(),
    ] {
        for path in ["/", "/events", "/map/1.svg"] {
            let answer = request(addr, "GET", path, Some(&host));
            assert_eq!(answer.status, 403, "{host} {path}");
            assert!(!answer.text().contains("<svg"), "{host} {path}");
        }
    }
    assert_eq!(request(addr, "GET", "/", None).status, 403, "no Host");
    let local = request(addr, "GET", "/", Some(&format!("localhost:{port}")));
    assert_eq!(local.status, 200);
}

#[test]
fn only_reading_methods_are_allowed() {
    let preview = Preview::start(None).unwrap();
    let host = format!("127.0.0.1:{}", preview.local_addr().port());
    for method in ["POST", "PUT", "DELETE"] {
        let answer = request(preview.local_addr(), method, "/", Some(&host));
        assert_eq!(answer.status, 405, "{method}");
    }
    let head = request(preview.local_addr(), "HEAD", "/app.js", Some(&host));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
}

#[test]
fn every_answer_carries_the_security_headers() {
    let preview = Preview::start(None).unwrap();
    preview.publish("map.journey", built("x"));
    for path in ["/", "/map/1", "/app.js", "/app.css", "/map/1.svg", "/nope"] {
        let answer = get(&preview, path);
        let csp = answer.header("Content-Security-Policy").unwrap_or_default();
        let script = csp
            .split(';')
            .map(str::trim)
            .find(|d| d.starts_with("script-src"))
            .unwrap_or_default();
        assert_eq!(script, "script-src 'self'", "{path}: {csp}");
        assert!(csp.contains("default-src 'none'"), "{path}");
        assert_eq!(
            answer.header("X-Content-Type-Options").as_deref(),
            Some("nosniff")
        );
    }
    assert_eq!(
        get(&preview, "/app.js").header("Content-Type").as_deref(),
        Some("text/javascript; charset=utf-8")
    );
}

#[test]
fn the_page_inserts_diagnostics_as_text_never_as_html() {
    let preview = Preview::start(None).unwrap();
    let script = get(&preview, "/app.js").text();
    assert!(script.contains("textContent"));
    for sink in [
        "innerHTML",
        "outerHTML",
        "insertAdjacentHTML",
        "document.write",
        "eval(",
    ] {
        assert!(!script.contains(sink), "app.js uses {sink}");
    }
    // HTML-looking text travels as plain JSON text.
    let mut events = Events::open(&preview);
    preview.publish(
        "m.journey",
        failed("cjm::x", "<img src=x onerror=alert(1)>"),
    );
    assert_eq!(
        events.next()["diagnostics"][0]["message"],
        "<img src=x onerror=alert(1)>"
    );
}

#[test]
fn dropping_the_preview_ends_open_streams() {
    let preview = Preview::start(None).unwrap();
    let mut events = Events::open(&preview);
    preview.publish("m.journey", built("x"));
    events.next();
    drop(preview);
    assert!(events.ended(), "the stream should close, not time out");
}

#[test]
fn addresses_are_explicit_or_loopback() {
    let preview = Preview::start(None).unwrap();
    assert!(preview.local_addr().ip().is_loopback());
    assert_ne!(preview.local_addr().port(), 0);
    assert_eq!(
        preview.url(),
        format!("http://127.0.0.1:{}/", preview.local_addr().port())
    );
    let explicit = Preview::start(Some("127.0.0.1:0")).unwrap();
    assert!(explicit.local_addr().ip().is_loopback());
    let err = Preview::start(Some("not an address")).unwrap_err();
    assert_eq!(err.kind(), std::io::ErrorKind::InvalidInput);
}

#[test]
fn every_open_page_gets_every_event() {
    let preview = Preview::start(None).unwrap();
    let mut pages: Vec<Events> = (0..3).map(|_| Events::open(&preview)).collect();
    preview.publish("m.journey", built("x"));
    preview.publish("m.journey", failed("cjm::x", "broken"));
    for page in &mut pages {
        assert_eq!(page.next()["ok"], true);
        assert_eq!(page.next()["ok"], false);
    }
    // A page that went away does not stop the others.
    drop(pages.pop());
    preview.publish("m.journey", built("y"));
    for page in &mut pages {
        assert_eq!(page.next()["ok"], true);
    }
}

/// `cjm watch FILE --serve`, run for real: the printed URL serves the map,
/// and every save reaches the page as an event.
#[test]
fn watch_serve_publishes_every_save() {
    use std::process::{Command, Stdio};

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("map.journey");
    let cjm = env!("CARGO_BIN_EXE_cjm");
    let init = Command::new(cjm).arg("init").arg(&file).output().unwrap();
    assert!(init.status.success(), "{init:?}");
    let good = std::fs::read_to_string(&file).unwrap();
    let title = "A first visit to the bakery";
    assert!(
        good.contains(title),
        "the starter journey changed its title"
    );

    let mut child = Command::new(cjm)
        .arg("watch")
        .arg(&file)
        .arg("--serve")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill the watcher whatever happens below.
    struct Kill(std::process::Child);
    impl Drop for Kill {
        fn drop(&mut self) {
            let _ = self.0.kill();
            let _ = self.0.wait();
        }
    }
    let stdout = child.stdout.take().unwrap();
    let child = Kill(child);
    let mut line = String::new();
    BufReader::new(stdout).read_line(&mut line).unwrap();
    let url = line
        .split_whitespace()
        .find(|word| word.starts_with("http://"))
        .unwrap_or_else(|| panic!("no URL in {line:?}"));
    let addr: SocketAddr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    let host = format!("127.0.0.1:{}", addr.port());

    let mut events = Events::open_at(addr);
    let first = events.next();
    assert_eq!(first["name"], file.display().to_string());
    assert_eq!(first["ok"], true, "{first}");
    let id = first["id"].as_u64().unwrap();
    let svg = || request(addr, "GET", &format!("/map/{id}.svg"), Some(&host)).text();
    assert!(svg().contains(title));

    // Saved as editors do (write aside, rename over); a save may still come
    // as more than one event, so wait for the one that shows it.
    let save = |text: String| {
        let aside = dir.path().join(".map.journey.tmp");
        std::fs::write(&aside, text).unwrap();
        std::fs::rename(&aside, &file).unwrap();
    };
    save(good.replace("journey \"", "journey oops \""));
    let failed = events.next_where(|e| e["ok"] == false);
    assert_eq!(failed["diagnostics"][0]["code"], "cjm::syntax", "{failed}");
    assert!(svg().contains(title), "the last good map stays");

    save(good.replace(title, "A second visit"));
    let fixed = events.next_where(|e| e["ok"] == true);
    assert!(fixed["version"].as_u64() > failed["version"].as_u64());
    let now = svg();
    assert!(now.contains("A second visit") && !now.contains(title));
    drop(child);
}
