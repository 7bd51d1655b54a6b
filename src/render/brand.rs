//! Brand themes (`--theme FILE.toml`): a built-in theme with some of its
//! named colours replaced. Only `#rrggbb` colours for the roles below are
//! accepted, never CSS, so nothing the user writes reaches the output but
//! six hex digits. Every text colour must still meet WCAG AA on every
//! surface text is drawn on, as the built-in themes do.

use std::fmt::Write as _;

use crate::diagnostic::{Diagnostic, Span};
use crate::layout::scene::Paint;

/// The built-in theme a brand theme starts from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Base {
    #[default]
    Light,
    Dark,
}

/// A theme file, checked: its base and the colours it sets.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Palette {
    pub base: Base,
    /// Indexed like [`ROLES`]; `None` keeps the base theme's colour.
    colors: Vec<Option<String>>,
}

/// One named colour of the built-in themes: its key in a theme file and
/// what it paints.
pub struct Role {
    pub key: &'static str,
    pub paints: &'static str,
}

const fn role(key: &'static str, paints: &'static str) -> Role {
    Role { key, paints }
}

/// Every key a theme file may set besides `base`, in the order of the
/// reference in docs/themes.md.
pub const ROLES: &[Role] = &[
    role("page", "the page behind everything"),
    role("lane", "lane cells of odd stages (1st, 3rd…)"),
    role("lane-alt", "lane cells of even stages"),
    role("lane-header", "the column of lane names"),
    role("stage-header", "stage header band, odd stages"),
    role("stage-header-alt", "stage header band, even stages"),
    role("surface", "cards and persona cards"),
    role("border", "card outlines"),
    role("grid-line", "lines between lanes and stages"),
    role("text", "all main text"),
    role("muted", "secondary text: channels, notes, figures"),
    role("link", "the title of a touchpoint with a link"),
    role("chip", "owner chips"),
    role("chip-border", "owner chip outlines"),
    role("pain", "pain markers"),
    role("pain-bg", "pain boxes"),
    role("opportunity", "opportunity markers"),
    role("opportunity-bg", "opportunity boxes"),
    role("insight", "insight markers"),
    role("insight-bg", "insight boxes"),
    role("action", "action markers"),
    role("thought-bg", "thought boxes"),
    role("moment", "moment-of-truth marker and outline"),
    role("moment-bg", "moment-of-truth note"),
    role("persona-1", "the 1st persona's curve (and the 7th…)"),
    role("persona-2", "the 2nd persona's curve"),
    role("persona-3", "the 3rd persona's curve"),
    role("persona-4", "the 4th persona's curve"),
    role("persona-5", "the 5th persona's curve"),
    role("persona-6", "the 6th persona's curve"),
    role("score-minus-2", "emotion markers at -2"),
    role("score-minus-1", "emotion markers at -1"),
    role("score-0", "emotion markers at 0"),
    role("score-plus-1", "emotion markers at +1"),
    role("score-plus-2", "emotion markers at +2"),
    role("funnel", "funnel arrows"),
    role("drop", "the biggest drop's figure outline"),
    role("drop-bg", "the biggest drop's box"),
    role("flow", "flow arrows"),
    role("loop", "loop arrows around the map"),
    role("emotion-band-positive", "the emotion lane above neutral"),
    role("emotion-band-negative", "the emotion lane below neutral"),
    role("frontstage-bg", "blueprint frontstage boxes"),
    role("backstage-bg", "blueprint backstage boxes"),
    role("support-bg", "blueprint support boxes"),
    role("custom-bg", "boxes of custom text lanes"),
    role("score-line", "curves of custom score lanes"),
    role("blueprint-line", "the blueprint's lines"),
];

/// The index in [`ROLES`] of what paints `paint`.
fn role_index(paint: Paint) -> usize {
    let key = match paint {
        Paint::Page => "page",
        Paint::Lane(0) => "lane",
        Paint::Lane(_) => "lane-alt",
        Paint::LaneHeader => "lane-header",
        Paint::StageHeader(0) => "stage-header",
        Paint::StageHeader(_) => "stage-header-alt",
        Paint::Surface => "surface",
        Paint::Border => "border",
        Paint::GridLine => "grid-line",
        Paint::Text => "text",
        Paint::Muted => "muted",
        Paint::Link => "link",
        Paint::Chip => "chip",
        Paint::ChipBorder => "chip-border",
        Paint::Pain => "pain",
        Paint::PainBg => "pain-bg",
        Paint::Opportunity => "opportunity",
        Paint::OpportunityBg => "opportunity-bg",
        Paint::Insight => "insight",
        Paint::InsightBg => "insight-bg",
        Paint::Action => "action",
        Paint::ThoughtBg => "thought-bg",
        Paint::Moment => "moment",
        Paint::MomentBg => "moment-bg",
        Paint::Persona(i) => [
            "persona-1",
            "persona-2",
            "persona-3",
            "persona-4",
            "persona-5",
            "persona-6",
        ][usize::from(i) % 6],
        Paint::Score(s) => match s {
            i8::MIN..=-2 => "score-minus-2",
            -1 => "score-minus-1",
            0 => "score-0",
            1 => "score-plus-1",
            _ => "score-plus-2",
        },
        Paint::Funnel => "funnel",
        Paint::Drop => "drop",
        Paint::DropBg => "drop-bg",
        Paint::Flow => "flow",
        Paint::Loop => "loop",
        Paint::EmotionBand(true) => "emotion-band-positive",
        Paint::EmotionBand(false) => "emotion-band-negative",
        Paint::FrontstageBg => "frontstage-bg",
        Paint::BackstageBg => "backstage-bg",
        Paint::SupportBg => "support-bg",
        Paint::CustomBg => "custom-bg",
        Paint::ScoreLine => "score-line",
        Paint::BlueprintLine => "blueprint-line",
    };
    index_of(key).unwrap_or(0)
}

fn index_of(key: &str) -> Option<usize> {
    ROLES.iter().position(|r| r.key == key)
}

/// Every surface the layout may put text on.
pub(crate) const BACKGROUNDS: [Paint; 20] = [
    Paint::Page,
    Paint::Lane(0),
    Paint::Lane(1),
    Paint::LaneHeader,
    Paint::StageHeader(0),
    Paint::StageHeader(1),
    Paint::Surface,
    Paint::Chip,
    Paint::PainBg,
    Paint::OpportunityBg,
    Paint::InsightBg,
    Paint::ThoughtBg,
    Paint::MomentBg,
    Paint::DropBg,
    Paint::EmotionBand(true),
    Paint::EmotionBand(false),
    Paint::FrontstageBg,
    Paint::BackstageBg,
    Paint::SupportBg,
    Paint::CustomBg,
];

/// The text/background pairs a map can draw: the main and muted text on
/// every surface, the link colour on cards.
pub(crate) fn text_pairs() -> impl Iterator<Item = (Paint, Paint)> {
    [Paint::Text, Paint::Muted]
        .into_iter()
        .flat_map(|fg| BACKGROUNDS.into_iter().map(move |bg| (fg, bg)))
        .chain([(Paint::Link, Paint::Surface)])
}

/// A text colour, its background and their contrast ratio, below AA.
type FailingPair = (Paint, Paint, f64);

/// WCAG 2 AA for normal-size text.
pub const MIN_CONTRAST: f64 = 4.5;

impl Palette {
    /// The colour of `paint`: the theme file's, or the base theme's.
    pub(crate) fn color(&self, paint: Paint) -> &str {
        match self.colors.get(role_index(paint)) {
            Some(Some(set)) => set,
            _ => super::svg::theme::base_color(self.base, paint),
        }
    }

    /// Reads a theme file. Every problem is reported, each with its place
    /// in `text` and a code that `cjm explain` knows.
    pub fn from_toml(text: &str) -> Result<Palette, Vec<Diagnostic>> {
        let table = match toml::de::DeTable::parse(text) {
            Ok(table) => table.into_inner(),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                let message = e.message().trim_end().to_string();
                return Err(vec![
                    Diagnostic::error(
                        "cjm::theme-syntax",
                        format!("the theme file is not valid TOML: {message}"),
                        Span::new(span.start, span.end),
                    )
                    .with_help(
                        "a theme file holds only lines like `text = \"#1b1f24\"` \
                         (and `base = \"light\"`)",
                    ),
                ]);
            }
        };
        let mut palette = Palette {
            base: Base::Light,
            colors: vec![None; ROLES.len()],
        };
        let mut errors = Vec::new();
        // Where each colour was set, for the contrast errors.
        let mut places: Vec<Option<Span>> = vec![None; ROLES.len()];
        for (key, value) in &table {
            let name = key.get_ref().as_ref();
            let key_span = span_of(key.span());
            let value_span = span_of(value.span());
            if name == "base" {
                match value.get_ref().as_str() {
                    Some("light") => palette.base = Base::Light,
                    Some("dark") => palette.base = Base::Dark,
                    _ => errors.push(
                        Diagnostic::error(
                            "cjm::theme-base",
                            format!(
                                "`base` must be \"light\" or \"dark\", found {}",
                                shown(text, value_span)
                            ),
                            value_span,
                        )
                        .with_label("the built-in theme to start from")
                        .with_help("write `base = \"light\"` or `base = \"dark\"`"),
                    ),
                }
                continue;
            }
            let Some(i) = index_of(name) else {
                errors.push(unknown_key(name, key_span));
                continue;
            };
            match value.get_ref().as_str().and_then(parse_hex) {
                Some(hex) => {
                    palette.colors[i] = Some(hex);
                    places[i] = Some(value_span);
                }
                None => errors.push(bad_colour(name, text, value_span)),
            }
        }
        if errors.is_empty() {
            errors = palette.contrast_errors(&places);
        }
        errors.sort_by_key(|d| (d.span.start, d.code.clone()));
        if errors.is_empty() {
            Ok(palette)
        } else {
            Err(errors)
        }
    }

    /// A text colour below AA on a background, blamed on the key the file
    /// set (the text's when it set both): one error per key, naming its
    /// worst pair and listing the others.
    fn contrast_errors(&self, places: &[Option<Span>]) -> Vec<Diagnostic> {
        // (blamed key, failing pairs with their ratio)
        let mut blamed: Vec<(usize, Vec<FailingPair>)> = Vec::new();
        for (fg, bg) in text_pairs() {
            let ratio = contrast(self.color(fg), self.color(bg));
            if ratio >= MIN_CONTRAST {
                continue;
            }
            let (f, b) = (role_index(fg), role_index(bg));
            let key = if places[f].is_some() { f } else { b };
            match blamed.iter_mut().find(|(k, _)| *k == key) {
                Some((_, pairs)) => pairs.push((fg, bg, ratio)),
                None => blamed.push((key, vec![(fg, bg, ratio)])),
            }
        }
        blamed
            .into_iter()
            .map(|(key, mut pairs)| {
                pairs.sort_by(|a, b| a.2.total_cmp(&b.2));
                let (fg, bg, ratio) = pairs[0];
                let span = places[key].unwrap_or(Span::new(0, 0));
                let describe = |p: Paint| format!("`{}` ({})", ROLES[role_index(p)].key, self.color(p));
                let mut message = format!(
                    "`{}` fails WCAG AA contrast: {} on {} has contrast {}:1, below {MIN_CONTRAST}:1",
                    ROLES[key].key,
                    describe(fg),
                    describe(bg),
                    ratio_text(ratio),
                );
                if pairs.len() > 1 {
                    let _ = write!(message, " ({} pairs in all)", pairs.len());
                }
                let mut help = if role_index(fg) == key {
                    format!(
                        "make `{}` {} so it reads on every background",
                        ROLES[key].key,
                        if luminance(self.color(bg)) > 0.18 { "darker" } else { "lighter" }
                    )
                } else {
                    format!(
                        "make `{}` {}, or set `{}` to a colour that reads on it",
                        ROLES[key].key,
                        if luminance(self.color(fg)) > 0.18 { "darker" } else { "lighter" },
                        ROLES[role_index(fg)].key
                    )
                };
                if pairs.len() > 1 {
                    // The next worst few; the count says how many in all.
                    let others: Vec<String> = pairs[1..]
                        .iter()
                        .take(4)
                        .map(|(f, b, r)| {
                            format!(
                                "`{}` on `{}` {}:1",
                                ROLES[role_index(*f)].key,
                                ROLES[role_index(*b)].key,
                                ratio_text(*r)
                            )
                        })
                        .collect();
                    let _ = write!(help, "; also too low: {}", others.join(", "));
                    if pairs.len() > 5 {
                        let _ = write!(help, " and {} more", pairs.len() - 5);
                    }
                }
                Diagnostic::error("cjm::theme-contrast", message, span)
                    .with_label(format!("contrast {}:1", ratio_text(ratio)))
                    .with_help(help)
            })
            .collect()
    }
}

/// Contrast ratios cut (not rounded) to 2 decimals, so a failing 4.499
/// never reads as a passing "4.50".
fn ratio_text(ratio: f64) -> String {
    format!("{:.2}", (ratio * 100.0).floor() / 100.0)
}

fn span_of(range: std::ops::Range<usize>) -> Span {
    Span::new(range.start, range.end)
}

fn shown(text: &str, span: Span) -> String {
    let raw = text.get(span.start..span.end).unwrap_or("").trim();
    // A long value (CSS pasted in) is cut, and says so.
    let mut cut: String = raw.chars().take(40).collect();
    if cut.len() < raw.len() {
        cut.push('…');
    }
    format!("`{cut}`")
}

fn unknown_key(name: &str, span: Span) -> Diagnostic {
    let known = std::iter::once("base").chain(ROLES.iter().map(|r| r.key));
    let limit = (name.chars().count() / 3).max(2);
    // Underscores for hyphens is the commonest slip; then a typo.
    let dashed = name.replace('_', "-").to_ascii_lowercase();
    let close = known
        .map(|k| (strsim::levenshtein(&dashed, k), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k);
    let help = match close {
        Some(k) => format!("did you mean `{k}`?"),
        None => "a theme file sets `base` and the colour roles listed by `cjm explain \
                 theme-unknown-key` (and in docs/themes.md); it holds no tables or CSS"
            .to_string(),
    };
    Diagnostic::error(
        "cjm::theme-unknown-key",
        format!("unknown theme key `{name}`"),
        span,
    )
    .with_label("not a colour role")
    .with_help(help)
}

fn bad_colour(name: &str, text: &str, span: Span) -> Diagnostic {
    let found = shown(text, span);
    let mut help = "write the colour as a string of `#` and six hex digits, e.g. \
                    `text = \"#1b1f24\"`"
        .to_string();
    // `#abc` is CSS shorthand; say what it stands for.
    let raw = text
        .get(span.start..span.end)
        .unwrap_or("")
        .trim_matches(['"', '\'']);
    if let Some(short) = raw.strip_prefix('#')
        && short.len() == 3
        && short.bytes().all(|b| b.is_ascii_hexdigit())
    {
        let long: String = short.chars().flat_map(|c| [c, c]).collect();
        help = format!("write it in full: \"#{}\"", long.to_ascii_lowercase());
    }
    Diagnostic::error(
        "cjm::theme-colour",
        format!("`{name}` is not a colour `#rrggbb`: found {found}"),
        span,
    )
    .with_label("expected \"#rrggbb\"")
    .with_help(help)
}

/// `#rrggbb` (either case), lower-cased.
fn parse_hex(value: &str) -> Option<String> {
    let digits = value.strip_prefix('#')?;
    (digits.len() == 6 && digits.bytes().all(|b| b.is_ascii_hexdigit()))
        .then(|| format!("#{}", digits.to_ascii_lowercase()))
}

/// WCAG relative luminance of `#rrggbb`.
pub(crate) fn luminance(hex: &str) -> f64 {
    let v = u32::from_str_radix(hex.get(1..).unwrap_or(""), 16).unwrap_or(0);
    let ch = |shift: u32| {
        let c = f64::from((v >> shift) & 0xff) / 255.0;
        if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * ch(16) + 0.7152 * ch(8) + 0.0722 * ch(0)
}

/// WCAG contrast ratio of two `#rrggbb` colours (1 to 21).
pub(crate) fn contrast(a: &str, b: &str) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paint of every role, to check the table against `role_index`.
    fn one_paint_per_role() -> Vec<Paint> {
        let mut paints = vec![
            Paint::Page,
            Paint::Lane(0),
            Paint::Lane(1),
            Paint::LaneHeader,
            Paint::StageHeader(0),
            Paint::StageHeader(1),
            Paint::Surface,
            Paint::Border,
            Paint::GridLine,
            Paint::Text,
            Paint::Muted,
            Paint::Link,
            Paint::Chip,
            Paint::ChipBorder,
            Paint::Pain,
            Paint::PainBg,
            Paint::Opportunity,
            Paint::OpportunityBg,
            Paint::Insight,
            Paint::InsightBg,
            Paint::Action,
            Paint::ThoughtBg,
            Paint::Moment,
            Paint::MomentBg,
        ];
        paints.extend((0..6).map(Paint::Persona));
        paints.extend((-2..=2).map(Paint::Score));
        paints.extend([
            Paint::Funnel,
            Paint::Drop,
            Paint::DropBg,
            Paint::Flow,
            Paint::Loop,
            Paint::EmotionBand(true),
            Paint::EmotionBand(false),
            Paint::FrontstageBg,
            Paint::BackstageBg,
            Paint::SupportBg,
            Paint::CustomBg,
            Paint::ScoreLine,
            Paint::BlueprintLine,
        ]);
        paints
    }

    #[test]
    fn every_role_paints_one_thing_and_each_has_its_key() {
        let indices: Vec<usize> = one_paint_per_role().into_iter().map(role_index).collect();
        let expected: Vec<usize> = (0..ROLES.len()).collect();
        assert_eq!(indices, expected);
        // The 7th persona reuses the 1st's colour, as the built-in themes do.
        assert_eq!(role_index(Paint::Persona(6)), role_index(Paint::Persona(0)));
    }

    #[test]
    fn a_file_setting_every_role_paints_every_role() {
        // Grey text on white stays readable; the other roles get colours
        // that are not the base's.
        let mut file = String::from("base = \"light\"\n");
        for (i, role) in ROLES.iter().enumerate() {
            let color = match role.key {
                "text" | "muted" | "link" => "#202020".to_string(),
                key if key.ends_with("-bg")
                    || BACKGROUNDS.iter().any(|b| ROLES[role_index(*b)].key == key) =>
                {
                    format!("#fffff{:x}", i % 16)
                }
                _ => format!("#10{:02x}40", i),
            };
            file.push_str(&format!("{} = \"{color}\"\n", role.key));
        }
        let palette = Palette::from_toml(&file).unwrap();
        for paint in one_paint_per_role() {
            let key = ROLES[role_index(paint)].key;
            let line = file
                .lines()
                .find(|l| l.starts_with(&format!("{key} =")))
                .unwrap();
            assert!(
                line.contains(palette.color(paint)),
                "{key}: {}",
                palette.color(paint)
            );
        }
    }

    #[test]
    fn an_empty_file_is_the_light_theme() {
        let palette = Palette::from_toml("# nothing\n").unwrap();
        for paint in one_paint_per_role() {
            assert_eq!(
                palette.color(paint),
                super::super::svg::theme::base_color(Base::Light, paint)
            );
        }
    }

    #[test]
    fn colours_are_read_in_either_case_and_written_lower_case() {
        let palette = Palette::from_toml("page = \"#FFFAF0\"").unwrap();
        assert_eq!(palette.color(Paint::Page), "#fffaf0");
        assert_eq!(parse_hex("#12345"), None);
        assert_eq!(parse_hex("#1234567"), None);
        assert_eq!(parse_hex("123456"), None);
        assert_eq!(parse_hex("#12345g"), None);
    }

    #[test]
    fn a_ratio_just_below_the_limit_never_reads_as_passing() {
        assert_eq!(ratio_text(4.4999), "4.49");
        assert_eq!(ratio_text(21.0), "21.00");
    }
}
