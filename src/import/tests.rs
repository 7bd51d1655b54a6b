use super::*;
use crate::diagnostic::Severity;

fn import(source: &str) -> Imported {
    mermaid(source, InputKind::Mermaid, "Untitled")
}

/// The one journey's text, with no error.
fn text(source: &str) -> String {
    let imported = import(source);
    assert!(!imported.has_errors(), "{:#?}", imported.diagnostics);
    assert_eq!(imported.journeys.len(), 1);
    imported.journeys[0].text.clone()
}

fn compiled(text: &str) -> crate::model::Journey {
    let compilation = crate::compile(text.as_bytes(), &Default::default());
    assert!(
        !compilation.has_errors(),
        "{text}\n{:#?}",
        compilation.diagnostics
    );
    compilation.journey.unwrap()
}

#[test]
fn sections_tasks_actors_and_scores_map_as_the_contract_says() {
    let journey = compiled(&text(
        "journey\n  title My working day\n  accDescr: A day\n  section Go to work\n    Make tea: 5: Me\n    Do work: 1: Me, Cat\n  section Go home\n    Sit down: 3: Cat\n",
    ));
    assert_eq!(journey.title, "My working day");
    assert_eq!(journey.description.as_deref(), Some("A day"));
    let personas: Vec<(&str, &str)> = journey
        .personas
        .iter()
        .map(|p| (p.id.as_str(), p.label.as_str()))
        .collect();
    assert_eq!(personas, [("me", "Me"), ("cat", "Cat")]);
    let stages: Vec<&str> = journey.stages.iter().map(|s| s.label.as_str()).collect();
    assert_eq!(stages, ["Go to work", "Go home"]);
    let work = &journey.stages[0].touchpoints[1];
    assert_eq!(work.label, "Do work");
    let scores: Vec<(Option<&str>, i8)> = work
        .emotions
        .iter()
        .map(|e| (e.persona.as_deref(), e.score))
        .collect();
    assert_eq!(scores, [(Some("me"), -2), (Some("cat"), -2)]);
    assert_eq!(journey.stages[0].touchpoints[0].emotions[0].score, 2);
    assert_eq!(journey.stages[1].touchpoints[0].emotions[0].score, 0);
}

#[test]
fn tasks_before_any_section_go_to_a_stage_named_after_the_title() {
    let journey = compiled(&text(
        "journey\ntitle Quick\nLook: 4\nsection Later\nGo: 2\n",
    ));
    assert_eq!(journey.stages[0].label, "Quick");
    assert_eq!(journey.stages[0].touchpoints[0].label, "Look");
    // No actor anywhere: emotions without persona.
    assert_eq!(journey.stages[0].touchpoints[0].emotions[0].persona, None);
    assert_eq!(journey.stages[0].touchpoints[0].emotions[0].score, 1);
}

#[test]
fn without_a_title_the_default_or_the_accessible_title_names_the_journey() {
    assert!(text("journey\nsection A\nx: 3\n").starts_with("journey \"Untitled\" {"));
    assert!(text("journey\naccTitle: Named\nx: 3\n").starts_with("journey \"Named\" {"));
}

#[test]
fn an_accessible_title_besides_the_title_is_a_warning_not_silence() {
    let imported = import("journey\ntitle A\naccTitle: B\nx: 3\n");
    assert_eq!(imported.journeys.len(), 1);
    let d = &imported.diagnostics[0];
    assert_eq!(d.code, "cjm::mermaid-not-carried");
    assert_eq!(d.severity, Severity::Warning);
    assert!(d.message.contains("accTitle"));
}

#[test]
fn scores_outside_one_to_five_are_clamped_and_fractions_rounded_with_a_warning() {
    let imported = import("journey\nsection S\na: 9: Me\nb: 0: Me\nc: 2.6: Me\n");
    let journey = compiled(&imported.journeys[0].text);
    let scores: Vec<i8> = journey.stages[0]
        .touchpoints
        .iter()
        .map(|t| t.emotions[0].score)
        .collect();
    assert_eq!(scores, [2, -2, 0]);
    let codes: Vec<&str> = imported
        .diagnostics
        .iter()
        .map(|d| d.code.as_str())
        .collect();
    assert_eq!(codes, ["cjm::mermaid-score"; 3]);
    assert!(imported.diagnostics[0].message.contains("outside 1–5"));
}

#[test]
fn a_score_that_is_not_a_number_is_an_error_at_the_score() {
    let source = "journey\nsection S\nTea: high: Me\n";
    let imported = import(source);
    assert!(imported.journeys.is_empty());
    let d = &imported.diagnostics[0];
    assert_eq!(d.code, "cjm::mermaid-syntax");
    assert_eq!(&source[d.span.start..d.span.end], "high");
}

#[test]
fn consecutive_tasks_of_one_name_for_other_actors_are_one_touchpoint() {
    let journey = compiled(&text(
        "journey\nsection S\nPay: 1: Ann\nPay: 4: Ben\nPay: 2: Ann\n",
    ));
    let touchpoints = &journey.stages[0].touchpoints;
    assert_eq!(touchpoints.len(), 2, "the second Ann is a new touchpoint");
    assert_eq!(touchpoints[0].emotions.len(), 2);
    assert_eq!(touchpoints[1].id, "pay_2");
}

#[test]
fn comments_are_carried_over_as_comments() {
    let text =
        text("journey\n%% before the section\nsection S\n# about tea\nTea: 5\n%% at the end\n");
    assert!(text.contains("# before the section\n  stage s"), "{text}");
    assert!(text.contains("# about tea\n    touchpoint tea"), "{text}");
    assert!(text.contains("# at the end"), "{text}");
}

#[test]
fn with_one_actor_a_task_without_actors_is_hers() {
    let journey = compiled(&text("journey\nsection S\na: 5: Me\nb: 1\n"));
    let b = &journey.stages[0].touchpoints[1];
    assert_eq!(b.emotions[0].persona.as_deref(), Some("me"));
    assert_eq!(b.emotions[0].score, -2);
}

#[test]
fn with_several_actors_a_task_without_actors_keeps_its_score_in_a_comment() {
    let imported = import("journey\nsection S\na: 5: Ann, Ben\nb: 2\n");
    let text = &imported.journeys[0].text;
    assert!(text.contains("# Mermaid score 2 for no actor"), "{text}");
    let journey = compiled(text);
    assert!(journey.stages[0].touchpoints[1].emotions.is_empty());
    assert!(
        imported
            .diagnostics
            .iter()
            .any(|d| d.message.contains("task `b` has no actor"))
    );
}

#[test]
fn an_actor_twice_in_a_task_and_fields_after_the_actors_are_warnings() {
    let imported = import("journey\nsection S\na: 5: Ann, Ann: later\n");
    let messages: Vec<&str> = imported
        .diagnostics
        .iter()
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(messages.len(), 2, "{messages:?}");
    assert!(messages.iter().any(|m| m.contains("listed twice")));
    assert!(messages.iter().any(|m| m.contains("`later`")));
    assert_eq!(
        compiled(&imported.journeys[0].text).stages[0].touchpoints[0]
            .emotions
            .len(),
        1
    );
}

#[test]
fn the_output_is_canonical_text() {
    let text = text("journey\ntitle T\nsection S\n  Tea: 5: Me\n");
    assert_eq!(crate::format::format(&text).unwrap(), text);
}

#[test]
fn markdown_blocks_become_one_journey_each_and_other_diagrams_are_skipped() {
    let md = "# Maps\n\n```mermaid\njourney\ntitle One\nsection A\nx: 3\n```\n\n```mermaid\nflowchart LR\n  a --> b\n```\n\n```mermaid\njourney\nsection B\ny: 4\n```\n";
    let imported = mermaid(md, InputKind::Markdown, "notes");
    assert!(!imported.has_errors(), "{:#?}", imported.diagnostics);
    assert_eq!(imported.skipped, 1);
    let titles: Vec<&str> = imported.journeys.iter().map(|j| j.title.as_str()).collect();
    assert_eq!(titles, ["One", "notes 2"]);
}

#[test]
fn a_broken_block_is_an_error_at_its_line_in_the_markdown_file() {
    let md = "Intro\n\n```mermaid\njourney\nsection A\n  Make tea\n```\n";
    let imported = mermaid(md, InputKind::Markdown, "notes");
    assert!(imported.journeys.is_empty());
    let d = &imported.diagnostics[0];
    assert_eq!(crate::diagnostic::line_col(md, d.span.start), (6, 3));
    // A misspelt `journey` is reported, not skipped as another diagram.
    let imported = mermaid("```mermaid\njourny\nx: 3\n```\n", InputKind::Markdown, "n");
    assert!(
        imported.diagnostics[0]
            .message
            .contains("expected `journey`")
    );
}

#[test]
fn the_kind_of_input_comes_from_the_extension_or_the_content() {
    assert_eq!(
        InputKind::detect(Some("md"), "journey"),
        InputKind::Markdown
    );
    assert_eq!(InputKind::detect(Some("mmd"), "```"), InputKind::Mermaid);
    assert_eq!(
        InputKind::detect(None, "%% x\njourney\n"),
        InputKind::Mermaid
    );
    assert_eq!(
        InputKind::detect(Some("txt"), "# x\n```mermaid\n"),
        InputKind::Markdown
    );
}

#[test]
fn file_names_come_from_titles_and_are_unique() {
    let mut names = FileNames::default();
    assert_eq!(names.make("My working day"), "my-working-day.journey");
    assert_eq!(names.make("my working day"), "my-working-day-2.journey");
    assert_eq!(names.make("1 ../../etc"), "1-etc.journey");
    assert_eq!(names.make("סיור"), "סיור.journey");
}

mod round_trip {
    use super::*;
    use proptest::prelude::*;

    /// A name as people write them in Mermaid: words in a few scripts.
    fn name() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                "[A-Za-z][a-z]{0,6}",
                "[א-ת]{1,5}",
                "[آ-ی]{1,5}",
                "[0-9]{1,2}",
                Just("Me".to_string()),
            ],
            1..4,
        )
        .prop_map(|words| words.join(" "))
    }

    fn diagram() -> impl Strategy<Value = String> {
        let actors = proptest::collection::vec(name(), 0..3);
        let task = (name(), 1..=5u8, actors);
        let section = (name(), proptest::collection::vec(task, 0..4));
        (
            proptest::option::of(name()),
            proptest::collection::vec(section, 1..4),
        )
            .prop_map(|(title, sections)| {
                let mut out = String::from("journey\n");
                if let Some(title) = title {
                    out.push_str(&format!("  title {title}\n"));
                }
                for (section, tasks) in sections {
                    out.push_str(&format!("  section {section}\n"));
                    for (task, score, actors) in tasks {
                        if actors.is_empty() {
                            out.push_str(&format!("    {task}: {score}\n"));
                        } else {
                            out.push_str(&format!("    {task}: {score}: {}\n", actors.join(", ")));
                        }
                    }
                }
                out
            })
    }

    fn once(text: &str) -> String {
        let journey = compiled(text);
        let mermaid = crate::render::mermaid(&journey);
        let imported = import(&mermaid);
        assert!(
            !imported.has_errors(),
            "{mermaid}\n{:#?}",
            imported.diagnostics
        );
        imported.journeys[0].text.clone()
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// import → export → import gives the same text (after the first
        /// import has settled what the language cannot say).
        #[test]
        fn import_export_import_is_stable(source in diagram()) {
            let imported = import(&source);
            prop_assert!(!imported.has_errors(), "{:#?}", imported.diagnostics);
            let first = &imported.journeys[0].text;
            let second = once(first);
            let lossless = imported.diagnostics.is_empty();
            if lossless {
                prop_assert_eq!(first, &second);
            }
            let third = once(&second);
            prop_assert_eq!(second, third);
        }
    }
}
