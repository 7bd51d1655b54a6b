//! Helpers for the layout's unit tests: what a laid-out map shows.

use super::scene::{Item, Scene};
use crate::model::Journey;

/// The groups of `class` in drawing order.
pub(crate) fn groups<'s>(scene: &'s Scene, class: &str) -> Vec<&'s super::scene::Group> {
    super::tests_support::groups(&scene.items, class)
}

pub(crate) use super::tests_support::data;

/// The `data-lane` of every lane drawn, top to bottom.
pub(crate) fn lane_ids(j: &Journey) -> Vec<String> {
    let scene = super::layout(j);
    groups(&scene, "lane")
        .into_iter()
        .filter_map(|g| data(g, "lane").map(str::to_string))
        .collect()
}

#[test]
fn flows_are_drawn_only_with_the_touchpoints_lane() {
    let mut j = crate::model::sample::sample();
    let loops = |j: &Journey| groups(&super::layout(j), "loop").len();
    assert_eq!(loops(&j), 1);
    j.lane_order = Some(vec!["emotion".into(), "pains".into()]);
    assert_eq!(loops(&j), 0);
    j.lane_order = Some(vec!["emotion".into(), "touchpoints".into()]);
    assert_eq!(loops(&j), 1);
}

/// The sample journey with every v1.1 lane filled: the blueprint lanes on
/// touchpoints and a stage, a custom text lane and a custom score lane.
pub(crate) fn blueprint() -> Journey {
    use crate::model::{CustomEntry, Lane, LaneKind};
    let mut j = crate::model::sample::sample();
    j.lanes = vec![
        Lane {
            id: "systems".into(),
            label: "Systems".into(),
            kind: LaneKind::Text,
            min: None,
            max: None,
        },
        Lane {
            id: "effort".into(),
            label: "Customer effort".into(),
            kind: LaneKind::Score,
            min: Some(1.0),
            max: Some(5.0),
        },
    ];
    let texts = |s: &str| vec![s.to_string()];
    {
        let a = &mut j.stages[0].touchpoints[0].lane_texts;
        a.evidence = texts("A green pin on the map");
        a.frontstage = texts("Pin text and photo");
        a.backstage = texts("Marketing updates the listing weekly");
        a.support = texts("Waze ads account");
        a.custom = vec![
            CustomEntry::Text {
                lane: "systems".into(),
                text: "Waze Ads".into(),
            },
            CustomEntry::Score {
                lane: "effort".into(),
                score: 1.0,
                label: None,
            },
        ];
    }
    {
        let b = &mut j.stages[1].touchpoints[0].lane_texts;
        b.evidence = texts("Order confirmation e-mail");
        b.frontstage = texts("Checkout page");
        b.backstage = texts("Stock check against the warehouse");
        b.support = texts("Payment gateway");
        b.custom = vec![CustomEntry::Score {
            lane: "effort".into(),
            score: 4.0,
            label: Some("Hard".into()),
        }];
    }
    j.stages[1].lane_texts.support = texts("Nightly stock sync");
    j.stages[1].lane_texts.custom = vec![CustomEntry::Text {
        lane: "systems".into(),
        text: "Shop CMS, ERP".into(),
    }];
    j
}

/// The y of every horizontal path in `g` (the blueprint line).
fn line_y(g: &super::scene::Group) -> Vec<(f32, f32, f32)> {
    use super::scene::Cmd;
    g.items
        .iter()
        .filter_map(|i| match i {
            Item::Path(p) => match p.cmds.as_slice() {
                [Cmd::Move(x0, y0), Cmd::Line(x1, y1)] if y0 == y1 => Some((*x0, *x1, *y0)),
                _ => None,
            },
            _ => None,
        })
        .collect()
}

/// The y of the first rectangle in a lane group's items, i.e. the
/// lane's top (its header cell starts there).
fn lane_top(scene: &Scene, id: &str) -> f32 {
    let g = groups(scene, "lane")
        .into_iter()
        .find(|g| data(g, "lane") == Some(id))
        .unwrap_or_else(|| panic!("no lane {id}"));
    super::scene::texts(&g.items)
        .iter()
        .map(|t| t.bbox.y)
        .fold(f32::INFINITY, f32::min)
        - super::CELL_PAD
}

#[test]
fn the_blueprint_lines_run_across_the_map_on_top_of_their_lanes() {
    let j = blueprint();
    for rtl in [false, true] {
        let mut j = j.clone();
        if rtl {
            j.direction = crate::model::Direction::Rtl;
        }
        let scene = super::layout(&j);
        let lines = groups(&scene, "blueprint-line");
        let names: Vec<_> = lines.iter().filter_map(|g| data(g, "line")).collect();
        assert_eq!(names, ["interaction", "visibility", "internal"]);
        for (g, lane) in lines.iter().zip(["frontstage", "backstage", "support"]) {
            let [(x0, x1, y)] = line_y(g)[..] else {
                panic!("one line per blueprint line");
            };
            assert_eq!(y, lane_top(&scene, lane), "{lane}");
            let (left, right) = (x0.min(x1), x0.max(x1));
            assert!(left >= 0.0 && right <= scene.width, "inside the map");
            assert!(
                right - left > scene.width - 2.0 * super::MARGIN - 1.0,
                "whole width"
            );
            // Its name at the leading edge: left in LTR, right in RTL.
            let name = super::scene::texts(&g.items)[0];
            let leading = if rtl {
                scene.width - (name.bbox.x + name.bbox.w) < 60.0
            } else {
                name.bbox.x < 60.0
            };
            assert!(leading, "{lane}: name at {:?}", name.bbox);
        }
    }
}

#[test]
fn a_blueprint_line_is_drawn_only_with_its_lane() {
    let mut j = blueprint();
    j.lane_order = Some(vec!["touchpoints".into(), "backstage".into()]);
    let scene = super::layout(&j);
    let names: Vec<_> = groups(&scene, "blueprint-line")
        .iter()
        .filter_map(|g| data(g, "line"))
        .map(str::to_string)
        .collect();
    assert_eq!(names, ["visibility"]);
    // Without the blueprint lanes a map has no line at all.
    assert!(
        groups(
            &super::layout(&crate::model::sample::sample()),
            "blueprint-line"
        )
        .is_empty()
    );
}

#[test]
fn custom_lanes_come_before_metrics_in_definition_order_or_where_lanes_puts_them() {
    let mut j = blueprint();
    let ids = lane_ids(&j);
    let at = |ids: &[String], id: &str| ids.iter().position(|i| i == id).unwrap();
    assert!(at(&ids, "insights") < at(&ids, "systems"));
    assert!(at(&ids, "systems") < at(&ids, "effort"));
    assert!(at(&ids, "effort") < at(&ids, "metrics"));
    assert_eq!(
        &ids[..9],
        [
            "touchpoints",
            "evidence",
            "actions",
            "thoughts",
            "emotion",
            "frontstage",
            "backstage",
            "support",
            "pains"
        ]
    );
    j.lane_order = Some(vec![
        "effort".into(),
        "touchpoints".into(),
        "systems".into(),
    ]);
    assert_eq!(lane_ids(&j), ["effort", "touchpoints", "systems"]);
}

#[test]
fn a_score_lane_puts_higher_values_higher_and_labels_each_point() {
    let scene = super::layout(&blueprint());
    let points = groups(&scene, "score-point");
    assert_eq!(points.len(), 2);
    let centre = |g: &super::scene::Group| {
        g.items
            .iter()
            .find_map(|i| match i {
                Item::Circle(c) => Some(c.cy),
                _ => None,
            })
            .unwrap()
    };
    assert_eq!(data(points[0], "score"), Some("1"));
    assert_eq!(data(points[1], "score"), Some("4"));
    assert!(centre(points[1]) < centre(points[0]), "4 is above 1");
    let label = |g: &super::scene::Group| {
        super::scene::texts(&g.items)[0].lines[0].runs[0]
            .text
            .clone()
    };
    // The value, or the label given with it.
    assert_eq!(label(points[0]), "1");
    assert_eq!(label(points[1]), "Hard");
    // The scale is in the lane's header: MIN..MAX, each level labelled.
    let lane = groups(&scene, "lane")
        .into_iter()
        .find(|g| data(g, "lane") == Some("effort"))
        .unwrap();
    let texts: Vec<String> = super::scene::texts(&lane.items)
        .iter()
        .flat_map(|t| {
            t.lines
                .iter()
                .flat_map(|l| l.runs.iter().map(|r| r.text.clone()))
        })
        .collect();
    for level in ["1", "2", "3", "4", "5", "Customer", "effort"] {
        assert!(texts.iter().any(|t| t == level), "{level} in {texts:?}");
    }
}

#[test]
fn custom_text_lanes_hold_their_texts_per_touchpoint_and_stage() {
    let scene = super::layout(&blueprint());
    let lane = groups(&scene, "lane")
        .into_iter()
        .find(|g| data(g, "lane") == Some("systems"))
        .unwrap();
    let texts: Vec<String> = super::scene::texts(&lane.items)
        .iter()
        .map(|t| {
            t.lines
                .iter()
                .flat_map(|l| l.runs.iter().map(|r| r.text.as_str()))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    assert_eq!(texts, ["Systems", "Waze Ads", "Shop CMS, ERP"]);
}

#[test]
fn a_persona_keeps_its_colour_in_a_persona_view() {
    use super::scene::Paint;
    let mut j = crate::model::sample::sample();
    let mut dan = j.personas[0].clone();
    dan.id = "dan".into();
    dan.label = "Dan".into();
    j.personas.push(dan);
    for tp in j.stages.iter_mut().flat_map(|s| s.touchpoints.iter_mut()) {
        let mut e = tp.emotions[0].clone();
        e.persona = Some("dan".into());
        tp.emotions.push(e);
    }
    fn persona_paints(items: &[Item], out: &mut Vec<Paint>) {
        for item in items {
            match item {
                Item::Path(p) => {
                    if let Some(s) = p.stroke
                        && matches!(s.paint, Paint::Persona(_))
                    {
                        out.push(s.paint);
                    }
                }
                Item::Group(g) => persona_paints(&g.items, out),
                _ => {}
            }
        }
    }
    let view = super::View {
        personas: Some(vec!["dan".into()]),
        ..Default::default()
    };
    let scene = super::layout_view(&j, &view);
    let mut paints = Vec::new();
    persona_paints(&scene.items, &mut paints);
    assert!(!paints.is_empty());
    assert!(paints.iter().all(|p| *p == Paint::Persona(1)), "{paints:?}");
    assert_eq!(groups(&scene, "persona").len(), 1);
}
