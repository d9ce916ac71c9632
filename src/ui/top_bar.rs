use super::{Doc, Icon, IconName, PostMemo};
use crate::drafts::SaveState;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The header: the drafts toggle, the draft's title, what saving did, and the file
/// actions (import, export, copy, history, backup). On a narrow screen the actions sit
/// behind a "More" button, so the header is one row and the editor gets the height.
#[component]
pub fn TopBar(
    sidebar: RwSignal<bool>,
    history: RwSignal<bool>,
    settings: RwSignal<bool>,
    children: Children,
) -> impl IntoView {
    let doc = Doc::get();
    let post = PostMemo::get();
    let site = super::SiteState::get();
    let can_save_to_site =
        move || doc.linked.with(Option::is_some) && site.site.with(Option::is_some);
    let menu = RwSignal::new(false);
    // Choosing an action closes the menu (the dialogs and downloads take it from there).
    let close = move |_| menu.set(false);
    // A narrow screen does not show the title (style/layout.css): the front matter is
    // not parsed for it, and a phone's start does less.
    let layout = super::Layout::get();
    let title = Memo::new(move |shown: Option<&String>| {
        if layout.narrow.get() {
            return shown.cloned().unwrap_or_default();
        }
        post.0.with(|p| {
            p.as_ref()
                .ok()
                .and_then(|p| p.fields().title.clone())
                .filter(|t| !t.trim().is_empty())
                .unwrap_or_else(|| "Untitled draft".into())
        })
    });
    let status_kind = move || match doc.state.get() {
        SaveState::Saved => "saved",
        SaveState::Unsaved => "saving",
        SaveState::Failed(_) | SaveState::Conflict => "problem",
    };
    let on_files = move |ev: leptos::ev::Event| {
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        let Some(files) = input.files() else { return };
        // Afterwards the same file can be picked again.
        doc.import_file_list(files, move || input.set_value(""));
    };
    view! {
        <header class="app-header">
            <button
                class="icon-button"
                aria-label="Show or hide the drafts list"
                aria-controls="drafts"
                aria-expanded=move || sidebar.get().to_string()
                on:click=move |_| sidebar.update(|s| *s = !*s)
            >
                <Icon name=IconName::Menu />
            </button>
            <span class="app-name">"Recap"</span>
            <span class="draft-title" data-testid="draft-title">{move || title.get()}</span>
            <span
                class="save-status"
                data-testid="save-status"
                data-state=status_kind
                role="status"
                aria-live="polite"
            >
                {move || doc.state.with(SaveState::label)}
            </span>
            {children()}
            <button
                class="icon-button narrow-only"
                aria-label="More: import, export, copy, history, backup, settings"
                aria-controls="file-actions"
                aria-expanded=move || menu.get().to_string()
                data-testid="file-menu"
                on:click=move |_| menu.update(|m| *m = !*m)
            >
                <Icon name=IconName::More />
            </button>
            <nav class="actions" id="file-actions" class:open=move || menu.get() aria-label="File" on:click=close>
                <label class="button" title="Import .md, .markdown or .txt files, or a Recap backup .zip">
                    "Import"
                    <input
                        type="file"
                        class="visually-hidden"
                        data-testid="import-md"
                        multiple
                        accept=".md,.markdown,.txt,.zip,text/markdown,text/plain,application/zip"
                        on:change=on_files
                    />
                </label>
                <Show when=can_save_to_site>
                    <button
                        class="button primary"
                        data-testid="save-to-site"
                        title=move || doc.linked.with(|l| l.as_ref().map(|l| format!("Write this draft to {} (Ctrl+S)", l.path)).unwrap_or_default())
                        on:click=move |_| site.save(doc)
                    >
                        {move || if site.read_only.get() { "Download for site" } else { "Save to site" }}
                    </button>
                </Show>
                <button class="button" class:primary=move || !can_save_to_site() data-testid="export-md" on:click=move |_| doc.export()>
                    "Export .md"
                </button>
                <button
                    class="button"
                    data-testid="export-bundle"
                    title="The post and its images as a page bundle: unzip at your site's root"
                    on:click=move |_| super::draft_images::export_bundle(doc)
                >
                    "Export bundle .zip"
                </button>
                <button class="button" data-testid="copy-md" on:click=move |_| doc.copy()>
                    "Copy"
                </button>
                <button class="button" data-testid="history" on:click=move |_| history.set(true)>
                    "History"
                </button>
                <button class="button" data-testid="backup" on:click=move |_| doc.backup()>
                    "Backup .zip"
                </button>
                <button class="button" data-testid="settings" on:click=move |_| settings.set(true)>
                    "Settings"
                </button>
            </nav>
        </header>
    }
}
