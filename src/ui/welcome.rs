use super::Doc;
use leptos::prelude::*;

/// A newcomer's first screen: what Recap is for, and the sample recap one click away.
/// Shown on the first visit until the writer types or opens something else.
#[component]
pub fn Welcome() -> impl IntoView {
    let doc = Doc::get();
    let first = doc.with(|ws| {
        ws.first_run()
            .then(|| (ws.id().clone(), ws.text().to_string()))
    });
    let untouched = move || {
        doc.revision.track();
        first
            .as_ref()
            .is_some_and(|(id, text)| doc.with(|ws| ws.id() == id && ws.text() == text))
    };
    view! {
        <Show when=untouched>
            <div class="welcome" data-testid="welcome">
                <h2>"Welcome to Recap"</h2>
                <p>
                    "Write your conference notes in the editor: one section per talk, links, "
                    "bullet points, pasted tweets. This preview shows the post the way your "
                    "Hugo blog will publish it. Drafts stay in this browser, also offline."
                </p>
                <button class="button primary" data-testid="open-sample" on:click=move |_| doc.open_sample()>
                    "Open the sample recap"
                </button>
                <span class="hint">" or just start typing."</span>
            </div>
        </Show>
    }
}
