// The editor before the app: what a writer sees while the app's WebAssembly is still
// on its way (half a megabyte; seconds on a phone network).
//
// `assets/early.js` calls `showEarly` as soon as this bundle has arrived. It reads the
// draft the app will open (the same `recap:settings` and `recap:draft:<id>` entries,
// read only) or, on a first visit, makes the same template the app makes, and shows it
// in a real editor where the app's editor will be. The writer can type at once. When
// the app starts, `RecapEditor.start` adopts this editor: the same view moves into the
// app's page, and what was typed meanwhile reaches the app as one change, as typing
// would. If the app never starts, the editor says so and offers its text as a file.
//
// Nothing here writes to storage: the app alone does.

/** Storage entries and format shared with the app (src/drafts/store.rs, draft.rs). */
const SETTINGS_KEY = "recap:settings";
const DRAFT_PREFIX = "recap:draft:";
const DRAFT_FORMAT = 1;
/** Where the app's editor was, written by the app (src/ui/editor_place.rs). */
export const PLACE_KEY = "recap:editor-place";

/** The template of a new recap, as `recap_template(None, now)` in src/drafts/template.rs. */
function template(now) {
  const pad = (n) => String(n).padStart(2, "0");
  // getTimezoneOffset is UTC minus local time, in minutes.
  const offset = -now.getTimezoneOffset();
  const sign = offset < 0 ? "-" : "+";
  const date =
    `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}` +
    `T${pad(now.getHours())}:${pad(now.getMinutes())}:00` +
    `${sign}${pad(Math.floor(Math.abs(offset) / 60))}:${pad(Math.abs(offset) % 60)}`;
  return (
    "---\ntitle: ''\n" +
    `date: ${date}\n` +
    "categories:\n  - articles\ntags:\n  - Conference\ndescription: ''\n---\n" +
    "A few words about the event: where, when, and why you went.\n\n## Day 1\n\n"
  );
}

/** Line (from 0) and UTF-16 column of the UTF-8 byte offset `cursor` in `text`. */
function lineColOfByte(text, cursor) {
  const bytes = new TextEncoder().encode(text);
  const before = new TextDecoder().decode(bytes.subarray(0, Math.min(cursor, bytes.length)));
  let line = 0;
  let start = 0;
  for (const m of before.matchAll(/\r\n?|\n/g)) {
    line += 1;
    start = m.index + m[0].length;
  }
  return [line, before.length - start];
}

/**
 * What the app will open, as `{ text, line, col, theme }`, or null when the early
 * editor should not guess (storage unreadable, drafts but none to reopen, an author
 * name the template would carry). Mirrors `Workspace::start`: the last draft open, if
 * it is stored, readable and not in the trash; a new template when no draft is stored.
 */
export function earlyDraft(storage, now) {
  const settings = JSON.parse(storage.getItem(SETTINGS_KEY) ?? "{}") ?? {};
  const theme = settings.theme === "light" || settings.theme === "dark" ? settings.theme : null;
  const id = settings.last_open;
  if (typeof id === "string") {
    const draft = JSON.parse(storage.getItem(DRAFT_PREFIX + id) ?? "null");
    if (draft && draft.format === DRAFT_FORMAT && draft.id === id && draft.trashed_ms == null && typeof draft.text === "string") {
      const [line, col] = lineColOfByte(draft.text, Number(draft.cursor) || 0);
      return { text: draft.text, line, col, theme };
    }
  }
  for (let i = 0; i < storage.length; i++) {
    if (storage.key(i)?.startsWith(DRAFT_PREFIX)) return null;
  }
  if (typeof settings.author === "string" && settings.author.trim() !== "") return null;
  return { text: template(now), line: 0, col: 0, theme };
}

/**
 * Where the early editor goes: where the app's editor was last time in a window of
 * this size, else a guess from the stylesheet's layout (header, drafts list from
 * 1100 px, the preview beside the editor above 800 px, the status bar).
 */
export function earlyPlace(storage, width, height) {
  try {
    const p = JSON.parse(storage.getItem(PLACE_KEY) ?? "null");
    if (p && p.vw === width && p.vh === height && [p.x, p.y, p.w, p.h].every(Number.isFinite) && p.w > 0 && p.h > 0) {
      return { x: p.x, y: p.y, w: p.w, h: p.h };
    }
  } catch {
    // A broken entry: guess.
  }
  const narrow = width <= 800;
  const left = width >= 1100 ? 272 : 0;
  // The header and toolbar above the editor (the toolbar wraps in a split column).
  const top = narrow ? 85 : 165;
  const w = narrow ? width : Math.round((width - left) / 2);
  return { x: left, y: top, w, h: Math.max(120, height - top - 26) };
}
