//! Every file in tests/fixtures: valid ones snapshot their JSON model (and
//! their warnings), invalid ones snapshot the human report and must carry
//! the code their file name starts with.

use std::path::Path;

use cjm::{CompileOptions, Severity, compile, report};

/// Every code a fixture name may start with, errors then lints.
const ERRORS: &[&str] = &[
    "limit",
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

/// The worked example of the guide's lanes section is this fixture, so it
/// is checked, formatted and snapshotted like the others.
#[test]
fn the_guide_shows_the_checked_lanes_example() {
    let example =
        std::fs::read_to_string("tests/fixtures/valid/docs-lanes-example.journey").unwrap();
    let guide = std::fs::read_to_string("docs/language.md").unwrap();
    assert!(
        guide.contains(&format!("```\n{example}```")),
        "docs/language.md does not hold tests/fixtures/valid/docs-lanes-example.journey"
    );
    assert_eq!(cjm::format::format(&example).unwrap(), example, "canonical");
}

fn spec_example() -> String {
    std::fs::read_to_string("tests/fixtures/valid/spec-example.journey").unwrap()
}

fn json_of(bytes: &[u8], options: &CompileOptions) -> String {
    let compiled = compile(bytes, options);
    cjm::render::json(&compiled.journey.expect("compiles"))
}

#[test]
fn crlf_and_bom_change_nothing() {
    let lf = spec_example();
    let crlf = lf.replace('\n', "\r\n");
    let mut bom = b"\xEF\xBB\xBF".to_vec();
    bom.extend_from_slice(lf.as_bytes());
    let options = CompileOptions::default();
    assert_eq!(
        json_of(crlf.as_bytes(), &options),
        json_of(lf.as_bytes(), &options)
    );
    assert_eq!(json_of(&bom, &options), json_of(lf.as_bytes(), &options));
}

#[test]
fn same_input_same_bytes() {
    let source = spec_example();
    let options = CompileOptions::default();
    assert_eq!(
        json_of(source.as_bytes(), &options),
        json_of(source.as_bytes(), &options)
    );
}

/// A journey with one lint warning (`empty-stage`) apart from the ones
/// it allows.
const ONE_EMPTY_STAGE: &str = "journey \"J\" {\n  allow missing-persona no-owner missing-emotion open-journey\n  stage a { touchpoint t }\n  stage b { }\n}\n";

fn codes_and_severities(options: &CompileOptions, source: &str) -> Vec<(String, Severity)> {
    compile(source.as_bytes(), options)
        .diagnostics
        .into_iter()
        .map(|d| (d.code, d.severity))
        .collect()
}

#[test]
fn lint_levels_file_then_command_line_then_deny_warnings() {
    use cjm::{Level, LintConfig};
    let warn = vec![("cjm::empty-stage".to_string(), Severity::Warning)];
    let deny = vec![("cjm::empty-stage".to_string(), Severity::Error)];
    let options = CompileOptions::default();
    assert_eq!(codes_and_severities(&options, ONE_EMPTY_STAGE), warn);

    // In the file.
    let denied = ONE_EMPTY_STAGE.replace("open-journey", "open-journey\n  deny empty-stage");
    assert_eq!(codes_and_severities(&options, &denied), deny);
    assert!(compile(denied.as_bytes(), &options).journey.is_none());
    let allowed = ONE_EMPTY_STAGE.replace("open-journey", "open-journey empty-stage");
    assert_eq!(codes_and_severities(&options, &allowed), vec![]);

    // The command line overrides the file.
    let mut lints = LintConfig::default();
    lints.levels.insert("empty-stage".to_string(), Level::Warn);
    let options = CompileOptions {
        lints,
        ..CompileOptions::default()
    };
    assert_eq!(codes_and_severities(&options, &denied), warn);
    assert_eq!(codes_and_severities(&options, &allowed), warn);

    // --deny-warnings turns what is left into errors, not what is allowed.
    let lints = LintConfig {
        deny_warnings: true,
        ..LintConfig::default()
    };
    let options = CompileOptions {
        lints,
        ..CompileOptions::default()
    };
    assert_eq!(codes_and_severities(&options, ONE_EMPTY_STAGE), deny);
    assert_eq!(codes_and_severities(&options, &allowed), vec![]);
}

#[test]
fn rtl_from_letters_only_without_lang() {
    let hebrew =
        "journey \"מסע\" {\n  stage מודעות \"מודעות\" { touchpoint סיכה \"סיכה בוייז\" }\n}\n";
    let options = CompileOptions::default();
    assert!(json_of(hebrew.as_bytes(), &options).contains("\"direction\": \"rtl\""));
    let with_lang = hebrew.replace("{\n", "{\n  lang en\n");
    assert!(json_of(with_lang.as_bytes(), &options).contains("\"direction\": \"ltr\""));
    let forced = hebrew.replace("{\n", "{\n  direction ltr\n");
    assert!(json_of(forced.as_bytes(), &options).contains("\"direction\": \"ltr\""));
}

#[test]
fn bad_bytes_never_panic() {
    let options = CompileOptions::default();
    for bytes in [
        &b"\xFF\xFE"[..],
        b"",
        b"\0",
        b"journey",
        b"journey \"\xC3",
        b"\xEF\xBB\xBF",
    ] {
        let compiled = compile(bytes, &options);
        assert!(compiled.has_errors(), "{bytes:?}");
        // Every diagnostic renders against the source it came with.
        report::human("f.journey", &compiled.source, &compiled.diagnostics, false);
        report::json_lines("f.journey", &compiled.source, &compiled.diagnostics);
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(200))]

    /// Any mix of journey words never panics, and every span lies on
    /// character boundaries of the source the report renders.
    #[test]
    fn compile_never_panics(words in proptest::collection::vec(
        proptest::sample::select(vec![
            "journey", "\"T\"", "{", "}", "\n", ";", "stage", "touchpoint", "persona", "team",
            "channel", "flow", "->", "owner", "emotion", "-3", "2", "1.5", "50%", "link",
            "\"javascript:x\"", "a", "b", "מודעות", "آگاهی", "reach", "lang", "he", "allow",
            "deny", "nope", ",", "\"", "#", "metric", "m", "moment_of_truth", "\u{FEFF}",
        ]),
        0..60,
    )) {
        let source = words.join(" ");
        let compiled = compile(source.as_bytes(), &CompileOptions::default());
        for d in &compiled.diagnostics {
            let spans = std::iter::once(d.span).chain(d.labels.iter().map(|l| l.span));
            for span in spans {
                proptest::prop_assert!(span.start <= span.end && span.end <= compiled.source.len());
                proptest::prop_assert!(compiled.source.is_char_boundary(span.start));
                proptest::prop_assert!(compiled.source.is_char_boundary(span.end));
            }
        }
        report::human("f.journey", &compiled.source, &compiled.diagnostics, false);
    }
}

/// Walks a JSON value beside its schema: every object's keys are exactly
/// the schema's required properties.
fn check_against(
    value: &serde_json::Value,
    schema: &serde_json::Value,
    root: &serde_json::Value,
    at: &str,
) {
    let schema = match schema.get("$ref").and_then(|r| r.as_str()) {
        Some(reference) => root.pointer(reference.trim_start_matches('#')).unwrap(),
        None => schema,
    };
    if let Some(options) = schema.get("anyOf").and_then(|a| a.as_array()) {
        if !value.is_null() {
            // An untagged enum (a custom lane's text or score entry): the
            // variant whose required keys the object has, checked below.
            let resolve = |o: &'_ serde_json::Value| match o.get("$ref").and_then(|r| r.as_str()) {
                Some(reference) => root
                    .pointer(reference.trim_start_matches('#'))
                    .unwrap()
                    .clone(),
                None => o.clone(),
            };
            let fits = |o: &serde_json::Value| {
                let o = resolve(o);
                match (value.as_object(), o["required"].as_array()) {
                    (Some(map), Some(required)) => required
                        .iter()
                        .map(|v| v.as_str().unwrap())
                        .eq(map.keys().map(String::as_str)),
                    _ => true,
                }
            };
            let object = options
                .iter()
                .find(|o| o.get("type") != Some(&"null".into()) && fits(o))
                .unwrap_or_else(|| panic!("at {at}: no variant of the schema fits {value}"));
            check_against(value, object, root, at);
        }
        return;
    }
    match value {
        serde_json::Value::Object(map) => {
            let required: Vec<&str> = schema["required"]
                .as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_str().unwrap())
                .collect();
            let keys: Vec<&str> = map.keys().map(String::as_str).collect();
            assert_eq!(keys, required, "at {at}");
            for (key, inner) in map {
                check_against(
                    inner,
                    &schema["properties"][key],
                    root,
                    &format!("{at}.{key}"),
                );
            }
        }
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                check_against(item, &schema["items"], root, &format!("{at}[{i}]"));
            }
        }
        _ => {}
    }
}

/// `cjm schema` as released: a change to it is a change to the contract
/// of language.md §7 and §12, to be read in the snapshot's diff.
#[test]
fn the_json_schema_is_stable() {
    let schema: serde_json::Value = serde_json::from_str(&cjm::render::json_schema()).unwrap();
    // The v1.1 fields are described (language.md §12).
    for field in ["lanes", "lane_order"] {
        assert!(schema["properties"][field].is_object(), "{field}");
    }
    for field in ["evidence", "frontstage", "backstage", "support", "custom"] {
        for owner in ["Stage", "Touchpoint"] {
            assert!(
                schema["$defs"][owner]["properties"][field].is_object(),
                "{owner}.{field}"
            );
        }
    }
    insta::assert_snapshot!(cjm::render::json_schema());
}

#[test]
fn the_schema_describes_every_field_written() {
    let schema: serde_json::Value = serde_json::from_str(&cjm::render::json_schema()).unwrap();
    assert_eq!(
        schema["$defs"]["Emotion"]["properties"]["score"]["maximum"],
        2
    );
    insta::glob!("fixtures/valid/*.journey", |path| {
        let json = json_of(&std::fs::read(path).unwrap(), &CompileOptions::default());
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        check_against(&value, &schema, &schema, "$");
    });
}
