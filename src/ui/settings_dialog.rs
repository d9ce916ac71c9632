use super::{browser, Dialog, Doc};
use leptos::prelude::*;

/// Settings: the author new drafts get, and what the browser keeps for Recap.
#[component]
pub fn SettingsDialog(open: RwSignal<bool>) -> impl IntoView {
    let doc = Doc::get();
    let author = RwSignal::new(String::new());
    let usage = RwSignal::new(None::<(f64, f64)>);
    let persisted = RwSignal::new(None::<bool>);
    Effect::new(move |_| {
        if !open.get() {
            return;
        }
        author.set(doc.with(|ws| ws.settings().author.unwrap_or_default()));
        leptos::task::spawn_local(async move {
            usage.set(browser::storage_estimate().await);
            persisted.set(browser::storage_persisted().await);
        });
    });
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        doc.set_author(author.get_untracked().trim());
        open.set(false);
    };
    view! {
        <Dialog open=open title="Settings">
            <form class="dialog-form" on:submit=save>
                <label>"Author of new drafts"
                    <input type="text" data-testid="settings-author" autocomplete="name"
                        prop:value=author on:input=move |ev| author.set(event_target_value(&ev)) />
                </label>
                <p class="hint" data-testid="settings-storage">
                    {move || match usage.get() {
                        Some((used, quota)) => format!(
                            "Drafts are kept in this browser: {} used of {} available.",
                            super::draft_list::human_bytes(used),
                            super::draft_list::human_bytes(quota)
                        ),
                        None => "This browser does not say how much storage is used.".to_string(),
                    }}
                    " "
                    {move || match persisted.get() {
                        Some(true) => "The browser keeps them even when space runs low.",
                        Some(false) => "The browser may clear them when space runs low: download a backup now and then.",
                        None => "",
                    }}
                </p>
                <div class="dialog-actions">
                    <button type="submit" class="button primary" data-testid="settings-save">"Save"</button>
                </div>
            </form>
        </Dialog>
    }
}
