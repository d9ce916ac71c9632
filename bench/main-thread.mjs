// make bench, start-up part two: how long the start-up's tasks keep the page's main
// thread busy, from a trace of each cold load. The wall-clock figures of the cold loads
// (and Lighthouse's blocking time, simulated from them) include the time the thread
// waits for a CPU: on a small shared machine that moves by tens of milliseconds from
// run to run, more than most start-up changes move them. A task's thread time (the
// trace's `tdur`) is the CPU time the thread spent on it, and moves much less.
// Asserts nothing.
import { serveDist } from "../e2e/lib/server.mjs";
import { launch } from "../e2e/lib/browser.mjs";
import { watchStartup, startupEvent } from "./startup-watch.mjs";

/** Trace categories: the tasks, what runs in them, and the paint timings. */
const CATEGORIES = "devtools.timeline,disabled-by-default-devtools.timeline,blink.user_timing,loading";

/** Events that say which script runs inside a task. */
const SCRIPT_EVENTS = new Set(["FunctionCall", "TimerFire", "EvaluateScript", "v8.evaluateModule"]);

/**
 * Loads `dist` `loads` times, each in a fresh browser profile with a trace. Resolves
 * to the medians, in milliseconds of the main thread's time, of: `early`, the task
 * that shows the early editor (`early.js`); `app_start`, the longest task in which the
 * app's glue runs (the wasm's `main`, the mount and the effects it starts);
 * `before_app`, every task before that one; `blocking_after_fcp`, each task after the
 * first contentful paint past 50 ms, added up (what total blocking time counts).
 */
export async function traceStartup(dist, loads) {
  const runs = [];
  for (let i = 0; i < loads; i++) {
    const app = await serveDist(dist);
    const context = await launch();
    try {
      runs.push(await traceOne(context, app.url));
    } finally {
      await context.close();
      await app.close();
    }
  }
  const median = (key) => {
    const sorted = runs.map((r) => r[key]).sort((a, b) => a - b);
    return sorted[Math.floor(sorted.length / 2)];
  };
  return {
    loads: runs.length,
    early_ms: median("early"),
    app_start_ms: median("app_start"),
    before_app_ms: median("before_app"),
    blocking_after_fcp_ms: median("blocking_after_fcp"),
  };
}

async function traceOne(context, url) {
  const page = context.pages()[0] ?? (await context.newPage());
  const cdp = await context.newCDPSession(page);
  const events = [];
  cdp.on("Tracing.dataCollected", (e) => events.push(...e.value));
  const complete = new Promise((resolve) => cdp.on("Tracing.tracingComplete", resolve));
  await page.addInitScript(watchStartup);
  await cdp.send("Tracing.start", { categories: CATEGORIES, transferMode: "ReportEvents" });
  await page.goto(url, { waitUntil: "commit" });
  await startupEvent(page, "__previewPainted");
  // The app's start ends with the effects it queued and a frame: let them run.
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => setTimeout(done, 300))));
  await cdp.send("Tracing.end");
  await complete;
  return summarize(events, url);
}

/** The figures of one trace (see `traceStartup`); thread times in ms. */
function summarize(events, url) {
  // The page's main thread: a renderer's main thread that ran the app's files (the
  // browser may have other renderers, for its own pages).
  const threadName = new Map();
  for (const e of events) if (e.ph === "M" && e.name === "thread_name") threadName.set(`${e.pid}:${e.tid}`, e.args.name);
  const byThread = new Map();
  for (const e of events) {
    const key = `${e.pid}:${e.tid}`;
    if (threadName.get(key) !== "CrRendererMain") continue;
    if (!byThread.has(key)) byThread.set(key, []);
    byThread.get(key).push(e);
  }
  const ours = (list) => list.filter((e) => String(e.args?.data?.url ?? "").startsWith(url)).length;
  const main = [...byThread.values()].sort((a, b) => ours(b) - ours(a))[0] ?? [];
  const tasks = main.filter((e) => e.name === "RunTask" && e.ph === "X" && typeof e.tdur === "number").sort((a, b) => a.ts - b.ts);
  const scripts = main.filter((e) => SCRIPT_EVENTS.has(e.name) && e.ph === "X");
  const runsScript = (task, pattern) =>
    scripts.some((s) => task.ts <= s.ts && s.ts < task.ts + task.dur && pattern.test(String(s.args?.data?.url ?? "")));
  const ms = (task) => task.tdur / 1000;
  const longest = (list) => list.reduce((best, t) => (!best || t.tdur > best.tdur ? t : best), null);

  // The glue is `recap-<hash>.js`; the split loader (`recap-split-…`) and the editor
  // bundle (`recap-editor.js`) do not match.
  const appStart = longest(tasks.filter((t) => runsScript(t, /\/recap-[0-9a-f]{1,16}\.js$/)));
  // The early editor shows while early.js's module runs (a first visit: the task
  // evaluating it and the editor bundle, the longest module evaluation before the app
  // starts), or in a timer it set (a visit the service worker serves).
  const evaluations = main.filter((e) => e.name === "v8.evaluateModule" && e.ph === "X");
  const evaluates = (task) => evaluations.some((e) => task.ts <= e.ts && e.ts < task.ts + task.dur);
  const early = longest(tasks.filter((t) => runsScript(t, /\/early\.js$/) || (evaluates(t) && (!appStart || t.ts < appStart.ts))));
  const fcp = events.find((e) => e.name === "firstContentfulPaint");
  return {
    early: early ? ms(early) : NaN,
    app_start: appStart ? ms(appStart) : NaN,
    before_app: appStart ? tasks.filter((t) => t.ts < appStart.ts).reduce((sum, t) => sum + ms(t), 0) : NaN,
    blocking_after_fcp: fcp ? tasks.filter((t) => t.ts > fcp.ts).reduce((sum, t) => sum + Math.max(0, ms(t) - 50), 0) : NaN,
  };
}
