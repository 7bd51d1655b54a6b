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
    check_boxes(name, cjm::layout::debug_boxes(j))
}

fn check_boxes(name: &str, b: Boxes) -> Boxes {
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
    // Shapes may reach a stroke's half width past the edge, no more.
    let margin = [-2.0, -2.0, b.width + 4.0, b.height + 4.0];
    for shape in &b.shapes {
        assert!(
            inside(*shape, margin),
            "{name}: shape {shape:?} leaves the canvas"
        );
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

/// The maps of `cjm diff --format svg` (tags, removed notes, old curves
/// added to the new map) keep the same promises.
#[test]
fn diff_maps_keep_the_layout_promises() {
    let compile = |p: &std::path::Path| {
        let c = cjm::compile(&std::fs::read(p).unwrap(), &Default::default());
        c.journey.unwrap()
    };
    let mut pairs: Vec<(String, Journey, Journey)> = Vec::new();
    let mut dirs: Vec<_> = std::fs::read_dir("tests/fixtures/diff")
        .unwrap()
        .map(|d| d.unwrap().path())
        .collect();
    dirs.sort();
    assert!(!dirs.is_empty());
    for dir in dirs {
        let name = dir.display().to_string();
        pairs.push((
            name,
            compile(&dir.join("old.journey")),
            compile(&dir.join("new.journey")),
        ));
    }
    for (name, old, new) in pairs {
        let diff = cjm::diff::Diff::of(
            cjm::diff::Side {
                file: None,
                journey: Some(&old),
            },
            cjm::diff::Side {
                file: None,
                journey: Some(&new),
            },
        );
        let boxes = cjm::diff::debug_boxes(&diff).unwrap();
        check_boxes(&name, boxes);
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
fn degenerate_models_do_not_panic() {
    // The resolver rejects these, but a hand-built model must not crash us.
    let mut j = maps::journey("No stages", vec![]);
    check("no stages", &j);
    j.stages = vec![maps::stage("s", "S", vec![maps::tp("t", "T")])];
    j.stages[0].touchpoints[0].emotions = vec![maps::emotion(Some("nobody"), 9, None)];
    j.stages[0].touchpoints[0].link = Some("javascript:alert(1)".into());
    j.stages[0].reach = Some(0);
    j.flows = vec![
        maps::flow("t", "nowhere", None, false),
        maps::flow("t", "t", None, true),
    ];
    j.funnel = vec![cjm::model::FunnelStep {
        from: "s".into(),
        to: "s".into(),
        conversion: f64::NAN,
        drop: f64::INFINITY,
    }];
    check("odd values", &j);
    let svg = cjm::render::svg(&j, &Default::default());
    assert!(!svg.contains("javascript"));
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

mod generated {
    use super::maps::*;
    use cjm::model::{Direction, Journey, MomentOfTruth};
    use proptest::prelude::*;

    /// Labels mixing scripts, digits, punctuation and long words.
    fn label() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            proptest::sample::select(vec![
                "Checkout",
                "a",
                "תשלום",
                "באתר",
                "پرداخت",
                "خرید",
                "12,000",
                "38%",
                "(beta)",
                "!",
                "Supercalifragilisticexpialidocious-and-then-some-more-letters",
                "e-mail",
                "WhatsApp",
                "ב-Bit",
                "😀",
                "\"quoted\"",
                "<tag>",
                "&",
            ]),
            1..8,
        )
        .prop_map(|w| w.join(" "))
    }

    fn any_journey() -> impl Strategy<Value = Journey> {
        (
            label(),
            proptest::collection::vec(
                (
                    label(),
                    proptest::collection::vec(
                        (
                            label(),
                            -2i8..=2,
                            any::<bool>(),
                            proptest::option::of(label()),
                        ),
                        0..4,
                    ),
                    proptest::option::of(1u64..100_000),
                ),
                1..5,
            ),
            0usize..8,
            any::<bool>(),
            proptest::collection::vec(
                (0usize..12, 0usize..12, proptest::option::of(label())),
                0..4,
            ),
        )
            .prop_map(|(title, stages, personas, rtl, flows)| {
                let people: Vec<String> = (0..personas).map(|i| format!("p{i}")).collect();
                let mut n = 0;
                let stages = stages
                    .into_iter()
                    .enumerate()
                    .map(|(s, (slabel, tps, reach))| {
                        let tps = tps
                            .into_iter()
                            .map(|(tl, score, mot, extra)| {
                                n += 1;
                                let mut t = tp(&format!("t{n}"), &tl);
                                t.emotions = if people.is_empty() {
                                    vec![emotion(None, score, extra.as_deref())]
                                } else {
                                    people
                                        .iter()
                                        .enumerate()
                                        .filter(|(i, _)| (n + i) % 3 != 0)
                                        .map(|(_, p)| emotion(Some(p), score, extra.as_deref()))
                                        .collect()
                                };
                                if let Some(e) = &extra {
                                    t.pains = vec![e.clone()];
                                    t.actions = vec![tl.clone(), e.clone()];
                                    t.metrics = vec![metric(e, 12.5, true)];
                                }
                                if mot {
                                    t.moment_of_truth = Some(MomentOfTruth { note: extra });
                                }
                                t
                            })
                            .collect();
                        let mut st = stage(&format!("s{s}"), &slabel, tps);
                        st.reach = reach;
                        st
                    })
                    .collect();
                let mut j = journey(&title, stages);
                j.personas = people.iter().map(|p| persona(p, p)).collect();
                j.direction = if rtl { Direction::Rtl } else { Direction::Ltr };
                let ids: Vec<String> = j.touchpoints().map(|t| t.id.clone()).collect();
                if !ids.is_empty() {
                    j.flows = flows
                        .into_iter()
                        .map(|(a, b, l)| {
                            let (a, b) = (a % ids.len(), b % ids.len());
                            flow(&ids[a], &ids[b], l.as_deref(), b <= a)
                        })
                        .collect();
                }
                finish(j)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]
        #[test]
        fn any_journey_keeps_the_layout_promises(j in any_journey()) {
            super::check("generated", &j);
            let svg = cjm::render::svg(&j, &cjm::RenderOptions::default());
            prop_assert!(roxmltree::Document::parse(&svg).is_ok());
        }
    }
}

/// Custom lanes, the service blueprint and lane orders (language.md §9):
/// journeys from the generator with every lane kind, in both directions
/// and in views.
mod lanes {
    use super::{Boxes, check, inside, mirrored};
    use cjm::View;
    use cjm::model::Journey;
    use cjm::testgen::{Options, journey_with};
    use proptest::prelude::*;

    fn generated(touchpoints: usize, seed: u64) -> Journey {
        let source = journey_with(touchpoints, seed, Options::all_lanes());
        let compiled = cjm::compile(source.as_bytes(), &Default::default());
        assert!(!compiled.has_errors(), "{source}");
        compiled.journey.expect("generated journeys compile")
    }

    fn with_lanes(touchpoints: usize, seed: u64) -> Journey {
        let source = journey_with(
            touchpoints,
            seed,
            Options {
                lanes: true,
                lane_order: false,
            },
        );
        let compiled = cjm::compile(source.as_bytes(), &Default::default());
        compiled.journey.expect("generated journeys compile")
    }

    /// The blueprint's promises on top of the layout's: each line runs
    /// across the whole grid inside the map, at the top of its lane, and
    /// no text crosses it.
    fn check_lines(name: &str, b: &Boxes, default_order: bool) {
        let order = ["interaction", "visibility", "internal"];
        let mut last = -1;
        for (line, r) in &b.blueprint_lines {
            assert!(r[3] < 0.01, "{name}: {line} is horizontal");
            assert!(
                inside(*r, [0.0, 0.0, b.width, b.height]),
                "{name}: {line} {r:?} leaves the map"
            );
            assert!(
                r[2] >= b.width - 2.0 * 32.0 - 1.0,
                "{name}: {line} is too short"
            );
            for t in &b.texts {
                let crosses = t.bbox[1] + 0.5 < r[1] && r[1] < t.bbox[1] + t.bbox[3] - 0.5;
                assert!(!crosses, "{name}: {:?} crosses the {line} line", t.text);
            }
            // Its lane starts right under it.
            let lane = match line.as_str() {
                "interaction" => "frontstage",
                "visibility" => "backstage",
                _ => "support",
            };
            let head = b.lanes.iter().find(|(l, _)| l == lane);
            let head = head.unwrap_or_else(|| panic!("{name}: {line} without {lane}"));
            assert!(
                head.1[1] > r[1] && head.1[1] - r[1] < 20.0,
                "{name}: {line} is not on {lane}"
            );
            // In the order of the lanes.
            let at = order.iter().position(|o| o == line).unwrap() as i32;
            assert!(!default_order || at > last, "{name}: lines out of order");
            last = at;
        }
    }

    #[test]
    fn every_lane_kind_keeps_the_layout_promises_both_ways() {
        for (n, seed) in [(1, 1), (4, 2), (12, 3), (30, 4), (45, 5)] {
            let j = with_lanes(n, seed);
            for (name, j) in [
                (format!("lanes {n}/{seed}"), j.clone()),
                (format!("lanes {n}/{seed} (mirrored)"), mirrored(j)),
            ] {
                let b = check(&name, &j);
                check_lines(&name, &b, true);
                let drawn: Vec<&str> = b.lanes.iter().map(|(l, _)| l.as_str()).collect();
                for lane in [
                    "evidence",
                    "frontstage",
                    "backstage",
                    "support",
                    "systems",
                    "effort",
                ] {
                    assert!(
                        drawn.contains(&lane),
                        "{name}: {lane} not drawn in {drawn:?}"
                    );
                }
                assert_eq!(b.blueprint_lines.len(), 3, "{name}");
            }
        }
    }

    #[test]
    fn the_new_examples_draw_their_lanes() {
        let files = super::maps::files();
        let find = |stem: &str| {
            files
                .iter()
                .find(|(n, _)| n.ends_with(stem))
                .map(|(_, j)| j.clone())
                .unwrap_or_else(|| panic!("{stem} compiles"))
        };
        let shoes = check("shoe-shop", &find("examples__shoe-shop"));
        check_lines("shoe-shop", &shoes, true);
        let lines: Vec<&str> = shoes
            .blueprint_lines
            .iter()
            .map(|(l, _)| l.as_str())
            .collect();
        assert_eq!(lines, ["interaction", "visibility", "internal"]);
        // Persian: the lane names at the right, the line names too.
        for (_, head) in &shoes.lanes {
            assert!(head[0] > shoes.width * 0.75, "RTL lane header at {head:?}");
        }
        let bank = check("bank-onboarding", &find("examples__bank-onboarding"));
        check_lines("bank-onboarding", &bank, true);
        let drawn: Vec<&str> = bank.lanes.iter().map(|(l, _)| l.as_str()).collect();
        assert_eq!(
            drawn,
            [
                "touchpoints",
                "actions",
                "thoughts",
                "emotion",
                "effort",
                "pains",
                "opportunities",
                "systems",
                "metrics",
                "funnel"
            ]
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(32))]
        #[test]
        fn generated_lane_journeys_keep_the_layout_promises(
            n in 1usize..40,
            seed in any::<u64>(),
            rtl in any::<bool>(),
        ) {
            let mut j = generated(n, seed);
            if rtl {
                j = mirrored(j);
            }
            let b = check("generated lanes", &j);
            check_lines("generated lanes", &b, j.lane_order.is_none());
            if let Some(order) = &j.lane_order {
                // Only listed lanes are drawn, in the listed order.
                let drawn: Vec<&String> = b.lanes.iter().map(|(l, _)| l).collect();
                let mut at = 0;
                for lane in drawn {
                    let pos = order.iter().position(|o| o == lane);
                    prop_assert!(pos.is_some_and(|p| p >= at), "{lane} out of {order:?}");
                    at = pos.unwrap_or(0);
                }
            }
        }

        #[test]
        fn views_keep_the_layout_promises(
            n in 1usize..30,
            seed in any::<u64>(),
            pick in proptest::collection::vec(0usize..20, 1..6),
            team in proptest::option::of(0usize..4),
            persona in any::<bool>(),
        ) {
            let j = with_lanes(n, seed);
            let mut names: Vec<String> = cjm::model::BUILTIN_LANES
                .iter()
                .map(|s| s.to_string())
                .chain(j.lanes.iter().map(|l| l.id.clone()))
                .collect();
            let lanes: Vec<String> = pick.iter().map(|i| names.remove(i % names.len())).collect();
            let view = View {
                lanes: Some(lanes.clone()),
                personas: persona.then(|| vec![j.personas[0].id.clone()]),
                team: team.and_then(|t| j.teams.get(t % j.teams.len().max(1)).map(|t| t.id.clone())),
            };
            prop_assert!(view.check(&j).is_ok());
            let b = cjm::layout::debug_boxes_view(&j, &view);
            let drawn: Vec<&String> = b.lanes.iter().map(|(l, _)| l).collect();
            prop_assert!(drawn.iter().all(|l| lanes.contains(l)), "{drawn:?} not in {lanes:?}");
            let canvas = [0.0, 0.0, b.width, b.height];
            for t in &b.texts {
                prop_assert!(inside(t.bbox, canvas), "{:?} leaves the map", t.text);
            }
            for (i, a) in b.texts.iter().enumerate() {
                for c in &b.texts[i + 1..] {
                    prop_assert!(!super::overlap(a.bbox, c.bbox), "{:?} overlaps {:?}", a.text, c.text);
                }
            }
            check_lines("view", &b, false);
        }
    }
}
