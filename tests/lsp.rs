//! `cjm lsp` end to end (cli.md "v1.1: `cjm lsp`"): the real binary, spoken
//! to over framed JSON-RPC as an editor would.

#[path = "lsp/client.rs"]
mod client;

use client::*;
use serde_json::{Value, json};

/// A Hebrew journey with one error: `owner שווק` misspells the team
/// `שיווק` (0-based line 13, UTF-16 columns 12–16; bytes 12–20).
const HEBREW: &str = "journey \"קניית ירקות\" {
  lang he
  persona מיכל \"מיכל\"
  team שיווק \"שיווק\"
  channel אתר \"אתר\" online

  stage מודעות \"מודעות\" {
    owner שיווק
    touchpoint מודעה \"מודעה 😀\" {
      channel אתר
      emotion 1 \"סקרנית\"
    }
    touchpoint קופה \"קופה\" {
      owner שווק
      channel אתר
      emotion -1
    }
  }
  flow מודעה -> קופה
  flow קופה -> מודעות
}
";

/// A Persian journey without errors.
const PERSIAN: &str = "journey \"خرید آنلاین\" {
  lang fa
  persona سارا \"سارا\"
  team فروش \"فروش\"
  channel سایت \"سایت\" online

  stage آگاهی \"آگاهی\" {
    owner فروش
    touchpoint تبلیغ \"تبلیغ\" {
      channel سایت
      emotion 1 \"کنجکاو\"
    }
  }
  stage خرید \"خرید\" {
    owner فروش
    touchpoint پرداخت \"پرداخت\" {
      channel سایت
      emotion 2
      moment_of_truth
    }
  }
  flow تبلیغ -> پرداخت
  flow پرداخت -> آگاهی
}
";

const HE_URI: &str = "file:///maps/%D7%A7%D7%A0%D7%99%D7%94.journey";
const FA_URI: &str = "file:///maps/kharid.journey";

fn error_of<'a>(diagnostics: &'a Value, code: &str) -> &'a Value {
    diagnostics["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == code)
        .unwrap_or_else(|| panic!("no {code} in {diagnostics}"))
}

fn position_params(uri: &str, (line, character): (u32, u32)) -> Value {
    json!({ "textDocument": { "uri": uri }, "position": at(line, character) })
}

#[test]
fn initialize_announces_the_capabilities() {
    let (client, result) = Client::start(&[]);
    let caps = &result["capabilities"];
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(caps["textDocumentSync"]["change"], 2, "incremental");
    assert_eq!(caps["textDocumentSync"]["openClose"], true);
    assert_eq!(caps["renameProvider"]["prepareProvider"], true);
    for provider in [
        "hoverProvider",
        "definitionProvider",
        "referencesProvider",
        "documentSymbolProvider",
        "documentFormattingProvider",
        "foldingRangeProvider",
    ] {
        assert_eq!(caps[provider], true, "{provider}");
    }
    assert!(
        caps["completionProvider"]["triggerCharacters"]
            .as_array()
            .unwrap()
            .contains(&json!(" "))
    );
    assert_eq!(
        caps["codeActionProvider"]["codeActionKinds"],
        json!(["quickfix"])
    );
    let legend = &caps["semanticTokensProvider"]["legend"];
    assert!(
        legend["tokenTypes"]
            .as_array()
            .unwrap()
            .contains(&json!("keyword"))
    );
    assert_eq!(result["serverInfo"]["name"], "cjm");
    assert_eq!(client.stop(), Some(0));
}

#[test]
fn utf8_is_chosen_when_the_client_offers_it() {
    let (mut client, result) = Client::start(&["utf-8", "utf-16"]);
    assert_eq!(result["capabilities"]["positionEncoding"], "utf-8");
    let diagnostics = client.open(HE_URI, HEBREW);
    let error = error_of(&diagnostics, "cjm::unknown-reference");
    assert_eq!(error["range"], range((13, 12), (13, 20)));
    assert_eq!(client.stop(), Some(0));
}

#[test]
fn a_hebrew_error_is_reported_at_its_exact_utf16_range() {
    let (mut client, _) = Client::start(&["utf-16"]);
    let diagnostics = client.open(HE_URI, HEBREW);
    assert_eq!(diagnostics["version"], 1);
    let error = error_of(&diagnostics, "cjm::unknown-reference");
    assert_eq!(find_utf16(HEBREW, "שווק", 0), (13, 12));
    assert_eq!(error["range"], range((13, 12), (13, 16)));
    assert_eq!(error["severity"], 1);
    assert_eq!(error["source"], "cjm");
    assert_eq!(
        error["codeDescription"]["href"],
        "cjm-explain:unknown-reference"
    );
    let message = error["message"].as_str().unwrap();
    assert!(message.contains("did you mean `שיווק`?"), "{message}");
    // Only errors: lints wait for a file that resolves.
    assert_eq!(diagnostics["diagnostics"].as_array().unwrap().len(), 1);
    assert_eq!(client.stop(), Some(0));
}

#[test]
fn lints_and_related_locations_are_published() {
    let (mut client, _) = Client::start(&[]);
    let text = "journey \"J\" {\n  team a \"A\"\n  team a \"B\"\n  stage s \"S\" {\n  }\n}\n";
    let diagnostics = client.open("file:///d.journey", text);
    let duplicate = error_of(&diagnostics, "cjm::duplicate-id");
    assert_eq!(duplicate["range"], range((2, 7), (2, 8)));
    let related = &duplicate["relatedInformation"][0];
    assert_eq!(related["location"]["range"], range((1, 7), (1, 8)));
    assert_eq!(related["location"]["uri"], "file:///d.journey");
    assert_eq!(related["message"], "first defined here");
    // The second definition stands for the first: definition goes there.
    let answer = client.request(
        "textDocument/definition",
        position_params("file:///d.journey", (2, 7)),
    );
    assert_eq!(answer["result"]["range"], range((1, 7), (1, 8)));
    // Fixed: the lints of `check` appear, as warnings.
    client.change(
        "file:///d.journey",
        2,
        json!([{ "range": range((2, 0), (3, 0)), "text": "" }]),
    );
    let diagnostics = client.diagnostics("file:///d.journey");
    assert_eq!(diagnostics["version"], 2);
    let empty = error_of(&diagnostics, "cjm::empty-stage");
    assert_eq!(empty["severity"], 2);
    assert_eq!(empty["codeDescription"]["href"], "cjm-explain:empty-stage");
    error_of(&diagnostics, "cjm::missing-persona");
    // Closing clears them.
    client.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": "file:///d.journey" } }),
    );
    let cleared = client.diagnostics("file:///d.journey");
    assert_eq!(cleared["diagnostics"], json!([]));
    assert_eq!(client.stop(), Some(0));
}

#[test]
fn definition_and_references_in_hebrew_and_persian() {
    let (mut client, _) = Client::start(&[]);
    client.open(HE_URI, HEBREW);
    // `קופה` in `flow מודעה -> קופה` goes to the touchpoint.
    let reference = find_utf16(HEBREW, "קופה", 2);
    let answer = client.request(
        "textDocument/definition",
        position_params(HE_URI, (reference.0, reference.1 + 2)),
    );
    let defined = find_utf16(HEBREW, "קופה", 0);
    assert_eq!(
        answer["result"],
        json!({ "uri": HE_URI, "range": range(defined, (defined.0, defined.1 + 4)) })
    );

    client.open(FA_URI, PERSIAN);
    let used = find_utf16(PERSIAN, "فروش", 2);
    let answer = client.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": FA_URI }, "position": at(used.0, used.1),
                "context": { "includeDeclaration": true } }),
    );
    let ranges: Vec<Value> = answer["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["range"].clone())
        .collect();
    // The definition (its ID, not its label) and both `owner` statements.
    let expected: Vec<Value> = [0, 2, 3]
        .iter()
        .map(|&n| {
            let (line, col) = find_utf16(PERSIAN, "فروش", n);
            range((line, col), (line, col + 4))
        })
        .collect();
    assert_eq!(ranges, expected);
    let answer = client.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": FA_URI }, "position": at(used.0, used.1),
                "context": { "includeDeclaration": false } }),
    );
    assert_eq!(answer["result"].as_array().unwrap().len(), 2);
    assert_eq!(client.stop(), Some(0));
}

#[test]
fn rename_changes_every_occurrence_or_says_why_not() {
    let (mut client, _) = Client::start(&[]);
    client.open(FA_URI, PERSIAN);
    let id = find_utf16(PERSIAN, "تبلیغ", 0);
    let prepared = client.request("textDocument/prepareRename", position_params(FA_URI, id));
    assert_eq!(
        prepared["result"],
        json!({ "range": range(id, (id.0, id.1 + 5)), "placeholder": "تبلیغ" })
    );
    let answer = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": FA_URI }, "position": at(id.0, id.1 + 1),
                "newName": "آگهی" }),
    );
    let edits = answer["result"]["changes"][FA_URI]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(edits.len(), 2, "the definition and the flow");
    let renamed = apply_edits(PERSIAN, &edits);
    assert_eq!(
        renamed,
        PERSIAN
            .replacen("touchpoint تبلیغ", "touchpoint آگهی", 1)
            .replacen("flow تبلیغ", "flow آگهی", 1)
    );
    assert!(renamed.contains("\"تبلیغ\""), "labels stay");

    // Refused: a keyword, a name that is no ID, a name that is taken.
    let keyword = find_utf16(PERSIAN, "stage", 0);
    let refused = client.request(
        "textDocument/prepareRename",
        position_params(FA_URI, keyword),
    );
    assert!(
        refused["error"]["message"]
            .as_str()
            .unwrap()
            .contains("only an ID can be renamed"),
        "{refused}"
    );
    for (name, why) in [
        ("1x", "is not an ID"),
        ("a b", "is not an ID"),
        ("فروش", "already the ID of a team"),
    ] {
        let refused = client.request(
            "textDocument/rename",
            json!({ "textDocument": { "uri": FA_URI }, "position": at(id.0, id.1),
                    "newName": name }),
        );
        let message = refused["error"]["message"].as_str().unwrap_or_default();
        assert!(message.contains(why), "{name}: {refused}");
    }
    assert_eq!(client.stop(), Some(0));
}

/// The labels offered by a completion at the end of `line` (0-based) after
/// replacing that line with `typed`.
fn completions_after(
    client: &mut Client,
    uri: &str,
    version: i64,
    line: u32,
    typed: &str,
) -> Vec<String> {
    client.change(
        uri,
        version,
        json!([{ "range": range((line, 0), (line + 1, 0)), "text": format!("{typed}\n") }]),
    );
    client.diagnostics(uri);
    let column = typed.encode_utf16().count() as u32;
    let answer = client.request(
        "textDocument/completion",
        position_params(uri, (line, column)),
    );
    answer["result"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| i["label"].as_str().unwrap().to_string())
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn completion_offers_what_fits_the_cursor() {
    let (mut client, _) = Client::start(&[]);
    client.open(HE_URI, HEBREW);
    // Line 14 is `      channel אתר` in the second touchpoint.
    assert_eq!(
        completions_after(&mut client, HE_URI, 2, 14, "      owner "),
        ["שיווק"]
    );
    assert_eq!(
        completions_after(&mut client, HE_URI, 3, 14, "      channel "),
        ["אתר"]
    );
    assert_eq!(
        completions_after(&mut client, HE_URI, 4, 14, "      emotion "),
        ["מיכל"]
    );
    // Line 18 is the first flow.
    assert_eq!(
        completions_after(&mut client, HE_URI, 5, 18, "  flow מודעה -> "),
        ["מודעות", "מודעה", "קופה"]
    );
    let lints = completions_after(&mut client, HE_URI, 6, 18, "  allow ");
    assert_eq!(lints.len(), cjm::lint::LINTS.len());
    assert!(lints.contains(&"empty-stage".to_string()));
    // At a statement's start: the statements of the block.
    let stage = completions_after(&mut client, HE_URI, 7, 14, "      mom");
    assert!(stage.contains(&"moment_of_truth".to_string()), "{stage:?}");
    assert!(stage.contains(&"emotion".to_string()));
    assert!(!stage.contains(&"persona".to_string()));
    let journey = completions_after(&mut client, HE_URI, 8, 18, "  ");
    assert!(journey.contains(&"persona".to_string()) && journey.contains(&"flow".to_string()));
    // Inside a string: nothing.
    assert!(completions_after(&mut client, HE_URI, 9, 14, "      pain \"owner ").is_empty());
    // The typed part of an ID is replaced whole.
    client.change(
        HE_URI,
        10,
        json!([{ "range": range((14, 0), (15, 0)), "text": "      owner שי\n" }]),
    );
    client.diagnostics(HE_URI);
    let answer = client.request("textDocument/completion", position_params(HE_URI, (14, 14)));
    assert_eq!(
        answer["result"][0]["textEdit"]["range"],
        range((14, 12), (14, 14))
    );
    assert_eq!(client.stop(), Some(0));
}

#[test]
fn hover_tells_what_an_id_is() {
    let (mut client, _) = Client::start(&[]);
    client.open(FA_URI, PERSIAN);
    let used = find_utf16(PERSIAN, "پرداخت", 3);
    let answer = client.request("textDocument/hover", position_params(FA_URI, used));
    let text = answer["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        text.starts_with("**touchpoint** `پرداخت` — پرداخت"),
        "{text}"
    );
    for part in [
        "stage: `خرید`",
        "channel: `سایت`",
        "owners: `فروش`",
        "emotion: `سارا` +2",
        "moment of truth",
    ] {
        assert!(text.contains(part), "{part} in {text}");
    }
    assert_eq!(answer["result"]["range"], range(used, (used.0, used.1 + 6)));
    let keyword = find_utf16(PERSIAN, "owner", 0);
    let answer = client.request("textDocument/hover", position_params(FA_URI, keyword));
    let text = answer["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**owner** — "), "{text}");
    // A lint name: its explanation.
    client.change(
        FA_URI,
        2,
        json!([{ "range": range((1, 0), (1, 0)), "text": "  allow open-journey\n" }]),
    );
    client.diagnostics(FA_URI);
    let answer = client.request("textDocument/hover", position_params(FA_URI, (1, 10)));
    let text = answer["result"]["contents"]["value"].as_str().unwrap();
    assert!(text.starts_with("**cjm::open-journey — lint"), "{text}");
    assert_eq!(client.stop(), Some(0));
}

#[test]
fn symbols_nest_stages_and_touchpoints_in_the_journey() {
    let (mut client, _) = Client::start(&[]);
    client.open(FA_URI, PERSIAN);
    let answer = client.request(
        "textDocument/documentSymbol",
        json!({ "textDocument": { "uri": FA_URI } }),
    );
    let journey = &answer["result"][0];
    assert_eq!(journey["name"], "خرید آنلاین");
    let names: Vec<&str> = journey["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["سارا", "فروش", "سایت", "آگاهی", "خرید"]);
    let stage = &journey["children"][4];
    assert_eq!(stage["kind"], 23, "struct");
    assert_eq!(stage["children"][0]["name"], "پرداخت");
    assert_eq!(stage["children"][0]["detail"], "پرداخت");
    let folding = client.request(
        "textDocument/foldingRange",
        json!({ "textDocument": { "uri": FA_URI } }),
    );
    let folds: Vec<(u64, u64)> = folding["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["startLine"].as_u64().unwrap(),
                f["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(folds, [(0, 22), (6, 11), (8, 10), (13, 19), (15, 18)]);
    assert_eq!(client.stop(), Some(0));
}

#[test]
fn formatting_gives_the_text_of_cjm_fmt_and_refuses_broken_files() {
    let (mut client, _) = Client::start(&[]);
    let messy = "journey   \"J\" {\npersona a \"A\"\n      stage s \"S\" { touchpoint t \"T\" }\n}";
    client.open("file:///m.journey", messy);
    let answer = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": "file:///m.journey" },
                "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let edits = answer["result"].as_array().unwrap();
    let formatted = apply_edits(messy, edits);
    assert_eq!(formatted, cjm::format::format(messy).unwrap());
    assert_ne!(formatted, messy);
    client.change(
        "file:///m.journey",
        2,
        json!([{ "text": "journey \"J\" {\n  stage s \"S {\n}\n" }]),
    );
    client.diagnostics("file:///m.journey");
    let refused = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": "file:///m.journey" },
                "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(message.contains("syntax error"), "{refused}");
    assert_eq!(client.stop(), Some(0));
}

#[test]
fn a_code_action_applies_the_did_you_mean() {
    let (mut client, _) = Client::start(&[]);
    let diagnostics = client.open(HE_URI, HEBREW);
    let error = error_of(&diagnostics, "cjm::unknown-reference").clone();
    let answer = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": HE_URI }, "range": error["range"],
                "context": { "diagnostics": [error] } }),
    );
    let action = &answer["result"][0];
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["title"], "Replace `שווק` with `שיווק`");
    assert_eq!(action["diagnostics"][0]["code"], "cjm::unknown-reference");
    let edits = action["edit"]["changes"][HE_URI].as_array().unwrap();
    let fixed = apply_edits(HEBREW, edits);
    assert_eq!(fixed, HEBREW.replace("owner שווק", "owner שיווק"));
    let compiled = cjm::compile(fixed.as_bytes(), &Default::default());
    assert!(!compiled.has_errors(), "{:?}", compiled.diagnostics);

    // A misspelled keyword, and a pain without an opportunity.
    let text = "journey \"J\" {\n  persona p\n  team t\n  stage s {\n    owner t\n    touchpiont a\n  }\n}\n";
    let diagnostics = client.open("file:///k.journey", text);
    let error = error_of(&diagnostics, "cjm::syntax").clone();
    let answer = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": "file:///k.journey" }, "range": error["range"],
                "context": { "diagnostics": [] } }),
    );
    let edits = answer["result"][0]["edit"]["changes"]["file:///k.journey"]
        .as_array()
        .unwrap();
    let fixed = apply_edits(text, edits);
    assert!(fixed.contains("    touchpoint a\n"), "{fixed}");
    assert_eq!(client.stop(), Some(0));
}

#[test]
fn incremental_edits_keep_the_servers_text_equal_to_the_clients() {
    let (mut client, _) = Client::start(&[]);
    client.open(HE_URI, HEBREW);
    let mut text = HEBREW.to_string();
    // Replace the typo, insert an emoji, delete a line: UTF-16 ranges.
    let edits = [
        (range((13, 12), (13, 16)), "שיווק"),
        (range((8, 30), (8, 30)), "👩‍👩‍👧"),
        (range((15, 0), (16, 0)), ""),
    ];
    for (version, (range, new)) in edits.iter().enumerate() {
        let start = offset_utf16(
            &text,
            range["start"]["line"].as_u64().unwrap() as usize,
            range["start"]["character"].as_u64().unwrap() as usize,
        );
        let end = offset_utf16(
            &text,
            range["end"]["line"].as_u64().unwrap() as usize,
            range["end"]["character"].as_u64().unwrap() as usize,
        );
        text.replace_range(start..end, new);
        client.change(
            HE_URI,
            version as i64 + 2,
            json!([{ "range": range, "text": new }]),
        );
        let diagnostics = client.diagnostics(HE_URI);
        assert_eq!(diagnostics["version"], version as i64 + 2);
    }
    assert_eq!(client.text(HE_URI), text);
    assert!(text.contains("\"מודעה 😀👩‍👩‍👧\""), "{text}");
    // Two changes in one notification apply in order.
    client.change(
        HE_URI,
        9,
        json!([
            { "range": range((1, 7), (1, 9)), "text": "fa" },
            { "range": range((1, 2), (1, 2)), "text": "# " },
        ]),
    );
    client.diagnostics(HE_URI);
    text = text.replacen("  lang he", "  # lang fa", 1);
    assert_eq!(client.text(HE_URI), text);
    assert_eq!(client.stop(), Some(0));
}

#[test]
fn bad_input_gets_an_answer_and_the_server_goes_on() {
    let (mut client, _) = Client::start(&[]);
    // Malformed JSON, a frame without a length, a non-message.
    client.send_raw(b"Content-Length: 9\r\n\r\n{not json");
    assert_eq!(client.next().unwrap()["error"]["code"], -32700);
    client.send_raw(b"Content-Type: text\r\n\r\n");
    assert_eq!(client.next().unwrap()["error"]["code"], -32700);
    client.send(&json!({ "jsonrpc": "2.0", "id": 77, "method": 5 }));
    let answer = client.next().unwrap();
    assert_eq!(
        (answer["id"].clone(), answer["error"]["code"].clone()),
        (json!(77), json!(-32600))
    );
    // An unknown method.
    let answer = client.request("textDocument/nonsense", json!({}));
    assert_eq!(answer["error"]["code"], -32601);
    // A document that is not open; a position past the end.
    let answer = client.request(
        "textDocument/hover",
        position_params("file:///nope.journey", (0, 0)),
    );
    assert_eq!(answer["error"]["code"], -32602);
    client.open(FA_URI, PERSIAN);
    let answer = client.request("textDocument/hover", position_params(FA_URI, (400, 0)));
    assert_eq!(answer["error"]["code"], -32602);
    let answer = client.request(
        "textDocument/definition",
        position_params(FA_URI, (0, 9999)),
    );
    assert_eq!(answer["result"], Value::Null);
    // A stale version is not applied.
    client.change(FA_URI, 1, json!([{ "text": "stale" }]));
    assert_eq!(client.text(FA_URI), PERSIAN);
    // Edits past the end are clamped.
    client.change(
        FA_URI,
        2,
        json!([{ "range": range((90, 0), (91, 0)), "text": "# end\n" }]),
    );
    client.diagnostics(FA_URI);
    assert_eq!(client.text(FA_URI), format!("{PERSIAN}# end\n"));
    // A document over the size cap: a `cjm::limit` error, no analysis.
    let huge = format!("journey \"J\" {{\n{}}}\n", "# padding\n".repeat(900_000));
    let diagnostics = client.open("file:///huge.journey", &huge);
    error_of(&diagnostics, "cjm::limit");
    assert!(client.is_running());
    assert_eq!(client.stop(), Some(0));
}

#[test]
fn the_lifecycle_ends_with_the_right_exit_code() {
    // Before `initialize`, a request is refused.
    let mut client = Client::spawn();
    let answer = client.request("textDocument/hover", position_params(FA_URI, (0, 0)));
    assert_eq!(answer["error"]["code"], -32002);
    client.notify("exit", Value::Null);
    assert_eq!(client.wait(), Some(1), "exit without shutdown");

    let (mut client, _) = Client::start(&[]);
    let answer = client.request("shutdown", Value::Null);
    assert_eq!(answer["result"], Value::Null);
    let answer = client.request("textDocument/hover", position_params(FA_URI, (0, 0)));
    assert_eq!(answer["error"]["code"], -32600, "only exit after shutdown");
    client.notify("exit", Value::Null);
    assert_eq!(client.wait(), Some(0));

    // The input ending after `shutdown` ends it as `exit` would; before, not.
    let (mut client, _) = Client::start(&[]);
    client.request("shutdown", Value::Null);
    assert_eq!(client.wait(), Some(0));
    let (client, _) = Client::start(&[]);
    assert_eq!(client.wait(), Some(1));
}

#[test]
fn semantic_tokens_tell_definitions_from_references() {
    let (mut client, result) = Client::start(&[]);
    let legend = result["capabilities"]["semanticTokensProvider"]["legend"].clone();
    let types: Vec<String> = legend["tokenTypes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_string())
        .collect();
    let text = "journey \"J\" { # c\n  team שיווק\n  stage s { owner שיווק; reach 12 }\n}\n";
    client.open("file:///t.journey", text);
    let answer = client.request(
        "textDocument/semanticTokens/full",
        json!({ "textDocument": { "uri": "file:///t.journey" } }),
    );
    let data: Vec<u64> = answer["result"]["data"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_u64().unwrap())
        .collect();
    // Decode to (line, column, length, type, modifiers).
    let (mut line, mut column) = (0, 0);
    let tokens: Vec<(u64, u64, u64, &str, u64)> = data
        .chunks(5)
        .map(|t| {
            if t[0] > 0 {
                column = 0;
            }
            line += t[0];
            column += t[1];
            (line, column, t[2], types[t[3] as usize].as_str(), t[4])
        })
        .collect();
    assert_eq!(
        tokens,
        [
            (0, 0, 7, "keyword", 0),
            (0, 8, 3, "string", 0),
            (0, 14, 3, "comment", 0),
            (1, 2, 4, "keyword", 0),
            (1, 7, 5, "namespace", 1),
            (2, 2, 5, "keyword", 0),
            (2, 8, 1, "struct", 1),
            (2, 12, 5, "keyword", 0),
            (2, 18, 5, "namespace", 0),
            (2, 25, 5, "keyword", 0),
            (2, 31, 2, "number", 0),
        ]
    );
    assert_eq!(client.stop(), Some(0));
}

// ---- hostile input ----------------------------------------------------

mod hostile {
    use super::*;
    use proptest::prelude::*;

    /// (line, UTF-16 column) of a byte offset, lines ending at `\n`, `\r\n`
    /// or `\r` as the protocol says; written apart from the server's code.
    fn position(text: &str, offset: usize) -> (u32, u32) {
        let (mut line, mut start) = (0, 0);
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < offset {
            let end = match bytes[i] {
                b'\r' if bytes.get(i + 1) == Some(&b'\n') => i + 2,
                b'\r' | b'\n' => i + 1,
                _ => {
                    i += 1;
                    continue;
                }
            };
            if end > offset {
                break;
            }
            line += 1;
            start = end;
            i = end;
        }
        (line, text[start..offset].encode_utf16().count() as u32)
    }

    fn pieces() -> impl Strategy<Value = String> {
        let piece = prop::sample::select(vec![
            "a",
            " ",
            "\n",
            "\r\n",
            "\r",
            "ש",
            "آ",
            "ی",
            "\u{301}",
            "😀",
            "👩‍👩‍👧",
            "\"",
            "{",
            "}",
            "owner ",
            "stage x {",
            "touchpoint t",
            "#",
            "\\",
            "->",
            "\u{200F}",
        ]);
        prop::collection::vec(piece, 0..6).prop_map(|p| p.concat())
    }

    /// An edit as fractions of the text (start, length) and its new text.
    fn edits() -> impl Strategy<Value = Vec<(f64, f64, String)>> {
        prop::collection::vec((0.0..=1.0f64, 0.0..0.2f64, pieces()), 1..12)
    }

    /// A frame that is no good message: garbage, broken JSON, a message
    /// with a wrong shape, an unknown method, bad parameters.
    fn frames() -> impl Strategy<Value = Vec<Vec<u8>>> {
        let body = prop_oneof![
            prop::collection::vec(any::<u8>(), 0..40),
            Just(b"{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":".to_vec()),
            Just(b"[1,2,3]".to_vec()),
            Just(b"{\"jsonrpc\":\"2.0\",\"id\":{},\"method\":\"x\"}".to_vec()),
            (
                prop::sample::select(vec![
                    "textDocument/hover",
                    "textDocument/completion",
                    "textDocument/rename",
                    "textDocument/didChange",
                    "textDocument/didOpen",
                    "textDocument/codeAction",
                    "textDocument/semanticTokens/full",
                    "initialize",
                    "$/cancelRequest",
                    "no/such",
                ]),
                prop::option::of(0i64..5),
                prop::sample::select(vec![
                    "null",
                    "{}",
                    "{\"textDocument\":{\"uri\":\"file:///p.journey\"},\"position\":{\"line\":-1,\"character\":2}}",
                    "{\"textDocument\":{\"uri\":\"file:///p.journey\"},\"position\":{\"line\":3,\"character\":4000000000}}",
                    "{\"textDocument\":{\"uri\":\"file:///p.journey\",\"version\":0},\"contentChanges\":[{\"text\":\"x\"}]}",
                    "{\"textDocument\":{\"uri\":\"not a uri\"}}",
                    "[\"positional\"]",
                ]),
            )
                .prop_map(|(method, id, params)| {
                    let id = id.map_or(String::new(), |id| format!("\"id\":{},", id + 1000));
                    format!("{{\"jsonrpc\":\"2.0\",{id}\"method\":\"{method}\",\"params\":{params}}}")
                        .into_bytes()
                }),
        ];
        let frame = prop_oneof![
            body.prop_map(|b| {
                let mut frame = format!("Content-Length: {}\r\n\r\n", b.len()).into_bytes();
                frame.extend(b);
                frame
            }),
            Just(b"Content-Length: nine\r\n\r\n".to_vec()),
            Just(b"X-Header: 1\r\n\r\n".to_vec()),
        ];
        prop::collection::vec(frame, 0..8)
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

        /// Whatever arrives, the server answers the next good request, and
        /// after any edits its text is the client's.
        #[test]
        fn the_server_survives_and_keeps_the_clients_text(
            start in pieces(),
            steps in prop::collection::vec((edits(), frames()), 1..4),
        ) {
            let uri = "file:///p.journey";
            let (mut client, _) = Client::start(&[]);
            let mut text = format!("journey \"J\" {{\n{start}\n}}\n");
            client.open(uri, &text);
            let mut version = 1;
            for (edits, frames) in steps {
                for frame in frames {
                    client.send_raw(&frame);
                }
                for (at, length, new) in edits {
                    let boundary = |mut o: usize| {
                        while !text.is_char_boundary(o) {
                            o -= 1;
                        }
                        o
                    };
                    let start = boundary((at * text.len() as f64) as usize);
                    let end = boundary((start + (length * text.len() as f64) as usize).min(text.len()));
                    let (from, to) = (position(&text, start), position(&text, end));
                    // Editors never split a `\r\n`: moved off one, as they do.
                    let inside_crlf = |o: usize| o > 0 && text.as_bytes()[o - 1] == b'\r'
                        && text.as_bytes().get(o) == Some(&b'\n');
                    if inside_crlf(start) || inside_crlf(end) {
                        continue;
                    }
                    text.replace_range(start..end, &new);
                    version += 1;
                    client.change(uri, version, json!([{ "range": range(from, to), "text": new }]));
                }
                prop_assert_eq!(client.text(uri), text.clone());
                let answer = client.request("textDocument/hover", position_params(uri, (1, 1)));
                prop_assert!(answer.get("result").is_some() || answer.get("error").is_some());
            }
            prop_assert!(client.is_running());
            prop_assert_eq!(client.stop(), Some(0));
        }
    }
}
