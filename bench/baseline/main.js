// The baseline editor for `make bench`: Recap's own CodeMirror setup, and on every
// change the whole preview rendered again (markdown-it, DOMPurify, innerHTML).
import { RecapEditor } from "../../editor/src/recap-editor.js";
// For the bench, which waits until the editor has parsed the text it was given.
export { parsedToEnd } from "../../editor/src/recap-editor.js";
import MarkdownIt from "markdown-it";
import DOMPurify from "dompurify";

const floor = new URLSearchParams(location.search).has("floor");
const md = new MarkdownIt({ html: true, linkify: true, typographer: true });
const preview = document.getElementById("preview");
let editor;
const render = () => {
  // Front matter is not Markdown: skip it, as the editors' previews do.
  const text = editor.view.state.doc.toString().replace(/^---\n[\s\S]*?\n---\n/, "");
  preview.innerHTML = DOMPurify.sanitize(md.render(text));
};
editor = new RecapEditor(document.getElementById("editor-pane"), {
  onChanges: floor ? () => { preview.textContent = String(editor.view.state.doc.length); } : render,
  onCursor() {},
  onScroll() {},
  onPaste() {},
  onKey: () => false,
});
window.__ready = true;
