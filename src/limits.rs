//! Caps that keep hostile or runaway input from hanging the compiler or
//! eating memory: maps are rendered in CI from pull requests, so a file is
//! untrusted input. Going past a cap is a `cjm::limit` error, never a
//! hang, a crash or a silently shortened map.

/// The caps `compile` enforces. The defaults are far above any journey a
/// person writes (the largest real maps hold a few hundred touchpoints).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Largest file accepted, in bytes (BOM included).
    pub max_file_size: usize,
    /// Most elements a journey may define: personas, teams, channels,
    /// stages, touchpoints and flow edges together.
    pub max_elements: usize,
}

/// 8 MiB.
pub const DEFAULT_MAX_FILE_SIZE: usize = 8 * 1024 * 1024;

/// 100,000 elements.
pub const DEFAULT_MAX_ELEMENTS: usize = 100_000;

/// Longest string or identifier, in characters. Not configurable: a label
/// this long can't be drawn in a readable map, and every later stage
/// (wrapping, shaping) may assume labels are bounded.
pub const MAX_TEXT_CHARS: usize = 10_000;

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
            max_elements: DEFAULT_MAX_ELEMENTS,
        }
    }
}

/// `bytes` in the unit a person reads: "812 bytes", "3.2 KiB", "9.5 MiB".
pub(crate) fn human_size(bytes: usize) -> String {
    const KIB: f64 = 1024.0;
    let b = bytes as f64;
    if b < KIB {
        format!("{bytes} bytes")
    } else if b < KIB * KIB {
        format!("{:.1} KiB", b / KIB)
    } else {
        format!("{:.1} MiB", b / (KIB * KIB))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_size(812), "812 bytes");
        assert_eq!(human_size(3 * 1024 + 205), "3.2 KiB");
        assert_eq!(human_size(DEFAULT_MAX_FILE_SIZE), "8.0 MiB");
    }
}
