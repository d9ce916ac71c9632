// A Hugo site folder opened in the app (fixture sites in the Origin Private File
// System stand in for the folder the writer picks): posts listed and opened, saved in
// place byte for byte, a file changed on disk never overwritten unasked, new posts
// from the archetype, images where the site keeps them, and Hugo building the result.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { appSession } from "../lib/session.mjs";
import { openApp, screenshot, APP_EDITOR } from "../lib/browser.mjs";
import { editor, shownText, typeAtEnd } from "../lib/editor.mjs";
import { copySiteOut, dropFiles, fakePicker, installSite, openSite, readSiteFile, sitesDir, writeSiteFile } from "../lib/site.mjs";

const app = appSession();
let picker = null;
/** The picker stand-in, installed once the session's browser is up. */
async function withPicker() {
  picker ??= fakePicker(app.context);
  await picker;
}

// A 1×1 PNG.
const PNG = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==";

/** Forgets the site folder an earlier test left remembered (one browser profile). */
function forgetSites(page) {
  return page.evaluate(
    () =>
      new Promise((done) => {
        const req = indexedDB.deleteDatabase("recap-site");
        req.onsuccess = req.onerror = req.onblocked = () => done();
      }),
  );
}

/** The app with no site remembered from an earlier test. */
async function freshApp() {
  await withPicker();
  const { page, errors } = await openApp(app.context, app.server.url);
  await forgetSites(page);
  await page.reload();
  await page.waitForSelector(APP_EDITOR);
  await page.locator("[data-testid=open-site]").waitFor();
  return { page, errors };
}

async function openDetails(page) {
  const details = page.locator("[data-testid=details]");
  if (!(await details.isVisible())) await page.getByRole("button", { name: "Details", exact: true }).click();
  await details.waitFor();
}

async function siteOpen(folderName) {
  const { page, errors } = await freshApp();
  const folder = await installSite(page, folderName);
  await openSite(page, folder);
  await page.locator("[data-testid=site-post]").first().waitFor();
  return { page, errors, folder };
}

async function openPost(page, path) {
  await page.locator(`[data-testid=site-post][data-path="${path}"] button`).click();
  await page.locator(`[data-testid=site-post][data-path="${path}"].current`).waitFor();
}

test("a Hugo site's posts are listed newest first; editing the title and saving changes only that line", async () => {
  const { page, folder } = await siteOpen("bundles");
  const items = page.locator("[data-testid=site-post]");
  assert.equal(await items.count(), 2, "two posts: no _index.md, no bundle resource");
  assert.deepEqual(await items.evaluateAll((els) => els.map((e) => e.dataset.path)), [
    "content/post/kubecon-day-1/index.md",
    "content/post/devoxx-notes/index.md",
  ]);
  await page.locator("[data-testid=site-search]").fill("devoxx");
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=site-post]").length === 1);
  await page.locator("[data-testid=site-search]").fill("");

  const path = "content/post/kubecon-day-1/index.md";
  const before = await readSiteFile(page, folder, path);
  await openPost(page, path);
  await openDetails(page);
  await page.locator("[data-testid=fm-title]").waitFor();
  assert.equal(await page.locator("[data-testid=fm-title]").inputValue(), "KubeCon Day 1: operators everywhere");
  // The site does not publish raw HTML: the preview shows where Hugo leaves it out.
  await page.locator("[data-testid=preview] .raw-omitted").waitFor();
  assert.equal(await page.locator("[data-testid=preview] .tweet-card").count(), 0);
  await page.locator("[data-testid=checks]", { hasText: "Raw HTML will not be published: 1 place" }).waitFor();
  await page.locator("[data-testid=post-address]", { hasText: "https://notes.example.org/2024/03/kubecon-day-1/" }).waitFor();
  // The bundle's image is read from the folder and shown (32×18 pixels).
  await page.waitForFunction(() => {
    const img = document.querySelector("[data-testid=preview] img[data-site]");
    return img?.src.startsWith("blob:") && img.complete && img.naturalWidth === 32;
  });

  await page.locator("[data-testid=fm-title]").fill("KubeCon Day 1: operators, everywhere");
  await page.locator("[data-testid=save-to-site]").click();
  await page.locator("[data-testid=notices]", { hasText: `Saved to ${path}` }).waitFor();
  const after = await readSiteFile(page, folder, path);
  const [b, a] = [before.split("\n"), after.split("\n")];
  assert.equal(a.length, b.length);
  const changed = a.map((line, i) => (line === b[i] ? null : i)).filter((i) => i !== null);
  assert.deepEqual(changed, [1]);
  assert.equal(a[1], 'title: "KubeCon Day 1: operators, everywhere"');
  await screenshot(page, "site-open");
  await page.close();
});

test("a post changed on disk since it was opened is not overwritten: both versions are kept", async () => {
  const { page, folder } = await siteOpen("split");
  const path = "content/posts/2019-09-02-jsconf.md";
  await openPost(page, path);
  await typeAtEnd(page, "\nMine, typed in Recap.");
  const theirs = (await readSiteFile(page, folder, path)) + "\nTheirs, from a git pull.\n";
  await writeSiteFile(page, folder, path, theirs);
  await editor(page).focus();
  await page.keyboard.press("Control+s");
  const dialog = page.locator("[data-testid=site-conflict]");
  await dialog.waitFor();
  assert.match(await page.locator("[data-testid=site-conflict-theirs]").textContent(), /Theirs, from a git pull/);
  assert.match(await page.locator("[data-testid=site-conflict-mine]").textContent(), /Mine, typed in Recap/);
  assert.equal(await readSiteFile(page, folder, path), theirs, "nothing written before the writer chooses");
  // The disk version is a draft of its own; the writer's text stays open.
  await page.locator("[data-testid=draft-list] li", { hasText: "JSConf recap" }).nth(1).waitFor();
  await screenshot(page, "site-conflict");
  await page.locator("[data-testid=site-conflict-overwrite]").click();
  await page.locator("[data-testid=notices]", { hasText: `Saved to ${path}` }).waitFor();
  const written = await readSiteFile(page, folder, path);
  assert.match(written, /Mine, typed in Recap\.$/);
  assert.doesNotMatch(written, /Theirs/);
  await page.close();
});

test("a new post follows the archetype; an image dropped in lands where the site keeps images", async () => {
  const { page, folder } = await siteOpen("archetypes");
  await page.locator("[data-testid=site-new-post]").click();
  await page.locator("[data-testid=site-new-title]").fill("Rust in prod");
  await page.locator("[data-testid=site-new-section]").fill("talks");
  await page.locator("[data-testid=site-new-create]").click();
  const path = "content/talks/rust-in-prod.md";
  await page.locator(`[data-testid=site-post][data-path="${path}"].current`).waitFor();
  const written = await readSiteFile(page, folder, path);
  assert.match(written, /^---\ntitle: "Rust in prod"\ndate: \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d\ndraft: true\n/);
  assert.match(written, /\nyear: \d{4}\n/);
  assert.match(written, /## Summary/);
  await page.locator("[data-testid=notices]", { hasText: ".Params.speaker" }).waitFor();
  assert.equal(await shownText(page), written.replace(/\n$/, "\n"));

  // A flat post: the image goes under static/, in a folder the site makes for images.
  await dropFiles(page, [{ name: "Slide 1.PNG", base64: PNG, type: "image/png" }]);
  await page.locator("[data-testid=notices]", { hasText: "Added static/images/slide-1.png" }).waitFor();
  assert.ok(await readSiteFile(page, folder, "static/images/slide-1.png"));
  await page.waitForFunction(() => document.querySelector("[data-testid=preview] img[data-site]")?.src.startsWith("blob:"));
  // A new post opens at its end: the figure goes below the archetype's text, the
  // front matter stays as the archetype made it.
  const shown = await shownText(page);
  assert.ok(shown.startsWith(written.trimEnd()), shown);
  assert.match(shown.slice(written.trimEnd().length), /^\s*\{\{< figure src="\/images\/slide-1\.png" caption="Slide 1" >\}\}/);
  await page.close();
});

test("Hugo builds what Recap wrote: a new bundle post with its image", async (t) => {
  let hugo = null;
  for (const bin of ["/usr/bin/hugo", "/usr/local/bin/hugo"]) if (existsSync(bin)) hugo = bin;
  assert.ok(hugo, "hugo is not installed: `make test` installs Debian's hugo");
  const { page, folder } = await siteOpen("bundles");
  await page.locator("[data-testid=site-new-post]").click();
  await page.locator("[data-testid=site-new-title]").fill("DevOpsCon: Munich");
  await page.locator("[data-testid=site-new-section]").fill("post");
  await page.locator("[data-testid=site-new-create]").click();
  const path = "content/post/devopscon-munich/index.md";
  await page.locator(`[data-testid=site-post][data-path="${path}"].current`).waitFor();
  await openDetails(page);
  await page.locator("[data-testid=fm-draft]").uncheck();
  await typeAtEnd(page, "\nThe keynote was about platform teams.\n\n");
  await dropFiles(page, [{ name: "stage.png", base64: PNG, type: "image/png" }]);
  await page.locator("[data-testid=notices]", { hasText: "Added content/post/devopscon-munich/stage.png" }).waitFor();
  await page.locator("[data-testid=save-to-site]").click();
  await page.locator("[data-testid=notices]", { hasText: `Saved to ${path}` }).waitFor();
  const previewText = await page.locator("[data-testid=preview] p").first().textContent();

  const dir = await mkdtemp(join(tmpdir(), "recap-hugo-"));
  await copySiteOut(page, folder, dir);
  const out = join(dir, "public");
  execFileSync(hugo, ["--quiet", "--source", dir, "--destination", out], { stdio: "pipe" });
  const day = new Date();
  const month = String(day.getMonth() + 1).padStart(2, "0");
  const pagePath = join(out, String(day.getFullYear()), month, "devopscon-munich", "index.html");
  assert.ok(existsSync(pagePath), `Hugo published no page at ${pagePath}`);
  const html = await readFile(pagePath, "utf8");
  assert.match(html, /<img src="stage\.png"\s+alt="stage"\/>/);
  assert.ok(existsSync(join(out, String(day.getFullYear()), month, "devopscon-munich", "stage.png")), "the image is published with the page");
  assert.ok(html.includes(`<p>${previewText}</p>`), `published text differs from the preview's "${previewText}":\n${html}`);
  await page.close();
});

test("a folder that is not a Hugo site, and a broken config, are named in the message", async () => {
  const { page } = await freshApp();
  const notSite = await installSite(page, "not-a-site");
  await openSite(page, notSite);
  await page.locator("[data-testid=notices] .error", { hasText: `“${notSite}” is not a Hugo site` }).waitFor();
  const broken = await installSite(page, "broken-config");
  await openSite(page, broken);
  await page.locator("[data-testid=notices] .error", { hasText: /hugo\.toml is not valid on line [23]/ }).waitFor();
  assert.equal(await page.locator("[data-testid=site-post]").count(), 0);
  await page.close();
});

test("the site is remembered: the next visit reopens it, or asks first when the browser says so", async () => {
  const { page, folder } = await siteOpen("bundles");
  await page.reload();
  // Permission still granted: the site comes back by itself.
  await page.locator("[data-testid=site-post]").first().waitFor();
  assert.equal(await page.locator("[data-testid=site-name]").textContent(), "Conference Notes");
  // The browser wants a click first ("prompt"): Reconnect asks, then the site opens.
  await page.addInitScript(() => {
    let asked = false;
    FileSystemHandle.prototype.queryPermission = async () => (asked ? "granted" : "prompt");
    FileSystemHandle.prototype.requestPermission = async () => ((asked = true), "granted");
  });
  await page.reload();
  await page.locator("[data-testid=site-reconnect]").waitFor();
  assert.match(await page.locator("[data-testid=site-reconnect]").textContent(), new RegExp(folder));
  await page.locator("[data-testid=site-reconnect]").click();
  await page.locator("[data-testid=site-post]").first().waitFor();
  await page.close();
  // Refused: a clear message, nothing opened.
  const { page: denied } = await openApp(app.context, app.server.url);
  await denied.locator("[data-testid=site-post]").first().waitFor();
  await denied.addInitScript(() => {
    FileSystemHandle.prototype.queryPermission = async () => "prompt";
    FileSystemHandle.prototype.requestPermission = async () => "denied";
  });
  await denied.reload();
  await denied.locator("[data-testid=site-reconnect]").click();
  await denied.locator("[data-testid=notices] .error", { hasText: "did not allow" }).waitFor();
  assert.equal(await denied.locator("[data-testid=site-post]").count(), 0);
  await denied.close();
});

test("without the folder API the button says why", async () => {
  const page = await app.context.newPage();
  await page.addInitScript(() => {
    delete window.showDirectoryPicker;
    window.showDirectoryPicker = undefined;
  });
  await page.goto(app.server.url);
  // No folder remembered by an earlier test may open instead.
  await forgetSites(page);
  await page.reload();
  const button = page.locator("[data-testid=open-site]");
  await button.waitFor();
  assert.ok(await button.isDisabled());
  assert.match(await button.getAttribute("title"), /Firefox and Safari/);
  // The site opens read-only from the folder's files; saving downloads the post.
  await page.locator("[data-testid=open-site-readonly]").setInputFiles(join(sitesDir, "bundles"));
  const path = "content/post/kubecon-day-1/index.md";
  await page.locator(`[data-testid=site-post][data-path="${path}"]`).waitFor();
  assert.equal(await page.locator("[data-testid=site-post]").count(), 2);
  await openPost(page, path);
  await typeAtEnd(page, "\nRead-only, downloaded.");
  await screenshot(page, "site-read-only");
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=save-to-site]").click()]);
  assert.equal(file.suggestedFilename(), "index.md");
  const original = await readFile(join(sitesDir, "bundles", path), "utf8");
  assert.equal(await readFile(await file.path(), "utf8"), original + "\nRead-only, downloaded.");
  await page.locator("[data-testid=notices]", { hasText: `Put it at ${path}` }).waitFor();
  await page.close();
});

test("a config environment can be picked: its settings go on top of _default", async () => {
  const { page } = await siteOpen("split");
  await openPost(page, "content/posts/2019-06-14-devopsdays.md");
  await openDetails(page);
  const address = page.locator("[data-testid=post-address]");
  await address.filter({ hasText: "https://blog.example.net/2019/06/devopsdays-day-one.html" }).waitFor();
  await page.locator("[data-testid=site-environment]").selectOption("production");
  await address.filter({ hasText: "https://production.example.net/2019/06/devopsdays-day-one.html" }).waitFor();
  await page.locator("[data-testid=notices]", { hasText: "config/production/hugo.toml" }).waitFor();
  await page.close();
});
