//! `cjm explain CODE`: what each error code and lint means, with an example
//! and the fix.

/// The explanation of `code` (`cjm::empty-stage` or `empty-stage`).
pub fn explain(_code: &str) -> Option<String> {
    todo!("explain")
}
