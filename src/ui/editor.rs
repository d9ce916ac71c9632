use leptos::prelude::*;

/// The Markdown textarea: the one place the document text lives.
#[component]
pub fn Editor(text: RwSignal<String>) -> impl IntoView {
    view! {
        <section class="pane editor-pane">
            <label class="pane-label" for="editor">"Markdown"</label>
            <textarea
                id="editor"
                data-testid="editor"
                spellcheck="true"
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            ></textarea>
        </section>
    }
}
