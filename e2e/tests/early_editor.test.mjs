// The editor before the app: while the app's WebAssembly is on its way, the page shows
// the draft the app will open in a real editor, at the place the app's editor will be.
// What the writer types there reaches the app; if the app cannot start, the text can
// still be downloaded. The wasm is held back by the test to look at that moment.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { serveDist } from "../lib/server.mjs";
import { launch, openApp, APP_EDITOR, screenshot, saved } from "../lib/browser.mjs";
import { editor, exportedText, selectText, setText, shownText } from "../lib/editor.mjs";

const cleanup = [];
after(async () => {
  for (const f of cleanup.reverse()) await f();
});

async function setup() {
  const server = await serveDist();
  // No service worker: it would serve the wasm from its cache, past the test's hold.
  const context = await launch({ serviceWorkers: "block" });
  cleanup.push(() => server.close(), () => context.close());
  return { server, context };
}

/** Holds every request for the wasm until the returned function is called. */
async function holdWasm(page) {
  let release;
  const gate = new Promise((r) => (release = r));
  await page.route(/\.wasm$/, async (route) => {
    await gate;
    await route.continue();
  });
  return release;
}

/** The early editor is there and the app is not (its header, its tools). */
async function earlyOnly(page) {
  await page.waitForSelector("[data-testid=editor]");
  assert.equal(await page.locator(".app").count(), 0, "the app has not started yet");
}

const firstLineBox = (page) =>
  page.evaluate(() => {
    const r = document.querySelector("[data-testid=editor] .cm-line").getBoundingClientRect();
    return [r.x, r.y, r.width].map(Math.round);
  });

test("before the app has started, the editor shows the open draft where the app's editor will be, and what is typed there is kept", async () => {
  const { server, context } = await setup();
  const { page } = await openApp(context, server.url);
  // Wide enough for the details panel beside the preview: the app's editor is not where
  // the early editor would guess it, only where the app was last time.
  await page.setViewportSize({ width: 1600, height: 900 });
  await page.reload();
  await page.waitForSelector(APP_EDITOR);
  // The app remembers where its editor is, a moment after it has started.
  await page.waitForFunction(() => JSON.parse(localStorage.getItem("recap:editor-place") ?? "{}").vw === 1600);
  const draft = "---\ntitle: Early words\n---\n\n## Keynote\n\nNotes from the keynote, with ümlauts and 🎉.\n\n## Second talk\n\nMore notes.\n";
  await setText(page, draft);
  await saved(page);

  const release = await holdWasm(page);
  await page.reload({ waitUntil: "commit" });
  await earlyOnly(page);
  assert.equal(await shownText(page), draft, "the stored draft, before the app");
  const before = await firstLineBox(page);
  await screenshot(page, "early-editor-returning");
  // The writer types before the app is there: in the middle, and at the end.
  await page.locator("[data-testid=editor] .cm-line", { hasText: "Notes from the keynote" }).click();
  await page.keyboard.press("End");
  await page.keyboard.type(" Typed early.");
  await page.keyboard.press("Control+End");
  await page.keyboard.type("Last line.");
  assert.equal(await page.locator(".app").count(), 0, "typed before the app started");

  release();
  await page.waitForSelector(APP_EDITOR);
  assert.deepEqual(await firstLineBox(page), before, "the text stays where it was when the app takes the editor in");
  // The typing goes on in the same editor, and all of it is the draft's.
  await page.keyboard.type(" And after.");
  const want = draft.replace("🎉.", "🎉. Typed early.") + "Last line. And after.";
  assert.equal(await exportedText(page), want);
  await saved(page);
  // Saved: a reload opens the same text.
  await page.reload();
  await page.waitForSelector(APP_EDITOR);
  assert.equal(await exportedText(page), want);
  await page.close();
});

test("on a first visit the early editor shows the app's template; it has the focus, and undo after the app has started undoes early typing", async () => {
  const { server, context } = await setup();
  const page = await context.newPage();
  // One clock for the early template and the app's: both date the draft to the minute.
  await page.clock.setFixedTime(new Date("2026-11-29T09:41:30"));
  const release = await holdWasm(page);
  await page.goto(server.url, { waitUntil: "commit" });
  await earlyOnly(page);
  const early = await shownText(page);
  assert.match(early, /^---\ntitle: ''\ndate: 2026-11-29T09:41:00[+-]\d\d:\d\d\n/);
  await screenshot(page, "early-editor-first-visit");
  release();
  await page.waitForSelector(APP_EDITOR);
  // The app's own template for the same minute: the early editor showed exactly it.
  assert.equal(await exportedText(page), early);

  // Typed early, undone after the app has started: one history across the two.
  await page.close();
  const again = await context.newPage();
  const release2 = await holdWasm(again);
  await again.goto(server.url, { waitUntil: "commit" });
  await earlyOnly(again);
  const stored = await shownText(again);
  // The writer types without a click first: the editor takes the focus once shown.
  await again.waitForFunction(() => document.activeElement?.closest("[data-testid=editor]") != null);
  await again.keyboard.press("Control+End");
  await again.keyboard.type("Early");
  release2();
  await again.waitForSelector(APP_EDITOR);
  assert.equal(await exportedText(again), stored + "Early");
  await editor(again).focus();
  await again.keyboard.press("Control+z");
  await again.waitForFunction(() => !document.querySelector("[data-testid=editor]").textContent.includes("Early"));
  assert.equal(await exportedText(again), stored);
  await again.close();
});

test("the editor shows, and the app starts, without making a word segmenter (ICU's word-break data, 14 ms of a cold start)", async () => {
  const { server, context } = await setup();
  const page = await context.newPage();
  // Counts every Intl.Segmenter made, whatever its options; the page can still make one.
  await page.addInitScript(() => {
    window.__segmenters = 0;
    const Original = Intl.Segmenter;
    Intl.Segmenter = new Proxy(Original, {
      construct(target, args) {
        window.__segmenters += 1;
        return Reflect.construct(target, args);
      },
    });
  });
  const release = await holdWasm(page);
  await page.goto(server.url, { waitUntil: "commit" });
  await earlyOnly(page);
  assert.equal(await page.evaluate(() => window.__segmenters), 0, "a segmenter was made before the early editor showed");
  release();
  await page.waitForSelector(APP_EDITOR);
  // Typing and moving by words (Ctrl+arrows) need none either.
  await editor(page).focus();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(" Words to move over");
  await page.keyboard.press("Control+ArrowLeft");
  await page.keyboard.press("Control+ArrowLeft");
  await page.keyboard.type("two ");
  assert.match(await exportedText(page), /Words to two move over$/);
  assert.equal(await page.evaluate(() => window.__segmenters), 0, "a segmenter was made while the app started or the writer typed");
  await page.close();
});

/** Each font (family, weight, style, size) that text under `root` is drawn in: the
 * visible text only, unless `hidden` too. */
const fontsOf = (page, root, { hidden = false } = {}) =>
  page.evaluate(([selector, hidden]) => {
    const fonts = new Set();
    const from = document.querySelector(selector);
    if (!from) return [];
    const walker = document.createTreeWalker(from, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (!node.data.trim() || !(hidden || node.parentElement.checkVisibility())) continue;
      const s = getComputedStyle(node.parentElement);
      fonts.add(`${s.fontFamily} ${s.fontWeight} ${s.fontStyle} ${s.fontSize}`);
    }
    return [...fonts].sort();
  }, [root, hidden]);

test("the fonts of the early editor's first frame are laid out before its code has run (a fresh browser looks each up once, slowly), and the page drops them once it shows", async () => {
  const { server, context } = await setup();
  const { page } = await openApp(context, server.url);
  // Every style of the editor's theme that changes the font, one at a time.
  await setText(page, "---\ntitle: Fonts\n---\n\n# Heading one\n\n## Heading two\n\n### Three\n\nText, *emphasis*, **strong**, `code`.\n\n> A quote.\n\n<!-- A comment. -->\n");
  await saved(page);

  // The page as sent, before early.js runs: what it lays out while the editor's code compiles.
  await page.route(/\/early\.js$/, (route) => route.fulfill({ contentType: "text/javascript", body: "" }));
  await page.route(/\.wasm$/, (route) => route.abort());
  await page.reload({ waitUntil: "domcontentloaded" });
  // Hidden: laid out, never shown.
  const warmed = await fontsOf(page, ".font-warmup", { hidden: true });
  await page.unrouteAll();

  const release = await holdWasm(page);
  await page.reload({ waitUntil: "commit" });
  await earlyOnly(page);
  const used = await fontsOf(page, "body");
  assert.ok(used.length >= 5, `the draft's text in several fonts: ${used.join("; ")}`);
  const missing = used.filter((font) => !warmed.includes(font));
  assert.deepEqual(missing, [], `the early editor draws text in fonts the page does not lay out first (style/font-warmup.css)`);
  assert.equal(await page.locator(".font-warmup").count(), 0, "the fonts' element is gone once the editor shows");
  release();
  await page.waitForSelector(APP_EDITOR);
  assert.equal(await page.locator(".font-warmup").count(), 0);
  await page.close();
});

test("on a first visit the app's wasm is asked for once the early editor has shown the draft; with the service worker in control, at once", async () => {
  const server = await serveDist();
  const context = await launch(); // the service worker allowed: the second load is its
  cleanup.push(() => server.close(), () => context.close());
  const page = await context.newPage();
  await page.addInitScript(() => {
    new MutationObserver(() => {
      if (!window.__draftShownAt && document.querySelector("[data-testid=editor] .cm-line")) window.__draftShownAt = performance.now();
    }).observe(document, { childList: true, subtree: true });
  });
  const times = () =>
    page.evaluate(() => ({
      draftShown: window.__draftShownAt,
      wasmAsked: performance.getEntriesByType("resource").find((r) => /\/recap-[0-9a-f]{1,16}_bg\.wasm$/.test(r.name))?.startTime,
    }));
  // A first visit: the editor's files have the connection to themselves.
  await page.goto(server.url);
  await page.waitForSelector(APP_EDITOR);
  const first = await times();
  assert.ok(first.draftShown > 0 && first.wasmAsked > 0, JSON.stringify(first));
  assert.ok(first.wasmAsked > first.draftShown, `first visit: the wasm was asked for before the draft showed (${JSON.stringify(first)})`);
  // From the service worker's cache: nothing to wait for.
  await page.evaluate(() => navigator.serviceWorker.ready);
  await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await page.waitForSelector(APP_EDITOR);
  const again = await times();
  assert.ok(again.draftShown > 0 && again.wasmAsked > 0, JSON.stringify(again));
  assert.ok(again.wasmAsked < again.draftShown, `service worker: the wasm waited for the draft (${JSON.stringify(again)})`);
  await page.close();
});

test("when the app cannot start, the early editor says so and its text can still be downloaded", async () => {
  const { server, context } = await setup();
  const { page } = await openApp(context, server.url);
  await setText(page, "# Notes\n\nKept.\n");
  await saved(page);
  await page.route(/\.wasm$/, (route) => route.fulfill({ status: 500, body: "gone" }));
  await page.reload({ waitUntil: "commit" });
  await earlyOnly(page);
  await editor(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type("Typed anyway.");
  const banner = page.locator("[data-testid=editor-stopped]");
  await banner.waitFor();
  assert.match(await banner.textContent(), /could not start/);
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=rescue-download]").click()]);
  assert.equal(await readFile(await file.path(), "utf8"), "# Notes\n\nKept.\nTyped anyway.");
  await page.close();
});

test("a long draft with mixed line endings opens early at its cursor, as the app opens it, and keeps every line's ending", async () => {
  const { server, context } = await setup();
  const { page } = await openApp(context, server.url);
  const lines = Array.from({ length: 240 }, (_, i) => `Line ${i} über ${"word ".repeat(i % 7)}`);
  const original = lines.map((l, i) => l + (i % 3 ? "\n" : "\r\n")).join("");
  await page.locator("[data-testid=import-md]").setInputFiles({ name: "long.md", mimeType: "text/markdown", buffer: Buffer.from(original) });
  await page.locator("[data-testid=notices] .notice", { hasText: "Imported long.md" }).waitFor();
  // The cursor half-way down, after an edit there (saved with the draft).
  await selectText(page, "Line 150 ", { collapse: true });
  await page.keyboard.type("A");
  await saved(page);
  const withA = original.replace("Line 150 ", "Line 150 A");
  assert.equal(await exportedText(page), withA);

  const release = await holdWasm(page);
  await page.reload({ waitUntil: "commit" });
  await earlyOnly(page);
  const scrolled = () => page.evaluate(() => Math.round(document.querySelector(".cm-scroller").scrollTop));
  const earlyTop = await scrolled();
  assert.ok(earlyTop > 1000, `opened at the cursor, not at the top (scrolled ${earlyTop} px)`);
  // Focused at the cursor: typing goes there without a click.
  await page.keyboard.type("E");
  release();
  await page.waitForSelector(APP_EDITOR);
  assert.equal(await scrolled(), earlyTop, "the app keeps the place the early editor showed");
  await page.keyboard.type("F");
  assert.equal(await exportedText(page), original.replace("Line 150 ", "Line 150 AEF"));
  await page.close();
});
