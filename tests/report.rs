//! The machine-readable diagnostics formats (cli.md "Diagnostics formats").

use cjm::{CompileOptions, compile, report};

/// A Hebrew file whose owner is a typo on line 5.
const HEBREW: &str = "journey \"מסע\" {\n  persona מיכל \"מיכל\"\n  team שיווק \"שיווק\"\n  stage מודעות \"מודעות\" {\n    owner שיוק\n    touchpoint סיכה \"סיכה\" { emotion 1 }\n  }\n}\n";

#[test]
fn json_lines_carry_code_and_character_columns() {
    let compiled = compile(HEBREW.as_bytes(), &CompileOptions::default());
    let out = report::json_lines("he.journey", &compiled.source, &compiled.diagnostics);
    let lines: Vec<serde_json::Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    let error = lines
        .iter()
        .find(|l| l["code"] == "cjm::unknown-reference")
        .expect("the typo is reported");
    assert_eq!(error["file"], "he.journey");
    assert_eq!(error["severity"], "error");
    assert_eq!(error["line"], 5);
    // `    owner ` is 10 characters: the ID starts at column 11, and its 4
    // Hebrew letters (8 bytes) end before column 15.
    assert_eq!(error["column"], 11);
    assert_eq!(error["end_line"], 5);
    assert_eq!(error["end_column"], 15);
    assert_eq!(error["help"], "did you mean `שיווק`?");
    assert!(error["message"].as_str().unwrap().contains("שיוק"));
    assert!(error["labels"].is_array());
}

#[test]
fn json_lines_list_secondary_labels() {
    let source = "journey \"J\" {\n  team a\n  team a\n  stage s { }\n}\n";
    let compiled = compile(source.as_bytes(), &CompileOptions::default());
    let out = report::json_lines("j.journey", &compiled.source, &compiled.diagnostics);
    let first: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["code"], "cjm::duplicate-id");
    assert_eq!(
        (first["line"].clone(), first["column"].clone()),
        (3.into(), 8.into())
    );
    let labels = first["labels"].as_array().unwrap();
    let first_defined = labels
        .iter()
        .find(|l| l["message"] == "first defined here")
        .unwrap();
    assert_eq!(
        (
            first_defined["line"].clone(),
            first_defined["column"].clone()
        ),
        (2.into(), 8.into())
    );
}

#[test]
fn github_annotations() {
    let compiled = compile(HEBREW.as_bytes(), &CompileOptions::default());
    let out = report::github("maps/he.journey", &compiled.source, &compiled.diagnostics);
    let line = out
        .lines()
        .find(|l| l.contains("unknown-reference"))
        .unwrap();
    assert_eq!(
        line,
        "::error file=maps/he.journey,line=5,col=11,endLine=5,endColumn=15,\
         title=cjm%3A%3Aunknown-reference::unknown team `שיוק`"
    );
}

#[test]
fn github_warnings_and_escapes() {
    // No persona, no flow back: warnings, so `::warning`.
    let source = "journey \"J\" {\n  stage s { touchpoint t }\n}\n";
    let compiled = compile(source.as_bytes(), &CompileOptions::default());
    assert!(!compiled.has_errors());
    let out = report::github("a,b:c.journey", &compiled.source, &compiled.diagnostics);
    assert!(!out.is_empty());
    for line in out.lines() {
        assert!(
            line.starts_with("::warning file=a%2Cb%3Ac.journey,line="),
            "{line}"
        );
    }
}

#[test]
fn human_report_shows_code_message_label_and_help() {
    let compiled = compile(HEBREW.as_bytes(), &CompileOptions::default());
    let out = report::human("he.journey", &compiled.source, &compiled.diagnostics, false);
    assert!(out.contains("cjm::unknown-reference"), "{out}");
    assert!(out.contains("unknown team `שיוק`"), "{out}");
    assert!(out.contains("he.journey:5:11"), "{out}");
    assert!(out.contains("did you mean `שיווק`?"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour unless asked");
}

#[test]
fn human_report_in_colour_only_when_asked() {
    let compiled = compile(HEBREW.as_bytes(), &CompileOptions::default());
    let out = report::human("he.journey", &compiled.source, &compiled.diagnostics, true);
    assert!(out.contains('\u{1b}'), "{out}");
}

#[test]
fn encoding_errors_point_at_the_byte() {
    let compiled = compile(
        b"journey \"x\" {\n  team a \"caf\xE9\"\n}\n",
        &CompileOptions::default(),
    );
    let out = report::json_lines("latin1.journey", &compiled.source, &compiled.diagnostics);
    let error: serde_json::Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(error["code"], "cjm::encoding");
    assert_eq!(
        (error["line"].clone(), error["column"].clone()),
        (2.into(), 14.into())
    );
    assert!(error["message"].as_str().unwrap().contains("0xE9"));
}

/// A comment or string holding a terminal escape sequence is quoted with
/// the control characters made harmless, spans unchanged.
#[test]
fn human_report_never_quotes_control_characters() {
    let source = "# \u{1b}]0;owned\u{7}\njourney \"J\u{1b}[2J\u{9b}31m\" {\n  stage s { touchpoint t { emotion 9 } }\n}\n";
    let compiled = compile(source.as_bytes(), &CompileOptions::default());
    assert!(compiled.has_errors());
    let report = report::human("f.journey", &compiled.source, &compiled.diagnostics, false);
    assert!(
        !report.chars().any(|c| c.is_control() && c != '\n'),
        "{report}"
    );
    assert!(report.contains("# ?]0;owned?"), "{report}");
    assert!(report.contains("emotion 9"), "{report}");
}
