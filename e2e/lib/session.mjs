// One served build and one browser profile for a test file: `const app = appSession()`
// at the top, then `app.server.url` and `app.context` inside the tests.
import { before, after } from "node:test";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serveDist } from "./server.mjs";
import { launch } from "./browser.mjs";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..", "..");

/** The project's own fixture posts (tests/data/posts). */
export const fixturesDir = join(root, "tests", "data", "posts");

/** A fixture post's text; fails naming the file when it is missing. */
export async function fixture(name) {
  const path = join(fixturesDir, name);
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    throw new Error(`missing test data ${path}: ${e.message}`);
  }
}

/**
 * The external corpus, an extra run on top of the fixtures: RECAP_CORPUS (which must
 * exist when set), else ../shared/corpus when it is there; null when there is none.
 */
export function externalCorpus() {
  if (process.env.RECAP_CORPUS) {
    if (!existsSync(process.env.RECAP_CORPUS)) throw new Error(`RECAP_CORPUS=${process.env.RECAP_CORPUS} does not exist`);
    return process.env.RECAP_CORPUS;
  }
  const shared = resolve(root, "..", "shared", "corpus");
  return existsSync(shared) ? shared : null;
}

export function appSession() {
  const app = {};
  before(async () => {
    app.server = await serveDist();
    app.context = await launch();
  });
  after(async () => {
    await app.context?.close();
    await app.server?.close();
  });
  return app;
}
