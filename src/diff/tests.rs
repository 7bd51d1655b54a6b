//! The diff of a journey with itself, or with its formatted text, is empty;
//! an edit the customer would notice is never empty.

use proptest::prelude::*;

use super::*;
use crate::testgen::{Options, journey_with};

fn model(text: &str) -> Journey {
    let compiled = crate::compile(text.as_bytes(), &Default::default());
    assert!(!compiled.has_errors(), "{:#?}", compiled.diagnostics);
    compiled.journey.unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_journey_and_its_formatted_text_have_no_diff(
        touchpoints in 1usize..60,
        seed in any::<u64>(),
        lanes in any::<bool>(),
    ) {
        let options = if lanes { Options::all_lanes() } else { Options::default() };
        let text = journey_with(touchpoints, seed, options);
        let a = model(&text);
        prop_assert_eq!(diff(&a, &a), Vec::new());
        let formatted = crate::format::format(&text).unwrap();
        let b = model(&formatted);
        prop_assert_eq!(diff(&a, &b), Vec::new());
    }

    #[test]
    fn a_changed_emotion_is_one_change_with_its_delta(
        touchpoints in 4usize..40,
        seed in any::<u64>(),
    ) {
        let a = model(&journey_with(touchpoints, seed, Options::default()));
        let mut b = a.clone();
        let tp = b.stages.iter_mut().flat_map(|s| s.touchpoints.iter_mut()).find(|t| !t.emotions.is_empty());
        prop_assume!(tp.is_some());
        let tp = tp.unwrap();
        let old = tp.emotions[0].score;
        let new = if old == 2 { 1 } else { old + 1 };
        tp.emotions[0].score = new;
        let id = tp.id.clone();
        let changes: Vec<Change> = diff(&a, &b).into_iter().filter(|c| c.field.as_deref() == Some("emotion")).collect();
        prop_assert_eq!(changes.len(), 1);
        prop_assert_eq!(changes[0].id.as_deref(), Some(id.as_str()));
        prop_assert_eq!(changes[0].emotion_delta(), Some(f64::from(new - old)));
    }
}

#[test]
fn an_added_file_lists_everything_as_added() {
    let b = model(&journey_with(12, 3, Options::default()));
    let d = Diff::of(
        Side {
            file: None,
            journey: None,
        },
        Side {
            file: Some("b"),
            journey: Some(&b),
        },
    );
    assert_eq!(d.changes[0].kind, Kind::Journey);
    assert_eq!(d.changes[0].change, What::Added);
    let tps = d
        .changes
        .iter()
        .filter(|c| c.kind == Kind::Touchpoint)
        .count();
    assert_eq!(tps, 12);
    assert!(
        d.changes.iter().all(|c| c.change == What::Added),
        "{:#?}",
        d.changes
    );
}
