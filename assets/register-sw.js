// Registers the service worker and tells the app when a new version is waiting.
// The app shows "A new version is ready: reload"; its button sends
// `recap:apply-update`, and the page reloads once the new version is in control.
(() => {
  if (!("serviceWorker" in navigator)) return;
  let reloading = false;
  const announce = (worker) => {
    window.__recapWaiting = worker;
    window.dispatchEvent(new Event("recap:update-ready"));
  };
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
