//! `cjm diff` of two versions of a generated journey: the model diff alone,
//! and the whole job (compile both texts, diff, write the text output).
//! Run with `cargo bench --bench diff`. Budget: two 5,000-touchpoint
//! versions in under 150 ms (docs/performance.md).

use cjm::diff::{Diff, Side};
use cjm::{CompileOptions, model::Journey, testgen};

#[path = "../src/allocator.rs"]
mod allocator;

const SIZES: &[usize] = &[100, 1_000, 5_000];

fn main() {
    divan::main();
}

fn compile(text: &str) -> Journey {
    cjm::compile(text.as_bytes(), &CompileOptions::default())
        .journey
        .expect("generated journeys compile")
}

/// The old text and a new one with a change a team would make in a pull
/// request, spread over the file: 1 pain in 25 reworded, one emotion
/// score in 10 up by one (capped), and one touchpoint moved.
fn versions(n: usize) -> (String, Journey, Journey) {
    let text = testgen::journey(n, 1);
    let old = compile(&text);
    let mut new = compile(&text.replacen("pain \"", "pain \"reworded ", n / 25));
    for (i, tp) in new
        .stages
        .iter_mut()
        .flat_map(|s| s.touchpoints.iter_mut())
        .enumerate()
    {
        if let Some(e) = tp.emotions.first_mut().filter(|_| i % 10 == 0) {
            e.score = (e.score + 1).min(2);
        }
    }
    if new.stages.len() > 1 {
        let tp = new.stages[0].touchpoints.remove(0);
        new.stages[1].touchpoints.push(tp);
    }
    (text, old, new)
}

/// Model × model → changes.
#[divan::bench(args = SIZES, sample_count = 20, max_time = 4)]
fn diff(bencher: divan::Bencher, n: usize) {
    let (_, old, new) = versions(n);
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| cjm::diff::diff(divan::black_box(&old), divan::black_box(&new)));
}

/// What `cjm diff OLD NEW` does after reading the files: compile both,
/// diff, render the text output.
#[divan::bench(args = SIZES, sample_count = 10, max_time = 4)]
fn compile_diff_text(bencher: divan::Bencher, n: usize) {
    let (text, _, _) = versions(n);
    let edited = text.replacen("pain \"", "pain \"reworded ", n / 25);
    bencher
        .counter(divan::counter::ItemsCount::new(n))
        .bench(|| {
            let a = compile(divan::black_box(&text));
            let b = compile(divan::black_box(&edited));
            let d = Diff::of(
                Side {
                    file: Some("old.journey"),
                    journey: Some(&a),
                },
                Side {
                    file: Some("new.journey"),
                    journey: Some(&b),
                },
            );
            cjm::diff::text(&d)
        });
}
