//! The layout's promises, checked on every example and on journeys built to
//! break it: no text overlaps another, every line stays inside its box,
//! every box inside the canvas, and labels are at least 12 px.

mod maps;

use cjm::layout::debug::{Box4, Boxes};
use cjm::model::{Direction, Journey};

const EPS: f32 = 0.5;

fn overlap(a: Box4, b: Box4) -> bool {
    a[0] + a[2] > b[0] + EPS
        && b[0] + b[2] > a[0] + EPS
        && a[1] + a[3] > b[1] + EPS
        && b[1] + b[3] > a[1] + EPS
}

fn inside(inner: Box4, outer: Box4) -> bool {
    inner[0] >= outer[0] - EPS
        && inner[1] >= outer[1] - EPS
        && inner[0] + inner[2] <= outer[0] + outer[2] + EPS
        && inner[1] + inner[3] <= outer[1] + outer[3] + EPS
}

fn check(name: &str, j: &Journey) -> Boxes {
    let b = cjm::layout::debug_boxes(j);
    let canvas = [0.0, 0.0, b.width, b.height];
    assert!(b.width > 0.0 && b.height > 0.0, "{name}: empty canvas");
    for t in &b.texts {
        assert!(
            inside(t.bbox, canvas),
            "{name}: text {:?} at {:?} leaves the canvas {:?}",
            t.text,
            t.bbox,
            canvas
        );
        assert!(
            t.font_size >= 12.0,
            "{name}: {:?} is smaller than 12 px",
            t.text
        );
        for line in &t.lines {
            assert!(
                inside(*line, t.bbox),
                "{name}: a line of {:?} ({line:?}) leaves its box {:?}",
                t.text,
                t.bbox
            );
        }
    }
    for (i, a) in b.texts.iter().enumerate() {
        for c in &b.texts[i + 1..] {
            assert!(
                !overlap(a.bbox, c.bbox),
                "{name}: {:?} {:?} overlaps {:?} {:?}",
                a.text,
                a.bbox,
                c.text,
                c.bbox
            );
        }
    }
    for (i, (id, a)) in b.cards.iter().enumerate() {
        assert!(inside(*a, canvas), "{name}: card {id} leaves the canvas");
        for (other, c) in &b.cards[i + 1..] {
            assert!(!overlap(*a, *c), "{name}: cards {id} and {other} overlap");
        }
    }
    b
}

fn mirrored(mut j: Journey) -> Journey {
    j.direction = match j.direction {
        Direction::Ltr => Direction::Rtl,
        Direction::Rtl => Direction::Ltr,
    };
    j
}

#[test]
fn hand_built_journeys_keep_the_layout_promises() {
    for (name, j) in maps::all() {
        check(&name, &j);
        check(&format!("{name} (mirrored)"), &mirrored(j));
    }
}

#[test]
fn example_and_fixture_files_keep_the_layout_promises() {
    for (name, j) in maps::files() {
        check(&name, &j);
    }
}

#[test]
fn long_text_is_wrapped_not_cut() {
    let j = maps::stress_long();
    let b = check("stress_long", &j);
    // Every word of the long title is drawn somewhere.
    let title = b
        .texts
        .iter()
        .find(|t| t.text.starts_with("This label"))
        .expect("the title is drawn");
    assert!(title.lines.len() > 1, "the long title wraps");
    let drawn: String = title.text.split(" / ").collect::<Vec<_>>().join(" ");
    assert_eq!(
        drawn.split_whitespace().collect::<Vec<_>>(),
        j.title.split_whitespace().collect::<Vec<_>>()
    );
}

#[test]
fn forty_touchpoints_get_forty_columns_in_order() {
    let b = check("stress_wide", &maps::stress_wide());
    assert_eq!(b.cards.len(), 40);
    for w in b.cards.windows(2) {
        assert!(w[0].1[0] < w[1].1[0], "cards run left to right");
    }
}

#[test]
fn an_empty_stage_still_gets_a_column() {
    let b = check("minimal", &maps::minimal());
    assert_eq!(b.stages.len(), 1);
    assert!(b.stages[0].1[2] >= 150.0, "the empty stage has width");
}

#[test]
fn rtl_mirrors_the_map() {
    let ltr = check("english", &maps::english());
    let rtl = check("english rtl", &mirrored(maps::english()));
    assert_eq!(ltr.width, rtl.width);
    let (first_ltr, first_rtl) = (ltr.stages[0].1, rtl.stages[0].1);
    assert!(first_ltr[0] + first_ltr[2] / 2.0 < ltr.width / 2.0);
    assert!(first_rtl[0] + first_rtl[2] / 2.0 > rtl.width / 2.0);
    // The lane headers move to the right edge.
    let lane = |b: &Boxes| {
        b.texts
            .iter()
            .find(|t| t.text == "Touchpoints")
            .map(|t| t.bbox[0])
            .unwrap()
    };
    assert!(lane(&ltr) < ltr.width / 4.0);
    assert!(lane(&rtl) > rtl.width * 3.0 / 4.0);
    // Cards keep map order from the right.
    for w in rtl.cards.windows(2) {
        assert!(w[0].1[0] > w[1].1[0]);
    }
}

#[test]
fn stages_are_as_wide_as_their_touchpoints() {
    let b = check("english", &maps::english());
    let widths: Vec<f32> = b.stages.iter().map(|s| s.1[2]).collect();
    // Awareness has two touchpoints, the others one.
    assert!((widths[0] - 2.0 * widths[1]).abs() < 1.0);
    assert!((widths[1] - widths[2]).abs() < 1.0);
}

#[test]
fn empty_lanes_are_left_out() {
    let svg = cjm::render::svg(&maps::minimal(), &Default::default());
    assert!(!svg.contains("data-lane=\"pains\""));
    assert!(!svg.contains("data-lane=\"emotion\""));
    let svg = cjm::render::svg(&maps::english(), &Default::default());
    assert!(svg.contains("data-lane=\"pains\""));
    assert!(!svg.contains("data-lane=\"insights\""));
}
