//! The CodeMirror editing surface, through its shim (`editor/src/recap-editor.js`,
//! bundled next to the app as `recap-editor.js`), and the handle the tools use to
//! change the text: every change is a CodeMirror transaction (one undo step) that
//! comes back to Rust as a delta, by the same path as typing.

use super::Doc;
use crate::drafts::{EditorText, LinePos};
use crate::writing::TextEdit;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(raw_module = "./recap-editor.js")]
extern "C" {
    /// The shim's editor (`class RecapEditor`).
    #[derive(Clone)]
    pub type JsEditor;

    /// The early editor adopted (see `showEarly` in `editor/src/early.js`), or a new one.
    #[wasm_bindgen(static_method_of = JsEditor, js_class = "RecapEditor", catch)]
    fn start(parent: &web_sys::HtmlElement, options: &JsValue) -> Result<JsEditor, JsValue>;

    #[wasm_bindgen(method)]
    fn load(this: &JsEditor, text: &str, line: u32, col: u32);

    #[wasm_bindgen(method)]
    #[allow(clippy::too_many_arguments)]
    fn change(
        this: &JsEditor,
        from_line: u32,
        from_col: u32,
        to_line: u32,
        to_col: u32,
        insert: &str,
        anchor_line: u32,
        anchor_col: u32,
        head_line: u32,
        head_col: u32,
    );

    #[wasm_bindgen(method)]
    fn selection(this: &JsEditor) -> Vec<u32>;

    #[wasm_bindgen(method)]
    fn select(
        this: &JsEditor,
        anchor_line: u32,
        anchor_col: u32,
        head_line: u32,
        head_col: u32,
        top: bool,
    );

    #[wasm_bindgen(method)]
    fn focus(this: &JsEditor);

    #[wasm_bindgen(method, js_name = topLine)]
    fn top_line(this: &JsEditor) -> Vec<f64>;

    #[wasm_bindgen(method, js_name = scrollToLine)]
    fn scroll_to_line(this: &JsEditor, line: u32, fraction: f64);

    #[wasm_bindgen(method)]
    fn scroller(this: &JsEditor) -> web_sys::HtmlElement;
}

/// What the editor reports, as Rust closures.
pub struct Callbacks {
    /// A transaction's changes: the positions (four per change) and inserted texts,
    /// then the cursor.
    pub changes: Box<dyn FnMut(js_sys::Uint32Array, js_sys::Array, u32, u32)>,
    /// The cursor moved, nothing else.
    pub cursor: Box<dyn FnMut(u32, u32)>,
    /// The editor scrolled.
    pub scroll: Box<dyn FnMut()>,
    /// Text was pasted; whether it stands alone on its line. True when the app made
    /// the paste a change of its own (the editor then inserts nothing).
    pub paste: Box<dyn FnMut(String, bool) -> bool>,
    /// A key with Ctrl or Cmd: whether the app handled it.
    pub key: Box<dyn FnMut(String, bool, bool, bool) -> bool>,
    /// Tab (false) or Shift+Tab (true): whether the app took it (in a list); else the
    /// browser moves the focus.
    pub indent: Box<dyn FnMut(bool) -> bool>,
}

/// Creates the editor in `parent`, showing `text` with the cursor at `cursor` (as
/// [`EditorHandle::load`] would, without building the editor twice on start-up). When
/// the page already shows the early editor (the draft, before the app had started),
/// that editor moves into `parent` instead, and what the writer typed in it arrives
/// through `callbacks` as a change, right after this returns.
/// `Err` with the browser's message when the editor module did not load or start.
pub fn create_editor(
    parent: &web_sys::HtmlElement,
    text: &str,
    cursor: LinePos,
    callbacks: Callbacks,
) -> Result<JsEditor, String> {
    let options = js_sys::Object::new();
    let set = |key: &str, value: &JsValue| {
        let _ = js_sys::Reflect::set(&options, &JsValue::from_str(key), value);
    };
    set("text", &JsValue::from_str(text));
    set("line", &JsValue::from(cursor.line as u32));
    set("col", &JsValue::from(cursor.col as u32));
    // The editor lives as long as the page: its callbacks do too.
    let changes = Closure::wrap(callbacks.changes);
    set("onChanges", changes.as_ref());
    changes.forget();
    let cursor = Closure::wrap(callbacks.cursor);
    set("onCursor", cursor.as_ref());
    cursor.forget();
    let scroll = Closure::wrap(callbacks.scroll);
    set("onScroll", scroll.as_ref());
    scroll.forget();
    let paste = Closure::wrap(callbacks.paste);
    set("onPaste", paste.as_ref());
    paste.forget();
    let key = Closure::wrap(callbacks.key);
    set("onKey", key.as_ref());
    key.forget();
    let indent = Closure::wrap(callbacks.indent);
    set("onIndent", indent.as_ref());
    indent.forget();
    set("label", &JsValue::from_str("Markdown of the post"));
    JsEditor::start(parent, &options).map_err(|e| {
        e.as_string()
            .or_else(|| {
                js_sys::Reflect::get(&e, &"message".into())
                    .ok()?
                    .as_string()
            })
            .unwrap_or_else(|| "the editor did not start".into())
    })
}

/// The editor, shared through context with the tools that change the text. It holds
/// the document too: the editor's callbacks run outside the app's context.
#[derive(Clone, Copy)]
pub struct EditorHandle(pub StoredValue<Option<JsEditor>, LocalStorage>, Doc);

impl EditorHandle {
    /// A handle with no editor yet, provided as context.
    pub fn provide(doc: Doc) -> EditorHandle {
        let handle = EditorHandle(StoredValue::new_local(None), doc);
        provide_context(handle);
        handle
    }

    /// The handle from context.
    pub fn get() -> EditorHandle {
        expect_context::<EditorHandle>()
    }

    fn js(&self) -> Option<JsEditor> {
        self.0.try_get_value().flatten()
    }

    /// Shows `text` with the cursor at `cursor` (a fresh undo history).
    pub fn load(&self, text: &str, cursor: LinePos) {
        if let Some(js) = self.js() {
            js.load(text, cursor.line as u32, cursor.col as u32);
        }
    }

    /// The draft's text (its own line endings) and the selection as byte offsets.
    pub fn selection(&self) -> Option<(String, std::ops::Range<usize>)> {
        let js = self.js()?;
        let s = js.selection();
        let [al, ac, hl, hc] = <[u32; 4]>::try_from(s).ok()?;
        self.1.with(|ws| {
            let t = ws.editor_text();
            let a = t.offset(LinePos::new(al as usize, ac as usize));
            let h = t.offset(LinePos::new(hl as usize, hc as usize));
            Some((ws.text().to_string(), a.min(h)..a.max(h)))
        })
    }

    /// Applies `edit` (byte offsets into the draft's text) as one undoable step, and
    /// selects what it says.
    pub fn apply(&self, edit: &TextEdit) {
        let Some(js) = self.js() else { return };
        let (from, to, new) = self.1.with(|ws| {
            let old = ws.editor_text();
            let new = EditorText::new(edit.apply(ws.text()));
            (old.pos(edit.range.start), old.pos(edit.range.end), new)
        });
        let (a, h) = (new.pos(edit.select.start), new.pos(edit.select.end));
        js.focus();
        js.change(
            from.line as u32,
            from.col as u32,
            to.line as u32,
            to.col as u32,
            &edit.insert,
            a.line as u32,
            a.col as u32,
            h.line as u32,
            h.col as u32,
        );
    }

    /// Makes the text `new` by its smallest differing span (one undoable step),
    /// keeping the selection where it was and the focus where it is.
    pub fn splice(&self, new: &str) {
        let Some(js) = self.js() else { return };
        let (old_text, old, new_text) = self.1.with(|ws| {
            (
                ws.text().to_string(),
                EditorText::new(ws.text().to_string()),
                EditorText::new(new.to_string()),
            )
        });
        if old_text == new {
            return;
        }
        let edit = TextEdit::between(&old_text, new);
        let (from, to) = (old.pos(edit.range.start), old.pos(edit.range.end));
        // The selection moves with the text after the change.
        let sel = js.selection();
        let shift = |line: u32, col: u32| -> LinePos {
            let at = old.offset(LinePos::new(line as usize, col as usize));
            let moved = if at >= edit.range.end {
                at + edit.insert.len() - (edit.range.end - edit.range.start)
            } else {
                at.min(edit.range.start + edit.insert.len())
            };
            new_text.pos(moved)
        };
        let (a, h) = match <[u32; 4]>::try_from(sel) {
            Ok([al, ac, hl, hc]) => (shift(al, ac), shift(hl, hc)),
            Err(_) => (LinePos::default(), LinePos::default()),
        };
        js.change(
            from.line as u32,
            from.col as u32,
            to.line as u32,
            to.col as u32,
            &edit.insert,
            a.line as u32,
            a.col as u32,
            h.line as u32,
            h.col as u32,
        );
    }

    /// Selects the front matter, to edit it as text.
    pub fn select_front_matter(&self) {
        let Some(js) = self.js() else { return };
        let body_line = self.1.with(|ws| crate::post::lenient_body_line(ws.text()));
        js.select(0, 0, body_line as u32, 0, true);
        js.focus();
    }

    /// Moves the cursor to the start of `line` (0-based) and puts the line at the top.
    pub fn go_to_line(&self, line: usize) {
        let Some(js) = self.js() else { return };
        js.select(line as u32, 0, line as u32, 0, true);
        js.focus();
    }

    /// Focuses the editor.
    pub fn focus(&self) {
        if let Some(js) = self.js() {
            js.focus();
        }
    }

    /// The line (0-based) at the top of the editor and how far into it (0..1).
    pub fn top_line(&self) -> Option<(f64, f64)> {
        let v = self.js()?.top_line();
        Some((*v.first()?, *v.get(1)?))
    }

    /// Puts `fraction` of line `line` (0-based) at the top of the editor.
    pub fn scroll_to_line(&self, line: usize, fraction: f64) {
        if let Some(js) = self.js() {
            js.scroll_to_line(line as u32, fraction);
        }
    }

    /// The editor's scrolling element.
    pub fn scroller(&self) -> Option<web_sys::HtmlElement> {
        Some(self.js()?.scroller())
    }
}
