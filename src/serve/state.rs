//! What the server knows: the latest outputs and diagnostics of every map,
//! and the open event streams to notify.

use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use serde::Serialize;

use super::{DiagnosticView, MapOutcome};

/// The outputs of the last good build of one map. Shared so that a slow
/// download never holds the lock or copies a large PNG.
#[derive(Debug, Clone)]
pub(crate) struct Outputs {
    pub svg: Arc<str>,
    pub json: Arc<str>,
    pub png: Option<Arc<[u8]>>,
}

#[derive(Debug)]
struct MapEntry {
    /// Stable for the server's life, used in URLs (names may hold any text).
    id: u64,
    name: String,
    /// The version of the latest publish of this map.
    version: u64,
    outputs: Option<Outputs>,
    /// The diagnostics of the latest build when it failed, else empty.
    diagnostics: Vec<DiagnosticView>,
}

/// One notice sent to the pages, as JSON in an SSE `data:` line.
#[derive(Debug, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub(crate) enum Event<'a> {
    Update {
        id: u64,
        name: &'a str,
        version: u64,
        /// False when the latest build failed.
        ok: bool,
        /// Whether a good build exists at all (the SVG route answers).
        has_svg: bool,
        has_png: bool,
        diagnostics: &'a [DiagnosticView],
    },
    Remove {
        id: u64,
        name: &'a str,
        version: u64,
    },
}

impl Event<'_> {
    fn of(entry: &MapEntry) -> Event<'_> {
        Event::Update {
            id: entry.id,
            name: &entry.name,
            version: entry.version,
            ok: entry.diagnostics.is_empty(),
            has_svg: entry.outputs.is_some(),
            has_png: entry.outputs.as_ref().is_some_and(|o| o.png.is_some()),
            diagnostics: &entry.diagnostics,
        }
    }

    /// The SSE frame: the version doubles as the event id.
    pub(crate) fn frame(&self) -> String {
        let version = match self {
            Event::Update { version, .. } | Event::Remove { version, .. } => *version,
        };
        // Serialising plain strings and numbers cannot fail; fall back to an
        // empty object rather than panic all the same.
        let data = serde_json::to_string(self).unwrap_or_else(|_| "{}".to_string());
        format!("id: {version}\ndata: {data}\n\n")
    }
}

#[derive(Debug, Default)]
struct Inner {
    /// Sorted by name, so the index lists maps in a stable order.
    maps: Vec<MapEntry>,
    next_id: u64,
    /// Bumped by every publish and remove: versions only ever grow.
    version: u64,
    subscribers: Vec<Sender<Arc<str>>>,
    closed: bool,
}

/// A map as listed on pages: id and display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct MapRef {
    pub id: u64,
    pub name: String,
}

#[derive(Debug, Default)]
pub(crate) struct State {
    inner: Mutex<Inner>,
}

impl State {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        // A panic elsewhere while holding the lock leaves plain data behind
        // that is still consistent enough to serve.
        self.inner.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(crate) fn publish(&self, name: &str, outcome: MapOutcome) {
        let mut inner = self.lock();
        inner.version += 1;
        let version = inner.version;
        let index = match inner.maps.binary_search_by(|m| m.name.as_str().cmp(name)) {
            Ok(index) => index,
            Err(index) => {
                inner.next_id += 1;
                let id = inner.next_id;
                inner.maps.insert(
                    index,
                    MapEntry {
                        id,
                        name: name.to_string(),
                        version,
                        outputs: None,
                        diagnostics: Vec::new(),
                    },
                );
                index
            }
        };
        let entry = &mut inner.maps[index];
        entry.version = version;
        match outcome {
            MapOutcome::Built { svg, json, png } => {
                entry.outputs = Some(Outputs {
                    svg: svg.into(),
                    json: json.into(),
                    png: png.map(Into::into),
                });
                entry.diagnostics.clear();
            }
            MapOutcome::Failed { diagnostics } => entry.diagnostics = diagnostics,
        }
        let frame: Arc<str> = Event::of(&inner.maps[index]).frame().into();
        broadcast(&mut inner, frame);
    }

    pub(crate) fn remove(&self, name: &str) {
        let mut inner = self.lock();
        let Ok(index) = inner.maps.binary_search_by(|m| m.name.as_str().cmp(name)) else {
            return;
        };
        inner.version += 1;
        let entry = inner.maps.remove(index);
        let event = Event::Remove {
            id: entry.id,
            name: &entry.name,
            version: inner.version,
        };
        let frame: Arc<str> = event.frame().into();
        broadcast(&mut inner, frame);
    }

    pub(crate) fn maps(&self) -> Vec<MapRef> {
        let inner = self.lock();
        inner
            .maps
            .iter()
            .map(|m| MapRef {
                id: m.id,
                name: m.name.clone(),
            })
            .collect()
    }

    pub(crate) fn map(&self, id: u64) -> Option<MapRef> {
        self.maps().into_iter().find(|m| m.id == id)
    }

    /// The last good outputs of map `id` (`None` also when it never built).
    pub(crate) fn outputs(&self, id: u64) -> Option<(String, Outputs)> {
        let inner = self.lock();
        let entry = inner.maps.iter().find(|m| m.id == id)?;
        Some((entry.name.clone(), entry.outputs.clone()?))
    }

    /// Opens an event stream: the receiver first gets the current state of
    /// every map, then every later change, with nothing lost in between
    /// (both happen under one lock). `None` once the server is closing.
    pub(crate) fn subscribe(&self) -> Option<Receiver<Arc<str>>> {
        let mut inner = self.lock();
        if inner.closed {
            return None;
        }
        let (sender, receiver) = channel();
        for entry in &inner.maps {
            // The receiver is alive: it is returned below.
            let _ = sender.send(Event::of(entry).frame().into());
        }
        inner.subscribers.push(sender);
        Some(receiver)
    }

    /// Ends every event stream (their threads see the channel close).
    pub(crate) fn close(&self) {
        let mut inner = self.lock();
        inner.closed = true;
        inner.subscribers.clear();
    }
}

/// Sends to every open stream, forgetting those whose page went away.
fn broadcast(inner: &mut Inner, frame: Arc<str>) {
    inner
        .subscribers
        .retain(|subscriber| subscriber.send(frame.clone()).is_ok());
}
