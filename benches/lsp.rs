//! `cjm lsp`: what one keystroke costs in a 1,000-touchpoint document.
//! Run with `cargo bench --bench lsp`. Budget: re-analysing after a
//! keystroke under 20 ms (issue 13; docs/performance.md).
//!
//! The server is driven in-process through `cjm::lsp::Server::handle`, the
//! step its stdio loop runs per message: only the pipe is left out.

use cjm::lsp::Server;
use lsp_server::{Message, Notification, Request};
use serde_json::{Value, json};

#[path = "../src/allocator.rs"]
mod allocator;

const URI: &str = "file:///bench.journey";

fn main() {
    divan::main();
}

/// A server with the generated journey of `n` touchpoints open, and the
/// (line, column) just inside the label of a touchpoint half-way down.
fn open(n: usize) -> (Server, (usize, usize)) {
    let text = cjm::testgen::journey(n, 1);
    let mut server = Server::default();
    let mut out = Vec::new();
    server.handle(
        request(1, "initialize", json!({ "capabilities": {} })),
        &mut out,
    );
    server.handle(
        notification(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": URI, "languageId": "journey",
                                      "version": 1, "text": text } }),
        ),
        &mut out,
    );
    let lines: Vec<&str> = text.lines().collect();
    let middle = lines
        .iter()
        .enumerate()
        .skip(lines.len() / 2)
        .find(|(_, l)| l.trim_start().starts_with("touchpoint "))
        .map(|(i, l)| (i, l.find('"').expect("a label") + 1))
        .expect("a touchpoint");
    (server, middle)
}

fn request(id: i32, method: &str, params: Value) -> Message {
    Request::new(id.into(), method.to_string(), params).into()
}

fn notification(method: &str, params: Value) -> Message {
    Notification::new(method.to_string(), params).into()
}

/// Typing into a label: one character in, then out again (so every run
/// sees a document of the same size), each a `didChange` answered with
/// the document's diagnostics, as an editor sends them.
#[divan::bench(args = [100, 1_000], sample_count = 50)]
fn keystroke(bencher: divan::Bencher, n: usize) {
    let (mut server, (line, column)) = open(n);
    let mut version = 1;
    let mut out = Vec::new();
    bencher
        .counter(divan::counter::ItemsCount::new(1usize))
        .bench_local(|| {
            version += 1;
            let end = if version % 2 == 0 { column } else { column + 1 };
            let text = if version % 2 == 0 { "x" } else { "" };
            let change = notification(
                "textDocument/didChange",
                json!({ "textDocument": { "uri": URI, "version": version },
                        "contentChanges": [{ "range": {
                            "start": { "line": line, "character": column },
                            "end": { "line": line, "character": end } },
                          "text": text }] }),
            );
            out.clear();
            server.handle(divan::black_box(change), &mut out);
            assert_eq!(out.len(), 1, "the diagnostics are published");
        });
}

/// The semantic tokens of the whole document, which editors ask for after
/// each change.
#[divan::bench(args = [1_000], sample_count = 20)]
fn semantic_tokens(bencher: divan::Bencher, n: usize) {
    let (mut server, _) = open(n);
    let mut out = Vec::new();
    bencher.bench_local(|| {
        out.clear();
        server.handle(
            request(
                2,
                "textDocument/semanticTokens/full",
                json!({ "textDocument": { "uri": URI } }),
            ),
            &mut out,
        );
    });
}

/// Completion after `owner ` at the touchpoint half-way down.
#[divan::bench(args = [1_000], sample_count = 20)]
fn completion(bencher: divan::Bencher, n: usize) {
    let (mut server, (line, _)) = open(n);
    let mut out = Vec::new();
    bencher.bench_local(|| {
        out.clear();
        server.handle(
            request(
                3,
                "textDocument/completion",
                json!({ "textDocument": { "uri": URI },
                        "position": { "line": line, "character": 4 } }),
            ),
            &mut out,
        );
    });
}
