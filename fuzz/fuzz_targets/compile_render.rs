//! Whatever compiles renders: the JSON is valid JSON that holds no
//! markup character and no executable link; the SVG is well-formed XML
//! without scripts, event attributes or `javascript:`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let compiled = cjm::compile(data, &cjm::CompileOptions::default());
    let Some(journey) = compiled.journey else {
        return;
    };
    let json = cjm::render::json(&journey);
    assert!(!json.contains('<') && !json.contains('&'));
    let value: serde_json::Value = serde_json::from_str(&json).expect("the JSON parses");
    for stage in value["stages"].as_array().expect("stages") {
        for tp in stage["touchpoints"].as_array().expect("touchpoints") {
            if let Some(link) = tp["link"].as_str() {
                let lower = link.to_ascii_lowercase();
                assert!(
                    lower.starts_with("http://")
                        || lower.starts_with("https://")
                        || lower.starts_with("mailto:"),
                    "unsafe link in the model: {link:?}"
                );
            }
        }
    }
    // Embedded fonts only add base64: leave them out to fuzz faster.
    let options = cjm::RenderOptions {
        embed_fonts: false,
        ..cjm::RenderOptions::default()
    };
    let svg = cjm::render::svg(&journey, &options);
    let doc = roxmltree::Document::parse(&svg).expect("the SVG is well-formed XML");
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(!["script", "foreignObject"].contains(&name), "<{name}>");
        for attr in node.attributes() {
            assert!(!attr.name().to_ascii_lowercase().starts_with("on"));
            let value: String = attr
                .value()
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect();
            let value = value.to_ascii_lowercase();
            if attr.name() == "href" {
                // A link may hold `javascript:` in its path
                // (`https://example.com/javascript:`); what matters is
                // the scheme it starts with.
                assert!(
                    ["http://", "https://", "mailto:"]
                        .iter()
                        .any(|scheme| value.starts_with(scheme)),
                    "href {value}"
                );
            } else {
                assert!(!value.contains("javascript:"));
            }
        }
    }
});
