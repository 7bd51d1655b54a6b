//! The font faces: the bundled ones and those given with `--font` and
//! `--font-dir` (tried after them): their bytes, names, coverage and
//! metrics, and the choice of a face for each character.
//!
//! Fonts are parsed once, lazily, and shared by every thread (the layout
//! measures from rayon workers); extra faces are registered before that.

use std::sync::{LazyLock, OnceLock};

use skrifa::instance::{LocationRef, Size};
use skrifa::{FontRef, MetadataProvider};

use super::{FontId, Weight};

/// Which script family a face is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Script {
    Latin,
    Hebrew,
    Arabic,
    /// The monochrome emoji face: one weight, for both.
    Emoji,
    /// A face given on the command line, for what the bundled ones lack.
    Extra,
}

impl Script {
    /// Whether text in this script's face is shaped right to left.
    pub(crate) fn is_rtl(self) -> bool {
        matches!(self, Script::Hebrew | Script::Arabic)
    }
}

/// What the code knows about one face before parsing it.
#[derive(Clone)]
struct FaceSource {
    data: &'static [u8],
    /// The family name as written in the font's `name` table (checked by a
    /// test), so that the SVG's `font-family` finds this face both through
    /// `@font-face` and in resvg's font database.
    family: &'static str,
    weight: Weight,
    script: Script,
}

/// The bundled faces, indexed by `FontId`. Index 0 is the Latin regular
/// face, the fallback for anything no other face covers.
const BUNDLED: [FaceSource; 7] = [
    FaceSource {
        data: include_bytes!("../../assets/fonts/NotoSans-Regular.ttf"),
        family: "Noto Sans",
        weight: Weight::Regular,
        script: Script::Latin,
    },
    FaceSource {
        data: include_bytes!("../../assets/fonts/NotoSans-Bold.ttf"),
        family: "Noto Sans",
        weight: Weight::Bold,
        script: Script::Latin,
    },
    FaceSource {
        data: include_bytes!("../../assets/fonts/NotoSansHebrew-Regular.ttf"),
        family: "Noto Sans Hebrew",
        weight: Weight::Regular,
        script: Script::Hebrew,
    },
    FaceSource {
        data: include_bytes!("../../assets/fonts/NotoSansHebrew-Bold.ttf"),
        family: "Noto Sans Hebrew",
        weight: Weight::Bold,
        script: Script::Hebrew,
    },
    FaceSource {
        data: include_bytes!("../../assets/fonts/NotoSansArabic-Regular.ttf"),
        family: "Noto Sans Arabic",
        weight: Weight::Regular,
        script: Script::Arabic,
    },
    FaceSource {
        data: include_bytes!("../../assets/fonts/NotoSansArabic-Bold.ttf"),
        family: "Noto Sans Arabic",
        weight: Weight::Bold,
        script: Script::Arabic,
    },
    // Last, so that the faces before keep their IDs (and maps without
    // emoji their bytes).
    FaceSource {
        data: include_bytes!("../../assets/fonts/NotoEmoji-Regular.ttf"),
        family: "Noto Emoji",
        weight: Weight::Regular,
        script: Script::Emoji,
    },
];

/// The family name and weight of a font file's first face, or why it is
/// not a font cjm can use.
fn read_face(bytes: &[u8]) -> Result<(String, Weight), String> {
    let font = FontRef::from_index(bytes, 0).map_err(|e| format!("not a font ({e})"))?;
    // The name a browser and resvg find the face by: the family of the
    // `name` table (a style-linked family, as the bundled faces use).
    let family = font
        .localized_strings(skrifa::string::StringId::FAMILY_NAME)
        .english_or_first()
        .map(|s| s.to_string())
        .filter(|s| !s.is_empty())
        .ok_or("a font without a family name")?;
    if font.charmap().mappings().next().is_none() {
        return Err("a font that maps no character".into());
    }
    let weight = match font.attributes().weight.value() >= 600.0 {
        true => Weight::Bold,
        false => Weight::Regular,
    };
    Ok((family, weight))
}

/// Why `bytes` can't be an extra face, if so.
pub(crate) fn check_font(bytes: &[u8]) -> Result<(), String> {
    read_face(bytes).map(drop)
}

/// At most this many faces in all (`FontId` is a byte).
const MAX_FACES: usize = 255;

/// The faces given on the command line, set once before any text is
/// measured.
static EXTRA: OnceLock<Vec<FaceSource>> = OnceLock::new();

/// The bundled faces, then the extra ones.
static SOURCES: LazyLock<Vec<FaceSource>> = LazyLock::new(|| {
    let mut all: Vec<FaceSource> = BUNDLED.to_vec();
    all.extend(EXTRA.get().into_iter().flatten().cloned());
    all
});

/// Number of faces.
pub(crate) fn face_count() -> usize {
    SOURCES.len()
}

/// Adds faces to try after the bundled ones, in the order given: each
/// file's bytes (a font, or the first font of a collection). Must come
/// before any text is measured; returns each face's family name, or why a
/// file is not a font (by its index in `files`).
pub(crate) fn add_fonts(files: Vec<Vec<u8>>) -> Result<Vec<String>, (usize, String)> {
    if files.len() + BUNDLED.len() > MAX_FACES {
        return Err((
            MAX_FACES - BUNDLED.len(),
            format!("at most {} extra fonts", MAX_FACES - BUNDLED.len()),
        ));
    }
    let mut faces = Vec::with_capacity(files.len());
    for (i, bytes) in files.into_iter().enumerate() {
        let (family, weight) = read_face(&bytes).map_err(|why| (i, why))?;
        // The registry lives as long as the process: the bytes and the
        // name are leaked once, as the bundled ones are static.
        let family: &'static str = Box::leak(family.clone().into_boxed_str());
        let data: &'static [u8] = Box::leak(bytes.into_boxed_slice());
        faces.push(FaceSource {
            data,
            family,
            weight,
            script: Script::Extra,
        });
    }
    let names = faces.iter().map(|f| f.family.to_string()).collect();
    EXTRA
        .set(faces)
        .map_err(|_| (0, "fonts were already registered".to_string()))?;
    if LazyLock::force(&SOURCES).len() == BUNDLED.len()
        && EXTRA.get().is_some_and(|e| !e.is_empty())
    {
        return Err((
            0,
            "fonts were registered after text was measured".to_string(),
        ));
    }
    Ok(names)
}

/// A parsed face.
pub(crate) struct Face {
    pub font: FontRef<'static>,
    pub units_per_em: f32,
    /// Ascent, descent (positive, below the baseline) and line gap in font units.
    pub ascent: f32,
    pub descent: f32,
    pub leading: f32,
    /// The mapped code points, sorted: cheaper to build than a hash set
    /// (every run of the binary builds six of them).
    coverage: Vec<u32>,
    /// The mapped code points below U+10000 as a bit set (8 KiB), built
    /// from `coverage`: font choice asks about every character of every
    /// label, and a bit test is far cheaper than a binary search.
    bmp: Vec<u64>,
}

impl Face {
    pub(crate) fn covers(&self, c: char) -> bool {
        let c = c as u32;
        match self.bmp.get((c / 64) as usize) {
            Some(bits) => bits & (1 << (c % 64)) != 0,
            None => self.coverage.binary_search(&c).is_ok(),
        }
    }
}

/// `coverage` below U+10000 as a bit set.
fn bmp_bits(coverage: &[u32]) -> Vec<u64> {
    let mut bits = vec![0u64; 0x10000 / 64];
    for &c in coverage.iter().take_while(|&&c| c < 0x10000) {
        bits[(c / 64) as usize] |= 1 << (c % 64);
    }
    bits
}

/// All faces, parsed on first use. A face that fails to parse (impossible
/// for the bundled files, which a test parses) is replaced by an empty face
/// so that nothing panics: it covers nothing and measures zero.
static FACES: LazyLock<Vec<Option<Face>>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|source| {
            let font = FontRef::from_index(source.data, 0).ok()?;
            let metrics = font.metrics(Size::unscaled(), LocationRef::default());
            let mut coverage: Vec<u32> = font.charmap().mappings().map(|(c, _)| c).collect();
            coverage.sort_unstable();
            coverage.dedup();
            let units_per_em = f32::from(metrics.units_per_em.max(1));
            let (mut ascent, mut descent) = (metrics.ascent, -metrics.descent);
            if ascent + descent > TALL_FACE * units_per_em {
                (ascent, descent) = letter_extents(&font, source.script);
            }
            Some(Face {
                units_per_em,
                ascent,
                descent,
                leading: metrics.leading,
                font,
                bmp: bmp_bits(&coverage),
                coverage,
            })
        })
        .collect()
});

/// Line spacing, in em, beyond which a face's declared ascent and descent
/// are not used for line spacing. Noto Sans Arabic declares 2.1 em (room
/// for stacked diacritics, rare in labels): taking that as the maximum
/// over faces would space every map's lines twice as far apart as the
/// Latin face needs. Such a face contributes the ink extents of its
/// letters instead.
const TALL_FACE: f32 = 1.6;

/// Letters whose ink a tall face's lines must fit: every base letter of
/// the script, including the tallest (alef with hamza, keheh) and the
/// deepest (yeh, jeem, reh).
fn script_letters(script: Script) -> &'static str {
    match script {
        Script::Latin => "ÁÉÍÓÚÇgjpqy|()[]{}",
        Script::Hebrew => "אבגדהוזחטיכלמנסעפצקרשתםןףךץ",
        Script::Arabic => "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيپچژکگی",
        // Not spaced by (see `max_metrics`) / their letters are unknown.
        Script::Emoji | Script::Extra => "",
    }
}

/// (ascent, descent) of the ink of the script's letters, in font units.
fn letter_extents(font: &FontRef<'static>, script: Script) -> (f32, f32) {
    let charmap = font.charmap();
    let glyphs = font.glyph_metrics(Size::unscaled(), LocationRef::default());
    script_letters(script)
        .chars()
        .filter_map(|c| glyphs.bounds(charmap.map(c)?))
        .fold((0.0f32, 0.0f32), |(a, d), b| {
            (a.max(b.y_max), d.max(-b.y_min))
        })
}

pub(crate) fn face(id: FontId) -> Option<&'static Face> {
    FACES.get(usize::from(id.0)).and_then(Option::as_ref)
}

pub(crate) fn data(id: FontId) -> &'static [u8] {
    SOURCES.get(usize::from(id.0)).map_or(&[], |s| s.data)
}

pub(crate) fn family(id: FontId) -> &'static str {
    SOURCES
        .get(usize::from(id.0))
        .map_or("Noto Sans", |s| s.family)
}

pub(crate) fn weight(id: FontId) -> Weight {
    SOURCES
        .get(usize::from(id.0))
        .map_or(Weight::Regular, |s| s.weight)
}

pub(crate) fn script(id: FontId) -> Script {
    SOURCES
        .get(usize::from(id.0))
        .map_or(Script::Latin, |s| s.script)
}

/// The face for a script and weight (the script's other weight when it
/// has only one, as the emoji face).
pub(crate) fn face_id(script: Script, weight: Weight) -> FontId {
    let index = BUNDLED
        .iter()
        .position(|s| s.script == script && s.weight == weight)
        .or_else(|| BUNDLED.iter().position(|s| s.script == script))
        .unwrap_or(0);
    // There are fewer than 256 bundled faces.
    FontId(index as u8)
}

pub(crate) fn all_data() -> Vec<&'static [u8]> {
    SOURCES.iter().map(|s| s.data).collect()
}

/// Font-unit metrics scaled to `size`, maximised over all faces so that a
/// line mixing scripts fits: (ascent, descent, line gap) in px.
pub(crate) fn max_metrics(size: f32) -> (f32, f32, f32) {
    static MAX: LazyLock<(f32, f32, f32)> = LazyLock::new(|| {
        // The emoji face's glyphs sit inside the text faces' lines; its
        // declared extents (taller) would space every map's lines wider.
        FACES
            .iter()
            .zip(SOURCES.iter())
            .filter(|(_, s)| s.script != Script::Emoji)
            .filter_map(|(f, _)| f.as_ref())
            .fold((0.0f32, 0.0f32, 0.0f32), |m, f| {
                (
                    m.0.max(f.ascent / f.units_per_em),
                    m.1.max(f.descent / f.units_per_em),
                    m.2.max(f.leading / f.units_per_em),
                )
            })
    });
    (MAX.0 * size, MAX.1 * size, MAX.2 * size)
}

/// The script a strong character belongs to, `None` for neutral
/// characters (spaces, punctuation, digits, symbols, combining marks) that
/// take the face of the text around them.
fn strong_script(c: char) -> Option<Script> {
    match c as u32 {
        0x0590..=0x05FF | 0xFB1D..=0xFB4F => Some(Script::Hebrew),
        0x0600..=0x06FF
        | 0x0750..=0x077F
        | 0x0870..=0x08FF
        | 0xFB50..=0xFDFF
        | 0xFE70..=0xFEFF
        | 0x10EC0..=0x10EFF => Some(Script::Arabic),
        _ if c.is_alphabetic() => Some(Script::Latin),
        _ => None,
    }
}

/// Whether `c` attaches to the character before it (combining marks,
/// joiners, variation selectors): it must stay with that character's face
/// and never start a line.
pub(crate) fn is_attached(c: char) -> bool {
    // Among ASCII only the C0 controls that are not whitespace or
    // separators, and DEL, are BN (a test checks): no table look-up for
    // the spaces, digits and punctuation between words.
    if c.is_ascii() {
        return matches!(c, '\0'..='\x08' | '\x0E'..='\x1B' | '\x7F');
    }
    matches!(
        super::bidi::class(c),
        unicode_bidi::BidiClass::NSM | unicode_bidi::BidiClass::BN
    ) && !matches!(c as u32, 0x202A..=0x202E | 0x2066..=0x2069)
}

/// Chooses a face for every character of `text`: strong characters by
/// script, neutrals by the face of the preceding strong character (or the
/// following one at the start) when that face covers them, else the Latin
/// face, else any face that covers them.
pub(crate) fn assign(text: &str, weight: Weight) -> Vec<FontId> {
    // Printable ASCII, all covered by the Latin face: the rules below give
    // every character that face (letters are Latin, neutrals take the face
    // of Latin letters around them or the Latin default), without looking
    // a character up.
    let latin = face_id(Script::Latin, weight);
    if text.bytes().all(|b| (0x20..0x7F).contains(&b)) && covers_printable_ascii(latin) {
        return vec![latin; text.len()];
    }
    assign_by_rules(text, weight)
}

/// Whether `font` covers every printable ASCII character (checked once).
fn covers_printable_ascii(font: FontId) -> bool {
    static COVERED: LazyLock<Vec<bool>> = LazyLock::new(|| {
        (0..face_count())
            .map(|i| {
                face(FontId(i as u8))
                    .is_some_and(|f| (0x20u8..0x7F).all(|b| f.covers(char::from(b))))
            })
            .collect()
    });
    COVERED.get(usize::from(font.0)).copied().unwrap_or(false)
}

/// [`assign`] character by character.
pub(crate) fn assign_by_rules(text: &str, weight: Weight) -> Vec<FontId> {
    let strong = |c: char| strong_script(c).map(|s| covering(c, face_id(s, weight), weight));
    // A neutral with no strong character before it takes the face of the
    // next one: with none before, that is the first of the text.
    let first_strong = text.chars().find_map(strong);
    let mut out: Vec<FontId> = Vec::with_capacity(text.len());
    let mut previous_strong: Option<FontId> = None;
    for c in text.chars() {
        let id = match strong(c) {
            Some(id) => {
                previous_strong = Some(id);
                id
            }
            None => {
                let attached_to = out.last().copied().filter(|_| is_attached(c));
                // A joiner or variation selector inside an emoji sequence
                // stays in the emoji face, covered or not, so that the
                // sequence is shaped as one.
                if let Some(id) = attached_to.filter(|&id| script(id) == Script::Emoji) {
                    out.push(id);
                    continue;
                }
                let preferred = attached_to
                    .or(previous_strong)
                    .or(first_strong)
                    .unwrap_or_else(|| face_id(Script::Latin, weight));
                covering(c, preferred, weight)
            }
        };
        out.push(id);
    }
    keycaps(text, &mut out);
    out
}

/// A keycap (`1️⃣`: a digit, `#` or `*`, the emoji variation selector,
/// the enclosing keycap) is an emoji: all three go to the emoji face, which
/// draws it as one glyph, instead of a digit and a Latin enclosing mark.
fn keycaps(text: &str, out: &mut [FontId]) {
    if !text.contains('\u{20E3}') {
        return;
    }
    let emoji = face_id(Script::Emoji, Weight::Regular);
    let chars: Vec<char> = text.chars().collect();
    for i in 0..chars.len() {
        let base = matches!(chars[i], '0'..='9' | '#' | '*');
        let rest = match chars.get(i + 1) {
            Some('\u{FE0F}') => (chars.get(i + 2) == Some(&'\u{20E3}')).then_some(3),
            Some('\u{20E3}') => Some(2),
            _ => None,
        };
        if let (true, Some(n)) = (base, rest)
            && face(emoji).is_some_and(|f| f.covers('\u{20E3}'))
        {
            out[i..i + n].fill(emoji);
        }
    }
}

/// Whether some face (bundled or given) has a glyph for `c`.
pub(crate) fn covered(c: char) -> bool {
    (0..face_count()).any(|i| face(FontId(i as u8)).is_some_and(|f| f.covers(c)))
}

/// `preferred` if it covers `c`, else the Latin face of the weight, else
/// any face of the weight that covers it, else `preferred` (the glyph will
/// be missing everywhere, and the width is that of the missing glyph).
fn covering(c: char, preferred: FontId, weight: Weight) -> FontId {
    let covers = |id: FontId| face(id).is_some_and(|f| f.covers(c));
    if covers(preferred) {
        return preferred;
    }
    let latin = face_id(Script::Latin, weight);
    if covers(latin) {
        return latin;
    }
    // Then the other bundled faces, the emoji one last of them, then the
    // given ones in the order given (of the weight when there is one).
    let extra = (BUNDLED.len()..face_count()).map(|i| FontId(i as u8));
    let (bold, regular): (Vec<FontId>, Vec<FontId>) =
        extra.partition(|&id| self::weight(id) == Weight::Bold);
    let extra = match weight {
        Weight::Bold => bold.into_iter().chain(regular),
        Weight::Regular => regular.into_iter().chain(bold),
    };
    [Script::Hebrew, Script::Arabic, Script::Emoji]
        .iter()
        .map(|&s| face_id(s, weight))
        .chain(extra)
        .find(|&id| covers(id))
        .unwrap_or(preferred)
}

#[cfg(test)]
mod tests {
    use super::*;
    use skrifa::string::StringId;

    #[test]
    fn every_face_parses_and_names_its_family() {
        for (i, source) in SOURCES.iter().enumerate() {
            let face = face(FontId(i as u8)).expect("bundled face parses");
            let names: Vec<String> = face
                .font
                .localized_strings(StringId::FAMILY_NAME)
                .map(|s| s.to_string())
                .collect();
            assert!(
                names.iter().any(|n| n == source.family),
                "face {i}: {names:?}"
            );
            let typographic: Vec<String> = face
                .font
                .localized_strings(StringId::TYPOGRAPHIC_FAMILY_NAME)
                .map(|s| s.to_string())
                .collect();
            assert!(
                typographic.iter().all(|n| n == source.family),
                "{typographic:?}"
            );
        }
    }

    #[test]
    fn line_metrics_fit_every_script_without_doubling_latin_spacing() {
        let (ascent, descent, gap) = max_metrics(1.0);
        let height = ascent + descent + gap;
        assert!(height > 1.3 && height < 1.6, "{height}");
        for (i, source) in SOURCES.iter().enumerate() {
            let face = face(FontId(i as u8)).expect("face");
            let (top, bottom) = letter_extents(&face.font, source.script);
            assert!(top / face.units_per_em <= ascent, "face {i}");
            assert!(bottom / face.units_per_em <= descent, "face {i}");
        }
    }

    #[test]
    fn faces_cover_their_scripts() {
        for weight in [Weight::Regular, Weight::Bold] {
            let arabic = face(face_id(Script::Arabic, weight)).expect("face");
            for c in "پچژگیکابت\u{200C}،؟".chars() {
                assert!(arabic.covers(c), "Arabic face lacks {c:?}");
            }
            let hebrew = face(face_id(Script::Hebrew, weight)).expect("face");
            for c in "אבגדהוזחטיכלמנסעפצקרשתםןףךץ".chars() {
                assert!(hebrew.covers(c), "Hebrew face lacks {c:?}");
            }
            let latin = face(face_id(Script::Latin, weight)).expect("face");
            for c in (0x20u8..0x7F).map(char::from).chain("éüßçñ€–—“”…".chars()) {
                assert!(latin.covers(c), "Latin face lacks {c:?}");
            }
        }
    }

    #[test]
    fn characters_go_to_the_face_of_their_script() {
        let ids = assign("Hi שלום سلام", Weight::Regular);
        let latin = face_id(Script::Latin, Weight::Regular);
        let hebrew = face_id(Script::Hebrew, Weight::Regular);
        let arabic = face_id(Script::Arabic, Weight::Regular);
        assert_eq!(&ids[..2], &[latin, latin]);
        assert_eq!(&ids[3..7], &[hebrew; 4]);
        assert_eq!(&ids[8..], &[arabic; 4]);
        let bold = assign("שלום", Weight::Bold);
        assert_eq!(bold, vec![face_id(Script::Hebrew, Weight::Bold); 4]);
    }

    /// The rules as first written, with the next strong face of every
    /// position computed: `assign_by_rules` must agree with it.
    fn assign_reference(text: &str, weight: Weight) -> Vec<FontId> {
        let chars: Vec<char> = text.chars().collect();
        let strong: Vec<Option<FontId>> = chars
            .iter()
            .map(|&c| strong_script(c).map(|s| covering(c, face_id(s, weight), weight)))
            .collect();
        // The next strong face after each position, for neutrals at the start.
        let mut next_strong: Vec<Option<FontId>> = vec![None; chars.len() + 1];
        for i in (0..chars.len()).rev() {
            next_strong[i] = strong[i].or(next_strong[i + 1]);
        }
        let mut out: Vec<FontId> = Vec::with_capacity(chars.len());
        let mut previous_strong: Option<FontId> = None;
        for (i, &c) in chars.iter().enumerate() {
            let id = match strong[i] {
                Some(id) => {
                    previous_strong = Some(id);
                    id
                }
                None => {
                    let attached_to = if is_attached(c) {
                        out.last().copied()
                    } else {
                        None
                    };
                    match attached_to {
                        Some(id) if script(id) == Script::Emoji => id,
                        _ => {
                            let preferred = attached_to
                                .or(previous_strong)
                                .or(next_strong[i + 1])
                                .unwrap_or_else(|| face_id(Script::Latin, weight));
                            covering(c, preferred, weight)
                        }
                    }
                }
            };
            out.push(id);
        }
        keycaps(text, &mut out);
        out
    }

    #[test]
    fn font_choice_follows_the_reference_rules() {
        let pieces = [
            "Pay", "שלום", "سلام", " ", "!", "3", "\u{301}", "\u{200C}", "é", "😀", "\u{1}", "中",
        ];
        let strings = crate::testgen::strings_of(&pieces, 4);
        for s in &strings {
            for weight in [Weight::Regular, Weight::Bold] {
                assert_eq!(
                    assign_by_rules(s, weight),
                    assign_reference(s, weight),
                    "{s:?}"
                );
            }
        }
    }

    #[test]
    fn the_ascii_shortcuts_agree_with_the_full_rules() {
        for b in 0u8..0x80 {
            let c = char::from(b);
            let bn = matches!(
                unicode_bidi::bidi_class(c),
                unicode_bidi::BidiClass::NSM | unicode_bidi::BidiClass::BN
            );
            assert_eq!(is_attached(c), bn, "{c:?}");
        }
        for weight in [Weight::Regular, Weight::Bold] {
            assert!(covers_printable_ascii(face_id(Script::Latin, weight)));
            for text in [
                "",
                " ",
                "Pay now!",
                "  12,000 (x) ",
                "a-b_c~d|e{f}g",
                "3 items",
                "!?",
            ] {
                assert_eq!(
                    assign(text, weight),
                    assign_by_rules(text, weight),
                    "{text:?}"
                );
            }
            let all: String = (0x20u8..0x7F).map(char::from).collect();
            assert_eq!(assign(&all, weight), assign_by_rules(&all, weight));
        }
    }

    #[test]
    fn the_coverage_bit_set_agrees_with_the_code_point_list() {
        for i in 0..face_count() {
            let face = face(FontId(i as u8)).expect("face");
            for c in (0..0x11000u32).filter_map(char::from_u32) {
                assert_eq!(
                    face.covers(c),
                    face.coverage.binary_search(&(c as u32)).is_ok(),
                    "face {i} {c:?}"
                );
            }
        }
    }

    #[test]
    fn neutrals_follow_the_surrounding_face_when_it_covers_them() {
        let hebrew = face_id(Script::Hebrew, Weight::Regular);
        let latin = face_id(Script::Latin, Weight::Regular);
        // A space between Hebrew words stays in the Hebrew face.
        let ids = assign("שלום עולם", Weight::Regular);
        assert_eq!(ids[4], hebrew);
        // Leading digits take the face of the Hebrew that follows, if it has them.
        let ids = assign("3 ימים", Weight::Regular);
        let expected = if face(hebrew).expect("face").covers('3') {
            hebrew
        } else {
            latin
        };
        assert_eq!(ids[0], expected);
        // Anything the Hebrew face lacks goes to the Latin face.
        for (c, id) in "שלום@#".chars().zip(assign("שלום@#", Weight::Regular)) {
            let covered = face(hebrew).expect("face").covers(c);
            assert!(id == hebrew || (!covered && id == latin), "{c:?}");
        }
    }
}

#[cfg(test)]
mod emoji_tests {
    use super::*;

    #[test]
    fn emoji_go_to_the_emoji_face_and_sequences_shape_as_one_glyph() {
        let emoji = face_id(Script::Emoji, Weight::Regular);
        assert_eq!(face_id(Script::Emoji, Weight::Bold), emoji);
        for (sequence, glyphs) in [
            ("😀", 1),
            // Family: man, ZWJ, woman, ZWJ, girl, ZWJ, boy.
            ("👨\u{200D}👩\u{200D}👧\u{200D}👦", 1),
            // Thumbs up with a skin tone.
            ("👍🏿", 1),
            // Woman technologist, medium skin tone.
            ("👩🏽\u{200D}💻", 1),
            // A keycap: digit, variation selector, enclosing keycap; the
            // keycap glyph and the selector's blank one.
            ("1\u{FE0F}\u{20E3}", 2),
            // Heart with the emoji variation selector: the font maps the
            // selector to a blank glyph of its own (not .notdef).
            ("❤\u{FE0F}", 2),
        ] {
            for weight in [Weight::Regular, Weight::Bold] {
                let ids = assign(sequence, weight);
                assert!(ids.iter().all(|&id| id == emoji), "{sequence:?}: {ids:?}");
            }
            let shaped = super::super::shape::glyph_ids(emoji, false, sequence);
            assert_eq!(shaped.len(), glyphs, "{sequence:?}: {shaped:?}");
            assert!(shaped.iter().all(|&g| g != 0), "{sequence:?} has .notdef");
        }
        // Emoji in a label keep the text around them in its face.
        let ids = assign("Happy 😀", Weight::Bold);
        assert_eq!(ids[0], face_id(Script::Latin, Weight::Bold));
        assert_eq!(*ids.last().unwrap(), emoji);
    }

    #[test]
    fn the_emoji_face_leaves_line_spacing_as_it_was() {
        // The text faces' lines, as before the emoji face was bundled.
        let (ascent, descent, gap) = max_metrics(1.0);
        let text_only = FACES
            .iter()
            .zip(SOURCES.iter())
            .filter(|(_, s)| s.script != Script::Emoji)
            .filter_map(|(f, _)| f.as_ref())
            .map(|f| f.ascent / f.units_per_em)
            .fold(0.0f32, f32::max);
        assert_eq!(ascent, text_only);
        assert!(ascent + descent + gap < 1.6);
        // And its glyphs fit inside those lines.
        let face = face(face_id(Script::Emoji, Weight::Regular)).unwrap();
        let glyphs = face
            .font
            .glyph_metrics(Size::unscaled(), LocationRef::default());
        let charmap = face.font.charmap();
        for c in "😀😭👍🛒💳".chars() {
            let b = glyphs.bounds(charmap.map(c).unwrap()).unwrap();
            assert!(b.y_max / face.units_per_em <= ascent, "{c}");
            assert!(-b.y_min / face.units_per_em <= descent, "{c}");
        }
    }
}
