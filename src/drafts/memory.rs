//! An in-memory [`Storage`] for tests, with faults to inject: a size quota, a failure on
//! the Nth write, no storage at all.

use super::storage::{Storage, StorageError};
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

/// In-memory storage. Clones share the same entries, like two tabs of one origin.
///
/// ```
/// use recap::drafts::{MemoryStorage, Storage, StorageError};
/// let mut s = MemoryStorage::with_quota(10);
/// s.set("a", "12345").unwrap();
/// assert_eq!(s.set("b", "123456789"), Err(StorageError::Full));
/// assert_eq!(s.get("b").unwrap(), None);
/// ```
#[derive(Debug, Clone, Default)]
pub struct MemoryStorage {
    inner: Rc<RefCell<Inner>>,
}

#[derive(Debug, Default)]
struct Inner {
    entries: BTreeMap<String, String>,
    quota: Option<usize>,
    fail_on_write: Option<usize>,
    writes: usize,
    unavailable: bool,
}

impl MemoryStorage {
    /// Unlimited storage.
    pub fn new() -> Self {
        Self::default()
    }

    /// Storage that holds at most `bytes` of keys and values (as UTF-16 units, like browsers).
    pub fn with_quota(bytes: usize) -> Self {
        let s = Self::default();
        s.inner.borrow_mut().quota = Some(bytes);
        s
    }

    /// Storage that does not exist (disabled, private window).
    pub fn unavailable() -> Self {
        let s = Self::default();
        s.inner.borrow_mut().unavailable = true;
        s
    }

    /// Makes the `n`th write from now (1-based) fail with [`StorageError::Full`].
    pub fn fail_write(&self, n: usize) {
        let mut inner = self.inner.borrow_mut();
        inner.fail_on_write = Some(inner.writes + n);
    }

    /// Changes the quota (bytes) from now on.
    pub fn set_quota(&self, bytes: Option<usize>) {
        self.inner.borrow_mut().quota = bytes;
    }

    /// Writes a raw entry, bypassing faults: to plant corrupt or foreign data.
    pub fn plant(&self, key: &str, value: &str) {
        self.inner
            .borrow_mut()
            .entries
            .insert(key.into(), value.into());
    }

    /// Every entry, for assertions.
    pub fn snapshot(&self) -> BTreeMap<String, String> {
        self.inner.borrow().entries.clone()
    }

    fn used(entries: &BTreeMap<String, String>) -> usize {
        entries
            .iter()
            .map(|(k, v)| k.encode_utf16().count() + v.encode_utf16().count())
            .sum()
    }
}

impl Storage for MemoryStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        let inner = self.inner.borrow();
        if inner.unavailable {
            return Err(StorageError::Unavailable);
        }
        Ok(inner.entries.get(key).cloned())
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        let mut inner = self.inner.borrow_mut();
        if inner.unavailable {
            return Err(StorageError::Unavailable);
        }
        inner.writes += 1;
        if inner.fail_on_write == Some(inner.writes) {
            return Err(StorageError::Full);
        }
        if let Some(quota) = inner.quota {
            let old = inner
                .entries
                .get(key)
                .map_or(0, |v| key.encode_utf16().count() + v.encode_utf16().count());
            let new = key.encode_utf16().count() + value.encode_utf16().count();
            if Self::used(&inner.entries) - old + new > quota {
                return Err(StorageError::Full);
            }
        }
        inner.entries.insert(key.into(), value.into());
        Ok(())
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        let mut inner = self.inner.borrow_mut();
        if inner.unavailable {
            return Err(StorageError::Unavailable);
        }
        inner.entries.remove(key);
        Ok(())
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let inner = self.inner.borrow();
        if inner.unavailable {
            return Err(StorageError::Unavailable);
        }
        Ok(inner.entries.keys().cloned().collect())
    }
}
