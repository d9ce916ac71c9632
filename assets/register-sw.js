// Registers the service worker and tells the app when a new version is waiting.
// The app shows "A new version is ready: reload"; its button sends
// `recap:apply-update`, and the page reloads once the new version is in control.
//
// Registered once the app has started and the page has gone idle: on a first visit
// the worker's install downloads and stores every file of the app again, and doing
// that while the app starts delayed the editor by about 150 ms in cold loads (after
// the page's load event alone, still by about 90 ms). If the app never starts, the
// worker registers 10 s after the page loaded.
(() => {
  if (!("serviceWorker" in navigator)) return;
  let reloading = false;
  const announce = (worker) => {
    window.__recapWaiting = worker;
    window.dispatchEvent(new Event("recap:update-ready"));
  };
  const register = () =>
    navigator.serviceWorker
      .register("./sw.js", { scope: "./" })
      .then((registration) => {
        if (registration.waiting && navigator.serviceWorker.controller) announce(registration.waiting);
        registration.addEventListener("updatefound", () => {
          const worker = registration.installing;
          worker?.addEventListener("statechange", () => {
            if (worker.state === "installed" && navigator.serviceWorker.controller) announce(worker);
          });
        });
        window.__recapRegistration = registration;
      })
      .catch((e) => console.warn("Recap works online only: the service worker did not register.", e));
  let asked = false;
  const once = () => {
    if (!asked) register();
    asked = true;
  };
  // Trunk's loader sends this once the wasm's main has run (the app is mounted).
  window.addEventListener(
    "TrunkApplicationStarted",
    () => ("requestIdleCallback" in window ? requestIdleCallback(once, { timeout: 3000 }) : setTimeout(once, 500)),
    { once: true },
  );
  window.addEventListener("load", () => setTimeout(once, 10000), { once: true });
  navigator.serviceWorker.addEventListener("controllerchange", () => {
    if (!window.__recapUpdating || reloading) return;
    reloading = true;
    window.location.reload();
  });
  window.addEventListener("recap:apply-update", () => {
    window.__recapUpdating = true;
    window.__recapWaiting?.postMessage("recap:activate");
  });
})();
