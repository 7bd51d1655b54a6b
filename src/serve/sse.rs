//! `/events`: a Server-Sent Events stream, one thread per open page.
//!
//! tiny_http has no streaming response type, so the headers are written by
//! hand on the raw connection and every event is flushed as it comes. Events
//! go out as HTTP/1.1 chunks so that the stream can end cleanly (a last empty
//! chunk) when the preview stops: tiny_http keeps the connection itself open
//! for a next request, so closing it is not ours to do.

use std::io::Write;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use tiny_http::{HTTPVersion, Request};

use super::routes::plain;
use super::security::COMMON_HEADERS;
use super::state::State;

/// How often an idle stream sends a comment, so a page that went away is
/// noticed (the write fails) and its thread ends.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// Streams the current state of every map, then each change, until the page
/// goes away or the server stops. Blocks: call on the request's own thread.
pub(crate) fn stream(request: Request, state: &State) {
    let Some(events) = state.subscribe() else {
        let _ = request.respond(plain(503, "503 Service Unavailable: shutting down\n"));
        return;
    };
    // HTTP/1.0 has no chunks; there tiny_http closes the connection after
    // the answer, which ends the stream just as well.
    let chunked = *request.http_version() >= HTTPVersion(1, 1);
    let mut head =
        String::from("HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\n");
    if chunked {
        head.push_str("Transfer-Encoding: chunked\r\n");
    }
    for (name, value) in COMMON_HEADERS {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str("\r\n");
    let mut writer = request.into_writer();
    let mut stream = Stream {
        writer: &mut writer,
        chunked,
    };
    if stream.raw(&head).is_err() {
        return;
    }
    // `retry`: reconnect quickly after the watcher restarts.
    let mut sent = stream.send("retry: 1000\n\n");
    while sent.is_ok() {
        sent = match events.recv_timeout(KEEP_ALIVE) {
            Ok(frame) => stream.send(&frame),
            Err(RecvTimeoutError::Timeout) => stream.send(": keep-alive\n\n"),
            Err(RecvTimeoutError::Disconnected) => {
                let _ = stream.end();
                return;
            }
        };
    }
}

struct Stream<'a, W: Write> {
    writer: &'a mut W,
    chunked: bool,
}

impl<W: Write> Stream<'_, W> {
    fn raw(&mut self, text: &str) -> std::io::Result<()> {
        self.writer.write_all(text.as_bytes())?;
        self.writer.flush()
    }

    fn send(&mut self, text: &str) -> std::io::Result<()> {
        if self.chunked {
            self.raw(&format!("{:x}\r\n{text}\r\n", text.len()))
        } else {
            self.raw(text)
        }
    }

    /// The last, empty chunk: the response is complete.
    fn end(&mut self) -> std::io::Result<()> {
        if self.chunked {
            self.raw("0\r\n\r\n")
        } else {
            Ok(())
        }
    }
}
