use super::on_demand::{on_demand, on_demand_view};
use super::site::SiteState;
use super::{Dialog, Doc};
use crate::site::{search_posts, sections, SitePost};
use leptos::prelude::*;

/// The open Hugo site in the sidebar: its posts (newest first, searchable), each
/// opening as a draft linked to its file, and "New post". Without a site: "Open site"
/// (or why this browser cannot), and "Reconnect" for the folder of an earlier visit.
#[component]
pub fn SitePanel() -> impl IntoView {
    let doc = Doc::get();
    let state = SiteState::get();
    // A folder picker: `webkitdirectory` is not an attribute the view macro knows.
    let folder_input = NodeRef::<leptos::html::Input>::new();
    Effect::new(move |_| {
        if let Some(input) = folder_input.get() {
            let _ = input.set_attribute("webkitdirectory", "");
        }
    });
    view! {
        <section class="site-panel" aria-label="Hugo site">
            <Show
                when=move || state.site.with(Option::is_some)
                fallback=move || view! {
                    <div class="site-open">
                        <Show when=move || state.reconnect.with(Option::is_some)>
                            <button class="button wide" data-testid="site-reconnect" on:click=move |_| state.reconnect(doc)>
                                {move || format!("Reconnect “{}”", state.reconnect.get().unwrap_or_default())}
                            </button>
                        </Show>
                        <button
                            class="button wide"
                            data-testid="open-site"
                            disabled=!SiteState::supported()
                            title=if SiteState::supported() {
                                "Open your Hugo site's folder: edit its posts in place, add images where it keeps them"
                            } else {
                                "This browser cannot open folders for writing (Firefox and Safari do not allow it); use Chrome or Edge, or export the .md"
                            }
                            on:click=move |_| state.open_folder(doc)
                        >
                            {move || if state.busy.get() { "Reading the site…" } else { "Open Hugo site…" }}
                        </button>
                        <Show when=|| !SiteState::supported()>
                            <label class="button wide" title="Reads the site's config, posts and archetypes; saving downloads the file">
                                "Open Hugo site (read-only)…"
                                <input
                                    type="file"
                                    class="visually-hidden"
                                    data-testid="open-site-readonly"
                                    node_ref=folder_input
                                    on:change=move |ev| {
                                        let input: web_sys::HtmlInputElement = event_target(&ev);
                                        if let Some(files) = input.files() {
                                            state.open_files(doc, files);
                                        }
                                    }
                                />
                            </label>
                            <p class="hint">"This browser cannot write to folders (Firefox and Safari do not allow it): the site opens read-only, and saving downloads the file."</p>
                        </Show>
                    </div>
                }
            >
                {on_demand_view("The site", open_site(), || {}, || {})}
            </Show>
        </section>
    }
}

on_demand! {
    in site;
    /// The open site's part of the panel (see [`OpenSite`]), fetched when a site
    /// first opens, with the code that reads it.
    fn open_site() {
        view! { <OpenSite /> }.into_any()
    }
}

/// The open site: its name, "New post", "Close", the config environment, and its
/// posts, searchable.
#[component]
fn OpenSite() -> impl IntoView {
    let doc = Doc::get();
    let state = SiteState::get();
    let query = RwSignal::new(String::new());
    let new_post = RwSignal::new(false);
    let shown = Memo::new(move |_| {
        let q = query.get();
        state.site.with(|s| {
            s.as_ref()
                .map(|s| {
                    search_posts(&s.posts, &q)
                        .into_iter()
                        .take(200)
                        .cloned()
                        .collect::<Vec<SitePost>>()
                })
                .unwrap_or_default()
        })
    });
    let environments = Memo::new(move |_| {
        state.site.with(|s| {
            s.as_ref()
                .map(|s| crate::site::environments(&s.paths()))
                .unwrap_or_default()
        })
    });
    let current = move || doc.linked.with(|l| l.as_ref().map(|l| l.path.clone()));
    let site_name = move || {
        state.site.with(|s| {
            s.as_ref()
                .map(|s| s.config.title.clone().unwrap_or_else(|| s.name.clone()))
                .unwrap_or_default()
        })
    };
    view! {
        <div class="site-head">
            <h2 class="site-name" data-testid="site-name">{site_name}</h2>
            <Show when=move || state.read_only.get()>
                <span class="draft-badge" title="This browser cannot write to folders: saving downloads the file">"read-only"</span>
            </Show>
            <button class="button primary" data-testid="site-new-post" on:click=move |_| new_post.set(true)>
                "New post"
            </button>
            <button class="button" data-testid="site-close" title="Close the site (its posts' drafts stay in the browser)" on:click=move |_| state.close(doc)>
                "Close"
            </button>
        </div>
        <Show when=move || environments.with(|e| !e.is_empty())>
            <label class="site-environment">
                "Config environment "
                <select
                    data-testid="site-environment"
                    on:change=move |ev| {
                        let value = event_target_value(&ev);
                        state.set_environment(doc, (!value.is_empty()).then_some(value));
                    }
                >
                    <option value="" selected=move || state.environment.with(Option::is_none)>"_default only"</option>
                    <For each=move || environments.get() key=|e| e.clone() let:env>
                        {
                            let selected = {
                                let env = env.clone();
                                move || state.environment.with(|e| e.as_deref() == Some(env.as_str()))
                            };
                            view! { <option value=env.clone() selected=selected>{env.clone()}</option> }
                        }
                    </For>
                </select>
            </label>
        </Show>
        <input
            type="search"
            class="search"
            data-testid="site-search"
            placeholder="Search the site's posts"
            aria-label="Search the site's posts"
            prop:value=move || query.get()
            on:input=move |ev| query.set(event_target_value(&ev))
        />
        <ul class="site-posts" data-testid="site-posts">
            <For each=move || shown.get() key=|p| (p.path.clone(), p.title.clone(), p.modified_ms) let:post>
                {
                    let path = post.path.to_string();
                    let is_current = {
                        let path = path.clone();
                        move || current().as_deref() == Some(path.as_str())
                    };
                    let open_path = path.clone();
                    view! {
                        <li class="site-post" class:current=is_current data-testid="site-post" data-path=path.clone()>
                            <button on:click=move |_| state.open_post(doc, open_path.clone())>
                                <span class="title">{post.title.clone()}</span>
                                <span class="meta">
                                    {post.day().unwrap_or_default()}
                                    {if post.draft { " · draft" } else { "" }}
                                    " · " {path.clone()}
                                </span>
                            </button>
                        </li>
                    }
                }
            </For>
        </ul>
        <NewPostDialog open=new_post />
        <DiskConflictDialog />
    }
}

/// "New post": a title and a section; the site's archetype does the rest.
#[component]
fn NewPostDialog(open: RwSignal<bool>) -> impl IntoView {
    let doc = Doc::get();
    let state = SiteState::get();
    let title = RwSignal::new(String::new());
    let section = RwSignal::new(String::new());
    let known = Memo::new(move |_| {
        state
            .site
            .with(|s| s.as_ref().map(|s| sections(&s.posts)).unwrap_or_default())
    });
    Effect::new(move |_| {
        if open.get() && section.get_untracked().is_empty() {
            section.set(
                known
                    .get_untracked()
                    .first()
                    .cloned()
                    .unwrap_or_else(|| "post".into()),
            );
        }
    });
    let create = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        open.set(false);
        state.create_post(doc, title.get_untracked(), section.get_untracked());
        title.set(String::new());
    };
    view! {
        <Dialog open=open title="New post in the site">
            <form class="dialog-form" on:submit=create>
                <label>"Title"
                    <input type="text" required data-testid="site-new-title" prop:value=title on:input=move |ev| title.set(event_target_value(&ev)) />
                </label>
                <label>"Section"
                    <input type="text" list="site-sections" required data-testid="site-new-section" prop:value=section on:input=move |ev| section.set(event_target_value(&ev)) />
                    <datalist id="site-sections">
                        <For each=move || known.get() key=|s| s.clone() let:s>
                            <option value=s.clone()></option>
                        </For>
                    </datalist>
                </label>
                <p class="hint">"Made from the section's archetype, laid out like the section's posts, and written into the site at once."</p>
                <div class="dialog-actions">
                    <button type="submit" class="button primary" data-testid="site-new-create">"Create post"</button>
                </div>
            </form>
        </Dialog>
    }
}

/// A save that found the file changed on disk: both versions, and the choice.
#[component]
fn DiskConflictDialog() -> impl IntoView {
    let doc = Doc::get();
    let state = SiteState::get();
    let open = RwSignal::new(false);
    // The dialog opens with a conflict; closing it (any way) ends the conflict.
    Effect::new(move |_| {
        let has = state.conflict.with(Option::is_some);
        if open.get_untracked() != has {
            open.set(has);
        }
    });
    Effect::new(move |_| {
        if !open.get() && state.conflict.with_untracked(Option::is_some) {
            state.conflict.set(None);
        }
    });
    let text = move |f: fn(&super::site::DiskConflict) -> String| {
        move || {
            state
                .conflict
                .with(|c| c.as_ref().map(f).unwrap_or_default())
        }
    };
    view! {
        <Dialog open=open title="The file changed on disk">
            <div class="disk-conflict" data-testid="site-conflict">
                <p>
                    {text(|c| format!("{} changed since you opened it (another editor, a git pull?). Nothing has been written. ", c.path))}
                    {text(|c| if c.kept.is_some() { "The version on disk is kept as a draft too.".to_string() } else { String::new() })}
                </p>
                <div class="versions">
                    <figure>
                        <figcaption>"On disk"</figcaption>
                        <pre data-testid="site-conflict-theirs">{text(|c| c.theirs.clone())}</pre>
                    </figure>
                    <figure>
                        <figcaption>"Yours"</figcaption>
                        <pre data-testid="site-conflict-mine">{text(|c| c.mine.clone())}</pre>
                    </figure>
                </div>
                <div class="dialog-actions">
                    <button class="button" data-testid="site-conflict-cancel" on:click=move |_| open.set(false)>
                        "Don't save now"
                    </button>
                    <button class="button primary" data-testid="site-conflict-overwrite" on:click=move |_| state.overwrite(doc)>
                        "Replace the file with mine"
                    </button>
                </div>
            </div>
        </Dialog>
    }
}
