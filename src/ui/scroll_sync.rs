//! Scroll sync between the editor and the preview, by source line: the editor says
//! which line (and how far into it) is at its top, from its own line geometry; each
//! preview part knows the body line it starts on; positions inside a part are
//! interpolated between its top and the next part's.

use super::{Doc, EditorHandle};
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
    editor: EditorHandle,
    doc: Doc,
}

fn preview_pane() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .query_selector(".preview-pane")
        .ok()??
        .dyn_into()
        .ok()
}

fn preview_body(pane: &web_sys::HtmlElement) -> Option<web_sys::HtmlElement> {
    pane.query_selector("[data-testid=preview]")
        .ok()??
        .dyn_into()
        .ok()
}

/// Each shown part as (body line from 0, its top in the pane's scroll coordinates).
fn part_positions(doc: &Doc, pane: &web_sys::HtmlElement) -> Vec<(f64, f64)> {
    let Some(body) = preview_body(pane) else {
        return Vec::new();
    };
    let children = body.children();
    let pane_top = pane.get_bounding_client_rect().top() - f64::from(pane.scroll_top());
    doc.part_lines()
        .into_iter()
        .filter_map(|(index, line)| {
            let el = children.item(index as u32)?;
            let top = el.get_bounding_client_rect().top() - pane_top;
            // `line` is 1-based; positions here count body lines from 0.
            Some((line as f64 - 1.0, top))
        })
        .collect()
}

impl ScrollSync {
    /// Creates the sync and provides it as context.
    pub fn provide(doc: Doc, editor: EditorHandle) -> ScrollSync {
        let sync = ScrollSync {
            expected: StoredValue::new([None, None]),
            editor,
            doc,
        };
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
        let parts = part_positions(&self.doc, &pane);
        let y = if body_line <= 0.0 || parts.is_empty() {
            0.0
        } else {
            let i = parts
                .iter()
                .rposition(|(l, _)| *l <= body_line)
                .unwrap_or(0);
            let (start, top) = parts[i];
            let (next_line, next_top) = parts
                .get(i + 1)
                .copied()
                .unwrap_or((start + 1.0, f64::from(pane.scroll_height())));
            let span = (next_line - start).max(1.0);
            top + ((body_line - start) / span).clamp(0.0, 1.0) * (next_top - top)
        };
        let before = pane.scroll_top();
        pane.set_scroll_top(y.max(0.0) as i32);
        self.expect(Pane::Preview, before, pane.scroll_top());
    }

    /// The writer scrolled the preview: bring the editor to the same line.
    pub fn preview_scrolled(&self) {
        let (Some(scroller), Some(pane)) = (self.editor.scroller(), preview_pane()) else {
            return;
        };
        if self.is_echo(Pane::Preview, pane.scroll_top()) {
            return;
        }
        let y = f64::from(pane.scroll_top());
        let parts = part_positions(&self.doc, &pane);
        let body_line = match parts.iter().rposition(|(_, top)| *top <= y) {
            None => 0.0,
            Some(i) => {
                let (start, top) = parts[i];
                let (next_line, next_top) = parts
                    .get(i + 1)
                    .copied()
                    .unwrap_or((start + 1.0, f64::from(pane.scroll_height())));
                let span = (next_top - top).max(1.0);
                start + ((y - top) / span).clamp(0.0, 1.0) * (next_line - start)
            }
        };
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
