// The writing screen: the front-matter form, toolbar and dialogs with the browser's
// own undo, tweets from links, the outline, checks, narrow screens and themes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { appSession, fixture } from "../lib/session.mjs";
import { openApp, screenshot, APP_EDITOR, saved } from "../lib/browser.mjs";
import { cursorLine, editor, exportedText, selectText as select, setText, shownText, waitForShown } from "../lib/editor.mjs";

const app = appSession();

async function freshDraft(page, text) {
  await page.locator("[data-testid=new-draft]").click();
  await setText(page, text);
}

async function openDetails(page) {
  const details = page.locator("[data-testid=details]");
  if (!(await details.isVisible())) await page.getByRole("button", { name: "Details", exact: true }).click();
  await details.waitFor();
}

/** A paste into the editor, as the browser sends one (the clipboard holds `text`). */
function paste(page, text) {
  return editor(page).evaluate((el, text) => {
    const data = new DataTransfer();
    data.setData("text/plain", text);
    el.dispatchEvent(new ClipboardEvent("paste", { clipboardData: data, bubbles: true, cancelable: true }));
  }, text);
}

const POST = `---
title: 'DevOpsCon 2018 Munich'
# kept as written
date: 2018-12-08T10:00:00+02:00
tags:
  - Devops
  - Conference
description: Recap.
---
Intro with a word to make bold.

## Day 1

### [First talk](https://example.org/first)

Notes.

## Day 2

### Second talk

More notes.
`;

test("a form edit changes exactly the front-matter line it is about", async () => {
  const { page, errors } = await openApp(app.context, app.server.url);
  await freshDraft(page, POST);
  await openDetails(page);
  await page.locator("[data-testid=fm-title]").fill("DevOpsCon 2018: Munich");
  await page.locator("[data-testid=editor] .cm-line", { hasText: "2018: Munich" }).waitFor();
  const after = await shownText(page);
  const before = POST.split("\n");
  const now = after.split("\n");
  assert.equal(now.length, before.length);
  const changed = now.map((l, i) => (l === before[i] ? null : i)).filter((i) => i !== null);
  assert.deepEqual(changed, [1]);
  assert.match(now[1], /^title: .*DevOpsCon 2018: Munich/);

  // Tags as chips: adding one rewrites only the tags block.
  const chipInput = page.locator("[data-testid=fm-tags] input");
  await chipInput.fill("Kubernetes");
  await chipInput.press("Enter");
  await page.locator("[data-testid=fm-tags] .chip", { hasText: "Kubernetes" }).waitFor();
  const withTag = await shownText(page);
  assert.equal(withTag, after.replace("  - Conference\n", "  - Conference\n  - Kubernetes\n"));

  // The description counter, and the form refreshing from a text edit.
  assert.equal(await page.locator("[data-testid=fm-description-count]").textContent(), "6/160");
  await setText(page, withTag.replace("description: Recap.", "description: A longer recap."));
  assert.equal(await page.locator("[data-testid=fm-description]").inputValue(), "A longer recap.");
  await screenshot(page, "front-matter-form");
  assert.deepEqual(errors, []);
  await page.close();
});

test("broken front matter keeps the form read-only and the text intact", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await freshDraft(page, "---\ntitle: [unclosed\n---\nBody stays.\n");
  await openDetails(page);
  await page.locator("[data-testid=fm-error]").waitFor();
  assert.ok(await page.locator("[data-testid=fm-title]").isDisabled());
  assert.equal(await exportedText(page), "---\ntitle: [unclosed\n---\nBody stays.\n");
  await page.close();
});

test("toolbar formatting and shortcuts are each one step of the editor's undo", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await freshDraft(page, POST);
  await select(page, "bold");
  await page.getByTestId("toolbar").getByRole("button", { name: "Bold" }).click();
  assert.ok((await shownText(page)).includes("a word to make **bold**."));
  await page.keyboard.press("Control+z");
  assert.equal(await shownText(page), POST);

  await select(page, "word");
  await page.keyboard.press("Control+i");
  assert.ok((await shownText(page)).includes("a *word* to"));
  await page.keyboard.press("Control+k");
  assert.ok((await shownText(page)).includes("a *[word](https://)* to"));
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+z");
  assert.equal(await shownText(page), POST);
  assert.equal(await exportedText(page), POST);
  await page.close();
});

test("Add talk inserts the corpus-style section at the cursor; Ctrl+Z removes it", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await freshDraft(page, POST);
  await select(page, "Notes.", { collapse: true });
  await page.locator("[data-testid=add-talk]").click();
  await page.locator("[data-testid=talk-title]").fill("Kubernetes in production");
  await page.locator("[data-testid=talk-url]").fill("https://devopsconference.de/k8s");
  await page.locator("[data-testid=talk-tracks]").fill("Kubernetes, Docker & Kubernetes");
  await page.locator("[data-testid=talk-insert]").click();
  await page.locator("[data-testid=preview] h3", { hasText: "Kubernetes in production" }).waitFor();
  const text = await shownText(page);
  assert.ok(
    text.includes("Notes.\n\n### [Kubernetes in production](https://devopsconference.de/k8s)\n\n_#Kubernetes #DockerKubernetes_\n\n## Day 2"),
    text,
  );
  await page.locator("[data-testid=preview] h3", { hasText: "Kubernetes in production" }).waitFor();
  await editor(page).focus();
  await page.keyboard.press("Control+z");
  assert.equal(await shownText(page), POST);
  await page.close();
});

test("Insert tweet from an x.com link renders a tweet card", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await freshDraft(page, POST);
  await select(page, "More notes.", { collapse: true });
  await page.locator("[data-testid=insert-tweet]").click();
  await page.locator("[data-testid=tweet-input]").fill("https://x.com/TBeijen/status/1069903784120381440?s=20");
  assert.equal(await page.locator("[data-testid=tweet-result]").textContent(), '{{< x user="TBeijen" id="1069903784120381440" >}}');
  await page.locator("[data-testid=tweet-insert]").click();
  await page.locator("[data-testid=preview] .tweet-card[data-tweet-id='1069903784120381440']").waitFor();
  assert.ok((await exportedText(page)).endsWith('More notes.\n\n{{< x user="TBeijen" id="1069903784120381440" >}}\n\n'));
  await page.locator("[data-testid=preview] .tweet-card[data-tweet-id='1069903784120381440']").waitFor();
  await page.close();
});

test("a tweet link pasted alone on a line is offered as a tweet card", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await freshDraft(page, "Before\n\n\n\nAfter\n");
  // The cursor on the empty middle line, then a paste there (the editor inserts it).
  await select(page, "Before", { collapse: true });
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("ArrowDown");
  await paste(page, "https://mobile.twitter.com/TBeijen/status/1069903784120381440");
  const offer = page.locator("[data-testid=tweet-offer]");
  await offer.waitFor();
  await offer.getByRole("button", { name: "Make tweet card" }).click();
  assert.equal(await shownText(page), 'Before\n\n{{< x user="TBeijen" id="1069903784120381440" >}}\n\nAfter\n');
  await page.locator("[data-testid=preview] .tweet-card").waitFor();
  await page.close();
});

test("an address pasted over selected words links them, in one undo step", async () => {
  const { page } = await openApp(app.context, app.server.url);
  const text = "The keynote by Kelsey Hightower was great.\n";
  await freshDraft(page, text);
  await select(page, "Kelsey Hightower");
  await paste(page, "https://github.com/kelseyhightower\n");
  await waitForShown(page, "The keynote by [Kelsey Hightower](https://github.com/kelseyhightower) was great.\n");
  const link = page.locator("[data-testid=preview] a[href='https://github.com/kelseyhightower']");
  await link.waitFor();
  assert.equal(await link.textContent(), "Kelsey Hightower");
  // The status bar counts it once typing pauses, in the singular.
  await page.waitForFunction(() => document.querySelector("[data-testid=stat-links]")?.textContent === "1 link");
  // The cursor is after the link: typing goes on from there.
  await page.keyboard.type("!");
  await waitForShown(page, "The keynote by [Kelsey Hightower](https://github.com/kelseyhightower)! was great.\n");
  await page.keyboard.press("Control+z");
  await page.keyboard.press("Control+z");
  await waitForShown(page, text);
  // Over no selection, or over an address, the paste is the pasted text.
  await select(page, "great", { collapse: true });
  await paste(page, " https://example.org/");
  await waitForShown(page, "The keynote by Kelsey Hightower was great https://example.org/.\n");
  await select(page, "https://example.org/");
  await paste(page, "https://example.com/");
  await waitForShown(page, "The keynote by Kelsey Hightower was great https://example.com/.\n");
  await page.close();
});

test("Tab nests a list item and Shift+Tab brings it out; outside a list Tab leaves the editor", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await freshDraft(page, "Notes:\n\n* Failure is routine\n* Pre mortems\n");
  await select(page, "Pre mortems", { collapse: true });
  await page.keyboard.press("Tab");
  await waitForShown(page, "Notes:\n\n* Failure is routine\n  * Pre mortems\n");
  await page.locator("[data-testid=preview] li > ul > li", { hasText: "Pre mortems" }).waitFor();
  // The cursor moved with the item: typing goes on where it was.
  await page.keyboard.type("!");
  await waitForShown(page, "Notes:\n\n* Failure is routine\n  * Pre mortems!\n");
  await page.keyboard.press("Shift+Tab");
  await waitForShown(page, "Notes:\n\n* Failure is routine\n* Pre mortems!\n");
  await page.locator("[data-testid=preview] li > ul").waitFor({ state: "detached" });
  // Each is one undo step.
  await page.keyboard.press("Control+z");
  await waitForShown(page, "Notes:\n\n* Failure is routine\n  * Pre mortems!\n");
  // Outside a list, Tab moves the focus on, as it does anywhere in the page.
  await select(page, "Notes:", { collapse: true });
  await page.keyboard.press("Tab");
  assert.equal(await page.evaluate(() => document.activeElement === document.querySelector("[data-testid=editor]")), false);
  await waitForShown(page, "Notes:\n\n* Failure is routine\n  * Pre mortems!\n");
  await page.close();
});

/** The sample recap with its talks repeated: long enough for both panes to scroll. */
async function longRecap() {
  const sample = await fixture("sample-recap.md");
  const talks = sample.slice(sample.indexOf("### "), sample.indexOf("## Day 2"));
  const more = [1, 2, 3].map((n) => `## Day ${n + 2}\n\n` + talks.replaceAll("### [", `### [Part ${n}: `)).join("");
  return sample.replace("## Takeaways", more + "## Takeaways");
}

test("the outline lists days and talks; clicking one scrolls editor and preview there", async () => {
  const { page } = await openApp(app.context, app.server.url);
  const draft = await longRecap();
  await page.locator("[data-testid=new-draft]").click();
  await setText(page, draft);
  await openDetails(page);
  const outline = page.locator("[data-testid=outline] button");
  // The outline follows a pause in typing, not each keystroke: 6 sections, 14 talks.
  await page.waitForFunction(() => document.querySelectorAll("[data-testid=outline] button").length === 20);
  assert.equal(await outline.first().textContent(), "Day 1");
  // The status line counts after the same pause; the outline, made when the details
  // part arrives, may come first.
  await page.waitForFunction(() => document.querySelector("[data-testid=stat-talks]")?.textContent === "14 talks");
  assert.equal(await page.locator("[data-testid=stat-tweets]").textContent(), "5 tweets");
  const preview = page.locator(".preview-pane");
  // Start from the top of both panes.
  await editor(page).click();
  await page.keyboard.press("Control+Home");
  await page.locator(".cm-scroller").evaluate((el) => { el.scrollTop = 0; });
  await page.waitForFunction(() => document.querySelector(".preview-pane").scrollTop === 0 && document.querySelector(".cm-scroller").scrollTop === 0);
  const last = page.locator("[data-testid=outline] li.level-3 button").last();
  const title = await last.textContent();
  await last.click();
  // The talk's heading is now at the top of the preview.
  await page.waitForFunction((t) => {
    const pane = document.querySelector(".preview-pane");
    const h = [...pane.querySelectorAll("h3")].find((h) => h.textContent.startsWith(t.slice(0, 10)));
    const top = h.getBoundingClientRect().top - pane.getBoundingClientRect().top;
    return pane.scrollTop > 0 && top > -5 && top < 80;
  }, title);
  assert.ok((await page.locator(".cm-scroller").evaluate((el) => el.scrollTop)) > 0, "the editor scrolled");
  // The cursor is on the talk's heading line: typing goes there.
  const line = await cursorLine(page);
  assert.ok(draft.split("\n")[line].startsWith("### ") && draft.split("\n")[line].includes(title.slice(0, 10)), `line ${line}`);
  await page.close();
});

test("checks: the Devops tag here against DevOps in another draft, with a jump to the line", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await freshDraft(page, "---\ntitle: Published\ntags: [DevOps]\n---\nx\n");
  await saved(page);
  await freshDraft(page, POST);
  await openDetails(page);
  const check = page.locator("[data-testid=checks] button", { hasText: "“Devops” is spelled “DevOps” elsewhere" });
  await check.waitFor();
  await check.click();
  assert.equal(POST.split("\n")[await cursorLine(page)], "tags:");
  await page.close();
});

test("a 400 px wide phone: one header row, the file actions in a menu, the editor at least 75 % of the height", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await page.setViewportSize({ width: 400, height: 800 });
  // The drafts list folds away on a narrow window and opens over the editor.
  await page.locator("[data-testid=new-draft]").waitFor({ state: "hidden" });
  await page.getByRole("button", { name: "Show or hide the drafts list" }).click();
  await freshDraft(page, POST);
  assert.ok(!(await page.locator("[data-testid=new-draft]").isVisible()), "the list closes again");
  const tabs = page.locator("[data-testid=tabs]");
  assert.ok(await tabs.isVisible());
  assert.ok(await editor(page).isVisible());
  assert.ok(!(await page.locator(".preview-pane").isVisible()));
  // The editing surface gets most of the screen.
  const share = await page.evaluate(() => document.querySelector(".cm-editor").getBoundingClientRect().height / window.innerHeight);
  assert.ok(share >= 0.75, `the editor has ${Math.round(share * 100)} % of the height`);
  // The toolbar is one row (it scrolls sideways).
  const rows = await page.locator("[data-testid=toolbar] button").evaluateAll((bs) => new Set(bs.map((b) => Math.round(b.getBoundingClientRect().top))).size);
  assert.equal(rows, 1);
  await screenshot(page, "narrow-edit");
  // File actions open from the menu, with their hooks.
  assert.ok(!(await page.locator("[data-testid=export-md]").isVisible()));
  await page.locator("[data-testid=file-menu]").click();
  await page.locator("[data-testid=export-md]").waitFor();
  await screenshot(page, "narrow-menu");
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=export-md]").click()]);
  assert.match(file.suggestedFilename(), /devopscon-2018-munich\.md$/);
  assert.ok(!(await page.locator("[data-testid=export-md]").isVisible()), "the menu closes after an action");
  await tabs.getByRole("tab", { name: "Preview" }).click();
  assert.ok(await page.locator(".preview-pane").isVisible());
  assert.ok(!(await editor(page).isVisible()));
  await screenshot(page, "narrow-preview");
  await tabs.getByRole("tab", { name: "Details" }).click();
  // The panel's contents are fetched at its first showing (on_demand.test.mjs).
  await page.locator("[data-testid=fm-title]").waitFor();
  await screenshot(page, "narrow-details");
  await page.close();
});

test("light and dark themes: the toggle switches and is remembered", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await freshDraft(page, await fixture("sample-recap.md"));
  await openDetails(page);
  const bg = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  await page.evaluate(() => document.documentElement.removeAttribute("data-theme"));
  const light = await bg();
  await screenshot(page, "theme-light");
  await page.locator("[data-testid=theme-toggle]").click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  assert.notEqual(await bg(), light);
  await screenshot(page, "theme-dark");
  await page.reload();
  await page.waitForSelector(APP_EDITOR);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "dark");
  await page.locator("[data-testid=theme-toggle]").click();
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), "light");
  assert.equal(await bg(), light);
  await page.close();
});

/** Resolves once the preview has not moved for two frames: the sync puts it back in
 * step a frame after the editor has measured the lines it shows. */
function landed(page) {
  return page.waitForFunction(() => new Promise((resolve) => {
    const p = document.querySelector(".preview-pane");
    const at = [p.scrollTop, p.scrollHeight];
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(p.scrollTop === at[0] && p.scrollHeight === at[1])));
  }));
}

/** Scrolls the editor to `fraction` of its height; resolves once the preview has
 * followed and landed. The preview starts where the editor's cursor put it (at the
 * end of a text just set: its bottom), so it is waited for to move from there, not
 * to be anywhere past 0: that read the bottom once, before the editor's scroll event
 * had come, in a full parallel run. */
async function scrollEditorTo(page, fraction) {
  await landed(page);
  const before = await page.locator(".preview-pane").evaluate((p) => p.scrollTop);
  await page.locator(".cm-scroller").evaluate((el, f) => { el.scrollTop = el.scrollHeight * f; }, fraction);
  await page.waitForFunction((b) => document.querySelector(".preview-pane").scrollTop !== b, before);
  await landed(page);
}

test("scrolling the editor scrolls the preview to the same place, and back", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await freshDraft(page, await longRecap());
  const pane = page.locator(".preview-pane");
  // The preview has drawn the whole text (its last block) before the scroll.
  await page.locator("[data-testid=preview] li", { hasText: "Write the docs first." }).waitFor();
  // Scroll the editor to a talk half-way down: the preview shows that talk at its top.
  await scrollEditorTo(page, 0.5);
  const half = await pane.evaluate((p) => p.scrollTop / (p.scrollHeight - p.clientHeight));
  assert.ok(half > 0.25 && half < 0.75, `preview at ${half} of its height`);
  // The line at the editor's top and the block at the preview's top say the same.
  const [editorTop, previewTop] = await page.evaluate(() => {
    const s = document.querySelector(".cm-scroller").getBoundingClientRect().top;
    const line = [...document.querySelectorAll(".cm-line")].find((l) => l.getBoundingClientRect().bottom > s + 1);
    const p = document.querySelector(".preview-pane").getBoundingClientRect().top;
    const block = [...document.querySelectorAll("[data-testid=preview] > .group > .block")].find((b) => b.getBoundingClientRect().bottom > p + 1);
    return [line.textContent, block.textContent];
  });
  assert.ok(editorTop.length > 0 && previewTop.length > 0);
  // Back to the top from the preview side.
  await pane.evaluate((p) => { p.scrollTop = 0; });
  await page.waitForFunction(() => document.querySelector(".cm-scroller").scrollTop < 40);
  await page.close();
});

test("scroll sync in a post of 300 blocks (several groups, most not laid out) lands on the same section both ways", async () => {
  const { page } = await openApp(app.context, app.server.url);
  // Sections of different lengths, each paragraph wrapping over several lines.
  const sections = Array.from({ length: 150 }, (_, k) => `## Section ${k}\n\nParagraph ${k}: ${"words that wrap ".repeat(12 + (k % 7) * 4)}end.\n`).join("\n");
  await freshDraft(page, `---\ntitle: Sections\n---\n${sections}`);
  await page.locator("[data-testid=preview] p", { hasText: "Paragraph 149:" }).waitFor();
  assert.ok((await page.locator("[data-testid=preview] > .group").count()) >= 4);
  // What each pane shows at its top, as the writer sees it (the element drawn there:
  // a group out of view has no drawn blocks), as "Section k" or "Paragraph k".
  const tops = () =>
    page.evaluate(() => {
      const name = (el) => el?.textContent.match(/(Section|Paragraph) \d+/)?.[0];
      const at = (pane, selector) => {
        const r = document.querySelector(pane).getBoundingClientRect();
        // A little way down: the gap between two blocks shows neither.
        for (let y = r.top + 2; y < r.top + 120; y += 6) {
          const el = document.elementFromPoint(r.left + r.width / 3, y)?.closest(selector);
          if (name(el)) return name(el);
        }
        return null;
      };
      return [at(".cm-scroller", ".cm-line"), at(".preview-pane", ".block")];
    });
  const settled = () => page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
  await scrollEditorTo(page, 0.6);
  const [editorTop, previewTop] = await tops();
  assert.ok(editorTop && Number(editorTop.split(" ")[1]) > 60, `editor at ${editorTop}`);
  assert.equal(previewTop, editorTop, "the preview shows what the editor shows");
  // And back: the preview scrolled to a third of the way, the editor follows.
  const before = await page.locator(".cm-scroller").evaluate((el) => el.scrollTop);
  await page.locator(".preview-pane").evaluate((p) => { p.scrollTop = p.scrollHeight * 0.3; });
  await page.waitForFunction((b) => document.querySelector(".cm-scroller").scrollTop !== b, before);
  await settled();
  const [editorBack, previewBack] = await tops();
  assert.notEqual(previewBack, previewTop);
  assert.equal(editorBack, previewBack, "the editor shows what the preview shows");
  await page.close();
});

test("typing above a block keeps the block's node: only what changed is replaced", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await freshDraft(page, "---\ntitle: Lines\n---\nFirst paragraph.\n\n## Day 1\n\nSecond paragraph.\n");
  await page.locator("[data-testid=preview] p", { hasText: "Second paragraph." }).waitFor();
  await page.evaluate(() => (window.__day = [...document.querySelectorAll("[data-testid=preview] > .group > .block")].find((e) => e.textContent.trim() === "Day 1")));
  await select(page, "First");
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type("Intro.\n\n");
  await page.locator("[data-testid=preview] p", { hasText: "Intro." }).waitFor();
  assert.ok(await page.evaluate(() => window.__day.isConnected), "the heading kept its node");
  assert.deepEqual(
    await page.locator("[data-testid=preview] > .group > .block").evaluateAll((els) => els.map((e) => e.textContent.trim()).filter((t) => t)),
    ["Intro.", "First paragraph.", "Day 1", "Second paragraph."],
  );
  await page.close();
});

test("in a long post with footnotes, typing replaces only the block it changed, in order", async () => {
  const { page } = await openApp(app.context, app.server.url);
  // 150 talks of two blocks: the preview holds them in several groups. A footnote
  // makes every edit render the whole body; the preview still replaces one block.
  const talks = Array.from({ length: 150 }, (_, i) => `## Talk ${i}\n\nNotes on talk ${i}.[^n]\n`).join("\n");
  await freshDraft(page, `---\ntitle: Long\n---\n${talks}\n[^n]: The note.\n`);
  await page.locator("[data-testid=preview] p", { hasText: "Notes on talk 149." }).waitFor();
  assert.ok((await page.locator("[data-testid=preview] > .group").count()) > 1, "the blocks come in groups");
  await page.evaluate(() => {
    const blocks = [...document.querySelectorAll("[data-testid=preview] > .group > .block")];
    window.__kept = [blocks.find((b) => b.textContent.trim() === "Talk 100"), blocks.find((b) => b.textContent.includes("Notes on talk 101."))];
    window.__changed = blocks.find((b) => b.textContent.includes("Notes on talk 100."));
  });
  await select(page, "on talk 100.", { collapse: true });
  await page.keyboard.press("ArrowLeft");
  await page.keyboard.type(" typed");
  await page.locator("[data-testid=preview] p", { hasText: "Notes on talk 100 typed." }).waitFor();
  assert.deepEqual(await page.evaluate(() => window.__kept.map((b) => b.isConnected)), [true, true], "the blocks around kept their nodes");
  assert.equal(await page.evaluate(() => window.__changed.isConnected), false, "the edited block was replaced");
  const shown = await page.locator("[data-testid=preview] > .group > .block").evaluateAll((els) => els.map((e) => e.textContent.trim()).filter((t) => t));
  const expected = Array.from({ length: 150 }, (_, i) => [`Talk ${i}`, `Notes on talk ${i}${i === 100 ? " typed" : ""}.1`]).flat();
  assert.deepEqual(shown.slice(0, 300), expected);
  assert.match(shown[300], /^The note/);
  await page.close();
});

test("the date: shown in the preview's header, changed from the form's date and offset fields", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await freshDraft(page, "---\ntitle: Dated\ndate: 2018-12-08 10:05:09 +0200\n---\nx\n");
  const shown = () => page.evaluate(() => document.querySelector(".post time.post-date")?.textContent);
  await page.waitForFunction(() => document.querySelector(".post time.post-date")?.textContent === "December 8, 2018");
  await openDetails(page);
  assert.equal(await page.locator("[data-testid=fm-date]").inputValue(), "2018-12-08T10:05");
  assert.equal(await page.locator("[data-testid=fm-offset]").inputValue(), "+02:00");
  await page.locator("[data-testid=fm-date]").fill("2018-12-09T11:30");
  await page.waitForFunction(() => document.querySelector(".post time.post-date")?.textContent === "December 9, 2018");
  await page.locator("[data-testid=fm-offset]").fill("-05:30");
  await page.locator("[data-testid=fm-offset]").press("Tab");
  await page.waitForFunction(() => document.querySelector("[data-testid=fm-offset]").value === "-05:30" && document.activeElement?.dataset?.testid !== "fm-offset");
  assert.equal(await exportedText(page), "---\ntitle: Dated\ndate: 2018-12-09T11:30:00-05:30\n---\nx\n");
  assert.equal(await shown(), "December 9, 2018");
  await page.close();
});

test("Now dates a post in the browser's offset; categories come suggested", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await freshDraft(page, "---\ntitle: Undated\n---\nx\n");
  await openDetails(page);
  await page.locator("[data-testid=fm-date-now]").click();
  const text = await exportedText(page);
  assert.match(text, /^---\ntitle: Undated\ndate: \d{4}-\d\d-\d\dT\d\d:\d\d:00(Z|[+-]\d\d:\d\d)\n---\nx\n$/);
  const offset = await page.evaluate(() => -new Date().getTimezoneOffset());
  assert.equal(await page.locator("[data-testid=fm-offset]").inputValue(), `${offset < 0 ? "-" : "+"}${String(Math.floor(Math.abs(offset) / 60)).padStart(2, "0")}:${String(Math.abs(offset) % 60).padStart(2, "0")}`);
  const options = await page.locator("[data-testid=fm-categories] datalist option").evaluateAll((os) => os.map((o) => o.value));
  assert.ok(options.includes("articles"), options.join());
  await page.close();
});
