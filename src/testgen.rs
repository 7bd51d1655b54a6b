//! Deterministic generator of realistic journeys of any size, for
//! benchmarks, stress tests and fuzz seeds. Not part of the stable API.

use std::fmt::Write;

const LATIN: &[&str] = &[
    "checkout", "coupon", "delivery", "basket", "fresh", "order", "support", "chat", "weekly",
    "payment", "organic", "voucher", "review", "friend", "pickup", "banner", "search", "club",
];
const HEBREW: &[&str] = &[
    "לקוח",
    "מסע",
    "קופון",
    "משלוח",
    "סל",
    "ירקות",
    "אורגני",
    "תשלום",
    "מגנט",
    "חבר",
    "מועדון",
    "שירות",
    "הזמנה",
    "אתר",
];
const PERSIAN: &[&str] = &[
    "مشتری",
    "خرید",
    "کفش",
    "پرداخت",
    "سبد",
    "تخفیف",
    "باشگاه",
    "ارسال",
    "پشتیبانی",
    "سفارش",
    "می‌خواهد",
    "فروشگاه",
];

/// A small xorshift generator: the same seed always gives the same journey.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// Between `min` and `min + spread - 1` words of one script.
fn phrase(rng: &mut Rng, min: usize, spread: usize) -> String {
    let words = min + rng.below(spread);
    let script = match rng.below(3) {
        0 => LATIN,
        1 => HEBREW,
        _ => PERSIAN,
    };
    let mut out = String::new();
    for i in 0..words {
        if i > 0 {
            out.push(' ');
        }
        // Mixed-direction labels are common in practice: sprinkle Latin words.
        let list = if rng.chance(15) { LATIN } else { script };
        out.push_str(list[rng.below(list.len())]);
    }
    out
}

/// What `journey_with` adds to the v1 journey of `journey`. Everything off
/// gives exactly `journey`'s text.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// The v1.1 lanes (language.md §9): a custom text lane (`systems`), two
    /// score lanes (`effort` on 1..5, `nps` on -2..2) with entries and
    /// labels, and the four service blueprint lanes (`evidence`,
    /// `frontstage`, `backstage`, `support`) on stages and touchpoints.
    pub lanes: bool,
    /// A `lanes` statement: some of the lanes (built-in, and custom ones
    /// when `lanes` is on) in a seed-dependent order, `touchpoints` (and
    /// with it the flows) left out in about a quarter of the journeys.
    pub lane_order: bool,
}

impl Options {
    /// Every lane kind and a `lanes` statement.
    pub fn all_lanes() -> Self {
        Options {
            lanes: true,
            lane_order: true,
        }
    }
}

/// A journey with `touchpoints` touchpoints in `max(1, touchpoints / 10)`
/// stages, two personas, owners, channels, emotions, pains with
/// opportunities, metrics, flows and one loop. It checks without errors,
/// and without warnings from 4 touchpoints on.
pub fn journey(touchpoints: usize, seed: u64) -> String {
    journey_with(touchpoints, seed, Options::default())
}

/// A score lane's MIN and MAX; `None` for a text lane.
type Scale = Option<(i32, i32)>;

/// The custom lanes `Options::lanes` defines: ID, label, scale.
const CUSTOM_LANES: [(&str, &str, Scale); 3] = [
    ("systems", "Systems", None),
    ("effort", "Customer effort", Some((1, 5))),
    ("nps", "Likely to recommend", Some((-2, 2))),
];

/// `journey`, with the additions `options` asks for.
pub fn journey_with(touchpoints: usize, seed: u64, options: Options) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    // The additions draw from their own generator, so that the v1 part of
    // the text stays the same with or without them.
    let mut extra = Rng(seed.wrapping_mul(0xD1B5_4A32_D192_ED03) | 1);
    let stages = (touchpoints / 10).max(1);
    let mut out = String::new();
    // `write!` into a String cannot fail.
    let _ = writeln!(
        out,
        "journey \"Generated journey of {touchpoints} touchpoints\" {{"
    );
    out.push_str("  lang en\n  description \"A generated journey for benchmarks\"\n\n");
    out.push_str("  persona dana \"Dana\" {\n    goal \"Fresh food every week\"\n  }\n");
    out.push_str("  persona omid \"Omid\" {\n    frustration \"Slow delivery\"\n  }\n\n");
    for (id, label) in [
        ("marketing", "Marketing"),
        ("sales", "Sales"),
        ("support", "Support"),
    ] {
        let _ = writeln!(out, "  team {id} \"{label}\"");
    }
    for (id, mode) in [
        ("web", "online"),
        ("app", "online"),
        ("shop", "offline"),
        ("phone", "offline"),
    ] {
        let _ = writeln!(out, "  channel {id} \"{id}\" {mode}");
    }
    if options.lanes {
        out.push('\n');
        for (id, label, scale) in CUSTOM_LANES {
            match scale {
                Some((min, max)) => {
                    let _ = writeln!(out, "  lane {id} \"{label}\" score {min}..{max}");
                }
                None => {
                    let _ = writeln!(out, "  lane {id} \"{label}\"");
                }
            }
        }
    }
    if options.lane_order {
        let _ = writeln!(
            out,
            "  lanes {}",
            lane_order(&mut extra, options.lanes).join(", ")
        );
    }
    let teams = ["marketing", "sales", "support"];
    let channels = ["web", "app", "shop", "phone"];
    let mut reach = 100_000u64;
    let mut ids = Vec::with_capacity(touchpoints);
    let mut made = 0;
    for s in 0..stages {
        let count = if s + 1 == stages {
            touchpoints - made
        } else {
            touchpoints / stages
        };
        let _ = writeln!(out, "\n  stage s{s} \"{}\" {{", phrase(&mut rng, 2, 1));
        let _ = writeln!(out, "    owner {}", teams[s % teams.len()]);
        let _ = writeln!(out, "    reach {reach}");
        reach = reach * (50 + rng.below(45) as u64) / 100;
        if options.lanes {
            stage_lanes(&mut extra, &mut out);
        }
        for _ in 0..count {
            let id = format!("t{made}");
            made += 1;
            let _ = writeln!(out, "    touchpoint {id} \"{}\" {{", phrase(&mut rng, 2, 5));
            // The first touchpoints use every channel and team once, so
            // that even a small journey checks clean (no unused definition
            // warnings to print): warnings are not what is measured.
            let channel = if made <= channels.len() {
                channels[made - 1]
            } else {
                channels[rng.below(channels.len())]
            };
            let _ = writeln!(out, "      channel {channel}");
            if (2..=teams.len()).contains(&made) && made > stages {
                let _ = writeln!(out, "      owner {}", teams[made - 1]);
            }
            let _ = writeln!(out, "      action \"{}\"", phrase(&mut rng, 3, 8));
            if rng.chance(50) {
                let _ = writeln!(out, "      thought \"{}\"", phrase(&mut rng, 3, 6));
            }
            for persona in ["dana", "omid"] {
                let score = rng.below(5) as i32 - 2;
                let _ = writeln!(
                    out,
                    "      emotion {persona} {score} \"{}\"",
                    phrase(&mut rng, 1, 1)
                );
            }
            if rng.chance(25) {
                let _ = writeln!(out, "      pain \"{}\"", phrase(&mut rng, 4, 6));
                let _ = writeln!(out, "      opportunity \"{}\"", phrase(&mut rng, 4, 6));
            }
            if rng.chance(10) {
                let _ = writeln!(out, "      moment_of_truth \"{}\"", phrase(&mut rng, 3, 1));
            }
            if rng.chance(30) {
                let _ = writeln!(out, "      metric conversion {}%", rng.below(100));
            }
            if options.lanes {
                // The first touchpoint fills every lane, so none is unused.
                touchpoint_lanes(&mut extra, made == 1, &mut out);
            }
            out.push_str("    }\n");
            ids.push(id);
        }
        out.push_str("  }\n");
    }
    out.push('\n');
    for pair in ids.chunks(2).step_by(5) {
        if let [a, b] = pair {
            let _ = writeln!(out, "  flow {a} -> {b}");
        }
    }
    if ids.len() >= 2 {
        let _ = writeln!(
            out,
            "  flow {} -> {} \"Comes back\"",
            ids[ids.len() - 1],
            ids[0]
        );
    }
    out.push_str("}\n");
    out
}

/// Some lanes in a shuffled order: always at least three, `touchpoints`
/// in about three journeys out of four.
fn lane_order(rng: &mut Rng, custom: bool) -> Vec<&'static str> {
    let mut names: Vec<&str> = crate::model::BUILTIN_LANES.to_vec();
    if custom {
        names.extend(CUSTOM_LANES.iter().map(|(id, _, _)| *id));
    }
    // Fisher–Yates.
    for i in (1..names.len()).rev() {
        names.swap(i, rng.below(i + 1));
    }
    let keep = 3 + rng.below(names.len() - 2);
    names.truncate(keep);
    let touchpoints = names.iter().position(|n| *n == "touchpoints");
    match (touchpoints, rng.chance(75)) {
        (None, true) => names.insert(rng.below(names.len() + 1), "touchpoints"),
        (Some(at), false) => {
            names.remove(at);
        }
        _ => {}
    }
    names
}

/// A stage's own blueprint and custom lane texts (never a score: those
/// belong to touchpoints).
fn stage_lanes(rng: &mut Rng, out: &mut String) {
    for keyword in ["evidence", "support"] {
        if rng.chance(30) {
            let _ = writeln!(out, "    {keyword} \"{}\"", phrase(rng, 2, 4));
        }
    }
    if rng.chance(30) {
        let _ = writeln!(out, "    lane systems \"{}\"", phrase(rng, 1, 3));
    }
}

/// A touchpoint's blueprint texts, custom lane texts and scores; all of
/// them when `every` is set.
fn touchpoint_lanes(rng: &mut Rng, every: bool, out: &mut String) {
    for keyword in ["evidence", "frontstage", "backstage", "support"] {
        let count = if every { 1 } else { rng.below(3) };
        for _ in 0..count {
            let _ = writeln!(out, "      {keyword} \"{}\"", phrase(rng, 2, 6));
        }
    }
    if every || rng.chance(50) {
        let _ = writeln!(out, "      lane systems \"{}\"", phrase(rng, 1, 3));
    }
    if every || rng.chance(70) {
        let score = 1 + rng.below(5);
        if rng.chance(40) {
            let _ = writeln!(out, "      lane effort {score} \"{}\"", phrase(rng, 1, 2));
        } else {
            let _ = writeln!(out, "      lane effort {score}");
        }
    }
    if every || rng.chance(60) {
        // Halves from -2 to 2: a decimal scale is drawn too.
        let halves = rng.below(9) as i32 - 4;
        let _ = writeln!(out, "      lane nps {}", f64::from(halves) / 2.0);
    }
}

/// Every string made of up to `n` of `pieces` (repeats allowed, the empty
/// string first): the inputs of tests that check a shortcut against the
/// full path it stands for.
#[cfg(test)]
pub(crate) fn strings_of(pieces: &[&str], n: usize) -> Vec<String> {
    let mut strings = vec![String::new()];
    let mut last = strings.clone();
    for _ in 0..n {
        last = last
            .iter()
            .flat_map(|s| pieces.iter().map(move |p| format!("{s}{p}")))
            .collect();
        strings.extend(last.iter().cloned());
    }
    strings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_text_and_requested_size() {
        let a = journey(100, 7);
        assert_eq!(a, journey(100, 7));
        assert_ne!(a, journey(100, 8));
        assert_eq!(a.matches("    touchpoint ").count(), 100);
        assert_eq!(a.matches("\n  stage ").count(), 10);
    }

    #[test]
    fn without_options_the_text_is_the_v1_journey() {
        for seed in 0..20 {
            assert_eq!(
                journey_with(30, seed, Options::default()),
                journey(30, seed)
            );
        }
    }

    /// With every lane option the journey holds every lane kind and still
    /// checks clean; without the additions it is the v1 journey again.
    #[test]
    fn every_lane_kind_is_generated_and_checks_clean() {
        for (n, seed) in [(1, 1), (4, 2), (25, 3), (60, 4)] {
            let text = journey_with(n, seed, Options::all_lanes());
            for piece in [
                "\n  lane systems \"Systems\"\n",
                " score 1..5\n",
                " score -2..2\n",
                "\n  lanes ",
                "      evidence \"",
                "      frontstage \"",
                "      backstage \"",
                "      support \"",
                "      lane systems \"",
                "      lane effort ",
                "      lane nps ",
            ] {
                assert!(text.contains(piece), "{n}, {seed}: no {piece:?} in\n{text}");
            }
            let compiled = crate::compile(text.as_bytes(), &crate::CompileOptions::default());
            let model = compiled.journey.as_ref().expect("compiles");
            assert_eq!(model.lanes.len(), 3);
            assert!(model.lane_order.is_some());
            if n >= 4 {
                assert!(
                    compiled.diagnostics.is_empty(),
                    "{n}: {:?}",
                    compiled.diagnostics
                );
            }
            let v1: Vec<&str> = text
                .lines()
                .filter(|l| {
                    let l = l.trim_start();
                    ![
                        "lane ",
                        "lanes ",
                        "evidence ",
                        "frontstage ",
                        "backstage ",
                        "support ",
                    ]
                    .iter()
                    .any(|k| l.starts_with(k))
                })
                .collect();
            // The lane definitions sit in a block of their own.
            let v1 = v1.join("\n").replacen("\n\n\n", "\n\n", 1);
            assert_eq!(format!("{v1}\n"), journey(n, seed));
        }
    }

    #[test]
    fn journeys_check_clean() {
        for n in [4, 10, 25, 100] {
            let compiled =
                crate::compile(journey(n, 3).as_bytes(), &crate::CompileOptions::default());
            assert!(compiled.journey.is_some());
            assert!(
                compiled.diagnostics.is_empty(),
                "{n}: {:?}",
                compiled.diagnostics
            );
        }
    }
}
