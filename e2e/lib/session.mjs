// One served build and one browser profile for a test file: `const app = appSession()`
// at the top, then `app.server.url` and `app.context` inside the tests.
import { before, after } from "node:test";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serveDist } from "./server.mjs";
import { launch } from "./browser.mjs";

/** The corpus folder: RECAP_CORPUS, else ../shared/corpus beside the project. */
export const corpusDir =
  process.env.RECAP_CORPUS ?? resolve(fileURLToPath(new URL(".", import.meta.url)), "..", "..", "..", "shared", "corpus");

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
