//! `cjm fmt`: canonical layout, comments kept in place, idempotence.

use cjm::format::format;

const SPEC_EXAMPLE: &str = include_str!("../src/syntax/spec_example.journey");

fn fmt(source: &str) -> String {
    match format(source) {
        Ok(text) => text,
        Err(errors) => panic!("does not parse: {errors:#?}"),
    }
}

#[test]
fn the_spec_example_is_already_canonical() {
    assert_eq!(fmt(SPEC_EXAMPLE), SPEC_EXAMPLE);
}

#[test]
fn messy_layout() {
    let source = "journey   \"Messy\"{lang en;description \"a\\u{41}\\tb\"\n\n\n\
persona p \"P\"{goal \"g\"}\nteam a; team b \"B\"\n  channel web \"Web\"   online\n\
stage s \"S\" {owner a,b;reach +12\ntouchpoint t \"T\" { channel web; emotion p -1 \"Meh\" ; moment_of_truth}\n\
touchpoint u\n}\nflow t->s   \"back\"\nflow u -> t\n}";
    insta::assert_snapshot!(fmt(source));
}

#[test]
fn comments_in_awkward_places() {
    let source = "# header\n\n# about the journey\njourney \"J\" { # after the journey brace\n\
  lang en # trailing on a statement\n\
      # before a stage, badly indented\n\
  stage s { # after a stage brace\n\
    touchpoint t { channel web; emotion 1 } # after a one-line block\n\
    touchpoint u {\n\
      # inside a touchpoint block\n\
      emotion 2\n\
# at column zero inside a touchpoint\n\
    }\n\
    # before the stage's closing brace\n\
  } # after a stage's closing brace\n\
  stage empty {\n\
    # the only thing in an empty stage\n\
  }\n\
\n\
  # between statements, with a blank line after\n\
\n\
  flow t -> u\n\
  # before the journey's closing brace\n\
}\n\
# end of file\n";
    insta::assert_snapshot!(fmt(source));
}

#[test]
fn strings_are_re_escaped_canonically() {
    let source = "journey \"\\u{48}i \\u{5D0} \\\"q\\\" \\\\ \\n \\t \\u{1F600}\" {\n}\n";
    assert_eq!(
        fmt(source),
        "journey \"Hi \u{5D0} \\\"q\\\" \\\\ \\n \\t \u{1F600}\" {}\n"
    );
}

#[test]
fn crlf_and_bom_come_out_as_plain_lf() {
    let source = "\u{FEFF}journey \"J\" {\r\n  stage s {\r\n  }\r\n}\r\n";
    assert_eq!(fmt(source), "journey \"J\" {\n  stage s {}\n}\n");
}

#[test]
fn syntax_errors_are_returned_not_formatted() {
    let errors = format("journey \"J\" {\n  stage s {\n    touchpiont t\n  }\n  flow a\n}\n")
        .expect_err("a syntax error");
    assert_eq!(errors.len(), 2);
    assert!(errors.iter().all(|e| e.code == "cjm::syntax"));
}

/// Every `.journey` file under `dir` (missing folders are skipped: other
/// parts of the project fill them).
fn journey_files(dir: &str) -> Vec<std::path::PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "journey"))
        .collect();
    files.sort();
    files
}

#[test]
fn formatting_is_idempotent() {
    let mut sources: Vec<(String, String)> = vec![("spec example".into(), SPEC_EXAMPLE.into())];
    for dir in ["tests/fixtures/valid", "examples"] {
        for path in journey_files(dir) {
            let text = std::fs::read_to_string(&path).unwrap_or_default();
            sources.push((path.display().to_string(), text));
        }
    }
    for (name, source) in sources {
        let Ok(once) = format(&source) else {
            continue;
        };
        let twice = format(&once)
            .unwrap_or_else(|e| panic!("{name}: formatted text does not parse: {e:#?}"));
        assert_eq!(once, twice, "{name}: formatting twice changes the text");
    }
}

#[test]
fn files_with_syntax_errors_are_refused() {
    let files: Vec<_> = journey_files("tests/fixtures/invalid")
        .into_iter()
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("syntax-"))
        })
        .collect();
    assert!(!files.is_empty());
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap_or_default();
        let errors = format(&source).expect_err("a syntax error");
        assert!(
            errors.iter().all(|e| e.code == "cjm::syntax"),
            "{}",
            path.display()
        );
    }
}

#[test]
fn lane_statements_are_canonical_and_keep_their_comments() {
    let source = "journey \"Lanes\" {\n\
  lane   effort \"Customer effort\"   score 1 ..5 # the scale\n\
  lane systems \"Systems\" text;lane notes\n\
  # the order on the map\n\
  lanes touchpoints ,emotion,effort ,   systems\n\
  stage s {\n\
    evidence   \"Receipt\" ; support \"Stock\"\n\
    lane systems\"ERP\"\n\
    touchpoint t {frontstage \"Greets\"; backstage \"Books\" # out of view\n\
      lane effort +4   \"High\"\n\
      lane effort2 4.50\n\
    }\n\
  }\n\
}\n";
    let once = fmt(source);
    assert_eq!(fmt(&once), once, "idempotent");
    insta::assert_snapshot!(once);
}
