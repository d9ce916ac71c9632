//! One top-level block's Markdown events, rewritten the way Hugo publishes them:
//! shortcode placeholders become cards, pasted tweets become tweet cards, text gets
//! goldmark's typographer and linkify, footnotes are numbered and collected. The
//! result is [`Chunk`]s for the [gate](super::gate), never HTML strings.

use super::gate::{Chunk, OwnHtml};
use super::placeholder::{split_placeholders, strip_placeholders, Item, Placed, PH_OPEN};
use super::toc::TocEntry;
use super::tweet::{self, Tweet};
use super::{embeds, figure, html, linkify, toc, typographer, RenderOptions};
use pulldown_cmark::{CowStr, Event, Tag, TagEnd};
use std::collections::HashMap;
use std::ops::Range;

/// Footnotes, numbered by first reference and listed at the end, as goldmark does.
#[derive(Default)]
pub(super) struct Footnotes {
    numbers: HashMap<String, usize>,
    definitions: HashMap<String, (Vec<Chunk<'static>>, Range<usize>)>,
}

impl Footnotes {
    fn number(&mut self, label: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(label.to_string()).or_insert(next)
    }

    /// The closing `<div class="footnotes">` section, when any note is referenced, and
    /// the source range of the definitions it lists.
    pub(super) fn section(&self) -> Option<(Vec<Chunk<'static>>, Range<usize>)> {
        let mut order: Vec<(&String, &usize)> = self.numbers.iter().collect();
        order.sort_by_key(|(_, n)| **n);
        let own = |s: String| Chunk::Own(OwnHtml::new(s));
        let mut chunks = vec![own(
            "<div class=\"footnotes\" role=\"doc-endnotes\">\n<hr>\n<ol>\n".into(),
        )];
        let mut range: Option<Range<usize>> = None;
        for (label, n) in order {
            let Some((def, r)) = self.definitions.get(label) else {
                continue;
            };
            range = Some(range.map_or(r.clone(), |x| x.start.min(r.start)..x.end.max(r.end)));
            chunks.push(own(format!("<li id=\"fn:{n}\">\n")));
            let backref = own(format!(
                "&#160;<a href=\"#fnref:{n}\" class=\"footnote-backref\" role=\"doc-backlink\">&#x21a9;&#xfe0e;</a>"
            ));
            let last_para_end = def
                .iter()
                .rposition(|c| matches!(c, Chunk::Doc(Event::End(TagEnd::Paragraph))));
            for (k, c) in def.iter().enumerate() {
                if Some(k) == last_para_end {
                    chunks.push(backref.clone());
                }
                chunks.push(c.clone());
            }
            if last_para_end.is_none() {
                chunks.push(backref);
            }
            chunks.push(own("</li>\n".into()));
        }
        chunks.push(own("</ol>\n</div>\n".into()));
        range.map(|r| (chunks, r))
    }
}

/// What the transform of a body's blocks shares: the prepared source (offsets of the
/// events point into it), the typographer's running state, the shortcode items, the
/// headings for `toc`, and the footnotes.
pub(super) struct Context<'o> {
    pub source: &'o str,
    pub typographer: typographer::Typographer,
    pub opts: &'o RenderOptions,
    pub items: &'o [Placed],
    pub toc: &'o [TocEntry],
    pub footnotes: Footnotes,
    /// Whether a `toc` shortcode was drawn (since the caller last cleared it).
    pub drew_toc: bool,
}

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
    /// The card (or the literal text) placeholder `index` stands for.
    fn item(&mut self, index: usize) -> Chunk<'static> {
        let Some(Placed { item, .. }) = self.items.get(index) else {
            return Chunk::Doc(Event::Text(CowStr::Borrowed("")));
        };
        let html = match item {
            Item::Literal(text) => return Chunk::Doc(Event::Text(CowStr::from(text.clone()))),
            Item::Highlight(sc, code) => embeds::highlight(sc, code),
            Item::Tag(sc) if sc.closing => match sc.name.as_str() {
                // Closing tags of shortcodes drawn whole say nothing more.
                "figure" | "x" | "tweet" | "twitter" | "youtube" | "gist" | "toc" => {
                    OwnHtml::default()
                }
                _ => embeds::chip(sc),
            },
            Item::Tag(sc) => match sc.name.as_str() {
                name if tweet::TWEET_SHORTCODES.contains(&name) => {
                    Tweet::from_shortcode(sc).map_or_else(|| embeds::chip(sc), |t| t.to_html())
                }
                "figure" => figure::render(sc, self.opts.base_url.as_deref()),
                "youtube" => embeds::youtube(sc),
                "gist" => embeds::gist(sc),
                "toc" => {
                    self.drew_toc = true;
                    toc::render(self.toc)
                }
                "ref" | "relref" => OwnHtml::new(format!(
                    "<a href=\"#\" title=\"Hugo links this when it builds the site\">{}</a>",
                    html::escape(sc.arg("path", 0).unwrap_or(""))
                )),
                _ => embeds::chip(sc),
            },
        };
        Chunk::Own(html)
    }

    /// A block shortcode alone in a paragraph (as Hugo draws it: the card alone).
    fn lone_block_shortcode(&self, events: &[(Event<'_>, Range<usize>)]) -> Option<usize> {
        let [(Event::Start(Tag::Paragraph), _), inner @ .., (Event::End(TagEnd::Paragraph), _)] =
            events
        else {
            return None;
        };
        let mut only: Option<usize> = None;
        for (e, _) in inner {
            match e {
                Event::Text(t) => {
                    for piece in split_placeholders(t) {
                        match piece {
                            Err(i) if only.is_none() => only = Some(i),
                            Ok(s) if s.trim().is_empty() => {}
                            _ => return None,
                        }
                    }
                }
                Event::SoftBreak => {}
                _ => return None,
            }
        }
        only.filter(|&i| {
            self.items
                .get(i)
                .is_some_and(|p| is_block_shortcode(&p.item))
        })
    }

    /// A raw HTML block Hugo's preview draws as something else: a pasted tweet as its
    /// card, `<!--more-->` as the summary divider.
    fn special_html_block(&self, events: &[(Event<'_>, Range<usize>)]) -> Option<OwnHtml> {
        if !self.opts.hugo || !matches!(events.first(), Some((Event::Start(Tag::HtmlBlock), _))) {
            return None;
        }
        let html: String = events
            .iter()
            .filter_map(|(e, _)| match e {
                Event::Html(h) => Some(h.as_ref()),
                _ => None,
            })
            .collect();
        if html.contains("twitter-tweet") {
            // A shortcode inside the pasted embed is read as the text it is there.
            let embed = if html.contains(PH_OPEN) {
                self.as_written(&html)
            } else {
                CowStr::Borrowed(html.as_str())
            };
            if let Some(tweet) = Tweet::from_embed(&embed) {
                return Some(tweet.to_html().line());
            }
        }
        (html.trim() == "<!--more-->").then(|| {
            OwnHtml::new(
                "<div class=\"summary-divider\" role=\"separator\"><span>Summary ends here</span></div>\n"
                    .into(),
            )
        })
    }

    /// Rewrites one top-level block's events into chunks for the gate.
    pub(super) fn transform_block<'a>(
        &mut self,
        events: Vec<(Event<'a>, Range<usize>)>,
    ) -> Vec<Chunk<'a>> {
        if let Some(i) = self.lone_block_shortcode(&events) {
            let Chunk::Own(card) = self.item(i) else {
                return Vec::new();
            };
            return vec![Chunk::Own(card.line())];
        }
        let block_is_html = matches!(events.first(), Some((Event::Start(Tag::HtmlBlock), _)));
        if block_is_html && !self.opts.raw_html && self.opts.hugo {
            let more = events.iter().all(|(e, _)| match e {
                Event::Html(h) => h.trim() == "<!--more-->",
                _ => true,
            });
            if !more {
                return vec![Chunk::Own(OwnHtml::new(RAW_OMITTED_BLOCK.into()))];
            }
        }
        if let Some(own) = self.special_html_block(&events) {
            return vec![Chunk::Own(own)];
        }
        let mut out = Vec::with_capacity(events.len());
        let mut in_link = 0usize;
        let mut in_image = 0usize;
        let mut in_code = false;
        let mut footnote: Option<(String, Vec<Chunk<'static>>, Range<usize>)> = None;
        let mut containers: Vec<Range<usize>> = Vec::new();
        for (event, range) in events {
            let mut emit: Vec<Chunk<'a>> = Vec::new();
            match &event {
                Event::Start(
                    Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::Item
                    | Tag::TableCell
                    | Tag::DefinitionListTitle
                    | Tag::DefinitionListDefinition,
                ) => containers.push(range.clone()),
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
                    emit.push(Chunk::Own(OwnHtml::new(format!(
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
                    emit.push(Chunk::Doc(Event::Start(Tag::Link {
                        link_type,
                        dest_url: not_a_placeholder(dest_url),
                        title: strip_placeholders(title),
                        id,
                    })));
                }
                Event::End(TagEnd::Link) => {
                    in_link = in_link.saturating_sub(1);
                    emit.push(Chunk::Doc(Event::End(TagEnd::Link)));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    in_image += 1;
                    emit.push(Chunk::Doc(Event::Start(Tag::Image {
                        link_type,
                        dest_url: not_a_placeholder(dest_url),
                        title: strip_placeholders(title),
                        id,
                    })));
                }
                Event::End(TagEnd::Image) => {
                    in_image = in_image.saturating_sub(1);
                    emit.push(Chunk::Doc(Event::End(TagEnd::Image)));
                }
                Event::Start(Tag::CodeBlock(kind)) => {
                    in_code = true;
                    emit.push(Chunk::Doc(Event::Start(Tag::CodeBlock(kind))));
                }
                Event::End(TagEnd::CodeBlock) => {
                    in_code = false;
                    emit.push(Chunk::Doc(Event::End(TagEnd::CodeBlock)));
                }
                // Markdown made code of text with a shortcode in it after all: the
                // shortcode as written.
                Event::Text(text) if in_code && text.contains(PH_OPEN) => {
                    emit.push(Chunk::Doc(Event::Text(self.as_written(&text))));
                }
                Event::Code(text) if text.contains(PH_OPEN) => {
                    emit.push(Chunk::Doc(Event::Code(self.as_written(&text))));
                }
                Event::Text(text) if !in_code && self.opts.hugo => {
                    self.text(&text, range, &containers, in_link, in_image, &mut emit);
                }
                Event::InlineHtml(_) if !self.opts.raw_html && self.opts.hugo => {
                    emit.push(Chunk::Own(OwnHtml::new(RAW_OMITTED_INLINE.into())));
                }
                Event::Html(h) | Event::InlineHtml(h) if self.opts.hugo || h.contains(PH_OPEN) => {
                    // Raw HTML with shortcodes in it: the cards go inside it, and the
                    // whole block is sanitized by the gate (it is document HTML).
                    let mut s = String::new();
                    for piece in split_placeholders(&h) {
                        match piece {
                            Ok(t) => s.push_str(t),
                            Err(i) => match self.item(i) {
                                Chunk::Own(card) => s.push_str(card.as_str()),
                                Chunk::Doc(Event::Text(t)) => s.push_str(&html::escape(&t)),
                                Chunk::Doc(_) => {}
                            },
                        }
                    }
                    emit.push(Chunk::Doc(if block_is_html {
                        Event::Html(CowStr::from(s))
                    } else {
                        Event::InlineHtml(CowStr::from(s))
                    }));
                }
                other => emit.push(Chunk::Doc(other)),
            }
            match &mut footnote {
                Some((_, defs, _)) => defs.extend(emit.into_iter().map(into_static)),
                None => out.extend(emit),
            }
        }
        out
    }

    /// `text` with each placeholder's shortcode as written.
    fn as_written(&self, text: &str) -> CowStr<'static> {
        let mut out = String::with_capacity(text.len());
        for piece in split_placeholders(text) {
            match piece {
                Ok(t) => out.push_str(t),
                Err(i) => out.push_str(self.items.get(i).map_or("", |p| p.source.as_str())),
            }
        }
        CowStr::from(out)
    }

    /// Text outside code: placeholders become cards, bare URLs links, and the rest
    /// gets the typographer.
    fn text<'a>(
        &mut self,
        text: &str,
        range: Range<usize>,
        containers: &[Range<usize>],
        in_link: usize,
        in_image: usize,
        emit: &mut Vec<Chunk<'a>>,
    ) {
        let source = self.source;
        let source_after = &source[range.end.min(source.len())..];
        let literal = source.get(range.clone()) == Some(text);
        // Does the paragraph go on after this line? (goldmark's line then ends in \n.)
        let line_continues = containers.last().is_some_and(|c| {
            let content_end = c.start + source[c.clone()].trim_end().len();
            source_after
                .find('\n')
                .is_some_and(|nl| range.end + nl < content_end)
        });
        let mut before = source[..range.start.min(source.len())]
            .chars()
            .last()
            .unwrap_or('\n');
        for piece in split_placeholders(text) {
            match piece {
                Err(i) => {
                    if in_image == 0 {
                        emit.push(self.item(i));
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
                                let end = s.as_ptr() as usize - t.as_ptr() as usize + s.len();
                                let after = if end < t.len() {
                                    &t[end..]
                                } else {
                                    source_after
                                };
                                let smart = if literal && self.opts.typographer {
                                    self.typographer.smarten(s, before, after, line_continues)
                                } else {
                                    s.to_string()
                                };
                                emit.push(Chunk::Doc(Event::Text(CowStr::from(smart))));
                                before = s.chars().last().unwrap_or(before);
                            }
                            linkify::Piece::Link { text, href } => {
                                emit.push(Chunk::Doc(Event::Start(Tag::Link {
                                    link_type: pulldown_cmark::LinkType::Autolink,
                                    dest_url: CowStr::from(href),
                                    title: CowStr::Borrowed(""),
                                    id: CowStr::Borrowed(""),
                                })));
                                emit.push(Chunk::Doc(Event::Text(CowStr::from(text.to_string()))));
                                emit.push(Chunk::Doc(Event::End(TagEnd::Link)));
                                before = text.chars().last().unwrap_or(before);
                            }
                        }
                    }
                }
            }
        }
    }
}

/// What stands where Hugo leaves a raw HTML block out (`unsafe = false`).
const RAW_OMITTED_BLOCK: &str = "<div class=\"raw-omitted\" role=\"note\">Raw HTML left out: this site does not publish raw HTML (markup.goldmark.renderer.unsafe is false).</div>\n";
/// What stands where Hugo leaves an inline HTML tag out.
const RAW_OMITTED_INLINE: &str = "<span class=\"raw-omitted-inline\" title=\"Raw HTML left out: this site does not publish raw HTML\">&lt;html&gt;</span>";

/// A link target that is a shortcode (`[x]({{< ref "a" >}})`): Hugo fills it in when it
/// builds; the preview links nowhere.
fn not_a_placeholder(dest: CowStr<'_>) -> CowStr<'_> {
    if dest.contains(PH_OPEN) {
        CowStr::Borrowed("#")
    } else {
        dest
    }
}

fn into_static(chunk: Chunk<'_>) -> Chunk<'static> {
    match chunk {
        Chunk::Doc(e) => Chunk::Doc(e.into_static()),
        Chunk::Own(h) => Chunk::Own(h),
    }
}
