// Shows the draft in a real editor before the app's WebAssembly has arrived: see
// showEarly in editor/src/early.js and recap-editor.js.
//
// When does the app's loader (the next script, index.html) ask for the wasm?
// - On a first visit the network is what the writer waits for, and the wasm is three
//   times the editor's bytes: fetched beside the editor, it slows the editor's files
//   down to its own pace. So the wasm is asked for once the draft is on screen (the
//   loader awaits `recapBeforeApp`): the editor's files have the connection to
//   themselves, and the wasm has it after them. The app starts later by the time the
//   early editor takes to show (measured in the README). Waiting for the paint of the
//   draft, not only for showEarly: Lighthouse's simulation counts every request that
//   ended before the largest paint as needed for it.
// - When the service worker serves the files, the network is not the bottleneck: the
//   loader asks at once, and the wasm compiles beside this work instead of after it
//   (a timer runs showEarly after the loader).
// - A page opened in the background, or one where the early editor shows nothing
//   (storage unreadable): no wait.
import { showEarly } from "./recap-editor.js";

const firstVisit = !navigator.serviceWorker?.controller && document.visibilityState === "visible";
let release;
if (firstVisit) globalThis.recapBeforeApp = new Promise((resolve) => (release = resolve));
function show() {
  let shown = false;
  try {
    shown = showEarly();
  } finally {
    // Its fonts have been looked up by now (style/font-warmup.css).
    document.querySelector(".font-warmup")?.remove();
    if (release && shown) afterPaint(release);
    else release?.();
  }
}
// On a first visit the loader waits for the paint anyway, so nothing is gained by
// letting it run first: the draft shows at once. The timer's turn came after the load
// event's task, 13 ms later in a traced cold load.
if (firstVisit) show();
else setTimeout(show, 0);

/** Calls `done` once the browser has painted what was just added (at most a second on). */
function afterPaint(done) {
  // A page hidden meanwhile paints nothing.
  setTimeout(done, 1000);
  // The browser's own word that the draft is on screen: nothing was painted before it
  // on this page, so the first largest-contentful-paint entry is the draft's.
  if (PerformanceObserver.supportedEntryTypes?.includes("largest-contentful-paint")) {
    new PerformanceObserver((_, observer) => {
      observer.disconnect();
      done();
    }).observe({ type: "largest-contentful-paint", buffered: true });
  } else {
    requestAnimationFrame(() => setTimeout(done, 0));
  }
}
