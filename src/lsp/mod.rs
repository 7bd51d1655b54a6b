//! `cjm lsp`: the language server (cli.md "v1.1: `cjm lsp`"), over stdio.
//!
//! The analysis is the compiler's own (`crate::compile` and the symbol
//! table it returns); this module only keeps the open documents, converts
//! positions at the boundary (`position`) and answers in the protocol's
//! terms. One file per group of features.

mod actions;
mod analysis;
mod capabilities;
mod complete;
mod documents;
mod lexical;
mod navigate;
mod outline;
mod position;
mod server;
mod tokens;
mod transport;

use std::io::{self, BufReader, Write};

pub use server::Server;

/// Serves on stdin and stdout until `exit` or the end of stdin; returns
/// the process exit code (0 after `shutdown` then `exit`).
pub fn run(options: crate::CompileOptions) -> i32 {
    let mut input = BufReader::new(io::stdin().lock());
    let mut output = io::stdout().lock();
    let max_body = transport::max_body(options.limits.max_file_size);
    let mut server = Server::new(options);
    let mut out = Vec::new();
    loop {
        let incoming = match transport::read(&mut input, max_body) {
            Ok(incoming) => incoming,
            Err(e) => {
                server::log(&format!("reading stdin failed: {e}"));
                return 1;
            }
        };
        let written = match incoming {
            transport::Incoming::End => {
                let clean = server.is_shut_down();
                return server.exit_code().unwrap_or(if clean { 0 } else { 1 });
            }
            transport::Incoming::Broken { id, code, message } => {
                server::log(&message);
                transport::write_broken(&mut output, &id, code, &message)
            }
            transport::Incoming::Message(message) => {
                server.handle(message, &mut out);
                out.drain(..)
                    .try_for_each(|m| transport::write(&mut output, &m))
            }
        };
        if let Err(e) = written.and_then(|()| output.flush()) {
            server::log(&format!("writing stdout failed: {e}"));
            return 1;
        }
        if let Some(code) = server.exit_code() {
            return code;
        }
    }
}
