use super::Doc;
use crate::drafts::SaveState;
use leptos::prelude::*;

/// Shown when another tab saved this draft while this tab had unsaved changes:
/// the writer chooses, nothing is overwritten meanwhile.
#[component]
pub fn ConflictBanner() -> impl IntoView {
    let doc = Doc::get();
    // Every save during the conflict may change whether the copy could be stored.
    let copy_error = move || {
        doc.state.track();
        doc.listing.track();
        doc.with(|ws| ws.copy_error().cloned())
    };
    view! {
        <Show when=move || doc.state.with(|s| *s == SaveState::Conflict)>
            <div class="banner warning" role="alert" data-testid="conflict-banner">
                <p>
                    <strong>"This draft was changed in another tab"</strong>
                    " while you were typing here. Nothing has been overwritten. "
                    {move || match copy_error() {
                        None => "Your text here is kept as a separate draft (“Kept from a conflict”) until you choose.".to_string(),
                        Some(e) => format!("Your text here could not be stored as a copy ({e}): it is only in this tab. Download a backup before closing it."),
                    }}
                </p>
                <Show when=move || copy_error().is_some()>
                    <button class="button" data-testid="conflict-backup" on:click=move |_| doc.backup()>
                        "Download backup"
                    </button>
                </Show>
                <button class="button primary" data-testid="keep-mine" on:click=move |_| doc.keep_mine()>
                    "Keep mine as a copy"
                </button>
                <button class="button" data-testid="take-theirs" on:click=move |_| doc.take_theirs()>
                    "Take theirs"
                </button>
            </div>
        </Show>
    }
}

/// Shown while storage refuses to save (full, disabled, private window): the text
/// stays in this tab, and a backup download is one click away.
#[component]
pub fn StorageBanner() -> impl IntoView {
    let doc = Doc::get();
    let message = move || match doc.state.get() {
        SaveState::Failed(e) => Some(e.to_string()),
        _ => None,
    };
    view! {
        <Show when=move || message().is_some()>
            <div class="banner error" role="alert" data-testid="storage-problem">
                <p>{message}</p>
                <button class="button primary" data-testid="backup-now" on:click=move |_| doc.backup()>
                    "Download backup"
                </button>
            </div>
        </Show>
    }
}

/// Messages from imports, exports and other tabs; each can be dismissed.
#[component]
pub fn Notices() -> impl IntoView {
    let doc = Doc::get();
    view! {
        <div class="notices" data-testid="notices" aria-live="polite">
            <For each=move || doc.notices.get() key=|n| n.id let:notice>
                <div class="notice" class:error=notice.error role=if notice.error { "alert" } else { "status" }>
                    <span>{notice.text.clone()}</span>
                    <button
                        class="icon-button"
                        aria-label="Dismiss"
                        on:click=move |_| doc.notices.update(|n| n.retain(|x| x.id != notice.id))
                    >
                        "×"
                    </button>
                </div>
            </For>
        </div>
    }
}

/// Shown when a new version of the app has been downloaded in the background: the
/// page changes only when the writer says so (the draft is saved first).
#[component]
pub fn UpdateBanner() -> impl IntoView {
    let doc = Doc::get();
    let ready = RwSignal::new(false);
    let listener = window_event_listener_untyped("recap:update-ready", move |_| ready.set(true));
    on_cleanup(move || listener.remove());
    let reload = move |_| {
        doc.save_now();
        let event = web_sys::Event::new("recap:apply-update");
        if let (Some(window), Ok(event)) = (web_sys::window(), event) {
            let _ = window.dispatch_event(&event);
        }
    };
    view! {
        <Show when=move || ready.get()>
            <div class="banner info" role="status" data-testid="update-banner">
                <p>"A new version of Recap is ready."</p>
                <button class="button primary" data-testid="update-reload" on:click=reload>"Reload"</button>
                <button class="button" on:click=move |_| ready.set(false)>"Later"</button>
            </div>
        </Show>
    }
}
