//! Scene → SVG text. Nothing here decides a position: every number comes
//! from the Scene. Split by element: shapes, text, groups; `markup`
//! writes the XML, `stream` sends it out in batches written on all cores,
//! `fonts` embeds the fonts.

mod fonts;
mod group;
pub(crate) mod markup;
mod shapes;
mod stream;
mod text;
pub(crate) mod theme;

#[cfg(test)]
mod oracle;
#[cfg(test)]
mod tests;

use crate::layout::scene::{Paint, Scene};
use crate::model::Journey;
use crate::render::{RenderOptions, Theme};
use crate::text::FontId;
use markup::{Tag, escape_attr, sanitized};
use shapes::push_n;
use std::io::{self, Write};
use stream::Sink;

/// Items written together (in parallel chunks) before being sent out: about
/// a megabyte of text, few enough hand-overs between the cores that they
/// cost little.
const BATCH: usize = 2048;

/// Colours for the chosen theme, and the start of a `<text>` for each font
/// and direction (the same few strings for thousands of runs).
pub(crate) struct Painter {
    theme: Theme,
    /// Indexed by `FontId.0`, then by `rtl`.
    runs: Vec<Option<[Vec<u8>; 2]>>,
}

impl Painter {
    fn new(theme: Theme, used: &fonts::Used) -> Painter {
        let mut runs = Vec::new();
        for (font, _) in used.fonts() {
            let i = usize::from(font.0);
            runs.resize(i + 1, None);
            runs[i] = Some([text::run_start(font, false), text::run_start(font, true)]);
        }
        Painter { theme, runs }
    }

    pub(crate) fn color(&self, paint: Paint) -> &str {
        theme::color(&self.theme, paint)
    }

    fn run_start(&self, out: &mut Vec<u8>, font: FontId, rtl: bool) {
        match self.runs.get(usize::from(font.0)) {
            Some(Some(starts)) => out.extend_from_slice(&starts[usize::from(rtl)]),
            // Every font of the scene is listed; this only guards a gap.
            _ => out.extend_from_slice(&text::run_start(font, rtl)),
        }
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

/// The document, in memory.
pub(crate) fn to_string(journey: &Journey, scene: Scene, options: &RenderOptions) -> String {
    let mut sink = Sink::memory(BATCH);
    // Errors only come from an output stream, and this sink has none.
    let bytes = document(journey, scene, options, &mut sink)
        .and_then(|()| sink.finish())
        .unwrap_or_default();
    // Only `str`s and ASCII went in, split at ASCII bytes: always UTF-8.
    String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned())
}

/// The document, streamed to `out`.
pub(crate) fn write_to(
    journey: &Journey,
    scene: Scene,
    options: &RenderOptions,
    out: &mut (dyn Write + Send),
) -> io::Result<()> {
    write_batched(journey, scene, options, out, BATCH)
}

/// `write_to` with a chosen batch size (the bytes do not depend on it).
pub(crate) fn write_batched(
    journey: &Journey,
    scene: Scene,
    options: &RenderOptions,
    out: &mut (dyn Write + Send),
    batch: usize,
) -> io::Result<()> {
    let mut sink = Sink::to(out, batch);
    document(journey, scene, options, &mut sink)?;
    sink.finish().map(drop)
}

fn document(
    journey: &Journey,
    scene: Scene,
    options: &RenderOptions,
    sink: &mut Sink<'_>,
) -> io::Result<()> {
    // The characters each font draws are gathered first, so that the
    // fonts' style, which depends on them, is written in its place before
    // the drawing and the drawing can be streamed.
    let used = fonts::Used::of(&scene.items, options.embed_fonts);
    let p = Painter::new(options.theme.clone(), &used);
    let out = sink.buf();
    head(out, journey, &scene);
    if options.embed_fonts {
        let at = out.len();
        out.push(b'\n');
        let mut style = Tag::new(out, "style");
        style.lit("type", "text/css");
        let out = style.open();
        if fonts::write_css(out, &used) {
            out.extend_from_slice(b"</style>");
        } else {
            out.truncate(at);
        }
    }
    drop(used);
    stream::top(sink, scene.items, &p)?;
    sink.buf().extend_from_slice(b"\n</svg>\n");
    Ok(())
}

/// The `<svg>` start tag, `<title>` and `<desc>`.
fn head(out: &mut Vec<u8>, journey: &Journey, scene: &Scene) {
    let prefix = id_prefix(journey);
    let lang = journey.lang.as_deref().and_then(lang_tag);
    let mut tag = Tag::new(out, "svg");
    let labels = tag.value_of("aria-labelledby");
    escape_attr(labels, &format!("{prefix}-title {prefix}-desc"));
    tag.end_value();
    if scene.rtl {
        tag.lit("direction", "rtl");
    }
    tag.num("height", scene.height).attr("id", &prefix);
    if let Some(lang) = lang {
        tag.attr("lang", lang);
    }
    tag.lit("role", "img").lit("version", "1.1");
    let view_box = tag.value_of("viewBox");
    view_box.extend_from_slice(b"0 0 ");
    push_n(view_box, scene.width);
    view_box.push(b' ');
    push_n(view_box, scene.height);
    tag.end_value().num("width", scene.width);
    if let Some(lang) = lang {
        tag.attr("xml:lang", lang);
    }
    tag.lit("xmlns", "http://www.w3.org/2000/svg")
        .lit("xmlns:xlink", "http://www.w3.org/1999/xlink");
    let out = tag.open();
    let desc = description(journey);
    let texts = [
        ("title", sanitized(&journey.title)),
        ("desc", sanitized(&desc)),
    ];
    for (name, text) in texts {
        out.push(b'\n');
        let mut tag = Tag::new(out, name);
        tag.attr("id", &format!("{prefix}-{name}"));
        let out = tag.open();
        markup::escape_text(out, &text);
        out.extend_from_slice(b"</");
        out.extend_from_slice(name.as_bytes());
        out.push(b'>');
    }
}
