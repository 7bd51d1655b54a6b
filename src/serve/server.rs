//! The server: binds, dispatches each request on its own thread, and stops
//! cleanly when the `Preview` is dropped.

use std::io;
use std::net::{Ipv4Addr, SocketAddr, ToSocketAddrs};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::{self, JoinHandle};

use tiny_http::{Method, Request, Server};

use super::MapOutcome;
use super::routes::{self, Route, plain};
use super::security::{clean_path, host_allowed};
use super::state::State;

/// A running live-preview server. Dropping it stops the server and closes
/// every open page's event stream.
pub struct Preview {
    state: Arc<State>,
    server: Arc<Server>,
    addr: SocketAddr,
    stopping: Arc<AtomicBool>,
    dispatcher: Option<JoinHandle<()>>,
}

impl Preview {
    /// Binds and starts serving. `None` binds 127.0.0.1 on a free port; an
    /// address may be `PORT` (on 127.0.0.1), `HOST:PORT` or `[V6]:PORT`.
    /// Only an explicit address can expose the preview beyond this machine.
    pub fn start(addr: Option<&str>) -> io::Result<Preview> {
        let wanted = resolve(addr)?;
        let server = Server::http(wanted).map_err(|e| {
            io::Error::new(
                io::ErrorKind::AddrNotAvailable,
                format!("cannot serve the preview on {wanted}: {e}"),
            )
        })?;
        let addr = server.server_addr().to_ip().ok_or_else(|| {
            io::Error::other("the preview server is not listening on an IP address")
        })?;
        let server = Arc::new(server);
        let state = Arc::new(State::default());
        let stopping = Arc::new(AtomicBool::new(false));
        let dispatcher = {
            let (server, state, stopping) = (server.clone(), state.clone(), stopping.clone());
            thread::Builder::new()
                .name("cjm-preview".into())
                .spawn(move || dispatch(&server, &state, &stopping, addr))?
        };
        Ok(Preview {
            state,
            server,
            addr,
            stopping,
            dispatcher: Some(dispatcher),
        })
    }

    /// The page's address, e.g. `http://127.0.0.1:40123/`. A server bound to
    /// every interface is shown by its loopback address.
    pub fn url(&self) -> String {
        let ip = match self.addr {
            SocketAddr::V4(a) if a.ip().is_unspecified() => "127.0.0.1".to_string(),
            SocketAddr::V4(a) => a.ip().to_string(),
            SocketAddr::V6(a) if a.ip().is_unspecified() => "[::1]".to_string(),
            SocketAddr::V6(a) => format!("[{}]", a.ip()),
        };
        format!("http://{ip}:{}/", self.addr.port())
    }

    /// The bound address (with the real port when 0 was asked for).
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Records the outcome of a (re)build of the file shown as `name` and
    /// tells every open page. A failure keeps the last good outputs.
    pub fn publish(&self, name: &str, outcome: MapOutcome) {
        self.state.publish(name, outcome);
    }

    /// Forgets a file that is no longer watched (deleted or renamed).
    pub fn remove(&self, name: &str) {
        self.state.remove(name);
    }
}

impl Drop for Preview {
    fn drop(&mut self) {
        self.stopping.store(true, Ordering::SeqCst);
        self.state.close();
        self.server.unblock();
        if let Some(dispatcher) = self.dispatcher.take() {
            let _ = dispatcher.join();
        }
    }
}

impl std::fmt::Debug for Preview {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Preview").field("addr", &self.addr).finish()
    }
}

fn resolve(addr: Option<&str>) -> io::Result<SocketAddr> {
    let Some(addr) = addr.map(str::trim) else {
        return Ok(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)));
    };
    if let Ok(port) = addr.parse::<u16>() {
        return Ok(SocketAddr::from((Ipv4Addr::LOCALHOST, port)));
    }
    addr.to_socket_addrs()
        .ok()
        .and_then(|mut addrs| addrs.next())
        .ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::InvalidInput,
                format!("`{addr}` is not an address to serve on (try 127.0.0.1:8000 or 8000)"),
            )
        })
}

fn dispatch(server: &Server, state: &Arc<State>, stopping: &AtomicBool, addr: SocketAddr) {
    loop {
        match server.recv() {
            Ok(request) => {
                let state = state.clone();
                // A thread per request: an event stream lives as long as its
                // page, and a slow download must not hold up the others.
                let spawned = thread::Builder::new()
                    .name("cjm-preview-client".into())
                    .spawn(move || handle(request, &state, addr));
                if spawned.is_err() {
                    // Out of threads: the request is dropped, its client sees
                    // the connection close and its page retries.
                    continue;
                }
            }
            Err(_) if stopping.load(Ordering::SeqCst) => return,
            // A failed accept (say, out of file handles): wait a little
            // rather than spin, the listener itself is still fine.
            Err(_) => thread::sleep(std::time::Duration::from_millis(20)),
        }
    }
}

fn handle(request: Request, state: &State, addr: SocketAddr) {
    let host = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Host"))
        .map(|h| h.value.as_str());
    if !host_allowed(host, addr) {
        let _ = request.respond(plain(
            403,
            "403 Forbidden: the preview answers only to localhost and its own address\n",
        ));
        return;
    }
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(plain(405, "405 Method Not Allowed\n"));
        return;
    }
    let Some(path) = clean_path(request.url()) else {
        let _ = request.respond(plain(400, "400 Bad Request: not a preview path\n"));
        return;
    };
    match routes::parse(path) {
        // A stream has no end to send headers for; HEAD gets them alone.
        Some(Route::Events) if request.method() == &Method::Head => {
            let _ = request.respond(plain(200, ""));
        }
        Some(route) => routes::answer(request, route, state),
        None => {
            let _ = request.respond(routes::not_found());
        }
    }
}
