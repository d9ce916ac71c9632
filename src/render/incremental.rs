//! The preview's blocks, kept up to date edit by edit: a keystroke re-renders the
//! top-level blocks its lines touch, and the result is byte-identical to rendering
//! the new body from scratch.
//!
//! How an edit is rendered:
//!
//! 1. **Window.** From the block before the one the edit starts in (a list goes on
//!    across a blank line), back to a block that starts after a blank line (and not
//!    inside a multi-line shortcode), to one block past the edit: the *lookahead*. Those lines of the new body are rendered alone, starting from
//!    the typographer state and heading IDs of the blocks before them.
//!    This needs the body's blocks to be the same with shortcodes as with their
//!    placeholders: a body where a `{{` reads past its line (a tag over several
//!    lines, a `highlight`, an unclosed quote) is rendered whole on every edit (see
//!    [`one_line_tags`]).
//! 2. **Boundary check.** The render must have a block starting exactly where the
//!    lookahead starts (shifted by the lines the edit added or removed), with no
//!    shortcode left open. After such a boundary CommonMark's parse of the rest is what
//!    it was before. If not (a fence opened, a list now runs on, an HTML block lost its
//!    end), the window doubles past the edit, up to the end of the body.
//! 3. **Document-wide state**, handled explicitly:
//!    - footnotes (numbering, the closing section) and link reference definitions: an
//!      edit whose window holds any, before or after, renders the whole body;
//!    - the typographer's open-quote count runs through the document: blocks after the
//!      window whose output read a changed state are re-rendered, one by one, until
//!      the state is what it was;
//!    - heading IDs are de-duplicated in document order: when the window's headings
//!      changed, later headings get their IDs again, and a block whose IDs changed is
//!      re-rendered; a `toc` block is re-rendered when the table of contents changed.
//!
//! [`RenderStats`] counts how often each path is taken.

use super::heading_id::{HeadingIds, IdLayer};
use super::lines::{is_blank, line_starts};
use super::shortcode::one_line_tags;
use super::toc::TocEntry;
use super::typographer::Typographer;
use super::window::{render_window, replay, Ids, RefMap, Segment, Start, Window};
use super::{Block, RenderOptions};
use std::cell::RefCell;
use std::ops::Range;
use std::rc::Rc;

/// Which lines an edit replaced in the body: `old` lines from `first` (0-based; at
/// least one, the line the edit starts on) became `new` lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyEdit {
    /// The first line touched, from 0.
    pub first: usize,
    /// How many lines were replaced (at least 1).
    pub old: usize,
    /// How many lines replaced them (at least 1).
    pub new: usize,
}

/// What an edit of the whole post (front matter and body) means for the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyChange {
    /// The body is as it was (the edit stayed in the front matter).
    Unchanged,
    /// These body lines changed.
    Edit(BodyEdit),
    /// The body starts elsewhere now: render it whole.
    Whole,
}

impl BodyChange {
    /// An edit that replaced `old` lines of the post from line `first` (0-based) with
    /// `new` lines, where the body started on line `body_before` and now starts on
    /// `body_after` (`None`: not at the start of a line; see
    /// [`body_start_line`](crate::post::body_start_line)).
    ///
    /// ```
    /// use recap::render::{BodyChange, BodyEdit};
    /// // Typing in the title (line 1 of 3 front-matter lines).
    /// assert_eq!(BodyChange::of(1, 1, 1, Some(3), Some(3)), BodyChange::Unchanged);
    /// // Enter in the body's second line.
    /// assert_eq!(BodyChange::of(4, 1, 2, Some(3), Some(3)), BodyChange::Edit(BodyEdit { first: 1, old: 1, new: 2 }));
    /// // The closing delimiter deleted: the body starts elsewhere.
    /// assert_eq!(BodyChange::of(2, 1, 1, Some(3), Some(0)), BodyChange::Whole);
    /// ```
    pub fn of(
        first: usize,
        old: usize,
        new: usize,
        body_before: Option<usize>,
        body_after: Option<usize>,
    ) -> BodyChange {
        let (Some(body_before), Some(body_after)) = (body_before, body_after) else {
            return BodyChange::Whole;
        };
        if first + old <= body_before {
            if body_after as isize == body_before as isize + new as isize - old as isize {
                BodyChange::Unchanged
            } else {
                BodyChange::Whole
            }
        } else if first >= body_before && body_after == body_before {
            BodyChange::Edit(BodyEdit {
                first: first - body_before,
                old,
                new,
            })
        } else {
            BodyChange::Whole
        }
    }
}

/// How the renderer met the edits so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RenderStats {
    /// Edits rendered.
    pub edits: u64,
    /// Edits rendered as a window of blocks.
    pub windows: u64,
    /// Windows that had to grow past their first lookahead block.
    pub widened: u64,
    /// Edits that rendered the whole body (footnotes or link definitions touched, or
    /// the window grew to the whole body).
    pub full: u64,
    /// Blocks after a window rendered again for document-wide state (quotes,
    /// heading IDs, the table of contents).
    pub followers: u64,
    /// Blocks rendered in all.
    pub blocks_rendered: u64,
}

/// One change to the preview's parts: at index `at`, `remove` parts go and `insert`
/// come in their place. Parts are the body's blocks in order (a block that shows
/// nothing is an empty part), then one last part for the footnotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Splice {
    /// Where, in the parts as they are when this splice applies.
    pub at: usize,
    /// How many parts go.
    pub remove: usize,
    /// The HTML of the parts that come.
    pub insert: Vec<Rc<str>>,
}

impl Splice {
    /// The splice that turns parts `old`, found from index `at`, into `new`, leaving
    /// out the parts at either end that stay as they were: a block rendered again
    /// to the same HTML keeps its DOM (and its images, and the browser's layout of
    /// it). `None` when nothing changes.
    ///
    /// ```
    /// use recap::render::Splice;
    /// use std::rc::Rc;
    /// let parts = |s: &[&str]| s.iter().map(|&p| Rc::from(p)).collect::<Vec<Rc<str>>>();
    /// let splice = Splice::between(&parts(&["<h2>A</h2>", "<p>b</p>", "<p>c</p>"]), 4, parts(&["<h2>A</h2>", "<p>bx</p>", "<p>c</p>"]));
    /// assert_eq!(splice, Some(Splice { at: 5, remove: 1, insert: parts(&["<p>bx</p>"]) }));
    /// assert_eq!(Splice::between(&parts(&["<p>b</p>"]), 0, parts(&["<p>b</p>"])), None);
    /// ```
    pub fn between(old: &[Rc<str>], at: usize, mut new: Vec<Rc<str>>) -> Option<Splice> {
        let same = |a: &Rc<str>, b: &Rc<str>| Rc::ptr_eq(a, b) || a == b;
        let prefix = old.iter().zip(&new).take_while(|(a, b)| same(a, b)).count();
        let most = old.len().min(new.len()) - prefix;
        let suffix = old
            .iter()
            .rev()
            .zip(new.iter().rev())
            .take(most)
            .take_while(|(a, b)| same(a, b))
            .count();
        let remove = old.len() - prefix - suffix;
        new.truncate(new.len() - suffix);
        new.drain(..prefix);
        (remove > 0 || !new.is_empty()).then_some(Splice {
            at: at + prefix,
            remove,
            insert: new,
        })
    }
}

/// A rendered body that follows edits.
///
/// ```
/// use recap::render::{BodyEdit, RenderOptions, RenderedBody};
/// let mut body = RenderedBody::new("# Day 1\n\nNotes.\n\nMore.\n", &RenderOptions::default());
/// let splices = body.edit("# Day 1\n\nNotes, typed.\n\nMore.\n", BodyEdit { first: 2, old: 1, new: 1 });
/// // Only the parts around the edit are rendered again: never "More.".
/// let inserted: Vec<&str> = splices.iter().flat_map(|s| s.insert.iter().map(|h| &**h)).collect();
/// assert!(inserted.contains(&"<p>Notes, typed.</p>\n"));
/// assert!(!inserted.contains(&"<p>More.</p>\n"));
/// assert_eq!(body.html(), recap::render::render_html("# Day 1\n\nNotes, typed.\n\nMore.\n", &RenderOptions::default()));
/// ```
#[derive(Debug, Clone)]
pub struct RenderedBody {
    opts: RenderOptions,
    segments: Vec<Segment>,
    footnotes: Option<(Rc<str>, Range<usize>)>,
    refs: RefMap,
    toc: Vec<TocEntry>,
    /// Where each line of the body starts (bytes).
    starts: Vec<usize>,
    /// Whether every `{{` of the body reads to its end on its line (see
    /// [`one_line_tags`]): the blocks stand alone, an edit can be a window.
    simple: bool,
    len: usize,
    stats: RenderStats,
    /// The heading IDs handed out by each run of [`ID_LAYER`] segments from the top,
    /// as far as they were needed and still hold (see [`Self::ids_before`]).
    id_layers: RefCell<Vec<IdLayer>>,
}

/// How many segments one layer of heading IDs covers: a window deep in a long post
/// replays the headings of fewer than this many segments, and looks an ID up in one
/// layer per this many segments before it.
const ID_LAYER: usize = 64;

impl RenderedBody {
    /// Renders `body` whole.
    pub fn new(body: &str, opts: &RenderOptions) -> RenderedBody {
        let mut r = RenderedBody {
            opts: opts.clone(),
            segments: Vec::new(),
            footnotes: None,
            refs: RefMap::new(),
            toc: Vec::new(),
            starts: Vec::new(),
            simple: true,
            len: 0,
            stats: RenderStats::default(),
            id_layers: RefCell::default(),
        };
        r.render_all(body);
        r
    }

    fn render_all(&mut self, body: &str) {
        let window = render_window(
            body,
            &self.opts,
            Start {
                typographer: Typographer::default(),
                ids: &|| Ids::After(HeadingIds::default()),
                toc: None,
                refs: None,
                from_top: true,
            },
        );
        self.stats.blocks_rendered += window.segments.len() as u64;
        self.toc = window
            .segments
            .iter()
            .flat_map(|s| s.headings.iter().map(|h| h.entry.clone()))
            .collect();
        self.refs = window.refs;
        self.footnotes = window
            .footnote_section
            .map(|(html, lines)| (Rc::from(html), lines));
        self.segments = window.segments;
        self.simple = one_line_tags(body);
        self.starts = line_starts(body, 0);
        self.len = body.len();
        self.id_layers.get_mut().clear();
    }

    /// The blocks, as [`render_blocks`](super::render_blocks) gives them: a repeated
    /// identical block gets a key of its own.
    pub fn blocks(&self) -> Vec<Block> {
        let mut seen: std::collections::HashMap<super::BlockKey, u64> = Default::default();
        let mut out: Vec<Block> = self
            .segments
            .iter()
            .filter(|s| !s.html.is_empty())
            .map(|s| {
                let nth = seen.entry(s.key).or_insert(0);
                *nth += 1;
                Block {
                    key: super::BlockKey(
                        s.key.0 ^ nth.wrapping_sub(1).wrapping_mul(0x9E37_79B9_7F4A_7C15),
                    ),
                    html: s.html.to_string(),
                    lines: s.lines.clone(),
                }
            })
            .collect();
        if let Some((html, lines)) = &self.footnotes {
            out.push(Block {
                key: super::BlockKey(0),
                html: html.to_string(),
                lines: lines.clone(),
            });
        }
        out
    }

    /// The whole body's HTML.
    pub fn html(&self) -> String {
        let mut out: String = self.segments.iter().map(|s| &*s.html).collect();
        if let Some((html, _)) = &self.footnotes {
            out.push_str(html);
        }
        out
    }

    /// The parts the preview shows, in order (see [`Splice`]).
    pub fn parts(&self) -> Vec<Rc<str>> {
        let mut out: Vec<Rc<str>> = self.segments.iter().map(|s| s.html.clone()).collect();
        out.push(
            self.footnotes
                .as_ref()
                .map_or_else(|| Rc::from(""), |(h, _)| h.clone()),
        );
        out
    }

    /// The first body line (1-based) of each part that shows something, with its index:
    /// what scroll sync needs to find a line in the preview.
    pub fn part_lines(&self) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = self
            .segments
            .iter()
            .enumerate()
            .filter(|(_, s)| !s.html.is_empty())
            .map(|(i, s)| (i, s.lines.start))
            .collect();
        if let Some((_, lines)) = &self.footnotes {
            out.push((self.segments.len(), lines.start));
        }
        out
    }

    /// Every block's span start and content lines, empty blocks included: a test's
    /// view of the bookkeeping (a fresh render must agree after every edit).
    #[doc(hidden)]
    pub fn spans(&self) -> Vec<(usize, Range<usize>)> {
        self.segments
            .iter()
            .map(|s| (s.first_line, s.lines.clone()))
            .collect()
    }

    /// How the edits so far were rendered.
    pub fn stats(&self) -> RenderStats {
        self.stats
    }

    /// The preview after `edit` turned the body into `body`: the splices that bring the
    /// previous [`parts`](Self::parts) to the new ones.
    pub fn edit(&mut self, body: &str, edit: BodyEdit) -> Vec<Splice> {
        self.stats.edits += 1;
        self.reindex_lines(body, edit);
        let mut splices = Vec::new();
        if self.edit_window(body, edit, &mut splices).is_none() {
            // The splices so far bring the preview to the parts as they are now (a
            // window may have gone in before a block after it could not be rendered
            // alone); from there, to the whole body rendered anew.
            self.stats.full += 1;
            let now = self.parts();
            self.render_all(body);
            splices.extend(Splice::between(&now, 0, self.parts()));
        }
        splices
    }

    /// The line index after the edit: the edited lines scanned again, the rest moved.
    fn reindex_lines(&mut self, body: &str, edit: BodyEdit) {
        let shift = body.len() as isize - self.len as isize;
        self.len = body.len();
        let first = edit.first.min(self.starts.len() - 1);
        let old_end = (edit.first + edit.old).min(self.starts.len());
        let start = self.starts[first];
        let region_end = match self.starts.get(old_end) {
            Some(&s) => (s as isize + shift) as usize,
            None => body.len(),
        };
        let mut inner = line_starts(&body[start..region_end], start);
        if old_end < self.starts.len() {
            inner.pop();
        }
        let tail: Vec<usize> = self.starts[old_end..]
            .iter()
            .map(|&s| (s as isize + shift) as usize)
            .collect();
        self.starts.truncate(first);
        self.starts.extend(inner);
        self.starts.extend(tail);
    }

    /// The text of lines `range` (0-based, end exclusive) of `body`.
    fn text_of<'b>(&self, body: &'b str, range: Range<usize>) -> &'b str {
        let at = |line: usize| self.starts.get(line).copied().unwrap_or(body.len());
        &body[at(range.start)..at(range.end)]
    }

    fn line<'b>(&self, body: &'b str, line: usize) -> &'b str {
        self.text_of(body, line..line + 1)
    }

    /// The segment whose span holds `line` (old line numbers).
    fn segment_at(&self, line: usize) -> usize {
        self.segments
            .partition_point(|s| s.first_line <= line)
            .saturating_sub(1)
    }

    /// The heading IDs handed out before segment `i`: the layers before it (made
    /// now if missing), then the headings of the segments between.
    fn ids_before(&self, i: usize) -> HeadingIds {
        let headings =
            |range: Range<usize>| self.segments[range].iter().flat_map(|s| s.headings.iter());
        let k = i / ID_LAYER;
        let mut layers = self.id_layers.borrow_mut();
        while layers.len() < k {
            let j = layers.len();
            let mut ids = HeadingIds::on(&layers);
            replay(&mut ids, headings(j * ID_LAYER..(j + 1) * ID_LAYER));
            layers.push(ids.freeze());
        }
        let mut ids = HeadingIds::on(&layers[..k]);
        replay(&mut ids, headings(k * ID_LAYER..i));
        ids
    }

    fn render(
        &self,
        text: &str,
        typographer: Typographer,
        ids: &dyn Fn() -> Ids,
        from_top: bool,
    ) -> Window {
        render_window(
            text,
            &self.opts,
            Start {
                typographer,
                ids,
                toc: Some(&self.toc),
                refs: Some(&self.refs),
                from_top,
            },
        )
    }

    /// Renders the edit as a window, adding its splices to `splices`; `None` when the
    /// whole body must be rendered (the splices added so far still apply first).
    fn edit_window(&mut self, body: &str, edit: BodyEdit, splices: &mut Vec<Splice>) -> Option<()> {
        // Both the body before and the body after must be simple: the blocks kept
        // from before must not owe their shape to a shortcode the edit changed. Each
        // `{{` is judged by its own line, so only the edited lines can change that.
        let was_simple = self.simple;
        self.simple =
            was_simple && one_line_tags(self.text_of(body, edit.first..edit.first + edit.new));
        if self.segments.is_empty() || !self.simple {
            return None;
        }
        let delta = edit.new as isize - edit.old as isize;
        let s0 = self.segment_at(edit.first);
        let s1 = self.segment_at(edit.first + edit.old - 1);
        // The window starts one block before the edit (a list or a definition list
        // goes on across a blank line and may take the edited lines in), at a block
        // after a blank line (lines before the edit are the same in the old and the
        // new body).
        let mut a = s0.saturating_sub(1);
        while a > 0 && !is_blank(self.line(body, self.segments[a].first_line - 1)) {
            a -= 1;
        }
        let new_lines = self.starts.len();
        let mut b = s1 + 1; // the lookahead block (old index)
        let mut widened = false;
        let (window, kept_from) = loop {
            let start_line = self.segments[a].first_line;
            let end_line = match self.segments.get(b + 1) {
                Some(next) => (next.first_line as isize + delta) as usize,
                None => new_lines,
            };
            let text = self.text_of(body, start_line..end_line);
            if text.contains("[^") {
                return None;
            }
            let typo = self.segments[a].typo_in.clone();
            let ids = || Ids::After(self.ids_before(a));
            let window = self.render(text, typo, &ids, a == 0);
            self.stats.blocks_rendered += window.segments.len() as u64;
            if window.footnote_section.is_some() || !window.refs.is_empty() {
                return None;
            }
            if b >= self.segments.len() {
                break (window, self.segments.len());
            }
            // The lookahead block must start where it did (shifted).
            let look = self.segments[b].first_line as isize + delta - start_line as isize;
            let boundary = window
                .segments
                .iter()
                .position(|s| s.first_line as isize == look);
            if let Some(i) = boundary {
                let mut window = window;
                window.segments.truncate(i);
                break (window, b);
            }
            widened = true;
            b = (b + (b - s1).max(1) * 2).min(self.segments.len());
        };
        if self.segments[a..kept_from]
            .iter()
            .any(|s| s.footnotes || s.refdefs)
        {
            return None;
        }
        self.stats.windows += 1;
        self.stats.widened += u64::from(widened);
        let start_line = self.segments[a].first_line;
        let count = window.segments.len();
        let removed: Vec<Segment> = self
            .segments
            .splice(
                a..kept_from,
                window.segments.into_iter().map(|mut s| {
                    s.first_line += start_line;
                    s.lines = s.lines.start + start_line..s.lines.end + start_line;
                    s
                }),
            )
            .collect();
        let after = a + count;
        // Layers that took in a replaced segment no longer hold (a segment's heading
        // requests change only with its text, so a block rendered again elsewhere
        // leaves them as they are).
        self.id_layers.get_mut().truncate(a / ID_LAYER);
        // The blocks after the window moved by `delta` lines.
        if delta != 0 {
            for s in &mut self.segments[after..] {
                s.first_line = (s.first_line as isize + delta) as usize;
                s.lines = (s.lines.start as isize + delta) as usize
                    ..(s.lines.end as isize + delta) as usize;
            }
            if let Some((_, lines)) = &mut self.footnotes {
                // 1-based lines: those after the edited ones moved (the definitions
                // are outside the window, but the edit may fall between two).
                let moved = |line: usize| {
                    if line > edit.first + edit.old {
                        (line as isize + delta) as usize
                    } else {
                        line
                    }
                };
                *lines = moved(lines.start)..moved(lines.end - 1) + 1;
            }
        }
        let old: Vec<Rc<str>> = removed.iter().map(|s| s.html.clone()).collect();
        let new = self.segments[a..after].iter().map(|s| s.html.clone());
        splices.extend(Splice::between(&old, a, new.collect()));
        self.follow(body, a, after, &removed, splices)
    }

    /// Brings the blocks from `after` on in line with the document-wide state the new
    /// window `a..after` (which replaced `removed`) leaves. `None` when a block to
    /// render again cannot be rendered alone (it holds footnotes).
    fn follow(
        &mut self,
        body: &str,
        a: usize,
        after: usize,
        removed: &[Segment],
        splices: &mut Vec<Splice>,
    ) -> Option<()> {
        let old_headings: Vec<_> = removed.iter().flat_map(|s| s.headings.iter()).collect();
        let new_headings: Vec<_> = self.segments[a..after]
            .iter()
            .flat_map(|s| s.headings.iter())
            .collect();
        let ids_changed = old_headings.len() != new_headings.len()
            || old_headings
                .iter()
                .zip(&new_headings)
                .any(|(o, n)| o.request != n.request);
        let toc_changed = ids_changed
            || old_headings
                .iter()
                .zip(&new_headings)
                .any(|(o, n)| o.entry != n.entry);
        let mut typo = match after {
            0 => Typographer::default(),
            i => self.segments[i - 1].typo_out.clone(),
        };
        let mut ids = ids_changed.then(|| self.ids_before(after));
        let mut i = after;
        while i < self.segments.len() {
            let typo_differs = typo != self.segments[i].typo_in;
            if !typo_differs && ids.is_none() {
                break;
            }
            let seg = &self.segments[i];
            // The IDs this block's headings get now.
            let new_ids: Vec<String> = match &mut ids {
                Some(ids) => seg.headings.iter().map(|h| h.request.assign(ids)).collect(),
                None => seg.headings.iter().map(|h| h.entry.id.clone()).collect(),
            };
            let ids_differ = seg
                .headings
                .iter()
                .zip(&new_ids)
                .any(|(h, id)| h.entry.id != *id);
            if (typo_differs && seg.typo_read) || ids_differ {
                self.rerender(body, i, typo.clone(), new_ids, splices)?;
            } else if typo_differs {
                let out = typo.advanced_like(&seg.typo_in, &seg.typo_out);
                let seg = &mut self.segments[i];
                seg.typo_in = typo.clone();
                seg.typo_out = out;
            }
            typo = self.segments[i].typo_out.clone();
            i += 1;
        }
        if toc_changed {
            let toc: Vec<TocEntry> = self
                .segments
                .iter()
                .flat_map(|s| s.headings.iter().map(|h| h.entry.clone()))
                .collect();
            if toc != self.toc {
                self.toc = toc;
                for i in 0..self.segments.len() {
                    if self.segments[i].toc {
                        let seg = &self.segments[i];
                        let ids = seg.headings.iter().map(|h| h.entry.id.clone()).collect();
                        self.rerender(body, i, seg.typo_in.clone(), ids, splices)?;
                    }
                }
            }
        }
        Some(())
    }

    /// Renders segment `i` again alone, from `typo`, its headings getting `ids`.
    /// `None` when it cannot be rendered alone (footnotes, link definitions).
    fn rerender(
        &mut self,
        body: &str,
        i: usize,
        typo: Typographer,
        ids: Vec<String>,
        splices: &mut Vec<Splice>,
    ) -> Option<()> {
        if self.segments[i].footnotes || self.segments[i].refdefs {
            return None;
        }
        self.stats.followers += 1;
        self.stats.blocks_rendered += 1;
        let start_line = self.segments[i].first_line;
        let end_line = self
            .segments
            .get(i + 1)
            .map_or(self.starts.len(), |s| s.first_line);
        let text = self.text_of(body, start_line..end_line);
        let window = self.render(text, typo, &move || Ids::Exactly(ids.clone()), i == 0);
        let mut seg = window.segments.into_iter().next()?;
        seg.first_line = start_line;
        seg.lines = seg.lines.start + start_line..seg.lines.end + start_line;
        let old = std::mem::replace(&mut self.segments[i], seg);
        splices.extend(Splice::between(
            &[old.html],
            i,
            vec![self.segments[i].html.clone()],
        ));
        Some(())
    }
}
