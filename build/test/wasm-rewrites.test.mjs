// The release build's rewrites of the main wasm module and its glue
// (build/order-functions.mjs, short-names.mjs, unusable-classes.mjs), on small modules
// written here byte by byte, and run in Node's own WebAssembly: what they keep must
// still link and run. `make build-test` (part of `make test`).
import { test } from "node:test";
import assert from "node:assert/strict";
import { nameFunctionsByBytes } from "../order-functions.mjs";
import { shortenNames } from "../short-names.mjs";
import { dropUnusableClasses } from "../unusable-classes.mjs";
import { CODE, EXPORT, IMPORT, exports, imports, leb, nameBytes, readName, section, sections, uleb } from "../wasm-binary.mjs";

const I32 = 0x7f;

/**
 * A module whose imports are functions `() -> i32` ({ module, field }) and whose own
 * functions return a constant each (`bodies`: the constants), exported under
 * `exported` (name -> function index, imports first).
 */
function module({ imported = [], constants = [], exported = {} }) {
  const type = section(1, [1, 0x60, 0, 1, I32]); // one type: () -> i32
  const importSection = section(IMPORT, [
    ...uleb(imported.length),
    ...imported.flatMap(({ module, field }) => [...nameBytes(module), ...nameBytes(field), 0, 0]),
  ]);
  const functions = section(3, [...uleb(constants.length), ...constants.map(() => 0)]);
  const entries = Object.entries(exported);
  const exportSection = section(EXPORT, [
    ...uleb(entries.length),
    ...entries.flatMap(([name, index]) => [...nameBytes(name), 0, ...uleb(index)]),
  ]);
  // i32.const N (signed LEB, N < 64), end.
  const bodies = constants.map((n) => [0, 0x41, n, 0x0b]);
  const code = section(CODE, [...uleb(bodies.length), ...bodies.flatMap((b) => [...uleb(b.length), ...b])]);
  return Buffer.concat([Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]), type, importSection, functions, exportSection, code]);
}

const exportNames = (wasm) => exports(wasm, sections(wasm).find((s) => s.id === EXPORT)).map((e) => e.name);

test("functions are named in the order of their bodies' bytes, imports first", () => {
  const wasm = module({ imported: [{ module: "m", field: "f" }], constants: [30, 10, 20], exported: { a: 1, b: 2, c: 3 } });
  const named = nameFunctionsByBytes(wasm);
  const custom = sections(named).filter((s) => s.id === 0);
  assert.equal(custom.length, 1, "one name section");
  let [, at] = readName(named, custom[0].content); // "name"
  assert.equal(named[at], 1, "function names");
  [, at] = leb(named, at + 1);
  let count;
  [count, at] = leb(named, at);
  const names = [];
  for (let i = 0; i < count; i++) {
    let index;
    let name;
    [index, at] = leb(named, at);
    [name, at] = readName(named, at);
    names[index] = name;
  }
  // Bodies 30, 10, 20: ranks 2, 0, 1.
  assert.deepEqual(names, ["i000000", "f000002", "f000000", "f000001"]);
  // Everything else as it was: the module still runs.
  const instance = new WebAssembly.Instance(new WebAssembly.Module(named), { m: { f: () => 0 } });
  assert.deepEqual([instance.exports.a(), instance.exports.b(), instance.exports.c()], [30, 10, 20]);
});

test("the names the module and its glue share get short, in both, and the module still links to the glue", () => {
  const imported = [
    { module: "./app_bg.js", field: "__wbg_now_0123456789abcdef" },
    { module: "./app_bg.js", field: "__wbg_now_fedcba9876543210" },
    { module: "./site-fs.js", field: "hasPicker" },
  ];
  // Two Rust symbols, one the start of the other; `memory`-like names stay.
  const exported = { _RNvCs1_closure: 3, _RNvCs1_closure_16: 4, __wbindgen_start: 3 };
  const wasm = module({ imported, constants: [7, 8], exported });
  const glue = [
    "function getImports() {",
    "    const import0 = {",
    "        __wbg_now_0123456789abcdef: function() { return 1; },",
    "        __wbg_now_fedcba9876543210: function() { return 2; },",
    "    };",
    '    return { "./app_bg.js": import0, "./site-fs.js": { hasPicker: () => 3 } };',
    "}",
    "export function seven() { return wasm._RNvCs1_closure(); }",
    "export function eight() { return wasm._RNvCs1_closure_16(); }",
  ].join("\n");
  const short = shortenNames(wasm, glue);
  assert.equal(short.renamed, 4);
  const names = imports(short.wasm, sections(short.wasm).find((s) => s.id === IMPORT)).map((i) => `${i.module} ${i.field}`);
  assert.deepEqual(names, ["$ $0", "$ $1", "./site-fs.js hasPicker"]);
  assert.deepEqual(exportNames(short.wasm), ["$2", "$3", "__wbindgen_start"]);
  assert.doesNotMatch(short.glue, /__wbg_now|_RNv|app_bg/);

  // The glue's own imports object, evaluated, instantiates the renamed module, and
  // its calls reach the right functions.
  const run = new Function("wasmModule", `${short.glue.replace(/export /g, "")}
    let wasm;
    wasm = new WebAssembly.Instance(wasmModule, getImports()).exports;
    return [seven(), eight(), wasm.__wbindgen_start()];`);
  assert.deepEqual(run(new WebAssembly.Module(short.wasm)), [7, 8, 7]);
});

test("a glue that names an import twice, or not at all, stops the build", () => {
  const wasm = module({ imported: [{ module: "./app_bg.js", field: "__wbg_x_0123456789abcdef" }] });
  assert.throws(() => shortenNames(wasm, "const i = { __wbg_x_0123456789abcdef: f }; g(__wbg_x_0123456789abcdef);"), /2 times, not once/);
  assert.throws(() => shortenNames(wasm, "const i = {};"), /0 times, not once/);
  assert.throws(() => shortenNames(wasm, "const i = { __wbg_x_0123456789abcdef: f, $0: g };"), /already has a name like the short ones/);
});

// A class as wasm-bindgen writes it, with its dispose line and finalization registry.
const glueClass = (name, members) => `export class ${name} {
    __destroy_into_raw() {
        const ptr = this.__wbg_ptr;
        this.__wbg_ptr = 0;
        ${name}Finalization.unregister(this);
        return ptr;
    }
    free() {
        const ptr = this.__destroy_into_raw();
        wasm.__wbg_${name.toLowerCase()}_free(ptr, 0);
    }
${members}
}
if (Symbol.dispose) ${name}.prototype[Symbol.dispose] = ${name}.prototype.free;
`;
const registry = (name) => `const ${name}Finalization = (typeof FinalizationRegistry === 'undefined')
    ? { register: () => {}, unregister: () => {} }
    : new FinalizationRegistry(ptr => wasm.__wbg_${name.toLowerCase()}_free(ptr, 1));
`;

test("a class no code can make an instance of goes, with the exports only it calls; one Rust hands over or JavaScript constructs stays", () => {
  const method = (cls) => `    pull() {
        return wasm.${cls.toLowerCase()}_pull(this.__wbg_ptr);
    }`;
  const glue = [
    glueClass("Dead", method("Dead")),
    glueClass("Handed", method("Handed")),
    glueClass("Built", `    constructor() {
        this.__wbg_ptr = wasm.built_new() >>> 0;
    }
${method("Built")}`),
    "function __wbg_get_imports() {",
    "    return { __wbg_handed_new: function(arg0) { return Handed.__wrap(arg0); } };",
    "}",
    registry("Dead"),
    registry("Handed"),
    registry("Built"),
  ].join("\n");
  const names = ["__wbg_dead_free", "dead_pull", "__wbg_handed_free", "handed_pull", "__wbg_built_free", "built_pull", "built_new", "main"];
  const exported = Object.fromEntries(names.map((n, i) => [n, i]));
  const wasm = module({ constants: names.map((_, i) => i), exported });

  const result = dropUnusableClasses(wasm, glue);
  assert.deepEqual(result.dropped, ["Dead"]);
  assert.deepEqual(exportNames(result.wasm), names.filter((n) => !n.includes("dead")));
  assert.doesNotMatch(result.glue, /Dead/);
  for (const kept of ["export class Handed", "export class Built", "HandedFinalization", "BuiltFinalization"]) assert.match(result.glue, new RegExp(kept));
  // What is left is still a module and still JavaScript.
  new WebAssembly.Module(result.wasm);
  new Function(result.glue.replace(/export /g, ""));
});

test("a class written otherwise than expected stops the build", () => {
  const glue = glueClass("Odd", "").replace(/if \(Symbol.dispose\).*\n/, "");
  assert.throws(() => dropUnusableClasses(module({}), glue), /class Odd is not written as expected/);
});
