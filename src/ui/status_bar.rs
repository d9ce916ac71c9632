use super::Doc;
use crate::writing::stats;
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
            <span data-testid="stat-words">{move || format!("{} words", s.get().words)}</span>
            <span>{move || format!("{} min read", s.get().minutes.max(1))}</span>
            <span data-testid="stat-talks">{move || format!("{} talks", s.get().talks)}</span>
            <span data-testid="stat-tweets">{move || format!("{} tweets", s.get().tweets)}</span>
            <span data-testid="stat-links">{move || format!("{} links", s.get().links)}</span>
        </footer>
    }
}
