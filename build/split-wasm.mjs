// Release builds: the app's wasm split into the part every start needs and the parts
// fetched on demand (src/ui/on_demand.rs), run by build/post-build.mjs.
//
// Trunk builds the wasm (with `--cfg recap_split` and relocations kept, see the
// Makefile's RELEASE_WASM), runs wasm-bindgen on it whole and stages the result (its
// wasm-opt is off in index.html: this file runs it). wasm-split needs the linker's
// relocations, which wasm-bindgen drops, so this starts again from cargo's output:
//   1. wasm-split-cli: the main module, one wasm file per split module (and shared
//      chunks), and the loader `__wasm_split.js`, which the main module imports;
//   2. wasm-bindgen on the main module, keeping the linker's exports the split files
//      import (memory, table, functions); then the classes no code can make an
//      instance of dropped (build/unusable-classes.mjs: 1 KB brotli), and short names
//      for the functions the module and the glue call each other by
//      (build/short-names.mjs: 6 KB brotli);
//   3. wasm-opt -Oz on each wasm file, as Trunk would, and its functions put in the
//      order of their bytes (build/order-functions.mjs: 3 KB less brotli);
//   4. the split files and the loader renamed with a hash of their bytes (a host may
//      cache them for long, like Trunk's own hashed files), and the names in the
//      loader and the glue rewritten to match.
// Trunk's staged glue and wasm are replaced under their own names, so index.html's
// links stay; the caller updates their integrity hashes.
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { nameFunctionsByBytes } from "./order-functions.mjs";
import { shortenNames } from "./short-names.mjs";
import { dropUnusableClasses } from "./unusable-classes.mjs";

const hash16 = (bytes) => createHash("sha256").update(bytes).digest("hex").slice(0, 16);

/**
 * A split file's name: `recap-<part>-<hash>.wasm` (`recap-details-…`, `recap-chunk3-…`).
 * build/sizes.mjs counts the files this matches as fetched on demand; the main module
 * is `recap-<hash>_bg.wasm`.
 */
export const SPLIT_FILE = /^recap-[a-z0-9]+-[0-9a-f]{16}\.wasm$/;

function run(cmd, args) {
  try {
    execFileSync(cmd, args, { stdio: ["ignore", "pipe", "pipe"] });
  } catch (e) {
    const out = `${e.stdout ?? ""}${e.stderr ?? ""}`.trim();
    throw new Error(`${cmd} failed${e.code === "ENOENT" ? " (not installed: run make tools)" : ""}: ${out || e.message}`);
  }
}

/** wasm-opt -Oz on `input`, then its functions sorted by their bytes, into `output`. */
async function optimize(input, output) {
  const optimized = `${input}.oz`; // beside the input, in the work directory
  run("wasm-opt", [`--output=${optimized}`, "-Oz", input]);
  await writeFile(optimized, nameFunctionsByBytes(await readFile(optimized)));
  // The names go with the sections no browser reads (the tools that made the file,
  // its target features): wasm-opt read the features it needs from the input.
  const strip = ["--strip-debug", "--strip-producers", "--strip-target-features"];
  run("wasm-opt", [`--output=${output}`, "--reorder-functions-by-name", ...strip, optimized]);
  await rm(optimized);
}

/**
 * Splits `wasmIn` (cargo's output) into `dir`, where Trunk staged `stem.js` and
 * `stem_bg.wasm`. Returns the names of the files it wrote, the on-demand ones
 * separately.
 */
export async function splitWasm({ dir, stem, wasmIn }) {
  const work = await mkdtemp(join(tmpdir(), "recap-split-"));
  try {
    run("wasm-split-cli", [wasmIn, work, "--out-name", stem]);
    const made = await readdir(work);
    const parts = made.filter((f) => f.endsWith(".wasm") && f !== `${stem}.wasm`);
    if (!made.includes("__wasm_split.js") || parts.length === 0) {
      throw new Error(`wasm-split found no split points in ${wasmIn} (was it built with --cfg recap_split?)`);
    }

    const bindgen = join(work, "bindgen");
    run("wasm-bindgen", [
      "--target=web", "--no-typescript", "--keep-lld-exports", "--no-demangle",
      `--out-dir=${bindgen}`, `--out-name=${stem}`, join(work, `${stem}.wasm`),
    ]);
    const bound = join(bindgen, `${stem}_bg.wasm`);
    const used = dropUnusableClasses(await readFile(bound), await readFile(join(bindgen, `${stem}.js`), "utf8"));
    const short = shortenNames(used.wasm, used.glue);
    await writeFile(bound, short.wasm);
    await optimize(bound, join(dir, `${stem}_bg.wasm`));

    let loader = await readFile(join(work, "__wasm_split.js"), "utf8");
    const onDemand = [];
    for (const part of parts.sort()) {
      const optimized = join(work, `opt-${part}`);
      await optimize(join(work, part), optimized);
      const bytes = await readFile(optimized);
      // split_details.wasm -> recap-details-<hash>.wasm; chunk_3.wasm -> recap-chunk3-<hash>.wasm
      const label = part.replace(/\.wasm$/, "").replace(/^split_/, "").toLowerCase().replace(/[^a-z0-9]/g, "");
      const name = `recap-${label}-${hash16(bytes)}.wasm`;
      if (!SPLIT_FILE.test(name)) throw new Error(`${part} would be named ${name}, which build/sizes.mjs would not count as on demand`);
      const quoted = `"./${part}"`;
      if (!loader.includes(quoted)) throw new Error(`the split loader does not name ${part}`);
      loader = loader.replaceAll(quoted, JSON.stringify(`./${name}`));
      await writeFile(join(dir, name), bytes);
      onDemand.push(name);
    }
    const loaderName = `recap-split-${hash16(loader)}.js`;
    await writeFile(join(dir, loaderName), loader);

    // Only the import statements: the imports object keeps the module name the wasm
    // file asks for.
    const glue = short.glue;
    const importing = /(\bfrom\s*)"\.\/__wasm_split\.js"/g;
    if (!importing.test(glue)) throw new Error("the wasm-bindgen glue does not import the split loader");
    await writeFile(join(dir, `${stem}.js`), glue.replace(importing, `$1${JSON.stringify(`./${loaderName}`)}`));
    return { loader: loaderName, onDemand };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}
