//! SVG → PNG with resvg, using only the bundled fonts (no system fonts),
//! so the same map gives the same pixels on every machine.

use super::RenderError;
use crate::text;
use resvg::{tiny_skia, usvg};
use std::sync::Arc;

/// The largest side we agree to rasterise, in pixels.
const MAX_SIDE: f32 = 32_768.0;

pub(crate) fn rasterize(svg: &str, scale: f32) -> Result<Vec<u8>, RenderError> {
    if !scale.is_finite() || scale <= 0.0 {
        return Err(RenderError::Png(format!(
            "the scale must be a positive number, not {scale}"
        )));
    }
    let mut db = usvg::fontdb::Database::new();
    for data in text::font_files() {
        db.load_font_data(data.to_vec());
    }
    // Generic `sans-serif` falls back to our first (Latin) face.
    db.set_sans_serif_family(text::family(text::FontId(0)));
    let options = usvg::Options {
        fontdb: Arc::new(db),
        font_family: text::family(text::FontId(0)).to_string(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(svg, &options).map_err(|e| RenderError::Png(e.to_string()))?;
    let size = tree.size();
    let (w, h) = (size.width() * scale, size.height() * scale);
    if w > MAX_SIDE || h > MAX_SIDE {
        return Err(RenderError::Png(format!(
            "the image would be {w:.0}×{h:.0} px; use a smaller scale"
        )));
    }
    let mut pixmap = tiny_skia::Pixmap::new(w.ceil().max(1.0) as u32, h.ceil().max(1.0) as u32)
        .ok_or_else(|| RenderError::Png("could not allocate the image".to_string()))?;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale, scale),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| RenderError::Png(e.to_string()))
}
