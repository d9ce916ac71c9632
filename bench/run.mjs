// make bench, browser half. Types into the built release app and into the baseline
// page (markdown-it + DOMPurify + innerHTML on every input) in the same headless
// Chromium, and measures per keystroke the time from the input to the preview DOM
// holding the change, and to the next animation frame. Then start-up over cold
// loads, and the size of what is shipped. Prints a table; writes target/bench/browser.json.
import { readFile, readdir, writeFile, mkdir } from "node:fs/promises";
import { gzipSync } from "node:zlib";
import { join, resolve, extname } from "node:path";
import { fileURLToPath } from "node:url";
import { serveDist } from "../e2e/lib/server.mjs";
import { launch } from "../e2e/lib/browser.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(here, "..");
const out = join(root, "target", "bench");
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 200);
const COLD_LOADS = 10;

const docs = [
  ["3 KB (sample recap)", await readFile(join(root, "tests", "data", "posts", "sample-recap.md"), "utf8")],
  ["100 KB", await readFile(join(out, "recap-100kb.md"), "utf8")],
  ["1 MB", await readFile(join(out, "recap-1mb.md"), "utf8")],
];

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.round((s.length - 1) * q)];
};

/** Loads `text` into the page's editor, then types KEYSTROKES single characters at
 * places spread through the prose, timing each. Runs inside the page. */
async function typeAndTime(page, text) {
  // Playwright's fill() is slow on large texts; load the text as a paste would.
  await page.evaluate((text) => {
    const el = document.querySelector("[data-testid=editor]");
    el.value = text;
    el.dispatchEvent(new Event("input", { bubbles: true }));
  }, text);
  await page.waitForTimeout(1500); // let the load settle (render, autosave)
  return page.evaluate(async (count) => {
    const el = document.querySelector("[data-testid=editor]");
    const preview = document.querySelector("[data-testid=preview]");
    const value = el.value;
    // Candidate places: after a word in a prose line (not a heading, list, HTML or shortcode).
    const places = [];
    let lineStart = 0;
    let inFrontMatter = value.startsWith("---\n");
    for (const line of value.split("\n")) {
      if (inFrontMatter && line === "---" && lineStart > 0) inFrontMatter = false;
      else if (!inFrontMatter && /^[A-Za-z]/.test(line)) {
        const space = line.indexOf(" ", Math.floor(line.length / 2));
        if (space > 0) places.push(lineStart + space);
      }
      lineStart += line.length + 1;
    }
    const chosen = [];
    for (let k = 0; k < count; k++) chosen.push(places[Math.floor((k * places.length) / count)]);
    // Type from the end backwards so earlier places keep their offsets.
    chosen.sort((a, b) => b - a);
    const toDom = [];
    const toFrame = [];
    el.focus();
    for (const at of chosen) {
      el.setSelectionRange(at, at);
      const changed = new Promise((done) => {
        const observer = new MutationObserver(() => {
          observer.disconnect();
          done(performance.now());
        });
        observer.observe(preview, { childList: true, subtree: true, characterData: true });
      });
      const t0 = performance.now();
      document.execCommand("insertText", false, "x");
      const t1 = await changed;
      const t2 = await new Promise((r) => requestAnimationFrame(() => r(performance.now())));
      toDom.push(t1 - t0);
      toFrame.push(t2 - t0);
      await new Promise((r) => setTimeout(r, 20)); // a fast typist's gap
    }
    return { toDom, toFrame };
  }, KEYSTROKES);
}

/** The browser's own cost: the same keystrokes into a bare textarea with no listener.
 * No editor built on a textarea can be faster than this. */
async function bareTextarea(context, text) {
  const page = await context.newPage();
  await page.setContent(`<textarea data-testid="editor" style="width:600px;height:700px"></textarea><div data-testid="preview"></div>`);
  const times = await page.evaluate(async ([text, count]) => {
    const el = document.querySelector("textarea");
    el.value = text;
    el.focus();
    const out = [];
    for (let k = 0; k < count; k++) {
      const at = Math.floor((text.length * (k + 0.5)) / count);
      el.setSelectionRange(at, at);
      const t0 = performance.now();
      document.execCommand("insertText", false, "x");
      out.push(performance.now() - t0);
      await new Promise((r) => setTimeout(r, 20));
    }
    return out;
  }, [text, KEYSTROKES]);
  await page.close();
  return { median_ms: quantile(times, 0.5), p95_ms: quantile(times, 0.95) };
}

const app = await serveDist(join(root, "dist"));
const base = await serveDist(here);
const context = await launch();
const results = [];
for (const [name, text] of docs) {
  const row = { document: name, bytes: Buffer.byteLength(text) };
  for (const [who, url] of [["recap", app.url], ["baseline", `${base.url}baseline/index.html`]]) {
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector("[data-testid=editor]");
    if (who === "recap") await page.locator("[data-testid=new-draft]").click().catch(() => {});
    const { toDom, toFrame } = await typeAndTime(page, text);
    row[who] = {
      keystrokes: toDom.length,
      dom_median_ms: quantile(toDom, 0.5),
      dom_p95_ms: quantile(toDom, 0.95),
      frame_median_ms: quantile(toFrame, 0.5),
      frame_p95_ms: quantile(toFrame, 0.95),
    };
    await page.close();
  }
  row.bare_textarea = await bareTextarea(context, text);
  row.ratio_p95 = row.recap.dom_p95_ms / row.baseline.dom_p95_ms;
  row.ratio_median = row.recap.dom_median_ms / row.baseline.dom_median_ms;
  results.push(row);
}
await context.close();

// Start-up: cold loads, each in a fresh browser profile (empty cache and storage).
const startups = [];
for (let i = 0; i < COLD_LOADS; i++) {
  const cold = await launch();
  const page = await cold.newPage();
  await page.addInitScript(() => {
    const seen = () => {
      if (!window.__editorReady && document.querySelector("[data-testid=editor]")) window.__editorReady = performance.now();
      if (!window.__previewPainted && document.querySelector("[data-testid=preview] .block")) {
        const at = performance.now();
        window.__previewPainted = -1;
        requestAnimationFrame(() => { window.__previewPainted = performance.now(); window.__previewInDom = at; });
      }
    };
    new MutationObserver(seen).observe(document, { childList: true, subtree: true });
  });
  await page.goto(app.url);
  await page.waitForFunction(() => window.__previewPainted > 0);
  startups.push(await page.evaluate(() => ({ editor: window.__editorReady, preview: window.__previewPainted })));
  await cold.close();
}
await app.close();
await base.close();

// Size of what the browser downloads on first load.
const dist = join(root, "dist");
const sizes = {};
for (const f of await readdir(dist)) {
  const kind = { ".wasm": "wasm", ".js": "js", ".css": "css", ".html": "html" }[extname(f)] ?? "other";
  const bytes = await readFile(join(dist, f));
  sizes[kind] ??= { raw: 0, gzip: 0 };
  sizes[kind].raw += bytes.length;
  sizes[kind].gzip += gzipSync(bytes, { level: 9 }).length;
}
const total = Object.values(sizes).reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip }), { raw: 0, gzip: 0 });

const ms = (x) => `${x.toFixed(2)} ms`.padStart(10);
console.log(`\nKeystroke to preview (${KEYSTROKES} keystrokes per document, headless Chromium)`);
console.log(`${"document".padEnd(22)} ${"Recap median".padStart(12)} ${"Recap p95".padStart(10)} ${"frame p95".padStart(10)} ${"baseline med".padStart(12)} ${"base p95".padStart(10)} ${"Recap/base p95".padStart(14)} ${"bare textarea p95".padStart(17)}`);
for (const r of results) {
  console.log(`${r.document.padEnd(22)} ${ms(r.recap.dom_median_ms).padStart(12)} ${ms(r.recap.dom_p95_ms)} ${ms(r.recap.frame_p95_ms)} ${ms(r.baseline.dom_median_ms).padStart(12)} ${ms(r.baseline.dom_p95_ms)} ${r.ratio_p95.toFixed(2).padStart(14)} ${ms(r.bare_textarea.p95_ms).padStart(17)}`);
}
console.log("(bare textarea: the browser's own insertText into a textarea of that size, with no app listening: a floor for any textarea editor)");
const startup = {
  cold_loads: COLD_LOADS,
  editor_ready_median_ms: quantile(startups.map((s) => s.editor), 0.5),
  preview_painted_median_ms: quantile(startups.map((s) => s.preview), 0.5),
};
console.log(`\nStart-up over ${COLD_LOADS} cold loads: editor ready ${startup.editor_ready_median_ms.toFixed(0)} ms, preview painted ${startup.preview_painted_median_ms.toFixed(0)} ms (median, from navigation start)`);
console.log("\nShipped files (dist/):");
for (const [kind, s] of Object.entries(sizes)) console.log(`  ${kind.padEnd(6)} ${String(s.raw).padStart(9)} bytes raw ${String(s.gzip).padStart(9)} bytes gzip`);
console.log(`  ${"total".padEnd(6)} ${String(total.raw).padStart(9)} bytes raw ${String(total.gzip).padStart(9)} bytes gzip`);

await mkdir(out, { recursive: true });
await writeFile(join(out, "browser.json"), JSON.stringify({ keystrokes: results, startup, sizes, total }, null, 2) + "\n");
console.log("\nwrote target/bench/browser.json");
