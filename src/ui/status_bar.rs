use super::Doc;
use crate::writing::{counted, stats};
use leptos::prelude::*;

/// The bottom line: words, reading time, talks, tweets and links.
#[component]
pub fn StatusBar() -> impl IntoView {
    let doc = Doc::get();
    // Counting parses the whole text: do it when typing pauses, not per keystroke.
    let s = Memo::new(move |_| {
        doc.settled.track();
        doc.text_with(stats)
    });
    view! {
        <footer class="status-bar" data-testid="status-bar">
            <span data-testid="stat-words">{move || counted(s.get().words, "word", "words")}</span>
            <span>{move || format!("{} min read", s.get().minutes.max(1))}</span>
            <span data-testid="stat-talks">{move || counted(s.get().talks, "talk", "talks")}</span>
            <span data-testid="stat-tweets">{move || counted(s.get().tweets, "tweet", "tweets")}</span>
            <span data-testid="stat-links">{move || counted(s.get().links, "link", "links")}</span>
        </footer>
    }
}
