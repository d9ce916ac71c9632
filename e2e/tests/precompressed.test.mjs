// The `.gz` and `.br` files `make dist` writes beside each file (build/sizes.mjs), for
// hosts that serve them as they are (nginx gzip_static/brotli_static, Caddy
// `precompressed`): each holds its file's bytes, and measuring again keeps them.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cp, mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { extname, join, resolve } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { distDir } from "../lib/server.mjs";

const sizes = resolve(distDir, "..", "build", "sizes.mjs");
const COMPRESSED = new Set([".wasm", ".js", ".css", ".html", ".svg", ".webmanifest"]);

test("every text and wasm file has a .gz and a .br of its bytes, also after a second measuring", async () => {
  const dir = await mkdtemp(join(tmpdir(), "recap-dist-"));
  const out = await mkdtemp(join(tmpdir(), "recap-sizes-"));
  try {
    await cp(distDir, dir, { recursive: true });
    for (let run = 1; run <= 2; run++) {
      execFileSync("node", [sizes, dir, "--json", join(out, `sizes-${run}.json`)], { stdio: "ignore" });
      const names = await readdir(dir);
      const files = names.filter((n) => COMPRESSED.has(extname(n)));
      assert.ok(files.some((n) => n.endsWith(".wasm")), "the build has its wasm");
      for (const name of files) {
        const bytes = await readFile(join(dir, name));
        assert.ok(names.includes(`${name}.gz`) && names.includes(`${name}.br`), `run ${run}: ${name} has no .gz or .br beside it`);
        assert.deepEqual(gunzipSync(await readFile(join(dir, `${name}.gz`))), bytes, `${name}.gz`);
        assert.deepEqual(brotliDecompressSync(await readFile(join(dir, `${name}.br`))), bytes, `${name}.br`);
      }
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
    await rm(out, { recursive: true, force: true });
  }
});
