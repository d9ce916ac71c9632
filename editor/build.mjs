// Bundles the editor shim (src/recap-editor.js) and its CodeMirror packages into one
// minified ES module, dist/recap-editor.js, which Trunk copies next to the app (see
// index.html). Run by the Makefile before every Trunk build; nothing is fetched at run
// time.
import { build } from "esbuild";
import { minify } from "terser";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";

/**
 * An esbuild plugin that replaces `from` with `to` in the package file matching
 * `file`, and fails the build when that file no longer has `from`: a patch that
 * silently stops applying would undo what it is for.
 */
function patchPackage({ name, file, from, to }) {
  return {
    name,
    setup(b) {
      b.onLoad({ filter: file }, async (args) => {
        const source = await readFile(args.path, "utf8");
        if (!source.includes(from)) throw new Error(`${name}: ${args.path} no longer has \`${from}\``);
        return { contents: source.replace(from, to), loader: "js" };
      });
    },
  };
}

// CodeMirror's styles come from style-mod, which gives a document (not a shadow root)
// a <style> element: the app's Content Security Policy (`style-src 'self'`) refuses
// it, and the editor would be unstyled. Constructable stylesheets
// (`document.adoptedStyleSheets`, in every engine the app supports) are not inline
// styles, so the policy stays strict. The build fails if style-mod changes here.
const styleModInDocuments = patchPackage({
  name: "style-mod-in-documents",
  file: /style-mod[\\/]src[\\/]style-mod\.js$/,
  from: "if (!root.head && root.adoptedStyleSheets && win.CSSStyleSheet) {",
  to: "if (root.adoptedStyleSheets && win.CSSStyleSheet) {",
});

// @codemirror/commands makes an `Intl.Segmenter` (words) when its module runs, for
// moving by sub-word over CJK text. Making one loads ICU's word-break data: 14 ms of
// the editor module's 18 ms of its own evaluation (CPU profile of a cold load, 4
// loads), before the early editor can show. The bundle does not even use it (the
// sub-word commands are not bound), but the minifiers keep a `new` they cannot prove
// free. Here it is made at its first use. The build fails if the source changes.
const segmenterAtFirstUse = patchPackage({
  name: "segmenter-at-first-use",
  file: /@codemirror[\\/]commands[\\/]dist[\\/]index\.js$/,
  from: '/*@__PURE__*/new (Intl.Segmenter)(undefined, { granularity: "word" })',
  to: '{ segment(text) { return (this.made ??= new Intl.Segmenter(undefined, { granularity: "word" })).segment(text); } }',
});

// The search panel's bundle takes CodeMirror from the editor bundle's re-exports: a
// second copy of @codemirror/state would not know the editor's state.
const codemirrorFromEditor = {
  name: "codemirror-from-editor",
  setup(b) {
    b.onResolve({ filter: /^@codemirror\/(state|view)$/ }, () => ({ path: "./recap-editor.js", external: true }));
  },
};

const here = dirname(fileURLToPath(import.meta.url));
const common = { bundle: true, format: "esm", minify: true, target: ["es2020"], legalComments: "none", logLevel: "warning", write: false };
// esbuild bundles and minifies; terser then compresses the result further (two passes,
// names mangled within the module, exports kept): 2.4 KB gzip less for the editor
// bundle, measured on its 110.6 KB (docs/design.md, "Size"). Only terser's safe
// transforms: CodeMirror reads layout properties for their side effects.
const compress = { module: true, ecma: 2020, compress: { passes: 2 }, mangle: true, format: { comments: false } };
// V8's explicit compile hint (Chrome 136 on; a comment elsewhere): every function of
// the file is compiled while it streams in, on a background thread, instead of each
// on its first call on the main thread. The editor bundle runs most of its code to
// show the first view, so the task that shows the early editor (`showEarly`) is
// shorter: its main-thread time 54 -> 29 ms (medians of 8 traced cold loads), the
// longest task before the app starts 137 -> 80 ms (10 cold loads; docs/design.md,
// "Start-up"). The search bundle is not hinted: it runs only at the first search.
// Measured again 2026-12-01: from a local server the early editor showed 11-23 ms
// sooner without the hint, but on a 10 Mbit/s connection it painted 12 ms later;
// kept for the second (docs/design.md).
const COMPILE_ALL_ON_LOAD = "//# allFunctionsCalledOnLoad\n";
const bundles = [
  // The editor: loaded with the page. The search bundle's path stays as written.
  { eager: true, options: { ...common, entryPoints: [join(here, "src", "recap-editor.js")], outfile: join(here, "dist", "recap-editor.js"), external: ["./recap-search.js"], plugins: [styleModInDocuments, segmenterAtFirstUse] } },
  // The search panel: loaded at the first search key (src/lazy-search.js).
  { eager: false, options: { ...common, entryPoints: [join(here, "src", "search.js")], outfile: join(here, "dist", "recap-search.js"), plugins: [codemirrorFromEditor] } },
];
for (const { eager, options } of bundles) {
  const result = await build(options);
  const [file] = result.outputFiles;
  const minified = (await minify(file.text, compress)).code;
  const code = eager ? COMPILE_ALL_ON_LOAD + minified : minified;
  await mkdir(dirname(file.path), { recursive: true }); // a fresh clone has no dist/
  await writeFile(file.path, code);
  const out = file.path.slice(file.path.indexOf("dist/"));
  console.log(`editor bundle: ${Buffer.byteLength(code)} bytes (${out}; ${file.contents.length} from esbuild)`);
}
