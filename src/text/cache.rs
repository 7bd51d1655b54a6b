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

/// Shards of a [`TextMemo`]: layout threads look widths up many times per
/// label, and one lock for the whole table made them queue for it.
const SHARDS: usize = 16;

/// The owned key of a [`TextMemo`]: the text, the other parts of the key
/// packed into `extra`, and the hash of both, computed once.
struct TextKey {
    hash: u64,
    extra: u128,
    text: Box<str>,
}

/// What a [`TextKey`] is compared by; a look-up borrows the text instead
/// of copying it into a key (most look-ups find their entry).
#[derive(Clone, Copy)]
struct KeyRef<'a> {
    hash: u64,
    extra: u128,
    text: &'a str,
}

trait AsKey {
    fn key(&self) -> KeyRef<'_>;
}

impl AsKey for TextKey {
    fn key(&self) -> KeyRef<'_> {
        KeyRef {
            hash: self.hash,
            extra: self.extra,
            text: &self.text,
        }
    }
}

impl AsKey for KeyRef<'_> {
    fn key(&self) -> KeyRef<'_> {
        *self
    }
}

impl<'a> std::borrow::Borrow<dyn AsKey + 'a> for TextKey {
    fn borrow(&self) -> &(dyn AsKey + 'a) {
        self
    }
}

// Owned and borrowed keys hash and compare the same way, as `Borrow`
// requires: by the precomputed hash, then the parts.
impl Hash for dyn AsKey + '_ {
    fn hash<H: Hasher>(&self, state: &mut H) {
        state.write_u64(self.key().hash);
    }
}

impl PartialEq for dyn AsKey + '_ {
    fn eq(&self, other: &Self) -> bool {
        let (a, b) = (self.key(), other.key());
        a.hash == b.hash && a.extra == b.extra && a.text == b.text
    }
}

impl Eq for dyn AsKey + '_ {}

impl Hash for TextKey {
    fn hash<H: Hasher>(&self, state: &mut H) {
        (self as &dyn AsKey).hash(state);
    }
}

impl PartialEq for TextKey {
    fn eq(&self, other: &Self) -> bool {
        (self as &dyn AsKey) == (other as &dyn AsKey)
    }
}

impl Eq for TextKey {}

/// Passes the key's precomputed hash through.
#[derive(Default, Clone, Copy)]
struct PassHasher(u64);

impl Hasher for PassHasher {
    fn write(&mut self, bytes: &[u8]) {
        // Only `write_u64` is ever called (see `Hash for dyn AsKey`);
        // anything else still hashes, if slowly.
        let mut h = FastHasher(self.0);
        h.write(bytes);
        self.0 = h.finish();
    }
    fn write_u64(&mut self, i: u64) {
        self.0 = i;
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

type TextTable<V> = HashMap<TextKey, V, BuildHasherDefault<PassHasher>>;

/// A memo table keyed by a text and up to 128 bits of other parts (font,
/// size, width…), sharded by hash, each shard cleared when it reaches its
/// share of `limit`. Values must be pure functions of the key: which
/// thread computes an entry, or whether it was cleared, never shows.
pub(crate) struct TextMemo<V> {
    shards: LazyLock<[Mutex<TextTable<V>>; SHARDS]>,
    limit: usize,
}

impl<V: Clone> TextMemo<V> {
    pub(crate) const fn new(limit: usize) -> Self {
        Self {
            shards: LazyLock::new(|| std::array::from_fn(|_| Mutex::new(TextTable::default()))),
            limit,
        }
    }

    /// The value for `(extra, text)`, computed by `make` (outside the
    /// lock) if absent.
    pub(crate) fn get_or(&self, extra: u128, text: &str, make: impl FnOnce() -> V) -> V {
        let hash = text_hash(extra, text);
        // The table picks buckets by the low bits: pick shards by others.
        let shard = &self.shards[(hash >> 32) as usize % SHARDS];
        let key = KeyRef { hash, extra, text };
        if let Some(found) = lock(shard).get(&key as &dyn AsKey) {
            return found.clone();
        }
        let value = make();
        let mut map = lock(shard);
        if map.len() >= self.limit.div_ceil(SHARDS) {
            map.clear();
        }
        map.insert(
            TextKey {
                hash,
                extra,
                text: text.into(),
            },
            value.clone(),
        );
        value
    }
}

/// The hash of a [`TextMemo`] or [`NearMemo`] key.
fn text_hash(extra: u128, text: &str) -> u64 {
    let mut hasher = FastHasher::default();
    hasher.write_u128(extra);
    hasher.write(text.as_bytes());
    hasher.finish()
}

/// A table of one thread's own, keyed like a [`TextMemo`], put in front of
/// a shared one for the values looked up most: a hit takes no lock, where
/// the shared table's locks, taken hundreds of thousands of times by both
/// layout threads for the same few thousand words, cost more than the
/// look-ups themselves. Cleared when it reaches `limit` entries.
pub(crate) struct NearMemo<V> {
    map: TextTable<V>,
    limit: usize,
}

impl<V: Copy> NearMemo<V> {
    pub(crate) fn new(limit: usize) -> Self {
        NearMemo {
            map: TextTable::default(),
            limit,
        }
    }

    /// The value for `(extra, text)`, from `make` if absent.
    pub(crate) fn get_or(&mut self, extra: u128, text: &str, make: impl FnOnce() -> V) -> V {
        let hash = text_hash(extra, text);
        let key = KeyRef { hash, extra, text };
        if let Some(found) = self.map.get(&key as &dyn AsKey) {
            return *found;
        }
        let value = make();
        if self.map.len() >= self.limit {
            self.map.clear();
        }
        let text = text.into();
        self.map.insert(TextKey { hash, extra, text }, value);
        value
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    // A panic elsewhere cannot leave a half-written entry (inserts are
    // single calls), so a poisoned map is still good.
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_are_told_apart_by_text_and_extra() {
        let memo: TextMemo<String> = TextMemo::new(1000);
        let made = |s: &str| memo.get_or(1, s, || format!("1:{s}"));
        assert_eq!(made("a"), "1:a");
        assert_eq!(memo.get_or(2, "a", || "2:a".into()), "2:a");
        assert_eq!(memo.get_or(1, "a", || "again".into()), "1:a");
        assert_eq!(memo.get_or(2, "a", || "again".into()), "2:a");
        assert_eq!(memo.get_or(1, "ab", || "1:ab".into()), "1:ab");
    }

    #[test]
    fn a_near_table_tells_entries_apart_and_is_cleared_not_grown() {
        let mut near: NearMemo<u32> = NearMemo::new(8);
        assert_eq!(near.get_or(1, "a", || 10), 10);
        assert_eq!(near.get_or(2, "a", || 20), 20);
        assert_eq!(near.get_or(1, "ab", || 30), 30);
        assert_eq!(near.get_or(1, "a", || 99), 10);
        assert_eq!(near.get_or(2, "a", || 99), 20);
        for i in 0..100 {
            near.get_or(0, &i.to_string(), || i);
        }
        assert!(near.map.len() <= 8, "{}", near.map.len());
    }

    #[test]
    fn a_full_table_is_cleared_not_grown() {
        let memo: TextMemo<usize> = TextMemo::new(SHARDS);
        for i in 0..10 * SHARDS {
            memo.get_or(0, &i.to_string(), || i);
        }
        let total: usize = memo.shards.iter().map(|s| lock(s).len()).sum();
        assert!(total <= SHARDS, "{total}");
    }
}
