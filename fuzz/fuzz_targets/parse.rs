//! Any bytes compile to a model or to diagnostics, never a panic; every
//! diagnostic's span lies on character boundaries of the source it
//! renders against, and the reports render.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let compiled = cjm::compile(data, &cjm::CompileOptions::default());
    for d in &compiled.diagnostics {
        for span in std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span)) {
            assert!(span.start <= span.end && span.end <= compiled.source.len());
            assert!(compiled.source.is_char_boundary(span.start));
            assert!(compiled.source.is_char_boundary(span.end));
        }
    }
    assert_eq!(compiled.journey.is_some(), !compiled.has_errors());
    cjm::report::human("f.journey", &compiled.source, &compiled.diagnostics, false);
    cjm::report::json_lines("f.journey", &compiled.source, &compiled.diagnostics);
    cjm::report::github("f.journey", &compiled.source, &compiled.diagnostics);
});
