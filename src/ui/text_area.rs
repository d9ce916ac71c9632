//! Changing the editor's text from a tool (toolbar, dialogs, the front-matter form),
//! the way the browser's own editing does it, so Ctrl+Z undoes it in one step.

use super::Doc;
use crate::writing::{byte_offset, utf16_offset, TextEdit};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

/// The editor's textarea, shared through context with the tools that change it.
#[derive(Clone, Copy)]
pub struct EditorHandle(pub NodeRef<leptos::html::Textarea>);

impl EditorHandle {
    /// The handle from context.
    pub fn get() -> EditorHandle {
        expect_context::<EditorHandle>()
    }

    /// The textarea's text (`\n` line breaks) and selection as byte offsets into it.
    pub fn selection(&self) -> Option<(String, std::ops::Range<usize>)> {
        let el = self.0.get_untracked()?;
        let text = el.value();
        let start = el.selection_start().ok().flatten().unwrap_or(0) as usize;
        let end = el.selection_end().ok().flatten().unwrap_or(0) as usize;
        let (a, b) = (byte_offset(&text, start), byte_offset(&text, end));
        Some((text, a.min(b)..a.max(b)))
    }

    /// Applies `edit` as a user edit: the browser records it for undo, an `input`
    /// event follows (so the draft saves), and the selection lands where the edit says.
    pub fn apply(&self, edit: &TextEdit) {
        let Some(el) = self.0.get_untracked() else {
            return;
        };
        let text = el.value();
        let start = utf16_offset(&text, edit.range.start) as u32;
        let end = utf16_offset(&text, edit.range.end) as u32;
        let _ = el.focus();
        let _ = el.set_selection_range(start, end);
        let recorded = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.dyn_into::<web_sys::HtmlDocument>().ok())
            .and_then(|d| {
                d.exec_command_with_show_ui_and_value("insertText", false, &edit.insert)
                    .ok()
            })
            .unwrap_or(false);
        if !recorded {
            // No editing command here (some browsers, an empty insert): change the text
            // directly; undo then skips this step, but nothing is lost.
            let _ = el.set_range_text_with_start_and_end(&edit.insert, start, end);
            let cursor = el.selection_end().ok().flatten().unwrap_or(0) as usize;
            Doc::get().edit(&el.value(), cursor);
        }
        let new = el.value();
        let a = utf16_offset(&new, edit.select.start) as u32;
        let b = utf16_offset(&new, edit.select.end) as u32;
        let _ = el.set_selection_range(a, b);
    }

    /// Replaces the whole text with `new` by its smallest differing span, keeping
    /// the selection where it was where possible and focus where it is.
    pub fn splice(&self, new: &str) {
        let Some(el) = self.0.get_untracked() else {
            return;
        };
        let old = el.value();
        if old == new {
            return;
        }
        let edit = TextEdit::between(&old, new);
        let active = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.active_element());
        let sel_start = el.selection_start().ok().flatten().unwrap_or(0);
        let sel_end = el.selection_end().ok().flatten().unwrap_or(0);
        let start = utf16_offset(&old, edit.range.start) as u32;
        let end = utf16_offset(&old, edit.range.end) as u32;
        let _ = el.set_range_text_with_start_and_end(&edit.insert, start, end);
        let inserted = edit.insert.encode_utf16().count() as u32;
        let shift = |p: u32| {
            if p >= end {
                p + inserted - (end - start)
            } else {
                p.min(start + inserted)
            }
        };
        let _ = el.set_selection_range(shift(sel_start), shift(sel_end));
        let cursor = el.selection_start().ok().flatten().unwrap_or(0) as usize;
        Doc::get().edit(&el.value(), cursor);
        if let Some(active) = active.and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok()) {
            let _ = active.focus();
        }
    }

    /// Selects the front matter in the editor, to edit it as text.
    pub fn select_front_matter(&self) {
        let Some(el) = self.0.get_untracked() else {
            return;
        };
        let text = el.value();
        let end = text.len() - crate::post::lenient_body(&text).len();
        let _ = el.focus();
        let _ = el.set_selection_range(0, utf16_offset(&text, end) as u32);
        el.set_scroll_top(0);
    }

    /// Moves the cursor to the start of `line` (0-based) and scrolls the editor there.
    pub fn go_to_line(&self, line: usize) {
        let Some(el) = self.0.get_untracked() else {
            return;
        };
        let text = el.value();
        let byte: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let at = utf16_offset(&text, byte) as u32;
        let total = text.matches('\n').count().max(1) as f64;
        let _ = el.focus();
        let _ = el.set_selection_range(at, at);
        // Lines wrap, so this is an estimate; it puts the line near the top.
        let target = (line as f64 / total) * f64::from(el.scroll_height()) - 40.0;
        el.set_scroll_top(target.max(0.0) as i32);
    }
}
