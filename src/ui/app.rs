use super::{Editor, Preview};
use leptos::prelude::*;

/// What a new writer sees first: a recap skeleton to type into.
const WELCOME: &str = "---\ntitle: 'My conference recap'\ndate: 2026-11-25T09:00:00+01:00\ntags:\n  - Conference\n---\nA few words about the event.\n\n<!--more-->\n\n## Day 1\n\n### [First talk](https://example.org/talk)\n\n* A note\n* Another note\n\n{{< x user=\"TBeijen\" id=\"1069903784120381440\" >}}\n";

/// The app shell: the editor beside its live preview.
#[component]
pub fn App() -> impl IntoView {
    let text = RwSignal::new(WELCOME.to_string());
    view! {
        <div class="app">
            <header class="app-header">
                <span class="app-name">"Recap"</span>
                <span class="app-tagline">"Conference notes, ready for your blog"</span>
            </header>
            <main class="workspace">
                <Editor text=text />
                <Preview text=text.read_only() />
            </main>
        </div>
    }
}
