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

/// A journey with `touchpoints` touchpoints in `max(1, touchpoints / 10)`
/// stages, two personas, owners, channels, emotions, pains with
/// opportunities, metrics, flows and one loop. It checks without errors,
/// and without warnings from 4 touchpoints on.
pub fn journey(touchpoints: usize, seed: u64) -> String {
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
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
