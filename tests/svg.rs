//! The SVG map: what tools and people may rely on (language.md §8,
//! map.md), snapshots of every example, and the PNG.

mod maps;

use cjm::RenderOptions;
use cjm::model::Journey;

fn plain() -> RenderOptions {
    RenderOptions {
        embed_fonts: false,
        ..RenderOptions::default()
    }
}

fn every_journey() -> Vec<(String, Journey)> {
    let mut all = maps::all();
    all.extend(maps::files());
    all
}

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("not well-formed XML: {e}"))
}

#[test]
fn snapshots_of_example_and_fixture_files() {
    for (name, j) in maps::files() {
        insta::assert_snapshot!(name, cjm::render::svg(&j, &plain()));
    }
}

#[test]
fn snapshots_of_hand_built_journeys() {
    for (name, j) in maps::all() {
        if name.starts_with("stress") {
            continue;
        }
        insta::assert_snapshot!(format!("built_{name}"), cjm::render::svg(&j, &plain()));
    }
}

#[test]
fn output_is_deterministic() {
    for (name, j) in every_journey() {
        let a = cjm::render::svg(&j, &RenderOptions::default());
        let b = cjm::render::svg(&j.clone(), &RenderOptions::default());
        assert_eq!(a, b, "{name}: two renders differ");
    }
}

#[test]
fn output_is_a_well_formed_accessible_svg() {
    for (name, j) in every_journey() {
        for theme in [cjm::Theme::Light, cjm::Theme::Dark] {
            let svg = cjm::render::svg(
                &j,
                &RenderOptions {
                    theme,
                    embed_fonts: true,
                },
            );
            let doc = parse(&svg);
            let root = doc.root_element();
            assert_eq!(root.tag_name().name(), "svg", "{name}");
            assert_eq!(
                root.tag_name().namespace(),
                Some("http://www.w3.org/2000/svg")
            );
            assert!(root.attribute("viewBox").is_some(), "{name}: viewBox");
            assert!(root.attribute("width").is_some() && root.attribute("height").is_some());
            assert_eq!(root.attribute("role"), Some("img"));
            let first = root.first_element_child().unwrap();
            assert_eq!(
                first.tag_name().name(),
                "title",
                "{name}: <title> comes first"
            );
            assert_eq!(first.text(), Some(j.title.as_str()));
            assert!(
                root.children().any(|n| n.has_tag_name("desc")),
                "{name}: <desc>"
            );
        }
    }
}

#[test]
fn stages_touchpoints_emotion_points_and_lanes_are_marked() {
    for (name, j) in every_journey() {
        let svg = cjm::render::svg(&j, &plain());
        let doc = parse(&svg);
        let with = |class: &str, id: &str| {
            doc.descendants()
                .any(|n| n.attribute("class") == Some(class) && n.attribute("data-id") == Some(id))
        };
        for s in &j.stages {
            assert!(with("stage", &s.id), "{name}: stage {}", s.id);
            for t in &s.touchpoints {
                assert!(with("touchpoint", &t.id), "{name}: touchpoint {}", t.id);
                if !t.emotions.is_empty() {
                    assert!(with("emotion-point", &t.id), "{name}: emotion {}", t.id);
                }
            }
        }
        if j.touchpoints().next().is_some() {
            assert!(
                doc.descendants()
                    .any(|n| n.attribute("class") == Some("lane")
                        && n.attribute("data-lane") == Some("touchpoints"))
            );
        }
    }
}

#[test]
fn nothing_active_and_all_text_escaped() {
    let mut j = maps::english();
    j.title = "<script>alert(1)</script> & \"quotes\" 'too'".into();
    j.stages[0].label = "</text><foreignObject>".into();
    j.stages[0].touchpoints[0].link = Some("javascript:alert(1)".into());
    j.stages[0].touchpoints[1].link = Some("https://example.com/?a=1&b=\"2\"".into());
    j.stages[0].touchpoints[1].label = "Control \u{1} char".into();
    let svg = cjm::render::svg(&j, &RenderOptions::default());
    let doc = parse(&svg);
    for n in doc.descendants() {
        let tag = n.tag_name().name();
        assert!(tag != "script" && tag != "foreignObject", "{tag} element");
        for a in n.attributes() {
            assert!(!a.name().starts_with("on"), "event attribute {}", a.name());
            assert!(!a.value().to_ascii_lowercase().contains("javascript:"));
        }
    }
    assert!(!svg.contains("javascript:"));
    assert_eq!(
        doc.root_element().first_element_child().unwrap().text(),
        Some("<script>alert(1)</script> & \"quotes\" 'too'")
    );
    let link = doc.descendants().find(|n| n.has_tag_name("a")).unwrap();
    assert_eq!(
        link.attribute("href"),
        Some("https://example.com/?a=1&b=\"2\"")
    );
}

#[test]
fn ids_are_prefixed_per_map() {
    let a = cjm::render::svg(&maps::english(), &plain());
    let b = cjm::render::svg(&maps::hebrew(), &plain());
    let ids = |svg: &str| -> Vec<String> {
        parse(svg)
            .descendants()
            .filter_map(|n| n.attribute("id").map(String::from))
            .collect()
    };
    let (ia, ib) = (ids(&a), ids(&b));
    assert!(!ia.is_empty());
    for id in &ia {
        assert!(id.starts_with("cjm-"), "{id}");
        assert!(!ib.contains(id), "{id} is in both maps");
    }
}

#[test]
fn lang_and_direction_reach_the_svg() {
    let svg = cjm::render::svg(&maps::hebrew(), &plain());
    let doc = parse(&svg);
    let root = doc.root_element();
    assert_eq!(
        root.attribute(("http://www.w3.org/XML/1998/namespace", "lang")),
        Some("he")
    );
    assert_eq!(root.attribute("direction"), Some("rtl"));
    // Hebrew runs are set right to left.
    assert!(doc.descendants().any(|n| n.has_tag_name("text")
        && n.attribute("direction") == Some("rtl")
        && n.text() == Some("רכישה")));
}

/// `(x, width)` of the first stage's header and the map's width.
fn first_stage_header(svg: &str) -> (f32, f32, f32) {
    let doc = parse(svg);
    let width: f32 = doc
        .root_element()
        .attribute("width")
        .unwrap()
        .parse()
        .unwrap();
    let stage = doc
        .descendants()
        .find(|n| n.attribute("class") == Some("stage"))
        .expect("a stage");
    let rect = stage.children().find(|n| n.has_tag_name("rect")).unwrap();
    let x: f32 = rect.attribute("x").unwrap().parse().unwrap();
    let w: f32 = rect.attribute("width").unwrap().parse().unwrap();
    (x, w, width)
}

#[test]
fn rtl_maps_start_on_the_right() {
    for j in [maps::hebrew(), maps::persian()] {
        let (x, w, width) = first_stage_header(&cjm::render::svg(&j, &plain()));
        assert!(
            x + w / 2.0 > width / 2.0,
            "first stage at {x}, map {width} wide"
        );
    }
    let (x, w, width) = first_stage_header(&cjm::render::svg(&maps::english(), &plain()));
    assert!(x + w / 2.0 < width / 2.0);
}

#[test]
fn labels_are_at_least_12px() {
    for (name, j) in every_journey() {
        let svg = cjm::render::svg(&j, &plain());
        for n in parse(&svg).descendants() {
            if let Some(size) = n.attribute("font-size") {
                let size: f32 = size.parse().unwrap();
                assert!(size >= 12.0, "{name}: font-size {size}");
            }
        }
    }
}

#[test]
fn themes_differ_only_in_colour() {
    let j = maps::english();
    let light = cjm::render::svg(&j, &plain());
    let dark = cjm::render::svg(
        &j,
        &RenderOptions {
            theme: cjm::Theme::Dark,
            embed_fonts: false,
        },
    );
    assert_ne!(light, dark);
    let strip = |s: &str| {
        let mut out = String::new();
        let mut rest = s;
        while let Some(i) = rest.find('#') {
            out.push_str(&rest[..i]);
            rest = &rest[(i + 7).min(rest.len())..];
        }
        out.push_str(rest);
        out
    };
    assert_eq!(strip(&light), strip(&dark));
}

#[test]
fn moments_of_truth_pains_and_loops_are_drawn() {
    let svg = cjm::render::svg(&maps::english(), &plain());
    assert!(svg.contains("Moment of truth"));
    assert!(all_text(&svg).contains("Pays or abandons the basket"));
    assert!(svg.contains("class=\"loop\""));
    assert!(all_text(&svg).contains("Brings a friend"));
    assert!(all_text(&svg).contains("Drop 92.5%"));
    // One step has nothing to compare with; with two, the bigger is marked.
    assert!(!svg.contains("Biggest drop"));
    let mut j = maps::english();
    j.stages[2].reach = Some(400);
    let svg = cjm::render::svg(&maps::finish(j), &plain());
    assert!(all_text(&svg).contains("Biggest drop"));
    // The link wraps the touchpoint title.
    assert!(svg.contains("href=\"https://example.com/retention-dashboard\""));
}

/// The text of every `<text>`, in document order, joined by spaces.
fn all_text(svg: &str) -> String {
    parse(svg)
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect::<Vec<_>>()
        .join(" ")
}

fn png_size(png: &[u8]) -> (u32, u32) {
    assert_eq!(&png[1..4], b"PNG");
    let be = |i: usize| u32::from_be_bytes([png[i], png[i + 1], png[i + 2], png[i + 3]]);
    (be(16), be(20))
}

#[test]
fn png_has_the_scaled_size() {
    let j = maps::english();
    let boxes = cjm::layout::debug_boxes(&j);
    let png = cjm::render::png(&j, &RenderOptions::default(), 2.0).unwrap();
    let (w, h) = png_size(&png);
    assert_eq!(w, (boxes.width * 2.0).ceil() as u32);
    assert_eq!(h, (boxes.height * 2.0).ceil() as u32);
    assert!(cjm::render::png(&j, &RenderOptions::default(), 0.0).is_err());
    assert!(cjm::render::png(&j, &RenderOptions::default(), f32::NAN).is_err());
}

#[test]
fn png_of_an_rtl_map_has_its_first_stage_on_the_right() {
    let j = maps::hebrew();
    let boxes = cjm::layout::debug_boxes(&j);
    let scale = 0.5;
    let png = cjm::render::png(&j, &RenderOptions::default(), scale).unwrap();
    let pixmap = resvg::tiny_skia::Pixmap::decode_png(&png).unwrap();
    let [x, y, w, _] = boxes.stages[0].1;
    // Just inside the top edge of the header: the header's own colour.
    let (px, py) = (((x + w / 2.0) * scale) as u32, ((y + 3.0) * scale) as u32);
    assert!(px > pixmap.width() / 2, "first stage on the right half");
    let c = pixmap.pixel(px, py).unwrap();
    assert_eq!((c.red(), c.green(), c.blue()), (0xdf, 0xe8, 0xf2));
}

#[test]
fn fonts_are_embedded_on_request() {
    let j = maps::hebrew();
    let with = cjm::render::svg(&j, &RenderOptions::default());
    assert!(with.contains("@font-face"));
    assert!(with.contains("Noto Sans Hebrew"));
    // Each face says which characters it carries, so two maps inlined in
    // one page combine their subsets.
    assert_eq!(
        with.matches("@font-face{").count(),
        with.matches("unicode-range:U+").count()
    );
    let without = cjm::render::svg(&j, &plain());
    assert!(!without.contains("@font-face"));
    // Both name the families the layout measured with.
    assert!(without.contains("font-family=\"Noto Sans Hebrew, Noto Sans, sans-serif\""));
}

/// Writes every hand-built map (and every example) to /tmp/cjm-preview as
/// SVG in both themes and as PNG (light), for looking at them:
/// `cargo test --test svg -- --ignored`.
#[test]
#[ignore]
fn write_previews() {
    let dir = std::path::Path::new("/tmp/cjm-preview");
    std::fs::create_dir_all(dir).unwrap();
    for (name, j) in every_journey() {
        for (theme, suffix) in [(cjm::Theme::Light, ""), (cjm::Theme::Dark, "-dark")] {
            let light = theme == cjm::Theme::Light;
            let options = RenderOptions {
                theme,
                embed_fonts: true,
            };
            let svg = cjm::render::svg(&j, &options);
            std::fs::write(dir.join(format!("{name}{suffix}.svg")), svg).unwrap();
            if light {
                let png = cjm::render::png(&j, &options, 1.0).unwrap();
                std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
            }
        }
    }
}
