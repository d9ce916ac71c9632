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
pub mod heading_id;
pub mod html;
pub mod linkify;
mod placeholder;
pub mod sanitize;
pub mod shortcode;
mod toc;
mod transform;
pub mod tweet;
pub mod typographer;
pub mod url;

use heading_id::HeadingIds;
use placeholder::{replace_shortcodes, split_placeholders};
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;
pub use toc::TocEntry;
use transform::{Context, Footnotes};

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
}

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            hugo: true,
            base_url: None,
        }
    }
}

impl RenderOptions {
    /// Strict CommonMark: no extensions, no shortcodes.
    pub fn commonmark() -> Self {
        RenderOptions {
            hugo: false,
            base_url: None,
        }
    }

    fn parser_options(&self) -> Options {
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
pub struct BlockKey(u64);

impl fmt::Display for BlockKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:016x}", self.0)
    }
}

/// One top-level block of the preview.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    /// Stable identity for patching: unchanged source and output keep the key; a
    /// repeated identical block gets its own key.
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
pub fn render_blocks(body: &str, opts: &RenderOptions) -> Vec<Block> {
    let body = placeholder::without_markers(body);
    let body = body.as_ref();
    let (prepared, items) = if opts.hugo {
        replace_shortcodes(body, opts)
    } else {
        (body.to_string(), Vec::new())
    };
    let mut events = parse(&prepared, opts);
    let mut ctx = Context {
        source: &prepared,
        typographer: typographer::Typographer::default(),
        opts,
        items: &items,
        toc: Vec::new(),
        footnotes: Footnotes::default(),
    };
    if opts.hugo {
        assign_heading_ids(&mut events, &prepared, &mut ctx.toc);
    }
    let mut written: Vec<(String, Range<usize>)> = Vec::new();
    for block in split_top_level(events) {
        let chunks = ctx.transform_block(block.events);
        if !chunks.is_empty() {
            written.push((gate::write_block(chunks), block.range));
        }
    }
    if let Some((chunks, range)) = ctx.footnotes.section() {
        written.push((gate::write_block(chunks), range));
    }
    // Offsets are in the prepared text; its line numbers equal the body's.
    let prepared_lines = LineIndex::new(&prepared);
    let body_lines = LineIndex::new(body);
    let mut seen: HashMap<(u64, u64), u64> = HashMap::new();
    written
        .into_iter()
        .map(|(html, range)| {
            let end = range.start
                + prepared
                    .get(range.clone())
                    .map_or(0, |t| t.trim_end().len());
            let line_range = prepared_lines.line_of(range.start)
                ..prepared_lines.line_of(end.saturating_sub(1).max(range.start)) + 1;
            let source = body_lines.slice_lines(body, line_range.clone());
            let base = (hash(&source), hash(&html));
            let nth = seen.entry(base).or_insert(0);
            *nth += 1;
            let key = BlockKey(hash(&(base, *nth)));
            Block {
                key,
                html,
                lines: line_range,
            }
        })
        .collect()
}

/// The body's Markdown events with their source ranges. Adjacent text that stands in
/// the source as written is merged, so URLs and placeholders are seen whole; text from
/// entities and escapes stays apart (the typographer leaves it alone, as goldmark does).
fn parse<'a>(prepared: &'a str, opts: &RenderOptions) -> Vec<(Event<'a>, Range<usize>)> {
    let mut events: Vec<(Event, Range<usize>)> = Vec::new();
    for (event, range) in Parser::new_ext(prepared, opts.parser_options()).into_offset_iter() {
        if let (Event::Text(t), Some((Event::Text(prev), prev_range))) = (&event, events.last_mut())
        {
            let literal = |t: &str, r: &Range<usize>| prepared.get(r.clone()) == Some(t);
            if prev_range.end == range.start && literal(t, &range) && literal(prev, prev_range) {
                *prev = CowStr::from(format!("{prev}{t}"));
                prev_range.end = range.end;
                continue;
            }
        }
        events.push((event, range));
    }
    events
}

fn hash<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
}

/// Byte offset to 1-based line number.
struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    fn line_of(&self, pos: usize) -> usize {
        self.starts.partition_point(|&s| s <= pos)
    }

    fn slice_lines<'a>(&self, text: &'a str, lines: Range<usize>) -> &'a str {
        let start = self
            .starts
            .get(lines.start - 1)
            .copied()
            .unwrap_or(text.len());
        let end = self
            .starts
            .get(lines.end - 1)
            .copied()
            .unwrap_or(text.len());
        &text[start.min(text.len())..end.min(text.len()).max(start.min(text.len()))]
    }
}

struct TopBlock<'a> {
    events: Vec<(Event<'a>, Range<usize>)>,
    range: Range<usize>,
}

fn split_top_level(events: Vec<(Event<'_>, Range<usize>)>) -> Vec<TopBlock<'_>> {
    let mut blocks: Vec<TopBlock> = Vec::new();
    let mut depth = 0usize;
    for (event, range) in events {
        if depth == 0 {
            blocks.push(TopBlock {
                events: Vec::new(),
                range: range.clone(),
            });
        }
        match &event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
        if let Some(block) = blocks.last_mut() {
            block.range.end = block.range.end.max(range.end);
            block.events.push((event, range));
        }
    }
    blocks
}

/// Gives every heading Hugo's ID and collects the table of contents.
fn assign_heading_ids(
    events: &mut [(Event<'_>, Range<usize>)],
    source: &str,
    toc: &mut Vec<TocEntry>,
) {
    let mut ids = HeadingIds::default();
    let mut i = 0;
    while i < events.len() {
        if let Event::Start(Tag::Heading { level, id, .. }) = &events[i].0 {
            let level = *level as u8;
            let explicit = id.as_ref().map(|s| s.to_string());
            let mut j = i + 1;
            let mut text = String::new();
            let mut content: Option<Range<usize>> = None;
            while j < events.len() && !matches!(events[j].0, Event::End(TagEnd::Heading(_))) {
                let r = &events[j].1;
                content =
                    Some(content.map_or(r.clone(), |c| c.start.min(r.start)..c.end.max(r.end)));
                if let Event::Text(t) | Event::Code(t) = &events[j].0 {
                    for t in split_placeholders(t).into_iter().flatten() {
                        text.push_str(t);
                    }
                }
                j += 1;
            }
            let new_id = match explicit {
                Some(id) => ids.unique(id),
                None => ids.next_for(content.map_or("", |r| &source[r])),
            };
            toc.push(TocEntry {
                level,
                id: new_id.clone(),
                text,
            });
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
                *id = Some(CowStr::from(new_id));
            }
            i = j;
        }
        i += 1;
    }
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

/// The post's header as the preview shows it: title, date and tags, escaped.
///
/// ```
/// let post = recap::post::Post::parse("---\ntitle: '<b>Munich</b>'\ntags: [Devops]\n---\n").unwrap();
/// let html = recap::render::header_html(post.fields());
/// assert!(html.contains("&lt;b&gt;Munich&lt;/b&gt;"));
/// ```
pub fn header_html(fields: &crate::post::Fields) -> String {
    let mut out = String::from("<header class=\"post-header\">");
    out.push_str(&format!(
        "<h1 class=\"post-title\">{}</h1>",
        html::escape(fields.title.as_deref().unwrap_or("Untitled"))
    ));
    if let Some(date) = &fields.date {
        out.push_str(&format!(
            "<time class=\"post-date\" datetime=\"{}\">{}</time>",
            html::escape(date.as_str()),
            date.local().format("%B %-d, %Y")
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
