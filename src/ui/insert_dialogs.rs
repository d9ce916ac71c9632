use super::{Dialog, EditorHandle};
use crate::writing::{figure_shortcode, talk_section, Talk, TextEdit, TweetForm, TweetLink};
use leptos::prelude::*;

/// Inserts a block made by `make` at the editor's cursor, as one undoable edit.
/// It waits a moment for the dialog to close: while a modal dialog is open the
/// editor is inert and the browser would not record the edit for undo.
fn insert_at_cursor(make: impl FnOnce(&str, usize) -> TextEdit + 'static) {
    insert_with(EditorHandle::get(), make);
}

/// Inserts at `editor`'s cursor, once the dialog that asked has closed (also from
/// async code, where the handle cannot be taken from context).
pub(crate) fn insert_with(
    editor: EditorHandle,
    make: impl FnOnce(&str, usize) -> TextEdit + 'static,
) {
    set_timeout(
        move || {
            if let Some((text, sel)) = editor.selection() {
                editor.apply(&make(&text, sel.end));
            }
        },
        std::time::Duration::ZERO,
    );
}

/// "Add talk": a `### [Title](url)` section with its `_#Track_` line.
#[component]
pub fn TalkDialog(open: RwSignal<bool>) -> impl IntoView {
    let title = RwSignal::new(String::new());
    let url = RwSignal::new(String::new());
    let tracks = RwSignal::new(String::new());
    let insert = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let talk = Talk {
            title: title.get_untracked(),
            url: url.get_untracked(),
            tracks: tracks
                .get_untracked()
                .split([',', '#'])
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty())
                .collect(),
        };
        open.set(false);
        insert_at_cursor(move |text, at| talk_section(text, at, &talk));
        title.set(String::new());
        url.set(String::new());
    };
    view! {
        <Dialog open=open title="Add talk">
            <form class="dialog-form" on:submit=insert>
                <label>"Title"
                    <input type="text" required autofocus data-testid="talk-title" prop:value=title on:input=move |ev| title.set(event_target_value(&ev)) />
                </label>
                <label>"Talk page URL"
                    <input type="url" placeholder="https://" data-testid="talk-url" prop:value=url on:input=move |ev| url.set(event_target_value(&ev)) />
                </label>
                <label>"Tracks (comma separated)"
                    <input type="text" placeholder="Kubernetes, Security" data-testid="talk-tracks" prop:value=tracks on:input=move |ev| tracks.set(event_target_value(&ev)) />
                </label>
                <div class="dialog-actions">
                    <button type="submit" class="button primary" data-testid="talk-insert">"Insert talk"</button>
                </div>
            </form>
        </Dialog>
    }
}

/// "Insert tweet": from a post URL or X's embed code, in the form the site uses.
#[component]
pub fn TweetDialog(open: RwSignal<bool>) -> impl IntoView {
    let input = RwSignal::new(String::new());
    let form = RwSignal::new(TweetForm::X);
    let parsed = Memo::new(move |_| input.with(|i| TweetLink::parse(i)));
    let result = move || parsed.get().map(|t| t.markdown(form.get()));
    let insert = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(md) = result() else { return };
        open.set(false);
        insert_at_cursor(move |text, at| crate::writing::insert_block_at(text, at, &md));
        input.set(String::new());
    };
    let choice = move |value: TweetForm, label: &'static str| {
        view! {
            <label class="choice">
                <input type="radio" name="tweet-form" prop:checked=move || form.get() == value on:change=move |_| form.set(value) />
                {label}
            </label>
        }
    };
    view! {
        <Dialog open=open title="Insert tweet">
            <form class="dialog-form" on:submit=insert>
                <label>"Post URL or embed code"
                    <textarea rows="3" data-testid="tweet-input" placeholder="https://x.com/user/status/1234567890" prop:value=input on:input=move |ev| input.set(event_target_value(&ev))></textarea>
                </label>
                <fieldset class="choices">
                    <legend>"Insert as"</legend>
                    {choice(TweetForm::X, "{{< x >}} (Hugo)")}
                    {choice(TweetForm::Tweet, "{{< tweet >}} (older Hugo)")}
                    {choice(TweetForm::Embed, "Embed code (Jekyll, HTML)")}
                </fieldset>
                <p class="hint" data-testid="tweet-result">
                    {move || match (input.with(|i| i.trim().is_empty()), result()) {
                        (true, _) => "Paste a link to a post on x.com or twitter.com.".to_string(),
                        (false, None) => "That is not a link to a post (x.com/user/status/123…) or an embed code.".to_string(),
                        (false, Some(md)) => md,
                    }}
                </p>
                <div class="dialog-actions">
                    <button type="submit" class="button primary" data-testid="tweet-insert" disabled=move || parsed.with(Option::is_none)>"Insert tweet"</button>
                </div>
            </form>
        </Dialog>
    }
}

/// "Insert figure": `{{< figure src caption >}}`.
#[component]
pub fn FigureDialog(open: RwSignal<bool>) -> impl IntoView {
    let src = RwSignal::new(String::new());
    let caption = RwSignal::new(String::new());
    let insert = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let (s, c) = (src.get_untracked(), caption.get_untracked());
        open.set(false);
        insert_at_cursor(move |text, at| figure_shortcode(text, at, &s, &c));
        src.set(String::new());
        caption.set(String::new());
    };
    // An image file from this computer: into the open site, or kept with the draft.
    let doc = super::Doc::get();
    let editor = EditorHandle::get();
    let site = super::SiteState::get();
    let pick = move |ev: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(files) = input.files() else { return };
        open.set(false);
        leptos::task::spawn_local(async move {
            let read = super::browser::read_files(files).await;
            input.set_value("");
            let mut images = Vec::new();
            for file in read {
                match file {
                    Ok(f) => images.push(f),
                    Err(e) => doc.notify(true, e),
                }
            }
            if !images.is_empty() {
                site.add_images(doc, editor, images);
            }
        });
    };
    view! {
        <Dialog open=open title="Insert figure">
            <form class="dialog-form" on:submit=insert>
                <label class="button" title="Into your site when one of its posts is open, else kept with this draft">
                    "Choose an image from this computer…"
                    <input type="file" class="visually-hidden" accept="image/*" data-testid="figure-file" on:change=pick />
                </label>
                <label>"Image (site path or URL)"
                    <input type="text" required placeholder="/img/2024/stage.jpg" data-testid="figure-src" prop:value=src on:input=move |ev| src.set(event_target_value(&ev)) />
                </label>
                <label>"Caption"
                    <input type="text" data-testid="figure-caption" prop:value=caption on:input=move |ev| caption.set(event_target_value(&ev)) />
                </label>
                <div class="dialog-actions">
                    <button type="submit" class="button primary" data-testid="figure-insert">"Insert figure"</button>
                </div>
            </form>
        </Dialog>
    }
}
