//! Items written one after the other, and groups (`<g>`, or `<a>` for a
//! link) around them.

use super::markup::{Tag, sanitized, text_element};
use super::{Painter, shapes, text};
use crate::layout::scene::{Group, Item};

/// Writes `it` as a child element: a newline, then the element (nothing
/// for an empty text block).
pub(crate) fn item(out: &mut Vec<u8>, it: &Item, p: &Painter) {
    match it {
        Item::Rect(r) => shapes::rect(out, r, p),
        Item::Path(s) => shapes::path(out, s, p),
        Item::Circle(c) => shapes::circle(out, c, p),
        Item::Text(t) => text::block(out, t, p),
        Item::Group(g) => {
            if start(out, g) {
                for child in &g.items {
                    item(out, child, p);
                }
                end(out, g);
            }
        }
    }
}

/// Whether `item` writes an element.
fn visible(item: &Item) -> bool {
    match item {
        Item::Text(t) => text::visible(t),
        Item::Rect(_) | Item::Path(_) | Item::Circle(_) | Item::Group(_) => true,
    }
}

fn name(g: &Group) -> &'static str {
    if g.href.is_some() { "a" } else { "g" }
}

/// Writes the group's start tag and its `<title>`, as a child element.
/// Returns whether children follow (then `end` closes the group); without
/// any the tag is closed with `/>`.
pub(crate) fn start(out: &mut Vec<u8>, g: &Group) -> bool {
    out.push(b'\n');
    let mut tag = Tag::new(out, name(g));
    if let Some(class) = g.class {
        tag.lit("class", class);
    }
    // Layouts give data attributes in name order; otherwise sort them,
    // the last value given for a name winning.
    if g.data.windows(2).all(|w| w[0].0 < w[1].0) {
        for (name, value) in &g.data {
            tag.data(name, value);
        }
    } else {
        let mut sorted: Vec<&(&str, String)> = g.data.iter().collect();
        sorted.sort_by_key(|(name, _)| *name);
        for (i, (name, value)) in sorted.iter().enumerate() {
            if sorted.get(i + 1).is_none_or(|next| next.0 != *name) {
                tag.data(name, value);
            }
        }
    }
    if let Some(opacity) = g.opacity {
        tag.attr("opacity", &format!("{opacity}"));
    }
    if let Some(href) = &g.href {
        let clean = sanitized(href);
        tag.attr("href", &clean).attr("xlink:href", &clean);
    }
    if g.title.is_none() && !g.items.iter().any(visible) {
        tag.close();
        return false;
    }
    let out = tag.open();
    if let Some(title) = &g.title {
        out.push(b'\n');
        text_element(out, "title", &sanitized(title));
    }
    true
}

/// Closes a group `start` opened.
pub(crate) fn end(out: &mut Vec<u8>, g: &Group) {
    out.extend_from_slice(b"\n</");
    out.extend_from_slice(name(g).as_bytes());
    out.push(b'>');
}
