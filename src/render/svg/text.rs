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
pub(crate) fn run_start(font: FontId, rtl: bool) -> String {
    let mut out = String::from("<text direction=\"");
    out.push_str(if rtl { "rtl" } else { "ltr" });
    out.push_str("\" font-family=\"");
    // The bundled families are plain CSS identifiers, valid unquoted;
    // dropping the quotes spares an `&apos;` pair each.
    escape_attr(&mut out, &text::family_list(font).replace('\'', ""));
    out.push('"');
    let weight = text::css_weight(font);
    if weight != 400 {
        out.push_str(" font-weight=\"");
        out.push_str(&weight.to_string());
        out.push('"');
    }
    out.push_str(" unicode-bidi=\"embed\" x=\"");
    out
}

/// Writes the block, if visible, as a child element (a newline first).
pub(crate) fn block(out: &mut String, t: &TextBlock, p: &Painter) {
    if !visible(t) {
        return;
    }
    out.push('\n');
    let mut g = Tag::new(out, "g");
    g.attr("fill", p.color(t.paint))
        .num("font-size", t.style.size);
    if t.halo {
        // A halo in the background colour keeps labels legible where a
        // curve or line passes behind them.
        g.attr("paint-order", "stroke")
            .attr("stroke", p.color(t.background))
            .attr("stroke-linejoin", "round")
            .attr("stroke-width", "3");
    }
    g.attr("text-anchor", "middle");
    if t.underline {
        g.attr("text-decoration", "underline");
    }
    let out = g.open();
    for line in &t.lines {
        for run in &line.runs {
            out.push('\n');
            p.run_start(out, run.font, run.rtl);
            push_n(out, run.cx);
            out.push_str("\" y=\"");
            push_n(out, line.baseline);
            out.push_str("\">");
            escape_text(out, &run.text);
            out.push_str("</text>");
        }
    }
    out.push_str("\n</g>");
}
