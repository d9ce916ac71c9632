// Reading and writing the few parts of the wasm binary format that the release build
// rewrites (build/order-functions.mjs, short-names.mjs, unusable-classes.mjs):
// sections, LEB128 numbers, names, imports and exports. https://webassembly.github.io/spec/core/binary/modules.html

/** Reads an unsigned LEB128 at `at`; returns [value, the offset after it]. */
export function leb(bytes, at) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return [value, at];
}

/** `n` as unsigned LEB128 bytes. */
export function uleb(n) {
  const out = [];
  do {
    const low = n % 128;
    n = Math.floor(n / 128);
    out.push(n ? low | 0x80 : low);
  } while (n);
  return out;
}

/** A name as the binary format writes it: its UTF-8 length, then its bytes. */
export function nameBytes(name) {
  const utf8 = Buffer.from(name, "utf8");
  return [...uleb(utf8.length), ...utf8];
}

/** Reads a name at `at`; returns [name, the offset after it]. */
export function readName(bytes, at) {
  const [length, start] = leb(bytes, at);
  return [Buffer.from(bytes.subarray(start, start + length)).toString("utf8"), start + length];
}

/** The sections of a wasm file: { id, start, content, end } (offsets into `bytes`). */
export function sections(bytes) {
  const out = [];
  for (let at = 8; at < bytes.length; ) {
    const [size, content] = leb(bytes, at + 1);
    out.push({ id: bytes[at], start: at, content, end: content + size });
    at = content + size;
  }
  return out;
}

/** A section with id `id` and content `content` (bytes). */
export function section(id, content) {
  return Buffer.from([id, ...uleb(content.length), ...content]);
}

/**
 * The file `bytes` with each section replaced by what `rewrite(section)` returns (its
 * bytes; empty to drop it), or kept as it is where it returns undefined.
 */
export function rewriteSections(bytes, rewrite) {
  const parts = sections(bytes).map((s) => rewrite(s) ?? bytes.subarray(s.start, s.end));
  return Buffer.concat([bytes.subarray(0, 8), ...parts]);
}

/** Section ids. */
export const CUSTOM = 0;
export const IMPORT = 2;
export const EXPORT = 7;
export const CODE = 10;

/**
 * The imports of a wasm file, in order: { module, field, start, end }, where
 * `start`..`end` is the import's description after its two names (kind and type).
 */
export function imports(bytes, importSection) {
  const out = [];
  if (!importSection) return out;
  let [count, at] = leb(bytes, importSection.content);
  const skipLimits = () => {
    const flags = bytes[at++];
    [, at] = leb(bytes, at);
    if (flags & 1) [, at] = leb(bytes, at);
  };
  for (; count > 0; count--) {
    let module;
    let field;
    [module, at] = readName(bytes, at);
    [field, at] = readName(bytes, at);
    const start = at;
    const kind = bytes[at++];
    if (kind === 0) {
      [, at] = leb(bytes, at); // function: type index
    } else if (kind === 1) {
      at++; // table: element type
      skipLimits();
    } else if (kind === 2) {
      skipLimits(); // memory
    } else if (kind === 3) {
      at += 2; // global: value type, mutability
    } else if (kind === 4) {
      at++; // tag: attribute
      [, at] = leb(bytes, at);
    } else {
      throw new Error(`an import of unknown kind ${kind} (${module} ${field})`);
    }
    out.push({ module, field, kind, start, end: at });
  }
  return out;
}

/** The exports of a wasm file, in order: { name, start, end } (kind and index). */
export function exports(bytes, exportSection) {
  const out = [];
  if (!exportSection) return out;
  let [count, at] = leb(bytes, exportSection.content);
  for (; count > 0; count--) {
    let name;
    [name, at] = readName(bytes, at);
    const start = at;
    at++; // kind
    [, at] = leb(bytes, at); // index
    out.push({ name, start, end: at });
  }
  return out;
}

/**
 * An export section of `list`, entries as `exports` reads them from `bytes` (their
 * kind and index kept), each under its `name`, which may have been changed.
 */
export function exportSection(bytes, list) {
  const content = [...uleb(list.length)];
  for (const e of list) content.push(...nameBytes(e.name), ...bytes.subarray(e.start, e.end));
  return section(EXPORT, content);
}

/** Whether `s` is the custom section "name" (function and local names). */
export function isNameSection(bytes, s) {
  return s.id === CUSTOM && readName(bytes, s.content)[0] === "name";
}
