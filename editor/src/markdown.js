// The Markdown grammar the editor highlights with: CommonMark and GFM from
// @lezer/markdown, plus front matter and sections (./sections.js). Plain lezer, no
// CodeMirror, so Node runs its tests (editor/test/).

import { parser as commonmark, GFM } from "@lezer/markdown";
import { styleTags, tags as t } from "@lezer/highlight";
import { sections } from "./sections.js";

// Front matter at the very start: `---` (YAML) or `+++` (TOML) to the matching line,
// with its delimiters and keys marked for highlighting. Without this the Markdown
// parser reads YAML as paragraphs and its closing `---` as a setext heading.
const frontMatter = {
  defineNodes: [{ name: "FrontMatter", block: true }, "FrontMatterMark", "FrontMatterKey"],
  parseBlock: [
    {
      name: "FrontMatter",
      before: "HorizontalRule",
      parse(cx, line) {
        if (cx.lineStart !== 0) return false;
        const open = /^\uFEFF?(---|\+\+\+)[ \t]*$/.exec(line.text);
        if (!open) return false;
        const fence = open[1];
        const start = cx.lineStart;
        const children = [cx.elt("FrontMatterMark", start, start + line.text.length)];
        let end = start + line.text.length;
        while (cx.nextLine()) {
          end = cx.lineStart + line.text.length;
          if (line.text.trim() === fence) {
            children.push(cx.elt("FrontMatterMark", cx.lineStart, end));
            cx.nextLine();
            break;
          }
          const key = /^([A-Za-z0-9_.-]+)[ \t]*[:=]/.exec(line.text);
          if (key) children.push(cx.elt("FrontMatterKey", cx.lineStart, cx.lineStart + key[1].length));
        }
        cx.addElement(cx.elt("FrontMatter", start, end, children));
        return true;
      },
    },
  ],
};

const recapHighlighting = {
  props: [
    styleTags({
      FrontMatter: t.meta,
      FrontMatterMark: t.processingInstruction,
      FrontMatterKey: t.propertyName,
      "HTMLBlock HTMLTag": t.tagName,
      "Strikethrough/...": t.strikethrough,
      "Table/... TableDelimiter": t.processingInstruction,
    }),
  ],
};

/** The grammar without sections: what the tests compare the editor's parses with. */
export const plainMarkdownParser = commonmark.configure([GFM, frontMatter, recapHighlighting]);

/** The editor's Markdown parser. */
export const markdownParser = sections(plainMarkdownParser);
