//! Whole-process timings of the real `cjm` binary, as a user or CI runs it:
//! start-up, reading, compiling, rendering and writing included.
//! Run with `cargo bench --bench process`.

use std::path::{Path, PathBuf};
use std::process::Command;

use cjm::testgen;

fn main() {
    divan::main();
}

fn cjm() -> Command {
    Command::new(env!("CARGO_BIN_EXE_cjm"))
}

/// A fresh folder under the target directory holding `files` journeys of
/// `touchpoints` touchpoints each.
fn tree(name: &str, files: usize, touchpoints: usize) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the bench folder");
    for i in 0..files {
        let text = testgen::journey(touchpoints, i as u64 + 1);
        std::fs::write(dir.join(format!("map-{i:04}.journey")), text).expect("write a journey");
    }
    dir
}

fn run(command: &mut Command) {
    let status = command.status().expect("run cjm");
    assert!(status.success(), "cjm failed: {status}");
}

/// One 10-touchpoint file to SVG. Budget: under 15 ms.
#[divan::bench(sample_count = 30)]
fn one_small_file_to_svg(bencher: divan::Bencher) {
    let dir = tree("one-small", 1, 10);
    let file = dir.join("map-0000.journey");
    bencher.bench(|| run(cjm().args(["build", "--quiet"]).arg(&file)));
}

/// One 5,000-touchpoint file to SVG and JSON. Budget: under 250 ms.
#[divan::bench(sample_count = 10)]
fn five_thousand_touchpoints_to_svg_and_json(bencher: divan::Bencher) {
    let dir = tree("big", 1, 5_000);
    let file = dir.join("map-0000.journey");
    bencher.bench(|| {
        run(cjm()
            .args(["build", "--quiet", "--format", "svg,json"])
            .arg(&file))
    });
}

/// 1,000 files of 10 touchpoints to SVG, on every core. Budget: under 2 s.
#[divan::bench(sample_count = 5)]
fn thousand_small_files_to_svg(bencher: divan::Bencher) {
    let dir = tree("thousand", 1_000, 10);
    let out = dir.with_extension("out");
    bencher.bench(|| {
        run(cjm()
            .args(["build", "--quiet"])
            .arg(&dir)
            .arg("-o")
            .arg(&out))
    });
}
