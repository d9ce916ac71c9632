use leptos::prelude::*;

/// A modal dialog on the browser's own `<dialog>`: the rest of the page is inert
/// while it is open (focus stays inside), Escape closes it, and focus returns to
/// where it was.
#[component]
pub fn Dialog(
    /// Whether the dialog is open; closing it any way sets this to false.
    open: RwSignal<bool>,
    /// The heading, also the dialog's accessible name.
    title: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let node = NodeRef::<leptos::html::Dialog>::new();
    let heading_id = format!("dialog-{}", title.to_lowercase().replace(' ', "-"));
    Effect::new(move |_| {
        let Some(dialog) = node.get() else { return };
        match (open.get(), dialog.open()) {
            (true, false) => {
                let _ = dialog.show_modal();
            }
            (false, true) => dialog.close(),
            _ => {}
        }
    });
    let labelled_by = heading_id.clone();
    view! {
        <dialog
            class="dialog"
            node_ref=node
            aria-labelledby=labelled_by
            on:close=move |_| open.set(false)
        >
            <header class="dialog-head">
                <h2 id=heading_id>{title}</h2>
                <button class="icon-button" aria-label="Close" on:click=move |_| open.set(false)>
                    "×"
                </button>
            </header>
            <Show when=move || open.get()>{children()}</Show>
        </dialog>
    }
}
