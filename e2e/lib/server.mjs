// A static file server for the built app on loopback, on a free port.
// It serves what `make dist` wrote, as any static host would.
import { createServer } from "node:http";
import { readFile } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const here = fileURLToPath(new URL(".", import.meta.url));
export const distDir = resolve(process.env.RECAP_DIST ?? join(here, "..", "..", "dist"));

const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".wasm": "application/wasm",
  ".json": "application/json",
  ".webmanifest": "application/manifest+json",
  ".png": "image/png",
  ".svg": "image/svg+xml",
  ".ico": "image/x-icon",
};

/**
 * Starts the server; resolves to { url, close, transform }. `prefix` serves the app
 * under a sub-path (as `trunk build --public-url /prefix/` expects); assigning
 * `transform(path, body)` changes what a file serves (a "new deployment").
 * `precompressed` serves the `.br` / `.gz` file `make dist` wrote beside a file when
 * the browser accepts it, as nginx `brotli_static` / Caddy `precompressed` do.
 */
export async function serveDist(root = distDir, { prefix = "/", precompressed = false } = {}) {
  const state = { transform: null };
  const server = createServer(async (req, res) => {
    let path = decodeURIComponent(new URL(req.url, "http://x").pathname);
    if (!path.startsWith(prefix)) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    path = "/" + path.slice(prefix.length);
    let file = normalize(join(root, path));
    if (!file.startsWith(root)) {
      res.writeHead(403).end();
      return;
    }
    if (path.endsWith("/")) file = join(file, "index.html");
    try {
      const headers = { "content-type": types[extname(file)] ?? "application/octet-stream", "cache-control": "no-cache" };
      let body = null;
      if (precompressed && !state.transform) {
        const accepts = String(req.headers["accept-encoding"] ?? "");
        for (const [encoding, suffix] of [["br", ".br"], ["gzip", ".gz"]]) {
          if (body || !accepts.includes(encoding)) continue;
          body = await readFile(file + suffix).catch(() => null);
          if (body) Object.assign(headers, { "content-encoding": encoding, vary: "accept-encoding" });
        }
      }
      if (!body) {
        body = await readFile(file);
        if (state.transform) body = state.transform(path, body);
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
    }
  });
  await new Promise((ok) => server.listen(0, "127.0.0.1", ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}${prefix}`,
    origin: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => { server.closeAllConnections?.(); server.close(ok); }),
    set transform(f) { state.transform = f; },
  };
}
