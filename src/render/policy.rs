//! The sanitizing policy: which elements, attributes, classes and URL schemes raw HTML
//! from the document may keep. One policy, applied in two places:
//!
//! - natively (tests, tools) by ammonia, built from these lists ([`super::sanitize`]);
//! - in the app by the browser's own HTML parser and a walk over its inert tree
//!   (`ui::sanitizer`), so the shipped WebAssembly carries no HTML parser.
//!
//! Both ask the same functions here: [`element`] for each element and [`attribute`] for
//! each attribute. A browser test sanitizes every XSS payload both ways and compares
//! the resulting DOM.

use std::borrow::Cow;

/// Elements kept, with their allowed attributes (ammonia's default list).
pub const TAGS: &[&str] = &[
    "a",
    "abbr",
    "acronym",
    "area",
    "article",
    "aside",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "caption",
    "center",
    "cite",
    "code",
    "col",
    "colgroup",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "map",
    "mark",
    "nav",
    "ol",
    "p",
    "pre",
    "q",
    "rp",
    "rt",
    "rtc",
    "ruby",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "time",
    "tr",
    "tt",
    "u",
    "ul",
    "var",
    "wbr",
];

/// Elements removed together with everything inside them. Any other element not in
/// [`TAGS`] is unwrapped: its text stays.
pub const CLEAN_CONTENT_TAGS: &[&str] = &["script", "style", "noscript"];

/// Attributes any kept element may have.
pub const GENERIC_ATTRIBUTES: &[&str] = &["lang", "title", "class"];

/// Attributes particular elements may have (ammonia's defaults, then the renderer's own
/// markup: heading and footnote ids, card data, roles).
pub const TAG_ATTRIBUTES: &[(&str, &[&str])] = &[
    ("a", &["href", "hreflang"]),
    ("bdo", &["dir"]),
    ("blockquote", &["cite"]),
    ("col", &["align", "char", "charoff", "span"]),
    ("colgroup", &["align", "char", "charoff", "span"]),
    ("del", &["cite", "datetime"]),
    ("hr", &["align", "size", "width"]),
    (
        "img",
        &["align", "alt", "height", "src", "width", "title", "loading"],
    ),
    ("ins", &["cite", "datetime"]),
    ("ol", &["start"]),
    ("q", &["cite"]),
    ("table", &["align", "char", "charoff", "summary"]),
    ("tbody", &["align", "char", "charoff"]),
    (
        "td",
        &["align", "char", "charoff", "colspan", "headers", "rowspan"],
    ),
    ("tfoot", &["align", "char", "charoff"]),
    (
        "th",
        &[
            "align", "char", "charoff", "colspan", "headers", "rowspan", "scope",
        ],
    ),
    ("thead", &["align", "char", "charoff"]),
    ("tr", &["align", "char", "charoff"]),
    ("h1", &["id"]),
    ("h2", &["id"]),
    ("h3", &["id"]),
    ("h4", &["id"]),
    ("h5", &["id"]),
    ("h6", &["id"]),
    ("li", &["id"]),
    ("sup", &["id"]),
    ("nav", &["id"]),
    ("figure", &["data-tweet-id"]),
    ("div", &["data-youtube-id", "role"]),
    ("span", &["role", "aria-label"]),
];

/// The only schemes an absolute URL may have; relative URLs and `#` fragments stay.
pub const URL_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// What every kept link gets: a page opened from the preview cannot reach back.
pub const LINK_REL: &str = "noopener noreferrer";

/// Classes the preview's own cards use; a document may use them too (they only style).
pub const CLASSES: &[&str] = &[
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

/// What happens to one element of raw HTML.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementRule {
    /// Kept, with its attributes filtered by [`attribute`].
    Keep,
    /// Replaced by what it holds.
    Unwrap,
    /// Removed with everything inside it.
    Drop,
}

/// The rule for an element, by its local name and whether the parser put it in the
/// HTML namespace. SVG and MathML are never kept: `<svg>` and `<math>` are unwrapped
/// (their text stays, as ammonia keeps it) and any other foreign element is dropped, so
/// no namespace switch (the root of mutation XSS) survives.
///
/// ```
/// use recap::render::policy::{element, ElementRule};
/// assert_eq!(element(true, "p"), ElementRule::Keep);
/// assert_eq!(element(true, "iframe"), ElementRule::Unwrap);
/// assert_eq!(element(true, "script"), ElementRule::Drop);
/// assert_eq!(element(false, "svg"), ElementRule::Unwrap);
/// assert_eq!(element(false, "a"), ElementRule::Drop);
/// ```
pub fn element(html_namespace: bool, local_name: &str) -> ElementRule {
    if !html_namespace {
        return if matches!(local_name, "svg" | "math") {
            ElementRule::Unwrap
        } else {
            ElementRule::Drop
        };
    }
    if CLEAN_CONTENT_TAGS.contains(&local_name) {
        ElementRule::Drop
    } else if TAGS.contains(&local_name) {
        ElementRule::Keep
    } else {
        ElementRule::Unwrap
    }
}

/// Whether a kept element may carry this attribute at all (before its value is read).
///
/// ```
/// use recap::render::policy::allows_attribute;
/// assert!(allows_attribute("a", "href") && allows_attribute("p", "title"));
/// assert!(!allows_attribute("p", "onclick") && !allows_attribute("p", "style"));
/// ```
pub fn allows_attribute(tag: &str, name: &str) -> bool {
    GENERIC_ATTRIBUTES.contains(&name)
        || TAG_ATTRIBUTES
            .iter()
            .any(|(t, names)| *t == tag && names.contains(&name))
}

/// The value an allowed attribute keeps, or `None` to drop it: classes are filtered to
/// [`CLASSES`] and safe `language-x` names, and a URL must be relative or use one of
/// [`URL_SCHEMES`], its scheme read as a browser reads it.
///
/// ```
/// use recap::render::policy::filter_value;
/// assert_eq!(filter_value("a", "href", " java\tscript:alert(1)"), None);
/// assert_eq!(filter_value("p", "class", "tweet-card evil").as_deref(), Some("tweet-card"));
/// assert_eq!(filter_value("img", "src", "stage.jpg").as_deref(), Some("stage.jpg"));
/// ```
pub fn filter_value<'v>(_tag: &str, name: &str, value: &'v str) -> Option<Cow<'v, str>> {
    match name {
        "class" => filter_classes(value),
        "href" | "src" | "cite" => super::url::is_safe_url(value).then_some(Cow::Borrowed(value)),
        _ => Some(Cow::Borrowed(value)),
    }
}

/// An attribute of a kept element after the policy: `None` when it goes.
///
/// ```
/// use recap::render::policy::attribute;
/// assert_eq!(attribute("img", "onerror", "alert(1)"), None);
/// assert_eq!(attribute("a", "href", "https://example.org").as_deref(), Some("https://example.org"));
/// ```
pub fn attribute<'v>(tag: &str, name: &str, value: &'v str) -> Option<Cow<'v, str>> {
    if allows_attribute(tag, name) {
        filter_value(tag, name, value)
    } else {
        None
    }
}

/// Keeps only known classes (the renderer's own class names) and `language-x` classes
/// made of safe characters.
///
/// ```
/// use recap::render::policy::filter_classes;
/// assert_eq!(filter_classes("language-rust x").as_deref(), Some("language-rust"));
/// assert_eq!(filter_classes("evil"), None);
/// ```
pub fn filter_classes(value: &str) -> Option<Cow<'_, str>> {
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
