//! Whatever compiles renders: the JSON is valid JSON that holds no
//! executable link.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let compiled = cjm::compile(data, &cjm::CompileOptions::default());
    let Some(journey) = compiled.journey else {
        return;
    };
    let json = cjm::render::json(&journey);
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
});
