//! Columns: one per touchpoint, grouped by stage; a stage without
//! touchpoints still gets one (empty) column so it stays visible.

use std::collections::HashMap;

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

    /// Where each stage and touchpoint stands, to find flow ends by id:
    /// scanning the map for each end made a big map's flows quadratic.
    pub(crate) fn places<'j>(&self, journey: &'j Journey) -> Places<'j> {
        let mut ids = HashMap::new();
        // The first element with an id wins, in map order (ids are
        // unique in a checked model; this keeps a hand-built one stable).
        for (s, stage) in journey.stages.iter().enumerate() {
            let (first, n) = self.stages[s];
            ids.entry(stage.id.as_str())
                .or_insert(Place::Stage { first, n });
            for (t, tp) in stage.touchpoints.iter().enumerate() {
                ids.entry(tp.id.as_str())
                    .or_insert(Place::Column(first + t));
            }
        }
        Places { ids }
    }
}

#[derive(Debug, Clone, Copy)]
enum Place {
    Stage { first: usize, n: usize },
    Column(usize),
}

/// Stage and touchpoint ids → columns (only looked up, never iterated).
pub(crate) struct Places<'j> {
    ids: HashMap<&'j str, Place>,
}

impl Places<'_> {
    /// The column a flow end stands at: a touchpoint's own column; a stage
    /// is entered at its first column and left from its last.
    pub(crate) fn column_of(&self, id: &str, as_source: bool) -> Option<usize> {
        Some(match *self.ids.get(id)? {
            Place::Stage { first, n } if as_source => first + n - 1,
            Place::Stage { first, .. } => first,
            Place::Column(c) => c,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The scan the index replaces.
    fn scan(grid: &Grid, journey: &Journey, id: &str, as_source: bool) -> Option<usize> {
        for (s, stage) in journey.stages.iter().enumerate() {
            let (first, n) = grid.stages[s];
            if stage.id == id {
                return Some(if as_source { first + n - 1 } else { first });
            }
            if let Some(t) = stage.touchpoints.iter().position(|tp| tp.id == id) {
                return Some(first + t);
            }
        }
        None
    }

    #[test]
    fn flow_ends_are_found_where_a_scan_finds_them() {
        let source = crate::testgen::journey(60, 3);
        let journey = crate::compile(source.as_bytes(), &Default::default())
            .journey
            .expect("generated journeys compile");
        let grid = Grid::new(&journey, 0.0, 0.0);
        let places = grid.places(&journey);
        let mut ids: Vec<&str> = vec!["nothing", ""];
        for stage in &journey.stages {
            ids.push(&stage.id);
            ids.extend(stage.touchpoints.iter().map(|t| t.id.as_str()));
        }
        for id in ids {
            for as_source in [false, true] {
                assert_eq!(
                    places.column_of(id, as_source),
                    scan(&grid, &journey, id, as_source),
                    "{id} {as_source}"
                );
            }
        }
    }
}
