//! Scroll sync between the editor and the preview, by source line: the editor says
//! which line (and how far into it) is at its top, from its own line geometry; each
//! preview part knows the body line it starts on; positions inside a part are
//! interpolated between its top and the next part's.

use super::{Doc, EditorHandle, PreviewParts};
use crate::post::lenient_body_line;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// Which pane a scroll came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Pane {
    Editor,
    Preview,
}

/// Keeps the two panes in step; shared through context.
///
/// A pane the sync (or a jump) scrolled fires a scroll event of its own. That event
/// is an echo, not the writer, exactly when it finds the pane where it was put: the
/// expected position is remembered per pane, so no timing is involved.
#[derive(Clone, Copy)]
pub struct ScrollSync {
    /// Where the editor (0) and the preview (1) were put, until their echo arrives.
    expected: StoredValue<[Option<i32>; 2]>,
    /// A re-sync waits for the next frame (see [`ScrollSync::preview_changed`]).
    pending: StoredValue<bool>,
    /// The editor leads until the writer does something: see [`ScrollSync::editor_leads`].
    editor_leads: StoredValue<bool>,
    /// The group the preview was last put in, laid out whether in view or not.
    pinned: StoredValue<Option<web_sys::Element>, LocalStorage>,
    editor: EditorHandle,
    doc: Doc,
    parts: PreviewParts,
}

fn preview_pane() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .query_selector(".preview-pane")
        .ok()??
        .dyn_into()
        .ok()
}

/// The preview's parts that show something, as (part index, first body line from 0),
/// in order, and a way to read a part's top in the pane's scroll coordinates. Only
/// the parts a scroll needs are measured (a long post has thousands).
struct Parts {
    lines: Vec<(usize, f64)>,
    parts: PreviewParts,
    pane_top: f64,
    end: f64,
}

impl Parts {
    fn of(doc: &Doc, parts: PreviewParts, pane: &web_sys::HtmlElement) -> Option<Parts> {
        let lines: Vec<(usize, f64)> = doc
            .part_lines()
            .into_iter()
            // `line` is 1-based; positions here count body lines from 0.
            .map(|(index, line)| (index, line as f64 - 1.0))
            .collect();
        (!lines.is_empty()).then(|| Parts {
            lines,
            parts,
            pane_top: pane.get_bounding_client_rect().top() - f64::from(pane.scroll_top()),
            end: f64::from(pane.scroll_height()),
        })
    }

    /// The top of the `k`-th shown part (the pane's end past the last).
    fn top(&self, k: usize) -> f64 {
        self.lines
            .get(k)
            .and_then(|(index, _)| self.parts.item(*index))
            .map_or(self.end, |el| self.y_of(&el))
    }

    /// An element's top in the pane's scroll coordinates.
    fn y_of(&self, el: &web_sys::Element) -> f64 {
        el.get_bounding_client_rect().top() - self.pane_top
    }

    fn line(&self, k: usize) -> f64 {
        self.lines.get(k).map_or_else(
            || self.lines.last().map_or(0.0, |(_, l)| l + 1.0),
            |(_, l)| *l,
        )
    }

    /// The shown part that body line `line` is in (its index among the shown parts).
    fn shown_at_line(&self, line: f64) -> usize {
        self.lines
            .partition_point(|(_, l)| *l <= line)
            .saturating_sub(1)
    }

    /// The scroll position of body line `line` (fractional).
    fn y_of_line(&self, line: f64) -> f64 {
        let k = self.shown_at_line(line);
        let (start, next) = (self.line(k), self.line(k + 1));
        let (top, next_top) = (self.top(k), self.top(k + 1));
        let span = (next - start).max(1.0);
        top + ((line - start) / span).clamp(0.0, 1.0) * (next_top - top)
    }

    /// The body line (fractional) at scroll position `y`.
    fn line_at_y(&self, y: f64) -> f64 {
        // The group at `y` first (the groups' tops grow with their index; the parts'
        // only within a group, see PreviewParts::group), then the part in it: a
        // search that measures only a few elements.
        let group_top = |g: usize| {
            self.parts
                .group(g)
                .map_or(self.end, |(el, _)| self.y_of(&el))
        };
        let g = first_below(0..self.parts.group_count(), y, group_top);
        let shown = match self.parts.group(g.saturating_sub(1)) {
            Some((_, parts)) => {
                self.lines.partition_point(|(i, _)| *i < parts.start)
                    ..self.lines.partition_point(|(i, _)| *i < parts.end)
            }
            None => 0..self.lines.len(),
        };
        let Some(k) = first_below(shown, y, |k| self.top(k)).checked_sub(1) else {
            return 0.0;
        };
        let (top, next_top) = (self.top(k), self.top(k + 1));
        let (start, next) = (self.line(k), self.line(k + 1));
        let span = (next_top - top).max(1.0);
        start + ((y - top) / span).clamp(0.0, 1.0) * (next - start)
    }
}

/// The first index in `range` whose top (`top`, growing with the index) is below `y`:
/// a binary search that measures only a few elements.
fn first_below(range: std::ops::Range<usize>, y: f64, top: impl Fn(usize) -> f64) -> usize {
    let (mut lo, mut hi) = (range.start, range.end);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if top(mid) <= y {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    lo
}

impl ScrollSync {
    /// Creates the sync and provides it as context.
    pub fn provide(doc: Doc, editor: EditorHandle, parts: PreviewParts) -> ScrollSync {
        let sync = ScrollSync {
            parts,
            expected: StoredValue::new([None, None]),
            pending: StoredValue::new(false),
            editor_leads: StoredValue::new(false),
            pinned: StoredValue::new_local(None),
            editor,
            doc,
        };
        // The writer's first key, click, wheel or touch ends the editor's lead.
        let leads = sync.editor_leads;
        for event in ["keydown", "pointerdown", "wheel", "touchstart"] {
            let handle = window_event_listener_untyped(event, move |_| {
                if leads.get_value() {
                    leads.set_value(false);
                }
            });
            on_cleanup(move || handle.remove());
        }
        provide_context(sync);
        sync
    }

    /// The sync from context.
    pub fn get() -> ScrollSync {
        expect_context::<ScrollSync>()
    }

    /// Whether `pane`'s scroll event is the echo of our own scrolling (it is where
    /// we put it); either way the expectation is used up.
    fn is_echo(&self, pane: Pane, top: i32) -> bool {
        let mut echo = false;
        self.expected.update_value(|e| {
            echo = e[pane as usize] == Some(top);
            e[pane as usize] = None;
        });
        echo
    }

    /// Remembers where `pane` is after we moved it (`before` it was elsewhere).
    fn expect(&self, pane: Pane, before: i32, now: i32) {
        self.expected
            .update_value(|e| e[pane as usize] = (now != before).then_some(now));
    }

    /// A draft was just opened with the editor at its cursor: the editor leads until
    /// the writer's next key, click, wheel or touch. The preview's first layout
    /// (groups measured for real, the page growing and shrinking) moves its scroll
    /// position by itself; taken for the writer's scrolling, it pulled the editor
    /// away from the cursor, to the top.
    pub fn editor_leads(&self) {
        self.editor_leads.set_value(true);
    }

    /// A jump (outline, checks) placed both panes itself: their echoes are not the
    /// writer scrolling. Call after the jump.
    pub fn placed(&self) {
        let editor = self.editor.scroller().map(|el| el.scroll_top());
        let preview = preview_pane().map(|el| el.scroll_top());
        self.expected.set_value([editor, preview]);
    }

    fn front_matter_lines(&self) -> f64 {
        self.doc.text_with(lenient_body_line) as f64
    }

    /// The preview changed under the editor's top line: put it back in step, in the
    /// next frame. Measuring now would force the browser to lay out the whole preview
    /// inside the keystroke; in the frame it lays it out anyway, and several changes
    /// before it cost one re-sync.
    pub fn preview_changed(&self) {
        if self.pending.get_value() {
            return;
        }
        self.pending.set_value(true);
        let sync = *self;
        request_animation_frame(move || {
            sync.pending.set_value(false);
            sync.expected
                .update_value(|e| e[Pane::Editor as usize] = None);
            sync.editor_scrolled();
        });
    }

    /// The writer scrolled the editor: bring the preview to the same place.
    pub fn editor_scrolled(&self) {
        let (Some(scroller), Some(pane)) = (self.editor.scroller(), preview_pane()) else {
            return;
        };
        if self.is_echo(Pane::Editor, scroller.scroll_top()) {
            return;
        }
        let Some((line, fraction)) = self.editor.top_line() else {
            return;
        };
        let body_line = line + fraction - self.front_matter_lines();
        let y = match Parts::of(&self.doc, self.parts, &pane) {
            Some(mut parts) if body_line > 0.0 => {
                self.pin_group(&parts, parts.shown_at_line(body_line));
                parts.end = f64::from(pane.scroll_height());
                parts.y_of_line(body_line)
            }
            _ => 0.0,
        };
        let before = pane.scroll_top();
        pane.set_scroll_top(y.max(0.0) as i32);
        self.expect(Pane::Preview, before, pane.scroll_top());
    }

    /// Lays out the group that holds shown part `k` for real, in view or not. A group
    /// never shown has an estimated height (`content-visibility: auto`): a part laid
    /// out below that estimate would be scrolled to, and the next group shown there
    /// instead, while the part's own group stayed out of view and never grew.
    fn pin_group(&self, parts: &Parts, k: usize) {
        let group = parts
            .lines
            .get(k)
            .and_then(|(index, _)| self.parts.item(*index))
            .and_then(|el| el.parent_element());
        if self.pinned.with_value(|p| p == &group) {
            return;
        }
        if let Some(old) = self.pinned.get_value() {
            let _ = old.class_list().remove_1("pinned");
        }
        if let Some(el) = &group {
            let _ = el.class_list().add_1("pinned");
        }
        self.pinned.set_value(group);
    }

    /// The writer scrolled the preview: bring the editor to the same line.
    pub fn preview_scrolled(&self) {
        let (Some(scroller), Some(pane)) = (self.editor.scroller(), preview_pane()) else {
            return;
        };
        if self.is_echo(Pane::Preview, pane.scroll_top()) {
            return;
        }
        if self.editor_leads.get_value() {
            self.preview_changed(); // back in step with the editor, next frame
            return;
        }
        let y = f64::from(pane.scroll_top());
        let body_line =
            Parts::of(&self.doc, self.parts, &pane).map_or(0.0, |parts| parts.line_at_y(y));
        let line = if y <= 0.0 {
            0.0
        } else {
            self.front_matter_lines() + body_line
        };
        let before = scroller.scroll_top();
        self.editor
            .scroll_to_line(line.floor() as usize, line.fract());
        self.expect(Pane::Editor, before, scroller.scroll_top());
    }
}
