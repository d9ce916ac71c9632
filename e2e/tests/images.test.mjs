// Images without a site folder: kept with the draft in the browser's file storage
// (not localStorage), shown in the preview, and taken along by "Export bundle .zip",
// laid out as a Hugo page bundle.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appSession } from "../lib/session.mjs";
import { openApp } from "../lib/browser.mjs";
import { exportedText, setText, shownText } from "../lib/editor.mjs";
import { dropFiles } from "../lib/site.mjs";

const app = appSession();
// A 1×1 PNG.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==";

test("an image dropped on a draft is kept with it, shown, and exported in a page bundle", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await page.locator("[data-testid=new-draft]").click();
  await setText(page, "---\ntitle: Notes with a photo\n---\nThe stage:\n\n");
  const before = (await page.evaluate(() => JSON.stringify(localStorage))).length;
  await dropFiles(page, [{ name: "Main Stage.PNG", base64: PNG, type: "image/png" }]);
  await page.locator("[data-testid=notices]", { hasText: "Kept main-stage.png" }).waitFor();
  await page.waitForFunction(() => {
    const img = document.querySelector("[data-testid=preview] img[data-site]");
    return img?.src.startsWith("blob:") && img.complete && img.naturalWidth === 1;
  });
  assert.match(await shownText(page), /\{\{< figure src="main-stage\.png" caption="Main Stage" >\}\}/);
  // The image is not in localStorage (only the line that links it is).
  const after = (await page.evaluate(() => JSON.stringify(localStorage))).length;
  assert.ok(after - before < 400, `localStorage grew by ${after - before} characters`);

  // A second image of the same name does not replace the first.
  await dropFiles(page, [{ name: "main stage.png", base64: PNG, type: "image/png" }]);
  await page.locator("[data-testid=notices]", { hasText: "Kept main-stage-2.png" }).waitFor();

  const text = await exportedText(page);
  const [zip] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=export-bundle]").click()]);
  assert.equal(zip.suggestedFilename(), "notes-with-a-photo.zip");
  const dir = await mkdtemp(join(tmpdir(), "recap-bundle-"));
  const zipPath = join(dir, "bundle.zip");
  await zip.saveAs(zipPath);
  execFileSync("python3", ["-m", "zipfile", "-e", zipPath, dir]);
  const folder = join(dir, "content", "post", "notes-with-a-photo");
  assert.equal(await readFile(join(folder, "index.md"), "utf8"), text);
  assert.deepEqual(await readFile(join(folder, "main-stage.png")), Buffer.from(PNG, "base64"));
  assert.deepEqual(await readFile(join(folder, "main-stage-2.png")), Buffer.from(PNG, "base64"));
  await page.close();
});

test("an image pasted into the editor, or picked in the figure dialog, is added the same way", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await page.locator("[data-testid=new-draft]").click();
  await setText(page, "---\ntitle: Pasted\n---\nA screenshot:\n\n");
  // A screenshot on the clipboard: only an image, named as browsers name it.
  await page.evaluate((base64) => {
    const transfer = new DataTransfer();
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    transfer.items.add(new File([bytes], "image.png", { type: "image/png" }));
    const target = document.querySelector("[data-testid=editor]");
    target.dispatchEvent(new ClipboardEvent("paste", { clipboardData: transfer, bubbles: true, cancelable: true }));
  }, PNG);
  await page.locator("[data-testid=notices]", { hasText: "Kept image.png" }).waitFor();
  await page.locator("[data-testid=editor] .cm-line", { hasText: '{{< figure src="image.png" caption="image" >}}' }).waitFor();

  await page.locator("[data-testid=insert-figure]").click();
  await page.locator("[data-testid=figure-file]").setInputFiles({ name: "Slide 2.png", mimeType: "image/png", buffer: Buffer.from(PNG, "base64") });
  await page.locator("[data-testid=notices]", { hasText: "Kept slide-2.png" }).waitFor();
  await page.locator("[data-testid=editor] .cm-line", { hasText: '{{< figure src="slide-2.png" caption="Slide 2" >}}' }).waitFor();
  await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=preview] img[data-site]")].filter((i) => i.complete && i.naturalWidth === 1).length === 2);
  await page.close();
});
