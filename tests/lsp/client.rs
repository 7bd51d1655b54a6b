//! A test client for `cjm lsp`: spawns the real binary and speaks framed
//! JSON-RPC with it over its stdin and stdout.

#![allow(dead_code)] // each test binary uses a different part

use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::Duration;

use serde_json::{Value, json};

const WAIT: Duration = Duration::from_secs(20);

pub struct Client {
    child: Child,
    stdin: Option<ChildStdin>,
    incoming: Receiver<Value>,
    next_id: i64,
    /// Notifications received while waiting for something else.
    pub notifications: Vec<Value>,
}

/// The server's messages, one frame at a time, until its stdout closes.
fn read_frames(stdout: impl Read, to: std::sync::mpsc::Sender<Value>) {
    let mut reader = BufReader::new(stdout);
    loop {
        let mut length = None;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(value) = line.strip_prefix("Content-Length: ") {
                length = value.parse::<usize>().ok();
            }
        }
        let Some(length) = length else { return };
        let mut body = vec![0; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let value: Value = serde_json::from_slice(&body).expect("the server writes JSON");
        if to.send(value).is_err() {
            return;
        }
    }
}

impl Client {
    /// Starts `cjm lsp` without initializing it.
    pub fn spawn() -> Self {
        let mut child = Command::new(assert_cmd::cargo::cargo_bin("cjm"))
            .arg("lsp")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("cjm starts");
        let stdout = child.stdout.take().unwrap();
        let (to, incoming) = channel();
        std::thread::spawn(move || read_frames(stdout, to));
        Client {
            stdin: child.stdin.take(),
            child,
            incoming,
            next_id: 1,
            notifications: Vec::new(),
        }
    }

    /// Starts and initializes it, offering these position encodings.
    pub fn start(encodings: &[&str]) -> (Self, Value) {
        let mut client = Client::spawn();
        let mut capabilities = json!({});
        if !encodings.is_empty() {
            capabilities = json!({ "general": { "positionEncodings": encodings } });
        }
        let result = client.request(
            "initialize",
            json!({ "processId": null, "rootUri": null, "capabilities": capabilities }),
        );
        client.notify("initialized", json!({}));
        (client, result["result"].clone())
    }

    pub fn send_raw(&mut self, bytes: &[u8]) {
        if let Some(stdin) = self.stdin.as_mut() {
            // The server may have exited; the test then sees that.
            let _ = stdin.write_all(bytes).and_then(|()| stdin.flush());
        }
    }

    pub fn send(&mut self, message: &Value) {
        let body = message.to_string();
        let frame = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.send_raw(frame.as_bytes());
    }

    pub fn notify(&mut self, method: &str, params: Value) {
        self.send(&json!({ "jsonrpc": "2.0", "method": method, "params": params }));
    }

    /// Sends a request and returns the whole response (`result` or `error`).
    pub fn request(&mut self, method: &str, params: Value) -> Value {
        let id = self.next_id;
        self.next_id += 1;
        self.send(&json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params }));
        self.response(&json!(id))
    }

    /// The response with this id; notifications met on the way are kept.
    pub fn response(&mut self, id: &Value) -> Value {
        loop {
            let message = self.next().expect("a response");
            if message.get("id") == Some(id) && message.get("method").is_none() {
                return message;
            }
            self.notifications.push(message);
        }
    }

    pub fn next(&mut self) -> Option<Value> {
        match self.incoming.recv_timeout(WAIT) {
            Ok(message) => Some(message),
            Err(RecvTimeoutError::Timeout) => panic!("no message from the server in {WAIT:?}"),
            Err(RecvTimeoutError::Disconnected) => None,
        }
    }

    /// The next diagnostics published for `uri`.
    pub fn diagnostics(&mut self, uri: &str) -> Value {
        if let Some(i) = self
            .notifications
            .iter()
            .position(|n| is_diagnostics_for(n, uri))
        {
            return self.notifications.remove(i)["params"].clone();
        }
        loop {
            let message = self.next().expect("diagnostics");
            if is_diagnostics_for(&message, uri) {
                return message["params"].clone();
            }
            self.notifications.push(message);
        }
    }

    pub fn open(&mut self, uri: &str, text: &str) -> Value {
        self.notify(
            "textDocument/didOpen",
            json!({ "textDocument": {
                "uri": uri, "languageId": "journey", "version": 1, "text": text } }),
        );
        self.diagnostics(uri)
    }

    /// `textDocument/didChange` with these content changes.
    pub fn change(&mut self, uri: &str, version: i64, changes: Value) {
        self.notify(
            "textDocument/didChange",
            json!({ "textDocument": { "uri": uri, "version": version },
                    "contentChanges": changes }),
        );
    }

    /// The server's copy of a document (`cjm/documentText`).
    pub fn text(&mut self, uri: &str) -> String {
        let answer = self.request("cjm/documentText", json!({ "uri": uri }));
        answer["result"]["text"]
            .as_str()
            .expect("the document is open")
            .to_string()
    }

    /// `shutdown`, `exit`, and the exit code.
    pub fn stop(mut self) -> Option<i32> {
        let answer = self.request("shutdown", Value::Null);
        assert_eq!(answer["result"], Value::Null, "{answer}");
        assert!(answer.get("error").is_none(), "{answer}");
        self.notify("exit", Value::Null);
        self.wait()
    }

    /// Closes stdin and waits for the process to end.
    pub fn wait(mut self) -> Option<i32> {
        drop(self.stdin.take());
        for _ in 0..200 {
            if let Some(status) = self.child.try_wait().expect("wait") {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        let _ = self.child.kill();
        panic!("the server did not exit");
    }

    pub fn is_running(&mut self) -> bool {
        self.child.try_wait().expect("wait").is_none()
    }
}

impl Drop for Client {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn is_diagnostics_for(message: &Value, uri: &str) -> bool {
    message["method"] == "textDocument/publishDiagnostics" && message["params"]["uri"] == uri
}

/// A position as the protocol writes it.
pub fn at(line: u32, character: u32) -> Value {
    json!({ "line": line, "character": character })
}

pub fn range(start: (u32, u32), end: (u32, u32)) -> Value {
    json!({ "start": at(start.0, start.1), "end": at(end.0, end.1) })
}

/// Applies LSP text edits (non-overlapping, UTF-16 columns) to a text.
pub fn apply_edits(text: &str, edits: &[Value]) -> String {
    let mut spans: Vec<(usize, usize, String)> = edits
        .iter()
        .map(|e| {
            let offset = |p: &Value| {
                offset_utf16(
                    text,
                    p["line"].as_u64().unwrap() as usize,
                    p["character"].as_u64().unwrap() as usize,
                )
            };
            (
                offset(&e["range"]["start"]),
                offset(&e["range"]["end"]),
                e["newText"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    spans.sort_by_key(|s| std::cmp::Reverse(s.0));
    let mut out = text.to_string();
    for (start, end, new) in spans {
        out.replace_range(start..end, &new);
    }
    out
}

/// The byte offset of a (line, UTF-16 column) in a `\n`-separated text.
pub fn offset_utf16(text: &str, line: usize, character: usize) -> usize {
    let mut start = 0;
    for _ in 0..line {
        start += text[start..]
            .find('\n')
            .map_or(text.len() - start, |i| i + 1);
    }
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= character || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}

/// The (line, UTF-16 column) of the `nth` occurrence of `needle`.
pub fn find_utf16(text: &str, needle: &str, nth: usize) -> (u32, u32) {
    let offset = text
        .match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("{needle:?} #{nth} in the text"))
        .0;
    let before = &text[..offset];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (
        line as u32,
        before[line_start..].encode_utf16().count() as u32,
    )
}
