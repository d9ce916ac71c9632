// Parts of the app fetched when the writer first opens them (src/ui/on_demand.rs,
// build/split-wasm.mjs): not with the page, once each, working when they come, and a
// clear message (then a retry) when their code cannot be fetched.
import { test } from "node:test";
import assert from "node:assert/strict";
import { serveDist } from "../lib/server.mjs";
import { APP_EDITOR, launch, saved } from "../lib/browser.mjs";
import { exportedText, setText, typeAtEnd } from "../lib/editor.mjs";
import { dropFiles } from "../lib/site.mjs";
import { readFile } from "node:fs/promises";

// A 1×1 PNG.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==";
const part = (name) => new RegExp(`/recap-${name}-[0-9a-f]{16}\\.wasm$`);

// No service worker: every fetch reaches the network, where the test can see and
// refuse it.
// `atInsertion` runs in the page when the app's start has inserted the app (a mutation
// observer's callback, before that task ends); what it returns is `window.__inserted`.
// `init` runs in the page before anything else.
async function start(viewport, { atInsertion, init } = {}) {
  const server = await serveDist();
  const context = await launch({ serviceWorkers: "block", viewport });
  const page = await context.newPage();
  if (init) await page.addInitScript(init);
  if (atInsertion) {
    await page.addInitScript(`new MutationObserver((_, observer) => {
      if (!document.querySelector(".app")) return;
      observer.disconnect();
      window.__inserted = (${atInsertion})();
    }).observe(document, { childList: true, subtree: true });`);
  }
  const fetched = [];
  page.on("request", (r) => fetched.push(new URL(r.url()).pathname));
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(server.url);
  await page.waitForSelector(APP_EDITOR);
  // Rendered (on a phone the preview is the other tab, hidden, and renders when it shows).
  if (viewport.width > 800) await page.locator("[data-testid=preview] .block").first().waitFor();
  const count = (name) => fetched.filter((p) => part(name).test(p)).length;
  // Refuses a part's file as a network gone offline would; the function returned lets
  // it through again.
  const refuse = async (name) => {
    const file = part(name);
    await page.route(file, (route) => route.abort("internetdisconnected"));
    return () => page.unroute(file);
  };
  // Waits for an error notice holding `text`.
  const alerted = (text) => page.locator("[data-testid=notices] [role=alert]", { hasText: text }).waitFor();
  const close = async () => {
    await context.close();
    await server.close();
  };
  return { page, count, errors, refuse, alerted, close };
}

test("the details panel and the dialogs are fetched when first opened, once", async () => {
  // Wide enough for the drafts sidebar (open at start), not for the details panel.
  const { page, count, errors, close } = await start({ width: 1280, height: 800 });
  try {
    await page.locator("[data-testid=draft-list] [data-testid=new-draft]").waitFor();
    await page.locator("[data-testid=open-site]").waitFor();
    assert.equal(count("drafts"), 1, "the open sidebar's drafts list");
    // ...fetched after the app's mount, in a task of its own: fetching and
    // instantiating it within the mount made that one long task about 100 ms longer.
    const [requested, mounted] = await page.evaluate((drafts) => [
      performance.getEntriesByType("resource").find((r) => new RegExp(drafts).test(r.name))?.startTime,
      performance.getEntriesByName("recap:mounted")[0]?.startTime,
    ], part("drafts").source);
    assert.ok(requested > mounted, `the drafts list's code was asked for at ${requested} ms, within the mount (done at ${mounted} ms)`);
    assert.equal(count("site"), 0, "no site is open: the site's code stays on the server");
    assert.equal(count("details"), 0, "the closed details panel came with the page");
    assert.equal(count("dialogs"), 0, "the dialogs came with the page");

    await page.getByRole("button", { name: "Details", exact: true }).click();
    await page.locator("[data-testid=outline]").waitFor();
    // It works when it comes: the form shows the open draft's fields.
    assert.notEqual(await page.locator("[data-testid=details] input").first().count(), 0);
    assert.equal(count("details"), 1);

    await page.locator("[data-testid=history]").click();
    await page.getByRole("dialog", { name: "History" }).waitFor();
    await page.keyboard.press("Escape");
    await page.getByRole("dialog", { name: "History" }).waitFor({ state: "hidden" });
    // Another dialog from the same file: no second fetch.
    await page.locator("[data-testid=settings]").click();
    await page.locator("[data-testid=settings-author]").waitFor();
    assert.equal(count("dialogs"), 1);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

// Opens the app wide (the drafts list open), checks that the YAML template fetched no
// front matter code, and puts `text` in the editor; resolves once `title`, read from
// its front matter, is in the preview's header and the top bar.
async function startWith(text, title) {
  const app = await start({ width: 1280, height: 800 });
  try {
    await app.page.locator("[data-testid=draft-list] [data-testid=new-draft]").waitFor();
    assert.equal(app.count("formats"), 0, "the template is YAML: no TOML or JSON code with the page");
    await setText(app.page, text);
    await app.page.locator(".preview-pane .post-title", { hasText: title }).waitFor();
    await app.page.locator("[data-testid=draft-title]", { hasText: title }).waitFor();
    return app;
  } catch (e) {
    await app.close();
    throw e;
  }
}

test("TOML front matter's code comes when a TOML post first needs it, and the post then reads as before", async () => {
  const toml = '+++\ntitle = "Munich in TOML"\ndate = 2026-11-30T09:00:00+01:00\ntags = ["DevOps"]\n+++\n\n## Keynote\n\nNotes.\n';
  const { page, count, errors, close } = await startWith(toml, "Munich in TOML");
  try {
    // The title, read from the TOML, in the drafts list too.
    await page.locator("[data-testid=draft-list]").getByText("Munich in TOML").first().waitFor();
    assert.equal(count("formats"), 1);
    assert.equal(await page.locator("[data-testid=front-matter-error]").count(), 0);
    // The export is named from the TOML title, and holds the text byte for byte.
    const [file] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=export-md]").click()]);
    assert.match(file.suggestedFilename(), /munich-in-toml/);
    assert.equal(await readFile(await file.path(), "utf8"), toml);
    await saved(page);

    // The next start opens that post: the code is fetched with it, and the post reads.
    await page.reload();
    await page.waitForSelector(APP_EDITOR);
    await page.locator(".preview-pane .post-title", { hasText: "Munich in TOML" }).waitFor();
    await page.locator("[data-testid=draft-title]", { hasText: "Munich in TOML" }).waitFor();
    assert.equal(count("formats"), 2, "once per page load");
    assert.equal(await page.locator("[data-testid=front-matter-error]").count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test("JSON front matter's code comes with TOML's when a JSON post first needs it: the fields read, and the form edits them in place", async () => {
  const json = '{\n  "title": "Munich in JSON",\n  "date": "2026-11-30T09:00:00+01:00",\n  "tags": ["DevOps"]\n}\n\n## Keynote\n\nNotes.\n';
  const { page, count, errors, close } = await startWith(json, "Munich in JSON");
  try {
    assert.equal(count("formats"), 1);
    assert.equal(await page.locator("[data-testid=front-matter-error]").count(), 0);
    // An edit through the JSON code: the title member changes, no other byte does.
    await page.getByRole("button", { name: "Details", exact: true }).click();
    await page.locator("[data-testid=fm-title]").fill("Munich, in JSON");
    await page.locator(".preview-pane .post-title", { hasText: "Munich, in JSON" }).waitFor();
    assert.equal(await exportedText(page), json.replace('"Munich in JSON"', '"Munich, in JSON"'));
    assert.equal(count("formats"), 1, "fetched once");
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test("when TOML's code cannot be fetched, a notice says so, the text stays whole, and the next edit tries again", async () => {
  const { page, errors, refuse, alerted, close } = await start({ width: 1280, height: 800 });
  try {
    const letThrough = await refuse("formats");
    const toml = '+++\ntitle = "Offline in TOML"\n+++\n\nNotes.\n';
    await setText(page, toml);
    await alerted("TOML front matter cannot be read yet");
    // Not an error in the text: the preview does not call it one.
    assert.equal(await page.locator("[data-testid=front-matter-error]").count(), 0);
    await saved(page);
    // The network is back: the next edit reads the TOML.
    await letThrough();
    await typeAtEnd(page, "More.");
    await page.locator(".preview-pane .post-title", { hasText: "Offline in TOML" }).waitFor();
    assert.equal(await exportedText(page), toml + "More.");
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test("images' code comes with the first image; when it cannot be fetched, the drop says so and the next one works", async () => {
  const { page, count, errors, refuse, alerted, close } = await start({ width: 1280, height: 800 });
  try {
    assert.equal(count("images"), 0, "the template has no image");
    const letThrough = await refuse("images");
    const text = "---\ntitle: Photos\n---\nThe stage:\n\n";
    await setText(page, text);
    await dropFiles(page, [{ name: "stage.png", base64: PNG, type: "image/png" }]);
    await alerted("The images were not added");
    await saved(page);
    assert.equal(await exportedText(page), text, "the text is as it was");
    // The network is back: the same drop keeps the image and shows it.
    await letThrough();
    await dropFiles(page, [{ name: "stage.png", base64: PNG, type: "image/png" }]);
    await page.locator("[data-testid=notices]", { hasText: "Kept stage.png" }).waitFor();
    await page.waitForFunction(() => document.querySelector("[data-testid=preview] img[data-site]")?.src.startsWith("blob:"));
    assert.match(await exportedText(page), /\{\{< figure src="stage\.png" caption="stage" >\}\}/);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test("a phone fetches the drafts list when the sidebar first opens", async () => {
  const { page, count, close } = await start({ width: 390, height: 800 });
  try {
    assert.equal(count("drafts"), 0);
    // The site panel's code comes with the sidebar's, not with the page.
    assert.equal(await page.locator("[data-testid=open-site]").count(), 0, "the closed sidebar's site panel was built at start");
    await page.getByRole("button", { name: "Show or hide the drafts list" }).click();
    await page.locator("[data-testid=draft-list] [data-testid=new-draft]").waitFor();
    await page.locator("[data-testid=open-site]").waitFor();
    assert.equal(count("drafts"), 1);
  } finally {
    await close();
  }
});

test("a phone opening a TOML post fetches its code at start, and the Preview tab shows the post's title", async () => {
  const toml = '+++\ntitle = "Munich on a phone"\ntags = ["DevOps"]\n+++\n\n## Keynote\n\nNotes.\n';
  const { page, count, errors, close } = await start({ width: 412, height: 823 });
  try {
    await setText(page, toml);
    await saved(page);
    // A phone's start reads no front matter field (the title is not shown, the
    // preview is the other tab): the code still comes for the post it opens.
    await page.reload();
    await page.waitForSelector(APP_EDITOR);
    await page.waitForFunction((formats) => performance.getEntriesByType("resource").some((r) => new RegExp(formats).test(r.name)), part("formats").source);
    await page.locator("[data-testid=tabs]").getByRole("tab", { name: "Preview" }).click();
    await page.locator(".preview-pane .post-title", { hasText: "Munich on a phone" }).waitFor();
    assert.equal(await page.locator("[data-testid=front-matter-error]").count(), 0);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test("the status line counts in a task after the app's start, and keeps its height and place when the counts come", async () => {
  // The status line as the app's start inserted it.
  const atInsertion = () => {
    const bar = document.querySelector("[data-testid=status-bar]");
    const { top, height } = bar.getBoundingClientRect();
    return { text: bar.textContent, top, height };
  };
  const { page, errors, close } = await start({ width: 412, height: 823 }, { atInsertion });
  try {
    await page.waitForFunction(() => /^\d+ words?$/.test(document.querySelector("[data-testid=stat-words]").textContent));
    const inserted = await page.evaluate(() => window.__inserted);
    assert.equal(inserted.text, "", "the counts were made within the app's start task");
    const { top, height } = await page.locator("[data-testid=status-bar]").boundingBox().then((b) => ({ top: b.y, height: b.height }));
    assert.ok(Math.abs(height - inserted.height) < 0.5, `the status line was ${inserted.height} px high, then ${height} px with its counts`);
    assert.ok(Math.abs(top - inserted.top) < 0.5, `the status line moved from ${inserted.top} to ${top} px`);
    assert.match(await page.locator("[data-testid=status-bar]").textContent(), /min read/);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test("a wide screen's preview is in the app's first frame, and the editor does not move when it fills", async () => {
  // The editor as the app's start inserted it, and the preview's blocks when the first
  // frame after that insertion begins (its animation frame runs before it paints).
  const atInsertion = () => {
    const { x, y, width, height } = document.querySelector(".app [data-testid=editor]").getBoundingClientRect();
    requestAnimationFrame(() => {
      window.__inserted.blocksAtFirstFrame = document.querySelectorAll(".app [data-testid=preview] .block").length;
    });
    return { editor: { x, y, width, height } };
  };
  const { page, errors, close } = await start({ width: 1280, height: 800 }, { atInsertion });
  try {
    await page.waitForFunction(() => window.__inserted?.blocksAtFirstFrame !== undefined);
    const inserted = await page.evaluate(() => window.__inserted);
    assert.ok(inserted.blocksAtFirstFrame > 0, "the app's first frame came before the preview's first blocks");
    await page.locator("[data-testid=preview] .block").first().waitFor();
    const editor = await page.evaluate(() => {
      const { x, y, width, height } = document.querySelector(".app [data-testid=editor]").getBoundingClientRect();
      return { x, y, width, height };
    });
    assert.deepEqual(editor, inserted.editor, "the editor moved when the preview filled");
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test("a wide screen's first preview is painted before the status line counts and the drafts list's code is asked for", async () => {
  // When the preview's first block is in the page, when the frame that paints it has
  // begun (its animation frame), and when the counts are in the status line.
  const init = () => {
    window.__at = {};
    new MutationObserver(() => {
      const at = window.__at;
      if (!at.preview && document.querySelector("[data-testid=preview] .block")) {
        at.preview = performance.now();
        requestAnimationFrame(() => (at.previewFrame = performance.now()));
      }
      if (!at.counts && /\d/.test(document.querySelector("[data-testid=stat-words]")?.textContent ?? "")) at.counts = performance.now();
    }).observe(document, { childList: true, subtree: true, characterData: true });
  };
  const { page, errors, close } = await start({ width: 1280, height: 800 }, { init });
  try {
    await page.locator("[data-testid=draft-list] [data-testid=new-draft]").waitFor();
    await page.waitForFunction(() => window.__at.counts);
    const at = await page.evaluate((drafts) => ({
      ...window.__at,
      drafts: performance.getEntriesByType("resource").find((r) => new RegExp(drafts).test(r.name))?.startTime,
    }), part("drafts").source);
    assert.ok(at.previewFrame > at.preview, `the preview's frame: ${JSON.stringify(at)}`);
    // Each came in a task of its own that had run before the preview's frame, and so
    // delayed its paint.
    assert.ok(at.counts > at.previewFrame, `the status line counted at ${at.counts} ms, before the frame painting the preview (${at.previewFrame} ms)`);
    assert.ok(at.drafts > at.previewFrame, `the drafts list's code was asked for at ${at.drafts} ms, before the frame painting the preview (${at.previewFrame} ms)`);
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});

test("a part whose code cannot be fetched says so, and opens at the next try", async () => {
  const { page, count, errors, refuse, alerted, close } = await start({ width: 1280, height: 800 });
  try {
    const letThrough = await refuse("dialogs");
    await page.locator("[data-testid=settings]").click();
    await alerted("Settings could not be shown");
    assert.equal(await page.getByRole("dialog").count(), 0, "a dialog opened without its code");
    // The network is back: the same button opens the dialog.
    await letThrough();
    await page.locator("[data-testid=settings]").click();
    await page.locator("[data-testid=settings-author]").waitFor();
    assert.equal(count("dialogs"), 2);
    // No panic: the app kept running throughout.
    assert.deepEqual(errors, []);
  } finally {
    await close();
  }
});
