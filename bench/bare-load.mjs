// make bench: a cold load with nothing of the test harness in the page but the watch.
//
// A page Playwright drives runs with DevTools' Network and Runtime domains enabled:
// the renderer reports every request, response and script context to it as they
// happen. A writer's browser does none of that. Over 20 + 20 interleaved cold loads of
// the same build, the app's preview was painted at 292 ms under Playwright and 253
// without; enabling the Network domain alone, or the Runtime domain alone, on the bare
// load gave back 15-20 ms each. So the bench also loads the app in a Chromium started
// with Playwright's very command line, driven through one DevTools session over a pipe
// that enables the Page domain only (to add `watchStartup` before the page's scripts),
// sets the window's size, navigates, and reads the figures at the end.
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { launchBrowserServer } from "../e2e/lib/browser.mjs";
import { watchStartup, noted } from "./startup-watch.mjs";

/**
 * Chromium's command line as Playwright starts it (its switches and ours, in
 * e2e/lib/browser.mjs), read from a browser it launched: the executable and its
 * arguments without the profile and the pipe, which each bare load sets itself.
 */
export async function harnessCommandLine() {
  const server = await launchBrowserServer();
  try {
    const pid = server.process().pid;
    const [executable, ...args] = (await readFile(`/proc/${pid}/cmdline`, "utf8")).split("\0").filter(Boolean);
    return { executable, args: args.filter((a) => !a.startsWith("--user-data-dir=") && a !== "--remote-debugging-pipe") };
  } finally {
    await server.close();
  }
}

/**
 * Loads `url` in a fresh profile of a Chromium started with `commandLine`, a window of
 * `width` x `height`, and resolves to `figures()` (a function run in the page) once
 * the page has noted each of `flags` (see `watchStartup`).
 */
export async function bareLoad(commandLine, url, { width, height, flags, figures }) {
  const profile = await mkdtemp(join(tmpdir(), "recap-bare-"));
  const browser = spawn(commandLine.executable, [...commandLine.args, `--user-data-dir=${profile}`, "--remote-debugging-pipe"], {
    stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"],
  });
  const devtools = pipeSession(browser.stdio[3], browser.stdio[4]);
  try {
    // Playwright starts Chromium with no window (`--no-startup-window`): the page is made here.
    const { targetId } = await devtools.send("Target.createTarget", { url: "about:blank" });
    const { sessionId } = await devtools.send("Target.attachToTarget", { targetId, flatten: true });
    const send = (method, params) => devtools.send(method, params, sessionId);
    await send("Page.enable");
    await send("Page.addScriptToEvaluateOnNewDocument", { source: `(${watchStartup})()` });
    await send("Emulation.setDeviceMetricsOverride", { width, height, deviceScaleFactor: 1, mobile: false });
    await send("Page.navigate", { url });
    // The first evaluations may still meet the blank page the browser opened with.
    const waitFor = flags.map((f) => `await (${noted})(${JSON.stringify(f)});`).join("");
    const expression = `(async () => { if (location.href !== ${JSON.stringify(url)}) return null; ${waitFor} return (${figures})(); })()`;
    const deadline = Date.now() + TIMEOUT_MS;
    while (Date.now() < deadline) {
      const evaluation = send("Runtime.evaluate", { expression, awaitPromise: true, returnByValue: true }).catch(() => ({ result: {} }));
      const { result } = await Promise.race([evaluation, pause(deadline - Date.now()).then(() => ({ result: {} }))]);
      if (result?.value) return result.value;
      await pause(5);
    }
    throw new Error(`bare load of ${url}: ${flags.join(", ")} not noted within ${TIMEOUT_MS / 1000} s`);
  } finally {
    await devtools.send("Browser.close").catch(() => {});
    if (browser.exitCode === null) await new Promise((r) => browser.once("exit", r));
    await rm(profile, { recursive: true, force: true });
  }
}

/** DevTools' protocol over Chromium's `--remote-debugging-pipe`: messages separated by NUL. */
function pipeSession(toBrowser, fromBrowser) {
  let lastId = 0;
  let buffered = "";
  const waiting = new Map();
  fromBrowser.on("data", (chunk) => {
    buffered += chunk.toString("utf8");
    for (let end = buffered.indexOf("\0"); end >= 0; end = buffered.indexOf("\0")) {
      const message = JSON.parse(buffered.slice(0, end));
      buffered = buffered.slice(end + 1);
      const reply = waiting.get(message.id);
      if (!reply) continue; // an event: none is asked for but the Page domain's own
      waiting.delete(message.id);
      if (message.error) reply.reject(new Error(`${message.error.message} (${message.error.code})`));
      else reply.resolve(message.result);
    }
  });
  return {
    send(method, params = {}, sessionId) {
      const id = ++lastId;
      return new Promise((resolve, reject) => {
        waiting.set(id, { resolve, reject });
        toBrowser.write(JSON.stringify({ id, method, params, ...(sessionId ? { sessionId } : {}) }) + "\0");
      });
    },
  };
}

/** As long as a load may take before the bench gives up on it. */
const TIMEOUT_MS = 30_000;

const pause = (ms) => new Promise((r) => setTimeout(r, ms));
