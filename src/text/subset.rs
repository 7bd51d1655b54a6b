//! `@font-face` rules that embed subsets of the bundled faces, so a map
//! looks the same in every browser without the fonts installed.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use base64::Engine as _;
use skera::{Plan, SubsetFlags, subset_font};
use skrifa::raw::collections::IntSet;
use skrifa::raw::types::{GlyphId, NameId, Tag};

use super::cache::Memo;
use super::{FontId, Weight, fonts};

/// Tables that have no use in a browser (same list as the subsetter's
/// command line default).
const DROP_TABLES: [&[u8; 4]; 19] = [
    b"morx", b"mort", b"kerx", b"kern", b"JSTF", b"DSIG", b"EBDT", b"EBLC", b"EBSC", b"SVG ",
    b"PCLT", b"LTSH", b"Feat", b"Glat", b"Gloc", b"Silf", b"Sill", b"hdmx", b"VDMX",
];

/// The layout features kept in a subset: what shapers apply by default
/// (harfrust to measure, browsers and resvg to draw) for the scripts of
/// the bundled faces — the subsetter's command line default list.
const DEFAULT_FEATURES: [&[u8; 4]; 63] = [
    // Common.
    b"rvrn", b"ccmp", b"liga", b"locl", b"mark", b"mkmk", b"rlig",
    // Fractions (applied around a fraction slash).
    b"frac", b"numr", b"dnom", // Horizontal.
    b"calt", b"clig", b"curs", b"kern", b"rclt", // Vertical.
    b"valt", b"vert", b"vkrn", b"vpal", b"vrt2", // Direction.
    b"ltra", b"ltrm", b"rtla", b"rtlm", // Others applied by default.
    b"rand", b"jalt", b"chws", b"vchw", b"halt", b"vhal", // Arabic joining.
    b"init", b"medi", b"fina", b"isol", b"med2", b"fin2", b"fin3", b"cswh", b"mset", b"stch",
    // Hangul, Tibetan and Indic shapers.
    b"ljmo", b"vjmo", b"tjmo", b"abvs", b"blws", b"nukt", b"akhn", b"rphf", b"rkrf", b"pref",
    b"blwf", b"half", b"abvf", b"pstf", b"cfar", b"vatu", b"cjct", b"pres", b"psts", b"haln",
    b"dist", b"abvm", b"blwm",
];

/// Subsets already made, keyed by face and characters: re-rendering the
/// same map (watch mode, benchmarks) must not subset again. Small and
/// cleared when full.
static SUBSETS: Memo<(u8, Vec<char>), Arc<Vec<u8>>> = Memo::new(64);

/// The CSS weight of a face.
pub(crate) fn css_weight(font: FontId) -> u16 {
    match fonts::weight(font) {
        Weight::Regular => 400,
        Weight::Bold => 700,
    }
}

pub(crate) fn embedded_font_css(used: &BTreeMap<FontId, BTreeSet<char>>) -> String {
    let mut css = String::new();
    for (&font, chars) in used {
        let Some(face) = fonts::face(font) else {
            continue;
        };
        // Characters the face lacks would only add a missing-glyph box.
        let chars: Vec<char> = chars.iter().copied().filter(|&c| face.covers(c)).collect();
        if chars.is_empty() {
            continue;
        }
        let bytes = subset(font, chars);
        css.push_str(&format!(
            "@font-face{{font-family:'{}';font-weight:{};src:url(data:font/ttf;base64,{})}}",
            fonts::family(font),
            css_weight(font),
            base64::engine::general_purpose::STANDARD.encode(bytes.as_slice()),
        ));
    }
    css
}

/// A subset of `font` with `chars` (and what shaping them needs: the
/// GSUB/GPOS/GDEF closure, so Arabic joining survives).
pub(crate) fn subset(font: FontId, chars: Vec<char>) -> Arc<Vec<u8>> {
    SUBSETS.get_or((font.0, chars), |(_, chars)| {
        // The subsetter is not ours and may panic on input it does not
        // expect; a map must still render, so fall back to the whole face
        // (bigger, but drawing the same glyphs).
        let made = std::panic::catch_unwind(|| make_subset(font, chars))
            .ok()
            .flatten()
            .unwrap_or_else(|| fonts::data(font).to_vec());
        Arc::new(made)
    })
}

fn make_subset(font: FontId, chars: &[char]) -> Option<Vec<u8>> {
    let face = fonts::face(font)?;
    let unicodes: IntSet<u32> = chars.iter().map(|&c| c as u32).collect();
    let drop_tables: IntSet<Tag> = DROP_TABLES.iter().map(|t| Tag::new(t)).collect();
    // Every script, but only the features a browser applies to plain
    // text by default (those of the subsetter's command line default):
    // small caps, old-style figures, stylistic sets and the like are never
    // asked for by a map, and keeping their lookups was most of the
    // subsetting time and a good part of each subset.
    let mut scripts = IntSet::<Tag>::empty();
    scripts.invert();
    let features: IntSet<Tag> = DEFAULT_FEATURES.iter().map(|t| Tag::new(t)).collect();
    let mut name_ids = IntSet::<NameId>::empty();
    name_ids.insert_range(NameId::new(0)..=NameId::new(6));
    let mut languages = IntSet::<u16>::empty();
    languages.insert(0x0409);
    let plan = Plan::new(
        &IntSet::<GlyphId>::empty(),
        &unicodes,
        &face.font,
        // Hinting is dropped: browsers position SVG text unhinted anyway,
        // and it is a large part of each face.
        SubsetFlags::SUBSET_FLAGS_NO_HINTING,
        &drop_tables,
        &scripts,
        &features,
        &name_ids,
        &languages,
    );
    subset_font(&face.font, &plan).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::fonts::{Script, face_id};
    use harfrust::{ShapeOptions, ShaperData, UnicodeBuffer};
    use skrifa::MetadataProvider;
    use skrifa::string::StringId;

    fn shaped(data: &[u8], text: &str) -> (Vec<i32>, i32) {
        let font = harfrust::FontRef::new(data).expect("font parses");
        let shaper_data = ShaperData::new(&font);
        let shaper = shaper_data.shaper(&font).build();
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let out = shaper.shape(buffer, ShapeOptions::new());
        let advances = out.glyph_positions().iter().map(|p| p.x_advance).collect();
        let missing = out.glyph_infos().iter().filter(|g| g.glyph_id == 0).count();
        (advances, missing as i32)
    }

    #[test]
    fn subset_shapes_like_the_full_face_and_is_small() {
        for (script, weight, text) in [
            (
                Script::Arabic,
                Weight::Regular,
                "می\u{200C}خواهم پرداخت کنم",
            ),
            (Script::Arabic, Weight::Bold, "سلام گزارش"),
            (Script::Hebrew, Weight::Regular, "שלום עולם"),
            (Script::Latin, Weight::Bold, "Checkout (fast) — 3 days!"),
            // Ligatures, kerning pairs and a fraction: default features.
            (
                Script::Latin,
                Weight::Regular,
                "Office flyer: AVATAR To 1\u{2044}2",
            ),
        ] {
            let font = face_id(script, weight);
            let chars: Vec<char> = text.chars().collect::<BTreeSet<_>>().into_iter().collect();
            let sub = subset(font, chars);
            let full = fonts::data(font);
            assert!(sub.len() * 4 < full.len(), "{text}: {} bytes", sub.len());
            // Same advances (so joining and kerning survived) and no missing glyph.
            let (full_advances, _) = shaped(full, text);
            let (sub_advances, missing) = shaped(&sub, text);
            assert_eq!(full_advances, sub_advances, "{text}");
            assert_eq!(missing, 0, "{text}");
            // The family inside the subset is the one the CSS names.
            let parsed = skrifa::FontRef::new(&sub).expect("subset parses");
            let family: Vec<String> = parsed
                .localized_strings(StringId::FAMILY_NAME)
                .map(|s| s.to_string())
                .collect();
            assert!(
                family.iter().any(|f| f == fonts::family(font)),
                "{family:?}"
            );
        }
    }

    #[test]
    fn subset_keeps_the_mirror_of_each_bracket() {
        // A browser draws "(" in an RTL run with the glyph of ")".
        let sub = subset(FontId(0), vec!['(', '[', '«']);
        let font = skrifa::FontRef::new(&sub).expect("subset parses");
        let charmap = font.charmap();
        for c in "()[]«»".chars() {
            assert!(charmap.map(c).is_some(), "{c:?} missing");
        }
        assert!(charmap.map('a').is_none());
    }

    #[test]
    fn css_names_each_used_face_once_with_its_weight() {
        let mut used = BTreeMap::new();
        used.insert(
            face_id(Script::Latin, Weight::Regular),
            "Pay".chars().collect(),
        );
        used.insert(
            face_id(Script::Hebrew, Weight::Bold),
            "שלום".chars().collect(),
        );
        used.insert(face_id(Script::Arabic, Weight::Regular), BTreeSet::new());
        let css = embedded_font_css(&used);
        assert_eq!(css.matches("@font-face").count(), 2, "{css}");
        assert!(
            css.contains("font-family:'Noto Sans';font-weight:400;src:url(data:font/ttf;base64,")
        );
        assert!(css.contains(
            "font-family:'Noto Sans Hebrew';font-weight:700;src:url(data:font/ttf;base64,"
        ));
        assert_eq!(css, embedded_font_css(&used), "deterministic");
        let chars = ['a', 'b', 'ש'];
        assert_eq!(
            make_subset(FontId(0), &chars),
            make_subset(FontId(0), &chars)
        );
        assert_eq!(embedded_font_css(&BTreeMap::new()), "");
    }
}
