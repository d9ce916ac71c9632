// Driving the CodeMirror editor the way a writer does: typing, pasting, searching to
// put the cursor somewhere, and reading the text back as the export gives it.
import { readFile } from "node:fs/promises";

/** The element that takes focus and typing (CodeMirror's content). */
export const editor = (page) => page.locator("[data-testid=editor]");

/** The text exactly as the writer gets it: the exported .md file. */
export async function exportedText(page) {
  const [file] = await Promise.all([page.waitForEvent("download"), page.locator("[data-testid=export-md]").click()]);
  return readFile(await file.path(), "utf8");
}

/** The text the editor shows (all its lines must be on screen: short texts only). */
export function shownText(page) {
  return page.evaluate(() =>
    [...document.querySelectorAll("[data-testid=editor] .cm-line")].map((l) => l.textContent).join("\n"),
  );
}

/** Waits until the editor shows exactly `text` (short texts only). */
export async function waitForShown(page, text) {
  await page.waitForFunction(
    (want) => [...document.querySelectorAll("[data-testid=editor] .cm-line")].map((l) => l.textContent).join("\n") === want,
    text,
  );
}

/**
 * Waits until the editor has parsed its whole text: the shim parses it while the page
 * is idle, and its `parsedToEnd` says when that is done. `module` is where the page's
 * editor module is, relative to the page.
 */
export async function waitForParsed(page, { module = "recap-editor.js", timeout = 60_000 } = {}) {
  await page.evaluate(async (url) => {
    window.__editorModule = await import(new URL(url, location.href));
  }, module);
  await page.waitForFunction(
    () => window.__editorModule.parsedToEnd(document.querySelector("[data-testid=editor]")),
    null,
    { timeout },
  );
}

/** Replaces the whole text, as a paste over a full selection would. */
export async function setText(page, text) {
  await editor(page).click();
  await page.keyboard.press("Control+a");
  if (text === "") await page.keyboard.press("Delete");
  else await page.keyboard.insertText(text);
}

/** Replaces the text by typing it key by key. */
export async function typeText(page, text) {
  await editor(page).click();
  await page.keyboard.press("Control+a");
  await page.keyboard.press("Delete");
  await page.keyboard.type(text);
}

/** Types at the end of the text. */
export async function typeAtEnd(page, text) {
  await editor(page).click();
  await page.keyboard.press("Control+End");
  await page.keyboard.type(text);
}

/**
 * Selects the first `needle` with the editor's search (Ctrl+F, Enter, Escape); with
 * `collapse`, the cursor goes after it instead.
 */
export async function selectText(page, needle, { collapse = false } = {}) {
  await editor(page).click();
  await page.keyboard.press("Control+Home");
  await page.keyboard.press("Control+f");
  const field = page.locator(".cm-search input[name=search]");
  await field.pressSequentially(needle);
  await field.press("Enter");
  await field.press("Escape");
  await page.locator(".cm-search").waitFor({ state: "detached" });
  if (collapse) await page.keyboard.press("ArrowRight");
}

/** The line (from 0) the cursor is on: a marker typed there, found in the export, undone. */
export async function cursorLine(page) {
  await page.keyboard.type("\u2063");
  const text = await exportedText(page);
  await editor(page).focus();
  await page.keyboard.press("Control+z");
  return text.split("\n").findIndex((l) => l.includes("\u2063"));
}
