// The preview's sanitizer in the browser: the app's build carries no HTML parser, so
// a block with raw HTML is parsed by the browser and walked with the one policy
// (src/render/policy.rs). Every XSS payload, in every context, goes through the real
// app; its preview must equal, block by block, what the native sanitizer (ammonia,
// same policy) makes of the same text, and no script may run.
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { appSession } from "../lib/session.mjs";
import { openApp } from "../lib/browser.mjs";

const app = appSession();
const root = resolve(fileURLToPath(new URL(".", import.meta.url)), "..", "..");

/** The payload sets: the project's own, and the shared one when it is there. */
async function payloadSets() {
  const own = join(root, "tests", "data", "xss", "dompurify-payloads.json");
  const sets = [["tests/data/xss/dompurify-payloads.json", JSON.parse(await readFile(own, "utf8"))]];
  const shared = resolve(root, "..", "shared", "testdata", "xss-payloads-dompurify.json");
  try {
    const text = await readFile(shared, "utf8");
    if (JSON.stringify(JSON.parse(text)) !== JSON.stringify(sets[0][1])) sets.push(["../shared/testdata/xss-payloads-dompurify.json", JSON.parse(text)]);
  } catch {
    // No shared folder on a fresh machine: the project's own set is the suite.
  }
  return sets;
}

/** One document holding each payload as a block, inline, as link targets and in a
 * pasted tweet: the same contexts as the native suite (tests/xss.rs). */
function documentOf(payloads) {
  return payloads
    .map((p) => {
      const line = p.payload.replace(/\n/g, " ");
      return [
        `## Payload ${p.id}`,
        p.payload,
        `Some *text* ${line} and more`,
        `[${line}](${line}) and [x](<${line}>) and ![${line}](${line})`,
        `<blockquote class="twitter-tweet"><p lang="en">${line} </p>&mdash; A (@a) <a href="https://twitter.com/a/status/1">May 1</a></blockquote>\n<script async src="https://platform.twitter.com/widgets.js"></script>`,
      ].join("\n\n");
    })
    .join("\n\n<!-- next -->\n\n")
    .concat("\n");
}

/** Payloads on which html5ever (native) and Chromium build different trees from the
 * same text, before any policy applies: `noscript` (html5ever parses with scripting
 * on, the browser's inert parse with it off), the obsolete `isindex`, processing
 * instructions (`<?...?>`), MathML integration points, and IE-era `<tag/xmlns=...>`
 * markup with backtick or unquoted values holding `<` and quotes. For these the two
 * previews may differ; every safety check still applies. */
const PARSERS_DIFFER = /<noscript|<isindex|<\?|<math|=`|\/xmlns=/i;

/** Blocks as the native core renders them (ammonia with the same policy). */
async function nativeBlocks(file) {
  const { stdout } = await promisify(execFile)("cargo", ["run", "--quiet", "--example", "render", "--", "--parts", file], {
    cwd: root,
    maxBuffer: 256 * 1024 * 1024,
  });
  return JSON.parse(stdout);
}

test("every XSS payload: the browser's sanitizer gives the native sanitizer's DOM, and nothing runs", async () => {
  const dir = await mkdtemp(join(tmpdir(), "recap-xss-"));
  for (const [name, payloads] of await payloadSets()) {
    const file = join(dir, "payloads.md");
    await writeFile(file, documentOf(payloads));
    const expected = await nativeBlocks(file);

    const { page } = await openApp(app.context, app.server.url);
    const dialogs = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      d.dismiss().catch(() => {});
    });
    await page.evaluate(() => {
      window.__ran = [];
      for (const f of ["alert", "confirm", "prompt", "print"]) window[f] = (...a) => window.__ran.push(`${f}(${a.join(",")})`);
    });
    await page.locator("[data-testid=import-md]").setInputFiles(file);
    await page.waitForFunction((n) => document.querySelectorAll("[data-testid=preview] > .group > .block").length === n, expected.length, {
      timeout: 60_000,
    });
    // Every image has loaded or failed (an `onerror` would have fired by then).
    await page.waitForFunction(() => [...document.querySelectorAll("[data-testid=preview] img")].every((i) => i.complete));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0))));

    const result = await page.evaluate((expected) => {
      // A DOM as a string that does not depend on attribute order or split text nodes.
      // `data-site` is the app's own mark on images it may show from a folder (added
      // after sanitizing, see ui/site_images.rs), not part of the sanitized HTML.
      const shape = (node) => {
        node.normalize();
        const walk = (n) => {
          if (n.nodeType === Node.TEXT_NODE) return JSON.stringify(n.data);
          if (n.nodeType !== Node.ELEMENT_NODE) return `#${n.nodeType}`;
          const attrs = [...n.attributes].filter((a) => a.name !== "data-site").map((a) => `${a.name}=${JSON.stringify(a.value)}`).sort();
          return `<${n.namespaceURI === "http://www.w3.org/1999/xhtml" ? "" : n.namespaceURI + ":"}${n.localName} ${attrs.join(" ")}>${[...n.childNodes].map(walk).join("")}</>`;
        };
        return [...node.childNodes].map(walk).join("");
      };
      const inert = document.implementation.createHTMLDocument("");
      const blocks = [...document.querySelectorAll("[data-testid=preview] > .group > .block")];
      const differ = [];
      let payload = null;
      blocks.forEach((block, i) => {
        payload = expected[i].match(/^<h2 id="payload-(\d+)/)?.[1] ?? payload;
        const got = block.cloneNode(true);
        for (const img of got.querySelectorAll("[data-site]")) img.removeAttribute("data-site");
        // Native HTML is a string the browser never builds from; the preview's blocks
        // are trees the sanitizer never serialized. Equal as serialized HTML (the
        // sanitized tree as ammonia wrote it), or as trees once the native string is
        // parsed (pulldown-cmark's `<img />` and `&#x27;` spellings).
        if (got.innerHTML === expected[i]) return;
        const holder = inert.createElement("div");
        holder.innerHTML = expected[i];
        if (shape(holder) === shape(got)) return;
        differ.push({ i, payload, want: expected[i], got: got.innerHTML });
      });
      const handlers = [...document.querySelectorAll("[data-testid=preview] *")].flatMap((el) =>
        [...el.attributes].filter((a) => /^on/i.test(a.name) || (/^(href|src|srcset|cite|action|formaction|poster|data|background|xlink:href)$/i.test(a.name) && !/^(https?:|mailto:|[^:]*$)/i.test(a.value.trim()))).map((a) => `${el.localName} ${a.name}`),
      );
      const foreign = document.querySelectorAll("[data-testid=preview] :is(svg, math, script, style, iframe, object, embed, form, input, noscript, template)").length;
      return { blocks: blocks.length, differ, ran: window.__ran, handlers, foreign };
    }, expected);
    const byId = new Map(payloads.map((p) => [String(p.id), p.payload]));
    const unexplained = result.differ.filter((d) => !PARSERS_DIFFER.test(byId.get(d.payload) ?? ""));
    console.log(`${name}: ${payloads.length} payloads in 4 contexts, ${expected.length} blocks; ${result.differ.length} blocks differ where the parsers differ (payloads ${[...new Set(result.differ.map((d) => d.payload))].join(", ")})`);

    assert.equal(result.blocks, expected.length, name);
    assert.deepEqual(unexplained, [], `${name}: blocks differ from the native sanitizer`);
    assert.deepEqual(result.ran, [], `${name}: script ran`);
    assert.deepEqual(dialogs, [], `${name}: a dialog opened`);
    assert.deepEqual(result.handlers, [], `${name}: handlers or unsafe URLs in the preview`);
    assert.equal(result.foreign, 0, `${name}: an element outside the policy in the preview`);
    // The tweet contexts were drawn as cards (their text went through the sanitizer).
    assert.ok(await page.locator("[data-testid=preview] .tweet-card").count() >= payloads.length, "tweet cards drawn");
    await page.close();
  }
});
