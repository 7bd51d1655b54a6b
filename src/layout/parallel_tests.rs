//! The layout runs on all cores (lanes, stages, cards): the map must not
//! depend on how many threads there are or which finishes first.

use crate::model::Journey;
use crate::render::{RenderOptions, svg};

fn generated(touchpoints: usize, seed: u64, rtl: bool) -> Journey {
    let mut source = crate::testgen::journey(touchpoints, seed);
    if rtl {
        source = source.replacen("lang en", "lang he", 1);
    }
    let compiled = crate::compile(source.as_bytes(), &Default::default());
    compiled.journey.expect("generated journeys compile")
}

fn in_pool<T: Send>(threads: usize, f: impl FnOnce() -> T + Send) -> T {
    rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .expect("a thread pool")
        .install(f)
}

#[test]
fn one_thread_and_many_lay_out_the_same_map() {
    for (touchpoints, seed, rtl) in [(300, 1, false), (240, 9, true)] {
        let journey = generated(touchpoints, seed, rtl);
        let one = in_pool(1, || super::layout(&journey));
        assert_eq!(one.rtl, rtl);
        for threads in [2, 4] {
            let many = in_pool(threads, || super::layout(&journey));
            assert!(one == many, "{touchpoints} touchpoints, {threads} threads");
        }
        let options = RenderOptions::default();
        let one = in_pool(1, || svg(&journey, &options));
        let many = svg(&journey, &options);
        assert!(one == many, "SVG of {touchpoints} touchpoints");
    }
}
