//! Per-stage benchmarks over generated journeys of growing size, to show
//! where time goes and that cost grows linearly with the touchpoints.
//! Run with `cargo bench --bench stages`. Throughput is shown in
//! touchpoints per second: flat across sizes means linear cost.
//!
//! Each size gets at most 10 samples or about 4 s (the largest take
//! seconds per run), so the whole file runs in about two minutes.

use cjm::{CompileOptions, RenderOptions, model::Journey, testgen};

// The allocator and options of the `cjm` binary, so that the stages are
// timed as the command line runs them.
#[path = "../src/allocator.rs"]
mod allocator;

const SIZES: &[usize] = &[10, 100, 1_000, 5_000, 20_000];
/// The lane benchmark stops at 5,000: enough to show the growth.
const LANE_SIZES: &[usize] = &[10, 100, 1_000, 5_000];

fn main() {
    divan::main();
}

fn source(n: usize) -> String {
    testgen::journey(n, 1)
}

fn model(n: usize) -> Journey {
    let compiled = cjm::compile(source(n).as_bytes(), &CompileOptions::default());
    compiled.journey.expect("generated journeys compile")
}

/// Parse, resolve and lint: text to model.
#[divan::bench(args = SIZES, sample_count = 10, max_time = 4)]
fn compile(bencher: divan::Bencher, n: usize) {
    let text = source(n);
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| {
            cjm::compile(
                divan::black_box(text.as_bytes()),
                &CompileOptions::default(),
            )
        });
}

/// Model to JSON.
#[divan::bench(args = SIZES, sample_count = 10, max_time = 4)]
fn json(bencher: divan::Bencher, n: usize) {
    let journey = model(n);
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| cjm::render::json(divan::black_box(&journey)));
}

/// Model to SVG: layout with shaped text, then writing the scene.
#[divan::bench(args = SIZES, sample_count = 10, max_time = 4)]
fn svg(bencher: divan::Bencher, n: usize) {
    let journey = model(n);
    let options = RenderOptions::default();
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| cjm::render::svg(divan::black_box(&journey), &options));
}

/// Model to SVG for a journey that also has every v1.1 lane: a custom
/// text lane, two score lanes, the four service blueprint lanes and their
/// lines (language.md §9).
#[divan::bench(args = LANE_SIZES, sample_count = 10, max_time = 4)]
fn svg_with_lanes(bencher: divan::Bencher, n: usize) {
    let source = testgen::journey_with(
        n,
        1,
        testgen::Options {
            lanes: true,
            lane_order: false,
        },
    );
    let compiled = cjm::compile(source.as_bytes(), &CompileOptions::default());
    let journey = compiled.journey.expect("generated journeys compile");
    let options = RenderOptions::default();
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| cjm::render::svg(divan::black_box(&journey), &options));
}

/// Text to SVG and JSON, as `cjm build --format svg,json` does per file.
#[divan::bench(args = SIZES, sample_count = 10, max_time = 4)]
fn end_to_end(bencher: divan::Bencher, n: usize) {
    let text = source(n);
    let options = RenderOptions::default();
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| {
            let compiled = cjm::compile(
                divan::black_box(text.as_bytes()),
                &CompileOptions::default(),
            );
            let journey = compiled.journey.expect("generated journeys compile");
            (
                cjm::render::svg(&journey, &options),
                cjm::render::json(&journey),
            )
        });
}

/// What `cjm watch` does for one changed file of 10 touchpoints after the
/// debounce, in a process whose fonts are already loaded: read it, compile
/// it, render the SVG and write it. Every run sees a different journey
/// (new labels, so new shaping and a new font subset), the worst case of
/// an edit. Budget: under 20 ms.
#[divan::bench(sample_count = 50)]
fn watch_rebuild(bencher: divan::Bencher) {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("watch");
    std::fs::create_dir_all(&dir).expect("create the bench folder");
    let input = dir.join("edited.journey");
    let output = dir.join("edited.svg");
    let options = RenderOptions::default();
    // Warm the process as a watch session is: fonts parsed, shapers built.
    let warm = model(10);
    let _ = cjm::render::svg(&warm, &options);
    let mut seed = 1_000;
    bencher
        .with_inputs(|| {
            seed += 1;
            std::fs::write(&input, testgen::journey(10, seed)).expect("write the journey");
        })
        .bench_local_values(|()| {
            let bytes = std::fs::read(&input).expect("read the journey");
            let compiled = cjm::compile(&bytes, &CompileOptions::default());
            let journey = compiled.journey.expect("generated journeys compile");
            std::fs::write(&output, cjm::render::svg(&journey, &options)).expect("write the map");
        });
}
