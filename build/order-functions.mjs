// Release builds: the functions of each wasm file put in the order of their bytes, so
// that brotli and gzip find similar code side by side. Run by build/split-wasm.mjs
// after wasm-opt -Oz.
//
// A wasm file keeps its functions in the linker's order: a crate's functions together,
// each generic instance next to unrelated code. Code that compiles to nearly the same
// bytes (the instances of one generic, Leptos's views of one shape, serde's visitors)
// is spread over the whole file, where a compressor's matches cost more and its
// context models learn less. Sorted by their bytes, the main module is about 3 KB
// smaller in brotli (262.7 -> 259.6 KB) with the same instructions: only the order
// changes. A greedy nearest-neighbour order over similar byte sequences saved only
// 0.2 KB more, for a page of code; the order by name (what binaryen offers) 2.2 KB.
//
// Binaryen moves functions and renumbers every reference to them
// (`--reorder-functions-by-name`), but sorts by name only: this file gives each
// function a name that sorts as its bytes do (a name section it writes), and wasm-opt
// reorders and then drops the names (`--strip-debug`). Exports, the table and the
// files split off keep working: they name functions through exports and table slots,
// which binaryen updates, as -Oz itself renumbers functions.

import { CODE, IMPORT, imports, isNameSection, leb, nameBytes, rewriteSections, section, sections, uleb } from "./wasm-binary.mjs";

/**
 * `wasm` (a file's bytes) with a name section that names its functions in the order
 * of their bodies' bytes (`f000000`, `f000001`, ...; imports `i000000`, ...), any
 * other name section dropped. For `wasm-opt --reorder-functions-by-name`.
 */
export function nameFunctionsByBytes(wasm) {
  const all = sections(wasm);
  const imported = imports(wasm, all.find((s) => s.id === IMPORT)).filter((i) => i.kind === 0).length;
  const code = all.find((s) => s.id === CODE);
  const bodies = [];
  if (code) {
    let [count, at] = leb(wasm, code.content);
    for (; count > 0; count--) {
      const [size, body] = leb(wasm, at);
      bodies.push(wasm.subarray(body, body + size));
      at = body + size;
    }
  }
  const order = bodies.map((_, i) => i).sort((a, b) => Buffer.compare(bodies[a], bodies[b]) || a - b);
  const names = new Array(imported + bodies.length);
  for (let i = 0; i < imported; i++) names[i] = `i${String(i).padStart(6, "0")}`;
  order.forEach((body, rank) => {
    names[imported + body] = `f${String(rank).padStart(6, "0")}`;
  });

  // The name section's function names (subsection 1): index and name, by index.
  const functionNames = [...uleb(names.length)];
  names.forEach((name, index) => functionNames.push(...uleb(index), ...nameBytes(name)));
  return Buffer.concat([
    rewriteSections(wasm, (s) => (isNameSection(wasm, s) ? Buffer.alloc(0) : undefined)),
    section(0, [...nameBytes("name"), 1, ...uleb(functionNames.length), ...functionNames]),
  ]);
}
