// make bench: how a start-up is watched without disturbing it. Playwright's own waits
// for a condition (`waitForFunction`, `waitForSelector`) poll through its injected
// script, which the page parses on its main thread, in the middle of the start-up
// being measured.

/** Runs in the page before its scripts: notes when the editor is in the page, when
 * the preview's first block is painted (the frame after it is in the DOM), and the
 * first paint. Each is a flag on `window` and an event of the same name, which
 * `startupEvent` waits for. */
export function watchStartup() {
  const note = (flag, at) => {
    window[flag] = at;
    dispatchEvent(new Event(flag));
  };
  const seen = () => {
    if (!window.__editorReady && document.querySelector("[data-testid=editor]")) note("__editorReady", performance.now());
    if (!window.__previewPainted && document.querySelector("[data-testid=preview] .block")) {
      const at = performance.now();
      window.__previewPainted = -1;
      requestAnimationFrame(() => {
        window.__previewInDom = at;
        note("__previewPainted", performance.now());
      });
    }
  };
  new MutationObserver(seen).observe(document, { childList: true, subtree: true });
  new PerformanceObserver((list, observer) => {
    if (!list.getEntriesByName("first-contentful-paint").length) return;
    observer.disconnect();
    note("__firstPaint", performance.now());
  }).observe({ type: "paint", buffered: true });
}

/**
 * Waits until `watchStartup` has noted `flag` in the page. Not with
 * `page.waitForFunction`: Playwright's polling runs its injected script, which the
 * page parses on its main thread (6-13 ms in traced cold loads), in the middle of the
 * start-up being measured: preview painted 321 against 309 ms over 20 + 20 cold loads
 * of the same build. Navigations here wait only for their commit, for the same
 * reason. The event, or the flag if it came first: the wait may start before or after
 * the page's own scripts.
 */
export function startupEvent(page, flag) {
  return page.evaluate(noted, flag);
}

/** Runs in the page: true, or a promise of it, once `watchStartup` has noted `flag`. */
export function noted(flag) {
  return window[flag] > 0 || new Promise((resolve) => addEventListener(flag, () => resolve(true), { once: true }));
}

/**
 * Opens `url` in a new page of `context`, watched by `watchStartup`, and resolves to
 * the page once each of `flags` is noted, in order. The navigation waits only for
 * its commit (see `startupEvent`).
 */
export async function openWatched(context, url, ...flags) {
  const page = await context.newPage();
  await page.addInitScript(watchStartup);
  await page.goto(url, { waitUntil: "commit" });
  for (const flag of flags) await startupEvent(page, flag);
  return page;
}
