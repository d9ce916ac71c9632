use super::layout::Tab;
use super::on_demand::{on_demand, on_demand_when};
use super::{Doc, EditorHandle, FrontMatterForm, Layout};
use crate::post::Post;
use crate::writing::{checks, outline, raw_html_check};
use leptos::prelude::*;

/// Scrolls the preview to the heading with `id`, or to the block holding `line`
/// (a line of the whole text; `front_matter_lines` lines come before the body).
pub fn scroll_preview_to(id: &str, line: usize, front_matter_lines: usize) {
    let line = line.saturating_sub(front_matter_lines);
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let target = document
        .query_selector(&format!(
            "[data-testid=preview] [id=\"{}\"]",
            id.replace('"', "")
        ))
        .ok()
        .flatten()
        .or_else(|| {
            let blocks = document
                .query_selector_all("[data-testid=preview] [data-line]")
                .ok()?;
            let mut best = None;
            for i in 0..blocks.length() {
                let el: web_sys::Element = wasm_bindgen::JsCast::dyn_into(blocks.item(i)?).ok()?;
                let at: usize = el.get_attribute("data-line")?.parse().ok()?;
                // `data-line` counts body lines from 1.
                if at.saturating_sub(1) <= line {
                    best = Some(el);
                }
            }
            best
        });
    if let Some(el) = target {
        let options = web_sys::ScrollIntoViewOptions::new();
        options.set_block(web_sys::ScrollLogicalPosition::Start);
        el.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

/// The side panel: the front-matter form, the outline and the checks. Its contents
/// are fetched the first time it shows (on_demand).
#[component]
pub fn DetailsPanel() -> impl IntoView {
    let layout = Layout::get();
    let shown = move || layout.details.get() || layout.tab.get() == Tab::Details;
    view! {
        <aside class="details" class:closed=move || !layout.details.get() data-testid="details" aria-label="Details">
            {on_demand_when("The details panel", shown, details_contents, || {})}
        </aside>
    }
}

on_demand! {
    in details;
    /// The details panel's contents (see [`DetailsContents`]).
    fn details_contents() {
        view! { <DetailsContents /> }.into_any()
    }
}

/// The front-matter form, where the linked post will be published, the outline and
/// the checks.
#[component]
fn DetailsContents() -> impl IntoView {
    let doc = Doc::get();
    let editor = EditorHandle::get();
    let site = super::SiteState::get();
    // Tags and categories of the writer's other drafts: suggestions, and the tag
    // spelling check.
    let others = Memo::new(move |_| {
        // The open draft changes without storage changing: follow `listing` too.
        doc.listing.track();
        let current = doc.id();
        let (mut tags, mut categories) = (Vec::new(), vec!["articles".to_string()]);
        doc.drafts.with(|scan| {
            for draft in scan
                .drafts
                .iter()
                .filter(|d| d.id != current && d.trashed_ms.is_none())
            {
                if let Ok(post) = Post::parse(&draft.text) {
                    tags.extend(post.fields().tags.iter().cloned());
                    categories.extend(post.fields().categories.iter().cloned());
                }
            }
        });
        // The open site's posts: their tags and categories are the ones to match.
        site.site.with(|s| {
            if let Some(s) = s {
                tags.extend(s.terms("tags"));
                categories.extend(s.terms("categories"));
            }
        });
        for list in [&mut tags, &mut categories] {
            list.sort();
            list.dedup();
        }
        (tags, categories)
    });
    let known_tags = Memo::new(move |_| others.with(|o| o.0.clone()));
    let known_categories = Memo::new(move |_| others.with(|o| o.1.clone()));
    // Both parse the whole text: they follow pauses in typing, not every keystroke.
    let entries = Memo::new(move |_| {
        doc.settled.track();
        doc.text_with(outline)
    });
    let found = Memo::new(move |_| {
        doc.settled.track();
        let others = known_tags.get();
        let raw_not_published = site
            .site
            .with(|s| s.as_ref().is_some_and(|s| !s.config.unsafe_html));
        entries.with(|outline| {
            doc.text_with(|t| {
                let mut found = checks(t, outline, &others);
                if raw_not_published {
                    found.extend(raw_html_check(t));
                }
                found
            })
        })
    });
    // Where the linked post will be published.
    let post_memo = super::PostMemo::get();
    let address = Memo::new(move |_| {
        let link = doc.linked.get()?;
        site.site.with(|s| {
            let s = s.as_ref()?;
            let listed = s.post(&link.path)?;
            post_memo.0.with(|p| {
                let fields = p.as_ref().ok()?.fields();
                Some(crate::site::permalink(&s.config, listed, fields))
            })
        })
    });
    let sync = super::ScrollSync::get();
    let jump = move |line: usize, id: Option<String>| {
        editor.go_to_line(line);
        let fm = doc.text_with(crate::post::lenient_body_line);
        scroll_preview_to(id.as_deref().unwrap_or(""), line, fm);
        sync.placed();
    };
    view! {
            <FrontMatterForm known_tags=known_tags known_categories=known_categories />
            <Show when=move || address.with(Option::is_some)>
                <p class="post-address" data-testid="post-address">
                    "Will be published at " <code>{move || address.get().unwrap_or_default()}</code>
                </p>
            </Show>
            <section class="panel-section" aria-labelledby="outline-heading">
                <h2 id="outline-heading">"Outline"</h2>
                <ol class="outline" data-testid="outline">
                    <For each=move || entries.get() key=|e| (e.line, e.text.clone(), e.level) let:entry>
                        <li class=format!("level-{}", entry.level)>
                            <button on:click={
                                let (line, id) = (entry.line, entry.id.clone());
                                move |_| jump(line, Some(id.clone()))
                            }>{entry.text.clone()}</button>
                        </li>
                    </For>
                </ol>
                <Show when=move || entries.with(Vec::is_empty)>
                    <p class="empty">"Days (##) and talks (###) show here."</p>
                </Show>
            </section>
            <section class="panel-section" aria-labelledby="checks-heading">
                <h2 id="checks-heading">{move || format!("Checks ({})", found.with(Vec::len))}</h2>
                <ul class="checks" data-testid="checks">
                    <For each=move || found.get() key=|c| (c.line, c.message.clone()) let:check>
                        <li>
                            <button on:click={
                                let line = check.line;
                                move |_| jump(line, None)
                            }>
                                <span class="check-line">{format!("Line {}", check.line + 1)}</span>
                                <span>{check.message.clone()}</span>
                            </button>
                        </li>
                    </For>
                </ul>
                <Show when=move || found.with(Vec::is_empty)>
                    <p class="empty ok">"Nothing to fix."</p>
                </Show>
            </section>
    }
}
