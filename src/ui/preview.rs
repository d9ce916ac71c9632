use super::{Doc, PostMemo, ScrollSync, Welcome};
use crate::post::lenient_body;
use crate::render::{header_html, render_blocks, BlockKey, RenderOptions};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The live preview: the post's header, then its body as keyed blocks. A keystroke
/// replaces only the blocks whose key changed; the others (tweet cards, figures,
/// images) keep their DOM nodes, so nothing flickers or reloads.
#[component]
pub fn Preview() -> impl IntoView {
    let text = Doc::get().text;
    let post = PostMemo::get().0;
    let blocks = Memo::new(move |_| {
        text.with(|t| render_blocks(lenient_body(t), &RenderOptions::default()))
    });
    let header = Memo::new(move |_| {
        post.with(|p| {
            p.as_ref()
                .map(|p| header_html(p.fields()))
                .unwrap_or_default()
        })
    });
    let problem = Memo::new(move |_| post.with(|p| p.as_ref().err().map(ToString::to_string)));
    // A block that moved (lines typed above it) keeps its node but not its line:
    // refresh every block's `data-line`, touching only those that changed.
    let body = NodeRef::<leptos::html::Div>::new();
    // Which block (by key) holds which `data-line` now: typing within a line changes
    // no line number, so most keystrokes touch no attribute at all.
    let applied = StoredValue::new(Vec::<(BlockKey, usize)>::new());
    Effect::new(move |_| {
        let lines: Vec<(BlockKey, usize)> =
            blocks.with(|b| b.iter().map(|b| (b.key, b.lines.start)).collect());
        let Some(body) = body.get() else { return };
        let children = body.children();
        let before = applied.get_value();
        for (i, (key, line)) in lines.iter().enumerate() {
            if before.get(i) == Some(&(*key, *line)) {
                continue;
            }
            let Some(el) = children.item(i as u32) else {
                break;
            };
            let value = line.to_string();
            if el.get_attribute("data-line").as_deref() != Some(value.as_str()) {
                let _ = el.set_attribute("data-line", &value);
            }
        }
        applied.set_value(lines);
    });
    let sync = ScrollSync::get();
    view! {
        <section class="pane preview-pane" on:scroll=move |_| sync.preview_scrolled()>
            <span class="pane-label">"Preview"</span>
            <Welcome />
            <Show when=move || problem.with(Option::is_some)>
                <p class="problem" role="alert" data-testid="front-matter-error">{move || problem.get()}</p>
            </Show>
            <article class="post" on:click=open_links_outside>
                <div inner_html=move || header.get()></div>
                <div class="post-body" data-testid="preview" node_ref=body>
                    <For each=move || blocks.get() key=|block| block.key let:block>
                        <div class="block" data-line=block.lines.start inner_html=block.html></div>
                    </For>
                </div>
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
