//! The server's state and its one loop step: a message in, the messages
//! to send out. Synchronous: each message is handled to the end before the
//! next is read (an analysis takes milliseconds, docs/performance.md).
//!
//! Every handler runs under `catch_unwind`: a panic becomes an
//! `InternalError` response (or a log line, for a notification) and the
//! server goes on with the next message.

use std::panic::{AssertUnwindSafe, catch_unwind};

use lsp_server::{ErrorCode, Message, Notification, Request, RequestId, Response};
use lsp_types::notification::{self as note, Notification as _};
use lsp_types::request::{self as req, Request as _};
use lsp_types::{
    DidChangeTextDocumentParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    InitializeParams, PublishDiagnosticsParams, Url,
};
use serde::Serialize;
use serde::de::DeserializeOwned;

use super::documents::{Document, Documents};
use super::position::Encoding;
use super::{actions, capabilities, complete, navigate, outline, tokens};
use crate::CompileOptions;

/// Why a request got no result.
#[derive(Debug)]
pub(crate) struct Failure {
    pub code: ErrorCode,
    pub message: String,
}

impl Failure {
    pub(crate) fn invalid(message: impl Into<String>) -> Self {
        Failure {
            code: ErrorCode::InvalidParams,
            message: message.into(),
        }
    }
    pub(crate) fn refused(message: impl Into<String>) -> Self {
        Failure {
            code: ErrorCode::RequestFailed,
            message: message.into(),
        }
    }
}

pub(crate) type Answer<T> = Result<T, Failure>;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Phase {
    /// Before `initialize`: only `initialize` and `exit` are taken.
    Waiting,
    Running,
    /// After `shutdown`: only `exit` is taken.
    ShutDown,
}

/// The whole server but its input and output.
pub struct Server {
    phase: Phase,
    pub(crate) encoding: Encoding,
    pub(crate) documents: Documents,
    pub(crate) options: CompileOptions,
    exit: Option<i32>,
}

impl Default for Server {
    fn default() -> Self {
        Server::new(CompileOptions::default())
    }
}

impl Server {
    pub fn new(options: CompileOptions) -> Self {
        Server {
            phase: Phase::Waiting,
            encoding: Encoding::Utf16,
            documents: Documents::default(),
            options,
            exit: None,
        }
    }

    /// The exit code, once `exit` was received: 0 after `shutdown`, else 1
    /// (as the protocol says).
    pub fn exit_code(&self) -> Option<i32> {
        self.exit
    }

    /// Whether `shutdown` was received: the end of the input then ends the
    /// server as `exit` would, with code 0.
    pub fn is_shut_down(&self) -> bool {
        self.phase == Phase::ShutDown
    }

    /// Handles one message; what to send back is pushed on `out`.
    pub fn handle(&mut self, message: Message, out: &mut Vec<Message>) {
        match message {
            Message::Request(request) => {
                let id = request.id.clone();
                let response = match guarded(|| self.request(request)) {
                    Ok(response) => response,
                    Err(panic) => Response::new_err(
                        id,
                        ErrorCode::InternalError as i32,
                        format!("cjm lsp: internal error: {panic}"),
                    ),
                };
                out.push(response.into());
            }
            Message::Notification(notification) => {
                let method = notification.method.clone();
                if let Err(panic) = guarded(|| self.notification(notification, out)) {
                    log(&format!("internal error in {method}: {panic}"));
                }
            }
            // The server sends no requests, so it expects no responses.
            Message::Response(_) => {}
        }
    }

    fn request(&mut self, request: Request) -> Response {
        let Request { id, method, params } = request;
        match (self.phase, method.as_str()) {
            (Phase::Waiting, req::Initialize::METHOD) => {
                return respond(id, parse(params).map(|p| self.initialize(p)));
            }
            (Phase::Waiting, _) => {
                return error(
                    id,
                    ErrorCode::ServerNotInitialized,
                    "the server is not initialized yet",
                );
            }
            (_, req::Initialize::METHOD) => {
                return error(
                    id,
                    ErrorCode::InvalidRequest,
                    "the server is already initialized",
                );
            }
            (Phase::ShutDown, _) => {
                return error(
                    id,
                    ErrorCode::InvalidRequest,
                    "the server is shut down: only `exit` is accepted",
                );
            }
            (Phase::Running, _) => {}
        }
        match method.as_str() {
            req::Shutdown::METHOD => {
                self.phase = Phase::ShutDown;
                Response::new_ok(id, ())
            }
            req::HoverRequest::METHOD => {
                respond(id, parse(params).and_then(|p| navigate::hover(self, p)))
            }
            req::GotoDefinition::METHOD => respond(
                id,
                parse(params).and_then(|p| navigate::definition(self, p)),
            ),
            req::References::METHOD => respond(
                id,
                parse(params).and_then(|p| navigate::references(self, p)),
            ),
            req::PrepareRenameRequest::METHOD => respond(
                id,
                parse(params).and_then(|p| navigate::prepare_rename(self, p)),
            ),
            req::Rename::METHOD => {
                respond(id, parse(params).and_then(|p| navigate::rename(self, p)))
            }
            req::Completion::METHOD => respond(
                id,
                parse(params).and_then(|p| complete::completion(self, p)),
            ),
            req::DocumentSymbolRequest::METHOD => {
                respond(id, parse(params).and_then(|p| outline::symbols(self, p)))
            }
            req::FoldingRangeRequest::METHOD => {
                respond(id, parse(params).and_then(|p| outline::folding(self, p)))
            }
            req::Formatting::METHOD => {
                respond(id, parse(params).and_then(|p| actions::formatting(self, p)))
            }
            req::CodeActionRequest::METHOD => respond(
                id,
                parse(params).and_then(|p| actions::code_actions(self, p)),
            ),
            req::SemanticTokensFullRequest::METHOD => {
                respond(id, parse(params).and_then(|p| tokens::full(self, p)))
            }
            DOCUMENT_TEXT => respond(id, parse(params).and_then(|p| self.document_text(p))),
            other => error(
                id,
                ErrorCode::MethodNotFound,
                &format!("cjm lsp does not handle `{other}`"),
            ),
        }
    }

    fn notification(&mut self, notification: Notification, out: &mut Vec<Message>) {
        let Notification { method, params } = notification;
        if method == note::Exit::METHOD {
            self.exit = Some(if self.phase == Phase::ShutDown { 0 } else { 1 });
            return;
        }
        if self.phase != Phase::Running {
            return; // dropped, as the protocol says
        }
        let parsed = |what: &str| log(&format!("ignored a {what} with bad parameters"));
        match method.as_str() {
            note::DidOpenTextDocument::METHOD => {
                let Ok(p) = parse::<DidOpenTextDocumentParams>(params) else {
                    return parsed(&method);
                };
                let doc =
                    Document::new(p.text_document.text, p.text_document.version, &self.options);
                self.documents.insert(p.text_document.uri.clone(), doc);
                self.publish(&p.text_document.uri, out);
            }
            note::DidChangeTextDocument::METHOD => {
                let Ok(p) = parse::<DidChangeTextDocumentParams>(params) else {
                    return parsed(&method);
                };
                let uri = p.text_document.uri;
                let encoding = self.encoding;
                let Some(doc) = self.documents.get_mut(&uri) else {
                    return log(&format!("ignored a change to {uri}, which is not open"));
                };
                if p.text_document.version <= doc.version {
                    // Applying it would make the text differ from the
                    // client's; the client's next full sync mends it.
                    return log(&format!(
                        "ignored version {} of {uri}: version {} is already applied",
                        p.text_document.version, doc.version
                    ));
                }
                doc.change(
                    p.text_document.version,
                    p.content_changes,
                    encoding,
                    &self.options,
                );
                self.publish(&uri, out);
            }
            note::DidCloseTextDocument::METHOD => {
                let Ok(p) = parse::<DidCloseTextDocumentParams>(params) else {
                    return parsed(&method);
                };
                if self.documents.remove(&p.text_document.uri).is_some() {
                    out.push(publish(p.text_document.uri, Vec::new(), None));
                }
            }
            // `initialized`, `didSave`, `$/cancelRequest`, `$/setTrace`…
            _ => {}
        }
    }

    fn initialize(&mut self, params: InitializeParams) -> serde_json::Value {
        let offered = params
            .capabilities
            .general
            .and_then(|g| g.position_encodings)
            .unwrap_or_default();
        self.encoding = if offered.contains(&lsp_types::PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else {
            Encoding::Utf16
        };
        self.phase = Phase::Running;
        serde_json::to_value(capabilities::initialize_result(self.encoding))
            .unwrap_or(serde_json::Value::Null)
    }

    fn publish(&self, uri: &Url, out: &mut Vec<Message>) {
        if let Some(doc) = self.documents.get(uri) {
            let diagnostics =
                doc.analysis
                    .lsp_diagnostics(uri, &doc.text, &doc.index, self.encoding);
            out.push(publish(uri.clone(), diagnostics, Some(doc.version)));
        }
    }

    /// The open document, or the error for a request about another.
    pub(crate) fn document(&self, uri: &Url) -> Answer<&Document> {
        self.documents
            .get(uri)
            .ok_or_else(|| Failure::invalid(format!("{uri} is not open")))
    }

    fn document_text(&self, params: DocumentTextParams) -> Answer<DocumentText> {
        let doc = self.document(&params.uri)?;
        Ok(DocumentText {
            text: doc.text.clone(),
            version: doc.version,
        })
    }
}

/// `cjm/documentText`: the server's copy of a document and its version,
/// so that a client (or a test) can check it is the same as its own.
pub(crate) const DOCUMENT_TEXT: &str = "cjm/documentText";

#[derive(serde::Deserialize)]
struct DocumentTextParams {
    uri: Url,
}

#[derive(Serialize)]
struct DocumentText {
    text: String,
    version: i32,
}

fn publish(uri: Url, diagnostics: Vec<lsp_types::Diagnostic>, version: Option<i32>) -> Message {
    Notification::new(
        note::PublishDiagnostics::METHOD.to_string(),
        PublishDiagnosticsParams {
            uri,
            diagnostics,
            version,
        },
    )
    .into()
}

fn parse<P: DeserializeOwned>(params: serde_json::Value) -> Answer<P> {
    serde_json::from_value(params).map_err(|e| Failure::invalid(format!("bad parameters: {e}")))
}

fn respond<R: Serialize>(id: RequestId, answer: Answer<R>) -> Response {
    match answer.and_then(|r| {
        serde_json::to_value(r).map_err(|e| Failure {
            code: ErrorCode::InternalError,
            message: e.to_string(),
        })
    }) {
        Ok(value) => Response {
            id,
            response_result: Ok(value),
        },
        Err(failure) => Response::new_err(id, failure.code as i32, failure.message),
    }
}

fn error(id: RequestId, code: ErrorCode, message: &str) -> Response {
    Response::new_err(id, code as i32, message.to_string())
}

/// Runs a handler; a panic becomes its message.
pub(crate) fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    // What a panicking handler leaves half-done is only the one request's
    // answer, or one document's analysis, redone on its next change.
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic".to_string())
    })
}

/// A line for the editor's log of the server (stderr).
pub(crate) fn log(line: &str) {
    eprintln!("cjm lsp: {line}");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_becomes_its_message() {
        assert_eq!(guarded(|| 1), Ok(1));
        let panicked: Result<(), String> = guarded(|| panic!("boom"));
        assert_eq!(panicked, Err("boom".to_string()));
    }

    fn request(id: i32, method: &str, params: serde_json::Value) -> Message {
        Request::new(id.into(), method.to_string(), params).into()
    }

    fn error_code(out: &[Message]) -> Option<i32> {
        match out.last() {
            Some(Message::Response(r)) => r.response_result.as_ref().err().map(|e| e.code),
            _ => None,
        }
    }

    #[test]
    fn the_lifecycle_is_kept() {
        let mut server = Server::default();
        let mut out = Vec::new();
        server.handle(
            request(1, "textDocument/hover", serde_json::json!({})),
            &mut out,
        );
        assert_eq!(
            error_code(&out),
            Some(ErrorCode::ServerNotInitialized as i32)
        );
        server.handle(
            request(2, "initialize", serde_json::json!({"capabilities": {}})),
            &mut out,
        );
        assert_eq!(error_code(&out), None);
        server.handle(
            request(3, "nonsense/method", serde_json::json!(null)),
            &mut out,
        );
        assert_eq!(error_code(&out), Some(ErrorCode::MethodNotFound as i32));
        server.handle(
            request(4, "textDocument/hover", serde_json::json!({"x": 1})),
            &mut out,
        );
        assert_eq!(error_code(&out), Some(ErrorCode::InvalidParams as i32));
        server.handle(request(5, "shutdown", serde_json::json!(null)), &mut out);
        assert_eq!(error_code(&out), None);
        server.handle(
            request(6, "textDocument/hover", serde_json::json!({})),
            &mut out,
        );
        assert_eq!(error_code(&out), Some(ErrorCode::InvalidRequest as i32));
        assert_eq!(server.exit_code(), None);
        server.handle(
            Notification::new("exit".to_string(), serde_json::json!(null)).into(),
            &mut out,
        );
        assert_eq!(server.exit_code(), Some(0));
    }
}
