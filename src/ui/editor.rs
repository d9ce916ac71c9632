use super::code_editor::{create_editor, Callbacks};
use super::toolbar::{run_with, Format};
use super::{Doc, EditorHandle, ScrollSync};
use crate::drafts::{EditorChange, LinePos};
use crate::writing::{indent_list_items, link_over_selection, ListIndent, TweetForm, TweetLink};
use leptos::prelude::*;

/// The editing surface (CodeMirror): the writer types here, and every change goes to
/// the open draft as a delta ([`Doc::apply`]). The editor loads a text only when
/// another one is opened, so typing never fights a re-render for the cursor.
#[component]
pub fn Editor() -> impl IntoView {
    let doc = Doc::get();
    let editor = EditorHandle::get();
    let sync = ScrollSync::get();
    let host = NodeRef::<leptos::html::Div>::new();
    let failed = RwSignal::new(None::<String>);
    // A tweet link pasted alone on a line: offer to turn it into a tweet card.
    let offer = RwSignal::new(None::<(String, TweetLink)>);
    Effect::new(move |_| {
        doc.loaded.track();
        let Some(el) = host.get() else { return };
        let (text, cursor) = doc.with(|ws| (ws.text().to_string(), ws.cursor_pos()));
        sync.editor_leads();
        if editor.0.with_value(Option::is_some) {
            editor.load(&text, cursor);
        } else {
            super::browser::mark("recap:editor-effect");
            let callbacks = Callbacks {
                changes: Box::new(move |positions, inserts, line, col| {
                    let positions = positions.to_vec();
                    let changes: Vec<EditorChange> = positions
                        .chunks_exact(4)
                        .zip(inserts.iter())
                        .map(|(p, insert)| EditorChange {
                            from: LinePos::new(p[0] as usize, p[1] as usize),
                            to: LinePos::new(p[2] as usize, p[3] as usize),
                            insert: insert.as_string().unwrap_or_default(),
                        })
                        .collect();
                    doc.apply(&changes, LinePos::new(line as usize, col as usize));
                }),
                cursor: Box::new(move |line, col| {
                    doc.move_cursor(LinePos::new(line as usize, col as usize))
                }),
                scroll: Box::new(move || sync.editor_scrolled()),
                paste: Box::new(move |text, alone| {
                    let link = editor
                        .selection()
                        .and_then(|(draft, sel)| link_over_selection(&draft, sel, &text));
                    if let Some(edit) = link {
                        offer.set(None);
                        editor.apply(&edit);
                        return true;
                    }
                    let pasted = text.trim().to_string();
                    let link = (alone && !pasted.contains('<'))
                        .then(|| TweetLink::parse(&pasted))
                        .flatten();
                    offer.set(link.map(|l| (pasted, l)));
                    false
                }),
                indent: Box::new(move |outdent| {
                    let Some((draft, sel)) = editor.selection() else {
                        return false;
                    };
                    match indent_list_items(&draft, sel, outdent) {
                        ListIndent::NotAList => false,
                        ListIndent::Unchanged => true,
                        ListIndent::Edit(edit) => {
                            editor.apply(&edit);
                            true
                        }
                    }
                }),
                key: Box::new(move |key, _ctrl_or_meta, alt, _shift| {
                    match Format::for_key(&key).filter(|_| !alt) {
                        Some(action) => {
                            run_with(editor, action);
                            true
                        }
                        None => false,
                    }
                }),
            };
            match create_editor(&el, &text, cursor, callbacks) {
                Ok(js) => {
                    editor.0.set_value(Some(js));
                    // Where the editor is at start is where it will be at the next
                    // start in a window of this size (the panels open by width):
                    // remembered for the early editor, once the start is over.
                    set_timeout(
                        move || super::editor_place::remember(&el),
                        std::time::Duration::from_millis(300),
                    );
                }
                Err(e) => {
                    failed.set(Some(e));
                    return;
                }
            }
        }
        editor.focus();
        super::browser::mark("recap:editor-loaded");
    });
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
            <Show when=move || offer.with(Option::is_some)>
                <div class="offer" role="status" data-testid="tweet-offer">
                    <span>"That is a link to a tweet. Show it as a tweet card?"</span>
                    <button class="button small primary" on:click=convert>"Make tweet card"</button>
                    <button class="button small" on:click=move |_| offer.set(None)>"Keep the link"</button>
                </div>
            </Show>
            <Show when=move || failed.with(Option::is_some)>
                <p class="editor-missing" role="alert" data-testid="editor-failed">
                    "The editor did not start ("{move || failed.get()}"). Your drafts are safe in this browser; reload the page to try again."
                </p>
            </Show>
            <div class="code-editor" node_ref=host></div>
        </section>
    }
}
