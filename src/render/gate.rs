//! The one gate between the document and the preview's HTML.
//!
//! A block of the preview is written only by [`write_block`], from [`Chunk`]s of two
//! kinds, and nothing else in the renderer produces HTML for the preview:
//!
//! - [`Chunk::Doc`]: a Markdown event that comes from the writer's text. The HTML writer
//!   escapes its text and attribute values; `write_block` applies the link policy to it
//!   (link and image targets, heading attributes, fence classes); and when any `Doc`
//!   event of the block is raw HTML (a block or an inline tag, in a paragraph, a list,
//!   a table cell, a footnote, a definition, wherever it sits), the whole block's HTML
//!   goes through the allowlist sanitizer ([`super::sanitize`]).
//! - [`Chunk::Own`]: HTML the renderer writes itself (cards, footnote markup), as
//!   [`OwnHtml`]. Every value from the document it holds was escaped with
//!   [`super::html::escape`] when it was built; or it holds a fragment of raw HTML
//!   ([`OwnHtml::holding_raw`]), which counts as raw HTML.
//!
//! Natively the sanitizer runs here. The app's WebAssembly build has no HTML parser of
//! its own: a block with raw HTML comes out starting with [`BROWSER_SANITIZES`], and the
//! preview hands such a block to the browser's parser and the same policy
//! (`ui::sanitizer`) instead of `innerHTML`. The mark can only ask for more
//! sanitizing: a block without it is one the gate found free of raw HTML.
//!
//! So whatever container new HTML sits in, and whatever path assembles a block, the
//! decision to sanitize is made here, from the events themselves, never from a flag
//! some earlier step had to remember to set.

use super::url::is_safe_url;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Tag};

/// HTML the renderer writes itself, with every value from the document escaped.
///
/// ```
/// # use recap::render::gate::OwnHtml;
/// let card = OwnHtml::escaped_text("<b>not bold</b>");
/// assert_eq!(card.as_str(), "&lt;b&gt;not bold&lt;/b&gt;");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OwnHtml {
    html: String,
    /// Holds a raw fragment from the document: its block is sanitized whole.
    holds_raw: bool,
}

/// What a block of the app's preview starts with when the browser must sanitize it
/// (a comment: it renders as nothing, and the sanitizer drops it).
pub const BROWSER_SANITIZES: &str = "<!--recap:sanitize-->";

impl OwnHtml {
    /// Wraps HTML the renderer built. Callers escape every value from the document in
    /// it (`html::escape`), or take it from the sanitizer.
    pub(crate) fn new(html: String) -> OwnHtml {
        OwnHtml {
            html,
            holds_raw: false,
        }
    }

    /// Wraps HTML the renderer built around a fragment of raw HTML from the document
    /// (a pasted tweet's text): the gate sanitizes its whole block, so the fragment is
    /// parsed where it sits, the same way natively and in the browser.
    pub(crate) fn holding_raw(html: String) -> OwnHtml {
        OwnHtml {
            html,
            holds_raw: true,
        }
    }

    /// The same HTML ending its line (a card standing as a block), still holding raw
    /// HTML if it did.
    pub(crate) fn line(mut self) -> OwnHtml {
        self.html.push('\n');
        self
    }

    /// Text from anywhere, escaped: always safe.
    pub fn escaped_text(text: &str) -> OwnHtml {
        OwnHtml::new(super::html::escape(text))
    }

    /// The HTML.
    pub fn as_str(&self) -> &str {
        &self.html
    }

    /// The HTML, owned.
    pub fn into_string(self) -> String {
        self.html
    }
}

/// One piece of a block on its way to HTML.
#[derive(Debug, Clone, PartialEq)]
pub enum Chunk<'a> {
    /// An event from the document: policed and, if raw HTML, sanitized.
    Doc(Event<'a>),
    /// HTML the renderer wrote, values escaped.
    Own(OwnHtml),
}

/// Writes one block's chunks to HTML through the gate (see the module doc).
///
/// ```
/// # use recap::render::gate::{write_block, Chunk, OwnHtml};
/// # use pulldown_cmark::{Event, Tag, TagEnd, CowStr};
/// let html = write_block(vec![
///     Chunk::Doc(Event::Start(Tag::Paragraph)),
///     Chunk::Doc(Event::InlineHtml(CowStr::Borrowed("<img src=x onerror=alert(1)>"))),
///     Chunk::Own(OwnHtml::escaped_text("card")),
///     Chunk::Doc(Event::End(TagEnd::Paragraph)),
/// ]);
/// assert_eq!(html, "<p><img src=\"x\">card</p>\n");
/// ```
pub fn write_block(chunks: Vec<Chunk<'_>>) -> String {
    let mut raw = false;
    let mut table = false;
    let events = chunks.into_iter().map(|chunk| match chunk {
        Chunk::Own(own) => {
            raw |= own.holds_raw;
            Event::Html(CowStr::from(own.html))
        }
        Chunk::Doc(event) => {
            table |= matches!(event, Event::Start(Tag::Table(_)));
            police(event, &mut raw)
        }
    });
    let mut html = String::new();
    pulldown_cmark::html::push_html(&mut html, events);
    if table {
        html = alignment_as_classes(&html);
    }
    if !raw {
        return html;
    }
    #[cfg(not(target_arch = "wasm32"))]
    {
        super::sanitize::clean_fragment_cached(&html)
    }
    #[cfg(target_arch = "wasm32")]
    {
        format!("{BROWSER_SANITIZES}{html}")
    }
}

/// The HTML writer aligns table cells with `style` attributes, which the app's
/// Content Security Policy refuses (`style-src 'self'`): the preview uses classes.
/// Any other `style` text in the writer's output is escaped text, never an attribute.
fn alignment_as_classes(html: &str) -> String {
    html.replace(" style=\"text-align: left\"", " class=\"align-left\"")
        .replace(" style=\"text-align: center\"", " class=\"align-center\"")
        .replace(" style=\"text-align: right\"", " class=\"align-right\"")
}

/// The link policy for one document event; notes raw HTML in `raw`.
fn police<'a>(event: Event<'a>, raw: &mut bool) -> Event<'a> {
    match event {
        Event::Html(_) | Event::InlineHtml(_) => {
            *raw = true;
            event
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_target(dest_url),
            title,
            id,
        }),
        Event::Start(Tag::Image {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Image {
            link_type,
            dest_url: safe_target(dest_url),
            title,
            id,
        }),
        // `{#id .class key=value}` may carry any attribute: keep the id and safe
        // classes, drop the rest (an `onclick` would run on the page).
        Event::Start(Tag::Heading {
            level,
            id,
            classes,
            attrs: _,
        }) => Event::Start(Tag::Heading {
            level,
            id,
            classes: classes
                .into_iter()
                .filter(|c| super::policy::filter_classes(c).is_some())
                .collect(),
            attrs: Vec::new(),
        }),
        Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) => {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(safe_language(info))))
        }
        other => other,
    }
}

/// A link or image target: unsafe schemes become `#` (a click stays on the page).
fn safe_target(dest: CowStr<'_>) -> CowStr<'_> {
    if is_safe_url(&dest) {
        dest
    } else {
        CowStr::Borrowed("#")
    }
}

/// The first word of a fence's info string, reduced to characters safe in a class.
fn safe_language(info: CowStr<'_>) -> CowStr<'_> {
    let word = info.split_whitespace().next().unwrap_or("");
    let safe = |c: char| c.is_alphanumeric() || matches!(c, '_' | '-' | '+' | '#' | '.');
    if word.chars().all(safe) && word.len() == info.len() {
        info
    } else {
        CowStr::from(word.chars().filter(|&c| safe(c)).collect::<String>())
    }
}
