//! Renders a run of whole top-level blocks (a window of lines, or the whole body) and
//! records, for each block, what the incremental renderer needs to re-render a
//! neighbour alone later: the typographer's state around it, its headings, and
//! whether it touches document-wide state (footnotes, link definitions, `toc`).

use super::gate;
use super::heading_id::HeadingIds;
use super::lines::{is_blank, line_starts};
use super::placeholder::{replace_shortcodes, split_placeholders, without_markers};
use super::toc::TocEntry;
use super::transform::{Context, Footnotes};
use super::typographer::Typographer;
use super::{BlockKey, RenderOptions};
use pulldown_cmark::{BrokenLink, BrokenLinkCallback, CowStr, Event, Options, Parser, Tag, TagEnd};
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::ops::Range;
use std::rc::Rc;
use unicase::UniCase;

/// A link reference definition as found: label, destination, title, and where.
type Definition = (String, String, String, usize);

/// Link reference definitions (`[label]: url "title"`), by label as pulldown-cmark
/// matches them (case-folded, white space collapsed).
pub(super) type RefMap = HashMap<UniCase<String>, (String, String)>;

/// How a heading asks for its ID.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum IdRequest {
    /// `{#id}` written by hand.
    Explicit(String),
    /// Derived from the heading's source text.
    Auto(String),
}

impl IdRequest {
    /// The ID `ids` hands out for this request.
    pub(super) fn assign(&self, ids: &mut HeadingIds) -> String {
        match self {
            IdRequest::Explicit(id) => ids.unique(id.clone()),
            IdRequest::Auto(source) => ids.next_for(source),
        }
    }
}

/// A heading of a block: how it asked for its ID, and its table-of-contents entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Heading {
    pub request: IdRequest,
    pub entry: TocEntry,
}

/// Replays heading ID requests in document order.
pub(super) fn replay<'a>(ids: &mut HeadingIds, headings: impl IntoIterator<Item = &'a Heading>) {
    for h in headings {
        h.request.assign(ids);
    }
}

/// One top-level block as rendered, with what re-rendering it alone takes.
#[derive(Debug, Clone)]
pub(super) struct Segment {
    /// The line the block's span starts on (from 0): its first line, or for the first
    /// block of a body, line 0. The span runs to the next segment's `first_line`.
    pub first_line: usize,
    /// The block's sanitized HTML (`""` for a block that shows nothing, such as a
    /// footnote definition).
    pub html: Rc<str>,
    /// The lines its content stands on, 1-based, end exclusive (trailing blank
    /// lines not counted).
    pub lines: Range<usize>,
    /// Identity of source and output.
    pub key: BlockKey,
    /// The typographer's state before and after the block.
    pub typo_in: Typographer,
    pub typo_out: Typographer,
    /// Whether the block's output depended on `typo_in`.
    pub typo_read: bool,
    /// Its headings, in order.
    pub headings: Vec<Heading>,
    /// Whether it draws a `toc` shortcode (it depends on every heading).
    pub toc: bool,
    /// Whether it holds footnote references or definitions.
    pub footnotes: bool,
    /// Whether link reference definitions stand in its span.
    pub refdefs: bool,
}

/// Where a window's headings get their IDs.
pub(super) enum Ids {
    /// From the IDs handed out before the window.
    After(HeadingIds),
    /// Exactly these, in order (a block rendered again whose IDs are known).
    Exactly(Vec<String>),
}

impl Ids {
    fn assign(&mut self, request: &IdRequest) -> String {
        match self {
            Ids::After(ids) => request.assign(ids),
            Ids::Exactly(list) if !list.is_empty() => list.remove(0),
            Ids::Exactly(_) => request.assign(&mut HeadingIds::default()),
        }
    }
}

/// What a window render starts from.
pub(super) struct Start<'a> {
    /// The typographer's state at the window's first line.
    pub typographer: Typographer,
    /// Where its headings get their IDs (asked for only when the window has headings).
    pub ids: &'a dyn Fn() -> Ids,
    /// The body's table of contents, or `None` to make it from this window (a whole
    /// body).
    pub toc: Option<&'a [TocEntry]>,
    /// Definitions made outside the window.
    pub refs: Option<&'a RefMap>,
    /// Whether the window starts at the body's first line (its first block's span
    /// then starts there, before any blank lines).
    pub from_top: bool,
}

/// A rendered window.
pub(super) struct Window {
    /// Its blocks; `first_line` and `lines` count from the window's first line.
    pub segments: Vec<Segment>,
    /// The closing footnotes section, when the window defines referenced notes.
    pub footnote_section: Option<(String, Range<usize>)>,
    /// The link reference definitions in the window.
    pub refs: RefMap,
}

fn hash<T: Hash + ?Sized>(value: &T) -> u64 {
    let mut h = DefaultHasher::new();
    value.hash(&mut h);
    h.finish()
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

/// Gives every heading of `events` Hugo's ID from `ids`, and says what each asked for.
fn assign_heading_ids(
    events: &mut [(Event<'_>, Range<usize>)],
    source: &str,
    ids: &mut Ids,
) -> Vec<Heading> {
    let mut out = Vec::new();
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
            let request = match explicit {
                // Without placeholders, as for automatic IDs.
                Some(id) => {
                    IdRequest::Explicit(split_placeholders(&id).into_iter().flatten().collect())
                }
                // Without placeholders: their numbers say nothing about the heading.
                None => IdRequest::Auto(
                    split_placeholders(content.map_or("", |r| &source[r]))
                        .into_iter()
                        .flatten()
                        .collect(),
                ),
            };
            let new_id = ids.assign(&request);
            out.push(Heading {
                request,
                entry: TocEntry {
                    level,
                    id: new_id.clone(),
                    text,
                },
            });
            if let Event::Start(Tag::Heading { id, .. }) = &mut events[i].0 {
                *id = Some(CowStr::from(new_id));
            }
            i = j;
        }
        i += 1;
    }
    out
}

/// pulldown-cmark's parser, which resolves a reference no definition in `text` matches
/// from the definitions `outside` it (those of the blocks around a window).
///
/// Every parse in the app comes here ([`super::markdown`] too), so the wasm carries
/// the parser's generic code once: each broken-link callback type is its own copy of
/// the inline pass, about 10 KB of wasm.
pub(super) fn parser<'a, 'r>(
    text: &'a str,
    options: Options,
    outside: Option<&'r RefMap>,
) -> Parser<'a, impl BrokenLinkCallback<'a> + use<'a, 'r>> {
    let callback = move |link: BrokenLink<'a>| {
        let (dest, title) = outside?.get(&UniCase::new(link.reference.to_string()))?;
        Some((CowStr::from(dest.clone()), CowStr::from(title.clone())))
    };
    Parser::new_with_broken_link_callback(text, options, Some(callback))
}

/// The text's Markdown events with their source ranges, and its link definitions.
/// Adjacent text that stands in the source as written is merged, so URLs and
/// placeholders are seen whole; text from entities and escapes stays apart (the
/// typographer leaves it alone, as goldmark does).
fn parse<'a>(
    prepared: &'a str,
    opts: &RenderOptions,
    outside: Option<&RefMap>,
) -> (Vec<(Event<'a>, Range<usize>)>, Vec<Definition>) {
    let parser = parser(prepared, opts.parser_options(), outside);
    let defs = parser
        .reference_definitions()
        .iter()
        .map(|(label, def)| {
            (
                label.to_string(),
                def.dest.to_string(),
                def.title.as_deref().unwrap_or("").to_string(),
                def.span.start,
            )
        })
        .collect();
    let mut events: Vec<(Event, Range<usize>)> = Vec::new();
    for (event, range) in parser.into_offset_iter() {
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
    (events, defs)
}

/// Renders `text`, a run of whole top-level blocks, from `start`.
pub(super) fn render_window(text: &str, opts: &RenderOptions, start: Start<'_>) -> Window {
    let text = without_markers(text);
    let text = text.as_ref();
    let (prepared, items) = if opts.hugo {
        let p = replace_shortcodes(text, opts);
        (p.text, p.items)
    } else {
        (text.to_string(), Vec::new())
    };
    let (events, defs) = parse(&prepared, opts, start.refs);
    // Lines: the prepared text keeps every line break of the text.
    let prepared_lines = line_starts(&prepared, 0);
    let text_lines = line_starts(text, 0);
    let line_of = |pos: usize| prepared_lines.partition_point(|&s| s <= pos);
    let mut blocks = split_top_level(events);
    let mut ids = if blocks.iter().any(|b| {
        b.events
            .iter()
            .any(|(e, _)| matches!(e, Event::Start(Tag::Heading { .. })))
    }) {
        (start.ids)()
    } else {
        Ids::After(HeadingIds::default())
    };
    let headings: Vec<Vec<Heading>> = blocks
        .iter_mut()
        .map(|b| {
            if opts.hugo {
                assign_heading_ids(&mut b.events, &prepared, &mut ids)
            } else {
                Vec::new()
            }
        })
        .collect();
    let own_toc: Vec<TocEntry>;
    let toc = match start.toc {
        Some(toc) => toc,
        None => {
            own_toc = headings.iter().flatten().map(|h| h.entry.clone()).collect();
            &own_toc
        }
    };
    let mut ctx = Context {
        source: &prepared,
        typographer: start.typographer,
        opts,
        items: &items,
        toc,
        footnotes: Footnotes::default(),
        drew_toc: false,
    };
    let mut segments = Vec::with_capacity(blocks.len());
    for (i, (block, headings)) in blocks.into_iter().zip(headings).enumerate() {
        let footnotes = block.events.iter().any(|(e, _)| {
            matches!(
                e,
                Event::FootnoteReference(_) | Event::Start(Tag::FootnoteDefinition(_))
            )
        });
        let typo_in = ctx.typographer.clone();
        ctx.typographer.take_read();
        ctx.drew_toc = false;
        let range = block.range.clone();
        let chunks = ctx.transform_block(block.events);
        let html = if chunks.is_empty() {
            String::new()
        } else {
            gate::write_block(chunks)
        };
        let first = line_of(range.start);
        // The end is set below, once the next block's start is known.
        let lines = first..first + 1;
        let first_line = if i == 0 && start.from_top {
            0
        } else {
            first - 1
        };
        segments.push(Segment {
            first_line,
            key: BlockKey(0),
            html: Rc::from(html),
            lines,
            typo_in,
            typo_out: ctx.typographer.clone(),
            typo_read: ctx.typographer.take_read(),
            headings,
            toc: ctx.drew_toc,
            footnotes,
            refdefs: false,
        });
    }
    // A block's lines run to the last non-blank line before the next block (not to
    // pulldown-cmark's range end: a definition list's runs over the paragraph after
    // it), so they depend on the block's own span alone; the key follows from those
    // lines and the HTML.
    let total_lines = text_lines.len();
    for i in 0..segments.len() {
        let next = segments
            .get(i + 1)
            .map_or(total_lines + 1, |n| n.first_line + 1);
        let seg = &mut segments[i];
        let mut end = next.max(seg.lines.start + 1);
        while end > seg.lines.start + 1 && is_blank(slice_lines(text, &text_lines, end - 1..end)) {
            end -= 1;
        }
        seg.lines.end = end;
        let source = slice_lines(text, &text_lines, seg.lines.clone());
        seg.key = BlockKey(hash(&(hash(source), hash(&*seg.html))));
    }
    let mut refs = RefMap::new();
    for (label, dest, title, at) in defs {
        let line = line_of(at) - 1;
        let i = segments
            .partition_point(|s| s.first_line <= line)
            .saturating_sub(1);
        if let Some(seg) = segments.get_mut(i) {
            seg.refdefs = true;
        }
        refs.entry(UniCase::new(label)).or_insert((dest, title));
    }
    let footnote_section = ctx.footnotes.section().map(|(chunks, range)| {
        let lines = line_of(range.start)
            ..line_of(
                range.start
                    + prepared
                        .get(range.clone())
                        .map_or(0, |t| t.trim_end().len())
                        .saturating_sub(1),
            ) + 1;
        (gate::write_block(chunks), lines)
    });
    Window {
        segments,
        footnote_section,
        refs,
    }
}

/// The text of `lines` (1-based, end exclusive).
fn slice_lines<'a>(text: &'a str, starts: &[usize], lines: Range<usize>) -> &'a str {
    let at = |line: usize| starts.get(line - 1).copied().unwrap_or(text.len());
    let (a, b) = (at(lines.start), at(lines.end));
    &text[a.min(text.len())..b.min(text.len()).max(a.min(text.len()))]
}
