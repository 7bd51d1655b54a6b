//! What valid text parses into.

use super::*;

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
            JourneyStmt::Lane(_) => "lane",
            JourneyStmt::Lanes(_) => "lanes",
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
fn lane_statements_parse_into_their_parts() {
    let journey = ok(
        "journey \"J\" {\n  lane effort \"Effort\" score -2..2.5\n  lane notes text\n  lane systems\n  lanes touchpoints, effort\n  stage s {\n    support \"Stock\"\n    lane systems \"ERP\"\n    touchpoint t { backstage \"Books\"; lane effort 2 \"Low\"; lane effort 1.5 }\n  }\n}\n",
    );
    let JourneyStmt::Lane(effort) = &journey.body[0].kind else {
        panic!("{:?}", journey.body[0]);
    };
    assert_eq!(effort.id.text, "effort");
    assert_eq!(
        effort.label.as_ref().map(|l| l.value.as_str()),
        Some("Effort")
    );
    let Some(LaneKind::Score { min, max, .. }) = &effort.kind else {
        panic!("{effort:?}");
    };
    assert_eq!((min.value, max.value), (-2.0, 2.5));
    assert!(
        matches!(&journey.body[1].kind, JourneyStmt::Lane(l) if matches!(l.kind, Some(LaneKind::Text(_))))
    );
    assert!(
        matches!(&journey.body[2].kind, JourneyStmt::Lane(l) if l.kind.is_none() && l.label.is_none())
    );
    let JourneyStmt::Lanes(names) = &journey.body[3].kind else {
        panic!("{:?}", journey.body[3]);
    };
    assert_eq!(
        names.iter().map(|n| n.text.as_str()).collect::<Vec<_>>(),
        ["touchpoints", "effort"]
    );
    let JourneyStmt::Stage(stage) = &journey.body[4].kind else {
        panic!();
    };
    assert!(
        matches!(&stage.body[0].kind, StageStmt::Blueprint(Blueprint::Support, s) if s.value == "Stock")
    );
    assert!(
        matches!(&stage.body[1].kind, StageStmt::Lane(LaneEntry { lane, value: LaneValue::Text(t) }) if lane.text == "systems" && t.value == "ERP")
    );
    let StageStmt::Touchpoint(tp) = &stage.body[2].kind else {
        panic!();
    };
    let body = tp.body.as_ref().unwrap();
    assert!(matches!(
        &body[0].kind,
        TouchpointStmt::Blueprint(Blueprint::Backstage, _)
    ));
    assert!(
        matches!(&body[1].kind, TouchpointStmt::Lane(LaneEntry { value: LaneValue::Score { score, label: Some(l) }, .. }) if score.value == 2.0 && l.value == "Low")
    );
    assert!(
        matches!(&body[2].kind, TouchpointStmt::Lane(LaneEntry { value: LaneValue::Score { score, label: None }, .. }) if score.raw == "1.5")
    );
}
