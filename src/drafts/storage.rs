//! Where drafts are kept: a small key-value `Storage` trait, so the store's logic runs
//! natively against [`super::MemoryStorage`] and in the browser against localStorage.

use thiserror::Error;

/// Why the browser's storage refused a read or write.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StorageError {
    /// No storage at all: disabled by the user, or a private window without it.
    #[error("This browser does not let Recap store anything (storage is disabled or this is a private window). Your text stays open here; download a backup to keep it.")]
    Unavailable,
    /// The storage quota is used up.
    #[error("Storage is full, so this change is not saved. Nothing was deleted; download a backup, then empty the trash or remove old drafts.")]
    Full,
    /// Any other failure, with the browser's words.
    #[error("Storage failed: {0}")]
    Other(String),
}

/// A string key-value store with the semantics of `window.localStorage`.
pub trait Storage {
    /// The value under `key`, if any.
    fn get(&self, key: &str) -> Result<Option<String>, StorageError>;
    /// Stores `value` under `key`; on [`StorageError::Full`] nothing changed.
    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError>;
    /// Removes `key` (absent keys are fine).
    fn remove(&mut self, key: &str) -> Result<(), StorageError>;
    /// Every key currently stored.
    fn keys(&self) -> Result<Vec<String>, StorageError>;
}
