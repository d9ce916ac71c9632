// Bundles the editor shim (src/recap-editor.js) and its CodeMirror packages into one
// minified ES module, dist/recap-editor.js, which Trunk copies next to the app (see
// index.html). Run by the Makefile before every Trunk build; nothing is fetched at run
// time.
import { build } from "esbuild";
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

// CodeMirror's styles come from style-mod, which gives a document (not a shadow root)
// a <style> element: the app's Content Security Policy (`style-src 'self'`) refuses
// it, and the editor would be unstyled. Constructable stylesheets
// (`document.adoptedStyleSheets`, in every engine the app supports) are not inline
// styles, so the policy stays strict. The build fails if style-mod changes here.
const styleModInDocuments = {
  name: "style-mod-in-documents",
  setup(b) {
    b.onLoad({ filter: /style-mod[\\/]src[\\/]style-mod\.js$/ }, async (args) => {
      const source = await readFile(args.path, "utf8");
      const from = "if (!root.head && root.adoptedStyleSheets && win.CSSStyleSheet) {";
      if (!source.includes(from)) throw new Error(`style-mod changed: ${args.path} no longer has \`${from}\``);
      return { contents: source.replace(from, "if (root.adoptedStyleSheets && win.CSSStyleSheet) {"), loader: "js" };
    });
  },
};

const here = dirname(fileURLToPath(import.meta.url));
const result = await build({
  entryPoints: [join(here, "src", "recap-editor.js")],
  outfile: join(here, "dist", "recap-editor.js"),
  bundle: true,
  format: "esm",
  minify: true,
  target: ["es2020"],
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
  plugins: [styleModInDocuments],
});
const bytes = Object.values(result.metafile.outputs)[0].bytes;
console.log(`editor bundle: ${bytes} bytes (dist/recap-editor.js)`);
