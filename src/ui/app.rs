use super::layout::{Tab, View, ViewSwitch};
use super::on_demand::{on_demand, on_demand_dialog};
use super::{
    ConflictBanner, DetailsPanel, Doc, DraftList, Editor, EditorHandle, FigureDialog,
    HistoryDialog, Layout, Notices, Preview, SettingsDialog, StatusBar, StorageBanner, TalkDialog,
    Toolbar, TopBar, TweetDialog, UpdateBanner,
};
use crate::post::{Post, PostError};
use leptos::prelude::*;

/// The open text parsed as a post, shared by everything that shows its fields.
#[derive(Clone, Copy)]
pub struct PostMemo(pub Memo<Result<Post, PostError>>);

impl PostMemo {
    /// The memo from context.
    pub fn get() -> PostMemo {
        expect_context::<PostMemo>()
    }
}

/// The app shell: header, drafts, editor beside its live preview, details, status.
#[component]
pub fn App() -> impl IntoView {
    let doc = Doc::provide();
    // The fields follow edits that may touch the front matter, not every keystroke.
    let post = Memo::new(move |_| {
        doc.front_matter.track();
        doc.text_with(Post::parse)
    });
    provide_context(PostMemo(post));
    super::formats_part::fetch_when_needed(doc);
    let editor = EditorHandle::provide(doc);
    let parts = super::PreviewParts::provide();
    super::ScrollSync::provide(doc, editor, parts);
    let layout = Layout::provide(doc);
    let site = super::SiteState::provide(doc);
    let history = RwSignal::new(false);
    let settings = RwSignal::new(false);
    let talk = RwSignal::new(false);
    let tweet = RwSignal::new(false);
    let figure = RwSignal::new(false);

    // Another tab wrote to storage: maybe the open draft, maybe the list.
    let storage = window_event_listener(leptos::ev::storage, move |ev| match ev.key() {
        Some(key) => doc.external_change(&key),
        None => doc.listing.update(|n| *n += 1),
    });
    // Hidden or closing: save now, not in 500 ms.
    let hidden = window_event_listener(leptos::ev::visibilitychange, move |_| {
        let is_hidden = web_sys::window()
            .and_then(|w| w.document())
            .is_some_and(|d| d.visibility_state() == web_sys::VisibilityState::Hidden);
        if is_hidden {
            doc.save_now();
        }
    });
    let pagehide = window_event_listener(leptos::ev::pagehide, move |_| doc.save_now());
    let keys = window_event_listener(leptos::ev::keydown, move |ev| {
        if (ev.ctrl_key() || ev.meta_key()) && ev.key() == "s" {
            ev.prevent_default();
            doc.save_now();
            // A draft of a site's post is saved into the site too.
            if doc.linked.with_untracked(Option::is_some)
                && site.site.with_untracked(Option::is_some)
            {
                site.save(doc);
            }
        }
    });
    // A pasted image (a screenshot of a slide) is added like a dropped one. Capture
    // phase: the editor would otherwise take the clipboard's text part, if any.
    let paste = wasm_bindgen::closure::Closure::<dyn Fn(web_sys::ClipboardEvent)>::new(
        move |ev: web_sys::ClipboardEvent| {
            let Some(files) = ev.clipboard_data().and_then(|d| d.files()) else {
                return;
            };
            let has_image = (0..files.length())
                .filter_map(|i| files.get(i))
                .any(|f| crate::site::is_image(&f.name()) || f.type_().starts_with("image/"));
            if !has_image {
                return;
            }
            ev.prevent_default();
            ev.stop_propagation();
            leptos::task::spawn_local(async move {
                let images: Vec<_> = super::browser::read_files(files)
                    .await
                    .into_iter()
                    .flatten()
                    .map(|mut f| {
                        // A pasted screenshot is often just "image.png".
                        if !crate::site::is_image(&f.name) {
                            f.name = format!("{}.png", f.name);
                        }
                        f
                    })
                    .collect();
                site.add_images(doc, editor, images);
            });
        },
    );
    // Handed to JS, which owns it from here (removed again on cleanup).
    let paste: js_sys::Function = wasm_bindgen::JsCast::unchecked_into(paste.into_js_value());
    if let Some(window) = web_sys::window() {
        let _ = window.add_event_listener_with_callback_and_bool("paste", &paste, true);
    }
    let paste = StoredValue::new_local(paste);
    on_cleanup(move || {
        if let (Some(window), Some(cb)) = (web_sys::window(), paste.try_get_value()) {
            let _ = window.remove_event_listener_with_callback_and_bool("paste", &cb, true);
        }
        storage.remove();
        hidden.remove();
        pagehide.remove();
        keys.remove();
    });

    let on_drop = move |ev: leptos::ev::DragEvent| {
        ev.prevent_default();
        let Some(files) = ev.data_transfer().and_then(|d| d.files()) else {
            return;
        };
        // Images go into the site beside the post; texts and backups are imported.
        leptos::task::spawn_local(async move {
            let (images, others): (Vec<_>, Vec<_>) = super::browser::read_files(files)
                .await
                .into_iter()
                .partition(|f| f.as_ref().is_ok_and(|f| crate::site::is_image(&f.name)));
            let images: Vec<_> = images.into_iter().flatten().collect();
            if !images.is_empty() {
                site.add_images(doc, editor, images);
            }
            if !others.is_empty() {
                doc.import(others).await;
            }
        });
    };
    let view_name = move || match layout.view.get() {
        View::Split => "split",
        View::Editor => "editor",
        View::Preview => "preview",
    };
    let tab_name = move || match layout.tab.get() {
        Tab::Edit => "edit",
        Tab::Preview => "preview",
        Tab::Details => "details",
    };

    view! {
        <div class="app" on:dragover=|ev: leptos::ev::DragEvent| ev.prevent_default() on:drop=on_drop>
            <TopBar sidebar=layout.sidebar history=history settings=settings>
                <ViewSwitch />
            </TopBar>
            <UpdateBanner />
            <ConflictBanner />
            <StorageBanner />
            <div class="app-body" data-view=view_name data-tab=tab_name>
                <DraftList open=layout.sidebar />
                <main class="workspace">
                    <div class="editor-column">
                        <Toolbar talk=talk tweet=tweet figure=figure />
                        <Editor />
                    </div>
                    <Preview />
                </main>
                <DetailsPanel />
            </div>
            <StatusBar />
            <Notices />
            {on_demand_dialog("The history", history, history_dialog)}
            {on_demand_dialog("Settings", settings, settings_dialog)}
            {on_demand_dialog("“Add talk”", talk, talk_dialog)}
            {on_demand_dialog("“Insert tweet”", tweet, tweet_dialog)}
            {on_demand_dialog("“Insert figure”", figure, figure_dialog)}
        </div>
    }
}

// The dialogs' code comes in one file, at the first opening of any of them.
on_demand! {
    in dialogs;
    fn history_dialog(open: RwSignal<bool>) {
        view! { <HistoryDialog open=open /> }.into_any()
    }
    fn settings_dialog(open: RwSignal<bool>) {
        view! { <SettingsDialog open=open /> }.into_any()
    }
    fn talk_dialog(open: RwSignal<bool>) {
        view! { <TalkDialog open=open /> }.into_any()
    }
    fn tweet_dialog(open: RwSignal<bool>) {
        view! { <TweetDialog open=open /> }.into_any()
    }
    fn figure_dialog(open: RwSignal<bool>) {
        view! { <FigureDialog open=open /> }.into_any()
    }
}
