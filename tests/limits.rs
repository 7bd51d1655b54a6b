//! Limits: hostile or runaway files get a clear `cjm::limit` (or syntax)
//! error in bounded time and memory, never a hang, a stack overflow or a
//! silently shortened map.

use std::fmt::Write;
use std::time::{Duration, Instant};

use cjm::{CompileOptions, Limits, compile};

fn codes(bytes: &[u8], options: &CompileOptions) -> Vec<String> {
    let compiled = compile(bytes, options);
    // Every diagnostic renders: spans stay inside the source shown.
    cjm::report::human("f.journey", &compiled.source, &compiled.diagnostics, false);
    compiled.diagnostics.into_iter().map(|d| d.code).collect()
}

fn with_limits(limits: Limits) -> CompileOptions {
    CompileOptions {
        limits,
        ..CompileOptions::default()
    }
}

/// One stage holding `n` bare touchpoints, with a persona and emotions
/// left out (lints only warn).
fn touchpoints(n: usize) -> String {
    let mut out = String::from("journey \"Big\" {\n  stage s \"S\" {\n");
    for i in 0..n {
        writeln!(out, "    touchpoint t{i}").unwrap();
    }
    out.push_str("  }\n}\n");
    out
}

/// Generous enough for a slow debug build on a loaded machine; a
/// quadratic pass over these inputs would take minutes.
const SLOW: Duration = Duration::from_secs(60);

fn timed<T>(what: &str, f: impl FnOnce() -> T) -> T {
    let start = Instant::now();
    let out = f();
    let took = start.elapsed();
    assert!(took < SLOW, "{what} took {took:?}");
    eprintln!("{what}: {took:?}");
    out
}

#[test]
fn a_file_over_the_size_cap_is_refused_before_reading_it() {
    let options = CompileOptions::default();
    let mut bytes = vec![b' '; cjm::limits::DEFAULT_MAX_FILE_SIZE + 1];
    // Not even valid UTF-8: the size is checked first.
    bytes[0] = 0xFF;
    let compiled = timed("9 MiB file", || compile(&bytes, &options));
    assert_eq!(
        compiled
            .diagnostics
            .iter()
            .map(|d| d.code.as_str())
            .collect::<Vec<_>>(),
        ["cjm::limit"]
    );
    assert!(compiled.diagnostics[0].message.contains("8.0 MiB"));
    // fmt refuses it too.
    let text = " ".repeat(cjm::limits::DEFAULT_MAX_FILE_SIZE + 1);
    let refused = cjm::format::format(&text).unwrap_err();
    assert_eq!(refused[0].code, "cjm::limit");
    assert!(compiled.journey.is_none());
    cjm::report::human("f.journey", &compiled.source, &compiled.diagnostics, false);
}

#[test]
fn the_size_cap_is_configurable() {
    let source = touchpoints(3);
    let at = |max_file_size| {
        with_limits(Limits {
            max_file_size,
            ..Limits::default()
        })
    };
    assert_eq!(
        codes(source.as_bytes(), &at(source.len() - 1)),
        ["cjm::limit"]
    );
    assert!(!codes(source.as_bytes(), &at(source.len())).contains(&"cjm::limit".to_string()));
}

#[test]
fn the_element_cap_counts_definitions_and_flow_edges() {
    let at = |max_elements| {
        with_limits(Limits {
            max_elements,
            ..Limits::default()
        })
    };
    // 1 stage + 9 touchpoints = 10 elements.
    let source = touchpoints(9);
    assert!(compile(source.as_bytes(), &at(10)).journey.is_some());
    assert_eq!(codes(source.as_bytes(), &at(9)), ["cjm::limit"]);
    // A flow of three points is two edges.
    let flows = source.replace("  }\n}", "  }\n  flow t0 -> t1 -> t2\n}");
    assert!(compile(flows.as_bytes(), &at(12)).journey.is_some());
    assert_eq!(codes(flows.as_bytes(), &at(11)), ["cjm::limit"]);
}

/// The default caps: 100,000 touchpoints compile; one more element is
/// refused. (In a debug build this takes a few seconds.)
#[test]
fn a_hundred_thousand_touchpoints_compile_and_one_more_is_refused() {
    let options = CompileOptions::default();
    let source = touchpoints(99_999);
    assert!(source.len() < cjm::limits::DEFAULT_MAX_FILE_SIZE);
    let compiled = timed("100,000 elements", || compile(source.as_bytes(), &options));
    assert!(
        compiled.journey.is_some(),
        "{:?}",
        &compiled.diagnostics[..1]
    );
    assert_eq!(compiled.journey.unwrap().touchpoints().count(), 99_999);

    let source = touchpoints(100_000);
    let compiled = timed("100,001 elements", || compile(source.as_bytes(), &options));
    let limit: Vec<_> = compiled
        .diagnostics
        .iter()
        .filter(|d| d.code == "cjm::limit")
        .collect();
    assert_eq!(limit.len(), 1);
    assert!(
        limit[0].message.contains("100001 elements"),
        "{}",
        limit[0].message
    );
    assert!(compiled.journey.is_none());
}

#[test]
fn a_label_of_ten_thousand_characters_is_the_most() {
    let options = CompileOptions::default();
    let at = |chars: usize, letter: &str| {
        format!(
            "journey \"J\" {{\n  stage s {{ touchpoint t \"{}\" }}\n}}\n",
            letter.repeat(chars)
        )
    };
    // Characters, not bytes: Hebrew letters are two bytes each.
    assert!(
        compile(at(10_000, "ש").as_bytes(), &options)
            .journey
            .is_some()
    );
    assert_eq!(codes(at(10_001, "ש").as_bytes(), &options), ["cjm::limit"]);
    // An escape counts as the one character it stands for.
    assert!(
        compile(at(10_000, "\\\"").as_bytes(), &options)
            .journey
            .is_some()
    );
    // Identifiers too: without a label, the ID is drawn.
    let id = format!(
        "journey \"J\" {{\n  stage s {{ touchpoint {} }}\n}}\n",
        "a".repeat(10_001)
    );
    assert_eq!(codes(id.as_bytes(), &options), ["cjm::limit"]);
}

#[test]
fn deep_nesting_is_a_syntax_error_not_a_stack_overflow() {
    let options = CompileOptions::default();
    // Keywords that open blocks, then unknown words that open skipped ones.
    let mut source = String::from("journey \"J\" {\n stage s {\n  touchpoint t {\n");
    for i in 0..40 {
        writeln!(source, "{}x{i} {{", " ".repeat(i + 3)).unwrap();
    }
    for i in (0..43).rev() {
        writeln!(source, "{}}}", " ".repeat(i)).unwrap();
    }
    let compiled = compile(source.as_bytes(), &options);
    assert!(
        compiled
            .diagnostics
            .iter()
            .any(|d| d.code == "cjm::syntax" && d.message == "blocks are nested too deeply"),
        "{:?}",
        compiled.diagnostics
    );
    // A million braces, the most a file under the cap can hold many times
    // over, and as many unclosed strings.
    for filler in ["{", "}", "{\"", "x {\n"] {
        let source = format!("journey \"J\" {{\n{}", filler.repeat(1_000_000));
        let compiled = timed(&format!("a million {filler:?}"), || {
            compile(source.as_bytes(), &options)
        });
        assert!(compiled.has_errors());
        let fmt = timed(&format!("fmt of a million {filler:?}"), || {
            cjm::format::format(&source)
        });
        assert!(fmt.is_err());
    }
}

/// One line holding the whole file: nothing scans back to the start of
/// the line for every statement.
#[test]
fn a_file_on_one_line_compiles_in_linear_time() {
    let options = CompileOptions::default();
    let mut source = String::from("journey \"J\" { stage s { ");
    for i in 0..50_000 {
        write!(source, "touchpoint t{i} {{ action \"a\"; emotion 1 }} ").unwrap();
    }
    source.push_str("} }");
    let compiled = timed("50,000 touchpoints on one line", || {
        compile(source.as_bytes(), &options)
    });
    assert!(compiled.journey.is_some());
    let formatted = timed("fmt of one line", || cjm::format::format(&source)).unwrap();
    assert!(formatted.lines().count() > 50_000);
    // Errors on every statement of one line: each is located without
    // rescanning the line.
    let broken = source.replace("emotion 1", "emotion 9");
    let compiled = timed("50,000 errors on one line", || {
        compile(broken.as_bytes(), &options)
    });
    assert_eq!(compiled.diagnostics.len(), 50_000);
    // And reported without quoting the 2 MB line 50,000 times.
    let human = timed("human report of 50,000 errors on one line", || {
        cjm::report::human("f.journey", &compiled.source, &compiled.diagnostics, false)
    });
    assert!(human.len() < 50_000 * 1_000, "{} bytes", human.len());
    assert!(human.contains("the line is too long to quote"));
    timed("json and github reports", || {
        cjm::report::json_lines("f.journey", &compiled.source, &compiled.diagnostics);
        cjm::report::github("f.journey", &compiled.source, &compiled.diagnostics);
    });
}

/// Thousands of errors in a large file of ordinary lines: each report
/// reads only the lines around its place, and "did you mean" searches
/// stop after a while instead of comparing every pair of IDs.
#[test]
fn many_errors_in_a_large_file_report_in_linear_time() {
    let mut source = String::from("journey \"J\" {\n  stage s {\n");
    for i in 0..20_000 {
        writeln!(
            source,
            "    touchpoint t{i} {{ channel nope{i}; owner t{i} }}"
        )
        .unwrap();
    }
    source.push_str("  }\n}\n");
    let compiled = timed("40,000 reference errors", || {
        compile(source.as_bytes(), &CompileOptions::default())
    });
    assert_eq!(compiled.diagnostics.len(), 40_000);
    let human = timed("their human report", || {
        cjm::report::human("f.journey", &compiled.source, &compiled.diagnostics, false)
    });
    assert!(human.contains("t19999"));
}

/// Thousands of lanes, a `lanes` statement naming each of them with
/// thousands of bad names among them, and a touchpoint scoring each lane
/// twice: every check is a lookup, never a pass over all lanes per name.
#[test]
fn many_lanes_and_lane_errors_resolve_in_linear_time() {
    let n = 10_000;
    let mut source = String::from("journey \"J\" {\n");
    for i in 0..n {
        writeln!(source, "  lane l{i} score 0..10").unwrap();
    }
    let names: Vec<String> = (0..n)
        .flat_map(|i| [format!("l{i}"), format!("nope{i}")])
        .collect();
    writeln!(source, "  lanes {}", names.join(", ")).unwrap();
    source.push_str("  stage s {\n    touchpoint t {\n");
    for i in 0..n {
        writeln!(source, "      lane l{i} 5; lane l{i} 6").unwrap();
    }
    source.push_str("    }\n  }\n}\n");
    let compiled = timed("10,000 lanes with 20,000 errors", || {
        compile(source.as_bytes(), &CompileOptions::default())
    });
    let count = |code: &str| {
        compiled
            .diagnostics
            .iter()
            .filter(|d| d.code == code)
            .count()
    };
    assert_eq!(count("cjm::unknown-reference"), n);
    assert_eq!(count("cjm::duplicate-property"), n);
}
