// The site folder through the File System Access API: a thin layer the app's Rust code
// calls (src/ui/site_fs.rs). Rust decides every path (recap::site::SitePath, checked
// segment by segment); this file resolves them one folder at a time below the picked
// handle, and refuses empty, `.` and `..` segments again, so nothing can be read or
// written outside the folder the writer picked.

const DB = "recap-site";
const STORE = "handles";
// Folders a post editor never needs, some of them huge.
const SKIP = new Set([".git", "node_modules", "public", "resources", ".hugo_build.lock"]);

export function hasPicker() {
  return typeof window.showDirectoryPicker === "function";
}

/** Lets the writer pick a folder; null when they cancel. */
export async function pickFolder() {
  try {
    return await window.showDirectoryPicker({ id: "recap-site", mode: "readwrite" });
  } catch (e) {
    if (e && e.name === "AbortError") return null;
    throw e;
  }
}

function segments(path) {
  const parts = path === "" ? [] : path.split("/");
  for (const p of parts) {
    if (p === "" || p === "." || p === ".." || p.includes("\\")) {
      throw new TypeError(`refused path outside the site folder: ${path}`);
    }
  }
  return parts;
}

async function folder(root, parts, create) {
  let dir = root;
  for (const p of parts) dir = await dir.getDirectoryHandle(p, { create });
  return dir;
}

/**
 * Every file below `sub` ("" for the top), as {path, modified, size}; `deep` false
 * lists only that folder's own files and folders (folders end with "/").
 */
export async function listFiles(root, sub, deep) {
  const out = [];
  let start;
  try {
    start = await folder(root, segments(sub), false);
  } catch (e) {
    if (e && (e.name === "NotFoundError" || e.name === "TypeMismatchError")) return out;
    throw e;
  }
  async function walk(dir, prefix) {
    for await (const [name, handle] of dir.entries()) {
      if (SKIP.has(name)) continue;
      const path = prefix ? `${prefix}/${name}` : name;
      if (handle.kind === "directory") {
        if (deep) await walk(handle, path);
        else out.push({ path: `${path}/`, modified: 0, size: 0 });
      } else {
        const file = await handle.getFile();
        out.push({ path, modified: file.lastModified, size: file.size });
      }
    }
  }
  await walk(start, sub);
  return out;
}

/** The file's bytes and lastModified, or null when there is no such file. */
export async function readFile(root, path) {
  const parts = segments(path);
  const name = parts.pop();
  try {
    const dir = await folder(root, parts, false);
    const file = await (await dir.getFileHandle(name)).getFile();
    return { bytes: new Uint8Array(await file.arrayBuffer()), modified: file.lastModified };
  } catch (e) {
    if (e && (e.name === "NotFoundError" || e.name === "TypeMismatchError")) return null;
    throw e;
  }
}

/** Writes `bytes` (creating folders as needed); returns the new lastModified. */
export async function writeFile(root, path, bytes) {
  const parts = segments(path);
  const name = parts.pop();
  const dir = await folder(root, parts, true);
  const handle = await dir.getFileHandle(name, { create: true });
  const writable = await handle.createWritable();
  try {
    await writable.write(bytes);
    await writable.close();
  } catch (e) {
    await writable.abort().catch(() => {});
    throw e;
  }
  return (await handle.getFile()).lastModified;
}

/**
 * A read-only folder from `<input type=file webkitdirectory>` (Firefox, Safari): the
 * same handle interface as a picked folder, built from the files' relative paths, so
 * the app reads it the same way. Writing throws; `readOnly` tells the app to download.
 */
export function folderFromFiles(files) {
  const list = Array.from(files);
  const top = list.length ? list[0].webkitRelativePath.split("/")[0] : "site";
  const dir = (name) => ({ kind: "directory", name, readOnly: true, children: new Map() });
  const root = dir(top);
  for (const file of list) {
    const parts = file.webkitRelativePath.split("/").slice(1);
    let at = root;
    for (const p of parts.slice(0, -1)) {
      if (!at.children.has(p)) at.children.set(p, dir(p));
      at = at.children.get(p);
    }
    const name = parts[parts.length - 1];
    at.children.set(name, { kind: "file", name, getFile: async () => file });
  }
  const wrap = (d) => ({
    kind: "directory",
    name: d.name,
    readOnly: true,
    async *entries() {
      for (const [name, child] of d.children) yield [name, child.kind === "directory" ? wrap(child) : child];
    },
    async getDirectoryHandle(name, opts) {
      const child = d.children.get(name);
      if (child && child.kind === "directory") return wrap(child);
      if (opts && opts.create) throw new DOMException("This folder was opened read-only.", "NotAllowedError");
      throw new DOMException(`${name} not found`, "NotFoundError");
    },
    async getFileHandle(name, opts) {
      const child = d.children.get(name);
      if (child && child.kind === "file") return { ...child, createWritable: readOnly };
      if (opts && opts.create) throw new DOMException("This folder was opened read-only.", "NotAllowedError");
      throw new DOMException(`${name} not found`, "NotFoundError");
    },
  });
  const readOnly = async () => {
    throw new DOMException("This folder was opened read-only.", "NotAllowedError");
  };
  return wrap(root);
}

/** Whether a folder was opened read-only (see folderFromFiles). */
export function isReadOnly(handle) {
  return Boolean(handle && handle.readOnly);
}

/** The Origin Private File System's root (files kept with drafts), or null. */
export async function privateFolder() {
  try {
    return await navigator.storage.getDirectory();
  } catch {
    return null;
  }
}

/** "granted", "prompt" or "denied"; asks the writer when `ask` (needs a click). */
export async function permission(handle, ask) {
  const opts = { mode: "readwrite" };
  if (typeof handle.queryPermission !== "function") return "granted";
  const now = await handle.queryPermission(opts);
  if (now === "granted" || !ask || typeof handle.requestPermission !== "function") return now;
  return await handle.requestPermission(opts);
}

function db() {
  return new Promise((resolve, reject) => {
    const open = indexedDB.open(DB, 1);
    open.onupgradeneeded = () => open.result.createObjectStore(STORE);
    open.onsuccess = () => resolve(open.result);
    open.onerror = () => reject(open.error);
  });
}

async function request(mode, f) {
  const conn = await db();
  try {
    return await new Promise((resolve, reject) => {
      const tx = conn.transaction(STORE, mode);
      const req = f(tx.objectStore(STORE));
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  } finally {
    conn.close();
  }
}

/** Remembers the folder for the next visit. */
export async function rememberFolder(handle) {
  await request("readwrite", (s) => s.put(handle, "site"));
}

/** The folder remembered from an earlier visit, or null. */
export async function rememberedFolder() {
  return (await request("readonly", (s) => s.get("site"))) ?? null;
}

/** Forgets it (the writer closed the site). */
export async function forgetFolder() {
  await request("readwrite", (s) => s.delete("site"));
}
