//! Per-stage benchmarks over generated journeys of growing size, to show
//! where time goes and that cost grows linearly with the touchpoints.
//! Run with `cargo bench --bench stages`.

use cjm::{CompileOptions, RenderOptions, model::Journey, testgen};

const SIZES: &[usize] = &[10, 100, 1_000, 5_000, 20_000];

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
#[divan::bench(args = SIZES)]
fn compile(bencher: divan::Bencher, n: usize) {
    let text = source(n);
    bencher
        .counter(divan::counter::BytesCount::of_str(&text))
        .bench(|| {
            cjm::compile(
                divan::black_box(text.as_bytes()),
                &CompileOptions::default(),
            )
        });
}

/// Model to JSON.
#[divan::bench(args = SIZES)]
fn json(bencher: divan::Bencher, n: usize) {
    let journey = model(n);
    bencher.bench(|| cjm::render::json(divan::black_box(&journey)));
}

/// Model to SVG: layout with shaped text, then writing the scene.
#[divan::bench(args = SIZES)]
fn svg(bencher: divan::Bencher, n: usize) {
    let journey = model(n);
    let options = RenderOptions::default();
    bencher.bench(|| cjm::render::svg(divan::black_box(&journey), &options));
}

/// Text to SVG and JSON, as `cjm build --format svg,json` does per file.
#[divan::bench(args = SIZES)]
fn end_to_end(bencher: divan::Bencher, n: usize) {
    let text = source(n);
    let options = RenderOptions::default();
    bencher.bench(|| {
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
