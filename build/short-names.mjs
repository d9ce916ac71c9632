// Release builds: short names for the functions the main wasm module and its
// wasm-bindgen glue call each other by. Run by build/split-wasm.mjs on wasm-bindgen's
// output, before wasm-opt.
//
// wasm-bindgen names each of the module's imports from JavaScript after the function
// and a hash of its signature (`__wbg_getTimezoneOffset_87127d92c2c117e9`), and the
// closure shims it exports keep their Rust symbol (130 characters each). Both files
// carry every name once more: about 230 imports and 14 exports, whose hashes no
// compressor can shrink. As `$0`, `$1`, ... the first load is about 6 KB smaller in
// brotli (wasm 3.6 KB, glue 2.7 KB), with nothing else changed. The import module,
// `./<name>_bg.js`, becomes `$`.
//
// Only names both files hold are changed: the wasm's imports from the glue's module,
// the Rust-mangled exports (`_R...`). The other exports keep their names: the split
// loader, the parts and wasm-bindgen's own start-up code ask for them by name
// (`memory`, `__indirect_function_table`, `__wbindgen_start`, ...). The glue must name
// each import exactly once and each renamed export at least once, whole, or the build
// stops: a wasm-bindgen that writes its glue otherwise is found here, not in a browser.
import { EXPORT, IMPORT, exportSection, exports, imports, nameBytes, rewriteSections, section, uleb } from "./wasm-binary.mjs";

/** The module wasm-bindgen's glue provides imports under, as the wasm names it. */
const GLUE_MODULE = /^\.\/[\w.-]+_bg\.js$/;
/** A Rust symbol (v0 mangling, what `--no-demangle` keeps). */
const RUST_SYMBOL = /^_R[\w]+$/;
/** A name in JavaScript: `name` whole, not part of a longer identifier. */
const whole = (name) => new RegExp(`(?<![\\w$])${name.replace(/[$]/g, "\\$")}(?![\\w$])`, "g");

/**
 * The wasm file `wasm` (bytes) and its glue `glue` (text) with the names they share
 * shortened; throws if the glue does not name them as expected.
 */
export function shortenNames(wasm, glue) {
  let next = 0;
  const renamed = new Map();
  const short = (name) => {
    const to = `$${(next++).toString(36)}`;
    renamed.set(name, to);
    return to;
  };
  let module = null;
  const rewritten = rewriteSections(wasm, (s) => {
    if (s.id === IMPORT) {
      const list = imports(wasm, s);
      const content = [...uleb(list.length)];
      for (const i of list) {
        const ours = GLUE_MODULE.test(i.module);
        if (ours) module = i.module;
        content.push(...nameBytes(ours ? "$" : i.module), ...nameBytes(ours ? short(i.field) : i.field));
        content.push(...wasm.subarray(i.start, i.end));
      }
      return section(IMPORT, content);
    }
    if (s.id === EXPORT) {
      return exportSection(wasm, exports(wasm, s).map((e) => (RUST_SYMBOL.test(e.name) ? { ...e, name: short(e.name) } : e)));
    }
    return undefined;
  });

  // The new names are free: the glue has no `$` names of its own.
  const clash = glue.match(/(?<![\w$])\$[0-9a-z]+(?![\w$])/);
  if (clash) throw new Error(`short-names: the glue already has a name like the short ones: \`${clash[0]}\``);
  let text = glue;
  for (const [from, to] of renamed) {
    const occurrences = text.match(whole(from))?.length ?? 0;
    const isImport = !RUST_SYMBOL.test(from);
    if (isImport ? occurrences !== 1 : occurrences === 0) {
      throw new Error(`short-names: the glue names \`${from}\` ${occurrences} times, not ${isImport ? "once" : "at least once"}`);
    }
    text = text.replace(whole(from), () => to);
  }
  if (module) {
    const key = JSON.stringify(module);
    const keys = text.split(key).length - 1;
    if (keys !== 1) throw new Error(`short-names: the glue names the module ${key} ${keys} times, not once`);
    text = text.replace(key, () => '"$"');
  }
  return { wasm: rewritten, glue: text, renamed: renamed.size };
}
