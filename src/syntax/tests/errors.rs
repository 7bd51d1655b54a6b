//! Syntax errors: one per problem, in words, at the right place.

use super::*;

#[test]
fn an_error_in_hebrew_text_points_at_char_boundaries() {
    let source = "journey \"מסע\" {\n  stage מודעות \"מודעות\" {\n    emotion מודעות\n  }\n}\n";
    let diagnostics = errors(source);
    assert_eq!(diagnostics.len(), 1);
    let span = diagnostics[0].span;
    assert!(source.is_char_boundary(span.start) && source.is_char_boundary(span.end));
    assert_eq!(text(source, span), "emotion");
}

#[test]
fn three_unrelated_errors_give_three_diagnostics() {
    let source = "journey \"J\" {\n  lang\n  stage s {\n    touchpoint t {\n      emotion \"high\"\n    }\n  }\n  flow a b\n}\n";
    let diagnostics = errors(source);
    assert_eq!(diagnostics.len(), 3, "{diagnostics:#?}");
    assert_eq!(diagnostics[0].message, "expected an identifier");
    assert_eq!(diagnostics[0].span, Span::new(20, 20));
    assert_eq!(text(source, diagnostics[1].span), "\"high\"");
    assert_eq!(diagnostics[1].message, "expected an identifier or a number");
    assert_eq!(text(source, diagnostics[2].span), "b");
    assert_eq!(diagnostics[2].message, "expected '->'");
}

#[test]
fn a_title_that_is_not_a_string() {
    let diagnostics = errors("journey Title {\n  stage s {\n  }\n}\n");
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].message, "expected a string or '{'");
    assert_eq!(diagnostics[0].span, Span::new(8, 13));
}

#[test]
fn misspelled_keywords_get_a_suggestion_from_their_block() {
    let source =
        "journey \"J\" {\n  stage s {\n    touchpiont t {\n      emotoin 1\n    }\n  }\n}\n";
    let diagnostics = errors(source);
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    assert_eq!(
        diagnostics[0].message,
        "unknown statement `touchpiont` in a stage block"
    );
    assert_eq!(
        diagnostics[0].help.as_deref(),
        Some("did you mean `touchpoint`?")
    );
    assert_eq!(text(source, diagnostics[0].span), "touchpiont");
    // The misspelled touchpoint's block is still checked as a touchpoint's.
    assert_eq!(
        diagnostics[1].message,
        "unknown statement `emotoin` in a touchpoint block"
    );
    assert_eq!(
        diagnostics[1].help.as_deref(),
        Some("did you mean `emotion`?")
    );
}

#[test]
fn a_keyword_out_of_place_says_where_it_belongs() {
    let diagnostics = errors("journey \"J\" {\n  stage s {\n    goal \"x\"\n  }\n}\n");
    assert_eq!(diagnostics.len(), 1);
    assert!(
        diagnostics[0]
            .message
            .contains("`goal` belongs in a persona block")
    );
}

#[test]
fn an_unterminated_string_is_reported_at_its_quote_and_the_rest_goes_on() {
    let source =
        "journey \"J\" {\n  stage s \"Oops {\n    touchpoint t { emotion x }\n  }\n  flow s\n}\n";
    let diagnostics = errors(source);
    assert_eq!(diagnostics.len(), 3, "{diagnostics:#?}");
    assert_eq!(diagnostics[0].message, "unterminated string");
    assert_eq!(diagnostics[0].span, Span::new(24, 25));
    assert_eq!(diagnostics[1].message, "expected a number");
    assert_eq!(diagnostics[2].message, "expected '->'");
}

#[test]
fn a_bad_escape_is_reported_at_the_escape() {
    let source = "journey \"a\\qb\" {\n}\n";
    let diagnostics = errors(source);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(text(source, diagnostics[0].span), "\\q");
}

#[test]
fn a_missing_closing_brace_is_one_error_at_its_block() {
    let source =
        "journey \"J\" {\n  stage a {\n    touchpoint t\n  stage b {\n    touchpoint u\n  }\n}\n";
    let diagnostics = errors(source);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0].span, Span::new(24, 25));
    assert!(diagnostics[0].message.contains("stage"));

    let at_end =
        "journey \"J\" {\n  stage a {\n    touchpoint t\n  }\n  stage b {\n    touchpoint u\n}\n";
    let diagnostics = errors(at_end);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(
        text(
            at_end,
            Span::new(diagnostics[0].span.start, diagnostics[0].span.start + 9)
        ),
        "{\n    tou"
    );
    assert!(diagnostics[0].message.contains("stage"));
}

#[test]
fn an_extra_closing_brace_is_one_error() {
    let source = "journey \"J\" {\n  stage a {\n  }\n  }\n  stage b {\n  }\n}\n";
    let diagnostics = errors(source);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0].message, "unexpected '}'");
    assert_eq!(diagnostics[0].span, Span::new(32, 33));
    let (file, _) = parse(source);
    assert_eq!(file.journey.map(|j| j.body.len()), Some(2));

    let trailing = "journey \"J\" {\n  stage a {\n  }\n}\n}\n";
    let diagnostics = errors(trailing);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].span, Span::new(32, 33));
}

#[test]
fn one_journey_per_file() {
    let source = "journey \"A\" {\n}\njourney \"B\" {\n}\n";
    let diagnostics = errors(source);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(
        diagnostics[0].message,
        "a file holds exactly one `journey` block"
    );
    assert_eq!(diagnostics[0].span, Span::new(16, 23));

    for empty in ["", "# only a comment\n", "\u{FEFF}"] {
        let diagnostics = errors(empty);
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0]
                .message
                .contains("exactly one `journey` block")
        );
    }
}

#[test]
fn grammar_shape_errors() {
    let cases = [
        ("flow a", "expected '->'"),
        (
            "channel x \"X\" sometimes",
            "expected `online`, `offline`, a newline or ';'",
        ),
        ("team t \"T\" {\n  }", "expected a newline or ';'"),
        ("lang en fr", "expected a newline or ';'"),
        ("\"stray\"", "expected a statement keyword"),
        ("stage s", "expected a string or '{'"),
        ("allow", "expected an identifier"),
    ];
    for (statement, message) in cases {
        let source = format!("journey \"J\" {{\n  {statement}\n}}\n");
        let diagnostics = errors(&source);
        assert_eq!(diagnostics.len(), 1, "{statement}: {diagnostics:#?}");
        assert_eq!(diagnostics[0].message, message, "{statement}");
    }
}

#[test]
fn messages_never_name_grammar_rules() {
    let rule_names = [
        "stmt",
        "EOI",
        "SOI",
        "ident",
        "lbrace",
        "arrow",
        "comma",
        "journey_head",
        "item_head",
        "WHITESPACE",
        "Rule",
    ];
    let sources = [
        "journey Title {\n}",
        "journey \"J\" {\n  flow a\n  stage s {\n    owner a,\n    metric\n    touchpoint t { emotion; reach x; channel 1 }\n  }\n  persona p \"P\" \"Q\"\n  x y z\n  -> a\n}",
        "journey \"J\" {\n  stage s {\n",
    ];
    for source in sources {
        let diagnostics = errors(source);
        assert!(!diagnostics.is_empty());
        for d in diagnostics {
            let words = format!("{} {:?} {:?}", d.message, d.label, d.help);
            let tokens: Vec<&str> = words
                .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                .collect();
            for name in rule_names {
                assert!(!tokens.contains(&name), "{name} in {words}");
            }
        }
    }
}

#[test]
fn a_missing_touchpoint_brace_is_blamed_on_the_touchpoint() {
    let source = "journey \"J\" {\n  stage a {\n    touchpoint t {\n      emotion 1\n  }\n  stage b {\n  }\n}\n";
    let diagnostics = errors(source);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert!(diagnostics[0].message.contains("touchpoint block"));
    assert_eq!(diagnostics[0].span, Span::new(43, 44));
}

#[test]
fn an_unterminated_string_in_a_one_line_block_keeps_its_brace() {
    let source = "journey \"J\" {\n  stage a {\n    touchpoint t { action \"oops }\n    touchpoint u\n  }\n}\n";
    let diagnostics = errors(source);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0].message, "unterminated string");
}

#[test]
fn a_misspelled_journey_is_one_error() {
    let diagnostics = errors("jouney \"J\" {\n  stage s {\n    touchpiont t\n  }\n}\n");
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    assert_eq!(
        diagnostics[0].help.as_deref(),
        Some("did you mean `journey`?")
    );
    assert!(diagnostics[1].message.contains("touchpiont"));
}

#[test]
fn deep_nesting_is_an_error_not_a_crash() {
    let source = format!("journey \"J\" {{\n{}", "{".repeat(100_000));
    let diagnostics = errors(&source);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message == "blocks are nested too deeply")
    );
}

#[test]
fn each_syntax_fixture_has_exactly_one_syntax_error() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/invalid");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(Result::ok).map(|e| e.path()).collect())
        .unwrap_or_default();
    paths.retain(|p| {
        p.file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with("syntax-") && n.ends_with(".journey"))
    });
    paths.sort();
    assert!(paths.len() >= 10);
    for path in paths {
        let source = std::fs::read_to_string(&path).expect("a readable fixture");
        let diagnostics = errors(&source);
        assert_eq!(diagnostics.len(), 1, "{}: {diagnostics:#?}", path.display());
        let d = &diagnostics[0];
        eprintln!(
            "{}: {} [{}] label={:?} help={:?}",
            path.file_name().and_then(|n| n.to_str()).unwrap_or(""),
            d.message,
            text(&source, d.span),
            d.label,
            d.help
        );
    }
}

#[test]
fn invisible_characters_are_named() {
    let source = "journey \"J\" {\n  stage מודעות\u{200F} {\n  }\n}\n";
    let diagnostics = errors(source);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(
        diagnostics[0].label.as_deref(),
        Some("found an invisible character (U+200F)")
    );
}

#[test]
fn a_missing_open_brace_is_one_error() {
    let indented = "journey \"J\" {\n  stage a \"A\"\n    touchpoint t\n    touchpoint u { emotion 1 }\n  }\n  stage b {\n  }\n}\n";
    let diagnostics = errors(indented);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");
    assert_eq!(diagnostics[0].message, "expected '{'");
    assert_eq!(diagnostics[0].span, Span::new(27, 27));

    let both_missing =
        "journey \"J\" {\n  persona p \"P\"\n    goal \"g\"\n    need \"n\"\n  stage b {\n  }\n}\n";
    let diagnostics = errors(both_missing);
    assert_eq!(diagnostics.len(), 1, "{diagnostics:#?}");

    let brace_below = "journey \"J\"\n{\n  stage b\n  {\n  }\n}\n";
    let diagnostics = errors(brace_below);
    assert_eq!(diagnostics.len(), 2, "{diagnostics:#?}");
    assert!(diagnostics.iter().all(|d| d.message == "expected '{'"));
    assert!(
        diagnostics[0]
            .help
            .as_deref()
            .is_some_and(|h| h.contains("end of this line"))
    );

    // An optional block is not assumed when nothing points to one.
    let journey = ok(
        "journey {\n  stage s {\n    touchpoint t\n      # indented comment\n    touchpoint u\n  }\n}\n",
    );
    let JourneyStmt::Stage(stage) = &journey.body[0].kind else {
        panic!()
    };
    assert_eq!(stage.body.len(), 2);
}

#[test]
fn an_error_at_the_end_of_a_line_says_so() {
    // Trailing blanks and a comment after the last token.
    let source = "journey {\n  flow a ->   # oops\n}\n";
    let diagnostics = errors(source);
    assert_eq!(diagnostics.len(), 1);
    assert_eq!(diagnostics[0].message, "expected an identifier");
    assert_eq!(diagnostics[0].label.as_deref(), Some("found a comment"));
    assert_eq!(diagnostics[0].span, Span::new(21, 21));
}

#[test]
fn number_typos_get_a_hint() {
    for (statement, hint) in [
        ("reach 12,000", "separators"),
        ("metric drop 38 %", "right after"),
    ] {
        let source = format!("journey {{\n  stage s {{\n    {statement}\n  }}\n}}\n");
        let diagnostics = errors(&source);
        assert_eq!(diagnostics.len(), 1);
        assert!(
            diagnostics[0]
                .help
                .as_deref()
                .is_some_and(|h| h.contains(hint)),
            "{diagnostics:#?}"
        );
    }
}
