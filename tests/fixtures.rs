//! Every file in tests/fixtures: valid ones snapshot their JSON model (and
//! their warnings), invalid ones snapshot the human report and must carry
//! the code their file name starts with.

use std::path::Path;

use cjm::{CompileOptions, Severity, compile, report};

/// Every code a fixture name may start with, errors then lints.
const ERRORS: &[&str] = &[
    "syntax",
    "encoding",
    "duplicate-id",
    "unknown-reference",
    "wrong-kind",
    "emotion-range",
    "persona-required",
    "duplicate-property",
    "invalid-value",
    "unsafe-link",
    "self-flow",
    "no-stages",
];

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// `unknown-reference-typo-owner` → `cjm::unknown-reference`: the
/// longest code the file name starts with.
fn expected_code(path: &Path) -> Option<String> {
    let stem = path.file_stem().unwrap().to_string_lossy();
    ERRORS
        .iter()
        .chain(cjm::lint::LINTS)
        .filter(|code| {
            stem.strip_prefix(*code)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with('-'))
        })
        .max_by_key(|code| code.len())
        .map(|code| format!("cjm::{code}"))
}

#[test]
fn valid_models() {
    insta::glob!("fixtures/valid/*.journey", |path| {
        let compiled = compile(&std::fs::read(path).unwrap(), &CompileOptions::default());
        let errors: Vec<_> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert!(errors.is_empty(), "{}: {errors:#?}", path.display());
        let journey = compiled.journey.expect("a valid fixture has a model");
        insta::assert_snapshot!(cjm::render::json(&journey));
    });
}

#[test]
fn valid_warnings() {
    insta::glob!("fixtures/valid/*.journey", |path| {
        let compiled = compile(&std::fs::read(path).unwrap(), &CompileOptions::default());
        assert!(
            compiled
                .diagnostics
                .iter()
                .all(|d| d.severity == Severity::Warning)
        );
        insta::assert_snapshot!(report::human(
            &file_name(path),
            &compiled.source,
            &compiled.diagnostics,
            false
        ));
    });
}

#[test]
fn invalid_reports() {
    insta::glob!("fixtures/invalid/*.journey", |path| {
        let compiled = compile(&std::fs::read(path).unwrap(), &CompileOptions::default());
        assert!(
            compiled.has_errors(),
            "{} compiled without errors",
            path.display()
        );
        assert!(compiled.journey.is_none());
        let codes: Vec<_> = compiled
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        match expected_code(path) {
            Some(code) => assert!(
                compiled
                    .diagnostics
                    .iter()
                    .any(|d| d.code == code && d.is_error()),
                "{}: expected {code}, got {codes:?}",
                path.display()
            ),
            None => {
                // several-errors.journey: unrelated errors, all reported.
                for code in [
                    "cjm::invalid-value",
                    "cjm::unknown-reference",
                    "cjm::emotion-range",
                    "cjm::persona-required",
                    "cjm::unsafe-link",
                    "cjm::duplicate-id",
                    "cjm::self-flow",
                ] {
                    assert!(
                        codes.contains(&code),
                        "{}: no {code} in {codes:?}",
                        path.display()
                    );
                }
            }
        }
        insta::assert_snapshot!(report::human(
            &file_name(path),
            &compiled.source,
            &compiled.diagnostics,
            false
        ));
    });
}

/// The model without source positions, which formatting may move.
fn meaning(source: &str) -> serde_json::Value {
    let compiled = compile(source.as_bytes(), &CompileOptions::default());
    let journey = compiled.journey.expect("the fixture compiles");
    let mut value = serde_json::to_value(&journey).unwrap();
    for stage in value["stages"].as_array_mut().unwrap() {
        for tp in stage["touchpoints"].as_array_mut().unwrap() {
            tp.as_object_mut().unwrap().remove("span");
        }
    }
    value
}

#[test]
fn formatting_keeps_the_meaning() {
    insta::glob!("fixtures/valid/*.journey", |path| {
        let source = std::fs::read_to_string(path).unwrap();
        let formatted = cjm::format::format(&source)
            .unwrap_or_else(|e| panic!("{} does not format: {e:?}", path.display()));
        assert_eq!(meaning(&source), meaning(&formatted), "{}", path.display());
        // And formatting is stable.
        assert_eq!(cjm::format::format(&formatted).unwrap(), formatted);
    });
}
