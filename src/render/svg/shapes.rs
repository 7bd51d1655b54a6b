//! Rectangles, paths and circles: written down exactly as laid out.

use super::Painter;
use crate::layout::scene::{Circle, Cmd, PathShape, RectShape, Stroke};
use ::svg::node::element::Element;

/// A coordinate with at most two decimals, trailing zeros trimmed.
pub(crate) fn n(v: f32) -> String {
    let r = (f64::from(v) * 100.0).round() / 100.0;
    let s = format!("{r:.2}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

fn paint_attrs(
    mut el: Element,
    p: &Painter,
    fill: Option<crate::layout::scene::Paint>,
    stroke: Option<Stroke>,
) -> Element {
    el.assign("fill", fill.map_or("none", |f| p.color(f)));
    if let Some(s) = stroke {
        el.assign("stroke", p.color(s.paint));
        el.assign("stroke-width", n(s.width));
        if let Some((a, b)) = s.dash {
            el.assign("stroke-dasharray", format!("{} {}", n(a), n(b)));
        }
    }
    el
}

use ::svg::Node;

pub(crate) fn rect(r: &RectShape, p: &Painter) -> Element {
    let mut el = Element::new("rect");
    el.assign("x", n(r.rect.x));
    el.assign("y", n(r.rect.y));
    el.assign("width", n(r.rect.w));
    el.assign("height", n(r.rect.h));
    if r.radius > 0.0 {
        el.assign("rx", n(r.radius));
    }
    paint_attrs(el, p, r.fill, r.stroke)
}

pub(crate) fn path(s: &PathShape, p: &Painter) -> Element {
    let mut d = String::new();
    for c in &s.cmds {
        if !d.is_empty() {
            d.push(' ');
        }
        match *c {
            Cmd::Move(x, y) => d.push_str(&format!("M{} {}", n(x), n(y))),
            Cmd::Line(x, y) => d.push_str(&format!("L{} {}", n(x), n(y))),
            Cmd::Cubic(a, b, c2, e, f, g) => d.push_str(&format!(
                "C{} {} {} {} {} {}",
                n(a),
                n(b),
                n(c2),
                n(e),
                n(f),
                n(g)
            )),
            Cmd::Close => d.push('Z'),
        }
    }
    let mut el = Element::new("path");
    el.assign("d", d);
    if s.stroke.is_some() {
        el.assign("stroke-linecap", "round");
        el.assign("stroke-linejoin", "round");
    }
    paint_attrs(el, p, s.fill, s.stroke)
}

pub(crate) fn circle(c: &Circle, p: &Painter) -> Element {
    let mut el = Element::new("circle");
    el.assign("cx", n(c.cx));
    el.assign("cy", n(c.cy));
    el.assign("r", n(c.r));
    paint_attrs(el, p, c.fill, c.stroke)
}

#[cfg(test)]
mod tests {
    use super::n;

    #[test]
    fn coordinates_have_at_most_two_decimals() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(1.234_567), "1.23");
        assert_eq!(n(-0.001), "0");
        assert_eq!(n(12.5), "12.5");
    }
}
