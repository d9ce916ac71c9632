// Sections: every ATX heading at column 0 opens a `Section` block that holds what
// follows it, up to the next heading of its level or above (so a `##` day holds its
// `###` talks).
//
// Why: after each edit, @lezer/markdown re-parses from the start of the text, reusing
// the old tree's top-level blocks one by one up to the end. With every block at the
// top level, that walk grows with the post: in a 1 MB recap (9,000 top-level blocks)
// one keystroke near the end took 8 ms median and 20 ms at p90 in the parser alone.
// With sections the top level holds a few hundred blocks, the edited section is
// entered and the rest reused whole: 1.5 ms median, 2 ms p90 (Node, this machine; see
// docs/design.md, "Editor").
//
// A section changes no highlighting. A heading at column 0 ends every open block
// anyway (paragraph, list, quote, table, indented code), except fenced code, HTML
// blocks and front matter, which take such a line as their content: a section stays
// open while one of those reads its lines. Front matter comes only at the very start,
// before any section. editor/test/sections.test.mjs checks, edit after edit, that the
// incremental parse with sections has exactly the nodes a full parse without them has.
//
// Beyond @lezer/markdown's documented extension API this reads three of its internals:
// a parser's `blockParsers`/`blockNames` (to wrap two of its block parsers) and a
// block context's `stack` (a section's level and end). The version is pinned by
// package-lock.json; `guarded` fails loudly and those tests fail if they change.

const ATX = /^(#{1,6})(?:[ \t]|$)/;

/** The heading level of `line` if it is an ATX heading at column 0, else 0. */
function headingLevel(line) {
  if (line.pos !== 0) return 0;
  const m = ATX.exec(line.text);
  return m ? m[1].length : 0;
}

// How many fenced-code or HTML-block parsers are reading lines right now. Parsing is
// synchronous: a counter shared by every parse is enough.
let inLeaf = 0;

/** `base`'s block parser `name`, counted in `inLeaf` while it runs. */
function guarded(base, name) {
  const parse = base.blockParsers[base.blockNames.indexOf(name)];
  if (typeof parse !== "function") throw new Error(`@lezer/markdown has no block parser ${name}: sections.js needs it`);
  return {
    name,
    parse(cx, line) {
      inLeaf++;
      try {
        return parse(cx, line);
      } finally {
        inLeaf--;
      }
    },
  };
}

/**
 * `base` (a configured @lezer/markdown parser) with sections. The highlighted nodes
 * are the same; the tree is deeper, so an edit re-parses less.
 */
export function sections(base) {
  return base.configure({
    defineNodes: [
      {
        name: "Section",
        block: true,
        composite(cx, line, level) {
          const next = inLeaf > 0 ? 0 : headingLevel(line);
          if (next !== 0 && next <= level) return false;
          // The section ends where the next one starts, blank lines included: an edit
          // to that heading line then falls inside this section, which is parsed again
          // instead of reused (the heading may have become a list's continuation).
          cx.stack[line.depth].end = cx.lineStart + line.text.length;
          return true;
        },
      },
    ],
    parseBlock: [
      guarded(base, "FencedCode"),
      guarded(base, "HTMLBlock"),
      {
        name: "Section",
        before: "FencedCode",
        parse(cx, line) {
          const level = headingLevel(line);
          if (level === 0) return false;
          if (cx.depth > 1) {
            const parent = cx.stack[cx.depth - 1];
            if (cx.parentType().name !== "Section" || parent.value >= level) return false;
          }
          cx.startComposite("Section", 0, level);
          return null; // the heading line itself is parsed inside the section
        },
      },
    ],
  });
}
