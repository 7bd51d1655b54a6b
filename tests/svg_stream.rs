//! `render::svg_to`: the map streamed to a writer is the map `render::svg`
//! returns, and a failing writer is an error, not a panic.

mod maps;

use cjm::{RenderOptions, Theme};
use std::io::{self, Write};

#[test]
fn streamed_maps_are_the_same_bytes() {
    let mut all = maps::all();
    all.extend(maps::files());
    let generated = cjm::compile(
        cjm::testgen::journey(200, 11).as_bytes(),
        &cjm::CompileOptions::default(),
    );
    all.push((
        "generated".into(),
        generated.journey.expect("the generator's journeys compile"),
    ));
    for (name, journey) in all {
        for options in [
            RenderOptions::default(),
            RenderOptions {
                theme: Theme::Dark,
                embed_fonts: false,
            },
        ] {
            let mut streamed = Vec::new();
            cjm::render::svg_to(&journey, &options, &mut streamed)
                .expect("a Vec takes every write");
            let whole = cjm::render::svg(&journey, &options);
            assert!(streamed == whole.as_bytes(), "{name}: {options:?}");
        }
    }
}

/// Takes `room` bytes, then fails.
struct Full {
    room: usize,
    flushed: bool,
}

impl Write for Full {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.room == 0 {
            return Err(io::Error::new(io::ErrorKind::StorageFull, "disk full"));
        }
        let n = buf.len().min(self.room);
        self.room -= n;
        Ok(n)
    }
    fn flush(&mut self) -> io::Result<()> {
        self.flushed = true;
        Ok(())
    }
}

#[test]
fn a_failing_writer_is_an_error() {
    let journey = maps::all().remove(0).1;
    let size = cjm::render::svg(&journey, &RenderOptions::default()).len();
    for room in [0, 10, size / 2, size - 1] {
        let mut out = Full {
            room,
            flushed: false,
        };
        let err = cjm::render::svg_to(&journey, &RenderOptions::default(), &mut out)
            .expect_err("the writer fills up");
        assert_eq!(err.kind(), io::ErrorKind::StorageFull, "room {room}");
    }
    let mut out = Full {
        room: size,
        flushed: false,
    };
    cjm::render::svg_to(&journey, &RenderOptions::default(), &mut out).expect("room enough");
    assert!(out.flushed && out.room == 0);
}
