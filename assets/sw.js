// Recap's service worker: the app shell from the cache, so the editor starts with
// no network at all. `make dist` (a Trunk post_build hook, build/post-build.mjs)
// fills in the version and the file list; each build is its own cache.
const VERSION = "__RECAP_VERSION__";
const FILES = ["./", "__RECAP_FILES__"];
const CACHE = `recap-${VERSION}`;

self.addEventListener("install", (event) => {
  // No skipWaiting here: a new version waits until the writer chooses to reload.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(FILES)));
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("recap-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "recap:activate") self.skipWaiting();
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  // Only the app's own files; anything else (a link the writer opens) is not ours.
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") {
    event.respondWith(caches.match("./", { cacheName: CACHE }).then((hit) => hit ?? fetch(request)));
    return;
  }
  event.respondWith(
    caches.match(request, { cacheName: CACHE, ignoreSearch: true }).then((hit) => hit ?? fetch(request)),
  );
});
