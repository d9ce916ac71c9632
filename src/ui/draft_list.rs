use super::on_demand::{on_demand, on_demand_when};
use super::{browser, Doc, Icon, IconName};
use crate::drafts::{DraftSummary, Scan, TEXT_BUDGET};
use leptos::prelude::*;

/// The drafts sidebar: the Hugo site's panel, and the drafts. Their code is fetched
/// when the sidebar first opens (on_demand): a phone, where it starts closed, does
/// not wait for it. The frame stays in the page, so nothing moves when they arrive.
#[component]
pub fn DraftList(open: RwSignal<bool>) -> impl IntoView {
    view! {
        <aside id="drafts" class="sidebar" class:closed=move || !open.get() data-testid="draft-list" aria-label="Drafts">
            {on_demand_when("The drafts list", move || open.get(), move || drafts_contents(open), || {})}
        </aside>
    }
}

on_demand! {
    in drafts;
    /// The sidebar's contents: the site panel (see [`super::SitePanel`]) and the
    /// drafts (see [`DraftsContents`]).
    fn drafts_contents(open: RwSignal<bool>) {
        view! {
            <super::SitePanel />
            <DraftsContents open=open />
        }
        .into_any()
    }
}

/// The drafts, newest first: search, new, duplicate, trash and restore, entries
/// recovered from unreadable storage, and how much storage is used.
#[component]
fn DraftsContents(open: RwSignal<bool>) -> impl IntoView {
    let doc = Doc::get();
    let query = RwSignal::new(String::new());
    let scan = doc.drafts;
    let current = Memo::new(move |_| {
        doc.listing.track();
        doc.id()
    });
    let shown = Memo::new(move |_| {
        let q = query.get();
        scan.with(|s: &Scan| {
            if q.trim().is_empty() {
                s.active()
            } else {
                s.search(q.trim())
            }
        })
    });
    let trash = Memo::new(move |_| scan.with(Scan::trash));
    let recovered = Memo::new(move |_| doc.recovered());
    // What runs out first is localStorage's text budget, not the origin's disk quota.
    let usage = Memo::new(move |_| {
        doc.listing.track();
        doc.with(|ws| ws.store().text_usage().ok())
    });
    // Images kept with drafts live in the origin's file storage, under its own quota.
    let files = RwSignal::new(None::<(f64, f64)>);
    Effect::new(move |_| {
        doc.listing.track();
        leptos::task::spawn_local(async move {
            files.set(browser::storage_estimate().await);
        });
    });
    view! {
            <div class="sidebar-head">
                <button class="button primary wide" data-testid="new-draft" on:click=move |_| {
                    doc.new_draft();
                    if browser::is_narrow() {
                        open.set(false);
                    }
                }>
                    "New draft"
                </button>
                <input
                    type="search"
                    class="search"
                    data-testid="draft-search"
                    placeholder="Search drafts"
                    aria-label="Search drafts by title and text"
                    prop:value=move || query.get()
                    on:input=move |ev| query.set(event_target_value(&ev))
                />
            </div>
            <ul class="draft-items">
                <For each=move || shown.get() key=|d| (d.id.clone(), d.updated_ms, d.title.clone(), d.snippet.clone()) let:draft>
                    <DraftItem draft=draft current=current sidebar=open />
                </For>
            </ul>
            <Show when=move || shown.with(Vec::is_empty)>
                <p class="empty">{move || if query.with(|q| q.trim().is_empty()) { "No drafts yet." } else { "No draft matches." }}</p>
            </Show>
            <Show when=move || !recovered.with(Vec::is_empty)>
                <section class="recovered" data-testid="recovered">
                    <h2>"Recovered entries"</h2>
                    <p class="hint">"These storage entries could not be read as drafts. They are kept as they are; open one to get its text back."</p>
                    <ul>
                        <For each=move || recovered.get() key=|u| u.key.clone() let:entry>
                            <li>
                                <code>{entry.key.clone()}</code>
                                <span class="reason">{entry.reason.clone()}</span>
                                <button class="button small" on:click={
                                    let key = entry.key.clone();
                                    move |_| doc.recover(&key)
                                }>"Open as draft"</button>
                            </li>
                        </For>
                    </ul>
                </section>
            </Show>
            <details class="trash" data-testid="trash">
                <summary>{move || format!("Trash ({})", trash.with(Vec::len))}</summary>
                <ul>
                    <For each=move || trash.get() key=|d| d.id.clone() let:draft>
                        <li>
                            <span class="draft-name">{draft.title.clone()}</span>
                            <button class="button small" aria-label=format!("Restore {}", draft.title) on:click={
                                let id = draft.id.clone();
                                move |_| doc.restore(&id)
                            }>"Restore"</button>
                        </li>
                    </For>
                </ul>
                <Show when=move || !trash.with(Vec::is_empty)>
                    <button class="button danger small" data-testid="empty-trash" on:click=move |_| doc.empty_trash()>
                        "Empty trash"
                    </button>
                </Show>
            </details>
            <button class="link-button" data-testid="draft-list-sample" on:click=move |_| doc.open_sample()>
                "Open the sample recap"
            </button>
            <p
                class="storage-use"
                class:nearly-full=move || usage.get().is_some_and(|u| u * 10 > TEXT_BUDGET * 8)
                data-testid="storage-use"
                title="Drafts and their history live in the browser's text storage, about 5 MB per site. Back up or empty the trash when it runs low."
            >
                <span data-testid="text-storage-use">
                    {move || usage.get().map(|used| format!(
                        "Text storage: {} of about {} ({}%)",
                        human_bytes(used as f64),
                        human_bytes(TEXT_BUDGET as f64),
                        used * 100 / TEXT_BUDGET
                    ))}
                </span>
                <br />
                <span data-testid="file-storage-use" title="Images kept with drafts and the app's offline copy, against what this browser allows this site">
                    {move || files.get().map(|(used, quota)| format!(
                        "Files: {} of {}",
                        human_bytes(used),
                        human_bytes(quota)
                    ))}
                </span>
            </p>
    }
}

/// One draft in the list: opens on click, with duplicate and trash buttons.
#[component]
fn DraftItem(
    draft: DraftSummary,
    current: Memo<crate::drafts::DraftId>,
    sidebar: RwSignal<bool>,
) -> impl IntoView {
    let doc = Doc::get();
    let id = draft.id.clone();
    let is_current = Signal::derive({
        let id = id.clone();
        move || current.with(|c| *c == id)
    });
    let (open_id, dup_id, trash_id) = (id.clone(), id.clone(), id);
    view! {
        <li class="draft-item" class:current=is_current data-draft-id=draft.id.to_string()>
            <button class="draft-open" aria-current=move || is_current.get().then_some("true") on:click=move |_| {
                doc.open(&open_id);
                // On a phone the list covers the editor: get it out of the way.
                if browser::is_narrow() {
                    sidebar.set(false);
                }
            }>
                <span class="draft-name">{draft.title.clone()}</span>
                <span class="draft-date">{draft.date.clone().unwrap_or_default()}</span>
                {draft.conflict_copy.then(|| view! {
                    <span class="draft-badge" title="This tab's text, kept when another tab saved the same draft">"Kept from a conflict"</span>
                })}
                <span class="draft-snippet">{draft.snippet.clone()}</span>
            </button>
            <div class="draft-actions">
                <button class="icon-button" title="Duplicate" aria-label=format!("Duplicate {}", draft.title) on:click=move |_| doc.duplicate(&dup_id)>
                    <Icon name=IconName::Copy />
                </button>
                <button class="icon-button" title="Move to trash" aria-label=format!("Move {} to the trash", draft.title) on:click=move |_| doc.trash(&trash_id)>
                    <Icon name=IconName::Trash />
                </button>
            </div>
        </li>
    }
}

/// `12 KB`, `3.4 MB`.
pub(crate) fn human_bytes(n: f64) -> String {
    if n >= 1e9 {
        format!("{:.1} GB", n / 1e9)
    } else if n >= 1e6 {
        format!("{:.1} MB", n / 1e6)
    } else {
        format!("{:.0} KB", (n / 1e3).ceil())
    }
}
