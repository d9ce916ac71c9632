//! Markdown body -> preview HTML.
//!
//! This first version renders with plain pulldown-cmark and, to stay safe before the
//! allowlist sanitizer lands, shows raw HTML as text and drops unsafe link targets.

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag};

/// How to render a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// Hugo's (goldmark's) extensions: tables, strikethrough, task lists, footnotes,
    /// definition lists, smart punctuation. Off means strict CommonMark.
    pub hugo_extensions: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            hugo_extensions: true,
        }
    }
}

impl RenderOptions {
    fn parser_options(&self) -> Options {
        if !self.hugo_extensions {
            return Options::empty();
        }
        Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_DEFINITION_LIST
            | Options::ENABLE_SMART_PUNCTUATION
            | Options::ENABLE_HEADING_ATTRIBUTES
    }
}

/// Renders a Markdown body to one HTML string that can go into the preview as is.
///
/// ```
/// use recap::render::{render_html, RenderOptions};
/// let html = render_html("# Hi\n\n<script>alert(1)</script>", &RenderOptions::default());
/// assert!(html.contains("<h1>Hi</h1>"));
/// assert!(!html.contains("<script"));
/// ```
pub fn render_html(body: &str, opts: &RenderOptions) -> String {
    let events = Parser::new_ext(body, opts.parser_options()).map(|event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Event::Text(raw),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => Event::Start(Tag::Link {
            link_type,
            dest_url: safe_url(dest_url),
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
            dest_url: safe_url(dest_url),
            title,
            id,
        }),
        other => other,
    });
    let mut out = String::with_capacity(body.len() * 3 / 2);
    html::push_html(&mut out, events);
    out
}

/// Keeps http(s), mailto, relative and `#` targets; anything else becomes `#`, so a
/// click on it stays on the page.
fn safe_url(url: CowStr<'_>) -> CowStr<'_> {
    let folded: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    let scheme_end = folded.find([':', '/', '?', '#']);
    match scheme_end {
        Some(i) if folded.as_bytes()[i] == b':' => {
            if matches!(&folded[..i], "http" | "https" | "mailto") {
                url
            } else {
                CowStr::Borrowed("#")
            }
        }
        _ => url,
    }
}
