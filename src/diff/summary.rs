//! Counts of a diff, for the markdown summary line and the SVG legend.

use super::{Change, What};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Summary {
    pub added: usize,
    pub removed: usize,
    pub renamed: usize,
    pub moved: usize,
    pub changed: usize,
    /// Emotion scores that went up / down.
    pub better: usize,
    pub worse: usize,
}

impl Summary {
    pub fn of(changes: &[Change]) -> Summary {
        let mut s = Summary::default();
        for c in changes {
            match c.change {
                What::Added => s.added += 1,
                What::Removed => s.removed += 1,
                What::Renamed => s.renamed += 1,
                What::Moved => s.moved += 1,
                What::Changed => s.changed += 1,
            }
            match c.emotion_delta() {
                Some(d) if d > 0.0 => s.better += 1,
                Some(d) if d < 0.0 => s.worse += 1,
                _ => {}
            }
        }
        s
    }

    pub fn total(&self) -> usize {
        self.added + self.removed + self.renamed + self.moved + self.changed
    }

    /// `5 changes: 2 added, 1 removed, 2 changed`, parts that are zero
    /// left out.
    pub fn counts(&self) -> String {
        let total = self.total();
        if total == 0 {
            return "no change".to_string();
        }
        let parts: Vec<String> = [
            (self.added, "added"),
            (self.removed, "removed"),
            (self.renamed, "renamed"),
            (self.moved, "moved"),
            (self.changed, "changed"),
        ]
        .iter()
        .filter(|(n, _)| *n > 0)
        .map(|(n, w)| format!("{n} {w}"))
        .collect();
        let plural = if total == 1 { "change" } else { "changes" };
        format!("{total} {plural}: {}", parts.join(", "))
    }

    /// `2 emotion points worse, 1 better`; empty when no score changed.
    pub fn emotions(&self) -> String {
        let point = |n: usize| {
            if n == 1 {
                "emotion point"
            } else {
                "emotion points"
            }
        };
        match (self.worse, self.better) {
            (0, 0) => String::new(),
            (w, 0) => format!("{w} {} worse", point(w)),
            (0, b) => format!("{b} {} better", point(b)),
            (w, b) => format!("{w} {} worse, {b} better", point(w)),
        }
    }
}
