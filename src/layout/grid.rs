//! Columns: one per touchpoint, grouped by stage; a stage without
//! touchpoints still gets one (empty) column so it stays visible.

use crate::model::Journey;

/// Width of one touchpoint column, gutters included.
pub(crate) const COL_W: f32 = 224.0;

#[derive(Debug, Clone)]
pub(crate) struct Col {
    pub x: f32,
    pub w: f32,
    pub stage: usize,
    /// Index of the touchpoint in its stage; `None` for an empty stage.
    pub tp: Option<usize>,
}

impl Col {
    pub(crate) fn center(&self) -> f32 {
        self.x + self.w / 2.0
    }
}

#[derive(Debug, Clone)]
pub(crate) struct Grid {
    pub cols: Vec<Col>,
    /// Per stage: its first column and how many it spans.
    pub stages: Vec<(usize, usize)>,
    pub left: f32,
    pub right: f32,
}

impl Grid {
    /// Columns from `left`; when they would span less than `min_width`,
    /// they widen equally so a small map still fills its canvas.
    pub(crate) fn new(journey: &Journey, left: f32, min_width: f32) -> Grid {
        let n: usize = journey
            .stages
            .iter()
            .map(|s| s.touchpoints.len().max(1))
            .sum();
        // Each persona's emotion points get a slice of the column wide
        // enough for a short label.
        let base = COL_W.max(journey.personas.len() as f32 * 64.0);
        let col_w = if n == 0 {
            base
        } else {
            base.max((min_width / n as f32).floor())
        };
        let mut cols = Vec::new();
        let mut stages = Vec::new();
        let mut x = left;
        for (s, stage) in journey.stages.iter().enumerate() {
            let first = cols.len();
            if stage.touchpoints.is_empty() {
                cols.push(Col {
                    x,
                    w: col_w,
                    stage: s,
                    tp: None,
                });
                x += col_w;
            }
            for t in 0..stage.touchpoints.len() {
                cols.push(Col {
                    x,
                    w: col_w,
                    stage: s,
                    tp: Some(t),
                });
                x += col_w;
            }
            stages.push((first, cols.len() - first));
        }
        Grid {
            cols,
            stages,
            left,
            right: x,
        }
    }

    /// `(x, width)` of a stage's span.
    pub(crate) fn stage_span(&self, s: usize) -> (f32, f32) {
        let (first, n) = self.stages[s];
        let x = self.cols[first].x;
        let last = &self.cols[first + n - 1];
        (x, last.x + last.w - x)
    }

    /// The column a flow end stands at: a touchpoint's own column; a stage
    /// is entered at its first column and left from its last.
    pub(crate) fn column_of(&self, journey: &Journey, id: &str, as_source: bool) -> Option<usize> {
        for (s, stage) in journey.stages.iter().enumerate() {
            let (first, n) = self.stages[s];
            if stage.id == id {
                return Some(if as_source { first + n - 1 } else { first });
            }
            if let Some(t) = stage.touchpoints.iter().position(|tp| tp.id == id) {
                return Some(first + t);
            }
        }
        None
    }
}
