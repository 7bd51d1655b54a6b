//! JSON-RPC over a byte stream with `Content-Length` framing. lsp-server's
//! own stdio reader ends at the first malformed message; the contract
//! says the server never dies on bad input, so frames are read here and
//! every broken one becomes an error to answer (or to log), never the end.

use std::io::{self, BufRead, Read, Write};

use lsp_server::{ErrorCode, Message};
use serde_json::Value;

/// The largest message body read: room for a document at the size cap
/// with every character escaped in JSON (`\uXXXX`, six bytes for one).
/// A bigger body is skipped without being held in memory.
pub(crate) fn max_body(max_file_size: usize) -> usize {
    max_file_size.saturating_mul(6).saturating_add(64 * 1024)
}

/// Headers are short; a "header" this long is garbage.
const MAX_HEADER_LINE: u64 = 4096;

/// What one read of the stream gave.
#[derive(Debug)]
pub(crate) enum Incoming {
    Message(Message),
    /// A frame that is no message: answered with this error (the request's
    /// `id` when it could be read, else `null`).
    Broken {
        id: Value,
        code: ErrorCode,
        message: String,
    },
    /// The stream ended.
    End,
}

pub(crate) fn read(input: &mut impl BufRead, max_body: usize) -> io::Result<Incoming> {
    let mut length: Option<Result<usize, String>> = None;
    let mut saw_header = false;
    loop {
        let mut line = Vec::new();
        let read = input
            .by_ref()
            .take(MAX_HEADER_LINE)
            .read_until(b'\n', &mut line)?;
        if read == 0 {
            return Ok(Incoming::End);
        }
        if !line.ends_with(b"\n") {
            if (line.len() as u64) < MAX_HEADER_LINE {
                return Ok(Incoming::End); // the stream ended mid-line
            }
            // Skip the rest of a runaway line.
            let mut rest = Vec::new();
            input.read_until(b'\n', &mut rest)?;
            return Ok(broken(
                Value::Null,
                ErrorCode::ParseError,
                "a header line is too long",
            ));
        }
        let text = String::from_utf8_lossy(&line);
        let text = text.trim_end_matches(['\r', '\n']);
        if text.is_empty() {
            if saw_header {
                break;
            }
            continue; // blank lines between frames
        }
        saw_header = true;
        if let Some((name, value)) = text.split_once(':')
            && name.trim().eq_ignore_ascii_case("content-length")
        {
            length = Some(
                value
                    .trim()
                    .parse::<usize>()
                    .map_err(|_| format!("`Content-Length: {}` is not a length", value.trim())),
            );
        }
    }
    let length = match length {
        None => {
            return Ok(broken(
                Value::Null,
                ErrorCode::ParseError,
                "a message without a Content-Length header",
            ));
        }
        Some(Err(message)) => return Ok(broken(Value::Null, ErrorCode::ParseError, &message)),
        Some(Ok(length)) => length,
    };
    if length > max_body {
        let skipped = io::copy(&mut input.by_ref().take(length as u64), &mut io::sink())?;
        if skipped < length as u64 {
            return Ok(Incoming::End);
        }
        return Ok(broken(
            Value::Null,
            ErrorCode::InvalidRequest,
            &format!("a message of {length} bytes; the limit is {max_body}"),
        ));
    }
    let mut body = vec![0; length];
    if input.read_exact(&mut body).is_err() {
        return Ok(Incoming::End);
    }
    Ok(parse(&body))
}

fn broken(id: Value, code: ErrorCode, message: &str) -> Incoming {
    Incoming::Broken {
        id,
        code,
        message: message.to_string(),
    }
}

/// A body as a message, or why not.
fn parse(body: &[u8]) -> Incoming {
    let value: Value = match serde_json::from_slice(body) {
        Ok(value) => value,
        Err(e) => {
            return broken(
                Value::Null,
                ErrorCode::ParseError,
                &format!("not JSON: {e}"),
            );
        }
    };
    let id = value.get("id").cloned().unwrap_or(Value::Null);
    match serde_json::from_value::<Message>(value) {
        Ok(message) => Incoming::Message(message),
        Err(e) => broken(
            // Only a number or a string can be an id to answer to.
            match id {
                Value::Number(_) | Value::String(_) => id,
                _ => Value::Null,
            },
            ErrorCode::InvalidRequest,
            &format!("not a JSON-RPC message: {e}"),
        ),
    }
}

pub(crate) fn write(output: &mut impl Write, message: &Message) -> io::Result<()> {
    message.write(output)
}

/// An error response to a frame that was no message (its `id` may be
/// `null`, which `lsp_server::Response` cannot hold).
pub(crate) fn write_broken(
    output: &mut impl Write,
    id: &Value,
    code: ErrorCode,
    message: &str,
) -> io::Result<()> {
    let body = serde_json::json!({
        "jsonrpc": "2.0",
        "id": id,
        "error": { "code": code as i32, "message": message },
    })
    .to_string();
    write!(output, "Content-Length: {}\r\n\r\n{body}", body.len())?;
    output.flush()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(body: &str) -> String {
        format!("Content-Length: {}\r\n\r\n{body}", body.len())
    }

    fn all(input: &str) -> Vec<String> {
        let mut reader = io::BufReader::new(input.as_bytes());
        let mut out = Vec::new();
        loop {
            match read(&mut reader, 200).unwrap() {
                Incoming::End => return out,
                Incoming::Message(m) => out.push(format!("{m:?}").chars().take(12).collect()),
                Incoming::Broken { id, code, .. } => out.push(format!("{code:?} {id}")),
            }
        }
    }

    #[test]
    fn broken_frames_are_answered_and_reading_goes_on() {
        let good = r#"{"jsonrpc":"2.0","method":"initialized","params":{}}"#;
        let input = [
            frame("{not json"),
            frame(good),
            frame(r#"{"jsonrpc":"2.0","id":7,"method":3}"#),
            "Content-Type: x\r\n\r\n".to_string(),
            frame(&"x".repeat(300)),
            "Content-Length: many\r\n\r\n".to_string(),
            frame(good),
            "Content-Length: 99\r\n\r\n{".to_string(),
        ]
        .concat();
        assert_eq!(
            all(&input),
            [
                "ParseError null",
                "Notification",
                "InvalidRequest 7",
                "ParseError null",
                "InvalidRequest null",
                "ParseError null",
                "Notification",
            ]
        );
    }
}
