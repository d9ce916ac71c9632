// The browser half of the preview's sanitizer (see src/ui/sanitizer.rs): parses a
// block's HTML into an inert <template> (no script runs, no image loads), walks it
// with the policy Rust hands in (src/render/policy.rs), and moves the surviving nodes
// into the preview. The tree is never serialized and parsed again.
//
// Every DOM read goes through the prototypes' own getters and methods, taken once
// here: the nodes being walked are hostile, and `<form><input name=childNodes>` makes
// `form.childNodes` the input (DOM clobbering), which would derail a walk that asks the
// node itself.

const getter = (proto, name) => Object.getOwnPropertyDescriptor(proto, name).get;
const nodeType = getter(Node.prototype, "nodeType");
const parentNode = getter(Node.prototype, "parentNode");
const childNodes = getter(Node.prototype, "childNodes");
const namespaceURI = getter(Element.prototype, "namespaceURI");
const localName = getter(Element.prototype, "localName");
const { removeChild, insertBefore } = Node.prototype;
const { getAttributeNames, getAttribute, removeAttribute, setAttribute } = Element.prototype;
const createElement = Document.prototype.createElement;
const HTML = "http://www.w3.org/1999/xhtml";
const KEEP = 0;
const UNWRAP = 1;

const list = (node) => Array.from(childNodes.call(node));

/**
 * Replaces `target`'s children with the sanitized nodes of `html`.
 * `rule(isHtml, localName)` gives 0 keep, 1 unwrap, 2 drop; `attribute(tag, name,
 * value)` the value to keep or undefined; `linkRel` goes on every kept link.
 */
export function sanitizeInto(target, html, rule, attribute, linkRel) {
  const template = createElement.call(document, "template");
  template.innerHTML = html;
  const holder = template.content;
  const stack = list(holder).reverse();
  while (stack.length > 0) {
    const node = stack.pop();
    const parent = parentNode.call(node);
    if (parent === null) continue;
    const type = nodeType.call(node);
    if (type === Node.TEXT_NODE) continue;
    if (type !== Node.ELEMENT_NODE) {
      // Comments, processing instructions, CDATA: none reach the preview.
      removeChild.call(parent, node);
      continue;
    }
    const name = localName.call(node);
    const verdict = rule(namespaceURI.call(node) === HTML, name);
    if (verdict === KEEP) {
      for (const attr of getAttributeNames.call(node)) {
        const value = getAttribute.call(node, attr);
        const kept = attribute(name, attr, value);
        if (kept === undefined || kept === null) removeAttribute.call(node, attr);
        else if (kept !== value) setAttribute.call(node, attr, kept);
      }
      if (name === "a") setAttribute.call(node, "rel", linkRel);
      stack.push(...list(node).reverse());
    } else if (verdict === UNWRAP) {
      const inner = list(node);
      for (const child of inner) insertBefore.call(parent, child, node);
      removeChild.call(parent, node);
      stack.push(...inner.reverse());
    } else {
      removeChild.call(parent, node);
    }
  }
  target.replaceChildren(...list(holder));
}
