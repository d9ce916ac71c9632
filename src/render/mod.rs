//! Markdown body -> safe preview HTML, the way Hugo would publish it.
//!
//! The body is parsed once with pulldown-cmark. Shortcodes are found first (outside code)
//! and stand in the Markdown as inert placeholders, so Markdown never mangles their
//! arguments; afterwards each becomes its card. Raw HTML from the document goes through
//! the ammonia allowlist; everything the renderer writes itself is escaped as it is
//! written. The output comes as keyed top-level [`Block`]s so the preview can replace
//! only the blocks that changed.
//!
//! ```
//! use recap::render::{render_html, RenderOptions};
//! let html = render_html("## Day 1\n\n{{< x user=\"TBeijen\" id=\"1069903784120381440\" >}}\n", &RenderOptions::default());
//! assert!(html.contains("<h2 id=\"day-1\">Day 1</h2>"));
//! assert!(html.contains("class=\"tweet-card\" data-tweet-id=\"1069903784120381440\""));
//! ```

mod embeds;
mod figure;
pub mod heading_id;
pub mod html;
pub mod linkify;
pub mod sanitize;
pub mod shortcode;
mod toc;
pub mod tweet;
pub mod typographer;
pub mod url;

use heading_id::HeadingIds;
use pulldown_cmark::{CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use shortcode::{Found, Shortcode};
use std::collections::HashMap;
use std::fmt;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;
pub use toc::TocEntry;
use tweet::Tweet;

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

/// What a placeholder in the Markdown stands for.
#[derive(Debug, Clone)]
enum Item {
    Tag(Shortcode),
    Literal(String),
    Highlight(Shortcode, String),
}

const PH_OPEN: char = '\u{E000}';
const PH_CLOSE: char = '\u{E001}';
const BLOCK_SEP: &str = "\u{E002}";

/// Renders a body to keyed top-level blocks (see [`Block`]).
pub fn render_blocks(body: &str, opts: &RenderOptions) -> Vec<Block> {
    // Our marker characters never come from the writer (they are private-use).
    let cleaned;
    // All three markers start with the byte 0xEE: look for that byte first (a fast
    // scan) rather than for three chars at every char of a long body.
    let has_marker =
        body.as_bytes().contains(&0xEE) && body.contains([PH_OPEN, PH_CLOSE, '\u{E002}']);
    let body = if has_marker {
        cleaned = body.replace([PH_OPEN, PH_CLOSE, '\u{E002}'], "\u{FFFD}");
        cleaned.as_str()
    } else {
        body
    };
    let (prepared, items) = if opts.hugo {
        replace_shortcodes(body, opts)
    } else {
        (body.to_string(), Vec::new())
    };
    let mut events: Vec<(Event, Range<usize>)> = Vec::new();
    for (event, range) in Parser::new_ext(&prepared, opts.parser_options()).into_offset_iter() {
        // Merge adjacent text that stands in the source as written, so URLs and
        // placeholders are seen whole; text from entities and escapes stays apart
        // (the typographer leaves it alone, as goldmark does).
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
    let blocks = split_top_level(events);
    let mut out_events: Vec<Event> = Vec::new();
    let mut metas = Vec::new();
    for block in blocks {
        let (transformed, raw) = ctx.transform_block(block.events);
        if transformed.is_empty() {
            continue;
        }
        if !metas.is_empty() {
            out_events.push(Event::Html(CowStr::Borrowed(BLOCK_SEP)));
        }
        out_events.extend(transformed);
        metas.push((block.range, raw));
    }
    if let Some((footnote_events, range)) = ctx.footnotes.section() {
        if !metas.is_empty() {
            out_events.push(Event::Html(CowStr::Borrowed(BLOCK_SEP)));
        }
        out_events.extend(footnote_events);
        metas.push((range, false));
    }
    let mut html_out = String::with_capacity(prepared.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html_out, out_events.into_iter());
    // Offsets are in the prepared text; its line numbers equal the body's.
    let prepared_lines = LineIndex::new(&prepared);
    let body_lines = LineIndex::new(body);
    let mut seen: HashMap<(u64, u64), u64> = HashMap::new();
    html_out
        .split(BLOCK_SEP)
        .zip(metas)
        .map(|(piece, (range, raw))| {
            // The HTML writer puts a newline before every block but the first: drop it,
            // so a block's HTML (and key) does not change when a block is added above it.
            let piece = piece.strip_prefix('\n').unwrap_or(piece);
            let html = if raw {
                sanitize::clean_fragment_cached(piece)
            } else {
                piece.to_string()
            };
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

/// Replaces shortcodes outside code with placeholders that keep the line count.
fn replace_shortcodes(body: &str, opts: &RenderOptions) -> (String, Vec<Item>) {
    if !body.contains("{{") {
        return (body.to_string(), Vec::new());
    }
    let mut code = Vec::new();
    for (event, range) in Parser::new_ext(body, opts.parser_options()).into_offset_iter() {
        if matches!(event, Event::Code(_) | Event::Start(Tag::CodeBlock(_))) {
            code.push(range);
        }
    }
    let found = shortcode::find_all(body, &code);
    let mut items = Vec::new();
    let mut out = String::with_capacity(body.len());
    let mut last = 0;
    let mut i = 0;
    while i < found.len() {
        let (range, what) = &found[i];
        let mut end = range.end;
        let item = match what {
            Found::Literal(text) => Item::Literal(text.clone()),
            Found::Tag(sc) if sc.name == "highlight" && !sc.closing => {
                let close = found[i + 1..].iter().position(
                    |(_, f)| matches!(f, Found::Tag(c) if c.closing && c.name == "highlight"),
                );
                match close {
                    Some(j) => {
                        let (close_range, _) = &found[i + 1 + j];
                        let inner = body[range.end..close_range.start].to_string();
                        end = close_range.end;
                        i += 1 + j;
                        Item::Highlight(sc.clone(), inner)
                    }
                    None => Item::Tag(sc.clone()),
                }
            }
            Found::Tag(sc) => Item::Tag(sc.clone()),
        };
        out.push_str(&body[last..range.start]);
        out.push(PH_OPEN);
        out.push_str(&items.len().to_string());
        out.push(PH_CLOSE);
        // Keep line numbers: a tag over several lines leaves its line breaks.
        for _ in body[range.start..end].matches('\n') {
            out.push('\n');
        }
        items.push(item);
        last = end;
        i += 1;
    }
    out.push_str(&body[last..]);
    (out, items)
}

/// Splits text at placeholders: `Ok(text)` pieces and `Err(index)` placeholders.
fn split_placeholders(text: &str) -> Vec<Result<&str, usize>> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find(PH_OPEN) {
        let after = &rest[open + PH_OPEN.len_utf8()..];
        let Some(close) = after.find(PH_CLOSE) else {
            break;
        };
        let Ok(index) = after[..close].parse::<usize>() else {
            break;
        };
        if open > 0 {
            out.push(Ok(&rest[..open]));
        }
        out.push(Err(index));
        rest = &after[close + PH_CLOSE.len_utf8()..];
    }
    if !rest.is_empty() {
        out.push(Ok(rest));
    }
    out
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

/// Footnotes, numbered by first reference and listed at the end, as goldmark does.
#[derive(Default)]
struct Footnotes {
    numbers: HashMap<String, usize>,
    definitions: HashMap<String, (Vec<Event<'static>>, Range<usize>)>,
}

impl Footnotes {
    fn number(&mut self, label: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(label.to_string()).or_insert(next)
    }

    /// The closing `<div class="footnotes">` section, when any note is referenced.
    fn section(&mut self) -> Option<(Vec<Event<'static>>, Range<usize>)> {
        let mut order: Vec<(&String, &usize)> = self.numbers.iter().collect();
        order.sort_by_key(|(_, n)| **n);
        let mut events = vec![Event::Html(CowStr::Borrowed(
            "<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n",
        ))];
        let mut range: Option<Range<usize>> = None;
        let mut any = false;
        for (label, n) in order {
            let Some((def, r)) = self.definitions.get(label) else {
                continue;
            };
            any = true;
            range = Some(range.map_or(r.clone(), |x| x.start.min(r.start)..x.end.max(r.end)));
            events.push(Event::Html(CowStr::from(format!("<li id=\"fn:{n}\">\n"))));
            let backref = Event::Html(CowStr::from(format!(
                "&#160;<a href=\"#fnref:{n}\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a>"
            )));
            let last_para_end = def
                .iter()
                .rposition(|e| matches!(e, Event::End(TagEnd::Paragraph)));
            for (k, e) in def.iter().enumerate() {
                if Some(k) == last_para_end {
                    events.push(backref.clone());
                }
                events.push(e.clone());
            }
            if last_para_end.is_none() {
                events.push(backref);
            }
            events.push(Event::Html(CowStr::Borrowed("</li>\n")));
        }
        events.push(Event::Html(CowStr::Borrowed("</ol>\n</div>\n")));
        any.then(|| (events, range.unwrap_or(0..0)))
    }
}

struct Context<'o> {
    source: &'o str,
    typographer: typographer::Typographer,
    opts: &'o RenderOptions,
    items: &'o [Item],
    toc: Vec<TocEntry>,
    footnotes: Footnotes,
}

/// The shortcodes the preview draws itself (see `Context::item_html`); any
/// other name shows as a labelled chip.
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

/// The shortcodes that stand as a block of their own when alone in a paragraph.
fn is_block_shortcode(item: &Item) -> bool {
    match item {
        Item::Highlight(..) => true,
        Item::Tag(sc) => matches!(
            sc.name.as_str(),
            "figure" | "x" | "tweet" | "twitter" | "youtube" | "gist" | "toc"
        ),
        Item::Literal(_) => false,
    }
}

impl Context<'_> {
    fn item_html(&self, index: usize) -> Event<'static> {
        let Some(item) = self.items.get(index) else {
            return Event::Text(CowStr::Borrowed(""));
        };
        let html = match item {
            Item::Literal(text) => return Event::Text(CowStr::from(text.clone())),
            Item::Highlight(sc, code) => embeds::highlight(sc, code),
            Item::Tag(sc) if sc.closing => match sc.name.as_str() {
                // Closing tags of shortcodes drawn whole say nothing more.
                "figure" | "x" | "tweet" | "twitter" | "youtube" | "gist" | "toc" => String::new(),
                _ => embeds::chip(sc),
            },
            Item::Tag(sc) => match sc.name.as_str() {
                name if tweet::TWEET_SHORTCODES.contains(&name) => {
                    Tweet::from_shortcode(sc).map_or_else(|| embeds::chip(sc), |t| t.to_html())
                }
                "figure" => figure::render(sc, self.opts.base_url.as_deref()),
                "youtube" => embeds::youtube(sc),
                "gist" => embeds::gist(sc),
                "toc" => toc::render(&self.toc),
                "ref" | "relref" => format!(
                    "<a href=\"#\" title=\"Hugo links this when it builds the site\">{}</a>",
                    html::escape(sc.arg("path", 0).unwrap_or(""))
                ),
                _ => embeds::chip(sc),
            },
        };
        Event::InlineHtml(CowStr::from(html))
    }

    /// A link or image target: placeholders (`ref`) and unsafe schemes become `#`.
    fn link_target<'a>(&self, dest: CowStr<'a>) -> CowStr<'a> {
        if dest.contains(PH_OPEN) || !url::is_safe_url(&dest) {
            CowStr::Borrowed("#")
        } else {
            dest
        }
    }

    /// Rewrites one top-level block's events; says whether it holds raw HTML to sanitize.
    fn transform_block<'a>(
        &mut self,
        events: Vec<(Event<'a>, Range<usize>)>,
    ) -> (Vec<Event<'a>>, bool) {
        let mut raw = false;
        // A paragraph holding only a block shortcode becomes that card (as in Hugo).
        if let [(Event::Start(Tag::Paragraph), _), inner @ .., (Event::End(TagEnd::Paragraph), _)] =
            events.as_slice()
        {
            let mut only: Option<usize> = None;
            let mut other = false;
            for (e, _) in inner {
                match e {
                    Event::Text(t) => {
                        for piece in split_placeholders(t) {
                            match piece {
                                Err(i) if only.is_none() => only = Some(i),
                                Ok(s) if s.trim().is_empty() => {}
                                _ => other = true,
                            }
                        }
                    }
                    Event::SoftBreak => {}
                    _ => other = true,
                }
            }
            if let (Some(i), false) = (only, other) {
                if self.items.get(i).is_some_and(is_block_shortcode) {
                    let Event::InlineHtml(html) = self.item_html(i) else {
                        unreachable!()
                    };
                    return (vec![Event::Html(CowStr::from(format!("{html}\n")))], false);
                }
            }
        }
        // Raw HTML blocks: a pasted tweet becomes its card; `<!--more-->` a divider.
        if let Some((Event::Start(Tag::HtmlBlock), _)) = events.first() {
            let html: String = events
                .iter()
                .filter_map(|(e, _)| {
                    if let Event::Html(h) = e {
                        Some(h.as_ref())
                    } else {
                        None
                    }
                })
                .collect();
            if self.opts.hugo {
                if html.contains("twitter-tweet") {
                    if let Some(tweet) = Tweet::from_embed(&html) {
                        return (
                            vec![Event::Html(CowStr::from(format!("{}\n", tweet.to_html())))],
                            false,
                        );
                    }
                }
                if html.trim() == "<!--more-->" {
                    return (
                        vec![Event::Html(CowStr::Borrowed(
                            "<div class=\"summary-divider\" role=\"separator\"><span>Summary ends here</span></div>\n",
                        ))],
                        false,
                    );
                }
            }
        }
        let mut out = Vec::with_capacity(events.len());
        let mut in_link = 0usize;
        let mut in_image = 0usize;
        let mut in_code = false;
        let mut footnote: Option<(String, Vec<Event<'static>>, Range<usize>)> = None;
        let mut containers: Vec<Range<usize>> = Vec::new();
        for (event, range) in events {
            let mut emit: Vec<Event<'a>> = Vec::new();
            match &event {
                Event::Start(
                    Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::Item
                    | Tag::TableCell
                    | Tag::DefinitionListTitle
                    | Tag::DefinitionListDefinition,
                ) => {
                    containers.push(range.clone());
                }
                Event::End(
                    TagEnd::Paragraph
                    | TagEnd::Heading(_)
                    | TagEnd::Item
                    | TagEnd::TableCell
                    | TagEnd::DefinitionListTitle
                    | TagEnd::DefinitionListDefinition,
                ) => {
                    containers.pop();
                }
                _ => {}
            }
            match event {
                Event::Start(Tag::FootnoteDefinition(label)) => {
                    footnote = Some((label.to_string(), Vec::new(), range));
                    continue;
                }
                Event::End(TagEnd::FootnoteDefinition) => {
                    if let Some((label, defs, r)) = footnote.take() {
                        self.footnotes.definitions.insert(label, (defs, r));
                    }
                    continue;
                }
                Event::FootnoteReference(label) => {
                    let n = self.footnotes.number(&label);
                    emit.push(Event::InlineHtml(CowStr::from(format!(
                        "<sup id=\"fnref:{n}\"><a href=\"#fn:{n}\" class=\"footnote-ref\" role=\"doc-noteref\">{n}</a></sup>"
                    ))));
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    in_link += 1;
                    emit.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: self.link_target(dest_url),
                        title: strip_placeholders(title),
                        id,
                    }));
                }
                Event::End(TagEnd::Link) => {
                    in_link = in_link.saturating_sub(1);
                    emit.push(Event::End(TagEnd::Link));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    in_image += 1;
                    emit.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url: self.link_target(dest_url),
                        title: strip_placeholders(title),
                        id,
                    }));
                }
                Event::End(TagEnd::Image) => {
                    in_image = in_image.saturating_sub(1);
                    emit.push(Event::End(TagEnd::Image));
                }
                // `{#id .class key=value}` may carry any attribute: keep the id and
                // safe classes, drop the rest (an `onclick` would run on the page).
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs: _,
                }) => {
                    let classes = classes
                        .into_iter()
                        .filter(|c| sanitize::filter_classes(c).is_some())
                        .collect();
                    emit.push(Event::Start(Tag::Heading {
                        level,
                        id,
                        classes,
                        attrs: Vec::new(),
                    }));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    in_code = true;
                    let kind = match kind {
                        CodeBlockKind::Fenced(info) => CodeBlockKind::Fenced(safe_language(info)),
                        indented => indented,
                    };
                    emit.push(Event::Start(Tag::CodeBlock(kind)));
                }
                Event::End(TagEnd::CodeBlock) => {
                    in_code = false;
                    emit.push(Event::End(TagEnd::CodeBlock));
                }
                Event::Text(text) if !in_code && self.opts.hugo => {
                    let source_after = &self.source[range.end.min(self.source.len())..];
                    let literal = self.source.get(range.clone()) == Some(text.as_ref());
                    // Does the paragraph go on after this line? (goldmark's line then ends in \n.)
                    let line_continues = containers.last().is_some_and(|c| {
                        let content_end = c.start + self.source[c.clone()].trim_end().len();
                        source_after
                            .find('\n')
                            .is_some_and(|nl| range.end + nl < content_end)
                    });
                    let mut before = self.source[..range.start.min(self.source.len())]
                        .chars()
                        .last()
                        .unwrap_or('\n');
                    for piece in split_placeholders(&text) {
                        match piece {
                            Err(i) => {
                                if in_image == 0 {
                                    emit.push(self.item_html(i));
                                }
                                // Hugo's placeholder is a word, so quotes after it close.
                                before = 'x';
                            }
                            Ok(t) => {
                                let pieces = if in_link == 0 && in_image == 0 {
                                    linkify::split(t)
                                } else {
                                    vec![linkify::Piece::Text(t)]
                                };
                                for p in pieces {
                                    match p {
                                        linkify::Piece::Text(s) => {
                                            let end =
                                                s.as_ptr() as usize - t.as_ptr() as usize + s.len();
                                            let after = if end < t.len() {
                                                &t[end..]
                                            } else {
                                                source_after
                                            };
                                            let smart = if literal {
                                                self.typographer.smarten(
                                                    s,
                                                    before,
                                                    after,
                                                    line_continues,
                                                )
                                            } else {
                                                s.to_string()
                                            };
                                            emit.push(Event::Text(CowStr::from(smart)));
                                            before = s.chars().last().unwrap_or(before);
                                        }
                                        linkify::Piece::Link { text, href } => {
                                            emit.push(Event::Start(Tag::Link {
                                                link_type: pulldown_cmark::LinkType::Autolink,
                                                dest_url: CowStr::from(href),
                                                title: CowStr::Borrowed(""),
                                                id: CowStr::Borrowed(""),
                                            }));
                                            emit.push(Event::Text(CowStr::from(text.to_string())));
                                            emit.push(Event::End(TagEnd::Link));
                                            before = text.chars().last().unwrap_or(before);
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                Event::Html(h) | Event::InlineHtml(h) if self.opts.hugo || h.contains(PH_OPEN) => {
                    raw = true;
                    let block_level = out
                        .first()
                        .is_some_and(|e| matches!(e, Event::Start(Tag::HtmlBlock)));
                    let mut s = String::new();
                    for piece in split_placeholders(&h) {
                        match piece {
                            Ok(t) => s.push_str(t),
                            Err(i) => {
                                if let Event::InlineHtml(card) | Event::Text(card) =
                                    self.item_html(i)
                                {
                                    s.push_str(&card);
                                }
                            }
                        }
                    }
                    emit.push(if block_level {
                        Event::Html(CowStr::from(s))
                    } else {
                        Event::InlineHtml(CowStr::from(s))
                    });
                }
                e @ (Event::Html(_) | Event::InlineHtml(_)) => {
                    raw = true;
                    emit.push(e);
                }
                other => emit.push(other),
            }
            match &mut footnote {
                Some((_, defs, _)) => defs.extend(emit.into_iter().map(into_static)),
                None => out.extend(emit),
            }
        }
        (out, raw)
    }
}

fn strip_placeholders(s: CowStr<'_>) -> CowStr<'_> {
    if !s.contains(PH_OPEN) {
        return s;
    }
    let text: String = split_placeholders(&s)
        .into_iter()
        .filter_map(Result::ok)
        .collect();
    CowStr::from(text)
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

fn into_static(e: Event<'_>) -> Event<'static> {
    e.into_static()
}

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
