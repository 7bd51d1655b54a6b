//! IDs made from labels: what a person would type for "Make tea"
//! (`make_tea`), in any script (`לשלם`, `پرداخت`), unique in the file's one
//! namespace.

use std::collections::BTreeSet;

use crate::syntax::is_identifier;

/// Hands out IDs; every ID it returns is new.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    taken: BTreeSet<String>,
}

impl Ids {
    /// An ID for `label`: its words in lower case joined by `_`, `fallback`
    /// when nothing of it can be part of an identifier, and `_2`, `_3`, …
    /// appended when that is taken.
    pub(crate) fn make(&mut self, label: &str, fallback: &str) -> String {
        let base = slug(label).unwrap_or_else(|| fallback.to_string());
        let mut id = base.clone();
        let mut n = 2;
        while self.taken.contains(&id) {
            id = format!("{base}_{n}");
            n += 1;
        }
        self.taken.insert(id.clone());
        id
    }
}

/// The label's identifier characters, lower-cased, each run of other
/// characters made one `_`; `None` when no letter is left.
fn slug(label: &str) -> Option<String> {
    let mut out = String::new();
    let mut gap = false;
    for c in label.chars().flat_map(char::to_lowercase) {
        // The grammar decides: a character belongs if it may follow a
        // letter in an identifier (letters, marks, digits, ZWNJ, …).
        let mut probe = String::from("a");
        probe.push(c);
        if c != '-' && is_identifier(&probe) {
            if gap && !out.is_empty() {
                out.push('_');
            }
            gap = false;
            out.push(c);
        } else {
            gap = true;
        }
    }
    // An ID starts with a letter or `_`: `2 tacos` → `_2_tacos`.
    if !out.is_empty() && !is_identifier(&out) {
        out.insert(0, '_');
    }
    let has_letter = out.chars().any(char::is_alphabetic);
    (has_letter && is_identifier(&out)).then_some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_one_lower_case_id() {
        let mut ids = Ids::default();
        assert_eq!(ids.make("Make tea", "task"), "make_tea");
        assert_eq!(ids.make("  Go -- upstairs! ", "task"), "go_upstairs");
        assert_eq!(ids.make("2 tacos", "task"), "_2_tacos");
    }

    #[test]
    fn any_script_is_kept_with_its_marks_and_joiners() {
        let mut ids = Ids::default();
        assert_eq!(ids.make("מיכל", "persona"), "מיכל");
        assert_eq!(ids.make("می‌خواهم بخرم", "task"), "می‌خواهم_بخرم");
        assert_eq!(ids.make("שָׁלוֹם", "task"), "שָׁלוֹם");
    }

    #[test]
    fn ids_are_unique_and_never_empty() {
        let mut ids = Ids::default();
        assert_eq!(ids.make("Sit", "task"), "sit");
        assert_eq!(ids.make("sit", "task"), "sit_2");
        assert_eq!(ids.make("SIT!", "task"), "sit_3");
        assert_eq!(ids.make("😀 🎉", "task"), "task");
        assert_eq!(ids.make("", "task"), "task_2");
        for id in ["sit", "sit_2", "task", "task_2"] {
            assert!(is_identifier(id), "{id}");
        }
    }
}
