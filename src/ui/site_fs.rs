//! The site folder on disk, through `assets/site-fs.js` (the File System Access API):
//! listing, reading and writing files by [`SitePath`], which cannot leave the folder.
//! Every call returns a `Result` whose error is a sentence for the writer.

use crate::site::{SiteFile, SitePath};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(raw_module = "./site-fs.js")]
extern "C" {
    #[wasm_bindgen(js_name = hasPicker)]
    fn has_picker_js() -> bool;
    #[wasm_bindgen(js_name = pickFolder, catch)]
    async fn pick_folder_js() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = listFiles, catch)]
    async fn list_files_js(root: &JsValue, sub: &str, deep: bool) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = readFile, catch)]
    async fn read_file_js(root: &JsValue, path: &str) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = writeFile, catch)]
    async fn write_file_js(root: &JsValue, path: &str, bytes: &[u8]) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = permission, catch)]
    async fn permission_js(root: &JsValue, ask: bool) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = rememberFolder, catch)]
    async fn remember_folder_js(root: &JsValue) -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = rememberedFolder, catch)]
    async fn remembered_folder_js() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = folderFromFiles)]
    fn folder_from_files_js(files: &web_sys::FileList) -> JsValue;
    #[wasm_bindgen(js_name = isReadOnly)]
    fn is_read_only_js(handle: &JsValue) -> bool;
    #[wasm_bindgen(js_name = privateFolder, catch)]
    async fn private_folder_js() -> Result<JsValue, JsValue>;
    #[wasm_bindgen(js_name = forgetFolder, catch)]
    async fn forget_folder_js() -> Result<JsValue, JsValue>;
}

/// A picked site folder (a `FileSystemDirectoryHandle`).
#[derive(Clone, Debug)]
pub struct Folder(JsValue);

/// The writer's permission on the folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Permission {
    /// Reading and writing allowed.
    Granted,
    /// The browser must ask (on a click).
    Prompt,
    /// Refused.
    Denied,
}

/// The browser's message for a failed call.
fn message(e: JsValue) -> String {
    e.dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| e.as_string())
        .unwrap_or_else(|| "the browser gave no reason".into())
}

/// Whether the browser can open folders for writing (Chromium; not Firefox or Safari).
pub fn has_picker() -> bool {
    has_picker_js()
}

/// Asks the writer for a folder; `Ok(None)` when they cancel.
pub async fn pick_folder() -> Result<Option<Folder>, String> {
    let handle = pick_folder_js().await.map_err(message)?;
    Ok((!handle.is_null() && !handle.is_undefined()).then_some(Folder(handle)))
}

impl Folder {
    /// A folder picked through `<input type=file webkitdirectory>` (browsers without the
    /// folder API): read-only, writes fail.
    pub fn from_files(files: &web_sys::FileList) -> Folder {
        Folder(folder_from_files_js(files))
    }

    /// Whether writes are impossible (see [`Folder::from_files`]).
    pub fn read_only(&self) -> bool {
        is_read_only_js(&self.0)
    }

    /// The folder's name.
    pub fn name(&self) -> String {
        js_sys::Reflect::get(&self.0, &"name".into())
            .ok()
            .and_then(|n| n.as_string())
            .unwrap_or_else(|| "site".into())
    }

    /// The files below `sub` (`""`: the whole folder; `deep` false: only its own
    /// entries, folders ending in `/`).
    pub async fn list(&self, sub: &str, deep: bool) -> Result<Vec<SiteFile>, String> {
        let list = list_files_js(&self.0, sub, deep).await.map_err(message)?;
        let list: js_sys::Array = list
            .dyn_into()
            .map_err(|_| "a listing that is not a list")?;
        Ok(list
            .iter()
            .filter_map(|item| {
                let get = |k: &str| js_sys::Reflect::get(&item, &k.into()).ok();
                Some(SiteFile {
                    path: get("path")?.as_string()?,
                    modified_ms: get("modified")?.as_f64()? as i64,
                    size: get("size")?.as_f64()? as u64,
                })
            })
            .collect())
    }

    /// The file's bytes and `lastModified`, or `None` when it does not exist.
    pub async fn read(&self, path: &SitePath) -> Result<Option<(Vec<u8>, i64)>, String> {
        let read = read_file_js(&self.0, path.as_str())
            .await
            .map_err(message)?;
        if read.is_null() || read.is_undefined() {
            return Ok(None);
        }
        let bytes = js_sys::Reflect::get(&read, &"bytes".into())
            .ok()
            .and_then(|b| b.dyn_into::<js_sys::Uint8Array>().ok())
            .map(|b| b.to_vec())
            .ok_or("the browser returned no bytes")?;
        let modified = js_sys::Reflect::get(&read, &"modified".into())
            .ok()
            .and_then(|m| m.as_f64())
            .unwrap_or(0.0) as i64;
        Ok(Some((bytes, modified)))
    }

    /// Writes `bytes` to `path` (folders created as needed); the new `lastModified`.
    pub async fn write(&self, path: &SitePath, bytes: &[u8]) -> Result<i64, String> {
        let modified = write_file_js(&self.0, path.as_str(), bytes)
            .await
            .map_err(message)?;
        Ok(modified.as_f64().unwrap_or(0.0) as i64)
    }

    /// The permission to read and write; `ask` shows the browser's prompt (only
    /// allowed during a click).
    pub async fn permission(&self, ask: bool) -> Permission {
        match permission_js(&self.0, ask)
            .await
            .ok()
            .and_then(|p| p.as_string())
        {
            Some(p) if p == "granted" => Permission::Granted,
            Some(p) if p == "prompt" => Permission::Prompt,
            _ => Permission::Denied,
        }
    }

    /// Keeps the folder for the next visit (IndexedDB).
    pub async fn remember(&self) -> Result<(), String> {
        remember_folder_js(&self.0)
            .await
            .map(|_| ())
            .map_err(message)
    }

    /// The folder kept from an earlier visit.
    pub async fn remembered() -> Option<Folder> {
        let handle = remembered_folder_js().await.ok()?;
        (!handle.is_null() && !handle.is_undefined()).then_some(Folder(handle))
    }

    /// The browser's own file storage for this site (Origin Private File System).
    pub async fn private() -> Option<Folder> {
        let handle = private_folder_js().await.ok()?;
        (!handle.is_null() && !handle.is_undefined()).then_some(Folder(handle))
    }

    /// Forgets the kept folder.
    pub async fn forget() {
        let _ = forget_folder_js().await;
    }
}
