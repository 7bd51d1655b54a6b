//! Rectangles, paths and circles: written down exactly as laid out.

use super::Painter;
use super::markup::Tag;
use crate::layout::scene::{Circle, Cmd, Paint, PathShape, RectShape, Stroke};

/// A coordinate with at most two decimals, trailing zeros trimmed.
#[cfg(test)]
pub(crate) fn n(v: f32) -> String {
    let mut out = Vec::with_capacity(12);
    push_n(&mut out, v);
    String::from_utf8_lossy(&out).into_owned()
}

/// Appends `n(v)`. Written from the integer number of hundredths: the same
/// digits as `{:.2}` of hundredths / 100 (that quotient is the double
/// nearest to a two-decimal value, far from any rounding tie), without the
/// exact float formatting and the allocations that were a sixth of a big
/// map's time.
pub(crate) fn push_n(out: &mut Vec<u8>, v: f32) {
    let x = f64::from(v) * 100.0;
    // Below 1e9 a double resolves far finer than a hundredth.
    if x.abs() >= 1e11 || x.is_nan() {
        let s = format!("{:.2}", x.round() / 100.0);
        let s = s.trim_end_matches('0').trim_end_matches('.');
        out.extend_from_slice(if s == "-0" { b"0" } else { s.as_bytes() });
        return;
    }
    let k = round(x);
    // Digits from the right into a buffer, then one copy: most numbers
    // of a map are a handful of characters.
    let mut buf = [0u8; 16];
    let mut at = buf.len();
    // Below 1e11 hundredths the whole part fits in 32 bits.
    let (mut whole, frac) = (
        (k.unsigned_abs() / 100) as u32,
        (k.unsigned_abs() % 100) as u8,
    );
    if frac != 0 {
        if frac % 10 != 0 {
            at -= 1;
            buf[at] = b'0' + frac % 10;
        }
        at -= 2;
        buf[at] = b'.';
        buf[at + 1] = b'0' + frac / 10;
    }
    // Two digits at a time: a wide map's coordinates have six or seven.
    while whole >= 100 {
        let pair = 2 * (whole % 100) as usize;
        whole /= 100;
        at -= 2;
        buf[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    }
    if whole >= 10 {
        let pair = 2 * whole as usize;
        at -= 2;
        buf[at..at + 2].copy_from_slice(&PAIRS[pair..pair + 2]);
    } else {
        at -= 1;
        buf[at] = b'0' + whole as u8;
    }
    if k < 0 {
        at -= 1;
        buf[at] = b'-';
    }
    out.extend_from_slice(&buf[at..]);
}

/// "00" to "99".
const PAIRS: &[u8; 200] = b"\
    0001020304050607080910111213141516171819\
    2021222324252627282930313233343536373839\
    4041424344454647484950515253545556575859\
    6061626364656667686970717273747576777879\
    8081828384858687888990919293949596979899";

/// `x.round()` (half away from zero) for `|x| < 1e11`, without the call
/// `round` is on the baseline x86-64 target: `x - trunc(x)` is exact there.
fn round(x: f64) -> i64 {
    let t = x as i64;
    let rest = x - t as f64;
    if rest >= 0.5 {
        t + 1
    } else if rest <= -0.5 {
        t - 1
    } else {
        t
    }
}

/// `fill`: `none` for an outline only.
fn fill(tag: &mut Tag<'_>, p: &Painter, fill: Option<Paint>) {
    tag.lit("fill", fill.map_or("none", |f| p.color(f)));
}

/// `stroke` and `stroke-dasharray`: a path writes its caps and joins
/// between these and `stroke-width`, in name order.
fn stroke_and_dash(tag: &mut Tag<'_>, p: &Painter, stroke: &Stroke) {
    tag.lit("stroke", p.color(stroke.paint));
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

pub(crate) fn rect(out: &mut Vec<u8>, r: &RectShape, p: &Painter) {
    out.push(b'\n');
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

pub(crate) fn path(out: &mut Vec<u8>, s: &PathShape, p: &Painter) {
    out.push(b'\n');
    let mut tag = Tag::new(out, "path");
    let d = tag.value_of("d");
    for (i, c) in s.cmds.iter().enumerate() {
        if i > 0 {
            d.push(b' ');
        }
        let (letter, points): (u8, &[f32]) = match c {
            Cmd::Move(x, y) => (b'M', &[*x, *y]),
            Cmd::Line(x, y) => (b'L', &[*x, *y]),
            Cmd::Cubic(a, b, c2, e, f, g) => (b'C', &[*a, *b, *c2, *e, *f, *g]),
            Cmd::Close => (b'Z', &[]),
        };
        d.push(letter);
        for (i, &v) in points.iter().enumerate() {
            if i > 0 {
                d.push(b' ');
            }
            push_n(d, v);
        }
    }
    tag.end_value();
    fill(&mut tag, p, s.fill);
    if let Some(st) = &s.stroke {
        stroke_and_dash(&mut tag, p, st);
        tag.lit("stroke-linecap", "round")
            .lit("stroke-linejoin", "round")
            .num("stroke-width", st.width);
    }
    tag.close();
}

pub(crate) fn circle(out: &mut Vec<u8>, c: &Circle, p: &Painter) {
    out.push(b'\n');
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
