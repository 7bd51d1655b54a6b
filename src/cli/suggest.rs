//! "Did you mean …?" for names typed on the command line.

/// The candidate closest to `typed` by edit distance, when it is close
/// enough to be a plausible typo (at most a third of the name, at least 2).
pub(crate) fn closest<'a>(
    typed: &str,
    candidates: impl Iterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (typed.chars().count() / 3).max(2);
    candidates
        .map(|c| (strsim::levenshtein(typed, c), c))
        .filter(|(distance, _)| *distance <= limit)
        // Ties go to the first candidate in list order, so the answer is stable.
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::closest;

    #[test]
    fn finds_a_typo_and_ignores_strangers() {
        let names = ["empty-stage", "no-owner", "open-journey"];
        assert_eq!(
            closest("empty-stag", names.into_iter()),
            Some("empty-stage")
        );
        assert_eq!(closest("no_owner", names.into_iter()), Some("no-owner"));
        assert_eq!(closest("banana", names.into_iter()), None);
    }
}
