use super::toolbar::{run, Format};
use super::{Doc, EditorHandle, ScrollSync};
use crate::writing::{TweetForm, TweetLink};
use leptos::prelude::*;

/// The Markdown textarea: the writer types here, and every keystroke goes to the
/// open draft ([`Doc::edit`]). The textarea's value is set only when another text is
/// opened, so typing never fights a re-render for the cursor.
#[component]
pub fn Editor() -> impl IntoView {
    let doc = Doc::get();
    let editor = EditorHandle::get();
    let area = editor.0;
    let sync = ScrollSync::get();
    Effect::new(move |_| {
        doc.loaded.track();
        let Some(el) = area.get() else { return };
        el.set_value(&doc.text.get_untracked());
        let cursor = u32::try_from(doc.cursor()).unwrap_or(0);
        let _ = el.focus();
        let _ = el.set_selection_range(cursor, cursor);
    });
    let on_input = move |_| {
        let Some(el) = area.get_untracked() else {
            return;
        };
        let cursor = el.selection_start().ok().flatten().unwrap_or(0) as usize;
        doc.edit(&el.value(), cursor);
    };
    let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
        if !(ev.ctrl_key() || ev.meta_key()) || ev.alt_key() {
            return;
        }
        if let Some(action) = Format::for_key(&ev.key()) {
            ev.prevent_default();
            run(action);
        }
    };
    // A tweet link pasted alone on a line: offer to turn it into a tweet card.
    let offer = RwSignal::new(None::<(String, TweetLink)>);
    let on_paste = move |ev: leptos::ev::ClipboardEvent| {
        let pasted = ev
            .clipboard_data()
            .and_then(|d| d.get_data("text/plain").ok())
            .unwrap_or_default();
        let pasted = pasted.trim().to_string();
        let alone = editor.selection().is_some_and(|(text, sel)| {
            let line_start = text[..sel.start].rfind('\n').map_or(0, |i| i + 1);
            let line_end = text[sel.end..]
                .find('\n')
                .map_or(text.len(), |i| sel.end + i);
            text[line_start..sel.start].trim().is_empty()
                && text[sel.end..line_end].trim().is_empty()
        });
        let link = (alone && !pasted.contains('<'))
            .then(|| TweetLink::parse(&pasted))
            .flatten();
        offer.set(link.map(|l| (pasted, l)));
    };
    let convert = move |_| {
        let Some((url, link)) = offer.get_untracked() else {
            return;
        };
        offer.set(None);
        let Some((text, sel)) = editor.selection() else {
            return;
        };
        if let Some(start) = text[..sel.end.max(url.len()).min(text.len())].rfind(&url) {
            let md = link.markdown(TweetForm::X);
            let end = start + md.len();
            editor.apply(&crate::writing::TextEdit {
                range: start..start + url.len(),
                insert: md,
                select: end..end,
            });
        }
    };
    view! {
        <section class="pane editor-pane">
            <label class="visually-hidden" for="editor">"Markdown"</label>
            <Show when=move || offer.with(Option::is_some)>
                <div class="offer" role="status" data-testid="tweet-offer">
                    <span>"That is a link to a tweet. Show it as a tweet card?"</span>
                    <button class="button small primary" on:click=convert>"Make tweet card"</button>
                    <button class="button small" on:click=move |_| offer.set(None)>"Keep the link"</button>
                </div>
            </Show>
            <textarea
                id="editor"
                data-testid="editor"
                spellcheck="true"
                node_ref=area
                on:input=on_input
                on:keydown=on_keydown
                on:paste=on_paste
                on:scroll=move |_| sync.editor_scrolled()
            ></textarea>
        </section>
    }
}
