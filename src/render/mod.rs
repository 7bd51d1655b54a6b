//! Scene / model → bytes.

pub mod brand;
mod html;
mod json_out;
mod mermaid;
mod pdf;
mod png;
mod svg;

use crate::model::Journey;

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
    /// A brand theme read from a theme file ([`Palette::from_toml`]).
    Custom(std::sync::Arc<Palette>),
}

pub use brand::Palette;
pub use html::{IndexEntry, IndexMap, PageNote, html_index, html_view, page_notes};
pub use pdf::PageSize;

#[derive(Debug, Clone)]
pub struct RenderOptions {
    pub theme: Theme,
    /// Embed subset fonts as `@font-face` data URIs.
    pub embed_fonts: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            theme: Theme::Light,
            embed_fonts: true,
        }
    }
}

#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    #[error("could not rasterise the map: {0}")]
    Png(String),
    #[error("{0}")]
    Pdf(String),
}

/// The JSON document of language.md §7, pretty-printed, with a final newline.
///
/// `<`, `>` and `&` (and U+2028/U+2029) are written as `\u` escapes: the
/// same JSON value, but safe to inline in an HTML `<script>` block or page,
/// where a label holding `</script>` would otherwise end the block.
pub fn json(journey: &Journey) -> String {
    let mut out = Vec::new();
    // Writing to a `Vec` can't fail, nor can serialising the model (no maps
    // with non-string keys, no non-finite floats: the resolver refuses them).
    json_out::write(journey, &mut out).expect("the model always serialises");
    // serde_json writes UTF-8 only (and the escapes are ASCII).
    String::from_utf8(out).expect("JSON output is UTF-8")
}

/// The same bytes as `json`, written to `out` as they are produced instead
/// of built up in memory first. Writes are buffered here, so `out` may be
/// a plain file or stdout.
pub fn json_to(journey: &Journey, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    use std::io::Write as _;
    let mut buffered = std::io::BufWriter::with_capacity(1 << 16, out);
    json_out::write(journey, &mut buffered)?;
    buffered.flush()
}

pub use crate::layout::{UnknownName, View};

/// The SVG map.
pub fn svg(journey: &Journey, options: &RenderOptions) -> String {
    svg_view(journey, options, &View::default())
}

/// The SVG map in a view of the file (`--lanes`, `--persona`, `--team`).
/// Names the journey does not define are skipped; check them first with
/// [`View::check`].
pub fn svg_view(journey: &Journey, options: &RenderOptions, view: &View) -> String {
    let scene = crate::layout::layout_view(journey, view);
    self::svg::to_string(journey, scene, options)
}

/// The SVG of a Scene laid out (and marked) elsewhere: `cjm diff`.
pub(crate) fn svg_scene(
    journey: &Journey,
    scene: crate::layout::scene::Scene,
    options: &RenderOptions,
) -> String {
    self::svg::to_string(journey, scene, options)
}

/// The SVG map written to `out`: the same bytes as [`svg`], sent in pieces
/// as they are written (on all cores of the current rayon pool), so the
/// document is never held whole. `out` gets many writes of tens of
/// kilobytes, then a `flush`; on an error the document is incomplete.
pub fn svg_to(
    journey: &Journey,
    options: &RenderOptions,
    out: &mut (dyn std::io::Write + Send),
) -> std::io::Result<()> {
    svg_view_to(journey, options, &View::default(), out)
}

/// [`svg_view`], written to `out` as [`svg_to`] writes.
pub fn svg_view_to(
    journey: &Journey,
    options: &RenderOptions,
    view: &View,
    out: &mut (dyn std::io::Write + Send),
) -> std::io::Result<()> {
    let scene = crate::layout::layout_view(journey, view);
    self::svg::write_to(journey, scene, options, out)
}

/// The journey as a Mermaid `journey` diagram, with a `%%` header listing
/// what Mermaid cannot show.
pub fn mermaid(journey: &Journey) -> String {
    self::mermaid::write(journey)
}

/// The map as PNG, `scale` × the SVG's size. Fonts come from the bundled
/// files directly, so the SVG is rasterised without embedded subsets.
pub fn png(journey: &Journey, options: &RenderOptions, scale: f32) -> Result<Vec<u8>, RenderError> {
    png_view(journey, options, &View::default(), scale)
}

/// The PNG of [`svg_view`].
pub fn png_view(
    journey: &Journey,
    options: &RenderOptions,
    view: &View,
    scale: f32,
) -> Result<Vec<u8>, RenderError> {
    let plain = RenderOptions {
        embed_fonts: false,
        ..options.clone()
    };
    png::rasterize(&svg_view(journey, &plain, view), scale)
}

/// The map (in `view`) as a one-page vector PDF: the page fitted to the
/// map, or `page` (landscape) with the map scaled to fit.
pub fn pdf_view(
    journey: &Journey,
    options: &RenderOptions,
    view: &View,
    page: Option<PageSize>,
) -> Result<Vec<u8>, RenderError> {
    let scene = crate::layout::layout_view(journey, view);
    pdf::write(journey, &scene, options, page).map_err(RenderError::Pdf)
}

/// The JSON Schema of the JSON output.
pub fn json_schema() -> String {
    let mut schema = schemars::schema_for!(Journey).to_value();
    // Every field is always written (`null` when absent), so every
    // property is required, `Option` ones included.
    require_all_properties(&mut schema);
    // Emotion scores are stored as i8 but only run from -2 to +2.
    for def in ["Emotion", "EmotionLow"] {
        if let Some(score) = schema.pointer_mut(&format!("/$defs/{def}/properties/score")) {
            score["minimum"] = (-2).into();
            score["maximum"] = 2.into();
        }
    }
    if let Some(root) = schema.as_object_mut() {
        root.insert("title".into(), "cjm journey".into());
        root.insert(
            "description".into(),
            "The JSON output of `cjm build --format json` (language.md section 7). More fields \
             may be added; a breaking change bumps `version`."
                .into(),
        );
    }
    let mut out = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    out.push('\n');
    out
}

fn require_all_properties(value: &mut serde_json::Value) {
    match value {
        serde_json::Value::Object(object) => {
            if let Some(serde_json::Value::Object(properties)) = object.get("properties") {
                let names: Vec<serde_json::Value> =
                    properties.keys().map(|k| k.clone().into()).collect();
                object.insert("required".into(), names.into());
            }
            object.values_mut().for_each(require_all_properties);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(require_all_properties),
        _ => {}
    }
}
