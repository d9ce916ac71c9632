//! Images in the preview that Recap holds the files of: an image link of a site post
//! (`slide.jpg` in a bundle, `/img/x.jpg` under static) is read from the site folder,
//! and without a site, a bundle-style link (`slide.jpg`) from the images kept with the
//! draft. Either is shown from a `blob:` URL, so the preview shows what Hugo will
//! publish without any request leaving the app.

use super::on_demand::on_demand;
use super::site::SiteState;
use super::Doc;
use crate::drafts::{DraftId, SiteLink};
use crate::site::{resolve_image, PostLayout, SitePath};
use leptos::prelude::*;
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use wasm_bindgen::JsCast;

thread_local! {
    /// Site file → its `blob:` URL, kept while the page lives (images are few).
    static URLS: RefCell<HashMap<String, String>> = RefCell::new(HashMap::new());
    /// The writer was told that the images' code could not be fetched.
    static TOLD: Cell<bool> = const { Cell::new(false) };
}

/// Where an image link of the open draft points, when Recap holds the file.
#[derive(Clone)]
enum Source {
    /// A file of the open site.
    Site(SitePath),
    /// An image kept with the draft (no site open).
    Draft(DraftId, String),
}

impl Source {
    fn key(&self) -> String {
        match self {
            Source::Site(p) => format!("site:{p}"),
            Source::Draft(id, name) => format!("draft:{id}/{name}"),
        }
    }
}

/// Shows the draft's images inside `roots` (preview blocks, or the whole preview):
/// `<img>` and figure placeholders (`.figure-path`) whose link names a file of the
/// open site, or, without a site post, an image kept with the draft. Finding them is
/// here; resolving and reading them is the `images` part, fetched the first time a
/// preview has an image (a post without one never needs it).
pub fn show_site_images(roots: &[web_sys::Element], state: SiteState, doc: Doc) {
    let mut found: Vec<web_sys::Element> = Vec::new();
    for root in roots {
        let Ok(nodes) = root.query_selector_all(CANDIDATES) else {
            continue;
        };
        found.extend((0..nodes.length()).filter_map(|i| nodes.item(i)?.dyn_into().ok()));
    }
    if found.is_empty() {
        return;
    }
    let link = doc.linked.get_untracked();
    let draft = doc.id();
    leptos::task::spawn_local(async move {
        if let Err(e) = show_images(found, state, link, draft).await {
            // Once a page: every edit of a block with an image would say it again.
            if !TOLD.replace(true) {
                doc.notify(
                    true,
                    format!("The images Recap keeps cannot be shown yet: {e}"),
                );
            }
        }
    });
}

/// Images and figure placeholders not yet shown from a file Recap holds.
const CANDIDATES: &str = "img:not([data-site]), .figure-placeholder:not([data-site])";

on_demand! {
    in images;
    /// Resolves `found` (see [`show_site_images`]) and shows each file Recap holds.
    async fn show_images(found: Vec<web_sys::Element>, state: SiteState, link: Option<SiteLink>, draft: DraftId) -> () {
        show_found(found, state, link, draft)
    }
}

fn show_found(
    found: Vec<web_sys::Element>,
    state: SiteState,
    link: Option<SiteLink>,
    draft: DraftId,
) {
    let site = link.and_then(|link| {
        let config = state
            .site
            .with_untracked(|s| s.as_ref().map(|s| s.config.clone()))?;
        let post = SitePath::new(&link.path).ok()?;
        let layout = PostLayout::of(&post);
        Some((config, post, layout))
    });
    for el in found {
        // Another call, waiting for this code too, may have shown it already.
        if el.has_attribute("data-site") {
            continue;
        }
        let is_img = el.tag_name().eq_ignore_ascii_case("img");
        let src = if is_img {
            el.get_attribute("src").unwrap_or_default()
        } else {
            el.query_selector(".figure-path")
                .ok()
                .flatten()
                .and_then(|p| p.text_content())
                .unwrap_or_default()
        };
        let source = match &site {
            Some((config, post, layout)) => {
                let Some(path) = resolve_image(config, post, *layout, &src) else {
                    continue;
                };
                let exists = state.site.with_untracked(|s| {
                    s.as_ref().is_some_and(|s| s.file(path.as_str()).is_some())
                });
                if !exists {
                    continue;
                }
                Source::Site(path)
            }
            None => {
                let name = src.strip_prefix("./").unwrap_or(&src);
                if name.is_empty() || name.contains([':', '/', '\\', '?', '#']) {
                    continue;
                }
                Source::Draft(draft.clone(), name.to_string())
            }
        };
        let _ = el.set_attribute("data-site", &source.key());
        leptos::task::spawn_local(async move {
            let Some(url) = url_for(state, &source).await else {
                return;
            };
            if is_img {
                let _ = el.set_attribute("src", &url);
            } else if let Some(document) = web_sys::window().and_then(|w| w.document()) {
                if let Ok(img) = document.create_element("img") {
                    let _ = img.set_attribute("src", &url);
                    let _ = img
                        .set_attribute("alt", &el.get_attribute("aria-label").unwrap_or_default());
                    let _ = img.set_attribute("data-site", &source.key());
                    let _ = el.replace_with_with_node_1(&img);
                }
            }
        });
    }
}

async fn url_for(state: SiteState, source: &Source) -> Option<String> {
    let key = source.key();
    if let Some(url) = URLS.with(|u| u.borrow().get(&key).cloned()) {
        return Some(url);
    }
    let (bytes, name) = match source {
        Source::Site(path) => (state.read_file(path).await?, path.file_name().to_string()),
        Source::Draft(id, name) => (super::draft_images::read(id, name).await?, name.clone()),
    };
    let url = super::browser::blob_url(&bytes, mime_of(&name))?;
    URLS.with(|u| u.borrow_mut().insert(key, url.clone()));
    Some(url)
}

fn mime_of(name: &str) -> &'static str {
    match name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .as_deref()
    {
        Some("png") => "image/png",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("svg") => "image/svg+xml",
        Some("bmp") => "image/bmp",
        _ => "image/jpeg",
    }
}
