// The whole pipeline in a real browser: typed Markdown shows up rendered in the preview.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appSession } from "../lib/session.mjs";
import { openApp, screenshot, APP_EDITOR } from "../lib/browser.mjs";
import { exportedText, typeText as typeInEditor } from "../lib/editor.mjs";

const app = appSession();

test("a newcomer is welcomed and opens the sample recap: tweet cards, talks and a figure", async () => {
  // First in this file: a fresh browser profile, nothing stored yet.
  const { page, errors } = await openApp(app.context, app.server.url);
  const welcome = page.locator("[data-testid=welcome]");
  await welcome.waitFor();
  await screenshot(page, "welcome");
  await welcome.getByRole("button", { name: "Open the sample recap" }).click();
  await welcome.waitFor({ state: "detached" });
  const preview = page.locator("[data-testid=preview]");
  await preview.locator(".tweet-card").nth(1).waitFor();
  assert.equal(await preview.locator(".tweet-card").count(), 2);
  assert.equal(await preview.locator("h3").count(), 5);
  assert.equal(await preview.locator("figure.figure-card").count(), 1);
  assert.equal(await preview.locator("td.align-right", { hasText: "40 minutes" }).count(), 1);
  assert.equal(await page.locator("[data-testid=draft-title]").textContent(), "Platform Days 2026: a recap");
  await screenshot(page, "sample-recap");
  // Back from a reload, it is an ordinary draft, and no longer a first visit.
  await page.reload();
  await page.waitForSelector(APP_EDITOR);
  await page.locator("[data-testid=preview] .tweet-card").first().waitFor();
  assert.equal(await page.locator("[data-testid=welcome]").count(), 0);
  assert.deepEqual(errors, []);
  await page.close();
});

test("typed Markdown is rendered in the preview", async () => {
  const { page, errors } = await openApp(app.context, app.server.url);
  // The second item's marker comes from Enter, which continues the list.
  await typeInEditor(page, "---\ntitle: Typed\n---\n# Hello Recap\n\nSome *typed* words and a [link](https://example.org).\n\n* first\nsecond");
  const preview = page.locator("[data-testid=preview]");
  await preview.locator("h1", { hasText: "Hello Recap" }).waitFor();
  assert.equal(await preview.locator("em").textContent(), "typed");
  assert.equal(await preview.locator("a").getAttribute("href"), "https://example.org");
  assert.deepEqual(await preview.locator("li").allTextContents(), ["first", "second"]);
  // The front matter is not part of the body.
  assert.ok(!(await preview.textContent()).includes("title: Typed"));
  await screenshot(page, "editor-typed");
  assert.deepEqual(errors, []);
  await page.close();
});

test("broken front matter is named with its line and the text stays", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await typeInEditor(page, "---\ntitle: x\ndate: next tuesday\n---\n## Still here\n");
  const problem = page.locator("[data-testid=front-matter-error]");
  await problem.waitFor();
  assert.match(await problem.textContent(), /`date` on line 3 is not a date/);
  await page.locator("[data-testid=preview] h2", { hasText: "Still here" }).waitFor();
  assert.equal(await exportedText(page), "---\ntitle: x\ndate: next tuesday\n---\n## Still here\n");
  await page.close();
});

test("script in the document does not run in the preview", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await page.evaluate(() => (window.__pwned = false));
  const start = page.url();
  await typeInEditor(page, '<img src=x onerror="window.__pwned=true">\n\n[click](javascript:window.__pwned=true)\n');
  await page.locator("[data-testid=preview] a", { hasText: "click" }).waitFor();
  const link = page.locator("[data-testid=preview] a");
  assert.doesNotMatch(await link.getAttribute("href"), /javascript/i);
  await link.click();
  // Still the same page (nothing navigated away from the writer's text) and nothing ran.
  assert.equal(page.url().split("#")[0], start.split("#")[0]);
  // The image stays, stripped of its handler; its load error fires and nothing runs.
  const img = page.locator("[data-testid=preview] img");
  assert.equal(await img.getAttribute("onerror"), null);
  await page.waitForFunction(() => document.querySelector("[data-testid=preview] img")?.complete);
  assert.equal(await page.evaluate(() => window.__pwned), false);
  await page.close();
});
