// make bench, browser half. Types into the built release app and into a baseline page
// with the same CodeMirror editor that renders the whole preview with markdown-it +
// DOMPurify + innerHTML on every change (what JavaScript editors do), and CodeMirror
// alone (the floor), in the same headless Chromium. Per keystroke: the time from the
// input to the preview DOM holding the change; to the end of the frame that paints it
// (the editor and the preview, main thread, see `typeAndTime`); and to the next
// animation frame, which waits for the display's next refresh too. Then start-up over
// cold loads, its main-thread time over traced ones (main-thread.mjs), and the size of
// what is shipped. Prints progress and tables; writes
// target/bench/browser.json.
import { readFile, writeFile, mkdir } from "node:fs/promises";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serveDist } from "../e2e/lib/server.mjs";
import { launch, launchBrowser } from "../e2e/lib/browser.mjs";
import { waitForParsed } from "../e2e/lib/editor.mjs";
import { runLighthouse, printLighthouse } from "./lighthouse.mjs";
import { traceStartup } from "./main-thread.mjs";
import { watchStartup, startupEvent, openWatched } from "./startup-watch.mjs";
import { harnessCommandLine, bareLoad } from "./bare-load.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const root = resolve(here, "..");
const out = join(root, "target", "bench");
const KEYSTROKES = Number(process.env.BENCH_KEYSTROKES ?? 200);
const COLD_LOADS = 10;
const TRACED_LOADS = 8;
const REPEAT_LOADS = 10;
const progress = (line) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

// BENCH_ONLY=startup skips the keystroke part (minutes) when working on start-up;
// BENCH_ONLY=keystrokes skips start-up and Lighthouse when working on typing.
const only = process.env.BENCH_ONLY;
// The large recaps are written by the native half (`cargo bench`): a start-up run
// alone does not need them.
const docs =
  only === "startup"
    ? []
    : [
        ["3 KB (sample recap)", await readFile(join(root, "tests", "data", "posts", "sample-recap.md"), "utf8")],
        ["100 KB", await readFile(join(out, "recap-100kb.md"), "utf8")],
        ["1 MB", await readFile(join(out, "recap-1mb.md"), "utf8")],
      ];

// The baseline page's bundle, with the editor's esbuild.
progress("bundling the baseline page");
const { build } = createRequire(join(root, "editor", "package.json"))("esbuild");
await build({
  entryPoints: [join(here, "baseline", "main.js")],
  outfile: join(here, "baseline", "dist", "baseline.js"),
  bundle: true,
  format: "esm",
  minify: true,
  logLevel: "warning",
});

const quantile = (xs, q) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.round((s.length - 1) * q)];
};

/** Loads `text` into the page's editor (as one paste), then types KEYSTROKES single
 * characters at places spread through the prose, timing each. Runs inside the page;
 * it finds CodeMirror's view through the DOM (`cmTile`), for the bench only.
 * `editorModule`: where the page's editor module is, relative to the page (it says
 * when the editor has parsed the whole text). */
async function typeAndTime(page, text, editorModule) {
  await page.evaluate((text) => {
    const view = document.querySelector(".cm-content").cmTile.root.view;
    view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
  }, text);
  // Settled: the preview shows something of the new text...
  await page.waitForFunction(() => document.querySelector("[data-testid=preview]").childNodes.length > 0);
  // ...the editor has parsed all of it, in idle time (a quiet page alone does not say
  // so: that parse leaves most of each idle period free), else the first keystrokes
  // far down a 1 MB text would wait on that one-time parse, in every page alike...
  await waitForParsed(page, { module: editorModule, timeout: 120_000 });
  // ...and the page has gone quiet: five idle periods in a row with nothing else to
  // do. What is timed is typing into a loaded post.
  await page.evaluate(
    () =>
      new Promise((done) => {
        let quiet = 0;
        const check = (deadline) => {
          quiet = deadline.timeRemaining() >= 49 ? quiet + 1 : 0;
          if (quiet >= 5) done();
          else requestIdleCallback(check);
        };
        requestIdleCallback(check);
      }),
  );
  // A writer clicks into the text before typing: the app's start-up state (the
  // editor leading the scroll sync until the first key, click, wheel or touch) ends.
  await page.locator(".cm-content").click();
  return page.evaluate(async (count) => {
    const view = document.querySelector(".cm-content").cmTile.root.view;
    const preview = document.querySelector("[data-testid=preview]");
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(performance.now())));
    // Candidate places: after a word in a prose line (not a heading, list, HTML or shortcode).
    const doc = view.state.doc;
    const places = [];
    let inFrontMatter = doc.line(1).text === "---";
    for (let n = 2; n <= doc.lines; n++) {
      const line = doc.line(n);
      if (inFrontMatter) {
        if (line.text === "---") inFrontMatter = false;
        continue;
      }
      if (/^[A-Za-z]/.test(line.text)) {
        const space = line.text.indexOf(" ", Math.floor(line.text.length / 2));
        if (space > 0) places.push(line.from + space);
      }
    }
    const chosen = [];
    for (let k = 0; k < count; k++) chosen.push(places[Math.floor((k * places.length) / count)]);
    // Type from the end backwards so earlier places keep their offsets.
    chosen.sort((a, b) => b - a);
    const toDom = [];
    const toPainted = [];
    const toFrame = [];
    view.focus();
    for (const at of chosen) {
      view.dispatch({ selection: { anchor: at }, scrollIntoView: true });
      await frame();
      await frame();
      const changed = new Promise((done) => {
        const observer = new MutationObserver(() => {
          observer.disconnect();
          done(performance.now());
        });
        observer.observe(preview, { childList: true, subtree: true, characterData: true });
      });
      // The key is pressed inside a frame's animation callbacks (the `await frame()`
      // above resumes there), so that same frame's style, layout and paint take the
      // change. A message posted here runs once that frame's main-thread work is
      // done: the time to it is the keystroke's work up to painted, without the wait
      // for the display's refresh that the next animation frame adds. It is posted
      // before the key, so that tasks the page queues during the key run after it.
      const paint = new MessageChannel();
      const painted = new Promise((done) => (paint.port1.onmessage = () => done(performance.now())));
      const t0 = performance.now();
      paint.port2.postMessage(0);
      document.execCommand("insertText", false, "x");
      const t1 = await changed;
      const tp = await painted;
      const t2 = await frame();
      toDom.push(t1 - t0);
      toPainted.push(tp - t0);
      toFrame.push(t2 - t0);
      await new Promise((r) => setTimeout(r, 20)); // a fast typist's gap
    }
    return { toDom, toPainted, toFrame };
  }, KEYSTROKES);
}

const app = await serveDist(join(root, "dist"));
const base = await serveDist(here);
const context = await launch();
const results = [];
const pages = [
  ["recap", app.url, "recap-editor.js"],
  ["baseline", `${base.url}baseline/index.html`, "dist/baseline.js"],
  ["codemirror_alone", `${base.url}baseline/index.html?floor=1`, "dist/baseline.js"],
];
// BENCH_PAGES=recap (a comma list) types into those pages only, when comparing
// changes to Recap; the report needs all three.
const onlyPages = process.env.BENCH_PAGES?.split(",");
for (const [name, text] of docs) {
  const row = { document: name, bytes: Buffer.byteLength(text) };
  for (const [who, url, editorModule] of pages.filter(([who]) => !onlyPages || onlyPages.includes(who))) {
    progress(`${name}: ${KEYSTROKES} keystrokes into ${who}`);
    const page = await context.newPage();
    await page.goto(url);
    await page.waitForSelector(".cm-content");
    if (who === "recap") await page.locator("[data-testid=new-draft]").click().catch(() => {});
    const { toDom, toPainted, toFrame } = await typeAndTime(page, text, editorModule);
    row[who] = {
      keystrokes: toDom.length,
      dom_median_ms: quantile(toDom, 0.5),
      dom_p95_ms: quantile(toDom, 0.95),
      painted_median_ms: quantile(toPainted, 0.5),
      painted_p95_ms: quantile(toPainted, 0.95),
      frame_median_ms: quantile(toFrame, 0.5),
      frame_p95_ms: quantile(toFrame, 0.95),
    };
    await page.close();
  }
  row.speedup_p95 = row.baseline?.dom_p95_ms / row.recap?.dom_p95_ms;
  row.speedup_median = row.baseline?.dom_median_ms / row.recap?.dom_median_ms;
  results.push(row);
}
await context.close();

// Start-up: cold loads, each in a fresh browser profile (empty cache and storage),
// split by where the time goes: the files' arrival (resource timing), the wasm
// compiled and running (`recap:main`), the app mounted (`recap:mounted`), the editor
// in the page, the preview painted. Each cold load of the app is followed by one of
// two floors in fresh profiles too, so that the app's figures can be read against
// what this browser on this machine takes anyway: a page alone (one stylesheet, one
// script, a line of text: its first paint) and the editor alone (the same
// recap-editor.js, in a page with nothing else, showing a first visit's draft as the
// app's page does: `showEarly`).
// Each is also followed by a first visit in a browser that has been running all
// along (a fresh context: no cache, no storage, no service worker), as when a writer
// opens the app from a browser already open: the browser's own start-up work (its
// processes, its font lookups) is then done, where a fresh browser's first page pays
// for it.
// And each is followed by the same cold load with no test harness in the page
// (bare-load.mjs): Playwright's pages report every request and script context to it
// as they happen, which a writer's browser does not.
const floors = await floorPages(join(out, "floor"), join(root, "dist", "recap-editor.js"));
const startups = [];
const firstVisits = [];
const floorLoads = { page: [], editor: [] };
const bareStartups = [];
const running = only === "keystrokes" ? null : await launchBrowser();
// Read from /proc: where there is none, the bare loads are left out and the bench says so.
const commandLine = running
  ? await harnessCommandLine().catch((e) => {
      progress(`no bare loads: Chromium's command line could not be read (${e.message})`);
      return null;
    })
  : null;
if (running) {
  // Its first page, not measured: the browser's own first-page work.
  const context = await running.newContext();
  await (await context.newPage()).goto(`${floors.url}page.html`);
  await context.close();
}
/** One load of the app in `context`, its start-up figures once the preview is painted. */
async function loadApp(context) {
  const page = await openWatched(context, app.url, "__previewPainted", "__firstPaint");
  return page.evaluate(startupFigures);
}
for (let i = 0; i < (only === "keystrokes" ? 0 : COLD_LOADS); i++) {
  progress(`cold load ${i + 1} of ${COLD_LOADS} (and of the floors, and a first visit)`);
  const cold = await launch();
  startups.push(await loadApp(cold));
  await cold.close();
  if (commandLine) {
    const flags = ["__previewPainted", "__firstPaint"];
    bareStartups.push(await bareLoad(commandLine, app.url, { width: 1280, height: 800, flags, figures: startupFigures }));
  }
  const visit = await running.newContext({ viewport: { width: 1280, height: 800 } });
  firstVisits.push(await loadApp(visit));
  await visit.close();
  for (const [floor, path, ready] of [["page", "page.html", null], ["editor", "editor.html", "__editorReady"]]) {
    const fresh = await launch();
    const floorPage = await openWatched(fresh, `${floors.url}${path}`, "__firstPaint", ...(ready ? [ready] : []));
    const figures = await floorPage.evaluate(startupFigures);
    floorLoads[floor].push({ fcp: figures.fcp, editor: figures.editor });
    await fresh.close();
  }
}

// Repeat visits: one profile, the service worker in control (it registers once the
// app has started and the page is idle, and stores every file), then reloads: the
// files come from it, and V8 may have cached the compiled code. What a writer who
// comes back sees.
const repeats = [];
if (only !== "keystrokes") {
  progress(`${REPEAT_LOADS} repeat visits`);
  const warm = await launch();
  const page = await warm.newPage();
  await page.addInitScript(watchStartup);
  await page.goto(app.url);
  await page.waitForFunction(() => window.__previewPainted > 0);
  // register-sw.js keeps the registration there.
  await page.waitForFunction(() => window.__recapRegistration?.active?.state === "activated", null, { timeout: 60_000 });
  for (let i = 0; i < REPEAT_LOADS + 1; i++) {
    await page.reload({ waitUntil: "commit" });
    await startupEvent(page, "__previewPainted");
    // The first paint's entry can come after the preview's frame when the files are
    // at hand.
    await startupEvent(page, "__firstPaint");
    // The first reload is the first one the worker serves: V8's code cache is made
    // then, and used from the next.
    const controlled = await page.evaluate(() => Boolean(navigator.serviceWorker?.controller));
    if (i > 0 && controlled) repeats.push(await page.evaluate(startupFigures));
  }
  await warm.close();
}
await running?.close();
await floors.close();
await app.close();
await base.close();

/** Runs in the page: its start-up figures, ms from navigation start. */
function startupFigures() {
  const done = (re) => performance.getEntriesByType("resource").find((r) => re.test(r.name))?.responseEnd ?? NaN;
  const mark = (name) => performance.getEntriesByName(name)[0]?.startTime ?? NaN;
  return {
    html: performance.getEntriesByType("navigation")[0].responseEnd,
    css: done(/\.css$/),
    app_js: done(/recap-[0-9a-f]+\.js$/),
    editor_js: done(/recap-editor\.js$/),
    wasm: done(/\.wasm$/),
    main: mark("recap:main"),
    mounted: mark("recap:mounted"),
    editor_effect: mark("recap:editor-effect"),
    editor_loaded: mark("recap:editor-loaded"),
    fcp: mark("first-contentful-paint"),
    editor: window.__editorReady,
    preview: window.__previewPainted,
  };
}

/** Writes the two floor pages into `dir` and serves them: `page.html` (a stylesheet,
 * a script that adds a line of text) and `editor.html` (the app's own editor bundle,
 * `editorBundle`, showing a first visit's draft with `showEarly`). */
async function floorPages(dir, editorBundle) {
  await mkdir(dir, { recursive: true });
  const head = '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>floor</title>';
  await writeFile(join(dir, "page.css"), "body { font: 16px system-ui; margin: 2rem; }\n");
  await writeFile(join(dir, "page.js"), 'document.body.append(Object.assign(document.createElement("p"), { textContent: "painted" }));\n');
  await writeFile(join(dir, "page.html"), `${head}<link rel="stylesheet" href="page.css"><script type="module" src="page.js"></script></head><body></body></html>\n`);
  await writeFile(join(dir, "recap-editor.js"), await readFile(editorBundle));
  await writeFile(join(dir, "editor.js"), 'import { showEarly } from "./recap-editor.js";\nshowEarly();\n');
  await writeFile(
    join(dir, "editor.html"),
    `${head}<link rel="modulepreload" href="recap-editor.js"><script type="module" src="editor.js"></script></head><body></body></html>\n`,
  );
  return serveDist(dir);
}

// The same start-up in thread time, from traced loads (bench/main-thread.mjs).
let mainThread = null;
if (only !== "keystrokes") {
  progress(`${TRACED_LOADS} traced cold loads`);
  mainThread = await traceStartup(join(root, "dist"), TRACED_LOADS);
}

// Size of what the browser downloads on first load, as `make dist` measured it.
const sizes = JSON.parse(await readFile(join(root, "target", "dist-sizes.json"), "utf8"));

let lighthouse = null;
if (only !== "keystrokes") {
  progress("Lighthouse (about a minute a run)");
  lighthouse = await runLighthouse(undefined, progress);
}

const pair = (m, q) => (m === undefined ? "-" : `${m.toFixed(1)} / ${q.toFixed(1)}`).padStart(13);
console.log(`\nPer keystroke, median / p95 in ms (${KEYSTROKES} keystrokes per document, headless Chromium)`);
console.log("  to DOM: the preview holds the change; painted: the frame that paints it has done its");
console.log("  main-thread work; next frame: the animation frame after, which waits for the refresh");
console.log(`${"document".padEnd(22)} ${"page".padEnd(17)} ${"to DOM".padStart(13)} ${"painted".padStart(13)} ${"next frame".padStart(13)}`);
for (const r of results) {
  for (const who of ["recap", "baseline", "codemirror_alone"]) {
    const x = r[who];
    if (x) console.log(`${r.document.padEnd(22)} ${who.padEnd(17)} ${pair(x.dom_median_ms, x.dom_p95_ms)} ${pair(x.painted_median_ms, x.painted_p95_ms)} ${pair(x.frame_median_ms, x.frame_p95_ms)}`);
  }
  if (Number.isFinite(r.speedup_p95)) console.log(`${r.document.padEnd(22)} Recap against the baseline, to DOM: ${r.speedup_p95.toFixed(1)}x at p95, ${r.speedup_median.toFixed(1)}x median`);
}
console.log("(baseline: the same CodeMirror with markdown-it + DOMPurify re-rendering the whole preview per change; codemirror_alone: no preview work)");
/** Medians of each figure of `loads`, named `<figure>_median_ms`. */
const medians = (loads) => {
  const m = {};
  for (const key of Object.keys(loads[0] ?? {})) m[`${key}_median_ms`] = quantile(loads.map((s) => s[key]), 0.5);
  return m;
};
// Each load's preview too, and the part after the app's mount: the wall clock before
// the mount moves by tens of milliseconds from load to load on a shared machine.
/** Each load's preview painted, in ms, lowest first. */
const eachPreview = (loads) => loads.map((s) => Math.round(s.preview)).sort((a, b) => a - b);
/** What the output and browser.json say of a set of cold loads. */
const coldLoads = (loads) => ({
  cold_loads: loads.length,
  ...medians(loads),
  preview_each_ms: eachPreview(loads),
  mounted_to_preview_median_ms: quantile(loads.map((s) => s.preview - s.mounted), 0.5),
});
const startup = coldLoads(startups);
const bare = bareStartups.length ? coldLoads(bareStartups) : null;
const floor = { page: medians(floorLoads.page), editor: medians(floorLoads.editor) };
const firstVisit = { loads: firstVisits.length, ...medians(firstVisits), preview_each_ms: eachPreview(firstVisits) };
const repeat = { loads: repeats.length, ...medians(repeats) };
if (startups.length) {
  console.log(`\nStart-up over ${startups.length} cold loads, median ms from navigation start (local server, no throttling):`);
  console.log(`  page ${startup.html_median_ms.toFixed(0)}, stylesheet ${startup.css_median_ms.toFixed(0)}, app JS ${startup.app_js_median_ms.toFixed(0)}, editor JS ${startup.editor_js_median_ms.toFixed(0)}, wasm ${startup.wasm_median_ms.toFixed(0)} (downloaded)`);
  console.log(`  wasm compiled and running ${startup.main_median_ms.toFixed(0)}, app mounted ${startup.mounted_median_ms.toFixed(0)}, editor created from ${startup.editor_effect_median_ms.toFixed(0)} to ${startup.editor_loaded_median_ms.toFixed(0)} (text loaded)`);
  console.log(`  editor ready ${startup.editor_median_ms.toFixed(0)}, first paint ${startup.fcp_median_ms.toFixed(0)}, preview painted ${startup.preview_median_ms.toFixed(0)}`);
  console.log(`  preview painted in each load: ${startup.preview_each_ms.join(", ")}; from the app's mount, median ${startup.mounted_to_preview_median_ms.toFixed(0)}`);
  if (bareStartups.length) console.log(`  the same cold loads without Playwright in the page (bare-load.mjs): editor ready ${bare.editor_median_ms.toFixed(0)}, first paint ${bare.fcp_median_ms.toFixed(0)}, app mounted ${bare.mounted_median_ms.toFixed(0)}, preview painted ${bare.preview_median_ms.toFixed(0)} (each: ${bare.preview_each_ms.join(", ")}); from the app's mount, median ${bare.mounted_to_preview_median_ms.toFixed(0)}`);
  console.log(`  first visits in a browser already running (a fresh context each, beside the cold loads): editor ready ${firstVisit.editor_median_ms.toFixed(0)}, first paint ${firstVisit.fcp_median_ms.toFixed(0)}, app mounted ${firstVisit.mounted_median_ms.toFixed(0)}, preview painted ${firstVisit.preview_median_ms.toFixed(0)} (each: ${firstVisit.preview_each_ms.join(", ")})`);
  console.log(`  floors, cold loads in fresh profiles alternately with the app's: a page alone (one stylesheet, one script) first paint ${floor.page.fcp_median_ms.toFixed(0)};`);
  console.log(`  the editor alone (the same recap-editor.js, nothing else) ready ${floor.editor.editor_median_ms.toFixed(0)}, first paint ${floor.editor.fcp_median_ms.toFixed(0)}`);
}
if (repeats.length) {
  console.log(`Repeat visits, ${repeats.length} reloads with the service worker in control, median ms: editor ready ${repeat.editor_median_ms.toFixed(0)}, first paint ${repeat.fcp_median_ms.toFixed(0)}, preview painted ${repeat.preview_median_ms.toFixed(0)}`);
}
if (mainThread) {
  const t = (ms) => (Number.isFinite(ms) ? ms.toFixed(0) : "-");
  console.log(`\nStart-up's main-thread time over ${mainThread.loads} traced cold loads, median ms (CPU time: steadier than the wall clock):`);
  console.log(`  early editor's task ${t(mainThread.early_ms)}, the app's start task ${t(mainThread.app_start_ms)}, all tasks before it ${t(mainThread.before_app_ms)}`);
  console.log(`  tasks after the first contentful paint, each past 50 ms, added up: ${t(mainThread.blocking_after_fcp_ms)}`);
}
console.log("\nFirst load (dist/, from make dist):");
for (const k of sizes.byKind) console.log(`  ${k.kind.padEnd(6)} ${String(k.raw).padStart(9)} B raw ${String(k.gzip).padStart(9)} B gzip ${String(k.brotli).padStart(9)} B brotli`);
console.log(`  ${"total".padEnd(6)} ${String(sizes.total.raw).padStart(9)} B raw ${String(sizes.total.gzip).padStart(9)} B gzip ${String(sizes.total.brotli).padStart(9)} B brotli`);
console.log(`  (gzip: the .gz files, written by zopfli; zlib level 9 on the fly would send ${sizes.total.gzip9} B)`);
if (lighthouse) printLighthouse(lighthouse);

await mkdir(out, { recursive: true });
await writeFile(join(out, "browser.json"), JSON.stringify({ keystrokes: results, startup, startup_bare: bare, startup_first_visits: firstVisit, startup_floor: floor, repeat_visits: repeat, startup_main_thread: mainThread, sizes: { by_kind: sizes.byKind, total: sizes.total }, lighthouse }, null, 2) + "\n");
console.log("\nwrote target/bench/browser.json");
