//! Scene / model → bytes.

mod png;
mod svg;

use crate::model::Journey;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Theme {
    #[default]
    Light,
    Dark,
}

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
}

/// The JSON document of language.md §7, pretty-printed, with a final newline.
pub fn json(journey: &Journey) -> String {
    let mut out = serde_json::to_string_pretty(journey).expect("the model always serialises");
    out.push('\n');
    out
}

/// The SVG map.
pub fn svg(journey: &Journey, options: &RenderOptions) -> String {
    let scene = crate::layout::layout(journey);
    self::svg::write(journey, &scene, options)
}

/// The map as PNG, `scale` × the SVG's size. Fonts come from the bundled
/// files directly, so the SVG is rasterised without embedded subsets.
pub fn png(journey: &Journey, options: &RenderOptions, scale: f32) -> Result<Vec<u8>, RenderError> {
    let plain = RenderOptions {
        embed_fonts: false,
        ..options.clone()
    };
    png::rasterize(&svg(journey, &plain), scale)
}

/// The JSON Schema of the JSON output.
pub fn json_schema() -> String {
    let schema = schemars::schema_for!(Journey);
    let mut out = serde_json::to_string_pretty(&schema).expect("a schema always serialises");
    out.push('\n');
    out
}
