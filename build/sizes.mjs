// `make dist`, last step: what a first visit downloads, gzip and brotli, against the
// budget the repo keeps (size-budget.json). Writes `.gz` and `.br` beside each text
// and wasm file for hosts that serve pre-compressed files (README: nginx
// gzip_static/brotli_static, Caddy `precompressed`). Exits 1 over budget.
//
// The `.gz` files are written by zopfli (the Makefile installs its command): plain
// gzip that every client reads, about 6 % smaller than zlib's level 9 on this wasm,
// at the cost of seconds at build time, which is what files compressed once and
// served many times are for. The budget counts the files as served; zlib's level 9,
// what a host compressing on the fly sends at best, is printed beside them.
//
//   node build/sizes.mjs [DIST] [--json OUT]
import { readFile, readdir, writeFile, unlink } from "node:fs/promises";
import { brotliCompress, gzipSync, constants } from "node:zlib";
import { execFile } from "node:child_process";
import { availableParallelism } from "node:os";
import { promisify } from "node:util";
import { extname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { SPLIT_FILE } from "./split-wasm.mjs";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..");
const args = process.argv.slice(2);
const jsonAt = args.indexOf("--json");
const jsonOut = jsonAt >= 0 ? args.splice(jsonAt, 2)[1] : null;
const dist = resolve(args[0] ?? join(root, "dist"));

const COMPRESSIBLE = new Set([".wasm", ".js", ".css", ".html", ".svg", ".webmanifest", ".json"]);
// What the first visit fetches before the writer can type: the page, its styles and
// scripts, the wasm, the manifest and icon. Install icons (PNG) come later, with the
// service worker's precache, and so do the files the app fetches only when the writer
// asks for what they hold.
const ON_DEMAND = new Set([
  "recap-search.js", // the search panel, at the first search key (editor/src/lazy-search.js)
]);
// And the parts of the wasm split off by build/split-wasm.mjs, fetched when the writer
// first opens what they hold.
const onDemand = (name) => ON_DEMAND.has(name) || SPLIT_FILE.test(name);
const firstLoad = (name) => COMPRESSIBLE.has(extname(name)) && !onDemand(name);
const kind = (name) =>
  ({ ".wasm": "wasm", ".js": "js", ".css": "css" })[extname(name)] ?? "other";

const budget = JSON.parse(await readFile(join(root, "size-budget.json"), "utf8"));

// Compressed files left from an earlier run go first: removed while the listing is
// walked, they took this run's new ones with them (the listing is sorted, `x.js.br`
// after `x.js`).
const stale = (name) => name.endsWith(".gz") || name.endsWith(".br");
for (const name of await readdir(dist)) if (stale(name)) await unlink(join(dist, name));

// zopfli writes `FILE.gz` beside each FILE it is given; one process per core.
const zopfli = async (paths) => {
  const queue = [...paths];
  const worker = async () => {
    for (let path = queue.shift(); path; path = queue.shift()) {
      await promisify(execFile)("zopfli", [path]).catch((e) => {
        console.error(e.code === "ENOENT" ? "zopfli is not installed: `make tools` installs it" : `zopfli failed on ${path}: ${e.message}`);
        process.exit(1);
      });
    }
  };
  await Promise.all(Array.from({ length: availableParallelism() }, worker));
};
const names = (await readdir(dist)).sort().filter((name) => COMPRESSIBLE.has(extname(name)));
await zopfli(names.map((name) => join(dist, name)));

// Brotli at its best quality, with the smallest of three input block sizes: the
// encoder's own choice (0), and 64 KB and 1 MB blocks. Any block size is a plain
// brotli stream; which one compresses best depends on the file (the main wasm gave
// 1.6 KB less with 64 KB blocks, the editor bundle none).
const brotli = async (bytes, mode) => {
  const tries = [0, 16, 20].map((lgblock) =>
    promisify(brotliCompress)(bytes, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_LGBLOCK]: lgblock,
        [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
        [constants.BROTLI_PARAM_MODE]: mode,
      },
    }),
  );
  return (await Promise.all(tries)).reduce((best, br) => (br.length < best.length ? br : best));
};

const rows = [];
for (const name of names) {
  const bytes = await readFile(join(dist, name));
  const gz = await readFile(join(dist, `${name}.gz`));
  const gzip9 = gzipSync(bytes, { level: 9 }).length;
  const br = await brotli(bytes, extname(name) === ".wasm" ? constants.BROTLI_MODE_GENERIC : constants.BROTLI_MODE_TEXT);
  await writeFile(join(dist, `${name}.br`), br);
  rows.push({ name, kind: kind(name), raw: bytes.length, gzip: gz.length, gzip9, brotli: br.length, firstLoad: firstLoad(name) });
}

// A folder without the app (a wrong path, a failed build) would weigh nothing and
// pass the budget.
for (const k of ["wasm", "js"]) {
  if (!rows.some((r) => r.firstLoad && r.kind === k)) {
    console.error(`no ${k} file in ${dist}: is that the app's build?`);
    process.exit(1);
  }
}

const sum = (list, key) => list.reduce((n, r) => n + r[key], 0);
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
const byKind = ["wasm", "js", "css", "other"].map((k) => {
  const list = rows.filter((r) => r.firstLoad && r.kind === k);
  return { kind: k, files: list.length, raw: sum(list, "raw"), gzip: sum(list, "gzip"), brotli: sum(list, "brotli") };
});
const first = rows.filter((r) => r.firstLoad);
const total = { raw: sum(first, "raw"), gzip: sum(first, "gzip"), gzip9: sum(first, "gzip9"), brotli: sum(first, "brotli") };

console.log(`first load (${dist}):`);
console.log("  kind    files        raw       gzip     brotli");
for (const k of byKind) {
  console.log(`  ${k.kind.padEnd(6)} ${String(k.files).padStart(6)} ${kb(k.raw).padStart(10)} ${kb(k.gzip).padStart(10)} ${kb(k.brotli).padStart(10)}`);
}
console.log(`  total  ${String(first.length).padStart(6)} ${kb(total.raw).padStart(10)} ${kb(total.gzip).padStart(10)} ${kb(total.brotli).padStart(10)}`);
console.log(`  gzip: the .gz files (zopfli); zlib level 9, as a host compressing on the fly sends them: ${kb(total.gzip9)}`);
for (const r of rows.filter((r) => onDemand(r.name))) {
  console.log(`  on demand: ${r.name} ${kb(r.raw)} raw, ${kb(r.gzip)} gzip, ${kb(r.brotli)} brotli`);
}
console.log(`  budget (size-budget.json): ${kb(budget.gzip)} gzip, ${kb(budget.brotli)} brotli; goal ${kb(budget.goal.gzip)} gzip, ${kb(budget.goal.brotli)} brotli`);

if (jsonOut) await writeFile(jsonOut, JSON.stringify({ rows, byKind, total, budget }, null, 2));

const over = [];
if (total.gzip > budget.gzip) over.push(`gzip ${kb(total.gzip)} > ${kb(budget.gzip)}`);
if (total.brotli > budget.brotli) over.push(`brotli ${kb(total.brotli)} > ${kb(budget.brotli)}`);
if (over.length > 0) {
  console.error(`over the size budget in size-budget.json: ${over.join(", ")}`);
  process.exit(1);
}
const above = ["gzip", "brotli"]
  .filter((k) => total[k] > budget.goal[k])
  .map((k) => `${kb(total[k] - budget.goal[k])} ${k}`);
console.log(above.length > 0 ? `  within budget; above the goal by ${above.join(", ")}` : "  within budget and goal");
