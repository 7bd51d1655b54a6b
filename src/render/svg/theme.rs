//! Colours. Both themes build on the Okabe–Ito palette (readable with
//! every common colour-vision deficiency); score and persona identity are
//! always also carried by shape or dash, never by colour alone. Text
//! colours meet WCAG AA (4.5:1) on every surface text is placed on — the
//! test below checks it.

use crate::layout::scene::Paint;
use crate::render::Theme;
use crate::render::brand::Base;

pub(crate) fn color(theme: &Theme, paint: Paint) -> &str {
    match theme {
        Theme::Light => light(paint),
        Theme::Dark => dark(paint),
        Theme::Custom(palette) => palette.color(paint),
    }
}

/// A built-in theme's colour.
pub(crate) fn base_color(base: Base, paint: Paint) -> &'static str {
    match base {
        Base::Light => light(paint),
        Base::Dark => dark(paint),
    }
}

fn light(paint: Paint) -> &'static str {
    match paint {
        Paint::Page => "#ffffff",
        Paint::Lane(0) => "#f6f7f9",
        Paint::Lane(_) => "#fcfcfd",
        Paint::LaneHeader => "#edf0f4",
        Paint::StageHeader(0) => "#dfe8f2",
        Paint::StageHeader(_) => "#e9eef5",
        Paint::Surface => "#ffffff",
        Paint::Border => "#c5ced9",
        Paint::GridLine => "#dde2e8",
        Paint::Text => "#1b1f24",
        Paint::Muted => "#4a5361",
        Paint::Link => "#005a8c",
        Paint::Chip => "#ffffff",
        Paint::ChipBorder => "#b4bfcc",
        Paint::Pain => "#d55e00",
        Paint::PainBg => "#fbeadf",
        Paint::Opportunity => "#009e73",
        Paint::OpportunityBg => "#dff3ec",
        Paint::Insight => "#cc79a7",
        Paint::InsightBg => "#f7e9f1",
        Paint::Action => "#0072b2",
        Paint::ThoughtBg => "#fdf5d8",
        Paint::Moment => "#882255",
        Paint::MomentBg => "#f6e5ee",
        Paint::Persona(i) => [
            "#0072b2", "#d55e00", "#009e73", "#cc79a7", "#e69f00", "#56b4e9",
        ][usize::from(i) % 6],
        Paint::Score(s) => match s {
            i8::MIN..=-2 => "#d55e00",
            -1 => "#e69f00",
            0 => "#6b7280",
            1 => "#56b4e9",
            _ => "#009e73",
        },
        Paint::Funnel => "#56b4e9",
        Paint::Drop => "#d55e00",
        Paint::DropBg => "#fbeadf",
        Paint::Flow => "#5b6472",
        Paint::Loop => "#0072b2",
        Paint::EmotionBand(true) => "#eef7f2",
        Paint::EmotionBand(false) => "#fcf1ea",
        Paint::FrontstageBg => "#e4eef8",
        Paint::BackstageBg => "#ece9f6",
        Paint::SupportBg => "#f2eee4",
        Paint::CustomBg => "#eceef2",
        Paint::ScoreLine => "#4a5361",
        Paint::BlueprintLine => "#3d4654",
    }
}

fn dark(paint: Paint) -> &'static str {
    match paint {
        Paint::Page => "#13161b",
        Paint::Lane(0) => "#1a1e24",
        Paint::Lane(_) => "#1e232a",
        Paint::LaneHeader => "#222831",
        Paint::StageHeader(0) => "#26303c",
        Paint::StageHeader(_) => "#2c3643",
        Paint::Surface => "#242b34",
        Paint::Border => "#3d4754",
        Paint::GridLine => "#2f3741",
        Paint::Text => "#eceff2",
        Paint::Muted => "#b3bcc7",
        Paint::Link => "#7cc4ef",
        Paint::Chip => "#2b333d",
        Paint::ChipBorder => "#4b5664",
        Paint::Pain => "#ef7b3a",
        Paint::PainBg => "#3a2820",
        Paint::Opportunity => "#2cbf95",
        Paint::OpportunityBg => "#1b3530",
        Paint::Insight => "#e08fc0",
        Paint::InsightBg => "#36263a",
        Paint::Action => "#56b4e9",
        Paint::ThoughtBg => "#35311e",
        Paint::Moment => "#e58fb8",
        Paint::MomentBg => "#3a2433",
        Paint::Persona(i) => [
            "#56b4e9", "#ef7b3a", "#2cbf95", "#e08fc0", "#f0e442", "#e69f00",
        ][usize::from(i) % 6],
        Paint::Score(s) => match s {
            i8::MIN..=-2 => "#ef7b3a",
            -1 => "#e69f00",
            0 => "#9aa3af",
            1 => "#56b4e9",
            _ => "#2cbf95",
        },
        Paint::Funnel => "#2f84bf",
        Paint::Drop => "#ef7b3a",
        Paint::DropBg => "#3a2820",
        Paint::Flow => "#9aa4b1",
        Paint::Loop => "#56b4e9",
        Paint::EmotionBand(true) => "#172724",
        Paint::EmotionBand(false) => "#2a201d",
        Paint::FrontstageBg => "#1f2d3b",
        Paint::BackstageBg => "#292639",
        Paint::SupportBg => "#2d2a22",
        Paint::CustomBg => "#272c34",
        Paint::ScoreLine => "#b3bcc7",
        Paint::BlueprintLine => "#aab3bf",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::brand::{BACKGROUNDS, contrast};

    #[test]
    fn every_text_colour_meets_wcag_aa_on_every_background() {
        for theme in [Theme::Light, Theme::Dark] {
            for fg in [Paint::Text, Paint::Muted] {
                for bg in BACKGROUNDS {
                    let ratio = contrast(color(&theme, fg), color(&theme, bg));
                    assert!(
                        ratio >= 4.5,
                        "{theme:?}: {fg:?} on {bg:?} has contrast {ratio:.2}"
                    );
                }
            }
        }
    }

    #[test]
    fn links_meet_wcag_aa_on_cards() {
        for theme in [Theme::Light, Theme::Dark] {
            let ratio = contrast(color(&theme, Paint::Link), color(&theme, Paint::Surface));
            assert!(ratio >= 4.5, "{theme:?}: link contrast {ratio:.2}");
        }
    }

    #[test]
    fn the_pairs_a_real_map_uses_are_covered() {
        // Lay out a map with every lane and check its actual text/background
        // pairs, so a new background can't slip past the list above.
        for journey in [
            crate::model::sample::sample(),
            crate::layout::tests::blueprint(),
        ] {
            let scene = crate::layout::layout(&journey);
            for t in crate::layout::scene::texts(&scene.items) {
                assert!(
                    BACKGROUNDS.contains(&t.background),
                    "text on {:?} is not checked",
                    t.background
                );
                let ok = match t.paint {
                    Paint::Text | Paint::Muted => true,
                    Paint::Link => t.background == Paint::Surface,
                    _ => false,
                };
                assert!(
                    ok,
                    "{:?} text on {:?} is not checked",
                    t.paint, t.background
                );
            }
        }
    }

    #[test]
    fn contrast_matches_known_values() {
        assert!((contrast("#000000", "#ffffff") - 21.0).abs() < 0.01);
        assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.01);
    }
}
