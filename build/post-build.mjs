// Trunk post_build hook (see Trunk.toml): finishes the files Trunk staged.
// 0. Release builds: the wasm is split into what every start needs and the parts
//    fetched on demand (build/split-wasm.mjs).
// 1. Release builds: wasm-bindgen's JavaScript glue and our own copied scripts are
//    minified (Trunk's own minifier fails on the glue and leaves it whole), and the
//    integrity hash of the glue in the page follows (the split loader gets a
//    modulepreload link of its own). The wasm's preload link becomes a script that
//    adds it only when the service worker serves the page, and Trunk's loader waits
//    for early.js's word on a first visit. sw.js stays as written: step 2 fills
//    it in, and a browser test deploys "a new version" by editing its VERSION line.
// 2. The service worker gets this build's version and the list of files to precache.
// 3. The Content Security Policy gets the hashes of the page's inline scripts (Trunk's
//    loader, and in release builds the wasm's preload script), so no 'unsafe-inline'
//    is needed.
import { createHash } from "node:crypto";
import { readFile, readdir, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { splitWasm } from "./split-wasm.mjs";

const dir = process.env.TRUNK_STAGING_DIR;
if (!dir) throw new Error("run by Trunk: TRUNK_STAGING_DIR is not set");

async function walk(d) {
  const out = [];
  for (const entry of await readdir(d, { withFileTypes: true })) {
    const path = join(d, entry.name);
    if (entry.isDirectory()) out.push(...(await walk(path)));
    else out.push(path);
  }
  return out;
}

// `make serve` (a debug build) injects Trunk's live-reload script when it serves the
// page, and rebuilds under the writer's feet: there the policy allows inline scripts
// and the service worker caches nothing. Release builds (`make dist`) get neither.
const dev = process.env.TRUNK_PROFILE === "debug";

const indexPath = join(dir, "index.html");
let html = await readFile(indexPath, "utf8");

if (!dev) {
  // The editor's esbuild, as build/bundle-css.mjs takes it.
  const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
  const { transform } = createRequire(join(root, "editor", "package.json"))("esbuild");
  const minify = async (name) => {
    const path = join(dir, name);
    const { code } = await transform(await readFile(path, "utf8"), { minify: true, target: "es2020", legalComments: "none" });
    await writeFile(path, code);
    return code;
  };
  // Trunk's hash is a 64-bit number in hex without leading zeros: 16 digits or fewer.
  const glue = (await readdir(dir)).filter((f) => /^recap-[0-9a-f]{1,16}\.js$/.test(f));
  if (glue.length !== 1) throw new Error(`expected one wasm-bindgen glue file, found ${glue.length}`);
  const stem = glue[0].slice(0, -".js".length);
  const targetDir = process.env.CARGO_TARGET_DIR ? resolve(root, process.env.CARGO_TARGET_DIR) : join(root, "target");
  const { loader, onDemand } = await splitWasm({
    dir,
    stem,
    wasmIn: join(targetDir, "wasm32-unknown-unknown", "release", "recap.wasm"),
  });
  console.log(`post-build: wasm split, on demand: ${onDemand.join(", ")}`);
  // Copied as written by index.html's copy-file links (the editor bundles come
  // minified).
  for (const name of ["site-fs.js", "register-sw.js", "early.js"]) await minify(name);
  // The preload and modulepreload links check the files' bytes (subresource integrity).
  const sri = (bytes) => `sha384-${createHash("sha384").update(bytes).digest("base64")}`;
  const integrity = (name, bytes) => {
    const link = new RegExp(`(<link[^>]*href="[^"]*${name.replaceAll(".", "\\.")}"[^>]*integrity=")sha384-[^"]+"`);
    if (!link.test(html)) throw new Error(`index.html has no integrity hash for ${name}`);
    html = html.replace(link, `$1${sri(bytes)}"`);
  };
  integrity(glue[0], await minify(glue[0]));
  integrity(`${stem}_bg.wasm`, await readFile(join(dir, `${stem}_bg.wasm`)));
  // On a first visit the wasm is asked for once the early editor has shown the draft
  // (assets/early.js says why): Trunk's preload link, which fetches it with the page,
  // becomes a script that adds the same link only when the service worker serves the
  // page, and Trunk's loader awaits early.js's promise (undefined when there is
  // nothing to wait for).
  const wasmPreload = new RegExp(`<link rel="preload" href="[^"]*${stem}_bg\\.wasm"[^>]*>`);
  const preload = html.match(wasmPreload)?.[0];
  if (!preload) throw new Error(`index.html has no preload link for ${stem}_bg.wasm`);
  const attribute = (name) => preload.match(new RegExp(` ${name}="([^"]*)"`))?.[1];
  const link = { rel: "preload", as: "fetch", type: "application/wasm", crossOrigin: "anonymous", href: attribute("href"), integrity: attribute("integrity") };
  // Before the stylesheet's link: an inline script after it would wait for it.
  const early = '<script type="module" src="early.js"></script>';
  if (!html.includes(early)) throw new Error(`index.html has no ${early}`);
  html = html.replace(preload, "").replace(
    early,
    `<script>navigator.serviceWorker?.controller&&document.head.append(Object.assign(document.createElement("link"),${JSON.stringify(link)}))</script>\n    ${early}`,
  );
  const init = "\nconst wasm = await init(";
  if (html.split(init).length !== 2) throw new Error("index.html: Trunk's loader does not call init() once");
  html = html.replace(init, `\nawait globalThis.recapBeforeApp;${init}`);
  // The glue imports the split loader: fetched beside the glue, not after it has been
  // read (one round trip less before the wasm can start).
  const glueLink = new RegExp(`<link rel="modulepreload" href="([^"]*)${glue[0].replaceAll(".", "\\.")}"[^>]*>`);
  const found = html.match(glueLink);
  if (!found) throw new Error(`index.html has no modulepreload link for ${glue[0]}`);
  const loaderLink = `<link rel="modulepreload" href="${found[1]}${loader}" crossorigin="anonymous" integrity="${sri(await minify(loader))}">`;
  html = html.replace(found[0], `${found[0]}\n${loaderLink}`);
  // index.html's comments are notes for whoever edits it, and the lines Trunk emptied
  // are nothing: neither is sent (about 0.4 KB gzip of the first load). Scripts keep
  // every byte, their hashes being taken below.
  html = html
    .split(/(<script[\s\S]*?<\/script>)/)
    .map((part, i) => (i % 2 ? part : part.replace(/<!--[\s\S]*?-->/g, "").replace(/\n\s*(?=\n)/g, "")))
    .join("");
}
const hashes = [];
for (const [, body] of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
  hashes.push(`'sha256-${createHash("sha256").update(body, "utf8").digest("base64")}'`);
}
if (!html.includes("'__RECAP_SCRIPT_HASHES__'")) throw new Error("index.html has no CSP placeholder");
html = html.replace("'__RECAP_SCRIPT_HASHES__'", dev ? "'unsafe-inline'" : hashes.join(" "));
await writeFile(indexPath, html);

if (dev) {
  await writeFile(
    join(dir, "sw.js"),
    "// Development build: no caching; clears what a release build cached.\n" +
      "self.addEventListener('install', () => self.skipWaiting());\n" +
      "self.addEventListener('activate', (e) => e.waitUntil(caches.keys().then((k) => Promise.all(k.map((c) => caches.delete(c)))).then(() => self.clients.claim())));\n",
  );
  console.log("post-build: development build, inline scripts allowed, service worker without cache");
  process.exit(0);
}

const files = (await walk(dir))
  .map((f) => relative(dir, f).split("\\").join("/"))
  .filter((f) => f !== "sw.js")
  .sort();
const version = createHash("sha256");
for (const f of files) version.update(f).update(await readFile(join(dir, f)));
const swPath = join(dir, "sw.js");
const sw = (await readFile(swPath, "utf8"))
  .replace("__RECAP_VERSION__", version.digest("hex").slice(0, 16))
  .replace('"__RECAP_FILES__"', files.map((f) => JSON.stringify(`./${f}`)).join(", "));
await writeFile(swPath, sw);
console.log(`post-build: ${files.length} files precached, ${hashes.length} inline script hash(es) in the CSP`);
