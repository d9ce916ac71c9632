//! Images kept with a draft when no site folder is open: in the Origin Private File
//! System (storage made for files, not localStorage's few megabytes of text), under
//! `images/<draft id>/<name>`. The post links them by name, as a page bundle would,
//! and "Export bundle .zip" takes them along.

use super::on_demand::on_demand;
use super::site_fs::Folder;
use crate::drafts::DraftId;
use crate::site::{unique_name, SitePath};

fn folder_of(id: &DraftId) -> Option<SitePath> {
    SitePath::new(&format!("images/{id}")).ok()
}

/// The draft's images: (name, size), by name.
pub async fn list(id: &DraftId) -> Vec<(String, u64)> {
    let (Some(store), Some(folder)) = (Folder::private().await, folder_of(id)) else {
        return Vec::new();
    };
    let mut files: Vec<(String, u64)> = store
        .list(folder.as_str(), true)
        .await
        .unwrap_or_default()
        .into_iter()
        .filter_map(|f| {
            let name = f.path.rsplit('/').next()?.to_string();
            Some((name, f.size))
        })
        .collect();
    files.sort();
    files
}

/// Keeps `bytes` as image `name` of draft `id` (made safe, `-2`... when taken);
/// returns the name the post links it by.
pub async fn store(id: &DraftId, name: &str, bytes: &[u8]) -> Result<String, String> {
    let store = Folder::private()
        .await
        .ok_or("this browser has no file storage for images (Origin Private File System)")?;
    let folder = folder_of(id).ok_or("a draft id that is not a folder name")?;
    let taken: Vec<String> = list(id).await.into_iter().map(|(n, _)| n).collect();
    let name = unique_name(name, |candidate| taken.iter().any(|t| t == candidate));
    let path = folder.join(&name).map_err(|e| e.to_string())?;
    store.write(&path, bytes).await?;
    Ok(name)
}

/// Image `name` of draft `id`, if kept.
pub async fn read(id: &DraftId, name: &str) -> Option<Vec<u8>> {
    let store = Folder::private().await?;
    let path = folder_of(id)?.join(name).ok()?;
    store
        .read(&path)
        .await
        .ok()
        .flatten()
        .map(|(bytes, _)| bytes)
}

/// "Export bundle .zip": the open draft and its images as a page bundle
/// (`content/post/<slug>/index.md` plus the images beside it). The code comes with the
/// `images` part.
pub fn export_bundle(doc: super::Doc) {
    let id = doc.id();
    let text = doc.text_with(str::to_string);
    leptos::task::spawn_local(async move {
        if let Err(e) = export_on_demand(doc, id, text).await {
            doc.notify(true, format!("The bundle was not exported: {e}"));
        }
    });
}

on_demand! {
    in images;
    /// [`write_bundle`], with its code fetched at the first export.
    async fn export_on_demand(doc: super::Doc, id: DraftId, text: String) -> () {
        write_bundle(doc, id, text).await
    }
}

/// Reads the draft's images and downloads the bundle.
async fn write_bundle(doc: super::Doc, id: DraftId, text: String) {
    let mut images = Vec::new();
    for (name, _) in list(&id).await {
        match read(&id, &name).await {
            Some(bytes) => images.push((name, bytes)),
            None => doc.notify(
                true,
                format!("{name} could not be read; the bundle goes without it."),
            ),
        }
    }
    match crate::site::bundle_zip(&text, "post", &images) {
        Ok((name, bytes)) => {
            if !super::browser::download(&name, "application/zip", &bytes) {
                doc.notify(true, "The browser did not start the download.");
            }
        }
        Err(e) => doc.notify(true, e),
    }
}
