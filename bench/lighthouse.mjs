// make bench, last part: Lighthouse (npm, mobile preset: a mid-range phone on a slow
// 4G network, simulated) against dist/ served pre-compressed as a production host
// would serve it, in Debian's Chromium. One run's performance score moved by several
// hundredths on a small shared machine (0.92-0.98, its total blocking time by 100-200
// ms), so it runs
// LIGHTHOUSE_RUNS times (5 unless set) and reports Lighthouse's own median run (the
// one nearest the median first contentful paint and time to interactive, as its
// documentation advises) with every run's score and blocking time beside it. Prints
// the four category scores and the paint metrics; writes target/bench/lighthouse.json.
// Asserts nothing.
import lighthouse from "lighthouse";
import { computeMedianRun } from "lighthouse/core/lib/median-run.js";
import * as chromeLauncher from "chrome-launcher";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serveDist } from "../e2e/lib/server.mjs";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const out = join(root, "target", "bench");

const RUNS = Number(process.env.LIGHTHOUSE_RUNS ?? 5);

/** Runs Lighthouse `runs` times, each in a fresh browser; the median run's report. */
export async function runLighthouse(runs = RUNS, progress = () => {}) {
  const app = await serveDist(join(root, "dist"), { precompressed: true });
  const results = [];
  try {
    for (let i = 0; i < runs; i++) {
      progress(`Lighthouse run ${i + 1} of ${runs}`);
      results.push(await lighthouseOnce(app.url));
    }
  } finally {
    await app.close();
  }
  const median = computeMedianRun(results);
  const report = {
    ...summary(median),
    runs: results.map((lhr) => ({
      performance: lhr.categories.performance.score,
      total_blocking_time_ms: Math.round(lhr.audits["total-blocking-time"].numericValue),
      largest_contentful_paint_ms: Math.round(lhr.audits["largest-contentful-paint"].numericValue),
    })),
  };
  await mkdir(out, { recursive: true });
  await writeFile(join(out, "lighthouse.json"), JSON.stringify(report, null, 2) + "\n");
  return report;
}

/** One Lighthouse run in a fresh headless Chromium; its result (`lhr`). */
async function lighthouseOnce(url) {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
    chromeFlags: ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const { lhr } = await lighthouse(url, {
      port: chrome.port,
      output: "json",
      logLevel: "error",
      onlyCategories: ["performance", "accessibility", "best-practices", "seo"],
    });
    return lhr;
  } finally {
    await chrome.kill();
  }
}

/** What the bench reports of one run. */
function summary(lhr) {
  const audit = (id) => lhr.audits[id]?.numericValue;
  return {
    url: lhr.finalDisplayedUrl,
    lighthouse: lhr.lighthouseVersion,
    form_factor: lhr.configSettings.formFactor,
    throttling: lhr.configSettings.throttlingMethod,
    scores: Object.fromEntries(Object.entries(lhr.categories).map(([k, c]) => [k, c.score])),
    metrics_ms: {
      first_contentful_paint: audit("first-contentful-paint"),
      largest_contentful_paint: audit("largest-contentful-paint"),
      total_blocking_time: audit("total-blocking-time"),
      speed_index: audit("speed-index"),
      time_to_interactive: audit("interactive"),
    },
    // The same page's paints as the unthrottled run measured them, before the
    // simulation: the simulated LCP counts every request begun before the largest
    // paint (the preloaded wasm among them) even when the paint needs none of them.
    observed_ms: {
      first_contentful_paint: lhr.audits.metrics?.details?.items?.[0]?.observedFirstContentfulPaint,
      largest_contentful_paint: lhr.audits.metrics?.details?.items?.[0]?.observedLargestContentfulPaint,
    },
    cumulative_layout_shift: audit("cumulative-layout-shift"),
    // What the largest contentful paint was: the element that start-up work should
    // put on screen early.
    lcp_element: lcpElement(lhr.audits["largest-contentful-paint-element"]?.details),
    // The main-thread tasks over 50 ms (what total blocking time adds up), with the
    // script Lighthouse attributes each to, and the phases of the LCP.
    long_tasks: (lhr.audits["long-tasks"]?.details?.items ?? []).map((t) => ({
      start_ms: Math.round(t.startTime),
      duration_ms: Math.round(t.duration),
      script: String(t.url ?? "").split("/").pop() || "(page)",
    })),
    lcp_phases: Object.fromEntries(
      (lhr.audits["largest-contentful-paint-element"]?.details?.items ?? [])
        .flatMap((table) => table?.items ?? [])
        .filter((row) => row.phase && typeof row.timing === "number")
        .map((row) => [row.phase, Math.round(row.timing)]),
    ),
    failed_audits: Object.values(lhr.audits)
      .filter((a) => a.score !== null && a.score < 0.9 && a.scoreDisplayMode !== "informative" && a.scoreDisplayMode !== "manual")
      .map((a) => `${a.id}: ${a.displayValue ?? a.score}`),
  };
}

/** The LCP element's HTML snippet from the audit's details (a list of tables). */
function lcpElement(details) {
  const tables = details?.type === "list" ? details.items : [details];
  for (const table of tables) {
    const node = table?.items?.[0]?.node;
    if (node?.snippet) return `${node.snippet} (${node.selector ?? ""})`;
  }
  return null;
}

export function printLighthouse(r) {
  const s = r.scores;
  const m = r.metrics_ms;
  const runs = r.runs ?? [];
  console.log(`\nLighthouse ${r.lighthouse} (${r.form_factor}, ${r.throttling} throttling; dist/ served pre-compressed), the median of ${runs.length} runs:`);
  console.log(`  performance ${s.performance}, accessibility ${s.accessibility}, best practices ${s["best-practices"]}, SEO ${s.seo}`);
  console.log(`  FCP ${(m.first_contentful_paint / 1000).toFixed(2)} s, LCP ${(m.largest_contentful_paint / 1000).toFixed(2)} s, TBT ${m.total_blocking_time.toFixed(0)} ms, speed index ${(m.speed_index / 1000).toFixed(2)} s, TTI ${(m.time_to_interactive / 1000).toFixed(2)} s, CLS ${r.cumulative_layout_shift.toFixed(3)}`);
  const o = r.observed_ms ?? {};
  if (Number.isFinite(o.largest_contentful_paint)) {
    console.log(`  observed before simulation (no throttling): FCP ${o.first_contentful_paint.toFixed(0)} ms, LCP ${o.largest_contentful_paint.toFixed(0)} ms`);
  }
  if (r.lcp_element) console.log(`  LCP element: ${r.lcp_element}`);
  const phases = Object.entries(r.lcp_phases ?? {});
  if (phases.length > 0) console.log(`  LCP phases: ${phases.map(([p, ms]) => `${p} ${ms} ms`).join(", ")}`);
  const tasks = r.long_tasks ?? [];
  if (tasks.length > 0) console.log(`  long tasks (simulated): ${tasks.map((t) => `${t.duration_ms} ms at ${t.start_ms} (${t.script})`).join("; ")}`);
  if (runs.length > 1) {
    const perf = runs.map((x) => x.performance);
    console.log(`  every run: performance ${perf.join(", ")} (${Math.min(...perf)}-${Math.max(...perf)}); TBT ${runs.map((x) => x.total_blocking_time_ms).join(", ")} ms`);
  }
  if (r.failed_audits.length > 0) console.log(`  audits under 0.9: ${r.failed_audits.join("; ")}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) printLighthouse(await runLighthouse());
