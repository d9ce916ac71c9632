//! Markdown body -> safe preview HTML, the way Hugo would publish it.
//!
//! The body is parsed once with pulldown-cmark. Shortcodes are found first (outside
//! code) and stand in the Markdown as inert placeholders, so Markdown never mangles
//! their arguments; the block transform turns each back into its card. The output
//! comes as keyed top-level [`Block`]s so the preview can replace only the blocks that
//! changed.
//!
//! # The safety invariant
//!
//! Every block's HTML is written by [`gate::write_block`] and by nothing else. Its
//! input separates what comes from the document (`Chunk::Doc` events, policed and, when
//! any of them is raw HTML, sanitized with the allowlist as a whole block, whatever
//! container the HTML sits in: paragraph, list, table, footnote, definition) from HTML
//! the renderer writes itself (`Chunk::Own`, where every value from the document is
//! escaped or sanitized as it is interpolated). No other path leads to the preview.
//!
//! ```
//! use recap::render::{render_html, RenderOptions};
//! let html = render_html("## Day 1\n\n{{< x user=\"TBeijen\" id=\"1069903784120381440\" >}}\n", &RenderOptions::default());
//! assert!(html.contains("<h2 id=\"day-1\">Day 1</h2>"));
//! assert!(html.contains("class=\"tweet-card\" data-tweet-id=\"1069903784120381440\""));
//! ```

mod embeds;
mod figure;
pub mod gate;
pub mod groups;
pub mod heading_id;
pub mod html;
mod incremental;
pub mod lines;
pub mod linkify;
mod live;
mod placeholder;
pub mod policy;
pub mod sanitize;
pub mod shortcode;
mod toc;
mod transform;
pub mod tweet;
pub mod typographer;
pub mod url;
mod window;

pub use incremental::{BodyChange, BodyEdit, RenderStats, RenderedBody, Splice};
pub use live::LivePreview;
use pulldown_cmark::{BrokenLinkCallback, Options, Parser};
use std::fmt;
use std::ops::Range;
pub use toc::TocEntry;

/// pulldown-cmark's parser over `text`, for the passes that read Markdown beside the
/// renderer (outline, checks, stats, shortcode and raw-HTML scans).
///
/// It is the renderer's own parser type, so the wasm carries pulldown-cmark's generic
/// code once.
///
/// ```
/// use pulldown_cmark::{Event, Options, Tag};
/// let headings = recap::render::markdown("## Day 1\n\ntext", Options::empty())
///     .filter(|e| matches!(e, Event::Start(Tag::Heading { .. })))
///     .count();
/// assert_eq!(headings, 1);
/// ```
pub fn markdown(text: &str, options: Options) -> Parser<'_, impl BrokenLinkCallback<'_>> {
    window::parser(text, options, None)
}

/// How to render a body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderOptions {
    /// Render as Hugo does: goldmark's extensions (tables, strikethrough, task lists,
    /// footnotes, definition lists, linkify, heading IDs), its typographer (see
    /// [`typographer`]) and shortcodes.
    /// Off means strict CommonMark (still sanitized).
    pub hugo: bool,
    /// The site's base URL, to show site-relative images such as `/img/a.jpg`.
    pub base_url: Option<String>,
    /// Whether the site publishes raw HTML (Hugo's `markup.goldmark.renderer.unsafe`).
    /// Off, raw HTML is left out as Hugo leaves it out, with a visible note in its
    /// place, so a pasted embed that would not be published does not look fine here.
    pub raw_html: bool,
    /// Hugo's typographer (smart quotes, dashes, ellipses), on unless the site turns
    /// it off (`markup.goldmark.extensions.typographer`).
    pub typographer: bool,
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            hugo: true,
            base_url: None,
            raw_html: true,
            typographer: true,
        }
    }
}

impl RenderOptions {
    /// Strict CommonMark: no extensions, no shortcodes.
    pub fn commonmark() -> Self {
        RenderOptions {
            hugo: false,
            base_url: None,
            raw_html: true,
            typographer: false,
        }
    }

    pub(crate) fn parser_options(&self) -> Options {
        if !self.hugo {
            return Options::empty();
        }
        Options::ENABLE_TABLES
            | Options::ENABLE_STRIKETHROUGH
            | Options::ENABLE_TASKLISTS
            | Options::ENABLE_FOOTNOTES
            | Options::ENABLE_DEFINITION_LIST
            | Options::ENABLE_HEADING_ATTRIBUTES
    }
}

/// A block's identity: the same source rendering to the same HTML has the same key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct BlockKey(pub(crate) u64);

impl fmt::Display for BlockKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// One top-level block of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Identity of source and output: unchanged source and output keep the key
    /// (two identical blocks share it).
    pub key: BlockKey,
    /// The block's sanitized HTML.
    pub html: String,
    /// The body lines it comes from, 1-based, end exclusive.
    pub lines: Range<usize>,
}

/// Renders a body to one sanitized HTML string.
///
/// ```
/// use recap::render::{render_html, RenderOptions};
/// let html = render_html("# Hi\n\n<script>alert(1)</script>", &RenderOptions::default());
/// assert!(html.contains("<h1 id=\"hi\">Hi</h1>"));
/// assert!(!html.contains("<script"));
/// ```
pub fn render_html(body: &str, opts: &RenderOptions) -> String {
    render_blocks(body, opts)
        .into_iter()
        .map(|b| b.html)
        .collect()
}

/// Renders a body to keyed top-level blocks (see [`Block`]).
///
/// ```
/// use recap::render::{render_blocks, RenderOptions};
/// let blocks = render_blocks("# Day 1\n\nNotes.\n", &RenderOptions::default());
/// assert_eq!(blocks.len(), 2);
/// assert_eq!(blocks[1].lines, 3..4);
/// ```
pub fn render_blocks(body: &str, opts: &RenderOptions) -> Vec<Block> {
    RenderedBody::new(body, opts).blocks()
}

/// The shortcodes the preview draws itself (see the block transform); any other name
/// shows as a labelled chip.
pub const DRAWN_SHORTCODES: &[&str] = &[
    "x",
    "tweet",
    "twitter",
    "figure",
    "youtube",
    "gist",
    "toc",
    "ref",
    "relref",
    "highlight",
];

/// The post's header as the preview shows it: title, date and tags, escaped. A
/// missing or blank title shows as "Untitled", as the top bar and the drafts list
/// show it (a new recap's template has `title: ''`), not as an empty heading.
///
/// ```
/// let post = recap::post::Post::parse("---\ntitle: '<b>Munich</b>'\ntags: [Devops]\n---\n").unwrap();
/// let html = recap::render::header_html(post.fields());
/// assert!(html.contains("&lt;b&gt;Munich&lt;/b&gt;"));
///
/// let blank = recap::post::Post::parse("---\ntitle: ' '\n---\n").unwrap();
/// assert!(recap::render::header_html(blank.fields()).contains(">Untitled</h1>"));
/// ```
pub fn header_html(fields: &crate::post::Fields) -> String {
    let mut out = String::from("<header class=\"post-header\">");
    let title = fields.title.as_deref().filter(|t| !t.trim().is_empty());
    out.push_str(&format!(
        "<h1 class=\"post-title\">{}</h1>",
        html::escape(title.unwrap_or("Untitled"))
    ));
    if let Some(date) = &fields.date {
        out.push_str(&format!(
            "<time class=\"post-date\" datetime=\"{}\">{}</time>",
            html::escape(date.as_str()),
            date.long_date()
        ));
    }
    if !fields.tags.is_empty() {
        out.push_str("<ul class=\"post-tags\">");
        for tag in &fields.tags {
            out.push_str(&format!("<li>{}</li>", html::escape(tag)));
        }
        out.push_str("</ul>");
    }
    out.push_str("</header>");
    out
}
