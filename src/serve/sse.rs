//! `/events`: a Server-Sent Events stream, one thread per open page.
//!
//! tiny_http has no streaming response type, so the headers are written by
//! hand on the raw connection and every event is flushed as it comes.

use std::io::Write;
use std::sync::mpsc::RecvTimeoutError;
use std::time::Duration;

use tiny_http::Request;

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
    let mut head = String::from(
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nConnection: keep-alive\r\n",
    );
    for (name, value) in COMMON_HEADERS {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    // `retry`: reconnect quickly after the watcher restarts.
    head.push_str("\r\nretry: 1000\n\n");
    let mut writer = request.into_writer();
    if send(&mut writer, &head).is_err() {
        return;
    }
    loop {
        let sent = match events.recv_timeout(KEEP_ALIVE) {
            Ok(frame) => send(&mut writer, &frame),
            Err(RecvTimeoutError::Timeout) => send(&mut writer, ": keep-alive\n\n"),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if sent.is_err() {
            return;
        }
    }
}

fn send(writer: &mut impl Write, text: &str) -> std::io::Result<()> {
    writer.write_all(text.as_bytes())?;
    writer.flush()
}
