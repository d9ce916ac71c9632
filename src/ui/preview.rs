use crate::post::{lenient_body, Post};
use crate::render::{render_html, RenderOptions};
use leptos::prelude::*;

/// The live preview of the body, with the front matter's problem shown above it.
#[component]
pub fn Preview(text: ReadSignal<String>) -> impl IntoView {
    let html =
        Memo::new(move |_| text.with(|t| render_html(lenient_body(t), &RenderOptions::default())));
    let problem = Memo::new(move |_| text.with(|t| Post::parse(t).err().map(|e| e.to_string())));
    view! {
        <section class="pane preview-pane">
            <span class="pane-label">"Preview"</span>
            <Show when=move || problem.with(Option::is_some)>
                <p class="problem" role="alert" data-testid="front-matter-error">{move || problem.get()}</p>
            </Show>
            <article class="post-body" data-testid="preview" inner_html=move || html.get()></article>
        </section>
    }
}
