//! The drawing rule checked against resvg: runs drawn as the module docs
//! say land where `wrap` put them, in the order a reader expects.

use resvg::usvg;

use super::*;

const BODY: Style = Style {
    size: 16.0,
    weight: Weight::Regular,
};

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An SVG drawing `line` with its left edge at x = 10, as the layout will.
fn svg_for(line: &Line) -> String {
    let mut body = String::new();
    for run in &line.runs {
        body.push_str(&format!(
            r#"<text x="{:.2}" y="30" font-size="16" font-family="{}" font-weight="{}" text-anchor="middle" direction="{}" unicode-bidi="embed">{}</text>"#,
            10.0 + run.x + run.width / 2.0,
            family_list(run.font).replace('\'', "&apos;"),
            css_weight(run.font),
            if run.rtl { "rtl" } else { "ltr" },
            escape(&run.text),
        ));
    }
    format!(r#"<svg xmlns="http://www.w3.org/2000/svg" width="600" height="60">{body}</svg>"#)
}

/// (text, x) of every glyph resvg lays out for each run, sorted by x.
fn glyphs(svg: &str) -> Vec<Vec<(String, f32, u32)>> {
    let mut options = usvg::Options::default();
    for data in font_files() {
        options.fontdb_mut().load_font_data(data.to_vec());
    }
    let tree = usvg::Tree::from_str(svg, &options).expect("valid svg");
    let mut out = Vec::new();
    for node in tree.root().children() {
        if let usvg::Node::Text(text) = node {
            let mut glyphs: Vec<(String, f32, u32)> = text
                .layouted()
                .iter()
                .flat_map(|span| span.positioned_glyphs.iter())
                .map(|g| (g.text.clone(), g.transform().tx, g.id.0))
                .collect();
            glyphs.sort_by(|a, b| a.1.total_cmp(&b.1));
            out.push(glyphs);
        }
    }
    out
}

#[test]
fn resvg_draws_runs_where_wrap_placed_them() {
    for (text, rtl, expected_left_to_right) in [
        ("שלום!", true, "!םולש"),
        ("3 ימים", true, "םימי3"),
        ("(שלום) hello", true, "hello)םולש("),
        ("אני אוהב Rust מאוד", true, "דואמRustבהוא ינא"),
        ("Pay 3 ימים now!", false, "Pay 3םימיnow!"),
    ] {
        let line = wrap(text, BODY, 1000.0, rtl).remove(0);
        let laid_out = glyphs(&svg_for(&line));
        assert_eq!(laid_out.len(), line.runs.len());
        let mut seen = String::new();
        for (run, glyphs) in line.runs.iter().zip(&laid_out) {
            // The run starts at its left edge (within half a pixel).
            let left = glyphs.iter().map(|g| g.1).fold(f32::MAX, f32::min);
            assert!(
                (left - (10.0 + run.x)).abs() < 0.5,
                "{text}: {left} vs {}",
                10.0 + run.x
            );
            for (t, _, id) in glyphs {
                if t.chars().all(|c| c == '\u{200F}') {
                    continue;
                }
                assert_ne!(*id, 0, "{text}: missing glyph for {t:?}");
                seen.push_str(t);
            }
        }
        // Glyph texts are logical characters in visual order.
        assert_eq!(
            seen.replace(' ', ""),
            expected_left_to_right.replace(' ', ""),
            "{text}"
        );
    }
}

#[test]
fn resvg_mirrors_parentheses_of_rtl_runs() {
    // "(שלום)" in an RTL line: the closing parenthesis is drawn on the
    // left with the glyph of "(", the opening one on the right as ")".
    let line = wrap("(שלום)", BODY, 1000.0, true).remove(0);
    let drawn: Vec<(String, f32, u32)> = glyphs(&svg_for(&line)).concat();
    let parens: Vec<&(String, f32, u32)> =
        drawn.iter().filter(|g| g.0 == "(" || g.0 == ")").collect();
    assert_eq!(parens.len(), 2);
    let (left, right) = if parens[0].1 < parens[1].1 {
        (parens[0], parens[1])
    } else {
        (parens[1], parens[0])
    };
    assert_eq!(left.0, ")");
    assert_eq!(right.0, "(");
    let latin = plain_glyph_ids("()");
    assert_eq!((left.2, right.2), (latin[0], latin[1]), "mirrored glyphs");
}

/// Glyph ids of `text` drawn by resvg in a plain LTR text.
fn plain_glyph_ids(text: &str) -> Vec<u32> {
    let svg = format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="100" height="40"><text x="5" y="30" font-family="Noto Sans" font-size="16">{}</text></svg>"#,
        escape(text)
    );
    glyphs(&svg).concat().into_iter().map(|g| g.2).collect()
}
