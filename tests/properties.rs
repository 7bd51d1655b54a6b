//! Properties over generated journeys with hostile labels (right-to-left
//! text, quotes, backslashes, `<`, `&`, bidi controls, emoji): every valid
//! journey compiles; its JSON validates against the published schema; its
//! SVG is well-formed, inert XML; `fmt` is idempotent and keeps the model.
//! (src/format/tests.rs checks `fmt` on the AST with plain words; these
//! go through the whole compiler.)

use std::fmt::Write;

use proptest::prelude::*;

use cjm::{CompileOptions, compile};

/// Characters labels are drawn from: several scripts, markup and escape
/// characters, bidi controls and marks, combining marks, emoji.
const ALPHABET: &[char] = &[
    'a', 'Z', '0', ' ', ' ', '<', '>', '&', '"', '\'', '\\', '/', ':', ';', '#', '{', '}', '%',
    'ש', 'ל', 'ו', 'ם', 'س', 'ل', 'ا', 'م', 'ی', '\u{202E}', '\u{202C}', '\u{2066}', '\u{2069}',
    '\u{200F}', '\u{200D}', '\u{301}', '😀', '\t', '\n', '=', '-', '.', ']',
];

fn label() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(ALPHABET), 0..24)
        .prop_map(|chars| chars.into_iter().collect())
}

/// `text` as a string literal.
fn literal(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The shape of a journey; its text comes from `labels`, used in turn.
#[derive(Debug, Clone)]
struct Shape {
    personas: usize,
    teams: usize,
    channels: usize,
    /// Touchpoints per stage.
    stages: Vec<usize>,
    /// Flow edges as indices into all touchpoints.
    flows: Vec<(usize, usize)>,
    /// Per touchpoint: an emotion score, or none.
    scores: Vec<Option<i8>>,
    reaches: Vec<Option<u32>>,
    rtl: bool,
    labels: Vec<String>,
}

fn shape() -> impl Strategy<Value = Shape> {
    (
        0..3usize,
        0..3usize,
        0..3usize,
        prop::collection::vec(0..4usize, 1..4),
        prop::collection::vec((0..12usize, 0..12usize), 0..4),
        prop::collection::vec(prop::option::of(-2..=2i8), 12),
        prop::collection::vec(prop::option::of(0..100_000u32), 4),
        any::<bool>(),
        prop::collection::vec(label(), 64),
    )
        .prop_map(
            |(personas, teams, channels, stages, flows, scores, reaches, rtl, labels)| Shape {
                personas,
                teams,
                channels,
                stages,
                flows,
                scores,
                reaches,
                rtl,
                labels,
            },
        )
}

impl Shape {
    fn source(&self) -> String {
        let mut labels = self.labels.iter().cycle();
        let mut next = || literal(labels.next().map_or("", String::as_str));
        let mut out = format!("# generated\njourney {} {{\n", next());
        if self.rtl {
            out.push_str("  lang he\n");
        }
        writeln!(out, "  description {}", next()).unwrap();
        for p in 0..self.personas {
            writeln!(out, "  persona p{p} {} {{", next()).unwrap();
            writeln!(out, "    goal {}\n    quote {}\n  }}", next(), next()).unwrap();
        }
        for t in 0..self.teams {
            writeln!(out, "  team team{t} {}", next()).unwrap();
        }
        for c in 0..self.channels {
            writeln!(out, "  channel ch{c} {} online", next()).unwrap();
        }
        let mut ids = Vec::new();
        for (s, &count) in self.stages.iter().enumerate() {
            writeln!(out, "\n  stage s{s} {} {{", next()).unwrap();
            if self.teams > 0 {
                writeln!(out, "    owner team{}", s % self.teams).unwrap();
            }
            if let Some(reach) = self.reaches[s] {
                writeln!(out, "    reach {reach}").unwrap();
            }
            writeln!(out, "    pain {}\n    opportunity {}", next(), next()).unwrap();
            for _ in 0..count {
                let i = ids.len();
                ids.push(format!("t{i}"));
                writeln!(out, "    touchpoint t{i} {} {{", next()).unwrap();
                if self.channels > 0 {
                    writeln!(out, "      channel ch{}", i % self.channels).unwrap();
                }
                writeln!(out, "      action {}\n      thought {}", next(), next()).unwrap();
                if let Some(score) = self.scores[i % self.scores.len()] {
                    let persona = match self.personas {
                        0 => String::new(),
                        _ => format!("p{} ", i % self.personas),
                    };
                    writeln!(out, "      emotion {persona}{score} {}", next()).unwrap();
                }
                if i % 3 == 0 {
                    writeln!(out, "      moment_of_truth {}", next()).unwrap();
                    writeln!(out, "      metric share {}%", i * 7 % 101).unwrap();
                }
                if i % 2 == 0 {
                    writeln!(out, "      link \"https://example.com/{i}?q=<&>\"").unwrap();
                }
                out.push_str("    }\n");
            }
            out.push_str("  }\n");
        }
        if !ids.is_empty() {
            for &(a, b) in &self.flows {
                let (a, b) = (a % ids.len(), b % ids.len());
                if a != b {
                    writeln!(out, "  flow {} -> {} {}", ids[a], ids[b], next()).unwrap();
                }
            }
        }
        out.push_str("}\n");
        out
    }
}

/// The model without source positions, which formatting may move.
fn meaning(source: &str) -> serde_json::Value {
    let journey = compile(source.as_bytes(), &CompileOptions::default())
        .journey
        .expect("compiles");
    let mut value: serde_json::Value = serde_json::from_str(&cjm::render::json(&journey)).unwrap();
    for stage in value["stages"].as_array_mut().unwrap() {
        for tp in stage["touchpoints"].as_array_mut().unwrap() {
            tp.as_object_mut().unwrap().remove("span");
        }
    }
    value
}

/// A small JSON Schema validator for what `json_schema()` uses: `$ref`,
/// `type` (one or a list), `required`, `properties`,
/// `additionalProperties: false`, `items`, `anyOf`/`oneOf`, `enum`,
/// `const`, `minimum`/`maximum`, `format: uint…`. (The `jsonschema` crate
/// would pull in an HTTP client; this covers the schema we publish.)
fn validate(
    value: &serde_json::Value,
    schema: &serde_json::Value,
    root: &serde_json::Value,
    at: &str,
) -> Result<(), String> {
    use serde_json::Value;
    if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
        let target = root
            .pointer(reference.trim_start_matches('#'))
            .ok_or_else(|| format!("{at}: dangling $ref {reference}"))?;
        return validate(value, target, root, at);
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(options) = schema.get(key).and_then(Value::as_array) {
            let passing = options
                .iter()
                .filter(|o| validate(value, o, root, at).is_ok())
                .count();
            if passing == 0 || (key == "oneOf" && passing > 1) {
                return Err(format!(
                    "{at}: {passing} of the {key} options match {value}"
                ));
            }
        }
    }
    if let Some(allowed) = schema.get("enum").and_then(Value::as_array)
        && !allowed.contains(value)
    {
        return Err(format!("{at}: {value} not in {allowed:?}"));
    }
    if let Some(constant) = schema.get("const")
        && constant != value
    {
        return Err(format!("{at}: {value} is not {constant}"));
    }
    if let Some(types) = schema.get("type") {
        let types: Vec<&str> = match types {
            Value::String(t) => vec![t.as_str()],
            Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let fits = |t: &str| match t {
            "null" => value.is_null(),
            "boolean" => value.is_boolean(),
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            _ => false,
        };
        if !types.iter().any(|t| fits(t)) {
            return Err(format!("{at}: {value} is not {types:?}"));
        }
    }
    if let Some(n) = value.as_f64() {
        if let Some(min) = schema.get("minimum").and_then(Value::as_f64)
            && n < min
        {
            return Err(format!("{at}: {n} < {min}"));
        }
        if let Some(max) = schema.get("maximum").and_then(Value::as_f64)
            && n > max
        {
            return Err(format!("{at}: {n} > {max}"));
        }
        let unsigned = schema
            .get("format")
            .and_then(Value::as_str)
            .is_some_and(|f| f.starts_with("uint"));
        if unsigned && n < 0.0 {
            return Err(format!("{at}: {n} is negative"));
        }
    }
    if let Value::Object(map) = value {
        for key in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            let key = key.as_str().unwrap_or_default();
            if !map.contains_key(key) {
                return Err(format!("{at}: no `{key}`"));
            }
        }
        let properties = schema.get("properties").and_then(Value::as_object);
        for (key, inner) in map {
            match properties.and_then(|p| p.get(key)) {
                Some(sub) => validate(inner, sub, root, &format!("{at}.{key}"))?,
                None if schema.get("additionalProperties") == Some(&Value::Bool(false)) => {
                    return Err(format!("{at}: unexpected `{key}`"));
                }
                None => {}
            }
        }
    }
    if let (Value::Array(items), Some(sub)) = (value, schema.get("items")) {
        for (i, item) in items.iter().enumerate() {
            validate(item, sub, root, &format!("{at}[{i}]"))?;
        }
    }
    Ok(())
}

fn schema() -> serde_json::Value {
    serde_json::from_str(&cjm::render::json_schema()).unwrap()
}

#[test]
fn the_validator_can_fail() {
    let schema = schema();
    let source = "journey \"J\" { stage s { touchpoint t { emotion 2 } } }";
    let journey = compile(source.as_bytes(), &CompileOptions::default())
        .journey
        .unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&cjm::render::json(&journey)).unwrap();
    assert_eq!(validate(&value, &schema, &schema, "$"), Ok(()));
    value["stages"][0]["touchpoints"][0]["emotions"][0]["score"] = 3.into();
    assert!(validate(&value, &schema, &schema, "$").is_err());
    value["stages"][0]["touchpoints"][0]["emotions"][0]["score"] = 2.into();
    value["title"] = 1.into();
    assert!(validate(&value, &schema, &schema, "$").is_err());
    value["title"] = "J".into();
    value.as_object_mut().unwrap().remove("flows");
    assert!(validate(&value, &schema, &schema, "$").is_err());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn generated_journeys_compile_and_their_json_validates(shape in shape()) {
        let source = shape.source();
        let compiled = compile(source.as_bytes(), &CompileOptions::default());
        let errors: Vec<_> = compiled.diagnostics.iter().filter(|d| d.is_error()).collect();
        prop_assert!(errors.is_empty(), "{source}\n{errors:#?}");
        let journey = compiled.journey.unwrap();
        let json = cjm::render::json(&journey);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        let schema = schema();
        prop_assert_eq!(validate(&value, &schema, &schema, "$"), Ok(()));
        // Same input, same bytes.
        let again = compile(source.as_bytes(), &CompileOptions::default()).journey.unwrap();
        prop_assert_eq!(cjm::render::json(&again), json);
    }

    #[test]
    fn fmt_is_idempotent_and_keeps_the_model(shape in shape()) {
        let source = shape.source();
        let once = cjm::format::format(&source).unwrap();
        let twice = cjm::format::format(&once).unwrap();
        prop_assert_eq!(&twice, &once);
        prop_assert_eq!(meaning(&once), meaning(&source));
    }

    #[test]
    fn the_svg_is_well_formed_and_inert(shape in shape()) {
        let source = shape.source();
        let journey = compile(source.as_bytes(), &CompileOptions::default()).journey.unwrap();
        let svg = cjm::render::svg(&journey, &cjm::RenderOptions {
            embed_fonts: false,
            ..cjm::RenderOptions::default()
        });
        let doc = roxmltree::Document::parse(&svg);
        prop_assert!(doc.is_ok(), "{source}\n{:?}", doc.err());
        let doc = doc.unwrap();
        for node in doc.descendants().filter(|n| n.is_element()) {
            let name = node.tag_name().name();
            prop_assert!(!["script", "foreignObject"].contains(&name));
            for attr in node.attributes() {
                prop_assert!(!attr.name().to_ascii_lowercase().starts_with("on"), "{}", attr.name());
            }
        }
        prop_assert_eq!(doc.root_element().tag_name().name(), "svg");
    }

    /// The project's realistic generator (Hebrew, Persian and Latin text,
    /// personas, flows, funnels), through the whole compiler.
    #[test]
    fn testgen_journeys_compile_render_and_format(n in 1..60usize, seed in any::<u64>()) {
        let source = cjm::testgen::journey(n, seed);
        let compiled = compile(source.as_bytes(), &CompileOptions::default());
        let errors: Vec<_> = compiled.diagnostics.iter().filter(|d| d.is_error()).collect();
        prop_assert!(errors.is_empty(), "{source}\n{errors:#?}");
        let journey = compiled.journey.unwrap();
        let value: serde_json::Value = serde_json::from_str(&cjm::render::json(&journey)).unwrap();
        let schema = schema();
        prop_assert_eq!(validate(&value, &schema, &schema, "$"), Ok(()));
        let svg = cjm::render::svg(&journey, &cjm::RenderOptions {
            embed_fonts: false,
            ..cjm::RenderOptions::default()
        });
        prop_assert!(roxmltree::Document::parse(&svg).is_ok());
        let once = cjm::format::format(&source).unwrap();
        prop_assert_eq!(cjm::format::format(&once).unwrap(), once.clone());
        prop_assert_eq!(meaning(&once), meaning(&source));
    }

    /// The generator with the v1.1 lanes (custom text and score lanes,
    /// the service blueprint, a `lanes` statement), through the compiler,
    /// the schema and `fmt`.
    #[test]
    fn testgen_lane_journeys_compile_and_format(
        n in 1..40usize,
        seed in any::<u64>(),
        lanes in any::<bool>(),
        lane_order in any::<bool>(),
    ) {
        let options = cjm::testgen::Options { lanes, lane_order };
        let source = cjm::testgen::journey_with(n, seed, options);
        let compiled = compile(source.as_bytes(), &CompileOptions::default());
        let errors: Vec<_> = compiled.diagnostics.iter().filter(|d| d.is_error()).collect();
        prop_assert!(errors.is_empty(), "{source}\n{errors:#?}");
        let journey = compiled.journey.unwrap();
        prop_assert_eq!(journey.lanes.len(), if lanes { 3 } else { 0 });
        prop_assert_eq!(journey.lane_order.is_some(), lane_order);
        let value: serde_json::Value = serde_json::from_str(&cjm::render::json(&journey)).unwrap();
        let schema = schema();
        prop_assert_eq!(validate(&value, &schema, &schema, "$"), Ok(()));
        let once = cjm::format::format(&source).unwrap();
        prop_assert_eq!(cjm::format::format(&once).unwrap(), once.clone());
        prop_assert_eq!(meaning(&once), meaning(&source));
    }
}
