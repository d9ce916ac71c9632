use super::{Doc, EditorHandle, PostMemo};
use crate::post::{slugify, Post, PostDate, PostError};
use leptos::prelude::*;

/// Edits the post through the lossless setters and splices the result into the
/// editor: the text stays the one source of truth, only the field's lines change.
fn edit_post(change: impl FnOnce(&mut Post) -> Result<(), PostError>) {
    let editor = EditorHandle::get();
    let Some((text, _)) = editor.selection() else {
        return;
    };
    let Ok(mut post) = Post::parse(&text) else {
        return;
    };
    match change(&mut post) {
        Ok(()) => editor.splice(&post.to_string()),
        Err(e) => Doc::get().notify(true, e.to_string()),
    }
}

/// `+01:00` for 60 minutes.
fn offset_text(minutes: i32) -> String {
    let sign = if minutes < 0 { '-' } else { '+' };
    let m = minutes.abs();
    format!("{sign}{:02}:{:02}", m / 60, m % 60)
}

/// Minutes for `+01:00`, `-0530`, `Z`.
fn parse_offset(s: &str) -> Option<i32> {
    let s = s.trim();
    if s.eq_ignore_ascii_case("z") {
        return Some(0);
    }
    let (sign, rest) = match s.as_bytes().first()? {
        b'+' => (1, &s[1..]),
        b'-' => (-1, &s[1..]),
        _ => (1, s),
    };
    let digits: String = rest.chars().filter(char::is_ascii_digit).collect();
    let (h, m) = match digits.len() {
        1 | 2 => (digits.parse::<i32>().ok()?, 0),
        4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
        _ => return None,
    };
    (h <= 14 && m < 60).then_some(sign * (h * 60 + m))
}

/// The browser's current UTC offset in minutes.
fn browser_offset() -> i32 {
    -(js_sys::Date::new_0().get_timezone_offset() as i32)
}

/// The front matter as a form: every field edits only its own lines of the text.
#[component]
pub fn FrontMatterForm(
    /// Tags used in the writer's other drafts, offered as suggestions.
    known_tags: Memo<Vec<String>>,
    /// Categories used in the writer's other drafts (and `articles`).
    known_categories: Memo<Vec<String>>,
) -> impl IntoView {
    let post = PostMemo::get().0;
    let fields = Memo::new(move |_| post.with(|p| p.as_ref().ok().map(|p| p.fields().clone())));
    let error = Memo::new(move |_| post.with(|p| p.as_ref().err().map(|e| e.to_string())));
    let field = move |f: fn(&crate::post::Fields) -> Option<String>| {
        move || fields.with(|x| x.as_ref().and_then(f).unwrap_or_default())
    };
    let uses_url = Memo::new(move |_| {
        fields.with(|f| {
            f.as_ref()
                .is_none_or(|f| f.url.is_some() || f.slug.is_none())
        })
    });
    let date_local = move || {
        fields.with(|f| {
            f.as_ref()
                .and_then(|f| f.date.as_ref())
                .map(PostDate::local_minute)
                .unwrap_or_default()
        })
    };
    let date_offset = move || {
        fields.with(|f| {
            let minutes = f
                .as_ref()
                .and_then(|f| f.date.as_ref())
                .and_then(PostDate::offset_minutes)
                .unwrap_or_else(browser_offset);
            offset_text(minutes)
        })
    };
    let set_date = move |local: String, offset: String| {
        // What the field holds: `YYYY-MM-DDTHH:MM` (seconds too, in some browsers).
        let Ok(dt) = local.parse::<PostDate>().map(|d| d.local()) else {
            return;
        };
        let Some(minutes) = parse_offset(&offset) else {
            Doc::get().notify(
                true,
                format!("“{offset}” is not a UTC offset; write it like +01:00."),
            );
            return;
        };
        use chrono::{Datelike, Timelike};
        if let Some(date) = PostDate::from_parts(
            dt.year(),
            dt.month(),
            dt.day(),
            dt.hour(),
            dt.minute(),
            0,
            minutes,
        ) {
            edit_post(|p| p.set_date(&date));
        }
    };
    let description_len = move || {
        fields.with(|f| {
            f.as_ref()
                .and_then(|f| f.description.as_ref())
                .map_or(0, |d| d.chars().count())
        })
    };
    let tags =
        Memo::new(move |_| fields.with(|f| f.as_ref().map(|f| f.tags.clone()).unwrap_or_default()));
    let categories = Memo::new(move |_| {
        fields.with(|f| f.as_ref().map(|f| f.categories.clone()).unwrap_or_default())
    });
    let suggest_url = move |_| {
        let Some(f) = fields.get_untracked() else {
            return;
        };
        let slug = slugify(f.title.as_deref().unwrap_or("untitled"));
        if uses_url.get_untracked() {
            let day = f
                .date
                .as_ref()
                .map(|d| format!("/{}", d.ymd().replace('-', "/")))
                .unwrap_or_default();
            edit_post(|p| p.set("url", format!("{day}/{slug}/").into()));
        } else {
            edit_post(|p| p.set("slug", slug.into()));
        }
    };
    view! {
        <section class="panel-section" aria-labelledby="fm-heading">
            <div class="section-head">
                <h2 id="fm-heading">"Front matter"</h2>
                <button type="button" class="button small" data-testid="fm-raw" title="Select the front matter in the editor"
                    on:click=move |_| {
                        let layout = super::Layout::get();
                        layout.tab.set(super::layout::Tab::Edit);
                        if layout.view.get_untracked() == super::layout::View::Preview {
                            layout.view.set(super::layout::View::Split);
                        }
                        EditorHandle::get().select_front_matter();
                    }>
                    "Edit as text"
                </button>
            </div>
            <Show when=move || error.with(Option::is_some)>
                <p class="problem" role="alert" data-testid="fm-error">
                    {move || error.get()}
                    " The form is read-only until the text is fixed; nothing is lost."
                </p>
            </Show>
            <fieldset class="fm-form" disabled=move || error.with(Option::is_some)>
                <label>"Title"
                    <input type="text" data-testid="fm-title" prop:value=field(|f| f.title.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit_post(|p| p.set_title(&v)) } />
                </label>
                <label>"Author"
                    <input type="text" data-testid="fm-author" prop:value=field(|f| f.author.clone())
                        on:change=move |ev| { let v = event_target_value(&ev); edit_post(|p| p.set("author", v.into())) } />
                </label>
                <div class="fm-row">
                    <label class="grow">"Date and time"
                        <input type="datetime-local" data-testid="fm-date" prop:value=date_local
                            on:change=move |ev| set_date(event_target_value(&ev), date_offset()) />
                    </label>
                    <button type="button" class="button small" data-testid="fm-date-now" title="Now, in this browser's time zone"
                        on:click=move |_| {
                            if let Some(now) = super::browser::local_now() {
                                edit_post(|p| p.set_date(&now));
                            }
                        }>"Now"</button>
                    <label class="offset">"UTC offset"
                        <input type="text" data-testid="fm-offset" size="6" prop:value=date_offset
                            on:change=move |ev| set_date(date_local(), event_target_value(&ev)) />
                    </label>
                </div>
                <label>{move || if uses_url.get() { "URL" } else { "Slug" }}
                    <div class="fm-row">
                        <input type="text" class="grow" data-testid="fm-url"
                            prop:value=move || fields.with(|f| f.as_ref().and_then(|f| if uses_url.get() { f.url.clone() } else { f.slug.clone() }).unwrap_or_default())
                            on:change=move |ev| {
                                let v = event_target_value(&ev);
                                let key = if uses_url.get_untracked() { "url" } else { "slug" };
                                edit_post(|p| p.set(key, v.into()))
                            } />
                        <button type="button" class="button small" title="From the date and title" on:click=suggest_url>"Suggest"</button>
                    </div>
                </label>
                <ChipField label="Tags" testid="fm-tags" items=tags suggestions=known_tags
                    save=save_tags />
                <ChipField label="Categories" testid="fm-categories" items=categories suggestions=known_categories
                    save=save_categories />
                <label>
                    <span class="label-row">"Description"
                        <span class="counter" class:over={move || description_len() > 160} data-testid="fm-description-count">
                            {move || format!("{}/160", description_len())}
                        </span>
                    </span>
                    <textarea rows="3" data-testid="fm-description" prop:value=field(|f| f.description.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); edit_post(|p| p.set_description(&v)) }></textarea>
                </label>
                <label class="check">
                    <input type="checkbox" data-testid="fm-draft" prop:checked=move || fields.with(|f| f.as_ref().and_then(|f| f.draft).unwrap_or(false))
                        on:change=move |ev| { let v = event_target_checked(&ev); edit_post(|p| p.set_draft(v)) } />
                    "Draft (Hugo does not publish it)"
                </label>
            </fieldset>
        </section>
    }
}

fn save_tags(items: Vec<String>) {
    edit_post(|p| p.set_tags(items));
}

fn save_categories(items: Vec<String>) {
    edit_post(|p| p.set_categories(items));
}

/// A list of short values as chips: remove with ×, add by typing and Enter or comma.
#[component]
fn ChipField(
    label: &'static str,
    testid: &'static str,
    items: Memo<Vec<String>>,
    suggestions: Memo<Vec<String>>,
    save: fn(Vec<String>),
) -> impl IntoView {
    let draft = RwSignal::new(String::new());
    let list_id = format!("{testid}-suggestions");
    let add = move || {
        let new: Vec<String> = draft
            .get_untracked()
            .split(',')
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty())
            .collect();
        if new.is_empty() {
            return;
        }
        let mut all = items.get_untracked();
        for t in new {
            if !all.contains(&t) {
                all.push(t);
            }
        }
        draft.set(String::new());
        save(all);
    };
    view! {
        <div class="chip-field" data-testid=testid>
            <span class="label">{label}</span>
            <ul class="chips">
                <For each=move || items.get() key=|t| t.clone() let:item>
                    <li class="chip">
                        <span>{item.clone()}</span>
                        <button type="button" class="chip-remove" aria-label=format!("Remove {item}") on:click={
                            let item = item.clone();
                            move |_| save(items.get_untracked().into_iter().filter(|t| *t != item).collect())
                        }>"×"</button>
                    </li>
                </For>
            </ul>
            <input type="text" list=list_id.clone() aria-label=format!("Add to {label}") placeholder="Add…"
                prop:value=draft
                on:input=move |ev| {
                    let v = event_target_value(&ev);
                    let done = v.ends_with(',');
                    draft.set(v);
                    if done { add() }
                }
                on:keydown=move |ev: leptos::ev::KeyboardEvent| if ev.key() == "Enter" { ev.prevent_default(); add() }
                on:change=move |_| add() />
            <datalist id=list_id>
                <For each=move || suggestions.get() key=|t| t.clone() let:t>
                    <option value=t></option>
                </For>
            </datalist>
        </div>
    }
}
