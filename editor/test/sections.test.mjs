// The editor's grammar with sections (src/sections.js) against the same grammar
// without them: after every edit, the incremental parse must hold exactly the nodes,
// at exactly the places, that a full parse without sections finds. Highlighting reads
// nothing else, so a writer sees the same colours either way.
//
// Run by `make test` (`node --test editor/test/`).

import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import { TreeFragment } from "@lezer/common";
import { markdownParser, plainMarkdownParser } from "../src/markdown.js";

const here = dirname(fileURLToPath(import.meta.url));
const postsDir = join(here, "..", "..", "tests", "data", "posts");
const fixtures = [
  ["sections.md", readFileSync(join(here, "sections.md"), "utf8")],
  ...readdirSync(postsDir)
    .filter((name) => name.endsWith(".md"))
    .map((name) => [name, readFileSync(join(postsDir, name), "utf8")]),
];

/** Every node but sections and the document, as `Name@from-to`. */
function nodes(tree) {
  const out = [];
  tree.iterate({
    enter(n) {
      if (n.name !== "Section" && n.name !== "Document") out.push(`${n.name}@${n.from}-${n.to}`);
    },
  });
  return out;
}

function topLevel(tree) {
  const c = tree.cursor();
  const names = [];
  if (c.firstChild()) do names.push(c.name); while (c.nextSibling());
  return names;
}

/** `tree` of `text` after replacing `from..to` by `insert`, parsed incrementally. */
function edit(text, tree, from, to, insert) {
  const fragments = TreeFragment.applyChanges(TreeFragment.addTree(tree), [
    { fromA: from, toA: to, fromB: from, toB: from + insert.length },
  ]);
  const next = text.slice(0, from) + insert + text.slice(to);
  return [next, markdownParser.parse(next, fragments)];
}

function assertSameNodes(text, tree, what) {
  const got = nodes(tree);
  const want = nodes(plainMarkdownParser.parse(text));
  if (got.join() === want.join()) return;
  let i = 0;
  while (got[i] === want[i]) i++;
  assert.fail(`${what}: node ${i} is ${got[i]}, a full parse has ${want[i]}`);
}

test("a recap's days and talks are sections, and the first parse has the plain grammar's nodes", () => {
  const [, text] = fixtures[0];
  const tree = markdownParser.parse(text);
  assert.deepEqual(topLevel(tree), ["FrontMatter", "Paragraph", "Section", "Section", "Section", "Section"]);
  for (const [name, text] of fixtures) assertSameNodes(text, markdownParser.parse(text), name);
});

// The edits that change what a heading line is: indented into the list above it,
// turned into a paragraph, swallowed by a fence or HTML block opened above it, or
// split from the block above.
const headingEdits = [
  [0, 0, "    "],
  [0, 0, "  "],
  [0, 0, "x"],
  [0, 1, ""],
  [0, 0, "#"],
  [0, 0, "```\n"],
  [0, 0, "<div>\n"],
  [0, 0, "<!--\n"],
  [0, 0, "- a\n"],
  [0, 0, "> "],
  [0, 0, "\n"],
  [-1, 0, ""], // joins the heading to the line above
  [-1, 0, "\n"],
];

test("every edit at every heading line parses to the same nodes as a full parse", () => {
  for (const [name, text] of fixtures) {
    const tree = markdownParser.parse(text);
    for (const m of text.matchAll(/^#/gm)) {
      for (const [at, del, insert] of headingEdits) {
        const from = m.index + at;
        if (from < 0) continue;
        const [next, nextTree] = edit(text, tree, from, from + del, insert);
        assertSameNodes(next, nextTree, `${name}: ${JSON.stringify(insert)} at ${from} (deleting ${del})`);
      }
    }
  }
});

test("thousands of random edits keep the incremental parse equal to a full one", () => {
  const snippets = ["```", "```\n", "\n```\n", "~~~\n", "\n# ", "\n## ", "\n### ", "#", "# ", "<div>\n", "<!--", "-->",
    "\n\n", "\n", "- ", "> ", "    ", "x", " ", "|a|b|\n|-|-|\n", "[x]: /u\n", "*", "<pre>", "</pre>\n", "---\n", "1. "];
  let seed = 20261129;
  const random = (n) => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed % n;
  };
  let checked = 0;
  for (const [name, original] of fixtures) {
    let text = original;
    let tree = markdownParser.parse(text);
    for (let i = 0; i < 200; i++) {
      let from = random(text.length + 1);
      const headings = [...text.matchAll(/^#/gm)];
      if (headings.length && random(2) === 0) from = Math.max(0, Math.min(text.length, headings[random(headings.length)].index + random(5) - 2));
      const deleting = random(3) === 0;
      const to = deleting ? Math.min(text.length, from + random(40)) : from;
      const insert = deleting ? "" : snippets[random(snippets.length)];
      [text, tree] = edit(text, tree, from, to, insert);
      assertSameNodes(text, tree, `${name}, edit ${i}: ${JSON.stringify(insert)} at ${from} (to ${to})`);
      checked++;
    }
  }
  assert.equal(checked, fixtures.length * 200);
});
