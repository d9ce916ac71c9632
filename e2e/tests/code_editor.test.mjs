// The editing surface (CodeMirror): input methods, search and replace, undo history
// per draft and per tool edit, and Markdown highlighting in both themes.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { appSession, fixture } from "../lib/session.mjs";
import { APP_EDITOR, openApp, screenshot } from "../lib/browser.mjs";
import { editor, exportedText, selectText, setText, shownText, typeAtEnd, waitForParsed, waitForShown } from "../lib/editor.mjs";

const app = appSession();

async function freshDraft(page, text) {
  await page.locator("[data-testid=new-draft]").click();
  await setText(page, text);
}

test("an input method's composition goes into the text and the preview", async () => {
  const { page, errors } = await openApp(app.context, app.server.url);
  await freshDraft(page, "---\ntitle: IME\n---\nNotes: ");
  await typeAtEnd(page, "");
  const cdp = await app.context.newCDPSession(page);
  // Typing Japanese: the composition shows, changes, then is committed.
  await cdp.send("Input.imeSetComposition", { text: "に", selectionStart: 1, selectionEnd: 1 });
  await cdp.send("Input.imeSetComposition", { text: "にほ", selectionStart: 2, selectionEnd: 2 });
  await cdp.send("Input.imeSetComposition", { text: "にほん", selectionStart: 3, selectionEnd: 3 });
  await cdp.send("Input.insertText", { text: "日本" });
  await page.keyboard.type(" done");
  await page.locator("[data-testid=preview] p", { hasText: "Notes: 日本 done" }).waitFor();
  assert.equal(await exportedText(page), "---\ntitle: IME\n---\nNotes: 日本 done");
  assert.deepEqual(errors, []);
  await page.close();
});

test("search and replace all in a long post", async () => {
  const { page } = await openApp(app.context, app.server.url);
  const sample = await fixture("sample-recap.md");
  await freshDraft(page, sample);
  await editor(page).click();
  await page.keyboard.press("Control+f");
  const search = page.locator(".cm-search input[name=search]");
  await search.pressSequentially("Platform Days");
  const replace = page.locator(".cm-search input[name=replace]");
  await replace.pressSequentially("PlatformDays");
  await screenshot(page, "search-replace");
  await page.locator(".cm-search button[name=replaceAll]").click();
  await page.keyboard.press("Escape");
  const text = await exportedText(page);
  assert.equal(text, sample.replaceAll("Platform Days", "PlatformDays"));
  assert.ok(!text.includes("Platform Days"));
  // One step of undo takes the whole replacement back.
  await editor(page).focus();
  await page.keyboard.press("Control+z");
  assert.equal(await exportedText(page), sample);
  await page.close();
});

test("the search panel is fetched at the first search key, not with the page", async () => {
  const page = await app.context.newPage();
  const fetched = [];
  page.on("request", (r) => /recap-search\.js/.test(r.url()) && fetched.push(r.url()));
  await page.goto(app.server.url);
  await page.waitForSelector(APP_EDITOR);
  await page.locator("[data-testid=preview] .block").first().waitFor();
  await freshDraft(page, "---\ntitle: Lazy search\n---\nalpha beta alpha\n");
  assert.deepEqual(fetched, [], "fetched with the page");
  await editor(page).click();
  await page.keyboard.press("Control+f");
  const field = page.locator(".cm-search input[name=search]");
  await field.waitFor();
  assert.equal(fetched.length, 1);
  // The panel works: the matches show, and Enter selects the next one.
  await field.pressSequentially("alpha");
  await page.locator(".cm-searchMatch").nth(1).waitFor();
  await page.keyboard.press("Enter");
  await page.locator(".cm-searchMatch-selected").waitFor();
  await page.keyboard.press("Escape");
  await page.locator(".cm-search").waitFor({ state: "detached" });
  // Another draft is another editor state: its first Ctrl+F opens the panel too, with
  // no second fetch.
  await freshDraft(page, "---\ntitle: Second\n---\ngamma\n");
  await editor(page).click();
  await page.keyboard.press("Control+f");
  await field.waitFor();
  assert.equal(fetched.length, 1);
  await page.close();
});

test("each draft has its own undo history", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await freshDraft(page, "---\ntitle: First draft\n---\nfirst\n");
  await typeAtEnd(page, "typed in the first");
  await freshDraft(page, "---\ntitle: Second draft\n---\nsecond\n");
  // Undo in the new draft never brings back the first draft's text.
  await editor(page).focus();
  for (let i = 0; i < 5; i++) await page.keyboard.press("Control+z");
  const text = await shownText(page);
  assert.ok(!text.includes("First draft") && !text.includes("typed in the first"), text);
  // And the first draft still has everything.
  await page.locator("[data-testid=draft-list] .draft-name", { hasText: "First draft" }).click();
  await waitForShown(page, "---\ntitle: First draft\n---\nfirst\ntyped in the first");
  await page.close();
});

test("a front-matter form edit is one step of the editor's undo", async () => {
  const { page } = await openApp(app.context, app.server.url);
  const post = "---\ntitle: Before\ntags:\n  - One\n---\nBody\n";
  await freshDraft(page, post);
  const details = page.locator("[data-testid=details]");
  if (!(await details.isVisible())) await page.getByRole("button", { name: "Details", exact: true }).click();
  const chip = page.locator("[data-testid=fm-tags] input");
  await chip.fill("Two");
  await chip.press("Enter");
  await page.locator("[data-testid=editor] .cm-line", { hasText: "- Two" }).waitFor();
  assert.equal(await shownText(page), "---\ntitle: Before\ntags:\n  - One\n  - Two\n---\nBody\n");
  await editor(page).focus();
  await page.keyboard.press("Control+z");
  await waitForShown(page, post);
  // (KeyZ: with Shift held a real keyboard sends "Z", as this does.)
  await page.keyboard.press("Control+Shift+KeyZ");
  await waitForShown(page, "---\ntitle: Before\ntags:\n  - One\n  - Two\n---\nBody\n");
  await page.close();
});

test("Enter continues a list, a numbered list and a quote; Enter on an empty item ends the list", async () => {
  const { page, errors } = await openApp(app.context, app.server.url);
  await freshDraft(page, "---\ntitle: Lists\n---\n### Talk\n\n- one");
  await typeAtEnd(page, "");
  for (const key of ["Enter", "two", "Enter", "Enter", "Enter", "1. first", "Enter", "second", "Enter", "Enter", "Enter", "> quoted", "Enter", "more"]) {
    if (key === "Enter") await page.keyboard.press("Enter");
    else await page.keyboard.type(key);
  }
  const expected = "---\ntitle: Lists\n---\n### Talk\n\n- one\n- two\n\n1. first\n2. second\n\n> quoted\n> more";
  assert.equal(await exportedText(page), expected);
  await page.locator("[data-testid=preview] blockquote p", { hasText: "quoted more" }).waitFor();
  assert.equal(await page.locator("[data-testid=preview] ol > li").count(), 2);
  // Backspace right after the marker Enter added takes that continuation back.
  await page.keyboard.press("Enter");
  await page.keyboard.press("Backspace");
  assert.equal(await exportedText(page), expected);
  assert.deepEqual(errors, []);
  await page.close();
});

test("Markdown is highlighted in the light and in the dark theme", async () => {
  const { page } = await openApp(app.context, app.server.url);
  await freshDraft(page, await fixture("sample-recap.md"));
  await selectText(page, "## Day 1");
  const colours = () =>
    page.evaluate(() => {
      const line = [...document.querySelectorAll(".cm-line")].find((l) => l.textContent === "## Day 1");
      const heading = [...line.querySelectorAll("span")].find((s) => s.textContent.includes("Day 1"));
      const key = [...document.querySelectorAll(".cm-line span")].find((s) => s.textContent === "title");
      const prose = [...document.querySelectorAll(".cm-line")].find((l) => l.textContent.startsWith("This is a sample recap"));
      return {
        heading: getComputedStyle(heading).color,
        weight: getComputedStyle(heading).fontWeight,
        key: getComputedStyle(key).color,
        text: getComputedStyle(prose).color,
        background: getComputedStyle(document.querySelector(".cm-editor")).backgroundColor,
      };
    });
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "light"));
  const light = await colours();
  await screenshot(page, "highlight-light");
  await page.evaluate(() => document.documentElement.setAttribute("data-theme", "dark"));
  const dark = await colours();
  await screenshot(page, "highlight-dark");
  for (const c of [light, dark]) {
    assert.notEqual(c.heading, c.text, "headings stand out");
    assert.notEqual(c.key, c.text, "front-matter keys stand out");
    assert.ok(Number(c.weight) >= 600, "headings are bold");
  }
  assert.notEqual(light.background, dark.background);
  assert.notEqual(light.heading, dark.heading);
  await page.close();
});

test("a long post is parsed to its end while the writer pauses, so a jump to the end shows it highlighted at once", async () => {
  const { page, errors } = await openApp(app.context, app.server.url);
  // About 2 MB: CodeMirror alone parses only about 100 KB past what it shows.
  const talks = Array.from(
    { length: 18000 },
    (_, k) => `## Talk ${k + 1}\n\nNotes with *emphasis*, **strong words** and [a link](https://example.com/${k}).\n`,
  ).join("\n");
  await freshDraft(page, `---\ntitle: A long conference\n---\n${talks}\n## The last talk\n`);
  // An edit near the top, as when the writer comes back to the first talk: the
  // editor parses again from there.
  await page.keyboard.press("Control+Home");
  for (let k = 0; k < 3; k++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("End");
  await page.keyboard.type(" (keynote)");
  await waitForParsed(page);
  // Ctrl+End from inside the page, and a look at each frame until one shows the last
  // line: no pause of the test's own lets a parse catch up in between.
  const weight = await page.evaluate(
    () =>
      new Promise((done) => {
        const content = document.querySelector("[data-testid=editor]");
        content.focus();
        content.dispatchEvent(new KeyboardEvent("keydown", { key: "End", code: "End", ctrlKey: true, bubbles: true, cancelable: true }));
        const look = () => {
          const line = [...document.querySelectorAll(".cm-line")].find((l) => l.textContent === "## The last talk");
          if (!line) return requestAnimationFrame(look);
          const words = [...line.querySelectorAll("span")].find((s) => s.textContent.includes("The last talk"));
          done(words ? getComputedStyle(words).fontWeight : "not highlighted");
        };
        requestAnimationFrame(look);
      }),
  );
  assert.ok(Number(weight) >= 600, `the last heading is bold in the first frame that shows it (${weight})`);
  assert.deepEqual(errors, []);
  await page.close();
});

test("when the app fails while taking a change, the editor says so and downloads every word it holds", async () => {
  // A panic stops the wasm, and the next change the editor reports throws. The shim
  // is driven here with handlers that fail like that on the second keystroke.
  const { page } = await openApp(app.context, app.server.url);
  await page.evaluate(async () => {
    const { RecapEditor } = await import("./recap-editor.js");
    const host = document.createElement("div");
    host.id = "crash-host";
    document.body.append(host);
    let changes = 0;
    const nothing = () => {};
    new RecapEditor(host, {
      text: "Kept: ",
      line: 0,
      col: 6,
      onChanges: () => {
        if (++changes >= 2) throw new WebAssembly.RuntimeError("unreachable");
      },
      onCursor: nothing,
      onScroll: nothing,
      onPaste: nothing,
      onKey: () => false,
    });
  });
  await page.locator("#crash-host .cm-content").click();
  await page.keyboard.press("End");
  await page.keyboard.type("one two three");
  const banner = page.locator("[data-testid=editor-stopped]");
  await banner.waitFor();
  assert.match(await banner.textContent(), /no longer saves what you type/);
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=rescue-download]").click()]);
  assert.equal(await readFile(await file.path(), "utf8"), "Kept: one two three");
  assert.equal(await page.locator("[data-testid=editor-stopped]").count(), 1);
  await page.close();
});
