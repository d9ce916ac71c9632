//! Scroll sync between the editor and the preview, by source line: each preview
//! block knows the body line it starts on (`data-line`), and positions between two
//! blocks are interpolated.

use super::EditorHandle;
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
}

fn preview_pane() -> Option<web_sys::HtmlElement> {
    web_sys::window()?
        .document()?
        .query_selector(".preview-pane")
        .ok()??
        .dyn_into()
        .ok()
}

/// The preview's blocks as (body line from 0, top in the pane).
fn block_positions(pane: &web_sys::HtmlElement) -> Vec<(f64, f64)> {
    let Ok(list) = pane.query_selector_all("[data-testid=preview] > .block") else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .filter_map(|el| {
            // `data-line` is 1-based; positions here count body lines from 0.
            let line: f64 = el.get_attribute("data-line")?.parse().ok()?;
            Some((line - 1.0, f64::from(el.offset_top())))
        })
        .collect()
}

/// Block `i` and the one after it (or the end of the text and of the pane).
fn between(
    blocks: &[(f64, f64)],
    i: usize,
    total_lines: f64,
    pane: &web_sys::HtmlElement,
) -> ((f64, f64), (f64, f64)) {
    let next = blocks
        .get(i + 1)
        .copied()
        .unwrap_or((total_lines, f64::from(pane.scroll_height())));
    (blocks[i], next)
}

/// Lines of front matter above the body (block lines count from the body).
fn front_matter_lines(text: &str) -> f64 {
    lenient_body_line(text) as f64
}

impl ScrollSync {
    /// Creates the sync and provides it as context.
    pub fn provide() -> ScrollSync {
        let sync = ScrollSync {
            expected: StoredValue::new([None, None]),
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

    /// Scrolls `el` (which is `pane`) to `top`, expecting the echo when it moved.
    fn place(&self, pane: Pane, el: &web_sys::Element, top: i32) {
        let before = el.scroll_top();
        el.set_scroll_top(top);
        let now = el.scroll_top();
        self.expected
            .update_value(|e| e[pane as usize] = (now != before).then_some(now));
    }

    /// A jump (outline, checks) placed both panes itself: their echoes are not the
    /// writer scrolling. Call after the jump.
    pub fn placed(&self) {
        let editor = EditorHandle::get().0.get_untracked();
        let preview = preview_pane();
        self.expected.set_value([
            editor.map(|el| el.scroll_top()),
            preview.map(|el| el.scroll_top()),
        ]);
    }

    /// For a scroll of `from` by the writer (not an echo): the textarea, the preview
    /// pane, the text and its number of lines.
    fn panes(
        &self,
        from: Pane,
    ) -> Option<(
        web_sys::HtmlTextAreaElement,
        web_sys::HtmlElement,
        String,
        f64,
    )> {
        let area = EditorHandle::get().0.get_untracked()?;
        let pane = preview_pane()?;
        let top = match from {
            Pane::Editor => area.scroll_top(),
            Pane::Preview => pane.scroll_top(),
        };
        if self.is_echo(from, top) {
            return None;
        }
        let text = area.value();
        let total = (text.matches('\n').count() + 1) as f64;
        Some((area, pane, text, total))
    }

    /// The writer scrolled the editor: bring the preview to the same line.
    pub fn editor_scrolled(&self) {
        let Some((area, pane, text, total)) = self.panes(Pane::Editor) else {
            return;
        };
        let height = f64::from(area.scroll_height().max(1));
        let top_line = f64::from(area.scroll_top()) / height * total;
        let body_line = top_line - front_matter_lines(&text);
        let blocks = block_positions(&pane);
        let y = if body_line <= 0.0 || blocks.is_empty() {
            0.0
        } else {
            let i = blocks
                .iter()
                .rposition(|(l, _)| *l <= body_line)
                .unwrap_or(0);
            let ((line, top), (next_line, next_top)) = between(&blocks, i, total, &pane);
            let span = (next_line - line).max(1.0);
            top + (body_line - line) / span * (next_top - top)
        };
        self.place(Pane::Preview, &pane, y.max(0.0) as i32);
    }

    /// The writer scrolled the preview: bring the editor to the same line.
    pub fn preview_scrolled(&self) {
        let Some((area, pane, text, total)) = self.panes(Pane::Preview) else {
            return;
        };
        let y = f64::from(pane.scroll_top());
        let blocks = block_positions(&pane);
        let line = match blocks.iter().rposition(|(_, top)| *top <= y) {
            None => 0.0,
            Some(i) => {
                let ((line, top), (next_line, next_top)) = between(&blocks, i, total, &pane);
                let span = (next_top - top).max(1.0);
                front_matter_lines(&text) + line + (y - top) / span * (next_line - line)
            }
        };
        let height = f64::from(area.scroll_height());
        self.place(Pane::Editor, &area, (line / total * height) as i32);
    }
}
