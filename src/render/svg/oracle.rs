//! The document as the `svg` crate writes it: a tree of elements whose
//! attributes it sorts and escapes itself, the fonts' characters gathered
//! while building. Slow, but independent of the direct writer's hand-kept
//! attribute order, escaping and batching, which tests compare with it.

use super::{description, fonts, id_prefix, lang_tag, theme};
use crate::layout::sanitize;
use crate::layout::scene::{Cmd, Group, Item, Paint, Scene, Stroke, TextBlock};
use crate::model::Journey;
use crate::render::RenderOptions;
use crate::text::{self, FontId};
use ::svg::Node as _;
use ::svg::node::Text;
use ::svg::node::element::Element;
use std::collections::{BTreeMap, BTreeSet};

struct Builder {
    options: RenderOptions,
    used: BTreeMap<FontId, BTreeSet<char>>,
}

pub(crate) fn document(journey: &Journey, scene: &Scene, options: &RenderOptions) -> String {
    let prefix = id_prefix(journey);
    let mut b = Builder {
        options: options.clone(),
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
    for (name, text) in [
        ("title", journey.title.clone()),
        ("desc", description(journey)),
    ] {
        let mut el = Element::new(name);
        el.assign("id", format!("{prefix}-{name}"));
        el.append(Text::new(sanitize(&text)));
        root.append(el);
    }
    let drawn: Vec<Element> = scene.items.iter().filter_map(|i| b.item(i)).collect();
    if options.embed_fonts {
        let css = b.font_css();
        if !css.is_empty() {
            let mut style = Element::new("style");
            style.assign("type", "text/css");
            style.append(Text::new(css));
            root.append(style);
        }
    }
    for el in drawn {
        root.append(el);
    }
    format!("{root}\n")
}

fn n(v: f32) -> String {
    super::shapes::n(v)
}

impl Builder {
    fn color(&self, paint: Paint) -> &str {
        theme::color(&self.options.theme, paint)
    }

    fn font_css(&self) -> String {
        let mut out = String::new();
        for (font, chars) in &self.used {
            let one = BTreeMap::from([(*font, chars.clone())]);
            let css = text::embedded_font_css(&one);
            let range = fonts::unicode_range(chars);
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

    fn item(&mut self, item: &Item) -> Option<Element> {
        match item {
            Item::Rect(r) => {
                let mut el = Element::new("rect");
                el.assign("x", n(r.rect.x));
                el.assign("y", n(r.rect.y));
                el.assign("width", n(r.rect.w));
                el.assign("height", n(r.rect.h));
                if r.radius > 0.0 {
                    el.assign("rx", n(r.radius));
                }
                Some(self.paint(el, r.fill, r.stroke))
            }
            Item::Path(s) => {
                let d: Vec<String> = s
                    .cmds
                    .iter()
                    .map(|c| match c {
                        Cmd::Move(x, y) => format!("M{} {}", n(*x), n(*y)),
                        Cmd::Line(x, y) => format!("L{} {}", n(*x), n(*y)),
                        Cmd::Cubic(a, b, c, d, e, f) => {
                            let v: Vec<String> =
                                [a, b, c, d, e, f].iter().map(|v| n(**v)).collect();
                            format!("C{}", v.join(" "))
                        }
                        Cmd::Close => "Z".to_string(),
                    })
                    .collect();
                let mut el = Element::new("path");
                el.assign("d", d.join(" "));
                if s.stroke.is_some() {
                    el.assign("stroke-linecap", "round");
                    el.assign("stroke-linejoin", "round");
                }
                Some(self.paint(el, s.fill, s.stroke))
            }
            Item::Circle(c) => {
                let mut el = Element::new("circle");
                el.assign("cx", n(c.cx));
                el.assign("cy", n(c.cy));
                el.assign("r", n(c.r));
                Some(self.paint(el, c.fill, c.stroke))
            }
            Item::Text(t) => self.text(t),
            Item::Group(g) => Some(self.group(g)),
        }
    }

    fn paint(&self, mut el: Element, fill: Option<Paint>, stroke: Option<Stroke>) -> Element {
        el.assign("fill", fill.map_or("none", |f| self.color(f)));
        if let Some(s) = stroke {
            el.assign("stroke", self.color(s.paint));
            el.assign("stroke-width", n(s.width));
            if let Some((a, b)) = s.dash {
                el.assign("stroke-dasharray", format!("{} {}", n(a), n(b)));
            }
        }
        el
    }

    fn text(&mut self, t: &TextBlock) -> Option<Element> {
        if t.lines.iter().all(|l| l.runs.is_empty()) {
            return None;
        }
        let mut g = Element::new("g");
        g.assign("font-size", n(t.style.size));
        g.assign("fill", self.color(t.paint));
        g.assign("text-anchor", "middle");
        if t.underline {
            g.assign("text-decoration", "underline");
        }
        if t.halo {
            g.assign("stroke", self.color(t.background));
            g.assign("stroke-width", "3");
            g.assign("stroke-linejoin", "round");
            g.assign("paint-order", "stroke");
        }
        for line in &t.lines {
            for run in &line.runs {
                self.used
                    .entry(run.font)
                    .or_default()
                    .extend(run.text.chars());
                let mut el = Element::new("text");
                el.assign("x", n(run.cx));
                el.assign("y", n(line.baseline));
                el.assign("font-family", text::family_list(run.font).replace('\'', ""));
                let weight = text::css_weight(run.font);
                if weight != 400 {
                    el.assign("font-weight", weight.to_string());
                }
                el.assign("direction", if run.rtl { "rtl" } else { "ltr" });
                el.assign("unicode-bidi", "embed");
                el.append(Text::new(run.text.clone()));
                g.append(el);
            }
        }
        Some(g)
    }

    fn group(&mut self, g: &Group) -> Element {
        let mut el = match &g.href {
            Some(href) => {
                let mut a = Element::new("a");
                a.assign("href", sanitize(href));
                a.assign("xlink:href", sanitize(href));
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
            t.append(Text::new(sanitize(title)));
            el.append(t);
        }
        for item in &g.items {
            if let Some(child) = self.item(item) {
                el.append(child);
            }
        }
        el
    }
}
