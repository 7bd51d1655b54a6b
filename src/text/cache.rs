//! A small thread-safe memo table. The text API is called from rayon
//! workers with the same strings many times; results are pure functions of
//! their keys, so any thread may fill or read an entry.

use std::collections::HashMap;
use std::hash::Hash;
use std::sync::{LazyLock, Mutex, PoisonError};

/// A map from keys to computed values, cleared when it reaches `limit`
/// entries so that a long watch session cannot grow it without bound.
pub(crate) struct Memo<K, V> {
    map: LazyLock<Mutex<HashMap<K, V>>>,
    limit: usize,
}

impl<K: Hash + Eq, V: Clone> Memo<K, V> {
    pub(crate) const fn new(limit: usize) -> Self {
        Self {
            map: LazyLock::new(|| Mutex::new(HashMap::new())),
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

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<K, V>> {
        // A panic elsewhere cannot leave a half-written entry (inserts are
        // single calls), so a poisoned map is still good.
        self.map.lock().unwrap_or_else(PoisonError::into_inner)
    }
}
