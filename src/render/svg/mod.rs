//! Scene → SVG text. Nothing here decides a position: every number comes
//! from the Scene. Split by element: shapes, text, theme.

mod shapes;
mod text;
pub(crate) mod theme;
mod xml;

use crate::layout::scene::{Group, Item, Paint, Scene};
use crate::model::Journey;
use crate::render::{RenderOptions, Theme};
use crate::text::FontId;
use shapes::n;
use std::collections::{BTreeMap, BTreeSet};
use xml::Element;

/// Colours for the chosen theme, and the characters drawn with each font
/// (for the embedded subsets).
pub(crate) struct Painter {
    theme: Theme,
    used: BTreeMap<FontId, BTreeSet<char>>,
}

impl Painter {
    pub(crate) fn color(&self, paint: Paint) -> &'static str {
        theme::color(self.theme, paint)
    }
    fn use_chars(&mut self, font: FontId, s: &str) {
        self.used.entry(font).or_default().extend(s.chars());
    }
}

/// A short stable prefix for IDs, so two maps inlined in one page never
/// share an ID.
pub(crate) fn id_prefix(journey: &Journey) -> String {
    let mut h: u32 = 0x811c_9dc5;
    let desc = journey.description.as_deref().unwrap_or("");
    for b in journey.title.bytes().chain([0]).chain(desc.bytes()) {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("cjm-{h:08x}")
}

/// The `<desc>`: the journey's description, or its stages in order.
fn description(journey: &Journey) -> String {
    match &journey.description {
        Some(d) => d.clone(),
        None => {
            let stages: Vec<&str> = journey.stages.iter().map(|s| s.label.as_str()).collect();
            format!("{}: {}", journey.title, stages.join(" → "))
        }
    }
}

/// A BCP 47 tag as an attribute value (the resolver validated it; this
/// only guards against a hand-built model).
fn lang_tag(lang: &str) -> Option<&str> {
    let ok = !lang.is_empty() && lang.chars().all(|c| c.is_ascii_alphanumeric() || c == '-');
    ok.then_some(lang)
}

pub(crate) fn write(journey: &Journey, scene: Scene, options: &RenderOptions) -> String {
    let prefix = id_prefix(journey);
    let mut p = Painter {
        theme: options.theme,
        used: BTreeMap::new(),
    };
    let mut root = Element::new("svg");
    root.assign("xmlns", "http://www.w3.org/2000/svg");
    root.assign("xmlns:xlink", "http://www.w3.org/1999/xlink");
    root.assign("version", "1.1");
    root.assign("id", prefix.clone());
    root.assign(
        "viewBox",
        format!("0 0 {} {}", n(scene.width), n(scene.height)),
    );
    root.assign("width", n(scene.width));
    root.assign("height", n(scene.height));
    root.assign("role", "img");
    root.assign("aria-labelledby", format!("{prefix}-title {prefix}-desc"));
    if let Some(lang) = journey.lang.as_deref().and_then(lang_tag) {
        root.assign("xml:lang", lang);
        root.assign("lang", lang);
    }
    if scene.rtl {
        root.assign("direction", "rtl");
    }
    let mut title = Element::new("title");
    title.assign("id", format!("{prefix}-title"));
    title.append(xml::Text::new(crate::layout::sanitize(&journey.title)));
    root.append(title);
    let mut desc = Element::new("desc");
    desc.assign("id", format!("{prefix}-desc"));
    desc.append(xml::Text::new(crate::layout::sanitize(&description(
        journey,
    ))));
    root.append(desc);

    // Each item is written into the document and dropped at once, so the
    // scene and the document are not both held whole (for a big map they
    // are most of the peak memory). The fonts' style comes before the
    // drawing but depends on the characters it uses: it is inserted at its
    // place at the end.
    let style_at = root.children_len();
    for item in scene.items {
        if let Some(el) = element(&item, &mut p) {
            root.append(el);
        }
    }
    if options.embed_fonts {
        let css = font_css(&p.used);
        if !css.is_empty() {
            let mut style = Element::new("style");
            style.assign("type", "text/css");
            style.append(xml::Text::new(css));
            root.insert_at(style_at, style);
        }
    }
    let mut out = root.into_string();
    out.push('\n');
    out
}

/// The `@font-face` rules, each limited by `unicode-range` to the
/// characters its subset holds: when two maps are inlined in one page,
/// their same-named faces then combine instead of the last one hiding the
/// other's glyphs.
fn font_css(used: &BTreeMap<FontId, BTreeSet<char>>) -> String {
    let mut out = String::new();
    for (font, chars) in used {
        let one = BTreeMap::from([(*font, chars.clone())]);
        let css = crate::text::embedded_font_css(&one);
        let range = unicode_range(chars);
        if range.is_empty() {
            out.push_str(&css);
        } else {
            out.push_str(&css.replace(
                "@font-face{",
                &format!("@font-face{{unicode-range:{range};"),
            ));
        }
    }
    out
}

/// `U+20,U+41-5A,…` for a set of characters.
fn unicode_range(chars: &BTreeSet<char>) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut iter = chars.iter().map(|&c| c as u32).peekable();
    while let Some(start) = iter.next() {
        let mut end = start;
        while iter.peek() == Some(&(end + 1)) {
            end += 1;
            iter.next();
        }
        parts.push(if start == end {
            format!("U+{start:X}")
        } else {
            format!("U+{start:X}-{end:X}")
        });
    }
    parts.join(",")
}

fn element(item: &Item, p: &mut Painter) -> Option<Element> {
    match item {
        Item::Rect(r) => Some(shapes::rect(r, p)),
        Item::Path(s) => Some(shapes::path(s, p)),
        Item::Circle(c) => Some(shapes::circle(c, p)),
        Item::Text(t) => text::block(t, p),
        Item::Group(g) => Some(group(g, p)),
    }
}

fn group(g: &Group, p: &mut Painter) -> Element {
    let mut el = match &g.href {
        Some(href) => {
            let mut a = Element::new("a");
            let clean = crate::layout::sanitize(href);
            a.assign("href", clean.clone());
            a.assign("xlink:href", clean);
            a
        }
        None => Element::new("g"),
    };
    if let Some(class) = g.class {
        el.assign("class", class);
    }
    for (name, value) in &g.data {
        el.assign(format!("data-{name}"), value.clone());
    }
    if let Some(title) = &g.title {
        let mut t = Element::new("title");
        t.append(::svg::node::Text::new(crate::layout::sanitize(title)));
        el.append(t);
    }
    for item in &g.items {
        if let Some(child) = element(item, p) {
            el.append(child);
        }
    }
    el
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unicode_ranges_merge_neighbours() {
        let set: BTreeSet<char> = "ABCa -".chars().collect();
        assert_eq!(unicode_range(&set), "U+20,U+2D,U+41-43,U+61");
    }
}
