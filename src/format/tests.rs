//! `fmt` keeps meaning: the AST of the formatted text equals the AST of the
//! source (spans aside), comments included; and it never panics.

use proptest::prelude::*;

use super::format;
use crate::syntax::parse;

/// The AST's debug text with every byte offset left out.
fn shape(source: &str) -> String {
    let (file, _) = parse(source);
    let debug = format!("{:?}", file.journey);
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug.as_str();
    while let Some(i) = rest.find("Span { start: ") {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find('}').map_or(rest.len(), |e| e + 1);
        out.push_str("Span");
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn comments(source: &str) -> Vec<String> {
    let (file, _) = parse(source);
    file.comments
        .iter()
        .map(|c| c.text.trim_end().to_string())
        .collect()
}

fn check(source: &str) {
    let (_, diagnostics) = parse(source);
    for d in &diagnostics {
        assert!(d.span.start <= d.span.end && d.span.end <= source.len());
        assert!(source.is_char_boundary(d.span.start) && source.is_char_boundary(d.span.end));
    }
    let Ok(once) = format(source) else {
        assert!(!diagnostics.is_empty());
        return;
    };
    assert_eq!(
        shape(source),
        shape(&once),
        "meaning changed:\n{source}\n---\n{once}"
    );
    assert_eq!(
        comments(source),
        comments(&once),
        "comments changed:\n{source}\n---\n{once}"
    );
    assert_eq!(
        format(&once).ok().as_deref(),
        Some(once.as_str()),
        "not idempotent:\n{once}"
    );
}

const TOKENS: &[&str] = &[
    "journey",
    "stage",
    "touchpoint",
    "persona",
    "team",
    "channel",
    "flow",
    "emotion",
    "owner",
    "lang",
    "goal",
    "reach",
    "metric",
    "moment_of_truth",
    "link",
    "description",
    "allow",
    "lane",
    "lanes",
    "evidence",
    "support",
    "score",
    "text",
    "..",
    "1..5",
    "a",
    "b",
    "מודעות",
    "1",
    "-2",
    "+1",
    "4.2",
    "38%",
    "->",
    ",",
    "{",
    "}",
    "{",
    "}",
    ";",
    "\n",
    "\n",
    "\r\n",
    " ",
    " ",
    "\t",
    "#c",
    "# note\n",
    "\"x\"",
    "\"a\\\"b\"",
    "\"\\u{1F600}\"",
    "\"",
    "\\",
    "online",
    "\u{FEFF}",
    "\u{200C}",
];

fn tokens() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TOKENS), 0..80).prop_map(|t| t.join(" "))
}

/// A valid journey built from pieces, with comments and separators in
/// varied places.
fn journeys() -> impl Strategy<Value = String> {
    let stmt = prop::sample::select(
        &[
            "lang en",
            "description \"d\\n\" # why\n",
            "persona p \"P\" { goal \"g\"; need \"n\" }",
            "persona q",
            "team t \"T\"",
            "channel web \"Web\" online",
            "stage s \"S\" { owner t, u; touchpoint x { emotion p 1 \"ok\"\n # inner\n } }",
            "stage r {\n# only a comment\n}",
            "stage e {}",
            "flow x -> s \"back\"",
            "# a comment line\n",
            "allow empty-stage",
            "lane effort \"Effort\" score 1 .. 5 # scale\n",
            "lane systems text",
            "lane notes",
            "lanes touchpoints ,effort,systems",
            "stage b { evidence \"e\"; lane systems \"s\"\n touchpoint y { frontstage \"f\"; backstage \"b\" # hidden\n support \"p\"; lane effort 4 \"High\"; lane effort -1.5 } }",
        ][..],
    );
    let sep =
        prop::sample::select(&["\n", ";", "\n\n", " # trailing\n", "\n  # lead\n", "\r\n"][..]);
    prop::collection::vec((stmt, sep), 0..12).prop_map(|parts| {
        let body: String = parts.iter().map(|(s, sep)| format!("{s}{sep}")).collect();
        format!("# head\njourney \"J\" {{\n{body}\n}}\n# tail")
    })
}

proptest! {
    #[test]
    fn any_text_parses_without_panic(source in tokens()) {
        check(&source);
    }

    #[test]
    fn valid_journeys_format_to_the_same_meaning(source in journeys()) {
        let (_, diagnostics) = parse(&source);
        prop_assert!(diagnostics.is_empty(), "{source}\n{diagnostics:#?}");
        check(&source);
    }
}

#[test]
fn the_syntax_fixtures_never_panic() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for sub in ["valid", "invalid"] {
        let Ok(entries) = std::fs::read_dir(dir.join(sub)) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            if let Ok(source) = std::fs::read_to_string(entry.path()) {
                check(&source);
            }
        }
    }
}
