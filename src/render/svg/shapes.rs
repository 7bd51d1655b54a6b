//! Rectangles, paths and circles: written down exactly as laid out.

use super::Painter;
use super::xml::Element;
use crate::layout::scene::{Circle, Cmd, PathShape, RectShape, Stroke};

/// A coordinate with at most two decimals, trailing zeros trimmed.
pub(crate) fn n(v: f32) -> String {
    let mut out = String::with_capacity(12);
    push_n(&mut out, v);
    out
}

/// Appends `n(v)`. Written from the integer number of hundredths: the same
/// digits as `{:.2}` of hundredths / 100 (that quotient is the double
/// nearest to a two-decimal value, far from any rounding tie), without the
/// exact float formatting and the allocations that were a sixth of a big
/// map's time.
pub(crate) fn push_n(out: &mut String, v: f32) {
    let hundredths = (f64::from(v) * 100.0).round();
    // Below 1e9 a double resolves far finer than a hundredth.
    if hundredths.abs() >= 1e11 || hundredths.is_nan() {
        let s = format!("{:.2}", hundredths / 100.0);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        out.push_str(if s == "-0" { "0" } else { s });
        return;
    }
    let k = hundredths as i64;
    if k < 0 {
        out.push('-');
    }
    let (mut whole, frac) = (k.unsigned_abs() / 100, k.unsigned_abs() % 100);
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        digits[at] = b'0' + (whole % 10) as u8;
        whole /= 10;
        if whole == 0 {
            break;
        }
    }
    for &d in &digits[at..] {
        out.push(char::from(d));
    }
    if frac != 0 {
        out.push('.');
        out.push(char::from(b'0' + (frac / 10) as u8));
        if frac % 10 != 0 {
            out.push(char::from(b'0' + (frac % 10) as u8));
        }
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
        let (letter, points): (char, &[f32]) = match c {
            Cmd::Move(x, y) => ('M', &[*x, *y]),
            Cmd::Line(x, y) => ('L', &[*x, *y]),
            Cmd::Cubic(a, b, c2, e, f, g) => ('C', &[*a, *b, *c2, *e, *f, *g]),
            Cmd::Close => ('Z', &[]),
        };
        d.push(letter);
        for (i, &v) in points.iter().enumerate() {
            if i > 0 {
                d.push(' ');
            }
            push_n(&mut d, v);
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

    /// The fast path writes what exact float formatting wrote before.
    #[test]
    fn fast_digits_match_float_formatting() {
        fn slow(v: f32) -> String {
            let r = (f64::from(v) * 100.0).round() / 100.0;
            let s = format!("{r:.2}");
            let s = s.trim_end_matches('0').trim_end_matches('.');
            if s == "-0" {
                "0".to_string()
            } else {
                s.to_string()
            }
        }
        let mut x: u32 = 0x1234_5678;
        for i in 0..200_000u32 {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            let v = match i % 4 {
                0 => (x % 2_000_000) as f32 / 1000.0 - 1000.0,
                1 => (x % 100_000) as f32 * 0.005 - 250.0,
                2 => f32::from_bits(x) % 1e8,
                _ => (x % 4000) as f32 / 8.0 - 250.0,
            };
            if v.is_finite() {
                assert_eq!(n(v), slow(v), "{v}");
            }
        }
        for v in [
            0.0,
            -0.0,
            0.005,
            -0.005,
            0.015,
            1e9,
            -1e9,
            3e12,
            f32::MAX,
            f32::NAN,
            f32::INFINITY,
        ] {
            assert_eq!(n(v), slow(v), "{v}");
        }
    }
}
