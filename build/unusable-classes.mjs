// Release builds: the Rust types wasm-bindgen exports as JavaScript classes that no
// code can ever make an instance of, dropped from the main wasm module and its glue.
// Run by build/split-wasm.mjs on wasm-bindgen's output, before wasm-opt.
//
// Leptos brings server functions even to a client-only app, and with them the crate
// wasm-streams, which exports three classes (`IntoUnderlyingSource`, `...Sink`,
// `...ByteSource`) for streaming a server function's body. Exported methods are roots
// for every optimiser, so their code stays in the module, and their classes in the
// glue, though Recap calls no server function. An instance of such a class comes into
// JavaScript in one of two ways: Rust hands one over (the glue calls `Class.__wrap`),
// or JavaScript constructs one (the class has a `constructor`). A class with neither
// in the glue can have no instance, so none of its methods can run: its class, its
// finalization registry and the exports only it calls go, and wasm-opt -Oz then drops
// the code they kept. About 1 KB brotli of the first load.
//
// The glue is matched as wasm-bindgen writes it (a class at the start of a line, its
// members indented); anything else stops the build rather than guessing.
import { EXPORT, exportSection, exports, rewriteSections } from "./wasm-binary.mjs";

const CLASS = /^export class (\w+) \{\n(?:(?: {4}.*)?\n)*?\}\n/gm;

/**
 * `wasm` (bytes) and `glue` (text) without the classes no code can make an instance
 * of; `dropped` names them.
 */
export function dropUnusableClasses(wasm, glue) {
  let text = glue;
  const dropped = [];
  const calls = new Set();
  for (const [block, name] of glue.matchAll(CLASS)) {
    const made = glue.includes(`${name}.__wrap(`) || /^ {4}constructor\(/m.test(block) || /^ {4}static /m.test(block);
    if (made) continue;
    const dispose = `if (Symbol.dispose) ${name}.prototype[Symbol.dispose] = ${name}.prototype.free;\n`;
    const registry = new RegExp(`^const ${name}Finalization = \\(typeof FinalizationRegistry === 'undefined'\\)\\n(?: {4}.*\\n)+`, "m");
    const registryBlock = text.match(registry)?.[0];
    if (!text.includes(dispose) || !registryBlock) {
      throw new Error(`unusable-classes: the glue's class ${name} is not written as expected (its dispose line or finalization registry)`);
    }
    for (const removed of [block, dispose, registryBlock]) {
      for (const [, exported] of removed.matchAll(/\bwasm\.(\w+)\(/g)) calls.add(exported);
      text = text.replace(removed, "");
    }
    dropped.push(name);
  }
  for (const name of dropped) {
    if (new RegExp(`(?<![\\w$])${name}(?![\\w$])`).test(text)) {
      throw new Error(`unusable-classes: the glue still names the class ${name} after dropping it`);
    }
  }
  // The exports only the dropped classes called.
  const unused = [...calls].filter((name) => !new RegExp(`\\bwasm\\.${name}\\b`).test(text));
  const rewritten = rewriteSections(wasm, (s) =>
    s.id === EXPORT ? exportSection(wasm, exports(wasm, s).filter((e) => !unused.includes(e.name))) : undefined,
  );
  return { wasm: rewritten, glue: text, dropped };
}
