//! Parser behaviour: the AST of the spec's example, recovery, spans and
//! messages.

use super::ast::*;
use super::parse;
use crate::diagnostic::{Diagnostic, Span};

const SPEC_EXAMPLE: &str = include_str!("spec_example.journey");

fn ok(source: &str) -> Journey {
    let (file, diagnostics) = parse(source);
    assert!(
        diagnostics.is_empty(),
        "unexpected errors: {diagnostics:#?}"
    );
    file.journey.expect("a journey")
}

fn errors(source: &str) -> Vec<Diagnostic> {
    let (_, diagnostics) = parse(source);
    assert!(diagnostics.iter().all(|d| d.code == "cjm::syntax"));
    diagnostics
}

fn text(source: &str, span: Span) -> &str {
    &source[span.start..span.end]
}

#[test]
fn the_spec_example_parses_into_the_expected_shape() {
    let journey = ok(SPEC_EXAMPLE);
    assert_eq!(
        journey.title.as_ref().map(|t| t.value.as_str()),
        Some("Organic produce, online first")
    );
    assert_eq!(text(SPEC_EXAMPLE, journey.keyword), "journey");
    let kinds: Vec<&str> = journey
        .body
        .iter()
        .map(|s| match &s.kind {
            JourneyStmt::Lang(_) => "lang",
            JourneyStmt::Direction(_) => "direction",
            JourneyStmt::Description(_) => "description",
            JourneyStmt::Allow(_) => "allow",
            JourneyStmt::Deny(_) => "deny",
            JourneyStmt::Persona(_) => "persona",
            JourneyStmt::Team(_) => "team",
            JourneyStmt::Channel(_) => "channel",
            JourneyStmt::Stage(_) => "stage",
            JourneyStmt::Flow(_) => "flow",
        })
        .collect();
    assert_eq!(
        kinds,
        [
            "lang",
            "description",
            "persona",
            "team",
            "team",
            "team",
            "channel",
            "channel",
            "channel",
            "channel",
            "stage",
            "stage",
            "stage",
            "flow",
            "flow",
            "flow"
        ]
    );
    // Every statement's span starts at its keyword and covers its block.
    for s in &journey.body {
        assert_eq!(s.keyword.start, s.span.start);
        assert!(!text(SPEC_EXAMPLE, s.span).ends_with('\n'));
    }

    let JourneyStmt::Lang(lang) = &journey.body[0].kind else {
        panic!()
    };
    assert_eq!(lang.text, "en");
    assert_eq!(text(SPEC_EXAMPLE, lang.span), "en");

    let JourneyStmt::Persona(persona) = &journey.body[2].kind else {
        panic!()
    };
    assert_eq!(persona.id.text, "michal");
    assert_eq!(
        persona.label.as_ref().map(|l| l.value.as_str()),
        Some("Michal")
    );
    let body = persona.body.as_ref().expect("a persona block");
    assert!(
        matches!(&body[0].kind, PersonaStmt::Description(d) if d.value == "Married + 2, architect from Ra'anana")
    );
    assert!(matches!(&body[1].kind, PersonaStmt::Goal(_)));
    assert!(matches!(&body[2].kind, PersonaStmt::Frustration(_)));
    assert_eq!(
        text(SPEC_EXAMPLE, journey.body[2].span).lines().last(),
        Some("  }")
    );

    let JourneyStmt::Channel(pickup) = &journey.body[9].kind else {
        panic!()
    };
    assert_eq!(pickup.id.text, "pickup");
    assert_eq!(
        pickup.mode.as_ref().map(|m| m.text.as_str()),
        Some("offline")
    );

    let JourneyStmt::Stage(awareness) = &journey.body[10].kind else {
        panic!()
    };
    assert_eq!(awareness.id.text, "awareness");
    assert!(
        matches!(&awareness.body[0].kind, StageStmt::Owner(o) if o.len() == 1 && o[0].text == "marketing")
    );
    assert!(
        matches!(&awareness.body[1].kind, StageStmt::Reach(n) if n.value == 12000.0 && n.integer && !n.percent)
    );
    let StageStmt::Touchpoint(waze) = &awareness.body[2].kind else {
        panic!()
    };
    assert_eq!(waze.id.text, "waze_pin");
    let waze_body = waze.body.as_ref().expect("a touchpoint block");
    assert!(matches!(&waze_body[0].kind, TouchpointStmt::Channel(c) if c.text == "waze"));
    assert!(matches!(&waze_body[1].kind, TouchpointStmt::Action(_)));
    assert!(matches!(&waze_body[2].kind, TouchpointStmt::Emotion(e)
        if e.persona.is_none() && e.score.value == 1.0 && e.label.as_ref().is_some_and(|l| l.value == "Curious")));
    assert!(matches!(&waze_body[3].kind, TouchpointStmt::Thought(_)));

    let JourneyStmt::Stage(purchase) = &journey.body[11].kind else {
        panic!()
    };
    let StageStmt::Touchpoint(checkout) = &purchase.body[2].kind else {
        panic!()
    };
    let checkout = checkout.body.as_ref().expect("a block");
    assert!(
        matches!(&checkout[2].kind, TouchpointStmt::Emotion(e) if e.score.value == -2.0 && e.score.raw == "-2")
    );
    assert!(matches!(&checkout[3].kind, TouchpointStmt::Pain(_)));
    assert!(matches!(&checkout[4].kind, TouchpointStmt::Opportunity(_)));
    assert!(
        matches!(&checkout[5].kind, TouchpointStmt::MomentOfTruth(Some(n)) if n.value == "Pays or abandons the basket")
    );
    assert!(matches!(&checkout[6].kind, TouchpointStmt::Metric(m)
        if m.name.text == "abandonment" && m.value.value == 38.0 && m.value.percent && m.value.raw == "38%"));

    let JourneyStmt::Stage(retention) = &journey.body[12].kind else {
        panic!()
    };
    let StageStmt::Touchpoint(magnet) = &retention.body[1].kind else {
        panic!()
    };
    assert!(
        matches!(&magnet.body.as_ref().expect("a block")[2].kind, TouchpointStmt::Link(l) if l.value.starts_with("https://"))
    );

    let JourneyStmt::Flow(flow) = &journey.body[13].kind else {
        panic!()
    };
    let points: Vec<&str> = flow.points.iter().map(|p| p.text.as_str()).collect();
    assert_eq!(points, ["waze_pin", "checkout", "magnet"]);
    assert!(flow.label.is_none());
    let JourneyStmt::Flow(flow) = &journey.body[15].kind else {
        panic!()
    };
    assert_eq!(
        flow.label.as_ref().map(|l| l.value.as_str()),
        Some("Brings a friend")
    );
    assert_eq!(
        text(
            SPEC_EXAMPLE,
            flow.label.as_ref().map(|l| l.span).unwrap_or_default()
        ),
        "\"Brings a friend\""
    );

    let (file, _) = parse(SPEC_EXAMPLE);
    assert_eq!(file.comments.len(), 1);
    assert_eq!(
        file.comments[0].text,
        " Michal buys organic vegetables online"
    );
}

#[test]
fn statements_end_at_semicolons_and_closing_braces() {
    let source = "journey \"J\" {\n  stage s {\n    touchpoint a \"A\" { channel web; emotion 1 }\n    touchpoint b\n  }\n}\n";
    let journey = ok(source);
    let JourneyStmt::Stage(stage) = &journey.body[0].kind else {
        panic!()
    };
    let StageStmt::Touchpoint(a) = &stage.body[0].kind else {
        panic!()
    };
    let body = a.body.as_ref().expect("a block");
    assert_eq!(body.len(), 2);
    assert_eq!(text(source, body[0].span), "channel web");
    assert_eq!(text(source, body[1].span), "emotion 1");
    let StageStmt::Touchpoint(b) = &stage.body[1].kind else {
        panic!()
    };
    assert!(b.body.is_none() && b.label.is_none());
}

#[test]
fn every_optional_part_is_optional() {
    let source = "journey {\n  persona p\n  team t\n  channel c\n  channel d offline\n  allow empty-stage no-owner\n  deny open-journey\n  direction rtl\n  stage s {\n    owner t, u,v\n    metric nps +4.5\n    touchpoint x {\n      emotion p +1\n      moment_of_truth\n      reach 12\n    }\n  }\n  flow s -> x -> s\n}";
    let journey = ok(source);
    assert!(journey.title.is_none());
    assert!(
        matches!(&journey.body[0].kind, JourneyStmt::Persona(p) if p.label.is_none() && p.body.is_none())
    );
    assert!(
        matches!(&journey.body[2].kind, JourneyStmt::Channel(c) if c.mode.is_none() && c.label.is_none())
    );
    assert!(
        matches!(&journey.body[3].kind, JourneyStmt::Channel(c) if c.mode.as_ref().is_some_and(|m| m.text == "offline"))
    );
    assert!(
        matches!(&journey.body[4].kind, JourneyStmt::Allow(l) if l.len() == 2 && l[0].text == "empty-stage")
    );
    assert!(matches!(&journey.body[5].kind, JourneyStmt::Deny(l) if l.len() == 1));
    assert!(matches!(&journey.body[6].kind, JourneyStmt::Direction(d) if d.text == "rtl"));
    let JourneyStmt::Stage(stage) = &journey.body[7].kind else {
        panic!()
    };
    assert!(
        matches!(&stage.body[0].kind, StageStmt::Owner(o) if o.iter().map(|w| w.text.as_str()).collect::<Vec<_>>() == ["t", "u", "v"])
    );
    assert!(
        matches!(&stage.body[1].kind, StageStmt::Metric(m) if m.value.value == 4.5 && !m.value.integer && m.value.raw == "+4.5")
    );
    let StageStmt::Touchpoint(x) = &stage.body[2].kind else {
        panic!()
    };
    let body = x.body.as_ref().expect("a block");
    assert!(
        matches!(&body[0].kind, TouchpointStmt::Emotion(e) if e.persona.as_ref().is_some_and(|p| p.text == "p") && e.score.value == 1.0)
    );
    assert!(matches!(&body[1].kind, TouchpointStmt::MomentOfTruth(None)));
    assert!(matches!(&journey.body[8].kind, JourneyStmt::Flow(f) if f.points.len() == 3));
}

#[test]
fn semantic_problems_still_parse() {
    // Ranges, signs and unknown words are for `resolve` to judge.
    let source = "journey \"J\" {\n  direction sideways\n  stage s {\n    reach -5\n    touchpoint t { emotion 1.5; emotion 7; metric m 250% }\n  }\n}";
    let journey = ok(source);
    let JourneyStmt::Stage(stage) = &journey.body[1].kind else {
        panic!()
    };
    assert!(matches!(&stage.body[0].kind, StageStmt::Reach(n) if n.value == -5.0));
    let StageStmt::Touchpoint(t) = &stage.body[1].kind else {
        panic!()
    };
    let body = t.body.as_ref().expect("a block");
    assert!(
        matches!(&body[0].kind, TouchpointStmt::Emotion(e) if e.score.value == 1.5 && !e.score.integer)
    );
    assert!(matches!(&body[1].kind, TouchpointStmt::Emotion(e) if e.score.value == 7.0));
}

#[test]
fn strings_are_unescaped() {
    let source = "journey \"a \\\"b\\\" \\\\ \\n\\t\\u{1F600}\" {\n}";
    let journey = ok(source);
    assert_eq!(
        journey.title.map(|t| t.value).as_deref(),
        Some("a \"b\" \\ \n\t\u{1F600}")
    );
}

#[test]
fn hebrew_and_persian_identifiers_have_exact_spans() {
    // Persian words hold a zero-width non-joiner (U+200C) and marks.
    let source = "journey \"מסע\" {\n  stage מודעות \"מודעות\" {\n    touchpoint می\u{200C}خواهم \"خرید\"\n  }\n  stage آگاهی {\n  }\n  flow می\u{200C}خواهم -> מודעות\n}\n";
    let journey = ok(source);
    let JourneyStmt::Stage(first) = &journey.body[0].kind else {
        panic!()
    };
    assert_eq!(first.id.text, "מודעות");
    assert_eq!(text(source, first.id.span), "מודעות");
    let StageStmt::Touchpoint(t) = &first.body[0].kind else {
        panic!()
    };
    assert_eq!(t.id.text, "می\u{200C}خواهم");
    assert_eq!(text(source, t.id.span), "می\u{200C}خواهم");
    assert_eq!(
        text(source, t.label.as_ref().map(|l| l.span).unwrap_or_default()),
        "\"خرید\""
    );
    let JourneyStmt::Stage(second) = &journey.body[1].kind else {
        panic!()
    };
    assert_eq!(second.id.text, "آگاهی");
    let JourneyStmt::Flow(flow) = &journey.body[2].kind else {
        panic!()
    };
    for point in &flow.points {
        assert!(
            source.is_char_boundary(point.span.start) && source.is_char_boundary(point.span.end)
        );
    }
    assert_eq!(text(source, flow.points[1].span), "מודעות");
}

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
fn bom_and_crlf_are_accepted() {
    let source =
        "\u{FEFF}journey \"J\" {\r\n  stage s \"S\" { # note\r\n    touchpoint t\r\n  }\r\n}\r\n";
    let journey = ok(source);
    assert_eq!(text(source, journey.keyword), "journey");
    let JourneyStmt::Stage(stage) = &journey.body[0].kind else {
        panic!()
    };
    assert_eq!(stage.label.as_ref().map(|l| l.value.as_str()), Some("S"));
    assert_eq!(text(source, stage.body[0].span), "touchpoint t");
    let (file, _) = parse(source);
    assert_eq!(file.comments[0].text, " note");
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
fn identifiers_take_marks_digits_and_joiners() {
    // Hebrew with niqqud (combining marks), Persian digits, ZWNJ, `-` and `_`.
    let source = "journey {\n  team שָׁלוֹם\n  team گام۲\n  team نمی\u{200C}دانم\n  team web-shop_2\n  stage _s {\n  }\n}\n";
    let journey = ok(source);
    let ids: Vec<&str> = journey
        .body
        .iter()
        .filter_map(|s| match &s.kind {
            JourneyStmt::Team(t) => Some(t.id.text.as_str()),
            _ => None,
        })
        .collect();
    assert_eq!(ids, ["שָׁלוֹם", "گام۲", "نمی\u{200C}دانم", "web-shop_2"]);
    let diagnostics = errors("journey {\n  team 2nd\n}\n");
    assert_eq!(diagnostics[0].message, "expected an identifier");
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
