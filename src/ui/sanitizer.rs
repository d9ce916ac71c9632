//! The browser half of the preview's sanitizer gate (see `render::gate`): a block the
//! gate marked [`BROWSER_SANITIZES`] is parsed by the browser into an inert template
//! (no scripts run, no images load there), walked with the one policy of
//! `render::policy`, and its nodes are moved into the preview
//! (`editor/src/sanitize.js`). The sanitized tree is never serialized and parsed
//! again (the way mutation XSS gets in).

use crate::render::gate::BROWSER_SANITIZES;
use crate::render::policy::{self, ElementRule};
use wasm_bindgen::prelude::*;
use web_sys::Element;

#[wasm_bindgen(raw_module = "./recap-editor.js")]
extern "C" {
    #[wasm_bindgen(js_name = sanitizeInto, catch)]
    fn sanitize_into_js(
        target: &Element,
        html: &str,
        rule: &js_sys::Function,
        attribute: &js_sys::Function,
        link_rel: &str,
    ) -> Result<(), JsValue>;
}

/// A preview block (`div.block`) of `document` holding one block of the renderer's
/// HTML; the live preview and the history dialog's both come from here.
pub fn block_element(document: &web_sys::Document, html: &str) -> Option<Element> {
    let el = document.create_element("div").ok()?;
    el.set_class_name("block");
    set_block_html(&el, html);
    Some(el)
}

/// Fills `el` with one block of the renderer's HTML: through the sanitizer when the
/// gate marked it, else as it is (the gate found no raw HTML in it).
fn set_block_html(el: &Element, html: &str) {
    match html.strip_prefix(BROWSER_SANITIZES) {
        Some(raw) => sanitize_into(el, raw),
        None => el.set_inner_html(html),
    }
}

/// The policy's two questions, as functions the walker calls.
struct Policy {
    rule: Closure<dyn Fn(bool, String) -> u8>,
    attribute: Closure<dyn Fn(String, String, String) -> Option<String>>,
}

/// Replaces `el`'s children with the sanitized nodes of `html`. Should the walk fail,
/// `el` is left empty: nothing unsanitized goes in.
fn sanitize_into(el: &Element, html: &str) {
    thread_local! {
        static POLICY: Policy = Policy {
            rule: Closure::new(|html: bool, name: String| match policy::element(html, &name) {
                ElementRule::Keep => 0,
                ElementRule::Unwrap => 1,
                ElementRule::Drop => 2,
            }),
            attribute: Closure::new(|tag: String, name: String, value: String| {
                policy::attribute(&tag, &name, &value).map(|v| v.into_owned())
            }),
        };
    }
    let done = POLICY.with(|p| {
        sanitize_into_js(
            el,
            html,
            p.rule.as_ref().unchecked_ref(),
            p.attribute.as_ref().unchecked_ref(),
            policy::LINK_REL,
        )
    });
    if done.is_err() {
        el.set_inner_html("");
    }
}
