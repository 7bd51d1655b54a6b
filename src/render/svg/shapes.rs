//! Rectangles, paths and circles: written down exactly as laid out.

use super::Painter;
use super::markup::Tag;
use crate::layout::scene::{Circle, Cmd, Paint, PathShape, RectShape, Stroke};

/// A coordinate with at most two decimals, trailing zeros trimmed.
#[cfg(test)]
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

/// `fill`: `none` for an outline only.
fn fill(tag: &mut Tag<'_>, p: &Painter, fill: Option<Paint>) {
    tag.attr("fill", fill.map_or("none", |f| p.color(f)));
}

/// `stroke` and `stroke-dasharray`: a path writes its caps and joins
/// between these and `stroke-width`, in name order.
fn stroke_and_dash(tag: &mut Tag<'_>, p: &Painter, stroke: &Stroke) {
    tag.attr("stroke", p.color(stroke.paint));
    if let Some((a, b)) = stroke.dash {
        tag.pair("stroke-dasharray", a, b);
    }
}

/// The stroke's attributes, if any.
fn stroke(tag: &mut Tag<'_>, p: &Painter, stroke: Option<&Stroke>) {
    if let Some(s) = stroke {
        stroke_and_dash(tag, p, s);
        tag.num("stroke-width", s.width);
    }
}

pub(crate) fn rect(out: &mut String, r: &RectShape, p: &Painter) {
    out.push('\n');
    let mut tag = Tag::new(out, "rect");
    fill(&mut tag, p, r.fill);
    tag.num("height", r.rect.h);
    if r.radius > 0.0 {
        tag.num("rx", r.radius);
    }
    stroke(&mut tag, p, r.stroke.as_ref());
    tag.num("width", r.rect.w)
        .num("x", r.rect.x)
        .num("y", r.rect.y);
    tag.close();
}

pub(crate) fn path(out: &mut String, s: &PathShape, p: &Painter) {
    out.push('\n');
    let mut tag = Tag::new(out, "path");
    let d = tag.value_of("d");
    for (i, c) in s.cmds.iter().enumerate() {
        if i > 0 {
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
            push_n(d, v);
        }
    }
    tag.end_value();
    fill(&mut tag, p, s.fill);
    if let Some(st) = &s.stroke {
        stroke_and_dash(&mut tag, p, st);
        tag.attr("stroke-linecap", "round")
            .attr("stroke-linejoin", "round")
            .num("stroke-width", st.width);
    }
    tag.close();
}

pub(crate) fn circle(out: &mut String, c: &Circle, p: &Painter) {
    out.push('\n');
    let mut tag = Tag::new(out, "circle");
    tag.num("cx", c.cx).num("cy", c.cy);
    fill(&mut tag, p, c.fill);
    tag.num("r", c.r);
    stroke(&mut tag, p, c.stroke.as_ref());
    tag.close();
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
