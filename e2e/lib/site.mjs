// Fixture Hugo sites (tests/data/sites) in the Origin Private File System, handed to
// the app as the folder the writer picks: Playwright cannot drive the native picker,
// and OPFS handles have the same interface (getDirectoryHandle, createWritable...).
import { readdir, readFile, mkdir, writeFile } from "node:fs/promises";
import { join, resolve, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..", "..");
export const sitesDir = join(root, "tests", "data", "sites");

async function walk(dir, prefix = "") {
  const out = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch (e) {
    throw new Error(`missing test data ${dir}: ${e.message}`);
  }
  for (const entry of entries) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await walk(join(dir, entry.name), rel)));
    else out.push({ path: rel, base64: (await readFile(join(dir, entry.name))).toString("base64") });
  }
  return out;
}

/** Replaces the folder picker with "the OPFS folder named in window.__recapPick". */
export async function fakePicker(context) {
  await context.addInitScript(() => {
    window.showDirectoryPicker = async () => {
      const opfs = await navigator.storage.getDirectory();
      if (!window.__recapPick) throw new DOMException("The user aborted a request.", "AbortError");
      return opfs.getDirectoryHandle(window.__recapPick);
    };
  });
}

/** Copies fixture site `name` into OPFS as a new folder; returns the folder's name. */
export async function installSite(page, name) {
  const files = await walk(join(sitesDir, name));
  const folder = `${name}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
  await page.evaluate(
    async ({ folder, files }) => {
      const opfs = await navigator.storage.getDirectory();
      const top = await opfs.getDirectoryHandle(folder, { create: true });
      for (const { path, base64 } of files) {
        const parts = path.split("/");
        const file = parts.pop();
        let dir = top;
        for (const p of parts) dir = await dir.getDirectoryHandle(p, { create: true });
        const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
        const w = await (await dir.getFileHandle(file, { create: true })).createWritable();
        await w.write(bytes);
        await w.close();
      }
    },
    { folder, files },
  );
  return folder;
}

/** Clicks "Open Hugo site" with `folder` as the picked folder; waits for its posts. */
export async function openSite(page, folder) {
  await page.evaluate((f) => (window.__recapPick = f), folder);
  await page.locator("[data-testid=open-site]").click();
}

async function opfsCall(page, folder, path, text) {
  return page.evaluate(
    async ({ folder, path, text }) => {
      const opfs = await navigator.storage.getDirectory();
      let dir = await opfs.getDirectoryHandle(folder);
      const parts = path.split("/");
      const name = parts.pop();
      for (const p of parts) dir = await dir.getDirectoryHandle(p, { create: text !== null });
      if (text === null) {
        try {
          return await (await (await dir.getFileHandle(name)).getFile()).text();
        } catch {
          return null;
        }
      }
      const w = await (await dir.getFileHandle(name, { create: true })).createWritable();
      await w.write(text);
      await w.close();
      return text;
    },
    { folder, path, text },
  );
}

/** A file of the site folder as text, or null when it is not there. */
export function readSiteFile(page, folder, path) {
  return opfsCall(page, folder, path, null).catch(() => null);
}

/** Changes a file behind the app's back (another editor, a git pull). */
export function writeSiteFile(page, folder, path, text) {
  return opfsCall(page, folder, path, text);
}

/** Every file of the site folder, copied out of OPFS into `dest` on disk. */
export async function copySiteOut(page, folder, dest) {
  const files = await page.evaluate(async (folder) => {
    const out = [];
    async function walk(dir, prefix) {
      for await (const [name, handle] of dir.entries()) {
        const path = prefix ? `${prefix}/${name}` : name;
        if (handle.kind === "directory") await walk(handle, path);
        else {
          const bytes = new Uint8Array(await (await handle.getFile()).arrayBuffer());
          let s = "";
          for (const b of bytes) s += String.fromCharCode(b);
          out.push({ path, base64: btoa(s) });
        }
      }
    }
    const opfs = await navigator.storage.getDirectory();
    await walk(await opfs.getDirectoryHandle(folder), "");
    return out;
  }, folder);
  for (const { path, base64 } of files) {
    const target = join(dest, path);
    await mkdir(dirname(target), { recursive: true });
    await writeFile(target, Buffer.from(base64, "base64"));
  }
  return files.map((f) => f.path);
}

/** Drops files (name, bytes, type) on the app, as a writer dragging them in would. */
export async function dropFiles(page, files) {
  await page.evaluate((files) => {
    const transfer = new DataTransfer();
    for (const { name, base64, type } of files) {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      transfer.items.add(new File([bytes], name, { type }));
    }
    const target = document.querySelector(".app");
    target.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
    target.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, files);
}
