//! The allowlist sanitizer (ammonia) every piece of raw HTML from the document goes
//! through before it reaches the preview.

use ammonia::Builder;
use std::borrow::Cow;
use std::sync::OnceLock;

/// Classes the preview's own cards use; a document may use them too (they only style).
const CLASSES: &[&str] = &[
    "tweet-card",
    "tweet-author",
    "tweet-name",
    "tweet-handle",
    "tweet-text",
    "tweet-text-missing",
    "tweet-date",
    "figure-card",
    "figure-placeholder",
    "figure-path",
    "embed-card",
    "youtube-card",
    "gist-card",
    "embed-kind",
    "embed-title",
    "embed-open",
    "shortcode-chip",
    "chip-name",
    "chip-args",
    "summary-divider",
    "toc",
    "footnotes",
    "footnote-ref",
    "footnote-backref",
    "task-list-item",
    "align-left",
    "align-center",
    "align-right",
];

/// Keeps only known classes (the renderer's own class names, as the sanitizer and
/// heading attributes see them) and `language-x` classes made of safe characters.
pub(crate) fn filter_classes(value: &str) -> Option<Cow<'_, str>> {
    let kept: Vec<&str> = value
        .split_ascii_whitespace()
        .filter(|c| {
            CLASSES.contains(c)
                || c.strip_prefix("language-").is_some_and(|lang| {
                    !lang.is_empty()
                        && lang.chars().all(|ch| {
                            ch.is_ascii_alphanumeric() || matches!(ch, '_' | '-' | '+' | '#' | '.')
                        })
                })
        })
        .collect();
    (!kept.is_empty()).then(|| Cow::Owned(kept.join(" ")))
}

fn builder() -> &'static Builder<'static> {
    static BUILDER: OnceLock<Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = Builder::default();
        b.url_schemes(["http", "https", "mailto"].into_iter().collect())
            .add_generic_attributes(["class"])
            .add_tag_attributes("h1", ["id"])
            .add_tag_attributes("h2", ["id"])
            .add_tag_attributes("h3", ["id"])
            .add_tag_attributes("h4", ["id"])
            .add_tag_attributes("h5", ["id"])
            .add_tag_attributes("h6", ["id"])
            .add_tag_attributes("li", ["id"])
            .add_tag_attributes("sup", ["id"])
            .add_tag_attributes("nav", ["id"])
            .add_tag_attributes("figure", ["data-tweet-id"])
            .add_tag_attributes("div", ["data-youtube-id", "role"])
            .add_tag_attributes("span", ["role", "aria-label"])
            .add_tag_attributes("img", ["title", "loading"])
            .attribute_filter(|_element, attribute, value| match attribute {
                "class" => filter_classes(value),
                // ammonia passes a URL it cannot parse (" javascript:...") as relative;
                // browsers strip that space and run it. Read the scheme as they do.
                "href" | "src" | "cite" => {
                    super::url::is_safe_url(value).then_some(Cow::Borrowed(value))
                }
                _ => Some(Cow::Borrowed(value)),
            });
        b
    })
}

/// Sanitizes an HTML fragment: scripts, styles, frames, forms, event handlers and
/// unsafe URLs are removed; the text stays.
///
/// ```
/// let out = recap::render::sanitize::clean_fragment(r#"<a href="jav&#x09;ascript:alert(1)" onclick="x()">hi</a><script>alert(2)</script>"#);
/// assert_eq!(out, r#"<a rel="noopener noreferrer">hi</a>"#);
/// ```
pub fn clean_fragment(html: &str) -> String {
    builder().clean(html).to_string()
}

/// [`clean_fragment`] with a memory of recent results: a keystroke re-renders the
/// whole body, but most raw HTML blocks (pasted tweets) are the same as last time,
/// and parsing them again with html5ever is the costliest part of a render.
pub fn clean_fragment_cached(html: &str) -> String {
    remembered(Kind::Fragment, html, clean_fragment)
}

/// [`text_only`] with the same memory as [`clean_fragment_cached`].
pub fn text_only_cached(html: &str) -> String {
    remembered(Kind::Text, html, text_only)
}

#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum Kind {
    Fragment,
    Text,
}

fn remembered(kind: Kind, html: &str, clean: fn(&str) -> String) -> String {
    use std::cell::RefCell;
    use std::collections::HashMap;
    use std::hash::{DefaultHasher, Hash, Hasher};
    /// Enough for every raw block of a very long recap; past it, start afresh.
    const MAX_ENTRIES: usize = 8192;
    type Cache = HashMap<(Kind, u64), (String, String)>;
    thread_local! {
        static CACHE: RefCell<Cache> = RefCell::new(HashMap::new());
    }
    let mut hasher = DefaultHasher::new();
    html.hash(&mut hasher);
    let key = (kind, hasher.finish());
    let hit = CACHE.with(|c| {
        c.borrow()
            .get(&key)
            .filter(|(input, _)| input == html)
            .map(|(_, out)| out.clone())
    });
    if let Some(out) = hit {
        return out;
    }
    let out = clean(html);
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.len() >= MAX_ENTRIES {
            c.clear();
        }
        c.insert(key, (html.to_string(), out.clone()));
    });
    out
}

/// The text of an HTML fragment with every tag removed, as safe HTML text.
pub fn text_only(html: &str) -> String {
    static TEXT: OnceLock<Builder<'static>> = OnceLock::new();
    TEXT.get_or_init(Builder::empty).clean(html).to_string()
}
