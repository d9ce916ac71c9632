// Offline first: installable, the app shell from the service worker, a new version
// only when the writer reloads, a strict content policy, nothing sent elsewhere.
import { test, after } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serveDist } from "../lib/server.mjs";
import { launch, openApp, APP_EDITOR, saved } from "../lib/browser.mjs";
import { setText, typeAtEnd, waitForShown } from "../lib/editor.mjs";
import { fixture } from "../lib/session.mjs";

const here = fileURLToPath(new URL(".", import.meta.url));
const subpathDist = resolve(here, "..", "..", "target", "dist-subpath");

const cleanup = [];
after(async () => {
  for (const f of cleanup.reverse()) await f();
});

async function setup(options) {
  const server = await serveDist(options?.root, options);
  const context = await launch();
  cleanup.push(() => server.close(), () => context.close());
  return { server, context };
}

/** Waits until a service worker controls the page (reloading once if needed). */
async function controlled(page) {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) await page.reload();
  await page.waitForFunction(() => !!navigator.serviceWorker.controller);
  await page.waitForSelector(APP_EDITOR);
}

test("on a first visit the service worker registers once the editor is up, not while the app starts", async () => {
  // Its install downloads every file of the app again: started with the page, it
  // competes with the wasm and the editor on a first visit (make bench, start-up).
  const { server, context } = await setup();
  const page = await context.newPage();
  await page.addInitScript(() => {
    window.__registerCalls = [];
    const register = ServiceWorkerContainer.prototype.register;
    ServiceWorkerContainer.prototype.register = function (...args) {
      window.__registerCalls.push({ editorThere: !!document.querySelector("[data-testid=editor]") });
      return register.apply(this, args);
    };
  });
  await page.goto(server.url);
  await page.evaluate(() => navigator.serviceWorker.ready);
  const calls = await page.evaluate(() => window.__registerCalls);
  assert.deepEqual(calls, [{ editorThere: true }]);
  await page.close();
});

test("installable: a manifest with icons, and Chromium reports no installability error", async () => {
  const { server, context } = await setup();
  const { page } = await openApp(context, server.url);
  const href = await page.locator("link[rel=manifest]").getAttribute("href");
  const manifest = await page.evaluate(async (h) => (await fetch(h)).json(), href);
  assert.equal(manifest.short_name, "Recap");
  assert.equal(manifest.display, "standalone");
  assert.equal(manifest.start_url, "./");
  assert.equal(manifest.scope, "./");
  assert.ok(manifest.theme_color && manifest.background_color && manifest.description);
  const purposes = manifest.icons.map((i) => `${i.sizes} ${i.purpose}`);
  for (const want of ["192x192 any", "512x512 any", "512x512 maskable"]) assert.ok(purposes.includes(want), want);
  for (const icon of manifest.icons) {
    const status = await page.evaluate(async (src) => (await fetch(src)).status, icon.src);
    assert.equal(status, 200, icon.src);
  }
  await controlled(page);
  const cdp = await context.newCDPSession(page);
  const { installabilityErrors } = await cdp.send("Page.getInstallabilityErrors");
  assert.deepEqual(installabilityErrors, []);
  await page.close();
});

async function offlineRoundTrip(server, context) {
  const { page, errors } = await openApp(context, server.url);
  await controlled(page);
  await setText(page, "---\ntitle: Offline\n---\nWritten online.\n");
  await saved(page);
  await context.setOffline(true);
  await page.reload();
  await page.waitForSelector(APP_EDITOR);
  await waitForShown(page, "---\ntitle: Offline\n---\nWritten online.\n");
  await typeAtEnd(page, "Typed offline.");
  await saved(page);
  await page.locator("[data-testid=preview] p", { hasText: "Typed offline." }).waitFor();
  // The search panel, fetched only at its first key, comes from the cache too.
  await page.keyboard.press("Control+f");
  await page.locator(".cm-search input[name=search]").waitFor();
  await page.keyboard.press("Escape");
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=export-md]").click()]);
  const bytes = await readFile(await download.path(), "utf8");
  assert.equal(bytes, "---\ntitle: Offline\n---\nWritten online.\nTyped offline.");
  await context.setOffline(false);
  // Offline reload failures would show as errors; there must be none.
  assert.deepEqual(errors.filter((e) => !e.includes("ERR_INTERNET_DISCONNECTED")), []);
  await page.close();
}

test("after the first visit the app starts with no network; drafts, editing and export work", async () => {
  const { server, context } = await setup();
  await offlineRoundTrip(server, context);
});

test("served under a sub-path (trunk build --public-url /recap/) it works offline too", async () => {
  const { server, context } = await setup({ root: subpathDist, prefix: "/recap/" });
  assert.match(server.url, /\/recap\/$/);
  await offlineRoundTrip(server, context);
});

test("a new deployment waits for the writer: a banner, then a reload into the new version", async () => {
  const { server, context } = await setup();
  const { page } = await openApp(context, server.url);
  await controlled(page);
  await setText(page, "Still here after the update.\n");
  await saved(page);
  const before = await page.evaluate(() => caches.keys());
  // Deploy "a new version": the service worker's bytes change.
  server.transform = (path, body) =>
    path === "/sw.js" ? Buffer.from(body.toString().replace(/const VERSION = "([^"]+)"/, 'const VERSION = "$1-next"')) : body;
  await page.evaluate(() => window.__recapRegistration.update());
  const banner = page.locator("[data-testid=update-banner]");
  await banner.waitFor();
  assert.match(await banner.textContent(), /A new version of Recap is ready/);
  // Nothing changed underfoot meanwhile.
  assert.deepEqual(await page.evaluate(() => caches.keys()).then((k) => k.length), before.length + 1);
  await Promise.all([page.waitForEvent("load"), page.locator("[data-testid=update-reload]").click()]);
  await page.waitForSelector(APP_EDITOR);
  await waitForShown(page, "Still here after the update.\n");
  await page.waitForFunction(async () => (await caches.keys()).length === 1);
  await page.close();
});

test("loading the app and writing the sample recap: no request off the origin, no CSP violation", async () => {
  const { server, context } = await setup();
  const page = await context.newPage();
  const offOrigin = [];
  const errors = [];
  page.on("request", (r) => { if (!r.url().startsWith(server.origin) && !r.url().startsWith("blob:") && !r.url().startsWith("data:")) offOrigin.push(r.url()); });
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  await page.addInitScript(() => {
    window.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`));
  });
  await page.goto(server.url);
  await page.waitForSelector(APP_EDITOR);
  const draft = await fixture("sample-recap.md");
  await setText(page, draft);
  await typeAtEnd(page, "\nLast words typed by hand, with a link https://example.org and a tweet:\n");
  await page.locator("[data-testid=preview] .tweet-card").first().waitFor();
  await page.locator("[data-testid=preview] p", { hasText: "Last words typed by hand" }).waitFor();
  // Whatever the page would load has started loading once the network is quiet.
  await page.waitForLoadState("networkidle");
  assert.deepEqual(offOrigin, []);
  assert.deepEqual(await page.evaluate(() => window.__csp), []);
  assert.deepEqual(errors.filter((e) => /Content Security Policy/i.test(e)), []);
  const csp = await page.locator("meta[http-equiv=Content-Security-Policy]").getAttribute("content");
  for (const part of ["default-src 'self'", "'wasm-unsafe-eval'", "object-src 'none'", "base-uri 'none'"]) assert.ok(csp.includes(part), part);
  assert.doesNotMatch(csp, /unsafe-inline|__RECAP/);
  await page.close();
});
