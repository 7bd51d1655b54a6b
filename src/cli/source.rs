//! Reading journey sources without trusting their size: at most one byte
//! past the file-size cap is read, so `compile` can refuse a huge file with
//! `cjm::limit` before it ever sits whole in memory.

use std::fs::File;
use std::io::{self, Read};
use std::path::Path;

/// Reads `reader` up to `max + 1` bytes.
pub(crate) fn read_capped(reader: impl Read, max: usize) -> io::Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let cap = u64::try_from(max).unwrap_or(u64::MAX).saturating_add(1);
    reader.take(cap).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// Reads the file at `path` up to `max + 1` bytes.
pub(crate) fn read_file(path: &Path, max: usize) -> io::Result<Vec<u8>> {
    read_capped(File::open(path)?, max)
}

/// Reads stdin up to `max + 1` bytes.
pub(crate) fn read_stdin(max: usize) -> io::Result<Vec<u8>> {
    read_capped(io::stdin().lock(), max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_one_byte_past_the_cap_and_no_more() {
        let data = [b'x'; 100];
        assert_eq!(read_capped(&data[..], 10).unwrap().len(), 11);
        assert_eq!(read_capped(&data[..], 1000).unwrap().len(), 100);
    }
}
