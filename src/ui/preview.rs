use super::{Doc, PostMemo, PreviewParts, ScrollSync, Welcome};
use crate::render::header_html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The live preview: the post's header, then its body as parts (one per top-level
/// block, see [`crate::render::RenderedBody`]), in groups (see [`PreviewParts`]). A
/// keystroke replaces only the parts it touched; the others (tweet cards, figures,
/// images) keep their DOM nodes, so nothing flickers or reloads, and no block's HTML
/// is copied.
#[component]
pub fn Preview() -> impl IntoView {
    let doc = Doc::get();
    let post = PostMemo::get().0;
    // Rendered only while on screen: a phone's Edit tab types without it, and its
    // start does not parse the front matter for the header (a hidden preview keeps
    // what it last showed). On a wide screen its first rendering is part of the app's
    // start task, so that the app's first frame paints the page with its preview
    // (docs/design.md, "Start-up": a frame sooner, for a longer start task).
    let layout = super::Layout::get();
    let on_screen = move || layout.preview_shown();
    let header = Memo::new(move |shown: Option<&String>| {
        if !on_screen() {
            return shown.cloned().unwrap_or_default();
        }
        post.with(|p| {
            p.as_ref()
                .map(|p| header_html(p.fields()))
                .unwrap_or_default()
        })
    });
    // Not an error in the text: its format's code is on its way (see `formats_part`).
    let problem = Memo::new(move |shown: Option<&Option<String>>| {
        if !on_screen() {
            return shown.cloned().flatten();
        }
        post.with(|p| {
            p.as_ref()
                .err()
                .filter(|e| !e.is_not_ready())
                .map(ToString::to_string)
        })
    });
    let parts = PreviewParts::get();
    let body = parts.body();
    let sync = ScrollSync::get();
    let site = super::SiteState::get();
    Effect::new(move |_| doc.show_preview(on_screen()));
    Effect::new(move |_| {
        doc.patched.track();
        if body.get().is_none() {
            return;
        }
        let mut added = Vec::new();
        for splice in doc.take_splices() {
            added.extend(parts.apply(splice));
        }
        // Images of the new blocks only: a keystroke does not scan the whole preview.
        super::site_images::show_site_images(&added, site, doc);
        // Blocks above the editor's top line may have grown or shrunk.
        sync.preview_changed();
    });
    // A site opened or closed, or the draft linked to a post: any image may now be a
    // file Recap holds.
    Effect::new(move |_| {
        doc.linked.track();
        site.site.track();
        if let Some(body) = body.get_untracked() {
            let body: web_sys::Element = body.into();
            super::site_images::show_site_images(&[body], site, doc);
        }
    });
    view! {
        <section class="pane preview-pane" on:scroll=move |_| sync.preview_scrolled()>
            <span class="pane-label">"Preview"</span>
            <Welcome />
            <Show when=move || problem.with(Option::is_some)>
                <p class="problem" role="alert" data-testid="front-matter-error">{move || problem.get()}</p>
            </Show>
            <article class="post" on:click=open_links_outside>
                <div inner_html=move || header.get()></div>
                <div class="post-body" data-testid="preview" node_ref=body></div>
            </article>
        </section>
    }
}

/// Links in the preview open in a new tab (or scroll, for `#` anchors): the editor
/// itself never navigates away from the writer's text.
fn open_links_outside(ev: leptos::ev::MouseEvent) {
    let Some(link) = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .and_then(|el| el.closest("a").ok().flatten())
    else {
        return;
    };
    ev.prevent_default();
    let href = link.get_attribute("href").unwrap_or_default();
    let Some(window) = web_sys::window() else {
        return;
    };
    if let Some(fragment) = href.strip_prefix('#') {
        let target = window
            .document()
            .and_then(|d| d.get_element_by_id(fragment));
        if let Some(target) = target {
            target.scroll_into_view();
        }
    } else if !href.is_empty() {
        // A blocked pop-up leaves the page as it is; nothing else to do.
        let _ =
            window.open_with_url_and_target_and_features(&href, "_blank", "noopener,noreferrer");
    }
}
