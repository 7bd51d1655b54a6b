//! Hostile text in every field a journey has: scripts, markup breakers,
//! event attributes, dangerous URL schemes, bidi and control characters.
//! Whatever compiles must come out as inert, literal text; unsafe links
//! and control characters must be errors.

use cjm::{CompileOptions, compile};

/// Texts as they are written inside a `.journey` string literal (escapes
/// are the language's). Each must compile and survive literally.
const HOSTILE: &[&str] = &[
    r#"<script>alert(1)</script>"#,
    r#"</text><script>alert(1)</script><text>"#,
    r#"</title></svg><svg onload=alert(1)>"#,
    r#"\" onload=\"alert(1)"#,
    r#"' onmouseover='alert(1)"#,
    r#"<img src=x onerror=alert(1)>"#,
    r#"javascript:alert(1)"#,
    r#" JaVaScRiPt:alert(document.cookie)"#,
    r#"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="#,
    r#"vbscript:msgbox(1)"#,
    r#"]]><script>alert(1)</script>"#,
    r#"--><script>alert(1)</script><!--"#,
    r#"<![CDATA[<script>alert(1)</script>]]>"#,
    r#"<?xml-stylesheet href=\"https://evil.example/x.css\"?>"#,
    r#"<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;"#,
    r#"&amp; &lt;script&gt; &#x3C;script&#62; &#0;"#,
    r#"<style>*{background:url(javascript:alert(1))}</style>"#,
    r#"<foreignObject><body onload=alert(1)/></foreignObject>"#,
    r#"<a xlink:href=\"javascript:alert(1)\">x</a>"#,
    r#"style=\"fill:url(#x)\" class=\"stage\""#,
    r#"{{constructor.constructor('alert(1)')()}}"#,
    r#"%3Cscript%3Ealert(1)%3C/script%3E"#,
    r#"\u{202E}txt.exe\u{202C} and \u{202D}LRO"#,
    r#"\u{2066}isolate \u{2067}open \u{2068}never closed"#,
    r#"unbalanced \u{202E}override"#,
    r#"tab\there, line\nbreak, back\\slash \\u{41}"#,
    r#"שלום <b>עולם</b> & \"ציטוט\""#,
    r#"سلام <i dir=rtl>دنیا</i>"#,
    r#"zero\u{200B}width\u{FEFF}joiner\u{200D}"#,
    r#"emoji \u{1F600} \u{1F1EE}\u{1F1F1} e\u{301}"#,
];

/// Links (as written in the source) that must be refused.
const UNSAFE_LINKS: &[&str] = &[
    r#"javascript:alert(1)"#,
    r#"JaVaScRiPt:alert(1)"#,
    r#"   javascript:alert(1)"#,
    r#"\tjavascript:alert(1)"#,
    r#"\njavascript:alert(1)"#,
    r#"java\tscript:alert(1)"#,
    r#"java\nscript:alert(1)"#,
    r#"java script:alert(1)"#,
    r#"java\u{200B}script:alert(1)"#,
    r#"\u{FEFF}javascript:alert(1)"#,
    r#"javascript&#58;alert(1)"#,
    r#"jav&#x09;ascript:alert(1)"#,
    r#"data:text/html,<script>alert(1)</script>"#,
    r#"DATA:image/svg+xml;base64,PHN2Zz4="#,
    r#"vbscript:msgbox(1)"#,
    r#"VBScript:msgbox(1)"#,
    r#"file:///etc/passwd"#,
    r#"//evil.example/x"#,
    r#"https:[//example.com/ads"#,
    r#"http:evil.example"#,
    r#"/relative/path"#,
    r#"https\u{202E}://example.com"#,
    r#"https://example.com/\u{202E}gpj.exe"#,
    r#"\u{2066}https://example.com\u{2069}"#,
    r#""#,
];

/// Links with control characters: refused too (as `invalid-value`, the
/// string itself being refused, and `unsafe-link` when what is left is).
const CONTROL_LINKS: &[&str] = &[
    r#"\u{0}javascript:alert(1)"#,
    r#"java\u{0}script:alert(1)"#,
    r#"https://ex\u{0}ample.com"#,
    r#"https://example.com/\u{1B}[2J"#,
    r#"java\u{7F}script:alert(1)"#,
];

/// Links that are kept, with characters that need escaping in markup.
const SAFE_LINKS: &[&str] = &[
    r#"https://example.com/?a=1&b=<2>&c=\"3\"&d='4'"#,
    r#"  HTTPS://Example.com/path#frag "#,
    r#"mailto:shop@example.com?subject=<hi>&body=\"x\""#,
    r#"http://example.com/שלום"#,
];

/// The value a string literal's content stands for.
fn value_of(literal: &str) -> String {
    let source = journey_with(literal, "https://example.com");
    let journey = compile(source.as_bytes(), &CompileOptions::default())
        .journey
        .unwrap_or_else(|| panic!("{literal} does not compile"));
    journey.title
}

/// `text` (the inside of a string literal) in every text field there is,
/// and `link` as the touchpoint's link.
fn journey_with(text: &str, link: &str) -> String {
    let t = format!("\"{text}\"");
    format!(
        r#"journey {t} {{
  description {t}
  persona p {t} {{
    description {t}
    goal {t}
    need {t}
    frustration {t}
    quote {t}
  }}
  team marketing {t}
  channel web {t} online
  stage awareness {t} {{
    description {t}
    owner marketing
    reach 100
    pain {t}
    opportunity {t}
    insight {t}
    touchpoint ad {t} {{
      description {t}
      channel web
      action {t}
      thought {t}
      emotion -1 {t}
      pain {t}
      opportunity {t}
      insight {t}
      moment_of_truth {t}
      link "{link}"
    }}
  }}
  stage purchase {t} {{
    reach 10
    touchpoint pay {t} {{ emotion 2 {t} }}
  }}
  flow ad -> pay {t}
  flow pay -> awareness {t}
}}
"#
    )
}

fn compiled(text: &str, link: &str) -> cjm::Compilation {
    compile(
        journey_with(text, link).as_bytes(),
        &CompileOptions::default(),
    )
}

/// Every string in a JSON value.
fn strings(value: &serde_json::Value, out: &mut Vec<String>) {
    match value {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, out)),
        serde_json::Value::Object(map) => map.values().for_each(|v| strings(v, out)),
        _ => {}
    }
}

#[test]
fn hostile_text_compiles_and_survives_literally_in_json() {
    for text in HOSTILE {
        let compiled = compiled(text, "https://example.com");
        let errors: Vec<_> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert!(errors.is_empty(), "{text}: {errors:?}");
        let journey = compiled.journey.unwrap();
        let value = value_of(text);
        let json = cjm::render::json(&journey);
        // Safe to inline in HTML: no markup character at all.
        for bad in ['<', '>', '&'] {
            assert!(!json.contains(bad), "{text}: {bad} in the JSON");
        }
        // And the text itself comes back exactly, in all 29 places.
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        let mut found = Vec::new();
        strings(&parsed, &mut found);
        let copies = found.iter().filter(|s| **s == value).count();
        assert_eq!(copies, 29, "{text}: {value:?} in {found:?}");
    }
}

#[test]
fn unsafe_links_are_errors() {
    for link in UNSAFE_LINKS {
        let compiled = compiled("x", link);
        let codes: Vec<_> = compiled
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(codes.contains(&"cjm::unsafe-link"), "{link}: {codes:?}");
        assert!(compiled.journey.is_none());
    }
    for link in CONTROL_LINKS {
        let compiled = compiled("x", link);
        let codes: Vec<_> = compiled
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(codes.contains(&"cjm::invalid-value"), "{link}: {codes:?}");
        assert!(compiled.journey.is_none());
    }
}

#[test]
fn safe_links_are_kept_trimmed() {
    for link in SAFE_LINKS {
        let journey = compiled("x", link)
            .journey
            .unwrap_or_else(|| panic!("{link}"));
        let kept = journey.stages[0].touchpoints[0].link.clone().unwrap();
        // Trimmed, and percent-encoded where markup could break.
        let expected = value_of(link)
            .trim()
            .replace(' ', "%20")
            .replace('"', "%22")
            .replace('\'', "%27")
            .replace('<', "%3C")
            .replace('>', "%3E");
        assert_eq!(kept, expected, "{link}");
        for c in ['"', '\'', '<', '>', ' '] {
            assert!(!kept.contains(c), "{kept}");
        }
        let json = cjm::render::json(&journey);
        assert!(!json.contains('<') && !json.contains('&'), "{json}");
    }
}

/// C0 control characters other than tab and line feed (and DEL, the C1
/// controls, U+FFFE and U+FFFF) are refused in every text, written or
/// escaped; each one is reported where it stands.
#[test]
fn control_characters_are_invalid_values() {
    let mut controls: Vec<u32> = (0..0x20).filter(|c| ![0x9, 0xA].contains(c)).collect();
    controls.extend([0x7F, 0x80, 0x85, 0x9B, 0x9F, 0xFFFE, 0xFFFF]);
    for code in controls {
        let text = format!("a\\u{{{code:X}}}b");
        let compiled = compiled(&text, "https://example.com");
        let errors: Vec<_> = compiled
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .collect();
        assert_eq!(errors.len(), 29, "U+{code:04X}: {errors:?}");
        assert!(errors.iter().all(|d| d.code == "cjm::invalid-value"));
        assert!(errors[0].message.contains(&format!("U+{code:04X}")));
        assert!(compiled.journey.is_none());
        // fmt refuses the file rather than writing the character back.
        assert!(cjm::format::format(&journey_with(&text, "https://example.com")).is_err());
    }
    // Written literally (not NUL, which is an encoding error).
    for c in ['\u{1}', '\u{1B}', '\r', '\u{7F}', '\u{9B}'] {
        let source = format!("journey \"a{c}b\" {{ stage s {{ touchpoint t }} }}");
        let compiled = compile(source.as_bytes(), &CompileOptions::default());
        let codes: Vec<_> = compiled
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect();
        assert!(codes.contains(&"cjm::invalid-value"), "{c:?}: {codes:?}");
    }
}

/// Element names that run or embed content: never in a map.
const ACTIVE_ELEMENTS: &[&str] = &[
    "script",
    "foreignObject",
    "iframe",
    "object",
    "embed",
    "handler",
    "listener",
    "animate",
    "set",
    "use",
    "image",
];

/// Checks a rendered map: well-formed XML, no active element, no event
/// attribute, every link http(s)/mailto, no user text in `<style>`.
/// Returns the text of every `<text>` element and the links.
fn inert_svg(svg: &str, what: &str) -> (Vec<String>, Vec<String>) {
    let doc = roxmltree::Document::parse(svg)
        .unwrap_or_else(|e| panic!("{what}: the SVG is not well-formed XML: {e}"));
    let mut texts = Vec::new();
    let mut links = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        let name = node.tag_name().name();
        assert!(
            !ACTIVE_ELEMENTS.iter().any(|a| a.eq_ignore_ascii_case(name)),
            "{what}: <{name}> in the map"
        );
        for attr in node.attributes() {
            let key = attr.name().to_ascii_lowercase();
            assert!(!key.starts_with("on"), "{what}: event attribute {key}");
            let value: String = attr
                .value()
                .chars()
                .filter(|c| !c.is_whitespace() && !c.is_control())
                .collect::<String>()
                .to_ascii_lowercase();
            for scheme in ["javascript:", "vbscript:", "data:text", "data:image/svg"] {
                assert!(
                    !value.contains(scheme),
                    "{what}: {key}=\"{}\"",
                    attr.value()
                );
            }
            if key == "href" {
                assert!(
                    ["http://", "https://", "mailto:"]
                        .iter()
                        .any(|p| value.starts_with(p)),
                    "{what}: link {}",
                    attr.value()
                );
                links.push(attr.value().to_string());
            }
        }
        if name == "text" {
            texts.push(
                node.descendants()
                    .filter(|n| n.is_text())
                    .filter_map(|n| n.text())
                    .collect(),
            );
        }
        if name == "style" {
            let css: String = node
                .descendants()
                .filter(|n| n.is_text())
                .filter_map(|n| n.text())
                .collect();
            for marker in ["alert", "evil", "javascript", "expression("] {
                assert!(!css.contains(marker), "{what}: user text in <style>");
            }
        }
    }
    (texts, links)
}

/// The text as drawn: the SVG may wrap it into lines, collapse spaces,
/// and resolve bidi controls into runs of one direction each (their
/// effect is applied by the layout, their characters replaced by marks),
/// so compare without whitespace and bidi controls.
fn squeeze(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !is_bidi_control(*c))
        .collect()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn render(journey: &cjm::model::Journey) -> String {
    cjm::render::svg(
        journey,
        &cjm::RenderOptions {
            embed_fonts: false,
            ..cjm::RenderOptions::default()
        },
    )
}

#[test]
fn hostile_text_is_inert_and_literal_in_the_svg() {
    for text in HOSTILE {
        let journey = compiled(text, "https://example.com").journey.unwrap();
        let svg = render(&journey);
        let (texts, _) = inert_svg(&svg, text);
        // The label comes back, character for character, from the text
        // content: no markup was interpreted, nothing was cut. Runs of one
        // label may be split (wrapping, bidi runs), so look at the joined
        // text of the whole map, which holds the title's copy at least.
        let value = squeeze(&value_of(text));
        let drawn = squeeze(&texts.concat());
        // Bidi runs are drawn in visual order, each its own <text>: a
        // label with runs of both directions comes back as its runs, in
        // another order. Then every character must still be there.
        let mixed = value.chars().any(|c| {
            matches!(
                unicode_bidi::bidi_class(c),
                unicode_bidi::BidiClass::R | unicode_bidi::BidiClass::AL
            )
        }) || value_of(text).chars().any(is_bidi_control);
        if mixed {
            let mut left: Vec<char> = drawn.chars().collect();
            for c in value.chars() {
                let at = left.iter().position(|&d| d == c);
                assert!(at.is_some(), "{text}: {c:?} not drawn in {texts:#?}");
                left.swap_remove(at.unwrap());
            }
        } else {
            assert!(
                drawn.contains(&value),
                "{text}: {value:?} not drawn literally in {texts:#?}"
            );
        }
        // The <title> holds it too.
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let title = doc
            .descendants()
            .find(|n| n.has_tag_name("title"))
            .and_then(|n| n.text())
            .unwrap_or_default();
        assert_eq!(squeeze(title), value, "{text}");
    }
}

#[test]
fn safe_links_are_escaped_in_the_svg() {
    for link in SAFE_LINKS {
        let journey = compiled("x", link).journey.unwrap();
        let (_, links) = inert_svg(&render(&journey), link);
        // `href` and `xlink:href`, for old viewers.
        assert!(!links.is_empty(), "{link}");
        let kept = journey.stages[0].touchpoints[0].link.clone().unwrap();
        assert!(links.iter().all(|l| *l == kept), "{link}: {links:?}");
    }
}

/// Each label is its own `<text>` element (or several), so a bidi override
/// left open in one label can't reorder another: no text element holds
/// two labels.
#[test]
fn an_open_bidi_override_stays_in_its_label() {
    let source = r#"journey "J" {
  stage s "S" {
    touchpoint a "\u{202E}open override" { action "first\u{2067}open isolate" }
    touchpoint b "next label" { action "second" }
  }
}
"#;
    let journey = compile(source.as_bytes(), &CompileOptions::default())
        .journey
        .unwrap();
    let (texts, _) = inert_svg(&render(&journey), "bidi");
    for text in &texts {
        if text.contains('\u{202E}') || text.contains('\u{2067}') {
            for other in [
                "next",
                "label",
                "second",
                "first\u{2067}open isolate\u{2067}",
            ] {
                assert!(!text.contains(other) || text.contains("first"), "{text:?}");
            }
            assert!(
                !text.contains("next") && !text.contains("second"),
                "{text:?}"
            );
        }
    }
}
