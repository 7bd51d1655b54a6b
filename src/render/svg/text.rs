//! Text blocks: one `<text>` per run, its `x` the run's centre with
//! `text-anchor="middle"`, its direction set, the text in logical order.
//! This is the form on which resvg and browsers agree.

use super::Painter;
use super::shapes::n;
use super::xml::{self, Element};
use crate::layout::scene::TextBlock;
use crate::text;

pub(crate) fn block(t: &TextBlock, p: &mut Painter) -> Option<Element> {
    if t.lines.iter().all(|l| l.runs.is_empty()) {
        return None;
    }
    let mut g = Element::new("g");
    g.assign("font-size", n(t.style.size));
    g.assign("fill", p.color(t.paint));
    g.assign("text-anchor", "middle");
    if t.underline {
        g.assign("text-decoration", "underline");
    }
    if t.halo {
        // A halo in the background colour keeps labels legible where a
        // curve or line passes behind them.
        g.assign("stroke", p.color(t.background));
        g.assign("stroke-width", "3");
        g.assign("stroke-linejoin", "round");
        g.assign("paint-order", "stroke");
    }
    for line in &t.lines {
        for run in &line.runs {
            p.use_chars(run.font, &run.text);
            let mut el = Element::new("text");
            el.assign("x", n(run.cx));
            el.assign("y", n(line.baseline));
            // The bundled families are plain CSS identifiers, valid
            // unquoted; dropping the quotes spares an `&apos;` pair each.
            el.assign("font-family", text::family_list(run.font).replace('\'', ""));
            let weight = text::css_weight(run.font);
            if weight != 400 {
                el.assign("font-weight", weight.to_string());
            }
            el.assign("direction", if run.rtl { "rtl" } else { "ltr" });
            el.assign("unicode-bidi", "embed");
            el.append(xml::Text::new(run.text.clone()));
            g.append(el);
        }
    }
    Some(g)
}
