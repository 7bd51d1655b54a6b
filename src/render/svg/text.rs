//! Text blocks: one `<text>` per run, its `x` the run's centre with
//! `text-anchor="middle"`, its direction set, the text in logical order.
//! This is the form on which resvg and browsers agree.

use super::Painter;
use super::markup::{Tag, escape_attr, escape_text};
use super::shapes::push_n;
use crate::layout::scene::TextBlock;
use crate::text::{self, FontId};

/// Whether the block draws anything (an empty one is not written).
pub(crate) fn visible(t: &TextBlock) -> bool {
    t.lines.iter().any(|l| !l.runs.is_empty())
}

/// The start of a run's `<text>` up to its `x` value: the attributes that
/// only depend on the font and the direction, written once per font.
pub(crate) fn run_start(font: FontId, rtl: bool) -> Vec<u8> {
    let mut out = b"<text direction=\"".to_vec();
    out.extend_from_slice(if rtl { b"rtl" } else { b"ltr" });
    out.extend_from_slice(b"\" font-family=\"");
    // The bundled families are plain CSS identifiers, valid unquoted;
    // dropping the quotes spares an `&apos;` pair each.
    escape_attr(&mut out, &text::family_list(font).replace('\'', ""));
    out.push(b'"');
    let weight = text::css_weight(font);
    if weight != 400 {
        out.extend_from_slice(b" font-weight=\"");
        out.extend_from_slice(weight.to_string().as_bytes());
        out.push(b'"');
    }
    out.extend_from_slice(b" unicode-bidi=\"embed\" x=\"");
    out
}

/// Writes the block, if visible, as a child element (a newline first).
pub(crate) fn block(out: &mut Vec<u8>, t: &TextBlock, p: &Painter) {
    if !visible(t) {
        return;
    }
    out.push(b'\n');
    let mut g = Tag::new(out, "g");
    g.lit("fill", p.color(t.paint))
        .num("font-size", t.style.size);
    if t.halo {
        // A halo in the background colour keeps labels legible where a
        // curve or line passes behind them.
        g.lit("paint-order", "stroke")
            .lit("stroke", p.color(t.background))
            .lit("stroke-linejoin", "round")
            .lit("stroke-width", "3");
    }
    g.lit("text-anchor", "middle");
    if t.underline {
        g.lit("text-decoration", "underline");
    }
    let out = g.open();
    for line in &t.lines {
        for run in &line.runs {
            out.push(b'\n');
            p.run_start(out, run.font, run.rtl);
            push_n(out, run.cx);
            out.extend_from_slice(b"\" y=\"");
            push_n(out, line.baseline);
            out.extend_from_slice(b"\">");
            escape_text(out, &run.text);
            out.extend_from_slice(b"</text>");
        }
    }
    out.extend_from_slice(b"\n</g>");
}
