//! Writing the items in batches, each batch on all cores, and sending the
//! text out as it is done: the whole document is never held in memory
//! (for a big map it is tens of megabytes), and each item is dropped once
//! written, so the scene shrinks as the document grows. A batch's text is
//! sent out while the next batch is being written, so that neither the
//! cores nor the output wait for the other.
//!
//! The bytes do not depend on the batch size or the number of threads:
//! every item writes the same text wherever it is written, and the pieces
//! are sent out in order.

use super::Painter;
use super::group;
use crate::layout::scene::{Group, Item};
use rayon::prelude::*;
use std::io::{self, Write};

/// Items per parallel task: enough to outweigh handing the task over.
const CHUNK: usize = 64;

/// Room for a chunk's text, so that it rarely grows: a card writes a
/// kilobyte or less.
const CHUNK_BYTES: usize = CHUNK * 1024;

/// Where the document goes: kept whole in `buf`, or sent to `out` in
/// pieces. Not yet sent, in document order: the pieces in `ready`, then
/// `buf`.
pub(crate) struct Sink<'w> {
    buf: Vec<u8>,
    ready: Vec<Vec<u8>>,
    out: Option<&'w mut (dyn Write + Send)>,
    /// Items written together before being sent out.
    batch: usize,
    /// Whether batches are written on all cores.
    parallel: bool,
}

/// Below this many items (counting the top level and the children of its
/// groups) a map is written on one thread: handing out the tasks would cost
/// more than it saves, and `cjm build` already writes many maps at once.
pub(super) const PARALLEL_FROM: usize = 2_000;

/// `buf` is sent out once it holds this much.
const SEND_AT: usize = 64 * 1024;

impl<'w> Sink<'w> {
    /// A sink keeping the document in memory.
    pub(crate) fn memory(batch: usize) -> Sink<'static> {
        Sink {
            buf: Vec::new(),
            ready: Vec::new(),
            out: None,
            batch: batch.max(1),
            parallel: false,
        }
    }

    pub(crate) fn to(out: &'w mut (dyn Write + Send), batch: usize) -> Sink<'w> {
        Sink {
            buf: Vec::with_capacity(SEND_AT * 2),
            ready: Vec::new(),
            out: Some(out),
            batch: batch.max(1),
            parallel: false,
        }
    }

    /// Where small pieces are written.
    pub(crate) fn buf(&mut self) -> &mut Vec<u8> {
        &mut self.buf
    }

    /// Sends `buf` out if it is big enough to be worth a write.
    fn send_some(&mut self) -> io::Result<()> {
        if self.buf.len() >= SEND_AT {
            self.send()?;
        }
        Ok(())
    }

    /// Sends out everything not yet sent.
    fn send(&mut self) -> io::Result<()> {
        if let Some(out) = self.out.as_mut() {
            for piece in self.ready.drain(..) {
                out.write_all(&piece)?;
            }
            out.write_all(&self.buf)?;
            self.buf.clear();
        }
        Ok(())
    }

    /// Sends out what is not yet sent while `write` runs (on all cores);
    /// what `write` returns is then what is not yet sent. In memory,
    /// `write`'s pieces are simply appended.
    fn send_while(&mut self, write: impl FnOnce() -> Vec<Vec<u8>> + Send) -> io::Result<()> {
        let Some(out) = self.out.as_mut() else {
            for piece in write() {
                self.buf.extend_from_slice(&piece);
            }
            return Ok(());
        };
        let mut unsent = std::mem::take(&mut self.ready);
        if !self.buf.is_empty() {
            unsent.push(std::mem::replace(
                &mut self.buf,
                Vec::with_capacity(SEND_AT * 2),
            ));
        }
        let send = move || unsent.iter().try_for_each(|piece| out.write_all(piece));
        let (sent, written) = rayon::join(send, write);
        self.ready = written;
        sent
    }

    /// Sends what is left; returns the document when kept in memory.
    pub(crate) fn finish(mut self) -> io::Result<Vec<u8>> {
        self.send()?;
        if let Some(out) = self.out.as_mut() {
            out.flush()?;
        }
        Ok(self.buf)
    }
}

/// Writes the document's items, in parallel if there are many.
pub(crate) fn top(sink: &mut Sink<'_>, items: Vec<Item>, p: &Painter) -> io::Result<()> {
    sink.parallel = size(&items) >= PARALLEL_FROM;
    self::items(sink, items, p)
}

/// The items and their groups' children.
pub(super) fn size(items: &[Item]) -> usize {
    let children = |item: &Item| match item {
        Item::Group(g) => g.items.len(),
        Item::Rect(_) | Item::Path(_) | Item::Circle(_) | Item::Text(_) => 0,
    };
    items.len() + items.iter().map(children).sum::<usize>()
}

/// Writes `items` as children, in batches. A group with more children
/// than a chunk (a lane holds thousands of cards) has them batched in turn,
/// so that every chunk is a few dozen small items: the cores get even
/// shares, and no piece of the document is big.
fn items(sink: &mut Sink<'_>, items: Vec<Item>, p: &Painter) -> io::Result<()> {
    let mut pending = Vec::with_capacity(sink.batch.min(items.len()));
    for item in items {
        match item {
            Item::Group(g) if g.items.len() > sink.batch.min(CHUNK) => {
                write_batch(sink, &mut pending, p)?;
                big_group(sink, *g, p)?;
            }
            item => {
                pending.push(item);
                if pending.len() >= sink.batch {
                    write_batch(sink, &mut pending, p)?;
                }
            }
        }
    }
    write_batch(sink, &mut pending, p)
}

/// A group whose children are batched like the document's.
fn big_group(sink: &mut Sink<'_>, mut g: Group, p: &Painter) -> io::Result<()> {
    if group::start(sink.buf(), &g) {
        items(sink, std::mem::take(&mut g.items), p)?;
        group::end(sink.buf(), &g);
    }
    sink.send_some()
}

/// Writes and drops the pending items: on this thread when few, else in
/// chunks on all cores, joined in order, while the text written before
/// them is sent out.
fn write_batch(sink: &mut Sink<'_>, pending: &mut Vec<Item>, p: &Painter) -> io::Result<()> {
    if !sink.parallel || pending.len() <= CHUNK {
        for item in pending.drain(..) {
            group::item(sink.buf(), &item, p);
            sink.send_some()?;
        }
        return Ok(());
    }
    sink.send_while(|| {
        pending
            .par_drain(..)
            .chunks(CHUNK)
            .map(|chunk| {
                let mut out = Vec::with_capacity(CHUNK_BYTES);
                for item in chunk {
                    group::item(&mut out, &item, p);
                }
                out
            })
            .collect()
    })
}
