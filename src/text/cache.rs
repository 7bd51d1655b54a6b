//! A small thread-safe memo table. The text API is called from rayon
//! workers with the same strings many times; results are pure functions of
//! their keys, so any thread may fill or read an entry.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hash, Hasher};
use std::sync::{LazyLock, Mutex, PoisonError};

/// The tables are looked up with whole labels as keys, once per measured
/// piece of text: the standard SipHash was a tenth of the layout's time.
/// This is the multiply-rotate hash rustc uses for its own tables; keys
/// are only ever looked up, never iterated, so the order it gives does
/// not reach any output.
#[derive(Default, Clone, Copy)]
pub(crate) struct FastHasher(u64);

const SEED: u64 = 0xf135_7aea_2e62_a9c5;

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.0 = (self.0 ^ word).wrapping_mul(SEED);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(word));
        }
    }
    fn write_u8(&mut self, i: u8) {
        self.add(u64::from(i));
    }
    fn write_u32(&mut self, i: u32) {
        self.add(u64::from(i));
    }
    fn write_u64(&mut self, i: u64) {
        self.add(i);
    }
    fn write_usize(&mut self, i: usize) {
        self.add(i as u64);
    }
    fn finish(&self) -> u64 {
        // The table picks buckets with the low bits and filters with the
        // high ones: spread the multiply's well-mixed high bits to both.
        self.0.rotate_left(26)
    }
}

type Table<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;

/// A map from keys to computed values, cleared when it reaches `limit`
/// entries so that a long watch session cannot grow it without bound.
pub(crate) struct Memo<K, V> {
    map: LazyLock<Mutex<Table<K, V>>>,
    limit: usize,
}

impl<K: Hash + Eq, V: Clone> Memo<K, V> {
    pub(crate) const fn new(limit: usize) -> Self {
        Self {
            map: LazyLock::new(|| Mutex::new(Table::default())),
            limit,
        }
    }

    /// The value for `key`, computed by `make` (outside the lock) if absent.
    pub(crate) fn get_or(&self, key: K, make: impl FnOnce(&K) -> V) -> V {
        if let Some(found) = self.lock().get(&key) {
            return found.clone();
        }
        let value = make(&key);
        let mut map = self.lock();
        if map.len() >= self.limit {
            map.clear();
        }
        map.insert(key, value.clone());
        value
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Table<K, V>> {
        // A panic elsewhere cannot leave a half-written entry (inserts are
        // single calls), so a poisoned map is still good.
        self.map.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
