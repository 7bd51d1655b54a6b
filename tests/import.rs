//! `cjm import mermaid` and `cjm build --format mermaid` (cli.md "v1.1:
//! `cjm import` and the Mermaid format").

#[path = "cli/support.rs"]
mod support;

use std::path::Path;

use cjm::import::{InputKind, mermaid};
use cjm::model::Journey;
use support::*;

fn compile_clean(text: &str) -> Journey {
    let compilation = cjm::compile(text.as_bytes(), &Default::default());
    assert!(
        !compilation.has_errors(),
        "{text}\n{:#?}",
        compilation.diagnostics
    );
    compilation.journey.unwrap()
}

fn import_file(path: &Path) -> (String, cjm::import::Imported) {
    let source = std::fs::read_to_string(path).unwrap();
    let extension = path.extension().and_then(|e| e.to_str());
    let stem = path.file_stem().unwrap().to_str().unwrap();
    let imported = mermaid(&source, InputKind::detect(extension, &source), stem);
    (source, imported)
}

/// Each fixture: the `.journey` text it becomes and the diagnostics of
/// the import, as a user sees them; every imported journey compiles.
#[test]
fn fixtures_import_to_reviewed_journeys_that_compile() {
    insta::glob!("fixtures/mermaid/*.mmd", |path| {
        let (source, imported) = import_file(path);
        let name = path.file_name().unwrap().to_string_lossy();
        let report = cjm::report::human(&name, &source, &imported.diagnostics, false);
        let mut snapshot = String::new();
        for journey in &imported.journeys {
            compile_clean(&journey.text);
            snapshot.push_str(&journey.text);
        }
        if !report.is_empty() {
            snapshot.push_str("\n---- diagnostics\n");
            snapshot.push_str(&report);
        }
        assert!(!imported.has_errors(), "{report}");
        insta::assert_snapshot!(snapshot);
    });
}

/// (persona label or none, emotion score) of a touchpoint, sorted.
fn feelings(journey: &Journey, touchpoint: &cjm::model::Touchpoint) -> Vec<(String, i8)> {
    let mut out: Vec<(String, i8)> = touchpoint
        .emotions
        .iter()
        .map(|e| {
            let label = e.persona.as_ref().map_or(String::new(), |id| {
                journey
                    .personas
                    .iter()
                    .find(|p| &p.id == id)
                    .unwrap()
                    .label
                    .clone()
            });
            (label, e.score)
        })
        .collect();
    out.sort();
    out
}

/// Export → import of every example keeps its stages, touchpoints,
/// personas and scores.
#[test]
fn every_example_survives_export_and_import() {
    let mut seen = 0;
    for entry in std::fs::read_dir("examples").unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "journey") {
            continue;
        }
        seen += 1;
        let original = compile_clean(&std::fs::read_to_string(&path).unwrap());
        let exported = cjm::render::mermaid(&original);
        let imported = mermaid(&exported, InputKind::Mermaid, "x");
        assert!(
            !imported.has_errors(),
            "{}: {:#?}",
            path.display(),
            imported.diagnostics
        );
        let back = compile_clean(&imported.journeys[0].text);
        let what = path.display();
        assert_eq!(back.title, original.title, "{what}");
        let labels = |j: &Journey| {
            j.personas
                .iter()
                .map(|p| p.label.clone())
                .collect::<Vec<_>>()
        };
        // Personas without any emotion have no actor to carry them.
        let felt: Vec<String> = original
            .personas
            .iter()
            .filter(|p| {
                original
                    .stages
                    .iter()
                    .flat_map(|s| &s.touchpoints)
                    .flat_map(|t| &t.emotions)
                    .any(|e| e.persona.as_ref() == Some(&p.id))
            })
            .map(|p| p.label.clone())
            .collect();
        assert_eq!(labels(&back), felt, "{what}");
        assert_eq!(back.stages.len(), original.stages.len(), "{what}");
        for (old, new) in original.stages.iter().zip(&back.stages) {
            assert_eq!(new.label, old.label, "{what}");
            let names = |s: &cjm::model::Stage| {
                s.touchpoints
                    .iter()
                    .map(|t| t.label.clone())
                    .collect::<Vec<_>>()
            };
            assert_eq!(names(new), names(old), "{what}");
            for (a, b) in old.touchpoints.iter().zip(&new.touchpoints) {
                assert_eq!(
                    feelings(&back, b),
                    feelings(&original, a),
                    "{what}: {}",
                    a.label
                );
            }
        }
    }
    assert!(seen >= 6, "the examples were found");
}

#[test]
fn build_format_mermaid_writes_a_diagram_with_its_losses_listed() {
    let dir = tree(&[(
        "tacos.journey",
        &std::fs::read_to_string("examples/vivan-los-tacos.journey").unwrap(),
    )]);
    cjm_in(
        dir.path(),
        &["build", "tacos.journey", "--format", "mermaid"],
    )
    .code(0);
    insta::assert_snapshot!(read(dir.path(), "tacos.mmd"));
}

#[test]
fn import_writes_stdout_a_file_or_a_folder() {
    let dir = tree(&[(
        "day.mmd",
        "journey\n  title My day\n  section Morning\n    Wake up: 2: Me\n",
    )]);
    let run = cjm_in(dir.path(), &["import", "mermaid", "day.mmd"]);
    run.code(0).stderr_has("note: `cjm check` will warn");
    assert!(
        run.stdout.starts_with("journey \"My day\" {"),
        "{}",
        run.stdout
    );
    cjm_in(
        dir.path(),
        &["import", "mermaid", "day.mmd", "-o", "day.journey"],
    )
    .code(0);
    assert_eq!(read(dir.path(), "day.journey"), run.stdout);
    std::fs::create_dir(dir.path().join("maps")).unwrap();
    cjm_in(dir.path(), &["import", "mermaid", "day.mmd", "-o", "maps"]).code(0);
    assert_eq!(read(dir.path(), "maps/my-day.journey"), run.stdout);
    cjm_stdin(
        dir.path(),
        &["import", "mermaid", "-"],
        &read(dir.path(), "day.mmd"),
    )
    .code(0);
    cjm_in(dir.path(), &["check", "day.journey", "maps"]).code(0);
}

#[test]
fn a_markdown_file_becomes_a_folder_of_journeys_that_build() {
    let notes = std::fs::read_to_string("tests/fixtures/mermaid/notes.md").unwrap();
    let dir = tree(&[("notes.md", &notes)]);
    cjm_in(dir.path(), &["import", "mermaid", "notes.md"])
        .code(2)
        .stderr_has("pass `-o DIR`");
    assert_eq!(
        listing(dir.path()),
        ["notes.md"],
        "nothing written without -o"
    );
    cjm_in(dir.path(), &["import", "mermaid", "notes.md", "-o", "maps"])
        .code(0)
        .stderr_has("skipped 1 Mermaid block that is not a journey");
    assert_eq!(
        listing(&dir.path().join("maps")),
        ["cancelling.journey", "signing-up.journey"]
    );
    cjm_in(dir.path(), &["build", "maps", "--format", "svg"]).code(0);
    assert!(dir.path().join("maps/signing-up.svg").is_file());
}

#[test]
fn a_broken_block_is_reported_at_its_markdown_line_and_the_others_are_written() {
    let broken = std::fs::read_to_string("tests/fixtures/mermaid/broken.md").unwrap();
    let dir = tree(&[("broken.md", &broken)]);
    let run = cjm_in(dir.path(), &["import", "mermaid", "broken.md", "-o", "out"]);
    run.code(1)
        .stderr_has("cjm::mermaid-syntax")
        .stderr_has("[broken.md:19:5]")
        .stderr_has("the task `This task has no score` has no score")
        .stderr_has("skipped 1 Mermaid block that is not a journey");
    assert_eq!(
        listing(&dir.path().join("out")),
        ["also-fine.journey", "fine.journey"]
    );
    let json = cjm_in(
        dir.path(),
        &[
            "import",
            "mermaid",
            "broken.md",
            "-o",
            "out",
            "--diagnostics",
            "json",
        ],
    );
    let line: serde_json::Value =
        serde_json::from_str(json.stderr.lines().next().unwrap()).unwrap();
    assert_eq!(line["file"], "broken.md");
    assert_eq!(line["line"], 19);
}

#[test]
fn a_file_that_is_not_a_journey_is_an_error_and_bad_paths_are_usage_errors() {
    let dir = tree(&[("flow.mmd", "flowchart LR\n  a --> b\n")]);
    cjm_in(dir.path(), &["import", "mermaid", "flow.mmd"])
        .code(1)
        .stderr_has("expected `journey`, found `flowchart`");
    cjm_in(dir.path(), &["import", "mermaid", "missing.mmd"])
        .code(2)
        .stderr_has("cannot read `missing.mmd`");
    cjm_in(
        dir.path(),
        &["import", "mermaid", "flow.mmd", "-o", "flow.mmd"],
    )
    .code(1);
    assert_eq!(read(dir.path(), "flow.mmd"), "flowchart LR\n  a --> b\n");
    cjm_in(dir.path(), &["import", "mermid", "flow.mmd"]).code(2);
}

#[test]
fn importing_never_overwrites_its_own_input() {
    let dir = tree(&[("day.journey", "journey\n  section A\n    x: 3\n")]);
    cjm_in(
        dir.path(),
        &["import", "mermaid", "day.journey", "-o", "day.journey"],
    )
    .code(2)
    .stderr_has("would overwrite the input");
    assert_eq!(
        read(dir.path(), "day.journey"),
        "journey\n  section A\n    x: 3\n"
    );
}
