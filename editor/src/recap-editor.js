// Recap's editing surface: CodeMirror 6 behind a small shim the Rust app drives
// through wasm-bindgen (src/ui/code_editor.rs).
//
// The draft's text lives in Rust. This module shows it, and reports every change as
// deltas in the editor's own coordinates (line from 0, column in UTF-16 units), so Rust
// applies them to its text without copying it. Tools (toolbar, dialogs, the front-matter
// form) send their edits back here as transactions, so the editor's history undoes each
// in one step, and the change flows back to Rust by the same path as typing.

import { EditorState, EditorSelection, Prec } from "@codemirror/state";
import { EditorView, ViewPlugin, keymap } from "@codemirror/view";
import { history, defaultKeymap, historyKeymap, isolateHistory } from "@codemirror/commands";
import { syntaxHighlighting, syntaxTree, syntaxTreeAvailable, ensureSyntaxTree, HighlightStyle, Language, languageDataProp } from "@codemirror/language";
import { lazySearch } from "./lazy-search.js";
import { insertNewlineContinueMarkup, deleteMarkupBackward, markdownLanguage as langMarkdown } from "@codemirror/lang-markdown";
import { tags as t } from "@lezer/highlight";
import { markdownParser } from "./markdown.js";

// lang-markdown's Enter and Backspace (continue a list or quote, remove its markup) act
// only where its own language data is active: the editor's document node carries that
// data (comment tokens `<!--`/`-->`). Without it both keys did no more than plain ones.
const markdownLanguage = new Language(
  langMarkdown.data,
  markdownParser.configure({ props: [languageDataProp.add({ Document: langMarkdown.data })] }),
  [],
  "markdown",
);

// Colours come from the app's CSS variables (style/editor.css), so light and dark
// themes follow the app without a second style.
const highlightStyle = HighlightStyle.define([
  { tag: t.heading1, fontWeight: "700", fontSize: "1.3em", color: "var(--md-heading)" },
  { tag: t.heading2, fontWeight: "700", fontSize: "1.18em", color: "var(--md-heading)" },
  { tag: [t.heading3, t.heading4, t.heading5, t.heading6], fontWeight: "700", color: "var(--md-heading)" },
  { tag: t.emphasis, fontStyle: "italic" },
  { tag: t.strong, fontWeight: "700" },
  { tag: t.strikethrough, textDecoration: "line-through" },
  { tag: t.link, color: "var(--md-link)" },
  { tag: t.url, color: "var(--md-link)", textDecoration: "underline" },
  { tag: t.monospace, fontFamily: "var(--font-mono)", color: "var(--md-code)" },
  { tag: t.quote, color: "var(--md-quote)", fontStyle: "italic" },
  { tag: [t.processingInstruction, t.contentSeparator, t.labelName], color: "var(--md-mark)" },
  { tag: t.tagName, color: "var(--md-html)" },
  { tag: t.comment, color: "var(--md-comment)", fontStyle: "italic" },
  { tag: t.meta, color: "var(--md-meta)" },
  { tag: t.propertyName, color: "var(--md-key)", fontWeight: "600" },
  { tag: t.string, color: "var(--md-string)" },
]);

const theme = EditorView.theme({
  "&": { height: "100%", backgroundColor: "var(--surface)", color: "var(--text)" },
  "&.cm-focused": { outline: "2px solid var(--accent)", outlineOffset: "-2px" },
  ".cm-scroller": { fontFamily: "var(--font-mono)", fontSize: "15px", lineHeight: "1.6", overflowX: "hidden" },
  ".cm-content": { padding: "12px 0", caretColor: "var(--text)" },
  ".cm-line": { padding: "0 16px" },
  ".cm-cursor": { borderLeftColor: "var(--text)" },
  "&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection": { backgroundColor: "var(--selection)" },
  ".cm-panels": { backgroundColor: "var(--bg)", color: "var(--text)", borderColor: "var(--border)" },
  ".cm-panels input, .cm-panels button": { font: "inherit", fontSize: "0.85rem" },
  ".cm-searchMatch": { backgroundColor: "var(--search-match)" },
  ".cm-searchMatch-selected": { backgroundColor: "var(--search-current)" },
});

// CodeMirror parses the Markdown only a little past what is shown (100 KB beyond the
// viewport, and at most 3 s of work per 30 s). In a long post, a jump far down (the
// outline, search, the scrollbar) left the parse behind: the text there showed
// unhighlighted, and the first keystrokes paid for parsing up to it, 20 ms each at
// 1 MB. This parses the rest of the text while the page is idle, in slices short
// enough that a key pressed meanwhile waits little; after an edit, the parser reuses
// what it had past the change, so catching up again is cheap.
const IDLE_SLICE_MS = 5;
const idle =
  typeof requestIdleCallback === "function"
    ? [(f) => requestIdleCallback(f), (h) => cancelIdleCallback(h)]
    : [(f) => setTimeout(f, 50), (h) => clearTimeout(h)];
const parseAhead = ViewPlugin.fromClass(
  class {
    constructor(view) {
      this.view = view;
      this.handle = null;
      this.schedule();
    }
    update(update) {
      if (update.docChanged) this.schedule();
    }
    schedule() {
      if (this.handle === null) this.handle = idle[0]((deadline) => this.slice(deadline));
    }
    slice(deadline) {
      this.handle = null;
      const { state } = this.view;
      // Short slices while the idle period lasts and no input waits (where the
      // browser can tell): a key pressed meanwhile waits one slice at most.
      const inputPending = () => navigator.scheduling?.isInputPending?.() ?? false;
      let tree;
      do tree = ensureSyntaxTree(state, state.doc.length, IDLE_SLICE_MS);
      while (!tree && deadline && deadline.timeRemaining() > IDLE_SLICE_MS && !inputPending());
      if (!tree) this.schedule();
      else if (tree !== syntaxTree(state)) this.view.dispatch({}); // the state takes the whole tree
    }
    destroy() {
      if (this.handle !== null) idle[1](this.handle);
    }
  },
);

/**
 * Whether the editor holding `dom` has parsed its whole text (see `parseAhead`): a
 * browser test and `make bench` wait for it.
 */
export function parsedToEnd(dom) {
  const view = EditorView.findFromDOM(dom);
  return view !== null && syntaxTreeAvailable(view.state);
}

/** Line (from 0) and UTF-16 column of `pos` in `doc`. */
function lineCol(doc, pos) {
  const line = doc.lineAt(pos);
  return [line.number - 1, pos - line.from];
}

/** The position of line (from 0) and column in `doc`, clamped to the text. */
function position(doc, line, col) {
  const l = doc.line(Math.min(Math.max(line, 0), doc.lines - 1) + 1);
  return Math.min(l.from + Math.max(col, 0), l.to);
}

// The preview's sanitizer rides in the same bundle: one file, one request.
export { sanitizeInto } from "./sanitize.js";

// What the search panel's bundle (src/search.js, loaded on its first key) takes from
// CodeMirror: from here, so that it runs on this bundle's CodeMirror, not a copy.
export { getDialog, showDialog, EditorView, Decoration, ViewPlugin, showPanel, runScopeHandlers, getPanel } from "@codemirror/view";
export { codePointAt, fromCodePoint, codePointSize, EditorSelection, Facet, combineConfig, CharCategory, StateEffect, StateField, RangeSetBuilder, Prec, EditorState, findClusterBreak } from "@codemirror/state";
import { earlyDraft, earlyPlace } from "./early.js";

export class RecapEditor {
  /**
   * `options`: `onChanges(positions: Uint32Array [fromLine, fromCol, toLine, toCol]...,
   * inserts: string[], headLine, headCol)`, `onCursor(headLine, headCol)`, `onScroll()`,
   * `onPaste(text, aloneOnLine) -> bool` (true: the app changed the text instead),
   * `onKey(key, ctrlOrMeta, alt, shift) -> bool` (true: handled), `onIndent(outdent)
   * -> bool` (Tab, Shift+Tab; true: the app took it, in a list), `label` for screen
   * readers; `text`, `line` and `col`: what it shows first, and where the cursor is.
   */
  constructor(parent, options) {
    // The app's handlers, guarded: see `stop`. The early editor swaps in the app's
    // handlers when the app adopts it (`start`).
    this.app = options;
    const guard = (name, otherwise) => (...args) => {
      if (this.stopped) return otherwise;
      try {
        return this.app[name](...args);
      } catch (error) {
        this.stop(error);
        return otherwise;
      }
    };
    options = {
      ...options,
      onChanges: guard("onChanges"),
      onCursor: guard("onCursor"),
      onScroll: guard("onScroll"),
      onPaste: guard("onPaste"),
      onKey: guard("onKey", false),
      onIndent: guard("onIndent", false),
    };
    this.options = options;
    // Made with its first text: a state made empty and then replaced would build the
    // extensions and the editor's DOM twice on the way to the first paint.
    this.view = new EditorView({ parent, state: this.state(options.text ?? "", options.line ?? 0, options.col ?? 0) });
    this.view.scrollDOM.addEventListener("scroll", () => options.onScroll(), { passive: true });
    if (this.view.state.selection.main.head > 0) this.revealCursor(); // else the top shows already
  }

  state(text, line, col) {
    const o = this.options;
    const doc = EditorState.create({ doc: text }).doc;
    const at = position(doc, line, col);
    return EditorState.create({
      doc,
      selection: EditorSelection.cursor(at),
      extensions: [
        history(),
        EditorView.lineWrapping,
        markdownLanguage,
        parseAhead,
        syntaxHighlighting(highlightStyle),
        theme,
        EditorView.contentAttributes.of({
          spellcheck: "true",
          autocorrect: "on",
          autocapitalize: "sentences",
          "aria-label": o.label ?? "Markdown of the post",
          "data-testid": "editor",
          id: "editor",
        }),
        Prec.highest(
          keymap.of([
            {
              any(view, event) {
                const mod = event.ctrlKey || event.metaKey;
                return mod ? o.onKey(event.key, mod, event.altKey, event.shiftKey) : false;
              },
            },
          ]),
        ),
        lazySearch(),
        keymap.of([
          { key: "Enter", run: insertNewlineContinueMarkup },
          { key: "Backspace", run: deleteMarkupBackward },
          // In a list Tab nests the item; elsewhere it moves the focus on, as it does
          // in any page (and Escape then Tab always leaves the editor).
          { key: "Tab", run: () => o.onIndent(false) },
          { key: "Shift-Tab", run: () => o.onIndent(true) },
          ...historyKeymap,
          ...defaultKeymap,
        ]),
        EditorView.domEventHandlers({
          // Typing over a selection: the browser's own editing would delete it and
          // keep the merged lines' look with inline style spans, which the Content
          // Security Policy refuses. The editor replaces the selection itself.
          beforeinput(event, view) {
            const sel = view.state.selection.main;
            if (event.inputType !== "insertText" || event.isComposing || sel.empty || event.data == null) return false;
            event.preventDefault();
            view.dispatch(view.state.replaceSelection(event.data), { userEvent: "input.type", scrollIntoView: true });
            return true;
          },
          paste(event, view) {
            const text = event.clipboardData?.getData("text/plain") ?? "";
            const sel = view.state.selection.main;
            const line = view.state.doc.lineAt(sel.from);
            const endLine = view.state.doc.lineAt(sel.to);
            const alone =
              line.text.slice(0, sel.from - line.from).trim() === "" &&
              endLine.text.slice(sel.to - endLine.from).trim() === "";
            // The app may make the paste a change of its own (an address pasted over
            // selected words links them); else CodeMirror inserts the text itself.
            if (!o.onPaste(text, alone)) return false;
            event.preventDefault();
            return true;
          },
        }),
        EditorView.updateListener.of((update) => {
          if (update.docChanged) {
            const start = update.startState.doc;
            const positions = [];
            const inserts = [];
            update.changes.iterChanges((fromA, toA, _fromB, _toB, inserted) => {
              positions.push(...lineCol(start, fromA), ...lineCol(start, toA));
              inserts.push(inserted.toString());
            });
            const [line, col] = lineCol(update.state.doc, update.state.selection.main.head);
            o.onChanges(new Uint32Array(positions), inserts, line, col);
          } else if (update.selectionSet) {
            const [line, col] = lineCol(update.state.doc, update.state.selection.main.head);
            o.onCursor(line, col);
          }
        }),
      ],
    });
  }

  /**
   * The app failed while it took a change (a bug: a Rust panic stops the wasm, which
   * throws here). From then on the app's copy of the text may lack what the editor
   * shows, and nothing more is saved. The editor keeps the writer's words and says so
   * at the top of the page, with a button that downloads exactly what it shows.
   */
  stop(error, message = "Recap stopped because of a bug, and no longer saves what you type.") {
    if (this.stopped) return;
    this.stopped = true;
    console.error("Recap stopped:", error);
    const doc = this.view.dom.ownerDocument;
    const banner = doc.createElement("div");
    banner.className = "banner error";
    banner.setAttribute("role", "alert");
    banner.dataset.testid = "editor-stopped";
    const text = doc.createElement("p");
    text.textContent = `${message} The editor still holds all of your text: download it now, then reload the page.`;
    const button = doc.createElement("button");
    button.className = "button primary";
    button.dataset.testid = "rescue-download";
    button.textContent = "Download the text";
    button.addEventListener("click", () => {
      const url = URL.createObjectURL(new Blob([this.view.state.doc.toString()], { type: "text/markdown" }));
      const a = doc.createElement("a");
      a.href = url;
      a.download = `recap-rescued-${new Date().toISOString().slice(0, 16).replace(":", "-")}.md`;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10000);
    });
    banner.append(text, button);
    this.banner = banner;
    const app = this.earlyContainer ?? doc.querySelector(".app");
    if (app) app.prepend(banner);
    else doc.body.prepend(banner);
  }

  /**
   * The editor for the app: the early one (see `showEarly`), moved into `parent` and
   * handed the app's `options`, or a new one when there is none. What the writer typed
   * in the early editor reaches the app as one change through `onChanges`, and a
   * cursor they placed through `onCursor`, right after this returns.
   */
  static start(parent, options) {
    appStarted = true;
    const e = early;
    early = null;
    if (!e) return new RecapEditor(parent, options);
    const editor = e.editor;
    if (editor.stopped) {
      // It gave the app up for lost (an error before the app started), wrongly.
      editor.banner?.remove();
      editor.stopped = false;
    }
    const view = editor.view;
    const hadFocus = view.hasFocus;
    // Moving an element out of the page resets its scroll position: CodeMirror's
    // snapshot puts the same line back at the top.
    const scroll = view.scrollSnapshot();
    parent.append(view.dom); // the same view and history: no second first paint
    e.container.remove();
    e.header.remove();
    editor.earlyContainer = null;
    view.dispatch({ effects: scroll });
    if (hadFocus) view.focus();
    // After the app's caller has its editor: the app takes the changes as it takes
    // typing, not while it is still making the editor.
    queueMicrotask(() => {
      editor.app = options;
      if (editor.stopped) return;
      const theirs = EditorState.create({ doc: options.text ?? "" }).doc;
      const shown = view.state.doc;
      const same = theirs.eq(shown);
      if (!e.typed.edited && !same) {
        // Another text than the early editor guessed (another tab saved meanwhile):
        // the app's, as if it had opened it.
        editor.load(options.text ?? "", options.line ?? 0, options.col ?? 0);
      } else if (!same) {
        reportDifference(editor, theirs, shown);
      } else if (e.typed.moved) {
        const [line, col] = lineCol(shown, view.state.selection.main.head);
        options.onCursor(line, col);
      } else {
        const at = position(shown, options.line ?? 0, options.col ?? 0);
        if (at !== view.state.selection.main.head) {
          view.dispatch({ selection: EditorSelection.cursor(at) });
          editor.revealCursor();
        }
      }
    });
    return editor;
  }

  /** Shows another text (a fresh history) with the cursor at `line`, `col`. */
  load(text, line, col) {
    this.view.setState(this.state(text, line, col));
    this.revealCursor();
  }

  revealCursor() {
    this.view.dispatch({ effects: EditorView.scrollIntoView(this.view.state.selection.main.head, { y: "center" }) });
  }

  /** Replaces from..to with `insert` and selects anchor..head: one undoable step. */
  change(fromLine, fromCol, toLine, toCol, insert, anchorLine, anchorCol, headLine, headCol) {
    const doc = this.view.state.doc;
    const from = position(doc, fromLine, fromCol);
    const to = Math.max(from, position(doc, toLine, toCol));
    const changes = this.view.state.changes({ from, to, insert });
    const after = changes.apply(doc);
    this.view.dispatch({
      changes,
      selection: EditorSelection.single(position(after, anchorLine, anchorCol), position(after, headLine, headCol)),
      scrollIntoView: true,
      userEvent: "input.recap",
      // Its own undo step, never merged with typing just before or after.
      annotations: isolateHistory.of("full"),
    });
  }

  /** [anchorLine, anchorCol, headLine, headCol] of the main selection. */
  selection() {
    const { doc, selection } = this.view.state;
    return new Uint32Array([...lineCol(doc, selection.main.anchor), ...lineCol(doc, selection.main.head)]);
  }

  /** Selects anchor..head; `top` puts the head's line at the top of the editor. */
  select(anchorLine, anchorCol, headLine, headCol, top) {
    const doc = this.view.state.doc;
    const head = position(doc, headLine, headCol);
    this.view.dispatch({
      selection: EditorSelection.single(position(doc, anchorLine, anchorCol), head),
      effects: EditorView.scrollIntoView(head, top ? { y: "start", yMargin: 8 } : { y: "nearest" }),
    });
  }

  focus() {
    this.view.focus();
  }

  /** The line (from 0) at the top of the visible area and how far into it (0..1). */
  topLine() {
    const view = this.view;
    const height = view.scrollDOM.getBoundingClientRect().top - view.documentTop + view.documentPadding.top;
    const block = view.lineBlockAtHeight(Math.max(0, height));
    const line = view.state.doc.lineAt(block.from).number - 1;
    const fraction = block.height > 0 ? Math.min(1, Math.max(0, (height - block.top) / block.height)) : 0;
    return new Float64Array([line, fraction]);
  }

  /** Scrolls so that `fraction` (0..1) of line `line` (from 0) is at the top. */
  scrollToLine(line, fraction) {
    const view = this.view;
    const doc = view.state.doc;
    const block = view.lineBlockAt(doc.line(Math.min(Math.max(line, 0), doc.lines - 1) + 1).from);
    const offset = view.documentTop - view.scrollDOM.getBoundingClientRect().top + view.scrollDOM.scrollTop;
    view.scrollDOM.scrollTop = offset + block.top + fraction * block.height - view.documentPadding.top;
  }

  /** The element that scrolls. */
  scroller() {
    return this.view.scrollDOM;
  }

  destroy() {
    this.view.destroy();
  }
}

// The early editor, until the app adopts it; whether the app has started.
let early = null;
let appStarted = false;

/**
 * Tells the app what the writer typed in the early editor: the one span where the
 * app's text (`theirs`) and the editor's (`shown`) differ, in the app's coordinates.
 */
function reportDifference(editor, theirs, shown) {
  const a = theirs.toString();
  const b = shown.toString();
  let start = 0;
  const max = Math.min(a.length, b.length);
  while (start < max && a.charCodeAt(start) === b.charCodeAt(start)) start++;
  let end = 0;
  while (end < max - start && a.charCodeAt(a.length - 1 - end) === b.charCodeAt(b.length - 1 - end)) end++;
  // Never split a surrogate pair: the app counts columns in whole characters.
  const high = (c) => c >= 0xd800 && c <= 0xdbff;
  const low = (c) => c >= 0xdc00 && c <= 0xdfff;
  if (start > 0 && high(a.charCodeAt(start - 1))) start--;
  if (end > 0 && low(a.charCodeAt(a.length - end))) end--;
  const positions = new Uint32Array([...lineCol(theirs, start), ...lineCol(theirs, a.length - end)]);
  const [line, col] = lineCol(shown, editor.view.state.selection.main.head);
  editor.app.onChanges(positions, [b.slice(start, b.length - end)], line, col);
}

/**
 * Shows the draft the app will open in an editor of its own, placed where the app's
 * editor will be, before the app has started (`assets/early.js` calls this). Does
 * nothing when the app has started already or the draft cannot be read. If the app
 * fails to start, the editor says so and offers its text as a file. Returns whether it
 * showed the draft.
 */
export function showEarly(win = window) {
  if (appStarted || early) return false;
  let draft;
  let place;
  try {
    draft = earlyDraft(win.localStorage, new Date());
    place = earlyPlace(win.localStorage, win.innerWidth, win.innerHeight);
  } catch {
    return false; // storage unavailable or unreadable: the app will say what is wrong
  }
  if (!draft) return false;
  const doc = win.document;
  if (draft.theme) doc.documentElement.setAttribute("data-theme", draft.theme);
  // The app's header bar, its name only, until the app's own replaces it.
  const header = doc.createElement("header");
  header.className = "app-header early-header";
  const name = doc.createElement("span");
  name.className = "app-name";
  name.textContent = "Recap";
  header.append(name);
  doc.body.append(header);
  const container = doc.createElement("div");
  container.className = "early-editor";
  container.style.left = `${place.x}px`;
  container.style.top = `${place.y}px`;
  container.style.width = `${place.w}px`;
  container.style.height = `${place.h}px`;
  doc.body.append(container);
  const typed = { edited: false, moved: false };
  const editor = new RecapEditor(container, {
    text: draft.text,
    line: draft.line,
    col: draft.col,
    onChanges() {
      typed.edited = true;
    },
    onCursor() {
      typed.moved = true;
    },
    onScroll() {},
    onPaste() {},
    onKey: () => false,
    onIndent: () => false,
  });
  editor.earlyContainer = container;
  editor.focus(); // as the app's editor: the writer types without a click first
  early = { editor, container, header, typed };
  const failed = (event) => {
    if (appStarted) return;
    editor.stop(event.reason ?? event.error, "Recap could not start, so nothing you type here is saved.");
  };
  win.addEventListener("unhandledrejection", failed);
  win.addEventListener("error", failed);
  return true;
}
