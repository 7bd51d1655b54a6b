//! Inputs that once crashed, hung or misbehaved (many found by the fuzz
//! targets under fuzz/): each must compile to a model or diagnostics
//! without panicking, render, report, and format stably.

use cjm::{CompileOptions, compile};

fn check(bytes: &[u8], name: &str) {
    let compiled = compile(bytes, &CompileOptions::default());
    for d in &compiled.diagnostics {
        assert!(d.span.end <= compiled.source.len(), "{name}: {d:?}");
        assert!(compiled.source.is_char_boundary(d.span.start), "{name}");
        assert!(compiled.source.is_char_boundary(d.span.end), "{name}");
    }
    cjm::report::human(name, &compiled.source, &compiled.diagnostics, false);
    cjm::report::json_lines(name, &compiled.source, &compiled.diagnostics);
    cjm::report::github(name, &compiled.source, &compiled.diagnostics);
    if let Some(journey) = &compiled.journey {
        cjm::render::json(journey);
        let svg = cjm::render::svg(
            journey,
            &cjm::RenderOptions {
                embed_fonts: false,
                ..cjm::RenderOptions::default()
            },
        );
        roxmltree::Document::parse(&svg)
            .unwrap_or_else(|e| panic!("{name}: SVG not well-formed: {e}"));
    }
    if let Ok(text) = std::str::from_utf8(bytes)
        && let Ok(once) = cjm::format::format(text)
    {
        assert_eq!(cjm::format::format(&once).as_ref(), Ok(&once), "{name}");
    }
}

#[test]
fn every_regression_input_is_handled() {
    let mut count = 0;
    for entry in std::fs::read_dir("tests/fixtures/regressions").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "journey") {
            check(&std::fs::read(&path).unwrap(), &path.display().to_string());
            count += 1;
        }
    }
    assert!(count > 0);
}
