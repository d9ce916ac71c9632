use super::{Dialog, Doc};
use crate::drafts::{Snapshot, SnapshotReason};
use crate::post::lenient_body;
use crate::render::{render_blocks, RenderOptions};
use leptos::prelude::*;

/// The open draft's snapshots, newest first: pick one to see it as the post it was,
/// then restore it (the current text becomes a snapshot first).
#[component]
pub fn HistoryDialog(open: RwSignal<bool>) -> impl IntoView {
    let doc = Doc::get();
    let snapshots = Memo::new(move |_| {
        if !open.get() {
            return Vec::new();
        }
        doc.listing.track();
        doc.with(|ws| {
            ws.store()
                .history(ws.id())
                .map(|h| h.snapshots().to_vec())
                .unwrap_or_default()
        })
    });
    let selected = RwSignal::new(None::<usize>);
    let preview = Memo::new(move |_| {
        let i = selected.get()?;
        snapshots.with(|s| {
            s.get(i)
                .map(|s| render_blocks(lenient_body(&s.text), &RenderOptions::default()))
        })
    });
    let body = NodeRef::<leptos::html::Div>::new();
    // Block by block, through the same sanitizer gate as the live preview.
    Effect::new(move |_| {
        let Some(el) = body.get() else { return };
        el.set_inner_html("");
        let Some(document) = el.owner_document() else {
            return;
        };
        preview.with(|blocks| {
            for block in blocks.iter().flatten() {
                if let Some(part) = super::sanitizer::block_element(&document, &block.html) {
                    let _ = el.append_child(&part);
                }
            }
        });
    });
    let restore = move |_| {
        if let Some(i) = selected.get_untracked() {
            doc.restore_snapshot(i);
            selected.set(None);
            open.set(false);
        }
    };
    view! {
        <Dialog open=open title="History">
            <div class="history">
                <ol class="snapshots" data-testid="snapshots">
                    {move || {
                        let list = snapshots.get();
                        if list.is_empty() {
                            return view! { <li class="empty">"No snapshots yet: one is kept every 5 minutes of editing, and before every import, restore or conflict."</li> }.into_any();
                        }
                        list.into_iter()
                            .enumerate()
                            .rev()
                            .map(|(i, s)| view! {
                                <li>
                                    <button
                                        class="snapshot"
                                        class:selected=move || selected.get() == Some(i)
                                        on:click=move |_| selected.set(Some(i))
                                    >
                                        <span>{when(&s)}</span>
                                        <span class="reason">{reason(s.reason)}</span>
                                    </button>
                                </li>
                            })
                            .collect_view()
                            .into_any()
                    }}
                </ol>
                <div class="snapshot-preview post">
                    <div class="post-body" node_ref=body hidden=move || preview.with(Option::is_none)></div>
                    <Show when=move || preview.with(Option::is_none)>
                        <p class="empty">"Pick a snapshot to see it."</p>
                    </Show>
                </div>
            </div>
            <div class="dialog-actions">
                <button class="button primary" data-testid="restore-snapshot" disabled=move || selected.get().is_none() on:click=restore>
                    "Restore this version"
                </button>
            </div>
        </Dialog>
    }
}

fn when(s: &Snapshot) -> String {
    let date = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(s.at_ms as f64));
    String::from(date.to_locale_string("default", &wasm_bindgen::JsValue::UNDEFINED))
}

fn reason(r: SnapshotReason) -> &'static str {
    match r {
        SnapshotReason::Editing => "while editing",
        SnapshotReason::BeforeImport => "before an import",
        SnapshotReason::BeforeRestore => "before a restore",
        SnapshotReason::BeforeConflict => "your text at a conflict",
    }
}
