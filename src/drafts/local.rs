//! The browser's localStorage as a [`Storage`], through gloo-storage.

use super::storage::{Storage, StorageError};
use gloo_storage::Storage as _;

/// `window.localStorage`. [`LocalStorage::open`] checks that it exists first: reaching
/// for it blindly panics in private windows and when storage is disabled.
#[derive(Debug, Clone, Copy)]
pub struct LocalStorage(());

impl LocalStorage {
    /// The origin's localStorage, or [`StorageError::Unavailable`].
    pub fn open() -> Result<LocalStorage, StorageError> {
        let window = web_sys::window().ok_or(StorageError::Unavailable)?;
        match window.local_storage() {
            Ok(Some(_)) => Ok(LocalStorage(())),
            _ => Err(StorageError::Unavailable),
        }
    }

    fn raw() -> web_sys::Storage {
        gloo_storage::LocalStorage::raw()
    }
}

fn error_of(e: wasm_bindgen::JsValue) -> StorageError {
    let name = js_sys::Reflect::get(&e, &"name".into())
        .ok()
        .and_then(|n| n.as_string())
        .unwrap_or_default();
    if name == "QuotaExceededError" || name == "NS_ERROR_DOM_QUOTA_REACHED" {
        StorageError::Full
    } else {
        let message = js_sys::Reflect::get(&e, &"message".into())
            .ok()
            .and_then(|m| m.as_string());
        StorageError::Other(message.unwrap_or(name))
    }
}

impl Storage for LocalStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        Self::raw().get_item(key).map_err(error_of)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        Self::raw().set_item(key, value).map_err(error_of)
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        Self::raw().remove_item(key).map_err(error_of)
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        let raw = Self::raw();
        let len = raw.length().map_err(error_of)?;
        let mut keys = Vec::with_capacity(len as usize);
        for i in 0..len {
            if let Some(k) = raw.key(i).map_err(error_of)? {
                keys.push(k);
            }
        }
        Ok(keys)
    }
}

/// The browser's storage if it has one: `localStorage`, or nothing at all (disabled
/// storage, some private windows), where every call fails with
/// [`StorageError::Unavailable`] so the editor keeps its text in memory and says so.
#[derive(Debug, Clone, Copy)]
pub struct BrowserStorage(Option<LocalStorage>);

impl BrowserStorage {
    /// `localStorage` when the browser lets the page use it.
    pub fn open() -> BrowserStorage {
        BrowserStorage(LocalStorage::open().ok())
    }
}

impl Storage for BrowserStorage {
    fn get(&self, key: &str) -> Result<Option<String>, StorageError> {
        self.0.as_ref().ok_or(StorageError::Unavailable)?.get(key)
    }

    fn set(&mut self, key: &str, value: &str) -> Result<(), StorageError> {
        self.0
            .as_mut()
            .ok_or(StorageError::Unavailable)?
            .set(key, value)
    }

    fn remove(&mut self, key: &str) -> Result<(), StorageError> {
        self.0
            .as_mut()
            .ok_or(StorageError::Unavailable)?
            .remove(key)
    }

    fn keys(&self) -> Result<Vec<String>, StorageError> {
        self.0.as_ref().ok_or(StorageError::Unavailable)?.keys()
    }
}
