// The preview as a writer sees it: cards for tweets, stable DOM while typing, links
// that never navigate the editor away, and no request to anyone but the app's origin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appSession, fixture } from "../lib/session.mjs";
import { openApp, screenshot } from "../lib/browser.mjs";
import { selectText, setText, shownText, typeAtEnd } from "../lib/editor.mjs";

const app = appSession();

const DRAFT = `---
title: Card test
---
Intro paragraph.

{{< x user="TBeijen" id="1069903784120381440" >}}

Outro paragraph.
`;

test("typing in a paragraph leaves the tweet card's DOM node untouched", async () => {
  const { page, errors } = await openApp(app.context, app.server.url);
  await setText(page, DRAFT);
  const card = page.locator("[data-testid=preview] .tweet-card[data-tweet-id='1069903784120381440']");
  await card.waitFor();
  await page.evaluate(() => (window.__card = document.querySelector(".tweet-card")));
  // Put the cursor after "Intro" and type, as a writer would.
  await selectText(page, "Intro", { collapse: true });
  await page.keyboard.type(" and more words");
  await page.locator("[data-testid=preview] p", { hasText: "Intro and more words paragraph." }).waitFor();
  const same = await page.evaluate(() => window.__card.isConnected && window.__card === document.querySelector(".tweet-card"));
  assert.equal(same, true, "the card was replaced while typing elsewhere");
  assert.deepEqual(errors, []);
  await page.close();
});

test("the sample recap's tweets become cards and nothing leaves the origin", async () => {
  const draft = await fixture("sample-recap.md");
  const { page, errors } = await openApp(app.context, app.server.url);
  const offOrigin = [];
  page.on("request", (r) => {
    if (!r.url().startsWith(app.server.url) && !r.url().startsWith("data:")) offOrigin.push(r.url());
  });
  await setText(page, draft);
  const cards = page.locator("[data-testid=preview] .tweet-card");
  await cards.nth(1).waitFor();
  assert.equal(await cards.count(), 2);
  assert.equal(await cards.nth(0).getAttribute("data-tweet-id"), "1846201234567890123");
  assert.match(await cards.nth(0).textContent(), /@sam_example/);
  assert.equal(await cards.nth(1).getAttribute("data-tweet-id"), "1846512345678901234");
  assert.match(await cards.nth(1).textContent(), /@platformdays/);
  assert.equal(await page.locator("script[src*='widgets.js']").count(), 0);
  await cards.nth(0).scrollIntoViewIfNeeded();
  await screenshot(page, "preview-tweet-card");
  await page.waitForLoadState("networkidle");
  assert.deepEqual(offOrigin, []);
  assert.deepEqual(errors, []);
  await page.close();
});

test("a link in the preview opens a new tab and the editor stays", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await setText(page, "---\ntitle: x\n---\nA [talk](https://example.org/talk) link.\n");
  const link = page.locator("[data-testid=preview] a", { hasText: "talk" });
  await link.waitFor();
  const [popup] = await Promise.all([app.context.waitForEvent("page"), link.click()]);
  assert.equal(new URL(page.url()).origin, new URL(app.server.url).origin);
  assert.equal(await shownText(page), "---\ntitle: x\n---\nA [talk](https://example.org/talk) link.\n");
  await popup.close();
  await page.close();
});

test("a phone's Edit tab types without rendering the hidden preview; its tab catches up, keeping the blocks that did not change", async () => {
  const { page, errors } = await openApp(app.context, app.server.url);
  await page.setViewportSize({ width: 400, height: 800 });
  await page.locator("[data-testid=tabs]").waitFor();
  const preview = page.locator("[data-testid=preview]");
  const words = page.locator("[data-testid=stat-words]");
  // The status line counts after the same edits reach the app: proof they arrived.
  const typed = async (edit) => {
    const before = await words.textContent();
    await edit();
    await page.waitForFunction((b) => document.querySelector("[data-testid=stat-words]").textContent !== b, before);
  };
  await typed(() => setText(page, DRAFT));
  assert.doesNotMatch(await preview.textContent(), /Intro paragraph/, "the hidden preview was rendered");
  const tabs = page.locator("[data-testid=tabs]");
  await tabs.getByRole("tab", { name: "Preview" }).click();
  await preview.locator("p", { hasText: "Intro paragraph." }).waitFor();
  await preview.locator(".tweet-card[data-tweet-id='1069903784120381440']").waitFor();
  await page.evaluate(() => (window.__card = document.querySelector("[data-testid=preview] .tweet-card")));
  await tabs.getByRole("tab", { name: "Edit" }).click();
  await typed(async () => {
    await selectText(page, "Intro", { collapse: true });
    await page.keyboard.type(" and more words");
  });
  assert.equal(await preview.locator("p", { hasText: "and more words" }).count(), 0, "the hidden preview followed the typing");
  await tabs.getByRole("tab", { name: "Preview" }).click();
  await preview.locator("p", { hasText: "Intro and more words paragraph." }).waitFor();
  const same = await page.evaluate(() => window.__card.isConnected && window.__card === document.querySelector("[data-testid=preview] .tweet-card"));
  assert.equal(same, true, "the card that did not change was built again");
  await screenshot(page, "narrow-preview-caught-up");
  // Back on the Edit tab and then a wide window: the split view shows the preview, up to date.
  await tabs.getByRole("tab", { name: "Edit" }).click();
  await typed(() => typeAtEnd(page, "Typed narrow."));
  await page.setViewportSize({ width: 1280, height: 800 });
  await preview.locator("p", { hasText: "Typed narrow." }).waitFor();
  assert.ok(await preview.isVisible());
  // The wide editor-only view hides the preview too; the split view catches it up.
  await page.getByRole("button", { name: "Editor", exact: true }).click();
  await typed(() => typeAtEnd(page, " Typed wide."));
  assert.equal(await preview.locator("p", { hasText: "Typed wide." }).count(), 0, "the hidden preview followed the typing");
  await page.getByRole("button", { name: "Split", exact: true }).click();
  await preview.locator("p", { hasText: "Typed narrow. Typed wide." }).waitFor();
  assert.deepEqual(errors, []);
  await page.close();
});
