//! `fmt` is idempotent and keeps the meaning: when a text formats, its
//! formatted form formats to itself and compiles to the same model
//! (source positions aside) with the same diagnostic codes.
#![no_main]

use libfuzzer_sys::fuzz_target;

fn meaning(source: &str) -> (Option<serde_json::Value>, Vec<String>) {
    let compiled = cjm::compile(source.as_bytes(), &cjm::CompileOptions::default());
    let mut codes: Vec<String> = compiled.diagnostics.iter().map(|d| d.code.clone()).collect();
    codes.sort();
    let model = compiled.journey.map(|journey| {
        let mut value = serde_json::to_value(&journey).expect("the model serialises");
        for stage in value["stages"].as_array_mut().expect("stages") {
            for tp in stage["touchpoints"].as_array_mut().expect("touchpoints") {
                tp.as_object_mut().expect("a touchpoint").remove("span");
            }
        }
        value
    });
    (model, codes)
}

fuzz_target!(|data: &[u8]| {
    let Ok(source) = std::str::from_utf8(data) else {
        return;
    };
    let Ok(formatted) = cjm::format::format(source) else {
        return;
    };
    let again = cjm::format::format(&formatted).expect("formatted text parses");
    assert_eq!(again, formatted, "fmt is not idempotent");
    assert_eq!(meaning(source), meaning(&formatted), "fmt changed the meaning");
});
