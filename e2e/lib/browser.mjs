// Debian's headless Chromium, started the way this machine needs (no downloads,
// no background traffic), with a fresh profile per launch.
import { chromium } from "playwright-core";
import { mkdtemp, mkdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
export const screenshotDir = resolve(here, "..", "..", "target", "e2e-screenshots");

const browserOptions = {
  executablePath: process.env.CHROMIUM ?? "/usr/bin/chromium",
  headless: true,
  args: [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
  ],
};

/** A fresh profile; `options` adds Playwright context options (`serviceWorkers: "block"`). */
export async function launch(options = {}) {
  const userDataDir = await mkdtemp(join(tmpdir(), "recap-e2e-"));
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...browserOptions,
    viewport: { width: 1280, height: 800 },
    ...options,
  });
  // The profile goes with the browser: left behind, every test and bench run added
  // its profiles to /tmp until the disk was full.
  const close = context.close.bind(context);
  context.close = async (...args) => {
    await close(...args);
    await rm(userDataDir, { recursive: true, force: true });
  };
  return context;
}

/**
 * The editor once the app has taken it in. Before that, the page may show the early
 * editor (editor/src/early.js): typeable, but without the app's tools around it.
 */
export const APP_EDITOR = ".app [data-testid=editor]";

/** Opens the app and waits until its editor is there; collects page errors. */
export async function openApp(context, url) {
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("response", (r) => r.status() >= 400 && errors.push(`${r.status()} ${r.url()}`));
  await page.goto(url);
  await page.waitForSelector(APP_EDITOR);
  return { page, errors };
}

/** Waits until the save status says the open draft is saved. */
export async function saved(page) {
  await page.waitForFunction(() => document.querySelector("[data-testid=save-status]")?.textContent === "Saved");
}

export async function screenshot(page, name) {
  await mkdir(screenshotDir, { recursive: true });
  const path = join(screenshotDir, `${name}.png`);
  await page.screenshot({ path });
  return path;
}

/**
 * A browser left running, started as `launch` starts one: each `newContext()` of it
 * is a fresh profile (no cache, no storage, no service worker) in a browser that
 * has already started, as when a writer opens the app for the first time.
 */
export function launchBrowser() {
  return chromium.launch(browserOptions);
}

/**
 * A browser server started as `launch` starts a browser (`server.process()` is its
 * Chromium): bench/bare-load.mjs reads its command line to start Chromium alike
 * without Playwright.
 */
export function launchBrowserServer() {
  return chromium.launchServer(browserOptions);
}
