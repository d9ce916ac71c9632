use super::Doc;
use crate::writing::{counted, stats};
use leptos::prelude::*;

/// The bottom line: words, reading time, talks, tweets and links.
#[component]
pub fn StatusBar() -> impl IntoView {
    let doc = Doc::get();
    // The counts are not needed in the first frame: they come in a task after it
    // (a Markdown parse of the whole text, and its code compiled), which keeps the
    // app's start task shorter and does not delay the page's first paint. The bar
    // keeps its height meanwhile (style/layout.css).
    let started = RwSignal::new(false);
    super::browser::after_first_frame(move || started.set(true));
    // Counting parses the whole text: do it when typing pauses, not per keystroke.
    let s = Memo::new(move |_| {
        doc.settled.track();
        started.get().then(|| doc.text_with(stats))
    });
    let shown = move |f: fn(&crate::writing::Stats) -> String| {
        move || s.with(|s| s.as_ref().map(f).unwrap_or_default())
    };
    view! {
        <footer class="status-bar" data-testid="status-bar">
            <span data-testid="stat-words">{shown(|s| counted(s.words, "word", "words"))}</span>
            <span>{shown(|s| format!("{} min read", s.minutes.max(1)))}</span>
            <span data-testid="stat-talks">{shown(|s| counted(s.talks, "talk", "talks"))}</span>
            <span data-testid="stat-tweets">{shown(|s| counted(s.tweets, "tweet", "tweets"))}</span>
            <span data-testid="stat-links">{shown(|s| counted(s.links, "link", "links"))}</span>
        </footer>
    }
}
